/*
 * chain_sql — the server's schema, sql/chain/NNN-*.sql, built into uplift
 * (build/gen/chain_sql.c is made from those files by tools/embed-sql.sh):
 * chain_sql_migrations[i] brings the schema from version i to i + 1.
 * Only model/chain.c uses it.
 */
#ifndef UPLIFT_CHAIN_SQL_H
#define UPLIFT_CHAIN_SQL_H

/* The migrations, in order, then NULL. */
extern const char *const chain_sql_migrations[];

/* How many there are: the newest schema. */
extern const int chain_schema_version;

#endif
