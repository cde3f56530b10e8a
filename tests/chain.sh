#!/bin/sh
# tests/chain.sh BIN SELLER — the chain of shops against a real PostgreSQL
# server (make check-chain; part of make check).
#
# Starts a throwaway cluster (initdb and pg_ctl in a temporary directory,
# run as an unprivileged user — nobody when run as root — listening only
# on a Unix socket in that directory, passwords checked with
# scram-sha-256 and taken from a pgpass file), and stops and removes it on
# every exit path.  Nothing outside this machine is contacted.  Skipped,
# saying so, only where the PostgreSQL server binaries are not installed.
#
#   setup       the chain's schema (uplift chain migrate), roles: an owner,
#               the head office (uplift_admin), one login role per shop;
#               the head office publishes the demo catalogue
#   refusals    a password in [chain] server, PGPASSWORD, a role that is
#               another shop, a file bound to another shop, local edits of
#               the chain's data, rows of another shop (row-level security)
#   selling     shops A and B (tills) and hotel H (front desk) sell while
#               each syncs every 2 s; the server is stopped for
#               CHAIN_STOP_SECONDS (30) in the middle and started again;
#               after a last sync every sale, line, offer, reason, add-on
#               sale and audit row is on the server exactly once (counts,
#               sums and the lists of ids against the local files)
#   kill        uplift sync of shop K killed with SIGKILL at random points
#               CHAIN_KILLS (100) times while K sells: 0 lost, 0 doubled
#   customers   a customer made at A is found at B after one sync each;
#               erased at B, gone at A (and from A's file) after the next;
#               made again at B, erased again by the suppression list
#   privacy     issue 14 across the chain: an email id is one customer
#               with the chain's keyed code (rekeyed at a shop's first
#               sync); the phone search rules for a customer that came
#               down; someone a shop erased is not made again by a sync
#               down, and the erasure goes up; uplift check passes; the
#               audit rows on the server carry the files' hashes
#   model       rebuild --chain over every shop's orders; C and D load the
#               same model (the same SHA-256 as published) and suggest the
#               same; a local rebuild is refused
#   upgrade     a server of schema 1 with rows is migrated to 2 (issue
#               17's offer columns), its rows kept
#   backup      a shop's file restored from an older backup is caught
#   desk        issue 17 at the head office: hotel E's accept that went up
#               and was undone later is sent again with its undone mark
#               and no longer counted as accepted; its add-on sale is,
#               by the add-on's name; report hotel --chain gives E's
#               hotel as E's own report hotel does
#   report      report shops --chain against the counts
#
# Prints a line per section with its figures; exits 1 if one failed.
set -u

if [ $# -ne 2 ]; then
	echo "usage: sh tests/chain.sh BIN SELLER" >&2
	exit 2
fi
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
U=$(abs "$1")
SELLER=$(abs "$2")
top=$(cd "$(dirname "$0")/.." && pwd)
DEMO=$top/assets/demo
STOP_SECONDS=${CHAIN_STOP_SECONDS:-30}
KILLS=${CHAIN_KILLS:-100}

name=chain
. "$top/tests/chain-lib.sh"
chain_cluster
for s in a b h k c d e; do chain_role "shop_$s" "$s-pw"; done
conf owner chain_owner ""
conf hq hq ""
for s in a b h k c d e; do conf "$s" "shop_$s" "$(echo $s | tr a-z A-Z)"; done

# ---- setup ---------------------------------------------------------------
if ! up owner chain migrate >"$T/out" 2>&1 || ! grep -q 'schema 0 -> 2' "$T/out"; then
	fail "setup: chain migrate"; cat "$T/out"; exit 1
fi
up owner chain migrate >"$T/out" 2>&1
grep -q 'schema 2 -> 2' "$T/out" || fail "setup: a second migrate changes nothing"
su_sql -c "GRANT uplift_admin TO hq" || exit 1
for s in a b h k c d e; do
	S=$(echo $s | tr a-z A-Z)
	up owner chain add-shop "$S" --role "shop_$s" >/dev/null || {
		fail "setup: add-shop $S"; exit 1; }
done
up hq import "$DEMO/items.csv" "$DEMO/categories.csv" "$DEMO/bundles.csv" \
    >/dev/null &&
    up hq import-scripts "$top"/assets/scripts/*.txt >/dev/null &&
    up hq chain publish >"$T/out" || { fail "setup: publish"; exit 1; }
echo "chain: setup ok (PostgreSQL $("$pgbin/postgres" -V | awk '{print $3}'), schema 2; $(cat "$T/out"))"

section upgrade
# ---- a server of schema 1 migrated to 2 ------------------------------------------
# Made as the first release made it (sql/chain/001 and its record), with a
# shop and an offer row; uplift chain migrate brings it to 2 and keeps it.
DB=postgres su_sql -c "CREATE DATABASE chain1 OWNER chain_owner" || exit 1
{
	echo "CREATE SCHEMA uplift;"
	echo "CREATE TABLE uplift.migration(version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now());"
	cat "$top/sql/chain/001-schema.sql"
	echo "INSERT INTO uplift.migration(version) VALUES (1);"
	echo "INSERT INTO uplift.chain_shop(code, role) VALUES ('Z', 'shop_a');"
	echo "INSERT INTO uplift.offer(shop, id, at, kind, price_diff, outcome, hotel, reservation) VALUES ('Z', 1, 0, 0, 2000, 1, 'Old Hotel', 'X-1');"
} >"$T/v1.sql"
psql -h "$PG" -U chain_owner -d chain1 -X -q -v ON_ERROR_STOP=1 -f "$T/v1.sql" >"$T/out" 2>&1 ||
    { fail "upgrade: a server of schema 1:"; cat "$T/out"; }
CHAIN_DB=chain1 conf owner1 chain_owner ""
up owner1 chain migrate >"$T/out" 2>&1 && grep -q 'schema 1 -> 2' "$T/out" ||
    { fail "upgrade: chain migrate from 1:"; cat "$T/out"; }
got=$(DB=chain1 su_sql -c "SELECT count(*), count(undone), count(addon), max(reservation) FROM uplift.offer")
[ "$got" = "1|0|0|X-1" ] || fail "upgrade: the offer rows after the migration: '$got'"
passed && echo "chain: upgrade ok (schema 1 with an offer row -> 2: the row kept, its undone and addon empty)"

section refusals
# ---- refusals --------------------------------------------------------------
n=0
expect() {     # expect RC PATTERN CMD...: exit RC and PATTERN in stderr
	rc=$1 pat=$2
	shift 2
	"$@" >"$T/out" 2>&1
	got=$?
	n=$((n + 1))
	if [ $got -ne "$rc" ] || ! grep -q -- "$pat" "$T/out"; then
		fail "$sect: '$*' exit $got (want $rc, '$pat'):"
		sed 's/^/    /' "$T/out"
	fi
}
cp "$T/a.ini" "$T/pw.ini"
sed -i "s|^server = .*|server = postgresql://shop_a:a-pw@localhost/chain|" \
    "$T/pw.ini"
expect 2 'holds a password' "$U" --config "$T/pw.ini" sync
grep -q 'a-pw' "$T/out" && fail "refusals: the password was printed"
expect 2 'holds a password' "$U" check-config "$T/pw.ini"
expect 2 'PGPASSWORD' env PGPASSWORD=x "$U" --config "$T/a.ini" sync
cp "$T/a.ini" "$T/wrong.ini"
sed -i 's/^shop = A/shop = B/' "$T/wrong.ini"
expect 1 'this role is shop A, \[chain\] shop says B' "$U" --config "$T/wrong.ini" sync
printf '[store]\ndatabase = %s/x.db\n' "$T" >"$T/none.ini"
expect 2 'in no chain' "$U" --config "$T/none.ini" sync
sed -i "s|host=$PG|host=$T/nowhere|" "$T/wrong.ini"
expect 1 'cannot connect' "$U" --config "$T/wrong.ini" sync
# a shop's role may write only its own shop's rows, and not the chain's
shop_sql() { psql -h "$PG" -U "shop_$1" -d chain -X -Atq -v ON_ERROR_STOP=1 \
    -c "$2"; }
expect 1 'row-level security' shop_sql a "INSERT INTO uplift.sale(shop, id, code, at, kind) VALUES ('B', 1, 'x', 0, 0)"
expect 1 'permission denied' shop_sql a "UPDATE uplift.item SET price = 1"
expect 1 'permission denied' shop_sql a "INSERT INTO uplift.model(built, sha256, size, orders, items, data) VALUES (0, '', 0, 0, 0, '')"
expect 1 'permission denied' shop_sql a "SELECT value FROM uplift.meta"
[ "$(shop_sql a "SELECT count(*) FROM uplift.sale WHERE shop <> 'A'")" = 0 ] ||
    fail "refusals: shop A reads other shops' sales"
passed && echo "chain: refusals ok ($n refused as they should be)"

section selling
# ---- selling while syncing, the server stopped in the middle -----------------
for s in a b; do
	up $s import "$DEMO/items.csv" "$DEMO/customers.csv" >/dev/null || exit 1
done
up h import "$DEMO/items.csv" "$DEMO/customers.csv" "$DEMO/room_types.csv" \
    "$DEMO/rooms.csv" "$DEMO/reservations.csv" "$DEMO/addons.csv" \
    >/dev/null || exit 1
head -1 "$DEMO/orders.csv" >"$T/hist.csv"
sed -n '2,600p' "$DEMO/orders.csv" >>"$T/hist.csv"
up a import "$T/hist.csv" >/dev/null && up a rebuild >/dev/null || exit 1
cp "$T/a.db" "$T/b.db"       # B opens with A's history (its own ids)
# A's customers go up first, so that they are A's on the server: B's same
# customers (the copied file's) then link to them as the chain's (own = 0)
# and B's sales to them are sales to customers made at another shop.  Left
# to the two syncers' race, B went up first now and then, and the figure
# below fell to 0 without failing.
up a sync >/dev/null 2>&1 || { fail "selling: the first sync of A"; exit 1; }
rm -f "$T/stop"
"$SELLER" "$T/a.db" shop 11 0 "$T/stop" >"$T/sold.a" 2>"$T/err.a" &
"$SELLER" "$T/b.db" shop 22 0 "$T/stop" >"$T/sold.b" 2>"$T/err.b" &
"$SELLER" "$T/h.db" hotel 33 0 "$T/stop" >"$T/sold.h" 2>"$T/err.h" &
syncer() {      # syncer NAME: sync every 2 s until stop; tally the exits
	while [ ! -e "$T/stop" ]; do
		if up "$1" sync >>"$T/sync.$1" 2>>"$T/syncerr.$1"; then
			echo ok >>"$T/tally.$1"
		else
			echo fail >>"$T/tally.$1"
		fi
		sleep 2
	done
}
for s in a b h; do syncer $s & done
sleep 10
count_sold() { cat "$T"/sold.a "$T"/sold.b "$T"/sold.h | grep -c '^order\|^answer\|^addon'; }
sold_before=$(count_sold)
pg_down fast
stopped_at=$(date +%s)
sleep "$STOP_SECONDS"
sold_during=$(( $(count_sold) - sold_before ))
pg_up || { fail "selling: the server did not start again"; exit 1; }
down_for=$(( $(date +%s) - stopped_at ))
sleep 10
touch "$T/stop"
wait
rm -f "$T/stop"
for s in a b h; do
	i=0
	until up $s sync >"$T/last.$s" 2>&1; do
		i=$((i + 1))
		[ $i -lt 10 ] || { fail "selling: the last sync of $s:"; cat "$T/last.$s"; break; }
		sleep 1
	done
done
figures=""
for s in a b h; do
	S=$(echo $s | tr a-z A-Z)
	exact $s $S selling || continue
	f=$(awk -F'|' '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2} $1 == "offer" {printf " (%s with a reason, %s about an add-on)", $4, $9}' "$T/l.sums")
	figures="$figures; $S: $f"
done
# every sale to a known customer is the chain's customer's, whichever
# shop made them
orphans=$(su_sql -c "SELECT count(*) FROM uplift.sale s WHERE s.customer IS NOT NULL AND NOT EXISTS (SELECT 1 FROM uplift.shop_customer c WHERE c.shop = s.shop AND c.id = s.customer)")
[ "$orphans" = 0 ] || fail "selling: $orphans sales whose customer the server cannot tell"
came_down=$(sqlite3 "$T/b.db" "SELECT count(*) FROM orders o JOIN chain_link l ON l.tbl = 'customer' AND l.id = o.customer_id AND l.own = 0")
ok_a=$(grep -c ok "$T/tally.a"); fail_a=$(grep -c fail "$T/tally.a")
ok_b=$(grep -c ok "$T/tally.b"); fail_b=$(grep -c fail "$T/tally.b")
ok_h=$(grep -c ok "$T/tally.h"); fail_h=$(grep -c fail "$T/tally.h")
[ "$sold_during" -gt 0 ] || fail "selling: nothing was sold while the server was down"
[ "$came_down" -gt 0 ] ||
    fail "selling: none of B's sales went to a customer made at another shop (A's customers did not come down to B as the chain's)"
[ "$fail_a" -gt 0 ] && [ "$fail_b" -gt 0 ] && [ "$fail_h" -gt 0 ] ||
    fail "selling: no sync ran into the stopped server"
grep -q 'cannot connect' "$T/syncerr.a" ||
    fail "selling: a sync to the stopped server did not say it could not connect"
for s in a b h; do
	[ -s "$T/err.$s" ] && { fail "selling: the $s seller said:"; sed 's/^/    /' "$T/err.$s"; }
done
passed && echo "chain: selling ok ($came_down of B's sales to customers made at other shops, each one known to the server as the chain's customer; server down ${down_for} s; ${sold_during} sales and answers made meanwhile; syncs A ${ok_a} ok/${fail_a} failed, B ${ok_b}/${fail_b}, H ${ok_h}/${fail_h}; exactly once on the server, counts, sums and ids$figures)"

section kill
# ---- kill -9 of uplift sync, KILLS times -------------------------------------
up k import "$DEMO/items.csv" "$DEMO/customers.csv" >/dev/null &&
    up k rebuild >/dev/null 2>&1
up k sync >/dev/null 2>&1 || { fail "kill: the first sync of K"; }
rm -f "$T/stop"
"$SELLER" "$T/k.db" shop 44 0 "$T/stop" >"$T/sold.k" 2>"$T/err.k" &
seller=$!
i=0 alive=0 seed=1
while [ $i -lt "$KILLS" ]; do
	up k sync >/dev/null 2>&1 &
	pid=$!
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	sleep "$(awk -v r=$seed 'BEGIN { printf "%.3f", (r % 250) / 1000 }')"
	if kill -0 $pid 2>/dev/null; then
		alive=$((alive + 1))
	fi
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done
touch "$T/stop"
wait $seller
i=0
until up k sync >"$T/last.k" 2>&1; do
	i=$((i + 1))
	[ $i -lt 20 ] || { fail "kill: the last sync of K:"; cat "$T/last.k"; break; }
	sleep 1
done
if exact k K kill && passed; then
	f=$(awk -F'|' '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}' "$T/l.sums")
	echo "chain: kill ok ($KILLS × SIGKILL, $alive of them mid-sync; 0 lost, 0 doubled: $f on the server as in the file; integrity ok)"
fi

section customers
# ---- a customer across shops, and erasure both ways --------------------------
printf 'id,name,phone,email,loyalty,language,segment,consent\nZ0001,Zara Quinton,+44 7700 900123,zara.q@example.org,L-777001,en,Gold,yes\n' \
    >"$T/zara.csv"
ok=1
up a import "$T/zara.csv" >/dev/null && up a sync >/dev/null && up b sync >/dev/null || ok=0
up b customers --find L-777001 --format tsv >"$T/out" 2>&1
grep -q 'Zara Quinton' "$T/out" || { fail "customers: Zara made at A is not found at B:"; cat "$T/out"; ok=0; }
# B cannot change A's customer; B can erase her
printf 'id,name,phone,email,loyalty,language,segment,consent\nZ0001,Zara Changed,+44 7700 900123,zara.q@example.org,L-777001,en,Gold,yes\n' \
    >"$T/zara2.csv"
expect 1 "this customer is the chain's" "$U" --config "$T/b.ini" import "$T/zara2.csv"
up b erase-customer Z0001 --yes >/dev/null 2>&1 || { fail "customers: erase at B"; ok=0; }
up b sync >/dev/null && up a sync >"$T/out" 2>&1 || ok=0
grep -q 'erased=1 ' "$T/out" || { fail "customers: A's sync erased nobody:"; cat "$T/out"; ok=0; }
up a customers --find L-777001 --format tsv >"$T/out" 2>&1
grep -q Zara "$T/out" && { fail "customers: Zara still found at A"; ok=0; }
for s in a b; do
	if grep -c -a -e 'Zara Quinton' -e 'L-777001' -e '900123' "$T/$s.db" \
	    "$T/$s.db-wal" 2>/dev/null | grep -qv ':0$'; then
		fail "customers: a copy of Zara is left in $s.db"
		ok=0
	fi
done
[ "$(su_sql -c "SELECT count(*) FROM uplift.customer WHERE name LIKE 'Zara%' OR loyalty = 'L-777001'")" = 0 ] ||
    { fail "customers: Zara is still on the server"; ok=0; }
[ "$(su_sql -c "SELECT count(*) FROM uplift.suppressed")" = 1 ] ||
    { fail "customers: no suppression entry"; ok=0; }
# made again at D, which never heard of her: the chain erases her there
up d import "$DEMO/items.csv" "$T/zara.csv" >/dev/null && up d sync >"$T/out" 2>&1 || ok=0
grep -q 'suppressed=1' "$T/out" || { fail "customers: D's Zara was not suppressed:"; cat "$T/out"; ok=0; }
[ "$(sqlite3 "$T/d.db" "SELECT count(*) FROM customer WHERE name LIKE 'Zara%'")" = 0 ] ||
    { fail "customers: D keeps Zara"; ok=0; }
[ $ok = 1 ] && passed && echo "chain: customers ok (made at A, found at B after one sync each; erased at B, gone at A, from its file and from the server after the next; made again at D: erased there by the suppression list)"

section privacy
# ---- issue 14's privacy across the chain ----------------------------------------
# Keyed codes: an id that is an email address becomes P-<keyed hash>; in a
# chain the key is the chain's, so the same address is one chain customer.
# C imported Nina before it ever synced (its own key): its first sync
# rekeys her to the chain's code (her record still holds the address).
ok=1
printf 'id,name,phone,email\nnina.p@example.org,Nina Patel,+44 7700 900456,nina.p@example.org\n' >"$T/nina.csv"
up c import "$T/nina.csv" >/dev/null && up a import "$T/nina.csv" >/dev/null || ok=0
ca=$(sqlite3 "$T/a.db" "SELECT code FROM customer WHERE name = 'Nina Patel'")
cc=$(sqlite3 "$T/c.db" "SELECT code FROM customer WHERE name = 'Nina Patel'")
case $ca in P-????????????????) ;; *) fail "privacy: A keeps Nina as '$ca'"; ok=0 ;; esac
[ "$ca" != "$cc" ] || { fail "privacy: C had the chain's code before its first sync"; ok=0; }
up a sync >/dev/null && up c sync >/dev/null && up b sync >/dev/null || { fail "privacy: sync A, C, B"; ok=0; }
cc=$(sqlite3 "$T/c.db" "SELECT code FROM customer WHERE name = 'Nina Patel'")
[ "$ca" = "$cc" ] || { fail "privacy: C's Nina is $cc, A's $ca"; ok=0; }
n=$(su_sql -c "SELECT count(*) FROM uplift.customer WHERE name = 'Nina Patel'")
[ "$n" = 1 ] || { fail "privacy: Nina is $n customers on the server"; ok=0; }
# found at B (which never saw the address) by the whole address, by the
# phone's last 4 digits or its whole number, never by 5 trailing digits
for q in nina.p@example.org NINA.P@Example.org 0456 "+44 7700 900456"; do
	up b customers --find "$q" --format tsv >"$T/out" 2>&1
	grep -q 'Nina Patel' "$T/out" || { fail "privacy: B does not find Nina by '$q'"; ok=0; }
done
up b customers --find 00456 --format tsv >"$T/out" 2>&1
grep -q 'Nina Patel' "$T/out" && { fail "privacy: B finds Nina by 5 trailing digits"; ok=0; }
# The suppression list and a sync down: H erases Omar before he ever went
# up; A makes him and sends him; H's sync does not make him again, and
# its next sends his erasure to the chain, so A erases him too.
printf 'id,name,phone\nO0001,Omar Said,+44 7700 900789\n' >"$T/omar.csv"
up h import "$T/omar.csv" >/dev/null && up h erase-customer O0001 --yes >/dev/null 2>&1 ||
    { fail "privacy: H makes and erases Omar"; ok=0; }
up a import "$T/omar.csv" >/dev/null && up a sync >/dev/null && up h sync >/dev/null ||
    { fail "privacy: sync A, H"; ok=0; }
[ "$(sqlite3 "$T/h.db" "SELECT count(*) FROM customer WHERE name = 'Omar Said'")" = 0 ] ||
    { fail "privacy: the sync down made Omar again at H"; ok=0; }
up h sync >"$T/out" 2>&1 || ok=0
grep -q 'changed=[0-9]* erased=1;' "$T/out" || { fail "privacy: H sent no erasure:"; cat "$T/out"; ok=0; }
up a sync >"$T/out" 2>&1 || ok=0
[ "$(sqlite3 "$T/a.db" "SELECT count(*) FROM customer WHERE name = 'Omar Said'")" = 0 ] ||
    { fail "privacy: A keeps Omar"; ok=0; }
# uplift check: the chain's tables are part of the schema, the audit
# chain holds after the erasures the syncs made; the audit rows on the
# server carry each shop's hashes as the file has them
for s in a b c h d; do
	up $s check >"$T/out" 2>&1 || { fail "privacy: uplift check of $s.db:"; cat "$T/out"; ok=0; }
done
for S in A B H; do
	s=$(echo $S | tr A-Z a-z)
	up $s sync >/dev/null || { fail "privacy: sync $S"; ok=0; }
	sqlite3 -separator ' ' "$T/$s.db" "SELECT id, hash FROM audit ORDER BY id" >"$T/audit.l"
	su_sql -F ' ' -c "SELECT id, hash FROM uplift.audit WHERE shop = '$S' ORDER BY id" >"$T/audit.s"
	cmp -s "$T/audit.l" "$T/audit.s" || { fail "privacy: $S's audit hashes differ on the server"; ok=0; }
done
[ $ok = 1 ] && passed && echo "chain: privacy ok (an email id is one chain customer with the chain's keyed code, C's own code rekeyed at its first sync; found at B by the whole address, the last 4 digits or the whole number, not by 5 digits; erased at H before it went up: not made again by the sync down, erased at A after the next; uplift check ok for 5 shops; $(wc -l <"$T/audit.l") audit rows of H with the file's hashes on the server)"

section model
# ---- the chain's model ---------------------------------------------------------
head -1 "$DEMO/orders.csv" >"$T/c.csv"
sed -n '601,2200p' "$DEMO/orders.csv" >>"$T/c.csv"
head -1 "$DEMO/orders.csv" >"$T/d.csv"
sed -n '2201,3769p' "$DEMO/orders.csv" >>"$T/d.csv"
ok=1
up c import "$DEMO/items.csv" "$DEMO/customers.csv" "$T/c.csv" >/dev/null &&
    up d import "$DEMO/customers.csv" "$T/d.csv" >/dev/null || ok=0
up c rebuild >/dev/null || ok=0
sqlite3 "$T/c.db" "SELECT writefile('$T/c-local.bin', data) FROM model" >/dev/null
up c sync >/dev/null && up d sync >/dev/null || { fail "model: sync C, D"; ok=0; }
up hq rebuild --chain >"$T/rebuild" 2>&1 || { fail "model: rebuild --chain:"; cat "$T/rebuild"; ok=0; }
sha=$(awk '$1 == "model_sha256" { print $2 }' "$T/rebuild")
orders=$(awk '$1 == "orders" { print $2 }' "$T/rebuild")
want=$(su_sql -c "SELECT count(*) FROM uplift.sale s WHERE kind = 0 AND EXISTS
    (SELECT 1 FROM uplift.sale_line l LEFT JOIN uplift.item i ON i.sku = l.sku
     WHERE l.shop = s.shop AND l.order_id = s.id AND l.qty > 0
     AND coalesce(i.kind, (SELECT si.kind FROM uplift.shop_item si
     WHERE si.sku = l.sku ORDER BY si.shop, si.id LIMIT 1), 0) = 0)")
[ "$orders" = "$want" ] || { fail "model: rebuild --chain mined $orders orders, the chain has $want"; ok=0; }
[ "$sha" = "$(su_sql -c "SELECT sha256 FROM uplift.model ORDER BY id DESC LIMIT 1")" ] ||
    { fail "model: the published checksum"; ok=0; }
up c sync >/dev/null && up d sync >/dev/null || ok=0
for s in c d; do
	sqlite3 "$T/$s.db" "SELECT writefile('$T/$s.bin', data) FROM model" >/dev/null
	got=$(sha256sum "$T/$s.bin" | awk '{print $1}')
	[ "$got" = "$sha" ] || { fail "model: $s holds $got, the chain published $sha"; ok=0; }
done
local_sha=$(sha256sum "$T/c-local.bin" | awk '{print $1}')
[ "$local_sha" != "$sha" ] || { fail "model: the chain's model is C's own"; ok=0; }
basket=SH-HERB-050,GR-MILK-1L,EL-PHON-A14
up c suggest --basket $basket --format tsv >"$T/sug.c" 2>&1
up d suggest --basket $basket --format tsv >"$T/sug.d" 2>&1
[ -s "$T/sug.c" ] && cmp -s "$T/sug.c" "$T/sug.d" ||
    { fail "model: suggest differs at C and D:"; diff "$T/sug.c" "$T/sug.d"; ok=0; }
expect 1 "the model is the chain's" "$U" --config "$T/c.ini" rebuild
# the chain's catalogue and talking points are changed at the head office
{ head -1 "$DEMO/items.csv"; sed -n 2p "$DEMO/items.csv" | sed 's/,1\.29,/,1.39,/'; } >"$T/dearer.csv"
expect 1 "in the chain's catalogue" "$U" --config "$T/c.ini" import "$T/dearer.csv"
expect 2 "talking points are the chain's" "$U" --config "$T/c.ini" import-scripts "$top/assets/scripts/en.txt"
[ $ok = 1 ] && passed && echo "chain: model ok (rebuild --chain mined $orders orders of every shop; C and D hold the published model, sha256 $sha (C's own was $local_sha); suggest --basket $basket gives the same $(wc -l <"$T/sug.c") lines at both; a local rebuild, a dearer item and other talking points are refused)"

section backup
# ---- a file restored from an older backup -------------------------------------
cp "$T/b.db" "$T/b-old.db"
"$SELLER" "$T/b.db" shop 55 20 >/dev/null 2>&1 && up b sync >/dev/null || fail "backup: B sells"
cp "$T/b-old.db" "$T/b.db"
rm -f "$T/b.db-wal" "$T/b.db-shm"
"$SELLER" "$T/b.db" shop 66 20 >/dev/null 2>&1
expect 1 'not the one that sent it' "$U" --config "$T/b.ini" sync
passed && echo "chain: backup ok (a file restored from an older backup, then selling again, is refused: nothing of it mixed in)"

section desk
# ---- the desk's undone answers and add-ons at the head office -----------------
# Hotel E (the demo hotel renamed Harbour Hotel, so that no other shop's
# rows are in its lines), on the demo's day (the goldens' clock shim):
# two upgrades accepted and an add-on sold, synced; then one upgrade
# undone and synced again (its row went up before: the undone mark must
# follow it).
cat >"$T/fixclock.c" <<'EOC'
#include <stdlib.h>
#include <time.h>
time_t time(time_t *t) { const char *e = getenv("FIXCLOCK");
	time_t v = e != NULL ? (time_t)strtoll(e, NULL, 10) : 0;
	if (t) *t = v; return v; }
EOC
${CC:-cc} -shared -fPIC -o "$T/fixclock.so" "$T/fixclock.c" ||
    fail "desk: cannot build the clock shim"
at_e() { env LD_PRELOAD="$T/fixclock.so" FIXCLOCK=1795444320 "$U" \
    --config "$T/e.ini" "$@"; }
HH="Harbour Hotel"
ok=1
for f in customers room_types rooms reservations addons; do
	sed 's/Riverside Hotel/Harbour Hotel/' "$DEMO/$f.csv" >"$T/e-$f.csv"
done
up e import "$T/e-customers.csv" "$T/e-room_types.csv" "$T/e-rooms.csv" \
    "$T/e-reservations.csv" "$T/e-addons.csv" >/dev/null || ok=0
at_e upgrades --hotel "$HH" RH-10120 --accept SUP >"$T/out" 2>&1 &&
    at_e upgrades --hotel "$HH" RH-10121 --accept SUP >>"$T/out" 2>&1 &&
    at_e upgrades --hotel "$HH" RH-10122 --add BRK >>"$T/out" 2>&1 ||
    { fail "desk: answers at E:"; cat "$T/out"; ok=0; }
office() {      # office WHEN: E's hotel's lines of report hotel, the head
	        # office's (--chain) and E's own, must be the same
	up hq report hotel --chain --from 2026-11-01 --to 2026-11-30 \
	    --format tsv 2>&1 | grep "^$HH" >"$T/office"
	up e report hotel --from 2026-11-01 --to 2026-11-30 --format tsv \
	    2>&1 | grep "^$HH" >"$T/local"
	if [ ! -s "$T/office" ] || ! cmp -s "$T/office" "$T/local"; then
		fail "desk: the office's report hotel differs from E's own ($1):"
		diff "$T/local" "$T/office" | sed 's/^/    /'
		ok=0
	fi
}
accepted() { awk -F'\t' -v k="$1" '$1 == k { print $3 }' "$T/office"; }
up e sync >/dev/null 2>&1 || { fail "desk: sync E"; ok=0; }
office "before the undo"
[ "$(accepted "$HH")" = 2 ] ||
    { fail "desk: the office counts '$(accepted "$HH")' upgrades accepted at E, not 2"; ok=0; }
[ "$(accepted "$HH · Breakfast")" = 1 ] ||
    { fail "desk: the office does not count E's Breakfast by name:"; cat "$T/office"; ok=0; }
at_e upgrades --hotel "$HH" RH-10120 --undo SUP >"$T/out" 2>&1 ||
    { fail "desk: the undo at E:"; cat "$T/out"; ok=0; }
up e sync >"$T/out" 2>&1 || { fail "desk: sync E after the undo:"; cat "$T/out"; ok=0; }
office "after the undo"
[ "$(accepted "$HH")" = 1 ] ||
    { fail "desk: the office counts the undone accept: '$(accepted "$HH")' accepted at E, not 1"; ok=0; }
undone=$(su_sql -c "SELECT count(*) FROM uplift.offer WHERE shop = 'E' AND undone IS NOT NULL AND reservation = 'RH-10120'")
[ "$undone" = 1 ] || { fail "desk: RH-10120's undone mark is not on the server ($undone)"; ok=0; }
exact e E desk || ok=0
[ $ok = 1 ] && passed && echo "chain: desk ok (E's accept undone after it went up: sent again with its mark; the office counts 1 upgrade accepted, not 2, and Breakfast by name; report hotel --chain gives E's hotel as E's own does: $(tr '\t\n' ' ;' <"$T/office"))"

section report
# ---- report --chain --------------------------------------------------------------
up hq report shops --chain --format tsv >"$T/rep" 2>&1 || fail "report: report shops --chain"
for S in A H K E; do
	want=$(su_sql -c "SELECT count(*) FILTER (WHERE outcome = 0 OR (outcome IN (1, 2) AND reservation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM uplift.offer s WHERE s.shop = o.shop AND s.reservation = o.reservation AND s.id < o.id AND s.outcome = 0 AND s.training = 0 AND s.hotel IS NOT DISTINCT FROM o.hotel AND s.room_type IS NOT DISTINCT FROM o.room_type AND s.addon IS NOT DISTINCT FROM o.addon))) || E'\t' || count(*) FILTER (WHERE outcome = 1 AND undone IS NULL) FROM uplift.offer o WHERE shop = '$S' AND training = 0")
	got=$(awk -F'\t' -v s=$S '$1 == s { print $2 "\t" $3 }' "$T/rep")
	[ "$got" = "$want" ] || fail "report: shop $S shows '$got', the chain has '$want'"
done
expect 2 'add --chain' "$U" --config "$T/hq.ini" report shops
passed && echo "chain: report ok ($(grep -c . "$T/rep") lines of report shops --chain; shown and accepted per shop as on the server)"

[ $failed -eq 0 ] && echo "chain: all sections passed"
exit $failed
