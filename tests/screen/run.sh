#!/bin/sh
# Screen tests: the real console in a private tmux server at a fixed size.
# Keys are sent with send-keys, the pane is captured with capture-pane and
# compared with tests/screen/expected/NAME.txt; every capture is also
# checked for control bytes and for lines wider than the terminal.
#   sh tests/screen/run.sh BIN            run
#   sh tests/screen/run.sh --update BIN   rewrite the expected screens
#   sh tests/screen/run.sh --only desk BIN  only the front desk's section
#                                        (tests/screen/desk.sh)
update=0 only=
[ "$1" = --update ] && { update=1; shift; }
[ "$1" = --only ] && { only=$2; shift 2; }
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

# The consoles' clock stands at 2026-11-23 14:32 UTC: a shim loaded with
# LD_PRELOAD answers time() with it (the other clocks, by which curses
# times its waits and the idle lock counts, run on).  --at
# would not do: on a real database it opens the console in REPLAY, which
# writes nothing (issue 14).  Built like the faults suite's shims.
cat > "$work/fixclock.c" <<'EOF'
#include <stdlib.h>
#include <time.h>
/* time() only: uplift's clock (civil_now) reads it; curses times its
 * waits with the other clocks, which must run on */
time_t time(time_t *t) { const char *e = getenv("FIXCLOCK");
	time_t v = e != NULL ? (time_t)strtoll(e, NULL, 10) : 0;
	if (t) *t = v; return v; }
EOF
if ! cc -shared -fPIC -o "$work/fixclock.so" "$work/fixclock.c"; then
	echo "screen: FAIL setup: cannot build the clock shim"; exit 1
fi
# A full disk on demand, for sections 10 and 11 (tools/nospace.c).
if ! cc -shared -fPIC -o "$work/nospace.so" "$top/tools/nospace.c" -ldl; then
	echo "screen: FAIL setup: cannot build tools/nospace.c"; exit 1
fi
CLOCK="LD_PRELOAD=$work/fixclock.so FIXCLOCK=$(date -u -d '2026-11-23 14:32:00' +%s)"

# start COLS ROWS ARGS...: a new session running the console.
# ENVV: extra environment for the console (TERM=..., LC_ALL=...).
ENVV=
start() {
	c=$1 r=$2; shift 2
	T kill-server
	nsess=$((nsess + 1))     # a new server: no waiting for the old one
	T new-session -d -x "$c" -y "$r" \
	    "env $CLOCK $ENVV $BIN $*; echo \"[exit \$?]\"; sleep 30"
	drawn
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

# shown TEXT: the pane, once it shows TEXT (at most 20 s: a loaded
# machine can take more than 5).
shown() {
	i=0
	while [ $i -lt 200 ] && ! T capture-pane -p | grep -q "$1"; do
		sleep 0.1
		i=$((i + 1))
	done
	T capture-pane -p
}

# drawn: wait until the pane shows anything at all (at most 20 s): a
# console still starting on a loaded machine shows a blank pane for
# longer than settle's 3 s, and keys and flag files would come too early.
drawn() { shown '[^[:space:]]' > /dev/null; }

# too_wide FILE COLS: the numbers of the lines of FILE wider than COLS
# display columns (combining and format characters take none, wide ones
# two).
too_wide() {
	python3 - "$1" "$2" <<'PY' 2>/dev/null
import sys, unicodedata
def w(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
for n, line in enumerate(open(sys.argv[1], encoding='utf-8'), 1):
    if sum(w(c) for c in line.rstrip('\n')) > int(sys.argv[2]):
        print(n)
PY
}

# check NAME: capture and compare; check bytes and widths.
check() {
	name=$1
	T capture-pane -p > "$work/$name.txt"
	cols=$(T display -p '#{pane_width}')
	bad=""
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$work/$name.txt"; then
		bad="control bytes on screen"
	fi
	wide=$(too_wide "$work/$name.txt" "$cols")
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

# check_payload CODE DIGITS: the screen of a payload customer: it is the
# one found (its phone's last digits on line 2 or, when a long name leaves
# no room for them, a line 2 unlike the one before), no control bytes, no
# line too wide, and header, titles and key bar where they were.
check_payload() {
	T capture-pane -p > "$work/p.txt"
	bad=""
	l2=$(sed -n 2p "$work/p.txt")
	case $l2 in
	*"$2"*) ;;
	*) [ "$l2" != "$prev2" ] || bad="not shown (line 2: $l2)" ;;
	esac
	prev2=$l2
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$work/p.txt"
	then
		bad="control bytes on screen"
	fi
	for n in 1 3 20 24; do
		a=$(sed -n "${n}p" "$work/plain.txt")
		b=$(sed -n "${n}p" "$work/p.txt")
		[ "$n" = 3 ] && { a=${a%%HISTORY*}; b=${b%%HISTORY*}; }
		[ "$n" = 20 ] && { a=${a%%SAY*}; b=${b%%SAY*}; }
		[ "$a" = "$b" ] || bad="${bad:+$bad; }line $n moved: $b"
	done
	[ "$(wc -l < "$work/p.txt")" -eq 24 ] || bad="${bad:+$bad; }not 24 lines"
	if [ -n "$bad" ]; then
		echo "screen: FAIL payload $1: $bad"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# --at: only where nothing real is written (training copies, REPLAY)
TAT="--at '2026-11-23 14:32'"
AT=

# A database of our own (the demo's data, mined), so that what the
# console wrote can be checked afterwards.
db=$work/shop.db
"$BIN" --db "$db" import "$top"/assets/demo/*.csv >/dev/null &&
    "$BIN" --db "$db" rebuild >/dev/null || {
	echo "screen: FAIL setup: the demo data did not import"; exit 1; }
cp "$top/assets/demo/uplift.ini" "$work/shop.ini" && chmod 600 "$work/shop.ini"
# and a copy as it is now, for the sections that need one untouched
cp "$db" "$work/pristine.db"
RUN="--db $db --config $work/shop.ini $AT"

if [ "${SCREEN_ONLY:-}" = sale ]; then
	. "$here/sale.sh"
	echo "screen: $pass passed, $fail failed"
	[ $fail -eq 0 ]
	exit
fi

# 6b. The front desk a hotel could trust (issue 17): tests/screen/desk.sh.
. "$here/desk.sh"
if [ "$only" = desk ]; then
	echo "screen: $pass passed, $fail failed"
	[ $fail -eq 0 ]; exit
fi

# 1. A whole sale at 80x24: find, add, accept, decline with and without
#    a reason, remove, help, finish, resize down and back, quit.
start 80 24 $RUN
check start
keys / R a h
check find-live
keys Enter
check customer
keys + S H - H E R B - 0 5 0
check add-search
keys Enter
check added-shampoo
# the 50 ml is due again: the 250 ml in its place is the first offer
keys a
check accepted-bigger-size
keys + C L - C O A T - C L S Enter
check added-coat
keys d
check reason-picker
keys 1
check reason-given
keys d x
check decline-skipped
keys Tab -
check removed-line
keys PageDown
check history-page2
keys '?'
check help
keys Escape n
check finished
T resize-window -x 20 -y 6; settle
check too-small
T resize-window -x 80 -y 24; settle
check back-80x24
keys q
check shift-summary
keys x
check quit

# What the run wrote: every suggestion shown, 1 accepted, 2 declined
# (one with the reason "price"), and one sale of the 250 ml shampoo.
verdict=$(sqlite3 "$db" "
SELECT (SELECT count(*) FROM offer WHERE outcome = 1) || ' accepted, ' ||
       (SELECT count(*) FROM offer WHERE outcome = 2) || ' declined, ' ||
       (SELECT count(*) FROM offer WHERE outcome = 2 AND reason = 1) ||
       ' with reason price, ' ||
       (SELECT count(*) FROM offer WHERE outcome = 0) || ' shown; order ' ||
       (SELECT code FROM orders WHERE source = 'counter') || ': ' ||
       (SELECT group_concat(i.sku || ' x' || l.qty, ', ') FROM order_line l
        JOIN item i ON i.id = l.item_id WHERE l.order_id =
        (SELECT id FROM orders WHERE source = 'counter')) ||
       '; customer ' || (SELECT c.code FROM orders o JOIN customer c
        ON c.id = o.customer_id WHERE o.source = 'counter')" 2>&1)
expect="1 accepted, 2 declined, 1 with reason price, "
case $verdict in
"$expect"*"shown; order POS1310: SH-HERB-250 x1; customer C0001")
	pass=$((pass + 1)) ;;
*)
	echo "screen: FAIL database after the run: $verdict"
	fail=$((fail + 1)) ;;
esac

# The sale took an offer (the bigger shampoo), so it counts apart in the
# average basket report.
[ "$(sqlite3 "$db" "SELECT offer_taken FROM orders WHERE source = 'counter'")" = 1 ] &&
    pass=$((pass + 1)) || {
	echo "screen: FAIL the sale is not marked as having taken an offer"
	fail=$((fail + 1)); }

# 1b. A sale open, w asks before it takes the basket to a walk-in (the
#     last customer's items must not slip into the next one's sale), w
#     again does; / from a walk-in's sale goes straight to the search (a
#     card shown late: the basket becomes the customer's).  On a copy: the
#     offers it shows are not the later reports'.
cp "$db" "$work/move.db"
start 80 24 --db "$work/move.db" --config "$work/shop.ini" $AT
keys / C 0 0 0 1 Enter + S H - H E R B - 2 5 0 Enter
keys w
check walk-in-asks
keys w
check walk-in-moved
keys /
check find-from-walk-in
keys Escape q q

# 2. Larger and smaller terminals: 132x40, the compact 40x12 and 60x20.
start 132 40 $RUN
keys / C 0 0 0 1 Enter + C L - C O A T - C L S Enter
check wide-132x40
keys q q
start 40 12 $RUN
keys / C 0 0 0 1 Enter + C L - C O A T - C L S Enter
check compact-40x12
# the decline reasons fit 40 columns; below 40×12 with a sale open the
# notice says so, and q does not leave the sale behind
keys d
check reason-40x12
keys 3
T resize-window -x 30 -y 8; settle
check too-small-sale
keys q
check too-small-sale
T resize-window -x 40 -y 12; settle
# the help in pages at 40×12: any key the next, back from the last
keys '?'
check help-40x12-first
keys x x
check help-40x12-last
keys x
check help-40x12-back
keys q q
start 60 20 $RUN
keys / C 0 0 0 1 Enter + P H - N O V A - A 2 5 Enter
check compact-60x20
# the report at 60 columns: no "before" column, nothing wrapped; at 40
# it says it needs 60
keys R
check report-60x20
T resize-window -x 40 -y 12; settle
check report-40x12
keys x q q
start 80 24 $RUN
keys / C 0 0 0 3 Enter
check bengali-name
keys / C 0 0 1 1 Enter
check gujarati-name
keys q

# 3. Other terminals and locales: no control bytes, ASCII in a C locale,
#    no colour with NO_COLOR.
for term in xterm screen vt100; do
	ENVV="TERM=$term" start 80 24 $RUN
	keys / C 0 0 0 3 Enter
	check "term-$term"
	keys q
done
ENVV="LC_ALL=C" start 80 24 $RUN
keys / C 0 0 0 3 Enter + S H - H E R B - 0 5 0 Enter
check c-locale
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$work/c-locale.txt"; then
	echo "screen: FAIL c-locale: non-ASCII bytes on a C-locale screen"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
keys q q
ENVV="NO_COLOR=1" start 80 24 $RUN
keys / C 0 0 0 1 Enter
if T capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m"; then
	echo "screen: FAIL NO_COLOR: colours on screen"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
keys q
ENVV=

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
# no configuration: the header names the shop after the database's file
# and the clerk after the login name
ENVV="LOGNAME=sam"
start 80 24 --db "$work/hostile.db" "$AT"
keys / X 1 Enter
check hostile-customer
keys / X 2
check hostile-find
keys Escape q
ENVV=

# 4b. Every display payload of reliability.md as a customer's name (and a
#     zero-width space in a phone), written straight into the database so
#     that even bytes the importer refuses reach the screen: no control
#     byte may show and the layout must hold (header, titles, key bar).
pdb=$work/payloads.db
cp "$db" "$pdb"
np=0
for hex in 1b5d303b50574e454407 1b5d35323b633b53476c73624738393d07 \
    1b5d383b3b687474703a2f2f6576696c2e6578616d706c652f075061791b5d383b3b07 \
    1b5b324a 1b5b33316d524544 1b5b323174 c29b33316d 9b33316d 6162630d58595a \
    616263080808 58595a 610a62 6109 416e6e00416463696e 7f \
    696e766f696365e280ae7478742e657865 c0af eda080 e0a6 80 \
    e0a686e0a6abe0a697e0a6bee0a6a8e0a6bfe0a6b8e0a78de0a6a4e0a6bee0a6a8 \
    e0aa85e0aaabe0aa97e0aabee0aaa8e0aabfe0aab8e0ab8de0aaa4e0aabee0aaa8 \
    e0a495e0a58de0a4b7 e78e8be5b08fe6988e f09f91a9e2808df09f91a9e2808df09f91a7 \
    f09f87aef09f87b3 65$(printf 'cc81%.0s' $(seq 1 200)) ""; do
	np=$((np + 1))
	code=$(printf 'P%02d' $np)
	# "+44<zero-width space>7700 9" and 3 digits of its own
	if ! sqlite3 "$pdb" "INSERT INTO customer(code, name, phone, segment)
	    VALUES ('$code', CAST(X'$hex' AS TEXT),
	    CAST(X'2b3434e2808b3737303020' AS TEXT) || '9$(printf %03d $np)',
	    'Gold')"; then
		echo "screen: FAIL payloads: cannot insert $code"
		fail=$((fail + 1))
	fi
done
# and a 1 MiB name
if ! { python3 -c "print('X' * 1048576)" > "$work/big.txt" &&
    sqlite3 "$pdb" "INSERT INTO customer(code, name, phone) VALUES ('P99',
    readfile('$work/big.txt'), '+44 7700 9099')"; }; then
	echo "screen: FAIL payloads: cannot insert P99"
	fail=$((fail + 1))
fi
start 80 24 --db "$pdb" --config "$work/shop.ini" "$AT"
keys / C 0 0 0 1 Enter
T capture-pane -p > "$work/plain.txt"
prev2=$(sed -n 2p "$work/plain.txt")
for k in $(seq 1 $np) 99; do
	code=$(printf 'P%02d' "$k")
	keys / $(echo $code | sed 's/./& /g') Enter
	check_payload "$code" "$(printf '9%03d' "$k")"
done
keys q

# 4c. The same payloads as hotel guests, at the check-in screen: each
#     stay found by its confirmation and put at the desk, with the
#     guest's name in the strip and the arrivals list: no control byte,
#     no line too wide, header and key bar where they were.
sqlite3 "$pdb" "INSERT INTO reservation(hotel_id, code, guest_id, arrival,
    nights, room_type_id, rate, adults) SELECT h.id, 'R' || c.code, c.id,
    CAST(julianday('2026-11-23') - 2440587.5 AS INTEGER), 2, t.id, 8900, 2
    FROM customer c JOIN hotel h JOIN room_type t ON t.hotel_id = h.id
    WHERE c.code LIKE 'P%' AND t.code = 'STD'" || {
	echo "screen: FAIL payloads: cannot add the payload stays"
	fail=$((fail + 1)); }
start 80 24 --db "$pdb" --config "$work/shop.ini" "$AT" --hotel "'Riverside Hotel'"
keys R P 0 Enter
T capture-pane -p > "$work/dplain.txt"
for k in $(seq 1 $np) 99; do
	code=$(printf 'RP%02d' "$k")
	keys / $(echo $code | sed 's/./& /g') Enter
	T capture-pane -p > "$work/d.txt"
	bad=""
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$work/d.txt"
	then
		bad="control bytes on screen"
	fi
	grep -q "$code" "$work/d.txt" || bad="${bad:+$bad; }not at the desk"
	wide=$(too_wide "$work/d.txt" 80)
	[ -n "$wide" ] && bad="${bad:+$bad; }lines wider than 80: $wide"
	[ "$(sed -n 1p "$work/d.txt")" = "$(sed -n 1p "$work/dplain.txt")" ] ||
	    bad="${bad:+$bad; }header moved"
	[ "$(wc -l < "$work/d.txt")" -eq 24 ] || bad="${bad:+$bad; }not 24 lines"
	if [ -n "$bad" ]; then
		echo "screen: FAIL desk payload $code: $bad"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
keys q

# 6. The hotel front desk (uplift --hotel): today's arrivals, a repeat
#    guest (RH-10125, an earlier Superior stay) and a first-time guest
#    (RH-10120); an add-on added and an upgrade accepted with the accept
#    key, a decline with a reason; help, the compact size, too small.
hdb=$work/hotel.db
"$BIN" --db "$hdb" import "$top"/assets/demo/*.csv >/dev/null || {
	echo "screen: FAIL setup: the demo hotel did not import"; exit 1; }
HRUN="--db $hdb --config $work/shop.ini $AT --hotel 'Riverside Hotel'"
start 80 24 $HRUN
check desk-arrivals
# at 60 columns the arrivals keep nights, room and status (the date is in
# the title), a search keeps the date instead of the status
T resize-window -x 60 -y 20; settle
check desk-arrivals-60x20
keys K e
check desk-find-60x20
keys BSpace BSpace
T resize-window -x 80 -y 24; settle
keys K e l l
check desk-find-live
keys Enter
check desk-repeat-guest
keys Tab
check desk-addons
keys a y
check desk-addon-added
keys Tab a y
check desk-upgraded
keys / Enter
check desk-first-time
keys L
check desk-language
keys d
check desk-reason-picker
keys 3
check desk-reason-given
keys '?'
check desk-help
keys Escape
T resize-window -x 40 -y 12; settle
check desk-compact-40x12
T resize-window -x 20 -y 6; settle
check desk-too-small
T resize-window -x 80 -y 24; settle
keys q
check desk-shift
keys x
check desk-quit

# What the desk wrote: RH-10125 moved to Deluxe at 109 + 30 a night with
# breakfast for two for 3 nights; RH-10120's Superior declined for "not
# now"; both answers in the offer log with their reservation, each after
# the row of its offer shown (outcome 0, issue 17), and the add-ons the
# two stays were shown (3 each: the shift summary's 8 offers made).
verdict=$(sqlite3 "$hdb" "
SELECT r.code || ' ' || t.code || ' ' || r.rate FROM reservation r
 JOIN room_type t ON t.id = r.assigned_type_id;
SELECT r.code || ' ' || a.code || ' ' || s.units || 'x' || s.days || ' '
 || s.total FROM addon_sale s JOIN addon a ON a.id = s.addon_id
 JOIN reservation r ON r.id = s.reservation_id;
SELECT r.code || ' ' || t.code || ' outcome ' || o.outcome || ' reason '
 || coalesce(o.reason, 0) || ' ' || o.price_diff FROM offer o
 JOIN reservation r ON r.id = o.reservation_id
 JOIN room_type t ON t.id = o.room_type_id ORDER BY o.id;
SELECT 'add-ons shown ' || count(*) FROM offer WHERE kind = 4
 AND outcome = 0" 2>&1 | tr '\n' ';')
expect="RH-10125 DLX 13900;RH-10125 BRK 2x3 8700;RH-10125 DLX outcome 0 reason 0 9000;RH-10125 DLX outcome 1 reason 0 9000;RH-10120 SUP outcome 0 reason 0 2000;RH-10120 SUP outcome 2 reason 3 2000;add-ons shown 6;"
if [ "$verdict" = "$expect" ]; then
	pass=$((pass + 1))
else
	echo "screen: FAIL the desk's database: $verdict (expected $expect)"
	fail=$((fail + 1))
fi

# A hotel that is not there: a clear message, exit 1, before any screen.
out=$("$BIN" --db "$hdb" --hotel "No Such Inn" 2>&1 </dev/null); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q 'no hotel named No Such Inn'; then
	pass=$((pass + 1))
else
	echo "screen: FAIL unknown hotel: exit $rc: $out"; fail=$((fail + 1))
fi

# 7. Training (uplift train) pointed at a real database file, held open
#    by another process so that its -wal and -shm exist: an easy shop
#    scenario played well and a hard hotel one played badly (English to a
#    Gujarati guest, who does not understand it; then breakfast in
#    Gujarati, her no, and parking after it: a veto), a retry, the
#    training help, a restraint scenario (a first phone on a £200 budget,
#    in Bengali) played well and played pushily with both score sheets,
#    the scores in the training store — and the real file's bytes, -wal
#    and -shm unchanged.
rdb=$work/real.db
"$BIN" --db "$rdb" import "$top"/assets/demo/*.csv >/dev/null &&
    "$BIN" --db "$rdb" rebuild >/dev/null || {
	echo "screen: FAIL setup: the real database for training"; exit 1; }
python3 -c "import sqlite3, time, sys
c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM item').fetchone()
open(sys.argv[2], 'w').close()
time.sleep(600)" "$rdb" "$work/held" &
holder=$!
# until the holder has the file open (the file it writes, its -wal and
# -shm are there; a loaded machine is slow)
i=0
while [ $i -lt 200 ] && { [ ! -e "$work/held" ] || [ ! -e "$rdb-wal" ] ||
    [ ! -e "$rdb-shm" ]; }; do
	sleep 0.1
	i=$((i + 1))
done
sums() { for f in "$rdb" "$rdb-wal" "$rdb-shm"; do
	[ -e "$f" ] && sha256sum < "$f" || echo "missing $f"; done; }
before=$(sums)
ENVV="UPLIFT_TRAINING_DB=$work/training.db"
TRUN="--db $rdb --config $work/shop.ini $TAT train"
start 80 24 $TRUN shop-coat-gloves
check train-easy-start
keys a
check train-easy-dialogue
# no report and no reveal in training: its data is the shop's, copied
for k in R V; do
	keys "$k"
	if T capture-pane -p | grep -q 'Not in training\.'; then
		pass=$((pass + 1))
	else
		echo "screen: FAIL $k in training was not refused"
		fail=$((fail + 1))
	fi
done
keys n
check train-easy-score
keys q
start 80 24 $TRUN hotel-breakfast-gu
keys a
check train-hard-dialogue
keys L L a j a n
check train-hard-score
keys r
check train-hard-retry
keys q
start 80 24 $TRUN shop-phone-case
# the case is the first suggestion
keys a
check train-objection
keys 1
check train-objection-answered
keys n q
# ? in training: the trainee's keys, the languages in their order
start 80 24 $TRUN shop-phone-budget-bn
keys '?'
check train-help
keys x
# the restraint scenario played well: Bengali (L), the screen protector
# (the second suggestion) within her £200
keys L j a
check train-restraint-well
keys n
check train-restraint-well-score
keys q
# ... and pushily: the £40 upgrade past her budget (she says no), then
# another offer after her no
start 80 24 $TRUN shop-phone-budget-bn
keys L j j a a
check train-restraint-pushy
keys n
check train-restraint-pushy-score
keys q
# a scenario whose customer speaks in escape sequences and bidi
# controls: the dialogue shows them harmless
mkdir -p "$work/hostile-sc"
sed -e "s/^open = .*/open = $(printf '\033]0;PWNED\007Hi \033[2J\033[31mRED \342\200\256gnp.exe \302\23331m')/" \
    -e "s/^need = .*/need = $(printf 'a\rb\tc\010d \342\200\213zero-width')/" \
    "$top/assets/training/shop-coat-gloves.txt" > "$work/hostile-sc/h.txt"
start 80 24 $TRUN --dir "$work/hostile-sc" shop-coat-gloves
check train-hostile
keys q q
# below 80×24 training shows the too-small notice and no key plays the
# run unseen: back at 80×24 it is where it started
start 60 20 $TRUN shop-coat-gloves
check train-too-small
keys a n
T resize-window -x 80 -y 24; settle
check train-easy-start
keys q q
# made smaller mid-run the trainee is not trapped: the notice says q
# quits and q leaves (a scratch copy, nothing real to lose; the shop's
# own open sale keeps q refused, too-small-sale above)
start 80 24 $TRUN shop-coat-gloves
T resize-window -x 60 -y 16; settle
check train-too-small-quit
keys q
if shown '\[exit 0\]' | grep -q '\[exit 0\]'; then
	pass=$((pass + 1))
else
	echo "screen: FAIL q at 60x16 in training did not leave:"
	T capture-pane -p
	fail=$((fail + 1))
fi
# after the guest's no at the desk the SAY pane closes gracefully: the
# declined breakfast's line is no longer on show to be said again
start 80 24 $TRUN hotel-breakfast-gu
keys L L a
if T capture-pane -p | grep -q 'The guest said no: thank them and hand' &&
    ! T capture-pane -p | tail -5 | grep -q '£14.50'; then
	pass=$((pass + 1))
else
	echo "screen: FAIL the SAY pane after a no at the desk in training:"
	T capture-pane -p
	fail=$((fail + 1))
fi
keys q q
# d in training leaves a suggestion out: nobody said no, so no "no
# problem" line to say
start 80 24 $TRUN shop-coat-gloves
keys d
if T capture-pane -p | grep -q 'Left out: not offered' &&
    ! T capture-pane -p | grep -qi 'no problem'; then
	pass=$((pass + 1))
else
	echo "screen: FAIL d in training:"; T capture-pane -p
	fail=$((fail + 1))
fi
keys q q
ENVV=
after=$(sums)
kill $holder 2>/dev/null; wait $holder 2>/dev/null
case $before in
*missing*) echo "screen: FAIL training: the real -wal/-shm were not there: $before"
	fail=$((fail + 1)) ;;
*) if [ "$before" = "$after" ]; then pass=$((pass + 1)); else
	echo "screen: FAIL training changed the real database's bytes"
	fail=$((fail + 1)); fi ;;
esac
verdict=$(sqlite3 "$rdb" "SELECT (SELECT count(*) FROM offer) || ' offers, ' ||
    (SELECT count(*) FROM training_run) || ' runs, ' ||
    (SELECT count(*) FROM addon_sale) || ' add-ons'")
[ "$verdict" = "0 offers, 0 runs, 0 add-ons" ] && pass=$((pass + 1)) || {
	echo "screen: FAIL the real database after training: $verdict"
	fail=$((fail + 1)); }
progress=$(UPLIFT_TRAINING_DB=$work/training.db "$BIN" --config \
    "$work/shop.ini" train --progress | cut -f1-4 | tr '\n' ';')
expect="scenario	best	last	tries;hotel-breakfast-gu	6%	6%	1;shop-coat-gloves	100%	100%	1;shop-phone-budget-bn	100%	0%	2;shop-phone-case	100%	100%	1;"
if [ "$progress" = "$expect" ]; then
	pass=$((pass + 1))
else
	echo "screen: FAIL training progress: $progress (expected $expect)"
	fail=$((fail + 1))
fi

# 8. The manager's report screen (R) and the reveal (V, for one key), open
#    while no clerk has a PIN; then with staff signed in, a clerk is
#    refused both, and the refusals are in the audit log.
start 80 24 $RUN
keys R
check report-screen
keys x / C 0 0 0 1 Enter V
check reveal
keys x
check reveal-gone
keys q q
sdb=$work/staff.db
cp "$db" "$sdb"
UPLIFT_NEW_PIN=111111 "$BIN" --db "$sdb" staff add Mona --role manager >/dev/null
UPLIFT_NEW_PIN=2222 UPLIFT_PIN=111111 "$BIN" --db "$sdb" --as Mona staff add \
    Carl --role clerk >/dev/null
ENVV="UPLIFT_PIN=2222"
start 80 24 --db "$sdb" --config "$work/shop.ini" "$AT" --as Carl
keys R
check report-denied
keys / C 0 0 0 1 Enter V
check reveal-denied
keys q q
ENVV=
# a manager signed in: the report and the reveal are theirs
ENVV="UPLIFT_PIN=111111"
start 80 24 --db "$sdb" --config "$work/shop.ini" "$AT" --as Mona
keys R
check report-manager
keys x / C 0 0 0 1 Enter V
check reveal-manager
keys x q q
ENVV=
# the idle lock: after 5 s without a key (idle_lock_seconds) only the
# clerk's PIN opens the console again (2 s locked again between two keys
# on a loaded machine, and the audit then had one idle-lock too many)
sed 's/^\[display\]$/[display]\nidle_lock_seconds = 5/' "$work/shop.ini" > "$work/lock.ini"
grep -q '^idle_lock_seconds' "$work/lock.ini" ||
    printf '[display]\nidle_lock_seconds = 5\n' >> "$work/lock.ini"
chmod 600 "$work/lock.ini"
ENVV="UPLIFT_PIN=2222"
start 80 24 --db "$sdb" --config "$work/lock.ini" "$AT" --as Carl
sleep 6; settle
check idle-locked
# Ctrl-Z, Ctrl-C and Ctrl-\ do not leave the lock screen for the shell
keys C-z C-c 'C-\'
check idle-locked
keys 1 2 3 4 Enter
check idle-wrong-pin
keys 2 2 2 2 Enter
check idle-unlocked
keys q q
ENVV=
verdict=$(sqlite3 "$sdb" "SELECT group_concat(a.action || ' ' || c.name || ' ' ||
    coalesce(a.subject, ''), '; ') FROM audit a JOIN clerk c ON c.id = a.clerk_id
    WHERE a.action IN ('idle-lock', 'unlock', 'failed-pin') ORDER BY a.id")
[ "$verdict" = "idle-lock Carl ; failed-pin Carl ; unlock Carl " ] &&
    pass=$((pass + 1)) || {
	echo "screen: FAIL the audit of the idle lock: $verdict"
	fail=$((fail + 1)); }
verdict=$(sqlite3 "$sdb" "SELECT group_concat(a.action || ' ' || c.name || ' ' ||
    coalesce(a.subject, ''), '; ') FROM audit a JOIN clerk c ON c.id = a.clerk_id
    WHERE a.action IN ('denied', 'reveal') ORDER BY a.id")
[ "$verdict" = "denied Carl report; denied Carl reveal; reveal Mona customer #1" ] &&
    pass=$((pass + 1)) || {
	echo "screen: FAIL the audit of the refusals: $verdict"
	fail=$((fail + 1)); }
# the lock screen at 40×12: the prompt wraps, the PIN and the message
# stay on screen
ENVV="UPLIFT_PIN=2222"
start 40 12 --db "$sdb" --config "$work/lock.ini" "$AT" --as Carl
sleep 6; settle
keys 1 2 3 4 Enter 5 5
check idle-locked-small
# four more wrong PINs lock Carl out: the lock screen stays (no shell),
# says until when, and refuses even the right PIN until then
keys BSpace BSpace 5 5 5 5 Enter
keys 6 6 6 6 Enter
keys 7 7 7 7 Enter
keys 8 8 8 8 Enter
shown 'Locked until' > "$work/lockout1.txt"
keys 2 2 2 2 Enter
shown 'Locked until' > "$work/lockout2.txt"
if grep -q 'Locked until [0-9][0-9]:[0-9][0-9]' "$work/lockout1.txt" &&
    grep -q 'Locked until [0-9][0-9]:[0-9][0-9]' "$work/lockout2.txt" &&
    grep -q 'Locked after a pause' "$work/lockout2.txt" &&
    ! grep -q 'exit' "$work/lockout2.txt"; then
	pass=$((pass + 1))
else
	echo "screen: FAIL lock-out on the lock screen:"; cat "$work/lockout2.txt"
	fail=$((fail + 1))
fi
T kill-server
ENVV=
# (the console may still be closing the file: wait for it)
verdict=$(sqlite3 -cmd '.timeout 5000' "$sdb" "SELECT group_concat(a.action, ' ') FROM audit a
    JOIN clerk c ON c.id = a.clerk_id WHERE c.name = 'Carl' AND a.id >
    (SELECT max(id) FROM audit WHERE action = 'unlock') ORDER BY a.id")
[ "$verdict" = "sign-in idle-lock failed-pin failed-pin failed-pin failed-pin failed-pin lock locked-out" ] &&
    pass=$((pass + 1)) || {
	echo "screen: FAIL the audit of the lock-out: $verdict"
	fail=$((fail + 1)); }
# training on the shop's database, signed in: the idle lock checks the
# PIN in the shop's database and audits there, not in the scratch copy
ENVV="UPLIFT_PIN=111111 UPLIFT_TRAINING_DB=$work/training.db"
start 80 24 --db "$sdb" --config "$work/lock.ini" "$TAT" --as Mona train \
    shop-coat-gloves
sleep 6; settle
keys 9 9 9 9 Enter
shown 'Wrong PIN (1 of 5)' > "$work/trainlock.txt"
failed=$(sqlite3 -cmd '.timeout 5000' "$sdb" "SELECT failed FROM clerk WHERE name = 'Mona'")
keys 1 1 1 1 1 1 Enter
shown 'TRAINING' > "$work/trainlock2.txt"
T kill-server
ENVV=
verdict=$(sqlite3 -cmd '.timeout 5000' "$sdb" "SELECT group_concat(a.action, ' ') FROM audit a
    JOIN clerk c ON c.id = a.clerk_id WHERE c.name = 'Mona' AND a.id >
    (SELECT max(id) FROM audit WHERE action = 'locked-out') ORDER BY a.id")
if [ "$failed" = 1 ] && [ "$verdict" = "sign-in idle-lock failed-pin unlock" ] &&
    grep -q 'Wrong PIN (1 of 5)' "$work/trainlock.txt" &&
    grep -q 'TRAINING' "$work/trainlock2.txt"; then
	pass=$((pass + 1))
else
	echo "screen: FAIL the training lock in the shop's database: failed=$failed, audit: $verdict"
	fail=$((fail + 1))
fi

# 9. --at on a real database opens the console in REPLAY (issue 14 item
#    4): a badge in the header, the status line says so, and an accept,
#    a decline with its reason and a sale are shown but NOT saved — the
#    file is the same afterwards; the desk likewise.
rpdb=$work/replay.db
cp "$db" "$rpdb"
counts() { sqlite3 "$rpdb" "SELECT (SELECT count(*) FROM offer) || ' offers, '
    || (SELECT count(*) FROM orders) || ' orders, ' || (SELECT count(*) FROM
    addon_sale) || ' add-ons, ' || (SELECT count(*) FROM reservation WHERE
    assigned_type_id IS NOT NULL) || ' upgraded, ' || (SELECT count(*) FROM
    clerk) || ' clerks'"; }
before=$(counts)
start 80 24 --db "$rpdb" --config "$work/shop.ini" "$TAT"
check replay-start
keys / C 0 0 0 1 Enter + S H - H E R B - 0 5 0 Enter
# the second offer (not the 250 ml: the sale before took it today)
keys Down a
check replay-accepted
keys + C L - C O A T - C L S Enter d
# the reason's prompt says what a replay does: nothing is saved
case $(shown 'Why?') in
*"REPLAY: not saved"*"Why?"*) pass=$((pass + 1)) ;;
*)	echo "screen: FAIL replay decline: the prompt does not say REPLAY:"
	T capture-pane -p | tail -n 3
	fail=$((fail + 1)) ;;
esac
keys 1
check replay-declined
keys n
check replay-sale
T resize-window -x 60 -y 20; settle
check replay-60x20
T resize-window -x 40 -y 12; settle
check replay-40x12
keys q q
start 80 24 --db "$rpdb" --config "$work/shop.ini" "$TAT" --hotel "'Riverside Hotel'"
keys K e l l Enter Tab a y
check replay-desk-addon
keys Tab a y
check replay-desk-upgrade
keys q q
after=$(counts)
if [ "$before" = "$after" ]; then
	pass=$((pass + 1))
else
	echo "screen: FAIL REPLAY wrote to the database: $before, then $after"
	fail=$((fail + 1))
fi

# 10. The disk fills up during a shift (issue 14 item 5; tools/nospace.c
#     makes every write that needs a new block fail while a flag file
#     exists): the offers shown, accepted and declined are NOT SAVED and
#     the header counts them; they are kept in a 0600 journal beside the
#     database (its space reserved at the start); q says how many and
#     asks; after q the journal is there, and the next console saves
#     every row of it and says so.
if [ -f "$work/nospace.so" ]; then
	fdb=$work/full.db
	cp "$work/pristine.db" "$fdb"
	offers() { sqlite3 -cmd '.timeout 5000' "$fdb" "SELECT count(*) || ' offers, '
	    || count(reason) || ' with a reason' FROM offer"; }
	o0=$(offers)
	# NOSPACE_WAL: the log cannot grow into space it had either, so what
	# happened before (how far the -wal had grown) does not matter
	ENVV="LD_PRELOAD=$work/fixclock.so:$work/nospace.so NOSPACE_FLAG=$work/diskfull NOSPACE_WAL=1"
	start 80 24 --db "$fdb" --config "$work/shop.ini"
	keys / C 0 0 0 1 Enter
	# the customer on screen: the console is up, its journal made and
	# its space reserved, before the disk fills
	shown 'Anika Rahman' > /dev/null
	o1=$(offers)
	touch "$work/diskfull"
	keys + S H - H E R B - 0 5 0 Enter a d 1
	check full-disk-pending
	keys q
	check full-disk-quit-asked
	# the same question on a small terminal, then q quits; x closes the
	# shift's summary, if there is one
	T resize-window -x 40 -y 12; settle
	check full-disk-quit-40x12
	T resize-window -x 80 -y 24; settle
	keys q x
	shown '\[exit' > "$work/full-quit.txt"
	journal=$(ls "$fdb"-pending-* 2>/dev/null)
	jmode=$(stat -c %a $journal 2>/dev/null)
	o2=$(offers)
	rm -f "$work/diskfull"
	ENVV=
	start 80 24 --db "$fdb" --config "$work/shop.ini"
	check full-disk-replayed
	keys q x
	shown '\[exit' > /dev/null
	o3=$(offers)
	left=$(ls "$fdb"-pending-* 2>/dev/null | wc -l)
	verdict="before: $o1; after q: $o2, journal mode $jmode; after the next start: $o3, journals left $left"
	expect="before: 3 offers, 0 with a reason; after q: 3 offers, 0 with a reason, journal mode 600; after the next start: 9 offers, 1 with a reason, journals left 0"
	if [ "$verdict" = "$expect" ]; then
		pass=$((pass + 1))
	else
		echo "screen: FAIL full disk: $verdict (expected $expect)"
		fail=$((fail + 1))
	fi
else
	echo "screen: FAIL setup: cannot build tools/nospace.c"
	fail=$((fail + 1))
fi

# 11. The terminal goes away (issue 14 item 17): the tmux server is
#     killed as a dropped SSH session would end it; the console ends as on
#     SIGHUP — within a few seconds, not spinning on a terminal that cannot
#     be read — and what it kept is cleaned up: the demo's temporary copy
#     removed; on a real database with the disk full, the unsaved offers
#     left in the journal for the next start.
#     (setsid: the console is not the terminal's session, so no SIGHUP
#     reaches it — as when make or a shell between does not pass it on —
#     and only the failing reads tell it the terminal is gone.)
gone() {  # the console of pattern $1 ended within 5 s: "ended" or "running"
	i=0
	while [ $i -lt 50 ] && pgrep -f "$1" >/dev/null; do
		sleep 0.1; i=$((i + 1)); done
	if pgrep -f "$1" >/dev/null; then
		echo running
		for p in $(pgrep -f "$1"); do kill -9 "$p"; done
	else
		echo ended
	fi
}
mkdir -p "$work/hangtmp"
T kill-server
nsess=$((nsess + 1))
T new-session -d -x 80 -y 24 "env TMPDIR=$work/hangtmp $CLOCK setsid -w $BIN --demo --config $work/shop.ini; sleep 30"
drawn; settle
keys / C 0 0 0 1 Enter
shown 'Anika Rahman' > /dev/null
demo=$(ls "$work/hangtmp" | wc -l)
T kill-server
v1="demo: $(gone "uplift --demo --config $work/shop.ini"), $demo temporary copy before, $(ls "$work/hangtmp" | wc -l) after"
hang=$work/hang.db
cp "$work/pristine.db" "$hang"
nsess=$((nsess + 1))
T new-session -d -x 80 -y 24 "env LD_PRELOAD=$work/fixclock.so:$work/nospace.so NOSPACE_FLAG=$work/hangfull NOSPACE_WAL=1 FIXCLOCK=$(date -u -d '2026-11-23 14:32:00' +%s) setsid -w $BIN --db $hang --config $work/shop.ini; sleep 30"
drawn; settle
keys / C 0 0 0 1 Enter
# the console up (its journal made, its space reserved) before the disk
# fills: a console that took more than 3 s to start on a loaded machine
# found the disk already full and ran without a journal.  NOSPACE_WAL, as
# in section 10: the -wal's blocks left over from the customer's shown
# offers could take the new rows (1 run in 6 here), and nothing would be
# left unsaved.
shown 'Anika Rahman' > /dev/null
touch "$work/hangfull"
keys + S H - H E R B - 0 5 0 Enter
unsaved=$(shown 'NOT SAVED' | grep -c 'NOT SAVED')
T kill-server
v2="shop: $(gone "uplift --db $hang"), $(ls "$hang"-pending-* 2>/dev/null | wc -l) journal"
# (a failure says whether the rows were unsaved before the kill at all)
[ "$unsaved" -gt 0 ] || v2="$v2 (no NOT SAVED on screen before the kill)"
rows=$(cat "$hang"-pending-* 2>/dev/null | tr -d '\000' | grep -c '^O')
[ "$rows" -gt 0 ] && v2="$v2 with the unsaved rows" || v2="$v2 with none"
rm -f "$work/hangfull"
verdict="$v1; $v2"
expect="demo: ended, 1 temporary copy before, 0 after; shop: ended, 1 journal with the unsaved rows"
if [ "$verdict" = "$expect" ]; then
	pass=$((pass + 1))
else
	echo "screen: FAIL terminal gone: $verdict (expected $expect)"
	fail=$((fail + 1))
fi

# 12. The PIN prompt and signals (issue 14 item 13): Ctrl-C at "PIN:",
#     and SIGTERM and SIGHUP sent to the process, leave the terminal as it
#     was (echo on) — the shell that ran uplift says — and uplift still
#     ends by that signal (exit 128 + its number).
pdb2=$work/pin.db
cp "$work/pristine.db" "$pdb2"
UPLIFT_NEW_PIN=246802 "$BIN" --db "$pdb2" staff add Pia --role manager >/dev/null
for sig in INT TERM HUP; do
	T kill-server
	nsess=$((nsess + 1))
	T new-session -d -x 80 -y 24 "sh -c 'trap : INT; $BIN --db $pdb2 --as Pia report offers; echo \"[exit \$?]\"; stty -a | tr \" \" \"\\n\" | grep -x -e echo -e -echo; sleep 30'"
	shown 'PIN:' > /dev/null
	if [ $sig = INT ]; then
		T send-keys C-c
	else
		kill -$sig "$(pgrep -f "^$BIN --db $pdb2 --as Pia" | head -n 1)"
	fi
	after=$(shown 'echo' | grep -x -e echo -e -echo)
	code=$(T capture-pane -p | sed -n 's/^.*\[exit \([0-9]*\)\].*$/\1/p')
	case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
	[ "$code" = "$want" ] || after="$after, exit $code (not $want)"
	if [ "$after" = echo ]; then
		pass=$((pass + 1))
	else
		echo "screen: FAIL PIN prompt, SIG$sig: the terminal is left with '$after'"
		fail=$((fail + 1))
	fi
done

# 13. Personal data and whose rules (issue 14 item 7): a clerk's own
#     configuration saying mask_personal = no still shows a masked phone
#     (masking follows the role); a trainee's own scenario (--dir) on the
#     shop's real database is refused; a manager's plays on a copy whose
#     names, phones, emails and loyalty numbers are made up.
mdb=$work/mask.db
cp "$work/pristine.db" "$mdb"
{ cat "$work/shop.ini"; printf '[display]\nmask_personal = no\n'; } > "$work/nomask.ini"
chmod 600 "$work/nomask.ini"
UPLIFT_NEW_PIN=975318 "$BIN" --db "$mdb" staff add Meg --role manager >/dev/null
UPLIFT_NEW_PIN=4680 UPLIFT_PIN=975318 "$BIN" --db "$mdb" --as Meg staff add \
    Ola --role clerk >/dev/null
UPLIFT_NEW_PIN=1357 UPLIFT_PIN=975318 "$BIN" --db "$mdb" --as Meg staff add \
    Tim --role trainee >/dev/null
ENVV="UPLIFT_PIN=4680"
start 80 24 --db "$mdb" --config "$work/nomask.ini" --as Ola
keys / C 0 0 0 1 Enter
check mask-own-config
keys q
mkdir -p "$work/own-sc"
sed 's/^customer = .*/customer = C0001/' "$top/assets/training/shop-coat-gloves.txt" \
    > "$work/own-sc/mine.txt"
ENVV="UPLIFT_PIN=1357 UPLIFT_TRAINING_DB=$work/training.db"
start 80 24 --db "$mdb" --config "$work/nomask.ini" "$TAT" --as Tim train \
    --dir "$work/own-sc" shop-coat-gloves
check train-own-scenario
keys q q
# a manager may, and plays on a copy whose customers are made up
ENVV="UPLIFT_PIN=975318 UPLIFT_TRAINING_DB=$work/training.db"
start 80 24 --db "$mdb" --config "$work/nomask.ini" "$TAT" --as Meg train \
    --dir "$work/own-sc" shop-coat-gloves
check train-own-scenario-manager
keys q q
ENVV=

# 14. The counter in a real shop (issue 16): tests/screen/sale.sh.
. "$here/sale.sh"

# 15. Following the till: tests/screen/follow.sh (its own file).
. "$here/follow.sh"

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
