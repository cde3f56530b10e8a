#!/bin/sh
# make check-layers: the layer rule of ../shared/docs/style.md, by grep.
#   model/  never includes curses; only model/store*.c (and the store's private
#           model/store_impl.h) include sqlite3.h
#   libpq (the chain's PostgreSQL) only in model/chain.c; the console and
#   the views never reach the chain
#   views/  never touches the store or SQL
#   iniparser is included only by app/config.c
#   no banned string functions; no numeric iniparser getters (CVE-2023-33461)
fail=0
bad() { echo "check-layers: $*" >&2; fail=1; }

hits=$(grep -lE '#include[[:space:]]*[<"](n?cursesw?/)?(n?curses|panel|menu|form|term)\.h' model/*.[ch] app/*.[ch] 2>/dev/null)
[ -n "$hits" ] && bad "curses included outside views/: $hits"
hits=$(grep -lE 'sqlite3' model/*.[ch] app/*.[ch] views/*.[ch] 2>/dev/null | grep -vE '^model/store[a-z_]*\.c$|^model/store_impl\.h$')
[ -n "$hits" ] && bad "sqlite3 used outside model/store*.c: $hits"
hits=$(grep -lE '#include[[:space:]]*[<"]libpq|[^A-Za-z_]PQ[a-z]+[A-Za-z]*[[:space:]]*\(|PGconn|PGresult' model/*.[ch] app/*.[ch] views/*.[ch] tools/*.c 2>/dev/null | grep -vE '^model/chain\.c$')
[ -n "$hits" ] && bad "libpq used outside model/chain.c: $hits"
hits=$(grep -lE 'model/(chain|sync)\.h|chain_|sync_run' app/console.c views/*.[ch] model/session.c model/desk.c 2>/dev/null)
[ -n "$hits" ] && bad "the console reaches for the chain (it must sell offline): $hits"
hits=$(grep -lE 'store\.h|store_' views/*.[ch] 2>/dev/null)
[ -n "$hits" ] && bad "views/ touches the store: $hits"
hits=$(grep -lE '#include[[:space:]]*[<"]iniparser|iniparser_[a-z]+[[:space:]]*\(' model/*.[ch] views/*.[ch] app/*.[ch] 2>/dev/null | grep -v '^app/config\.c$')
[ -n "$hits" ] && bad "iniparser outside app/config.c: $hits"
hits=$(grep -nE 'iniparser_get(int|longint|double|boolean)|iniparser_dump' app/*.c 2>/dev/null)
[ -n "$hits" ] && bad "numeric iniparser getters or dump (CVE-2023-33461): $hits"
hits=$(grep -nE '(^|[^_a-z])(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atof)[[:space:]]*\(' model/*.c views/*.c app/*.c 2>/dev/null)
[ -n "$hits" ] && bad "banned string functions: $hits"
hits=$(grep -lE '(^|[^a-z_])(printf|fprintf|puts|fputs)[[:space:]]*\(' views/*.c 2>/dev/null)
[ -n "$hits" ] && bad "views/ prints past curses: $hits"
if [ $fail -eq 0 ]; then echo "check-layers: ok (model/ curses-free, sqlite only in the store, libpq only in model/chain.c, the console offline, views/ SQL-free, iniparser only in app/config.c)"; fi
exit $fail
