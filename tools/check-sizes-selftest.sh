#!/bin/sh
# make check-sizes-selftest: tools/check-sizes.sh must fail, naming the
# file and what is over, on each kind of violation.  Each case copies
# model/, views/, app/, the script and its allow-list into a temporary
# tree and makes one change there (never in the real tree): the script
# must pass on the untouched copy, and exit non-zero naming the place for
# each case.
set -u
st_name=check-sizes-selftest
st_tools="check-sizes.sh check-sizes.allow"
. "$(dirname "$0")/selftest-lib.sh"

# func LINES NAME: a function NAME whose body, braces included, is LINES
# lines long.
func() {
	printf '\nint %s(void);\n\nint\n%s(void)\n{\n' "$2" "$2"
	i=2
	while [ "$i" -lt "$1" ]; do
		echo "	;"
		i=$((i + 1))
	done
	printf '}\n'
}

st_untouched

st_copy
func 81 selftest_long >>"$st_tree/model/hash.c"
st_expect_fail "a function of 81 lines" "model/hash.c:" \
    "selftest_long() is 81 lines"

st_copy
func 80 selftest_ok >>"$st_tree/model/hash.c"
if ! st_run; then
	echo "$st_name: a function of 80 lines failed: $st_out" >&2
	st_fail=1
fi

st_copy
while [ "$(wc -l <"$st_tree/views/ui.c")" -le 900 ]; do
	echo >>"$st_tree/views/ui.c"
done
st_expect_fail "a file of 901 lines" "views/ui.c: 901 lines (at most 900)"

st_copy
func 90 csv_parse >>"$st_tree/model/text.c"
st_expect_fail "csv_parse's exception is for model/csv.c only" \
    "model/text.c:" "csv_parse() is 90 lines"

st_copy
grep -v '^model/csv.c csv_parse' "$st_top/tools/check-sizes.allow" \
    >"$st_tree/tools/check-sizes.allow"
st_expect_fail "csv_parse out of the allow-list" "model/csv.c:" \
    "csv_parse() is"

st_copy
func 81 selftest_long >>"$st_tree/app/main.c"
echo "app/main.c  # a file entry does not let its functions be long" \
    >>"$st_tree/tools/check-sizes.allow"
st_expect_fail "a file entry is not a function entry" "app/main.c:" \
    "selftest_long() is 81 lines"

st_end "check-sizes fails, naming the place, on all $st_n violations"
