#!/bin/sh
# Golden tests of the command line (calcurse test/*.sh style).
#
# Each case is a directory tests/golden/cases/NAME/ with
#   cmd       a shell snippet, run by sh in a fresh temporary directory
#             (the cwd), with
#               UPLIFT  the binary under test (absolute path)
#               DATA    tests/data (absolute path)
#               ASSETS  assets (absolute path)
#               CLOCK   a prefix that runs a command with uplift's clock
#                       (time()) standing at 2026-11-23 14:32 UTC, the
#                       demo data's day: "$CLOCK $UPLIFT ..." (a shim
#                       loaded with LD_PRELOAD, as the screen tests do;
#                       --at would not do, it writes nothing); add
#                       FIXCLOCK=SECONDS after it for another time
#             HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME,
#             XDG_STATE_HOME and TMPDIR inside that directory, LC_ALL=C.UTF-8,
#             TZ=UTC, LOGNAME=clerk (the clerk of a console without
#             a configuration), umask 022 and an otherwise empty environment;
#   expected  its stdout and stderr together, then a last line "exit N"
#             with the snippet's exit status.
# The comparison is exact, except that the temporary directory, DATA and
# ASSETS are written as $TMP, $DATA and $ASSETS should they appear in the
# output (cases avoid it: they copy what they need into the cwd).
#
#   sh tests/golden/run.sh BIN              run every case
#   sh tests/golden/run.sh BIN NAME...      run the named cases only
#   sh tests/golden/run.sh --update BIN     rewrite the expected files (for
#                                           humans: review the diff; CI
#                                           never uses it)
# Prints "golden: N passed, M failed"; exits 1 if any case failed.

update=0
if [ "${1-}" = --update ]; then
	update=1
	shift
fi
if [ $# -lt 1 ]; then
	echo "usage: sh tests/golden/run.sh [--update] BIN [CASE...]" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
case $1 in
/*)	bin=$1 ;;
*)	bin=$(pwd)/$1 ;;
esac
shift
if [ ! -x "$bin" ] || [ -d "$bin" ]; then
	echo "golden: $bin is not an executable" >&2
	exit 2
fi
cases=$here/cases
data=$top/tests/data
assets=$top/assets
# A short directory: uplift cuts file names in messages at 60 columns, and
# the expected output must not depend on where the temporary directory is.
base=${TMPDIR:-/tmp}
[ ${#base} -le 16 ] || base=/tmp
root=$(mktemp -d "$base/golden.XXXXXX") || exit 2
trap 'rm -rf "$root"' EXIT
trap 'exit 130' INT TERM

# The clock shim (tests/screen/run.sh has the same).
cat >"$root/fixclock.c" <<'EOF'
#include <stdlib.h>
#include <time.h>
time_t time(time_t *t) { const char *e = getenv("FIXCLOCK");
	time_t v = e != NULL ? (time_t)strtoll(e, NULL, 10) : 0;
	if (t) *t = v; return v; }
EOF
if ! ${CC:-cc} -shared -fPIC -o "$root/fixclock.so" "$root/fixclock.c"; then
	echo "golden: cannot build the clock shim" >&2
	exit 2
fi
# ASan wants its runtime first; the shim only defines time()
clock="env LD_PRELOAD=$root/fixclock.so FIXCLOCK=1795444320"
clock="$clock ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# literal FROM TO: replace every FROM by TO on stdin (no regex surprises).
literal() {
	awk -v from="$1" -v to="$2" '{
		out = ""
		while ((i = index($0, from)) > 0) {
			out = out substr($0, 1, i - 1) to
			$0 = substr($0, i + length(from))
		}
		print out $0
	}'
}

# run NAME: run one case; its output (with "exit N") goes to $root/NAME.out.
run() {
	name=$1
	work=$root/w            # short: messages cut long paths at 60 columns
	rm -rf "$work"
	mkdir -p "$work/.config" "$work/.local/share" "$work/.local/state" \
	    "$work/.cache" "$work/tmp"
	(
		cd "$work" || exit 125
		umask 022
		# A clean environment: only what the case is promised.
		env -i PATH="${PATH:-/usr/bin:/bin}" \
		    ${ASAN_OPTIONS+ASAN_OPTIONS="$ASAN_OPTIONS"} \
		    ${UBSAN_OPTIONS+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
		    ${LSAN_OPTIONS+LSAN_OPTIONS="$LSAN_OPTIONS"} \
		    HOME="$work" XDG_CONFIG_HOME="$work/.config" \
		    XDG_DATA_HOME="$work/.local/share" \
		    XDG_STATE_HOME="$work/.local/state" \
		    XDG_CACHE_HOME="$work/.cache" TMPDIR="$work/tmp" \
		    LC_ALL=C.UTF-8 TZ=UTC LOGNAME=clerk \
		    UPLIFT="$bin" DATA="$data" ASSETS="$assets" CLOCK="$clock" \
		    timeout 300 sh "$cases/$name/cmd" </dev/null >"$root/$name.raw" 2>&1
		echo "exit $?" >>"$root/$name.raw"
	)
	# shellcheck disable=SC2016 # the placeholders are literal
	literal "$work" '$TMP' <"$root/$name.raw" | literal "$data" '$DATA' |
	    literal "$assets" '$ASSETS' >"$root/$name.out"
}

if [ $# -gt 0 ]; then
	names=$*
else
	names=$(cd "$cases" && for d in */; do [ -f "$d/cmd" ] && \
	    printf '%s\n' "${d%/}"; done)
fi
pass=0 fail=0 failed=""
for name in $names; do
	if [ ! -f "$cases/$name/cmd" ]; then
		echo "golden: no case $name" >&2
		fail=$((fail + 1))
		failed="$failed $name"
		continue
	fi
	run "$name"
	if [ $update = 1 ]; then
		if ! cmp -s "$root/$name.out" "$cases/$name/expected"; then
			cp "$root/$name.out" "$cases/$name/expected"
			echo "golden: $name: expected rewritten"
		fi
		pass=$((pass + 1))
	elif cmp -s "$root/$name.out" "$cases/$name/expected"; then
		pass=$((pass + 1))
	else
		echo "golden: FAIL $name"
		diff -u --label "$name/expected" --label "$name (actual)" \
		    "$cases/$name/expected" "$root/$name.out"
		fail=$((fail + 1))
		failed="$failed $name"
	fi
	rm -rf "${root:?}/w" "$root/$name.raw" "$root/$name.out"
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ] || { echo "golden: failing:$failed" >&2; exit 1; }
exit 0
