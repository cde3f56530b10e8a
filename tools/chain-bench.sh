#!/bin/sh
# tools/chain-bench.sh BIN SELLER — the chain of shops at scale, against a
# throwaway PostgreSQL cluster (make chain-bench; not part of make check).
#
#   shops       CHAIN_SHOPS (50) shops, each a file of CHAIN_SALES (2,000)
#               sales made by tools/chain_seller (a till without a screen:
#               offers, accepts, declines with reasons, new customers),
#               synced all at once into one server: rows a second, p50,
#               p99 and the longest sync, then 0 lost (every file against
#               the server: counts, sums, keys).  Then each shop sells 100
#               more and all sync again: the same figures for a day's
#               increment.
#   retail      the UCI Online Retail history ($UPLIFT_DATA/
#               online_retail.csv.gz) split by invoice into CHAIN_RETAIL
#               (10) shops, synced, and rebuild --chain beside the local
#               rebuild of the whole file: wall time and peak memory
#               (/usr/bin/time), orders and items mined.  Skipped, saying
#               so, without the data.
#
# The server flushes every commit to disk (CHAIN_FSYNC=on; the tests'
# throwaway cluster runs with fsync off).
# The shops' files are made from CHAIN_SEEDS (5) different sellers' files,
# each copied to its share of the shops (every copy is a shop of its own
# to the server).  Prints a line per figure; exits 1 if a check failed.
set -u

if [ $# -ne 2 ]; then
	echo "usage: sh tools/chain-bench.sh BIN SELLER" >&2
	exit 2
fi
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
U=$(abs "$1")
SELLER=$(abs "$2")
top=$(cd "$(dirname "$0")/.." && pwd)
DEMO=$top/assets/demo
SHOPS=${CHAIN_SHOPS:-50}
SALES=${CHAIN_SALES:-2000}
SEEDS=${CHAIN_SEEDS:-5}
RETAIL=${CHAIN_RETAIL:-10}
UPLIFT_DATA=${UPLIFT_DATA:-$top/../shared/data}
case $UPLIFT_DATA in /*) ;; *) UPLIFT_DATA=$(pwd)/$UPLIFT_DATA ;; esac

name=chain-bench
# figures of a server that flushes its commits to disk, as a real one does
CHAIN_FSYNC=${CHAIN_FSYNC:-on}
. "$top/tests/chain-lib.sh"
chain_cluster
conf owner chain_owner ""
conf hq hq ""
up owner chain migrate >/dev/null || { fail "chain migrate"; exit 1; }
su_sql -c "GRANT uplift_admin TO hq" || exit 1
timer=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o "$T/t" true 2>/dev/null; then
	timer=/usr/bin/time
fi
now() { date +%s.%N; }
# stats FILE: "p50 p99 max" of the numbers in FILE (nearest rank)
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		p50 = v[int((NR * 50 + 99) / 100)]; p99 = v[int((NR * 99 + 99) / 100)]
		printf "%.2f %.2f %.2f", p50, p99, v[NR] }'
}

# ---- 50 shops × 2,000 sales --------------------------------------------------
up hq import "$DEMO/items.csv" "$DEMO/categories.csv" "$DEMO/bundles.csv" \
    >/dev/null && up hq import-scripts "$top"/assets/scripts/*.txt >/dev/null &&
    up hq chain publish >/dev/null || { fail "publish"; exit 1; }
t0=$(now)
i=1
while [ $i -le "$SEEDS" ]; do
	conf seed$i none X
	up seed$i import "$DEMO/items.csv" "$DEMO/customers.csv" >/dev/null &&
	    up seed$i rebuild >/dev/null || { fail "seed $i"; exit 1; }
	"$SELLER" "$T/seed$i.db" shop "$i" "$SALES" >/dev/null 2>"$T/err.seed$i" &
	i=$((i + 1))
done
wait
i=1
while [ $i -le "$SHOPS" ]; do
	chain_role "shop_$i" "pw-$i"
	up owner chain add-shop "S$i" --role "shop_$i" >/dev/null ||
	    { fail "add-shop S$i"; exit 1; }
	conf s$i "shop_$i" "S$i"
	cp "$T/seed$(( (i - 1) % SEEDS + 1 )).db" "$T/s$i.db"
	i=$((i + 1))
done
echo "$name: $SHOPS shop files of $SALES sales each made in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"

# round NAME: every shop syncs at once; figures into $T/NAME.*
round() {
	: >"$T/$1.times"
	start=$(now)
	i=1
	while [ $i -le "$SHOPS" ]; do
		(
			a=$(now)
			if up s$i sync >"$T/$1.out.$i" 2>&1; then
				echo "$(awk -v a="$a" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')" >>"$T/$1.times"
			else
				echo fail >>"$T/$1.fails"
			fi
		) &
		i=$((i + 1))
	done
	wait
	wall=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
	[ -s "$T/$1.fails" ] && fail "$1: $(grep -c . "$T/$1.fails") syncs failed:" &&
	    cat "$T"/$1.out.* | grep uplift: | sort | uniq -c | head
	# rows sent: everything that went up, from the summary lines
	rows=$(cat "$T"/$1.out.* | sed -n 's/^sync: shop [^ ]* up \(.*\); down.*/\1/p' |
	    tr ' ' '\n' | awk -F= 'NF == 2 { n += $2 } END { print n + 0 }')
	set -- "$1" $(stats "$T/$1.times")
	echo "$name: $1: $SHOPS shops synced at once: $rows rows in $wall s = $(awk -v r="$rows" -v w="$wall" 'BEGIN { printf "%.0f", r / w }') rows/s; sync time p50 $2 s, p99 $3 s, longest $4 s"
}
round first
lost=0
i=1
while [ $i -le "$SHOPS" ]; do
	exact s$i "S$i" "shops" || lost=$((lost + 1))
	i=$((i + 1))
done
echo "$name: first: $SHOPS shops against their files: $lost differ (0 lost, 0 doubled when 0)"
i=1
while [ $i -le "$SHOPS" ]; do
	"$SELLER" "$T/s$i.db" shop "$((1000 + i))" 100 >/dev/null 2>&1 &
	[ $((i % 2)) -eq 0 ] && wait
	i=$((i + 1))
done
wait
round increment
lost=0
i=1
while [ $i -le "$SHOPS" ]; do
	exact s$i "S$i" "shops" || lost=$((lost + 1))
	i=$((i + 1))
done
echo "$name: increment: $SHOPS shops against their files: $lost differ"
echo "$name: server: $(su_sql -c "SELECT pg_size_pretty(pg_database_size('chain'))") for $(su_sql -c "SELECT (SELECT count(*) FROM uplift.sale) || ' sales, ' || (SELECT count(*) FROM uplift.sale_line) || ' lines, ' || (SELECT count(*) FROM uplift.offer) || ' offers'")"

# ---- Online Retail as 10 shops -------------------------------------------------
retail=$UPLIFT_DATA/online_retail.csv.gz
if [ ! -f "$retail" ]; then
	echo "$name: retail: SKIPPED — $retail not found (the full public data sets live in ../shared/data)"
	[ $failed -eq 0 ]
	exit
fi
measure() {     # measure CMD...: wall seconds and peak kB into $T/m
	if [ -n "$timer" ]; then
		$timer -f '%e %M' -o "$T/m" "$@" >"$T/m.out" 2>&1
	else
		a=$(now)
		"$@" >"$T/m.out" 2>&1
		echo "$(awk -v a="$a" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }') -" >"$T/m"
	fi
}
gzip -dc "$retail" >"$T/retail.csv"
# a chain of its own: Online Retail keeps GBP with 3 decimals
DB=postgres su_sql -c "CREATE DATABASE retail OWNER chain_owner" || exit 1
CHAIN_DB=retail
conf owner chain_owner ""
conf hq hq ""
up owner chain migrate >/dev/null || { fail "retail: chain migrate"; exit 1; }
conf whole none X
measure "$U" --config "$T/whole.ini" import --format online-retail "$T/retail.csv" ||
    { fail "retail: import"; cat "$T/m.out"; }
read -r it im <"$T/m"
measure "$U" --config "$T/whole.ini" rebuild || { fail "retail: local rebuild"; cat "$T/m.out"; }
read -r lt lm <"$T/m"
lorders=$(awk '$1 == "orders" { print $2 }' "$T/m.out")
lpairs=$(awk '$1 == "pairs_in_2_or_more_orders" { print $2 }' "$T/m.out")
litems=$(awk '$1 == "items" { print $2 }' "$T/m.out")
# split by invoice: every line of an invoice goes to the same shop
awk -F, -v n="$RETAIL" -v dir="$T" 'NR == 1 { h = $0; for (k = 1; k <= n; k++) print h > (dir "/r" k ".csv"); next }
    { inv = $1; gsub(/[^0-9]/, "", inv); k = (inv % n) + 1; print > (dir "/r" k ".csv") }' "$T/retail.csv"
sync_t0=$(now)
k=1
while [ $k -le "$RETAIL" ]; do
	chain_role "retail_$k" "rpw-$k"
	up owner chain add-shop "R$k" --role "retail_$k" >/dev/null
	conf r$k "retail_$k" "R$k"
	up r$k import --format online-retail "$T/r$k.csv" >/dev/null ||
	    fail "retail: import of shop R$k"
	k=$((k + 1))
done
import_s=$(awk -v a="$sync_t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
sync_t0=$(now)
k=1
while [ $k -le "$RETAIL" ]; do
	up r$k sync >"$T/rs.$k" 2>&1 || { fail "retail: sync R$k"; cat "$T/rs.$k"; }
	k=$((k + 1))
done
sync_s=$(awk -v a="$sync_t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
lines=$(DB=retail su_sql -c "SELECT count(*) FROM uplift.sale_line")
measure "$U" --config "$T/hq.ini" rebuild --chain || { fail "retail: rebuild --chain"; cat "$T/m.out"; }
read -r ct cm <"$T/m"
corders=$(awk '$1 == "orders" { print $2 }' "$T/m.out")
cpairs=$(awk '$1 == "pairs_in_2_or_more_orders" { print $2 }' "$T/m.out")
citems=$(awk '$1 == "items" { print $2 }' "$T/m.out")
cread=$(awk '$1 == "read_seconds" { print $2 }' "$T/m.out")
cmine=$(awk '$1 == "mine_seconds" { print $2 }' "$T/m.out")
echo "$name: retail: Online Retail as $RETAIL shops: imported in $import_s s, synced one after another in $sync_s s ($lines lines on the server)"
echo "$name: retail: the whole file into one database: import $it s (peak $im kB)"
echo "$name: retail: local rebuild of the whole file: $lt s, peak $lm kB; $lorders orders, $litems items, $lpairs pairs in 2 or more orders"
echo "$name: retail: rebuild --chain (the $RETAIL shops, a server-side cursor): $ct s (reading $cread s, mining $cmine s), peak $cm kB; $corders orders, $citems items, $cpairs pairs in 2 or more orders"
[ "$lorders" = "$corders" ] ||
    echo "$name: retail: note: the chain mined $corders orders, the local file $lorders (walk-in and returns as the importer keeps them per file)"
[ $failed -eq 0 ]
