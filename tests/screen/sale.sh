# Section 14 of tests/screen/run.sh (sourced): the counter in a real shop
# (issue 16) — one key, one intent; undo; quantities; a bundle's discount
# line; money and time on Online Retail's 3-decimal, 2011 history.
#   SCREEN_ONLY=sale sh tests/screen/run.sh BIN   runs this section alone

# Enter Enter after an add (a habit; a scanner ends with Enter) accepts
# nothing: the status line says to choose first, the basket keeps its one
# line and the offer log has no take; Down Up (chosen) then Enter accepts
edb=$work/enter.db
cp "$work/pristine.db" "$edb"
start 80 24 --db "$edb" --config "$work/shop.ini"
keys w + P H - N O V A - A 1 5 Enter
keys Enter
takes() { sqlite3 -batch -readonly "$edb" \
    "SELECT count(*) FROM offer WHERE outcome = 1"; }
scr=$(T capture-pane -p)
case $scr in
*"BASKET  1 line "*"Enter: choose a suggestion with ↑↓ first, or a to accept."*)
	[ "$(takes)" = 0 ] && pass=$((pass + 1)) || {
		echo "screen: FAIL sale-enter-enter: $(takes) takes logged"
		fail=$((fail + 1)); } ;;
*)	echo "screen: FAIL sale-enter-enter: $(printf '%s\n' "$scr" | tail -12)"
	fail=$((fail + 1)) ;;
esac
# chosen with the arrows (Down Up: the same one), Enter accepts it
keys Down Up Enter
scr=$(T capture-pane -p)
case $scr in
*"BASKET  2 lines "*"Accepted: Nova Phone Case. Saved."*)
	[ "$(takes)" = 1 ] && pass=$((pass + 1)) || {
		echo "screen: FAIL sale-enter-chosen: $(takes) takes logged"
		fail=$((fail + 1)); } ;;
*)	echo "screen: FAIL sale-enter-chosen: $(printf '%s\n' "$scr" | tail -12)"
	fail=$((fail + 1)) ;;
esac
# after that accept a further Enter takes nothing either
keys Enter
[ "$(takes)" = 1 ] && pass=$((pass + 1)) || {
	echo "screen: FAIL sale-enter-after-accept: $(takes) takes logged"
	fail=$((fail + 1)); }
keys q q

# The line to say is shown whole, its price never cut: it takes the rows
# it needs (80x24: up to 4, from the basket; compact: all but 5 rows of
# the panes) and where it still cannot fit it ends with "…" after a whole
# word; the why drops whole " · " parts from its end, marked " · …".
# whole NAME TEXT...: the pane, its lines joined (the right column's
# without the left's), holds every TEXT, and no line ends in a cut amount
# (£7.9, +12.9) or a cut word before "'".
wdb=$work/whole.db
cp "$work/pristine.db" "$wdb"
whole() {
	name=$1; shift
	check "$name"
	scr=$(T capture-pane -p)
	flat=$(printf '%s\n' "$scr" | sed 's/^.*│//; s/^ *//; s/ *$//' |
	    tr '\n' ' ' | tr -s ' ')
	bad=
	for want in "$@"; do
		case $flat in *"$want"*) ;; *) bad="$bad [no: $want]" ;; esac
	done
	if printf '%s\n' "$scr" | grep -Eq "[£+][0-9]+(\.[0-9]?)?$|[a-z]'$"; then
		bad="$bad [a line ends cut]"
	fi
	if [ -n "$bad" ]; then
		echo "screen: FAIL $name:$bad
$scr"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
start 80 24 --db "$wdb" --config "$work/shop.ini"
keys w + P H - N O V A - A 1 5 Enter j s
whole whole-say-80x24 "also had the Nova Tempered Glass Screen Protector. It's £7.99."
keys n
keys w + P H - N O V A - A 2 5 Enter + A C - C A S E - N O V A Enter
whole whole-say-bundle-80x24 "£5.98 less than buying each separately."
# in Bengali and Gujarati (L), measured in display columns
keys L
whole whole-say-bn-80x24 "£5.98 কম।"
keys L
whole whole-say-gu-80x24 "£5.98 ઓછા."
keys L n
# a walk-in's why has the column's rows; a customer's, above the profile,
# drops its last parts
keys w + C L - C O A T - C L S Enter j
whole whole-why-walk-in "lift 42.8 · +12.99"
keys n / C 0 0 0 3 Enter + C L - C O A T - C L S Enter
whole whole-why-customer "lift 71.0 · +9.99 · …"
keys q q
start 60 16 --db "$wdb" --config "$work/shop.ini"
keys w + P H - N O V A - A 2 5 Enter + A C - C A S E - N O V A Enter
whole whole-say-60x16 "£5.98 less than buying each separately."
keys L
whole whole-say-bn-60x16 "£5.98 কম।"
keys L
whole whole-say-gu-60x16 "£5.98 ઓછા."
keys q q
# 40x12: three rows are all it can have; the cut is a "…" after a word
start 40 12 --db "$wdb" --config "$work/shop.ini"
keys w + P H - N O V A - A 2 5 Enter + A C - C A S E - N O V A Enter
whole whole-say-40x12 "SAY: "
T capture-pane -p | sed -n 10p | grep -q '[[:alpha:]]…$' &&
    pass=$((pass + 1)) || {
	echo "screen: FAIL whole-say-40x12: the SAY's last row does not end in …"
	fail=$((fail + 1)); }
keys q q

# a a accepts once: the second a (a bounce, or Enter after a) takes
# nothing, and the selection stays where it was
sdb=$work/sale.db
cp "$work/pristine.db" "$sdb"
start 80 24 --db "$sdb" --config "$work/shop.ini"
keys / C 0 0 0 1 Enter + P H - N O V A - A 2 5 Enter
keys a a
check sale-a-a
# chosen with the arrows, the bundle's screen protector: at its own
# price, the bundle's saving a line apart; the total is the bundle's
keys Down Up a
check sale-bundle-line
# u takes the screen protector back (its row marked undone, never
# deleted); accepted again, *3 Enter sets the line's quantity and - makes
# it x2 (the discount stays on one unit)
keys u
check sale-undo-accept
keys Down Up a Tab '*' 3 Enter
check sale-qty-3
keys -
check sale-qty-2
# a decline and its undo
keys Tab d 1 u
check sale-undo-decline
keys n
# the shift's summary: every figure ends in the same display column
keys q
check sale-shift
T capture-pane -p | python3 -c '
import sys, re, unicodedata
def w(t):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)
ends = set()
for line in sys.stdin:
    m = re.match(r" (offers made|taken|declined|revenue from offers) +(\S+)", line)
    if m:
        ends.add(w(line[:m.end(2)]))
sys.exit(0 if len(ends) == 1 else 1)' && pass=$((pass + 1)) || {
	echo "screen: FAIL sale-shift: the figures do not end in one column"
	fail=$((fail + 1)); }
keys x
verdict=$(sqlite3 "$sdb" "
SELECT (SELECT count(*) FROM offer WHERE outcome = 1) || ' accepted (' ||
       (SELECT count(*) FROM offer WHERE outcome = 1 AND undone IS NOT NULL) ||
       ' undone), ' ||
       (SELECT count(*) FROM offer WHERE outcome = 2) || ' declined (' ||
       (SELECT count(*) FROM offer WHERE outcome = 2 AND undone IS NOT NULL) ||
       ' undone); sale: ' ||
       (SELECT group_concat(i.sku || ' x' || l.qty || ' @' || l.unit_price, ', ')
        FROM order_line l JOIN item i ON i.id = l.item_id WHERE l.order_id =
        (SELECT id FROM orders WHERE source = 'counter'))" 2>&1)
case $verdict in
"3 accepted (1 undone), 1 declined (1 undone); sale: PH-NOVA-A25 x1 @21900, AC-CASE-NOVA x1 @1299, AC-SCRN-NOVA x1 @201, AC-SCRN-NOVA x1 @799")
	pass=$((pass + 1)) ;;
*)
	echo "screen: FAIL sale database after a a, u and u: $verdict"
	fail=$((fail + 1)) ;;
esac

# Online Retail (tests/data: 3 decimals, GBP, ends in Dec 2011) seen in
# 2026: the start says where the history ends and what to do; a
# customer's last visit is a date, their chart their last 12 months with
# its months named, and money has the currency's 2 decimals
rdb=$work/retail.db
"$BIN" --db "$rdb" import "$top/tests/data/online_retail_sample.csv" >/dev/null &&
    "$BIN" --db "$rdb" rebuild >/dev/null || {
	echo "screen: FAIL setup: the Online Retail sample did not import"
	fail=$((fail + 1)); }
ENVV="LOGNAME=clerk"
start 80 24 --db "$rdb"
check sale-retail-start
keys / 1 2 4 2 7 Enter
check sale-retail-customer
keys q
# as of then (--at: a replay): the suggestions and what to say in £
start 80 24 --db "$rdb" --at 2011-12-10
keys / 1 2 4 2 7 Enter + 2 2 6 3 4 Enter
check sale-retail-then
keys q q
start 40 12 --db "$rdb"
keys / 1 2 4 2 7 Enter
check sale-retail-40x12
keys q
ENVV=
