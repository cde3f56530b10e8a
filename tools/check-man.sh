#!/bin/sh
# make check-man: the manual page must format without a single warning, and
# must document every command of app/commands.c's app_commands[] table.
#   groff -mandoc -ww -z   any output on stderr or a non-zero exit fails
#   mandoc -Tlint          only if mandoc is installed (skipped otherwise)
#   each { "name", line of app_commands[] needs ".It Cm name" in the page
#   (section 1 pages only: a page of another section, such as
#   uplift-chain.7, is checked for its formatting)
# Usage: sh tools/check-man.sh man/uplift.1   (run from the top directory)

page=${1:-man/uplift.1}
commands=${COMMANDS_C:-app/commands.c}
fail=0
bad() { echo "check-man: $*" >&2; fail=1; }

if [ ! -f "$page" ]; then
	echo "check-man: $page: no such file" >&2
	exit 1
fi
if ! command -v groff >/dev/null 2>&1; then
	echo "check-man: groff is not installed" >&2
	exit 1
fi

tmp=$(mktemp "${TMPDIR:-/tmp}/check-man.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT INT TERM

# 1. groff, every warning on.
groff -mandoc -ww -z "$page" 2>"$tmp"
rc=$?
if [ $rc -ne 0 ] || [ -s "$tmp" ]; then
	bad "groff -mandoc -ww -z $page (exit $rc):"
	sed 's/^/    /' "$tmp" >&2
fi
checks="groff -ww"

# 2. mandoc's linter, when there is one.
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint "$page" >"$tmp" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp" ]; then
		bad "mandoc -Tlint $page (exit $rc):"
		sed 's/^/    /' "$tmp" >&2
	fi
	checks="$checks, mandoc -Tlint"
fi

# 3. Every command of the table is documented as ".It Cm name".
case $page in
*.1) ;;
*) commands= ;;
esac
if [ -z "$commands" ]; then
	:
elif [ ! -f "$commands" ]; then
	bad "$commands: no such file (run from the top directory)"
else
	names=$(sed -n '/app_commands\[\][[:space:]]*=/,/^};/p' "$commands" |
	    sed -n 's/^[[:space:]]*{[[:space:]]*"\([^"]*\)",.*/\1/p')
	if [ -z "$names" ]; then
		bad "no commands found in $commands's app_commands[] table"
	fi
	# The page may write a hyphen as \- or \&-; compare without them.
	items=$(sed -n 's/^\.It[[:space:]][[:space:]]*Cm[[:space:]][[:space:]]*//p' \
	    "$page" | sed 's/\\-/-/g; s/\\&//g' | awk '{ print $1 }')
	n=0
	for name in $names; do
		n=$((n + 1))
		if ! printf '%s\n' "$items" | grep -qxF -- "$name"; then
			bad "command '$name' of $commands is not documented" \
			    "(no '.It Cm $name' in $page)"
		fi
	done
	checks="$checks, $n commands documented"
fi

if [ $fail -eq 0 ]; then
	echo "check-man: ok ($page: $checks)"
fi
exit $fail
