#!/bin/sh
# tools/fuzz.sh [SECONDS] — build the libFuzzer target for the talking-point
# scripts (tests/fuzz/fuzz_script.c, with ASan and UBSan) into build/fuzz/
# and run it for SECONDS (default 60) on the seed corpus, the shipped
# scripts and the dictionary.  Prints executions, exec/s, peak RSS and
# crashes; exits 1 if there was a crash (the input is in build/fuzz/).
#
# CLANG names the compiler (default clang).  New inputs found are kept in
# build/fuzz/corpus/script/ for the next run; the seeds in
# tests/fuzz/corpus/script/ are only read.
set -eu

secs=${1:-60}
case $secs in
''|*[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
CLANG=${CLANG:-clang}
out=build/fuzz
bin=$out/fuzz_script
log=$out/fuzz_script.log

command -v "$CLANG" >/dev/null 2>&1 || {
	echo "fuzz: $CLANG not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 2
}
mkdir -p "$out/corpus/script" "$out/artifacts"

# The model files the target needs, compiled directly with the project's
# language flags (the Makefile's objects are gcc's, without the fuzzer).
src="tests/fuzz/fuzz_script.c model/script.c model/text.c model/xalloc.c"
# shellcheck disable=SC2086
"$CLANG" -std=c11 -D_XOPEN_SOURCE=700 -I. -g -O1 \
    -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
    -Wmissing-prototypes -Wvla -Werror \
    -fno-omit-frame-pointer -fno-sanitize-recover=all \
    -fsanitize=fuzzer,address,undefined \
    -o "$bin" $src

stamp=$out/.stamp
: >"$stamp"
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$bin" -max_total_time="$secs" -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -dict=tests/fuzz/script.dict \
    -artifact_prefix="$out/artifacts/" \
    "$out/corpus/script" tests/fuzz/corpus/script assets/scripts \
    >"$log" 2>&1
rc=$?
set -e

stat() {
	sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$log" | tail -n 1
}
execs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
rss=$(stat peak_rss_mb)
crashes=$(find "$out/artifacts" -type f -newer "$stamp" | wc -l)
corpus=$(find "$out/corpus/script" -type f | wc -l)
cov=$(sed -n 's/^#[0-9]*.*DONE *cov: \([0-9]*\).*/\1/p' "$log" | tail -n 1)

echo "fuzz_script: ${secs} s, executions ${execs:-?}, exec/s ${rate:-?}," \
    "peak RSS ${rss:-?} MB, coverage ${cov:-?} edges, corpus $corpus," \
    "crashes $crashes"
if [ "$crashes" -ne 0 ] || [ $rc -ne 0 ]; then
	echo "fuzz_script: FAILED (exit $rc); see $log and:" >&2
	find "$out/artifacts" -type f -newer "$stamp" >&2
	tail -n 40 "$log" >&2
	exit 1
fi
