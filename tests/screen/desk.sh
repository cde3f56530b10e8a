# tests/screen/desk.sh — section 6b of tests/screen/run.sh (sourced: it
# uses start, keys, shown, check, T, $BIN, $work, $top, $CLOCK): the front
# desk a hotel could trust (issue 17).  Its own demo hotel database.
#   - one accept per intent: Enter Enter Enter from the arrivals sells
#     nothing; the accept key asks y with what it charges, and only y
#     confirms (Enter cancels, as the words say); after a sale the
#     selection does not move onto another offer;
#   - u undoes an upgrade, an add-on and a decline (the database before
#     and after);
#   - stays with nothing to offer say why, with no price, line or key;
#   - all of a day's arrivals (79), a search's true count;
#   - the other desk: another process's accept shows "taken at another
#     desk" without a key;
#   - the compact layout wraps the line to say to its end;
#   - a long confirmation is shown whole in the list;
#   - the header names the hotel as stored, not as typed.

ddb=$work/desk17.db
"$BIN" --db "$ddb" import "$top"/assets/demo/*.csv >/dev/null || {
	echo "screen: FAIL setup: the desk's demo hotel did not import"
	fail=$((fail + 1)); }
# a stay that ended yesterday but was never checked out
sqlite3 "$ddb" "UPDATE reservation SET nights = 2 WHERE code = 'RH-10099'"
DRUN="--db $ddb --config $work/shop.ini --hotel 'Riverside Hotel'"
# dq SQL: one line of what the database holds
dq() { sqlite3 "$ddb" "$1" 2>&1 | tr '\n' ';'; }
# dv NAME GOT EXPECTED
dv() {
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
	else
		echo "screen: FAIL $1: $2 (expected $3)"; fail=$((fail + 1))
	fi
}
DSTATE="SELECT r.code || ' ' || t.code || ' ' || r.rate FROM reservation r
 JOIN room_type t ON t.id = coalesce(r.assigned_type_id, r.room_type_id)
 WHERE r.code = 'RH-10120';
SELECT count(*) || ' add-ons' FROM addon_sale s JOIN reservation r
 ON r.id = s.reservation_id WHERE r.code = 'RH-10120';
SELECT o.outcome || '/' || (o.undone IS NOT NULL) FROM offer o
 JOIN reservation r ON r.id = o.reservation_id WHERE r.code = 'RH-10120'
 AND o.outcome > 0 ORDER BY o.id"
# what the visit showed, as offer rows of outcome shown: kind:rows
DSHOWN="SELECT o.kind || ':' || count(*) FROM offer o JOIN reservation r
 ON r.id = o.reservation_id WHERE r.code = 'RH-10120' AND o.outcome = 0
 GROUP BY o.kind ORDER BY o.kind"

# One accept per intent: Enter opens Chloe Evans (RH-10120), the next
# Enters sell nothing.
start 80 24 $DRUN
keys Enter
keys Enter
keys Enter
check desk17-enter-enter-enter
dv "Enter Enter Enter sold" "$(dq "$DSTATE")" "RH-10120 STD 8900;0 add-ons;"
# the stay's upgrade and add-ons are on the books as offered (issue 17)
dv "offers shown" "$(dq "$DSHOWN")" "0:1;4:3;"
# the accept key asks, with what it charges; another key cancels
keys a
check desk17-confirm
keys x
dv "a x sold" "$(dq "$DSTATE")" "RH-10120 STD 8900;0 add-ons;"
keys a y
check desk17-upgraded
# nothing is selected after the sale: a again sells nothing
keys a
dv "a after a sale" "$(dq "$DSTATE")" "RH-10120 SUP 10900;0 add-ons;1/0;"
# u: the upgrade undone, back to the room and rate booked
keys u
check desk17-undo-upgrade
dv "undo the upgrade" "$(dq "$DSTATE")" "RH-10120 STD 8900;0 add-ons;1/1;"
# an add-on added, then undone (the focus went to the add-ons when no
# upgrade was left; the first arrow chooses in place)
keys Down a y
dv "add-on added" "$(dq "$DSTATE")" "RH-10120 STD 8900;1 add-ons;1/1;1/0;"
keys u
check desk17-undo-addon
dv "undo the add-on" "$(dq "$DSTATE")" "RH-10120 STD 8900;0 add-ons;1/1;1/1;"
# a decline (reason 3), then withdrawn
keys Tab d 3
keys u
check desk17-undo-decline
dv "undo the decline" "$(dq "$DSTATE")" \
    "RH-10120 STD 8900;0 add-ons;1/1;1/1;2/1;"
# d on an add-on: the guest's no is on the books (still offered), and u
# takes it back
keys Down d
check desk17-decline-addon
dv "add-on declined" "$(dq "$DSTATE")" \
    "RH-10120 STD 8900;0 add-ons;1/1;1/1;2/1;2/0;"
dv "the declined add-on" "$(dq "SELECT o.kind || ' ' || a.code FROM offer o
 JOIN addon a ON a.id = o.addon_id ORDER BY o.id DESC LIMIT 1")" "4 BRK;"
keys u
dv "undo the add-on's decline" "$(dq "$DSTATE")" \
    "RH-10120 STD 8900;0 add-ons;1/1;1/1;2/1;2/1;"
# ... once a visit: the answers, undos and repaints since added none
dv "offers shown, once" "$(dq "$DSHOWN")" "0:1;4:3;"

# In house since 18 Nov, leaving 24 Nov: priced for the one night left.
keys / C-u R H - 1 0 0 7 8 Enter
check desk17-in-house
# its parking: the workings show the night charged, not the 6 of the stay,
# and the line to say does not call £12.00 the whole stay's price (in
# Gujarati, the guest's language, then in English)
keys Tab Down
check desk17-in-house-parking
dv "in-house workings" "$(T capture-pane -p | grep -o '12.00 a night . 1 night left = 12.00')" \
    "12.00 a night × 1 night left = 12.00"
keys L
dv "in-house line to say" "$(T capture-pane -p | grep -o '£12.00 for the night left')" \
    "£12.00 for the night left"
# ... and the confirmation names what it charges for, then cancels
keys a
dv "in-house confirmation" "$(T capture-pane -p | grep -o 'Parking for the night left: +12.00 GBP')" \
    "Parking for the night left: +12.00 GBP"
keys x
# Cancelled, and ended yesterday without a check-out: why, and no price,
# no line to say, no accept key.
keys / C-u R H - 1 0 1 1 0 Enter
check desk17-cancelled
keys / C-u R H - 1 0 0 9 9 Enter
check desk17-past

# Only y confirms (the status line and the key bar say "y to confirm, any
# other key cancels"): a then Enter leaves Martin Keller (RH-10125) in his
# Superior with nothing charged, the upgrade's or an add-on's; a then y
# upgrades him; u puts him back for the sections below.
D125="SELECT t.code || ' ' || r.rate FROM reservation r JOIN room_type t
 ON t.id = coalesce(r.assigned_type_id, r.room_type_id)
 WHERE r.code = 'RH-10125';
SELECT count(*) || ' add-ons' FROM addon_sale s JOIN reservation r
 ON r.id = s.reservation_id WHERE r.code = 'RH-10125';
SELECT count(*) || ' accepted' FROM offer o JOIN reservation r
 ON r.id = o.reservation_id WHERE r.code = 'RH-10125' AND o.outcome = 1"
start 80 24 $DRUN
keys R H - 1 0 1 2 5 Enter
keys a
shown "y to confirm, any other key cancels" >/dev/null
keys Enter
check desk17-confirm-enter-cancels
dv "a Enter upgraded" "$(dq "$D125")" "SUP 10900;0 add-ons;0 accepted;"
keys Tab a
keys Enter
dv "a Enter added an add-on" "$(dq "$D125")" "SUP 10900;0 add-ons;0 accepted;"
keys Tab a
keys y
dv "a y upgraded" "$(dq "$D125")" "DLX 13900;0 add-ons;1 accepted;"
keys u
dv "a y undone" "$(dq "$D125")" "SUP 10900;0 add-ons;1 accepted;"

# A declined add-on is marked in the list, as a declined upgrade is, and
# its pitch is not made again as if fresh, also after a restart (it is
# saved): RH-10125's Parking, d.
start 80 24 $DRUN
keys R H - 1 0 1 2 5 Enter
keys Tab Down d
check desk17-addon-declined
dv "Parking marked declined" "$(T capture-pane -p | grep -c 'Parking  *declined')" 1
start 80 24 $DRUN
keys R H - 1 0 1 2 5 Enter
keys Tab Down
check desk17-addon-declined-restart
dv "declined after a restart" "$(T capture-pane -p | grep -o 'Declined by the guest for this stay: no pitch again')" \
    "Declined by the guest for this stay: no pitch again"
# d again: refused, one no is enough
keys d
dv "declined twice" "$(dq "SELECT count(*) FROM offer o JOIN reservation r
 ON r.id = o.reservation_id WHERE r.code = 'RH-10125' AND o.outcome = 2
 AND o.addon_id IS NOT NULL")" "1;"
sqlite3 "$ddb" "UPDATE offer SET undone = 1 WHERE outcome = 2
    AND addon_id IS NOT NULL AND reservation_id =
    (SELECT id FROM reservation WHERE code = 'RH-10125')"

# The other desk: desk 1 shows Martin Keller (RH-10125) the last Deluxe
# for his 3 nights; desk 2 (the command line, another process) gives it
# to Luca Rossi: desk 1 says so without a key.
start 80 24 $DRUN
keys R H - 1 0 1 2 5 Enter
env $CLOCK "$BIN" --db "$ddb" --config "$work/shop.ini" upgrades \
    --hotel "Riverside Hotel" RH-10124 --accept DLX >/dev/null
shown "taken at another desk" >/dev/null
settle
check desk17-taken-other-desk
sqlite3 "$ddb" "UPDATE reservation SET assigned_type_id = NULL,
    rate = booked_rate, booked_rate = NULL, prior_type_id = NULL,
    moved_on = NULL WHERE code = 'RH-10124'"
# the same while the confirmation is asked: it is withdrawn, unsold
start 80 24 $DRUN
keys R H - 1 0 1 2 5 Enter
keys a
env $CLOCK "$BIN" --db "$ddb" --config "$work/shop.ini" upgrades \
    --hotel "Riverside Hotel" RH-10124 --accept DLX >/dev/null
shown "taken at another desk" >/dev/null
settle
check desk17-taken-while-asked
keys y
dv "y after the room was taken" "$(dq "SELECT coalesce(assigned_type_id, 0)
    FROM reservation WHERE code = 'RH-10125'")" "0;"

# The compact layout: the line to say wrapped to its end (the amount for
# the stay is not cut).
start 40 12 $DRUN
keys Enter
check desk17-compact-wrap

# The header names the hotel as its data spells it, whatever the case the
# command line typed (--hotel 'riverside hotel' finds it).
start 80 24 --db "$ddb" --config "$work/shop.ini" --hotel "'riverside hotel'"
dv "the hotel's name in the header" \
    "$(T capture-pane -p | head -1 | grep -io 'riverside hotel')" \
    "Riverside Hotel"

# All of a day's arrivals: 70 more on 23 Nov make 79, the last reachable;
# 1,200 stays matching a search: the true count, the first 200 listed.
sqlite3 "$ddb" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
    FROM n WHERE i < 1270)
    INSERT INTO reservation(hotel_id, code, arrival, nights, room_type_id,
    rate, adults) SELECT h.id, printf('BK-%04d', i),
    CAST(julianday('2026-11-23') - 2440587.5 AS INTEGER)
    + (CASE WHEN i <= 70 THEN 0 ELSE 30 END), 1 + i % 7, t.id, 8900, 2
    FROM n JOIN hotel h JOIN room_type t ON t.hotel_id = h.id
    WHERE t.code = 'STD'"
start 80 24 $DRUN
check desk17-arrivals-79
keys End
check desk17-arrivals-79-last
keys B K
check desk17-search-count
# a confirmation as long as the data set's is shown whole
sqlite3 "$ddb" "INSERT INTO reservation(hotel_id, code, arrival, nights,
    room_type_id, rate, adults) SELECT h.id, 'L0055390-9903cb2f',
    CAST(julianday('2026-11-30') - 2440587.5 AS INTEGER), 2, t.id, 8900, 2
    FROM hotel h JOIN room_type t ON t.hotel_id = h.id WHERE t.code = 'STD'"
keys C-u l 0 0 5 5 3
check desk17-long-confirmation
T kill-server
