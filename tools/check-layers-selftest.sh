#!/bin/sh
# make check-layers-selftest: tools/check-layers.sh must fail, naming the
# file, on each kind of violation.  Each case copies model/, views/, app/
# and the script into a temporary tree, adds one violating #include there
# (never in the real tree) and runs the script on the copy: it must pass
# on the untouched copy, and exit non-zero naming the file for each case.
set -u
st_name=check-layers-selftest
st_tools=check-layers.sh
. "$(dirname "$0")/selftest-lib.sh"

# case_ NAME FILE LINE WANT...: add LINE to FILE (in a fresh copy); the
# script must exit non-zero and its output hold every WANT.
case_() {
	name=$1 file=$2 line=$3
	shift 3
	st_copy
	printf '%s\n' "$line" >>"$st_tree/$file"
	st_expect_fail "$name" "$@"
}

st_untouched

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

st_end "check-layers fails, naming the file, on all $st_n violations"
