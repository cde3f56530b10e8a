#!/bin/sh
# make check-layers-selftest: tools/check-layers.sh must fail, naming the
# file, on each kind of violation.  Each case copies model/, views/, app/
# and the script into a temporary tree, adds one violating #include there
# (never in the real tree) and runs the script on the copy: it must pass
# on the untouched copy, and exit non-zero naming the file for each case.
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fail=0
n=0

copy() {
	rm -rf "$tmp/tree"
	mkdir -p "$tmp/tree/tools"
	cp -R "$top/model" "$top/views" "$top/app" "$tmp/tree/" &&
	    cp "$top/tools/check-layers.sh" "$tmp/tree/tools/"
}

# case NAME FILE LINE WANT...: add LINE to FILE (in the copy); the script
# must exit non-zero and its output hold every WANT.
case_() {
	name=$1 file=$2 line=$3
	shift 3
	n=$((n + 1))
	copy || { echo "check-layers-selftest: cannot copy the tree" >&2; exit 1; }
	printf '%s\n' "$line" >>"$tmp/tree/$file"
	out=$(cd "$tmp/tree" && sh tools/check-layers.sh 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "check-layers-selftest: $name: passed a violation ($file)" >&2
		fail=1
		return
	fi
	for want in "$@"; do
		case $out in
		*"$want"*) ;;
		*) echo "check-layers-selftest: $name: output does not name" \
		       "$want: $out" >&2
		   fail=1 ;;
		esac
	done
}

copy || exit 1
if ! out=$(cd "$tmp/tree" && sh tools/check-layers.sh 2>&1); then
	echo "check-layers-selftest: the untouched copy fails: $out" >&2
	exit 1
fi

case_ "a view reaches a store header through model headers" \
    model/types_hotel.h '#include "model/store_hotel.h"' \
    "views/checkin.h" "model/desk.h" "model/store_hotel.h"
case_ "a view includes a store header" \
    views/ui.h '#include "model/store.h"' "views/ui.h"
case_ "a view reaches the store through another view's header" \
    views/counter.h '#include "model/store_report.h"' \
    "views/counter.c -> views/counter.h -> model/store_report.h"
case_ "model/ includes views/" \
    model/money.c '#include "views/ui.h"' "model/money.c"
case_ "model/ includes app/" \
    model/text.h '#include "app/app.h"' "model/text.h"
case_ "store_impl.h outside the store" \
    app/app.c '#include "model/store_impl.h"' "app/app.c"
case_ "sqlite3 outside the store" \
    model/session.c '#include <sqlite3.h>' "model/session.c"
case_ "curses in model/" \
    model/civil.c '#include <curses.h>' "model/civil.c"

if [ $fail -eq 0 ]; then
	echo "check-layers-selftest: ok (check-layers fails, naming the file, on all $n violations)"
fi
exit $fail
