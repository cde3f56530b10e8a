#!/bin/sh
# Screen tests: the real console in a private tmux server at a fixed size.
# Keys are sent with send-keys, the pane is captured with capture-pane and
# compared with tests/screen/expected/NAME.txt; every capture is also
# checked for control bytes and for lines wider than the terminal.
#   sh tests/screen/run.sh BIN            run
#   sh tests/screen/run.sh --update BIN   rewrite the expected screens
update=0
[ "$1" = --update ] && { update=1; shift; }
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if ! command -v tmux >/dev/null 2>&1; then
	echo "screen: SKIPPED — tmux is not installed (make deps installs it)"
	exit 0
fi
work=$(mktemp -d)
sock="uplift-screen-$$"
pass=0 fail=0
export LC_ALL=C.UTF-8 TZ=UTC HOME="$work/home" XDG_DATA_HOME="$work/data" \
    XDG_CONFIG_HOME="$work/config" TERM=xterm-256color
unset NO_COLOR
mkdir -p "$HOME"
nsess=0
T() { tmux -L "$sock-$nsess" -f /dev/null "$@" 2>/dev/null; }
cleanup() { T kill-server; rm -rf "$work"; }
trap cleanup EXIT INT TERM

# start COLS ROWS ARGS...: a new session running the console.
start() {
	c=$1 r=$2; shift 2
	T kill-server
	nsess=$((nsess + 1))     # a new server: no waiting for the old one
	T new-session -d -x "$c" -y "$r" "$BIN $*; echo \"[exit \$?]\"; sleep 30"
	settle
}

# settle: wait until the pane stops changing (at most 3 s).
settle() {
	prev="" i=0
	while [ $i -lt 30 ]; do
		sleep 0.1
		cur=$(T capture-pane -p 2>/dev/null)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && return 0
		prev=$cur
		i=$((i + 1))
	done
}

keys() { T send-keys "$@"; settle; }

# check NAME: capture and compare; check bytes and widths.
check() {
	name=$1
	T capture-pane -p > "$work/$name.txt"
	cols=$(T display -p '#{pane_width}')
	bad=""
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$work/$name.txt"; then
		bad="control bytes on screen"
	fi
	wide=$(python3 - "$work/$name.txt" "$cols" <<'PY' 2>/dev/null
import sys, unicodedata
def w(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
for n, line in enumerate(open(sys.argv[1], encoding='utf-8'), 1):
    if sum(w(c) for c in line.rstrip('\n')) > int(sys.argv[2]):
        print(n)
PY
)
	[ -n "$wide" ] && bad="${bad:+$bad; }lines wider than $cols columns: $wide"
	if [ $update -eq 1 ]; then
		cp "$work/$name.txt" "$here/expected/$name.txt"
	elif ! diff -u "$here/expected/$name.txt" "$work/$name.txt" > "$work/diff"; then
		bad="${bad:+$bad; }screen differs:
$(cat "$work/diff")"
	fi
	if [ -n "$bad" ]; then
		echo "screen: FAIL $name: $bad"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

AT="--at '2026-11-23 14:32'"

# 1. The demo at 80x24: start, search, pick, scroll, help, walk-in.
start 80 24 --demo "$AT"
check demo-start
keys / R a h
check find-live
keys Enter
check customer
keys PageDown
check history-page2
keys '?'
check help
keys Escape w
check walk-in
keys / C 0 0 0 3 Enter
check bengali-name
keys / C 0 0 1 1 Enter
check gujarati-name
# 2. Resize: smaller than the minimum, then larger.
T resize-window -x 60 -y 20; settle
check too-small
T resize-window -x 120 -y 30; settle
check wide-120x30
T resize-window -x 80 -y 24; settle
check back-80x24
keys q
check quit

# 3. A tiny terminal from the start, and q there.
start 20 5 --demo "$AT"
check tiny-20x5
keys q
check tiny-quit

# 4. Hostile data: escape sequences and bidi controls in names and SKUs.
mkdir -p "$work/hostile"
esc=$(printf '\033')
bel=$(printf '\007')
{
	echo "id,name,phone,email,loyalty,language,segment,consent"
	printf 'X1,"%s]0;PWNED%sMallory %s[2J%s[31mRED",+44 7700 900111,m@example.com,L-1,en,"%s]8;;http://evil.example/%sGold%s]8;;%s",no\n' \
	    "$esc" "$bel" "$esc" "$esc" "$esc" "$bel" "$esc" "$bel"
	printf 'X2,"abc\rXYZ invoice\342\200\256txt.exe",+44 7700\342\200\213900222,,L-2,en,Regular,no\n'
} > "$work/hostile/customers.csv"
{
	echo "sku,name,price"
	printf 'EVIL-1,"%s[2JWipe %s[21t screen",1.00\n' "$esc" "$esc"
	printf 'EVIL-2,"%s",2.00\n' "$(printf 'e%.0s\314\201' $(seq 1 200))"
} > "$work/hostile/items.csv"
{
	echo "order,date,customer,sku,quantity,unit_price"
	echo "H1,2026-11-20 10:00,X1,EVIL-1,1,1.00"
	echo "H1,2026-11-20 10:00,X1,EVIL-2,1,2.00"
} > "$work/hostile/orders.csv"
"$BIN" --db "$work/hostile.db" import "$work"/hostile/*.csv >/dev/null 2>&1 || {
	echo "screen: FAIL hostile: the import was refused"; fail=$((fail + 1)); }
start 80 24 --db "$work/hostile.db" "$AT"
keys / X 1 Enter
check hostile-customer
keys / X 2
check hostile-find
keys Escape q

# 5. No usable terminal: a clear message and exit 1, not a crash.
T kill-server 2>/dev/null
out=$(TERM=dumb "$BIN" --demo --at "2026-11-23 14:32" 2>&1 </dev/null); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q 'needs a terminal'; then
	pass=$((pass + 1))
else
	echo "screen: FAIL TERM=dumb: exit $rc: $out"; fail=$((fail + 1))
fi
out=$(TERM=no-such-terminal "$BIN" --demo --at "2026-11-23 14:32" 2>&1 </dev/null); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q 'cannot use the terminal'; then
	pass=$((pass + 1))
else
	echo "screen: FAIL unknown TERM: exit $rc: $out"; fail=$((fail + 1))
fi

echo "screen: $pass passed, $fail failed"
[ $fail -eq 0 ]
