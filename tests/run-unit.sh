#!/bin/sh
# Run every cmocka test binary given; print a summary line the CI reads.
# Tests find their fixtures through UPLIFT_TESTDATA (tests/data).
UPLIFT_TESTDATA=${UPLIFT_TESTDATA:-$(pwd)/tests/data}
export UPLIFT_TESTDATA
pass=0 fail=0 bins_failed=""
tmp=$(mktemp)
for t in "$@"; do
	"$t" >"$tmp" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$tmp" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$tmp" | tail -n 1)
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	if [ $rc -ne 0 ]; then
		[ -z "$f" ] && fail=$((fail + 1))
		bins_failed="$bins_failed $(basename "$t")"
		cat "$tmp"
	fi
done
rm -f "$tmp"
echo "unit: $pass passed, $fail failed"
[ -z "$bins_failed" ] || { echo "unit: failing:$bins_failed" >&2; exit 1; }
