/*
 * chain_pq.h — libpq, loaded when the chain is first used (private to
 * chain*.c; include it after <libpq-fe.h>, before any call).
 *
 * libpq brings some twenty libraries with it (TLS, Kerberos, LDAP), whose
 * loading and start-up cost every uplift command about 13 ms although
 * only the chain commands talk to PostgreSQL.  So uplift does not link
 * it: chain_pq_load() opens libpq.so.5 with dlopen(3) and fills a table
 * of the functions the chain calls; the macros below send each call
 * through that table, so the code reads as plain libpq.  The header's
 * types and constants are used as they are.
 */
#ifndef UPLIFT_CHAIN_PQ_H
#define UPLIFT_CHAIN_PQ_H

#include <libpq-fe.h>

/* The libpq functions the chain calls: X(name) for each. */
#define CHAIN_PQ_FUNCTIONS(X) \
	X(PQclear) X(PQcmdTuples) X(PQconnectdbParams) X(PQconninfoFree) \
	X(PQconninfoParse) X(PQdb) X(PQerrorMessage) X(PQescapeIdentifier) \
	X(PQexec) X(PQexecParams) X(PQfinish) X(PQfreemem) X(PQgetisnull) \
	X(PQgetlength) X(PQgetvalue) X(PQhost) X(PQnfields) X(PQntuples) \
	X(PQresultErrorMessage) X(PQresultStatus) X(PQsetNoticeProcessor) \
	X(PQstatus) X(PQtransactionStatus) X(PQuser)

/* A pointer of each function's own type, named p_ and the function
 * (the ## keeps a name already made a macro below from expanding). */
struct chain_pq_api {
#define CHAIN_PQ_MEMBER(f) __typeof__(f) *p_##f;
	CHAIN_PQ_FUNCTIONS(CHAIN_PQ_MEMBER)
#undef CHAIN_PQ_MEMBER
};

/* The table; all NULL until chain_pq_load() succeeds. */
extern struct chain_pq_api chain_pq;

/*
 * Open libpq (once per process) and fill chain_pq.  0, or -1 with
 * *cause (malloc'd: which library or function is missing and the
 * package that brings it).  Every path into the chain calls it before
 * its first libpq call.
 */
int chain_pq_load(char **cause);

/* Each call through the table. */
#define PQclear (chain_pq.p_PQclear)
#define PQcmdTuples (chain_pq.p_PQcmdTuples)
#define PQconnectdbParams (chain_pq.p_PQconnectdbParams)
#define PQconninfoFree (chain_pq.p_PQconninfoFree)
#define PQconninfoParse (chain_pq.p_PQconninfoParse)
#define PQdb (chain_pq.p_PQdb)
#define PQerrorMessage (chain_pq.p_PQerrorMessage)
#define PQescapeIdentifier (chain_pq.p_PQescapeIdentifier)
#define PQexec (chain_pq.p_PQexec)
#define PQexecParams (chain_pq.p_PQexecParams)
#define PQfinish (chain_pq.p_PQfinish)
#define PQfreemem (chain_pq.p_PQfreemem)
#define PQgetisnull (chain_pq.p_PQgetisnull)
#define PQgetlength (chain_pq.p_PQgetlength)
#define PQgetvalue (chain_pq.p_PQgetvalue)
#define PQhost (chain_pq.p_PQhost)
#define PQnfields (chain_pq.p_PQnfields)
#define PQntuples (chain_pq.p_PQntuples)
#define PQresultErrorMessage (chain_pq.p_PQresultErrorMessage)
#define PQresultStatus (chain_pq.p_PQresultStatus)
#define PQsetNoticeProcessor (chain_pq.p_PQsetNoticeProcessor)
#define PQstatus (chain_pq.p_PQstatus)
#define PQtransactionStatus (chain_pq.p_PQtransactionStatus)
#define PQuser (chain_pq.p_PQuser)

#endif
