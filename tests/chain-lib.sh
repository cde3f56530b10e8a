# tests/chain-lib.sh — sourced by tests/chain.sh and tools/chain-bench.sh:
# a throwaway PostgreSQL cluster for the chain of shops, and the checks
# that compare a shop's file with what the server holds for it.
#
# Before sourcing, set `name` (the prefix of every line printed).  After:
#   $pgbin   the server's binaries;  $T  the private temporary directory
#            (removed, and the server stopped, on every exit);  $PG  the
#            cluster's directory and socket;  $PGPASSFILE  the pgpass file
#   chain_cluster                  initdb, start, roles chain_owner and hq,
#                                  the database chain (its owner chain_owner)
#   chain_role ROLE PASSWORD       a login role, and its pgpass line
#   conf NAME ROLE SHOP            $T/NAME.ini for $T/NAME.db as SHOP
#                                  (of the database $CHAIN_DB, default chain)
#   up NAME ARGS...                uplift with $T/NAME.ini
#   su_sql ARGS...                 psql as the superuser (test set-up)
#   pg_up / pg_down [MODE]         start / stop the server (fsync as
#                                  $CHAIN_FSYNC says, default off: a
#                                  throwaway cluster)
#   exact NAME SHOP LABEL          every row of $T/NAME.db on the server
#                                  exactly once (counts, sums, the lists of
#                                  keys) and integrity ok; else fail
# Skips (exit 0, saying so) where the server's binaries are not installed.

pgbin=
for d in "${PG_BINDIR:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null |
    sort -t/ -k5 -n -r); do
	if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
		pgbin=$d
		break
	fi
done
if [ -z "$pgbin" ] && command -v initdb >/dev/null 2>&1 &&
    command -v pg_ctl >/dev/null 2>&1; then
	pgbin=$(dirname "$(command -v initdb)")
fi
if [ -z "$pgbin" ] || ! command -v psql >/dev/null 2>&1; then
	echo "$name: SKIPPED — the PostgreSQL server binaries (initdb, pg_ctl," \
	    "psql) are not installed (apt-get install postgresql)"
	exit 0
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/uplift-chain.XXXXXX") || exit 2
chmod 711 "$T"
PG=$T/pg
mkdir "$PG"
if [ "$(id -u)" = 0 ]; then
	# the server never runs as root: as nobody, in its own directory
	chown nobody "$PG"
	as_pg() { setpriv --reuid=nobody --regid="$(id -g nobody)" \
	    --clear-groups -- "$@"; }
else
	as_pg() { "$@"; }
fi
pg_up() {
	as_pg "$pgbin/pg_ctl" -D "$PG/data" -l "$PG/log" -w -t 60 \
	    -o "-k $PG -c listen_addresses= -c fsync=${CHAIN_FSYNC:-off} -c max_connections=200" \
	    start >/dev/null
}
pg_down() {
	as_pg "$pgbin/pg_ctl" -D "$PG/data" -m "${1:-fast}" -w stop \
	    >/dev/null 2>&1
}
chain_cleanup() {
	touch "$T/stop" 2>/dev/null
	[ -f "$PG/data/postmaster.pid" ] && pg_down immediate
	wait 2>/dev/null
	rm -rf "$T"
}
trap chain_cleanup EXIT
trap 'exit 130' INT TERM HUP

export HOME="$T/home" TZ=UTC LC_ALL=C.UTF-8 PGPASSFILE="$T/pgpass"
unset PGPASSWORD PGHOST PGPORT PGUSER PGDATABASE UPLIFT_DB XDG_CONFIG_HOME \
    XDG_DATA_HOME
mkdir -p "$HOME"
umask 077
: >"$PGPASSFILE"
failed=0 nfail=0
fail() { echo "$name: FAIL $*"; failed=1; nfail=$((nfail + 1)); }
# section NAME: start a section; passed: no failure since (then say its line)
section() { sect=$1; section_fails=$nfail; }
passed() { [ "$nfail" -eq "$section_fails" ]; }

su_sql() { psql -h "$PG" -U postgres -d "${DB:-chain}" -X -Atq \
    -v ON_ERROR_STOP=1 "$@"; }

chain_role() {
	DB=postgres su_sql -c "CREATE ROLE $1 LOGIN PASSWORD '$2'" || exit 1
	echo "$PG:5432:*:$1:$2" >>"$PGPASSFILE"
}

chain_cluster() {
	if ! as_pg "$pgbin/initdb" -D "$PG/data" -U postgres --no-sync \
	    -A scram-sha-256 --auth-local=trust >"$T/initdb.log" 2>&1; then
		echo "$name: FAIL initdb:"
		sed 's/^/    /' "$T/initdb.log"
		exit 1
	fi
	# the superuser (test set-up only) by trust; everyone else by password
	printf 'local all postgres trust\nlocal all all scram-sha-256\n' \
	    >"$PG/data/pg_hba.conf"
	if ! pg_up; then
		echo "$name: FAIL the server did not start:"
		sed 's/^/    /' "$PG/log"
		exit 1
	fi
	chain_role chain_owner o-pw
	DB=postgres su_sql -c "ALTER ROLE chain_owner CREATEROLE" \
	    -c "CREATE DATABASE chain OWNER chain_owner" || exit 1
	chain_role hq hq-pw
}

conf() {
	cat >"$T/$1.ini" <<EOC
[shop]
name = $1
counter = till
[store]
database = $T/$1.db
[chain]
server = postgresql:///${CHAIN_DB:-chain}?host=$PG&user=$2
shop = $3
EOC
}

up() { _u=$1; shift; "$U" --config "$T/$_u.ini" "$@"; }

local_sums() {
	sqlite3 -batch "$1" "
	    SELECT 'sale', count(*), coalesce(sum(id), 0), coalesce(sum(offer_taken), 0) FROM orders;
	    SELECT 'sale_line', count(*), coalesce(sum(qty * unit_price), 0) FROM order_line;
	    SELECT 'offer', count(*), coalesce(sum(price_diff), 0), count(reason), coalesce(sum(reason), 0), coalesce(sum(outcome), 0), count(undone), coalesce(sum(undone), 0), count(addon_id) FROM offer;
	    SELECT 'addon_sale', count(*), coalesce(sum(total), 0) FROM addon_sale;
	    SELECT 'audit', count(*), coalesce(sum(id), 0) FROM audit;"
}
chain_sums() {
	su_sql -F '|' -c "
	    SELECT 'sale', count(*), coalesce(sum(id), 0), coalesce(sum(offer_taken), 0) FROM uplift.sale WHERE shop = '$1';
	    SELECT 'sale_line', count(*), coalesce(sum(qty * unit_price), 0) FROM uplift.sale_line WHERE shop = '$1';
	    SELECT 'offer', count(*), coalesce(sum(price_diff), 0), count(reason), coalesce(sum(reason), 0), coalesce(sum(outcome), 0), count(undone), coalesce(sum(undone), 0), count(addon) FROM uplift.offer WHERE shop = '$1';
	    SELECT 'addon_sale', count(*), coalesce(sum(total), 0) FROM uplift.addon_sale WHERE shop = '$1';
	    SELECT 'audit', count(*), coalesce(sum(id), 0) FROM uplift.audit WHERE shop = '$1';"
}
same_ids() {    # same_ids DB SHOP: the lists of keys, exactly
	for _t in orders:sale offer:offer addon_sale:addon_sale audit:audit; do
		sqlite3 -batch "$1" "SELECT id FROM ${_t%%:*} ORDER BY id" >"$T/l.ids"
		su_sql -c "SELECT id FROM uplift.${_t#*:} WHERE shop = '$2' ORDER BY id" >"$T/c.ids"
		cmp -s "$T/l.ids" "$T/c.ids" || return 1
	done
	sqlite3 -batch "$1" "SELECT order_id || ' ' || line FROM order_line ORDER BY order_id, line" >"$T/l.ids"
	su_sql -c "SELECT order_id || ' ' || line FROM uplift.sale_line WHERE shop = '$2' ORDER BY order_id, line" >"$T/c.ids"
	cmp -s "$T/l.ids" "$T/c.ids"
}
exact() {
	local_sums "$T/$1.db" >"$T/l.sums"
	chain_sums "$2" >"$T/c.sums"
	if ! cmp -s "$T/l.sums" "$T/c.sums" || ! same_ids "$T/$1.db" "$2"; then
		fail "$3: shop $2 differs from its file:"
		diff "$T/l.sums" "$T/c.sums" | sed 's/^/    /'
		return 1
	fi
	if [ "$(sqlite3 "$T/$1.db" 'PRAGMA integrity_check')" != ok ]; then
		fail "$3: $1.db integrity_check"
		return 1
	fi
	return 0
}
