# tools/selftest-lib.sh — sourced by tools/check-*-selftest.sh: a checker
# must fail, naming the place, on a deliberate violation made in a
# temporary copy of the tree (never in the real tree).
#
# The sourcing script sets, before sourcing:
#   st_name   its name, for messages ("check-layers-selftest");
#   st_tools  what of tools/ the copy needs, the checker first
#             ("check-layers.sh").
# It then changes $st_tree (a fresh copy after each st_copy) and calls
# st_expect_fail for each case, st_untouched once, and st_end last.

st_top=$(pwd)
st_tmp=$(mktemp -d "${TMPDIR:-/tmp}/$st_name.XXXXXX") || exit 1
trap 'rm -rf "$st_tmp"' EXIT HUP INT TERM
st_tree=$st_tmp/tree
st_fail=0
st_n=0

# A fresh copy of model/, views/, app/ and $st_tools in $st_tree.
st_copy() {
	rm -rf "$st_tree"
	mkdir -p "$st_tree/tools"
	cp -R "$st_top/model" "$st_top/views" "$st_top/app" "$st_tree/" &&
	    for t in $st_tools; do
		cp "$st_top/tools/$t" "$st_tree/tools/" || return 1
	    done || {
		echo "$st_name: cannot copy the tree" >&2
		exit 1
	}
}

# Run the checker on the copy: its output in $st_out, its status returned.
st_run() {
	set -- $st_tools
	st_out=$(cd "$st_tree" && sh "tools/$1" 2>&1)
}

# The checker must pass on an untouched copy (else every case proves
# nothing).
st_untouched() {
	st_copy
	if ! st_run; then
		echo "$st_name: the untouched copy fails: $st_out" >&2
		exit 1
	fi
}

# st_expect_fail NAME WANT...: the checker, run on the copy as it is now,
# must exit non-zero and its output hold every WANT.
st_expect_fail() {
	st_case=$1
	shift
	st_n=$((st_n + 1))
	if st_run; then
		echo "$st_name: $st_case: passed a violation" >&2
		st_fail=1
		return
	fi
	for want in "$@"; do
		case $st_out in
		*"$want"*) ;;
		*) echo "$st_name: $st_case: output does not name $want:" \
		       "$st_out" >&2
		   st_fail=1 ;;
		esac
	done
}

# The status to exit with; says "ok" with what when every case held.
st_end() {
	[ $st_fail -eq 0 ] && echo "$st_name: ok ($1)"
	return $st_fail
}
