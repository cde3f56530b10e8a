#!/bin/sh
# tools/check-sizes.sh [FILE.c...] — size limits of the C sources (style.md):
#   a .c file is at most 900 lines;
#   a function body is at most 80 lines, counted from the line starting
#   with '{' to the next line starting with '}' (both included).
# What may be over is listed in tools/check-sizes.allow (the one named
# exception, csv_parse() in model/csv.c, and what is still to split, each
# with its reason).  Without arguments it checks model/*.c, views/*.c and
# app/*.c.  Prints each file or function over its limit and exits 1 if
# there is any that the allow-list does not name; prints the allow-list
# entries that are no longer needed.  make check-sizes runs it (make check
# too), and tools/check-sizes-selftest.sh shows it failing.
set -eu
cd "$(dirname "$0")/.."
MAX_FILE=900
MAX_FUNC=80
ALLOW=tools/check-sizes.allow
[ $# -gt 0 ] || set -- model/*.c views/*.c app/*.c
[ -r "$ALLOW" ] || { echo "check-sizes: cannot read $ALLOW" >&2; exit 2; }
# The allow-list without comments and blank lines: "FILE" or "FILE FUNC".
allow=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^[[:space:]]*$/d' "$ALLOW")
out=$(
	for f in "$@"; do
		n=$(wc -l <"$f")
		if [ "$n" -gt $MAX_FILE ]; then
			echo "file $f $n"
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
				if (n > max)
					print "func " FILENAME " " fn " " n " " start
				start = 0
			}
		}
		/^[a-zA-Z_].*\(/ { prev = $0 }
	' "$@"
)
fail=0
allowed() {
	printf '%s\n' "$allow" | grep -qxF -- "$1"
}
used=""
while read -r kind f a b c; do
	[ -n "$kind" ] || continue
	if [ "$kind" = file ]; then
		if allowed "$f"; then
			used="$used
$f"
			echo "check-sizes: $f: $a lines (allowed: $ALLOW)"
		else
			echo "check-sizes: $f: $a lines (at most $MAX_FILE)"
			fail=1
		fi
	else
		if allowed "$f $a"; then
			used="$used
$f $a"
			echo "check-sizes: $f:$c: $a() is $b lines (allowed: $ALLOW)"
		else
			echo "check-sizes: $f:$c: $a() is $b lines (at most $MAX_FUNC)"
			fail=1
		fi
	fi
done <<END
$out
END
# Entries no longer needed (only for files that were checked).
printf '%s\n' "$allow" | while read -r f fn; do
	case " $* " in *" $f "*) ;; *) continue ;; esac
	e="$f${fn:+ $fn}"
	printf '%s\n' "$used" | grep -qxF -- "$e" ||
	    echo "check-sizes: $ALLOW: '$e' is within the limits now: take it out"
done
if [ $fail -eq 0 ]; then
	echo "check-sizes: ok (files at most $MAX_FILE lines, functions at most $MAX_FUNC; the rest named in $ALLOW)"
fi
exit $fail
