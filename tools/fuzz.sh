#!/bin/sh
# tools/fuzz.sh [SECONDS [TARGET...]] — build the libFuzzer targets of
# tests/fuzz/ (with ASan and UBSan) into build/fuzz/ and run each for
# SECONDS (default 60) on its seed corpus and dictionary:
#   script    the talking-point loader and renderer (model/script.c)
#   csv       the CSV reader, plain and gzip (model/csv.c)
#   scenario  the training scenario loader and a run of it (model/training*.c)
#   config    the configuration wrapper over iniparser (app/config*.c)
#   till      the till's event lines, cut and parsed (model/till.c)
# Prints a line per target (executions, exec/s, peak RSS, coverage, corpus,
# crashes); exits 1 if any target crashed (the input is in
# build/fuzz/artifacts/).
#
# CLANG names the compiler (default clang).  New inputs are kept in
# build/fuzz/corpus/TARGET/ for the next run; the seeds in
# tests/fuzz/corpus/TARGET/ are only read.
set -eu

secs=${1:-60}
case $secs in
''|*[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS [TARGET...]]" >&2; exit 2 ;;
esac
[ $# -gt 0 ] && shift
targets=${*:-script csv scenario config till}

cd "$(dirname "$0")/.."
CLANG=${CLANG:-clang}
out=build/fuzz
command -v "$CLANG" >/dev/null 2>&1 || {
	echo "fuzz: $CLANG not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 2
}
mkdir -p "$out/artifacts"
failed=0

for t in $targets; do
	# The files each target needs, compiled directly with the project's
	# language flags (the Makefile's objects are gcc's, without the
	# fuzzer); its extra libraries; its seeds beside its corpus.
	libs= seeds=
	case $t in
	script)   src="model/script.c model/text.c model/xalloc.c"
	          seeds="assets/scripts" ;;
	csv)      src="model/csv.c model/text.c model/xalloc.c"
	          libs="-lz"; seeds="tests/data" ;;
	scenario) src="model/training.c model/training_scenario.c model/training_rubric.c model/money.c model/civil.c model/text.c model/xalloc.c"
	          seeds="assets/training" ;;
	# config checks [chain] server with libpq (chain_check_server in
	# model/chain.c), and chain.c needs the sync, the store and the
	# chain's SQL: all of model/ is linked
	config)   sh tools/embed-sql.sh sql/chain/*.sql >"$out/chain_sql.c"
	          src="app/config.c app/config_keys.c $(ls model/*.c) $out/chain_sql.c"
	          libs="-I/usr/include/postgresql -liniparser -lcrypt -lpq -ljansson
	                -lsqlite3 -lz -lm"
	          seeds="assets/demo" ;;
	till)     src="model/till.c"
	          libs="-ljansson"; seeds="" ;;
	*) echo "fuzz: no target $t (script, csv, scenario, config, till)" >&2
	   exit 2 ;;
	esac
	bin=$out/fuzz_$t
	log=$out/fuzz_$t.log
	mkdir -p "$out/corpus/$t"
	# shellcheck disable=SC2086
	"$CLANG" -std=c11 -D_XOPEN_SOURCE=700 -I. -I/usr/include/iniparser \
	    -g -O1 -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wvla -Werror \
	    -fno-omit-frame-pointer -fno-sanitize-recover=all \
	    -fsanitize=fuzzer,address,undefined \
	    -o "$bin" "tests/fuzz/fuzz_$t.c" $src $libs

	stamp=$out/.stamp.$t
	: >"$stamp"
	set +e
	# shellcheck disable=SC2086
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$bin" -max_total_time="$secs" -max_len=16384 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -dict="tests/fuzz/$t.dict" \
	    -artifact_prefix="$out/artifacts/$t-" \
	    "$out/corpus/$t" "tests/fuzz/corpus/$t" $seeds \
	    >"$log" 2>&1
	rc=$?
	set -e

	stat() {
		sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$log" | tail -n 1
	}
	execs=$(stat number_of_executed_units)
	rate=$(stat average_exec_per_sec)
	rss=$(stat peak_rss_mb)
	crashes=$(find "$out/artifacts" -type f -name "$t-*" -newer "$stamp" |
	    wc -l)
	corpus=$(find "$out/corpus/$t" -type f | wc -l)
	cov=$(sed -n 's/^#[0-9]*.*DONE *cov: \([0-9]*\).*/\1/p' "$log" |
	    tail -n 1)
	echo "fuzz_$t: ${secs} s, executions ${execs:-?}, exec/s ${rate:-?}," \
	    "peak RSS ${rss:-?} MB, coverage ${cov:-?} edges, corpus $corpus," \
	    "crashes $crashes"
	if [ "$crashes" -ne 0 ] || [ $rc -ne 0 ]; then
		echo "fuzz_$t: FAILED (exit $rc); see $log and:" >&2
		find "$out/artifacts" -type f -name "$t-*" -newer "$stamp" >&2
		tail -n 30 "$log" >&2
		failed=1
	fi
done
exit $failed
