#!/bin/sh
# tools/embed-sql.sh FILE... > chain_sql.c — the chain server's migrations
# (sql/chain/NNN-*.sql, in the order given) as C strings, so that uplift
# carries the schema it needs (model/chain_sql.h).  Backslashes, quotes
# and question marks (trigraphs) are escaped; lines keep their newlines.
set -eu
echo '/* Made by tools/embed-sql.sh from the files of sql/chain: do not edit. */'
echo '#include <stddef.h>'
echo '#include "model/chain_sql.h"'
echo
echo 'const char *const chain_sql_migrations[] = {'
n=0
for f in "$@"; do
	n=$((n + 1))
	printf '\t/* %s */\n' "$(basename "$f")"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' \
	    -e 's/^/\t"/' -e 's/$/\\n"/' "$f"
	printf '\t,\n'
done
echo '	NULL'
echo '};'
echo
echo "const int chain_schema_version = $n;"
