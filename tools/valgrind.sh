#!/bin/sh
# tools/valgrind.sh TEST... — run each cmocka test binary under valgrind
# (memcheck: invalid reads and writes, uninitialised values, definite
# leaks are errors).  Prints one line: binaries, failures, seconds; exits
# 1 if any failed (its log is kept in build/valgrind/).
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: SKIPPED — valgrind is not installed (apt-get install valgrind)"
	exit 0
fi
UPLIFT_TESTDATA=${UPLIFT_TESTDATA:-$(pwd)/tests/data}
export UPLIFT_TESTDATA
mkdir -p build/valgrind
start=$(date +%s) n=0 failed=0
for t in "$@"; do
	n=$((n + 1))
	log=build/valgrind/$(basename "$t").log
	if ! valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite "$t" >"$log" 2>&1; then
		echo "valgrind: FAIL $t (see $log)"
		failed=$((failed + 1))
	fi
done
echo "valgrind: $n test binaries, $failed failed, $(( $(date +%s) - start )) s"
[ $failed -eq 0 ]
