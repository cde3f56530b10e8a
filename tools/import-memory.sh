#!/bin/sh
# tools/import-memory.sh BIN [ROWS] — the importer's peak memory on a
# generated items.csv of ROWS rows (default 10000000), measured with
# /usr/bin/time -v: prints rows, seconds and peak RSS.  Everything is made
# in a temporary directory under $TMPDIR (about 0.4 GB of CSV and 1.5 GB of
# database for 10 million rows) and removed afterwards.  A measurement,
# not a test: make check does not run it (issue 14 item 16: at most about
# 64 MB whatever the rows).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rows=${2:-10000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/uplift-mem.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
awk -v n="$rows" 'BEGIN {
	print "sku,name,category,price"
	for (i = 1; i <= n; i++)
		printf "SKU%09d,Item number %d,cat%d,%d.%02d\n", i, i, i % 97,
		    i % 500, i % 100
}' > "$work/items.csv"
/usr/bin/time -v "$bin" --db "$work/m.db" import "$work/items.csv" \
    >"$work/out" 2>"$work/time" || { cat "$work/out" "$work/time"; exit 1; }
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
echo "import-memory: $rows rows, $(stat -c %s "$work/items.csv") bytes of CSV, elapsed $secs, peak RSS $rss kB ($((rss / 1024)) MB); $(tail -n 1 "$work/out" | cut -c1-60)"
