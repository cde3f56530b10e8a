# tests/screen/follow.sh — sourced by tests/screen/run.sh (its helpers:
# start, keys, shown, check, T; $work, $BIN, $top, pass, fail).
#
# 6. Following the till (uplift --follow, issue 16): tools/till-replay.py
#    plays a till into a FIFO from a CSV of one order (Anika: a customer,
#    three adds, a remove); the captures show the basket and the
#    suggestions following; an accept is read on the notify FIFO; the
#    till's finish records the sale as the till's order T-1001, and an
#    import of the same CSV adds nothing.  A bad line, a till that
#    restarts, a socket, and the scanner.
fw=$work/follow
mkdir -p "$fw"
fdb=$fw/shop.db
cp "$work/pristine.db" "$fdb"
mkfifo "$fw/till" "$fw/notify"
FRUN="--db $fdb --config $work/shop.ini --follow $fw/till --notify $fw/notify"
cat > "$fw/t1001.csv" <<'EOF'
order,date,customer,sku,quantity,unit_price
T-1001,2026-11-23 14:30,C0001,SH-HERB-050,1,1.29
T-1001,2026-11-23 14:30,C0001,GR-MILK-1L,2,1.15
T-1001,2026-11-23 14:30,C0001,CL-COAT-PAD,1,34.99
T-1001,2026-11-23 14:30,C0001,GR-MILK-1L,-1,1.15
EOF
fsql() { sqlite3 -batch -readonly "$fdb" "$1"; }
# tell: stdin into the till's FIFO; a console that died does not hang the
# suite (opening a FIFO waits for its reader)
tell() { timeout 20 sh -c 'cat > "$1"' sh "$fw/till" ||
    fbad "follow: nobody read the till's FIFO"; }
fok() { pass=$((pass + 1)); }
fbad() { echo "screen: FAIL $1"; fail=$((fail + 1)); }

ENVV="XDG_STATE_HOME=$fw/state"
start 80 24 $FRUN
# the notify FIFO's reader, as a till's would be
( exec cat "$fw/notify" > "$fw/told.txt" ) &
reader=$!
timeout 60 python3 "$top/tools/till-replay.py" --no-finish "$fw/t1001.csv" \
    "$fw/till" ||
    fbad "follow: tools/till-replay.py failed"
shown 'Till: removed\|taken off' >/dev/null
check follow-basket
T resize-window -x 60 -y 20 2>/dev/null; settle
check follow-basket-60x20
T resize-window -x 80 -y 24 2>/dev/null; settle
# accept the first suggestion: the till is told on the notify FIFO
keys a
i=0
while [ $i -lt 50 ] && ! grep -q accepted "$fw/told.txt" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
if grep -q '^{"event":"accepted","sku":"[^"]*","replaces":' "$fw/told.txt" &&
    grep -q '"price":"[0-9]*\.[0-9][0-9]","currency":"GBP"}$' "$fw/told.txt"
then fok; else fbad "follow: notify: $(cat "$fw/told.txt" 2>/dev/null)"; fi
acc=$(sed -n 's/.*"sku":"\([^"]*\)".*/\1/p' "$fw/told.txt" | head -1)
# the till rings the accepted item up: its echo, not a second one
printf '{"event":"add","sku":"%s"}\n' "$acc" | tell
shown 'rang up the accepted' >/dev/null
check follow-accepted
# a bad line: the status line and the log say it, the console goes on
printf 'not json\n{"event":"add","sku":"NO-SUCH"}\n' | tell
shown 'Till line 2' >/dev/null
check follow-bad-line
if grep -q 'line 1: not JSON' "$fw/state/uplift/follow.log" &&
    grep -q 'line 2: unknown SKU "NO-SUCH"' "$fw/state/uplift/follow.log"
then fok; else fbad "follow: log: $(cat "$fw/state/uplift/follow.log")"; fi
# the till's finish: the sale is the till's order T-1001
printf '{"event":"finish","order":"T-1001"}\n' | tell
shown 'recorded as order T-1001' >/dev/null
check follow-finished
lines=$(fsql "SELECT count(*) FROM order_line l JOIN orders o ON o.id = l.order_id WHERE o.code = 'T-1001'")
got=$(fsql "SELECT count(*) || ' ' || (SELECT code FROM customer WHERE id = customer_id) FROM orders WHERE code = 'T-1001'")
[ "$got" = "1 C0001" ] && [ "$lines" = 4 ] && fok ||
    fbad "follow: order T-1001: '$got', $lines lines (want 1 C0001, 4 lines)"
keys q
kill "$reader" 2>/dev/null
# the shop's export, imported later: T-1001 is there already
out=$("$BIN" --db "$fdb" import "$fw/t1001.csv" 2>&1)
got=$(fsql "SELECT count(*) FROM orders WHERE code = 'T-1001'")
lines2=$(fsql "SELECT count(*) FROM order_line l JOIN orders o ON o.id = l.order_id WHERE o.code = 'T-1001'")
case $out in
*"0 orders, 0 order lines"*"4 already present"*)
	[ "$got" = 1 ] && [ "$lines2" = 4 ] && fok ||
	    fbad "follow: import doubled T-1001: $got orders, $lines2 lines" ;;
*)	fbad "follow: import: $out" ;;
esac

# A till that restarts: the FIFO is opened again; a scanner's digits and
# Enter add the item by its barcode, a clerk's slow digits do not.
start 80 24 $FRUN
printf '{"event":"customer","id":"C0002"}\n' | tell
shown 'Emma' >/dev/null
printf '{"event":"add","sku":"GR-MILK-1L"}\n' | tell
shown 'Till: added' >/dev/null
# the Herbal Shampoo 50 ml's barcode, typed at once as a scanner does
T send-keys 2 0 9 7 2 2 8 1 8 6 6 2 1 Enter
shown 'Scanned: Herbal Shampoo 50 ml' >/dev/null
check follow-scanned
for k in 2 0 9 7; do T send-keys "$k"; sleep 0.25; done
T send-keys Enter; settle
# ... their Enter is the accept key's, which after the scan's add takes
# nothing until an arrow chooses a suggestion (a scanner's Enter, or a
# second one, never sells)
if ! T capture-pane -p | grep -q '^Enter: choose a suggestion with ↑↓ first, or a to accept' ||
    T capture-pane -p | grep -q '^Accepted\|NOT told'; then
	fbad "follow: Enter after a scan: $(T capture-pane -p | tail -3)"
else fok; fi
# chosen with the arrows, Enter accepts; the notify FIFO has no reader
# now: the console says so and goes on
keys Down Up Enter
if T capture-pane -p | grep -q 'Herbal Shampoo 50 ml *×2' ||
    ! T capture-pane -p | grep -q '^The till was NOT told of the accept (nobody reads it)'; then
	fbad "follow: slow digits: $(T capture-pane -p | tail -3)"
else fok; fi
keys q
keys q

# The socket: uplift connects to the till's socket and is told back on it.
rm -f "$fw/sock"
timeout 60 python3 "$top/tools/till-replay.py" --linger 3 --no-finish --listen \
    "$fw/sock" "$fw/t1001.csv" > "$fw/sock-told.txt" &
replay=$!
i=0
while [ $i -lt 50 ] && [ ! -S "$fw/sock" ]; do sleep 0.1; i=$((i + 1)); done
start 80 24 --db "$fdb" --config "$work/shop.ini" --follow "$fw/sock"
shown 'Till: removed\|taken off' >/dev/null
keys a
wait "$replay"
grep -q '^{"event":"accepted"' "$fw/sock-told.txt" && fok ||
    fbad "follow: socket: nothing told back: $(cat "$fw/sock-told.txt")"
T capture-pane -p | grep -q 'BASKET  4 lines' && fok ||
    fbad "follow: socket: $(T capture-pane -p)"
keys q
keys q
ENVV=
