#!/bin/sh
# tools/check-sizes.sh [FILE.c...] — size limits of the C sources (style.md):
#   a .c file is at most 900 lines;
#   a function body is at most 80 lines, counted from the line starting
#   with '{' to the next line starting with '}' (both included).
# The one named exception is the CSV state machine, csv_parse() in
# model/csv.c: a single switch over the reader's states reads best whole.
# Without arguments it checks model/*.c, views/*.c and app/*.c.  Prints
# each file or function over its limit and exits 1 if there is any.
set -eu
cd "$(dirname "$0")/.."
MAX_FILE=900
MAX_FUNC=80
[ $# -gt 0 ] || set -- model/*.c views/*.c app/*.c
fail=0
for f in "$@"; do
	n=$(wc -l <"$f")
	if [ "$n" -gt $MAX_FILE ]; then
		echo "check-sizes: $f: $n lines (at most $MAX_FILE)"
		fail=1
	fi
done
awk -v max=$MAX_FUNC '
	FNR == 1 { start = 0; prev = "" }
	/^\{/ { start = FNR; name = prev }
	/^\}/ {
		if (start) {
			n = FNR - start + 1
			fn = name
			sub(/\(.*/, "", fn)
			sub(/.*[ *]/, "", fn)
			if (n > max && !(FILENAME == "model/csv.c" &&
			    fn == "csv_parse")) {
				printf "check-sizes: %s:%d: %s() is %d lines " \
				    "(at most %d)\n", FILENAME, start, fn, n, max
				bad = 1
			}
			start = 0
		}
	}
	/^[a-zA-Z_].*\(/ { prev = $0 }
	END { exit bad }
' "$@" || fail=1
if [ $fail -eq 0 ]; then
	echo "check-sizes: ok (files at most $MAX_FILE lines, functions at most $MAX_FUNC; csv_parse excepted)"
fi
exit $fail
