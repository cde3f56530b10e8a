#!/bin/sh
# Speed and memory of uplift on the full public data sets (make bench).
#
#   UPLIFT_DATA=DIR sh tools/bench.sh BIN
#
# DIR defaults to ../shared/data.  Each figure is the best (lowest) wall
# time of 3 runs, each into a new database (to the millisecond, from
# bash's time), and the peak resident set size of one more run, as
# /usr/bin/time -f '%M' reports it.  The sqlite3 shell's own ".import
# --csv" of the same uncompressed CSV is the yardstick: it parses and
# inserts, nothing else.  Without the data the
# script says so and exits 0.
#
# Christian Borgelt's apriori and fpgrowth, when APRIORI and FPGROWTH name
# them (or they are on PATH), are timed beside uplift on the same files:
# pairs of the Online Retail basket file (apriori -s-2 -m2 -n2, on the
# file uncompressed; it reads no gzip) and the Groceries rules (fpgrowth
# -tr -s0.1 -c50 -o, the 5668 rules of arules).  The speed targets of
# rebuild --baskets and rules are these programs' times on the same
# machine, so the rows say how far a slow or busy machine moves both.

if [ $# -ne 1 ]; then
	echo "usage: UPLIFT_DATA=DIR sh tools/bench.sh BIN" >&2
	exit 2
fi
case $1 in
/*)	bin=$1 ;;
*)	bin=$(pwd)/$1 ;;
esac
UPLIFT_DATA=${UPLIFT_DATA:-../shared/data}
retail=$UPLIFT_DATA/online_retail.csv.gz
hotel=$UPLIFT_DATA/hotel_bookings.csv.gz
if [ ! -f "$retail" ]; then
	echo "bench: SKIPPED — $UPLIFT_DATA/online_retail.csv.gz not found" \
	    "(the full public data sets live in ../shared/data; see README)"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "bench: $bin is not an executable" >&2
	exit 2
fi
RUNS=${RUNS:-3}

work=$(mktemp -d "${TMPDIR:-/tmp}/uplift-bench.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
# Keep the user's own configuration and database out of it.
export HOME="$work" XDG_CONFIG_HOME="$work/.config" \
    XDG_DATA_HOME="$work/.local/share" TMPDIR="$work" LC_ALL=C.UTF-8 TZ=UTC
unset UPLIFT_DB UPLIFT_ASSETS
db=$work/run.db

timer=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o "$work/t" true \
    2>/dev/null; then
	timer=/usr/bin/time
fi

# wall CMD...: run CMD (output to $work/out); print its wall time in
# seconds, to the millisecond: bash's time, or date around it (which
# adds date's own start) where there is no bash.
wall() {
	if command -v bash >/dev/null 2>&1; then
		bash -c 'TIMEFORMAT=%3R; { time "$@" >"$0" 2>&1; } 2>"$0.t"
		    rc=$?; tail -n 1 "$0.t"; exit $rc' "$work/out" "$@"
	else
		t0=$(date +%s.%N)
		"$@" >"$work/out" 2>&1 || return 1
		echo "$t0 $(date +%s.%N)" | awk '{ printf "%.3f", $2 - $1 }'
	fi
}

# row LABEL CMD...: run CMD $RUNS times, each on a new $db (a copy of
# $seed when that is set, else none); print a row of the table.
seed=
row() {
	label=$1
	shift
	best="" rss=0 i=0
	if [ -n "$timer" ]; then
		# the peak memory, from a run of its own
		rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
		[ -z "$seed" ] || cp "$seed" "$db"
		if ! $timer -f '%M' -o "$work/t" "$@" >"$work/out" 2>&1; then
			row_failed "$label"
			return
		fi
		# GNU time may put "Command exited with ..." first.
		rss=$(tail -n 1 "$work/t")
	fi
	while [ $i -lt "$RUNS" ]; do
		rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
		[ -z "$seed" ] || cp "$seed" "$db"
		if ! s=$(wall "$@"); then
			row_failed "$label"
			return
		fi
		if [ -z "$best" ] || awk -v a="$s" -v b="$best" \
		    'BEGIN { exit !(a < b) }'; then
			best=$s
		fi
		i=$((i + 1))
	done
	if [ -n "$timer" ]; then
		printf '%-46s %8.3f %8.1f\n' "$label" "$best" \
		    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
	else
		printf '%-46s %8.3f %8s\n' "$label" "$best" -
	fi
}

# row_failed LABEL: say so, with the start of what the run printed.
row_failed() {
	printf '%-46s %8s\n' "$1" "FAILED:"
	sed 's/^/    /' "$work/out" | head -n 5
}

# The uncompressed CSV, for the plain-file runs and the sqlite3 yardstick.
gzip -dc "$retail" >"$work/online_retail.csv"
lines=$(($(wc -l <"$work/online_retail.csv") - 1))

echo "uplift bench: $("$bin" --version 2>&1), $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs"
echo "data: $UPLIFT_DATA ($lines Online Retail lines); best of $RUNS runs"
[ -n "$timer" ] ||
    echo "(/usr/bin/time is not installed: no peak memory)"
echo
printf '%-46s %8s %8s\n' "what" "seconds" "peak MB"
printf '%-46s %8s %8s\n' "----" "-------" "-------"

# ---- import ---------------------------------------------------------------
row "uplift import online_retail.csv.gz" \
    "$bin" --db "$db" import "$retail"
row "uplift import online_retail.csv (plain)" \
    "$bin" --db "$db" import "$work/online_retail.csv"
if command -v sqlite3 >/dev/null 2>&1; then
	row "sqlite3 .import --csv online_retail.csv" \
	    sqlite3 "$db" ".import --csv $work/online_retail.csv t"
else
	printf '%-46s %8s\n' "sqlite3 .import --csv online_retail.csv" \
	    "(sqlite3 shell not installed)"
fi
if [ -f "$hotel" ]; then
	row "uplift import hotel_bookings.csv.gz" \
	    "$bin" --db "$db" import "$hotel"
else
	printf '%-46s %8s\n' "uplift import hotel_bookings.csv.gz" \
	    "(missing)"
fi

# ---- after import: the scorer --------------------------------------------
# Online Retail is imported once, outside the timed runs; each run starts
# from a fresh copy of it.
"$bin" --db "$work/retail.db" import "$retail" >/dev/null 2>&1
seed=$work/retail.db
row "uplift rebuild (Online Retail database)" \
    "$bin" --db "$db" rebuild
seed=
APRIORI=${APRIORI:-$(command -v apriori 2>/dev/null)}
FPGROWTH=${FPGROWTH:-$(command -v fpgrowth 2>/dev/null)}
orb=$UPLIFT_DATA/online_retail_baskets.txt.gz
if [ -f "$orb" ]; then
	row "uplift rebuild --baskets online_retail_baskets" \
	    "$bin" rebuild --baskets "$orb"
	if [ -n "$APRIORI" ] && [ -x "$APRIORI" ]; then
		gzip -dc "$orb" >"$work/orb.txt"
		row "(peer) apriori -s-2 -m2 -n2, the same baskets" \
		    "$APRIORI" -s-2 -m2 -n2 "$work/orb.txt" "$work/pairs.txt"
		rm -f "$work/orb.txt" "$work/pairs.txt"
	fi
fi
fimi=$UPLIFT_DATA/retail.dat.gz
if [ -f "$fimi" ]; then
	row "uplift rebuild --baskets retail.dat.gz" \
	    "$bin" rebuild --baskets "$fimi"
fi
groceries=$UPLIFT_DATA/groceries.csv
if [ -f "$groceries" ]; then
	row "uplift rules groceries s=0.001 c=0.5" \
	    "$bin" rules --baskets "$groceries" --sep , --min-support 0.001 \
	    --min-confidence 0.5
	n=$("$bin" rules --baskets "$groceries" --sep , --min-support 0.001 \
	    --min-confidence 0.5 --no-header | wc -l)
	echo "    ($n rules; arules apriori() gives 5668)"
	if [ -n "$FPGROWTH" ] && [ -x "$FPGROWTH" ]; then
		row "(peer) fpgrowth -tr -s0.1 -c50 -o, the same" \
		    "$FPGROWTH" -tr -s0.1 -c50 -o -f, "$groceries" \
		    "$work/rules.txt"
		[ ! -f "$work/rules.txt" ] ||
		    echo "    ($(wc -l <"$work/rules.txt") rules)"
		rm -f "$work/rules.txt"
	fi
fi
echo
# Latency of one suggestion call: 10,000 baskets drawn from real orders.
"$bin" --db "$work/retail.db" rebuild >/dev/null 2>&1
bs=$(dirname "$bin")/bench_suggest
if [ -x "$bs" ]; then
	echo "suggest latency, Online Retail model (one scorer call):"
	"$bs" "$work/retail.db" 10000 | sed 's/^/    /'
	echo "    (slowest_1pct: the first pass's slowest hundredth, the"
	echo "    median of each call's own time and of what the pass added;"
	echo "    fixed_loop: a loop as long as the median call, timed as"
	echo "    often: its p99 is what the machine adds to any call)"
fi
echo
echo "uplift eval, Online Retail split at 2011-10-01 (the last product"
echo "rung up hidden):"
"$bin" --db "$work/retail.db" eval | grep -v '^weight' | sed 's/^/    /'
if [ -f "$groceries" ]; then
	echo "uplift eval, Groceries (first 80 % of baskets train):"
	"$bin" eval --baskets "$groceries" --sep , | grep -v '^weight' |
	    sed 's/^/    /'
fi
if [ -f "$fimi" ]; then
	echo "uplift eval, retail.dat (first 80 % of baskets train):"
	"$bin" eval --baskets "$fimi" | grep -v '^weight' | sed 's/^/    /'
fi

echo
echo "counter console, keypress to updated screen (Online Retail database):"
sh "$(dirname "$0")/bench-console.sh" "$bin" "$work/retail.db"

exit 0
