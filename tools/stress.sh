#!/bin/sh
# tools/stress.sh BIN [SECONDS] — two suites on one database file, each
# for SECONDS (default 60):
#
#   crash        4 writers import one-line sales in a loop while a killer
#                sends SIGKILL to a random writer every 50-250 ms; then
#                PRAGMA integrity_check must say ok and every sale a
#                writer saw reported saved (exit 0) must be in the file.
#   counters     4 screenless counters (build/stress_writer: the console's
#                session) serve customers, log their suggestions and record
#                sales while a killer sends SIGKILL at random; a third of the
#                way in the disk fills up (tools/nospace.c: every write that
#                needs a new block fails, and every write to the WAL) and
#                stays full, so that offers go
#                to the counters' journals; at the end the disk is freed and
#                a counter restarts, replaying the journals.  Then every
#                offer row and sale a counter saw saved, and every offer it
#                saw kept in its journal, must be in the file, no journal
#                left, integrity ok.
#   concurrency  4 writers and a reader (`report offers`, `stats`) at
#                once; then no sale reported saved is missing, none is there
#                that was not reported, none doubled, and no "database is
#                locked" (or any other error) reached anyone.
#
# Prints one line per suite with its figures; exits 1 if one failed.
set -u

bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
secs=${2:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'touch "$work/stop"; sleep 0.3; rm -rf "$work"' EXIT INT TERM
export TZ=UTC HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
failed=0

now() { date +%s; }

# writer ID DB: import a one-line sale with a code of its own, again and
# again; a code goes to saved.ID only after the import said it was saved.
writer() {
	id=$1 db=$2 i=0
	while [ ! -e "$work/stop" ]; do
		i=$((i + 1))
		code="S$id-$i"
		printf 'order,date,customer,sku,quantity,unit_price\n%s,%s,,GR-MILK-1L,1,1.15\n' \
		    "$code" "2026-11-23 10:00" > "$work/w$id.csv"
		if "$bin" --db "$db" import "$work/w$id.csv" >/dev/null \
		    2>>"$work/err$id"; then
			echo "$code" >> "$work/saved$id"
		fi
	done
}

reader() {
	db=$1
	while [ ! -e "$work/stop" ]; do
		"$bin" --db "$db" report offers >/dev/null 2>>"$work/err-reader"
		"$bin" --db "$db" stats >/dev/null 2>>"$work/err-reader"
	done
}

setup() {
	rm -f "$work"/saved* "$work"/err* "$work/stop"
	db=$work/$1.db
	"$bin" --db "$db" import "$top"/assets/demo/*.csv >/dev/null || {
		echo "stress: the demo data did not import" >&2; exit 1; }
}

# ---- crash safety -----------------------------------------------------------
setup crash
start=$(now)
for w in 1 2 3 4; do writer $w "$db" & done
kills=0
end=$((start + secs))
while [ "$(now)" -lt "$end" ]; do
	sleep "0.$(awk 'BEGIN { srand(); printf "%02d", 5 + int(rand() * 20) }')"
	pid=$(pgrep -f "uplift --db $db import" | shuf -n 1)
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
done
touch "$work/stop"
wait
integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
cat "$work"/saved* 2>/dev/null | sort > "$work/saved"
sqlite3 "$db" "SELECT code FROM orders WHERE code LIKE 'S%-%'" | sort > "$work/present"
saved=$(wc -l < "$work/saved")
lost=$(comm -23 "$work/saved" "$work/present" | wc -l)
present=$(wc -l < "$work/present")
dups=$(sqlite3 "$db" "SELECT count(*) - count(DISTINCT code) FROM orders")
took=$(( $(now) - start ))
echo "stress crash: ${took} s, 4 writers, $kills SIGKILLs, $saved sales reported saved, $present in the file, lost $lost, doubled $dups, integrity $integrity"
[ "$integrity" = ok ] && [ "$lost" -eq 0 ] && [ "$dups" -eq 0 ] || failed=1

# ---- counters killed at random, the disk full a third of the way in --------
sw=$(dirname "$bin")/stress_writer
if [ -x "$sw" ] && cc -shared -fPIC -o "$work/nospace.so" \
    "$top/tools/nospace.c" -ldl; then
	setup counters
	"$bin" --db "$db" rebuild >/dev/null
	start=$(now)
	for w in 1 2 3 4; do
		( n=0; while [ ! -e "$work/stop" ]; do n=$((n + 1))
			LD_PRELOAD="$work/nospace.so" NOSPACE_FLAG="$work/full" \
			    NOSPACE_WAL=1 "$sw" "$db" "$w$n" \
			    >> "$work/reported$w" 2>>"$work/cerr$w"
		done ) &
	done
	kills=0
	end=$((start + secs))
	fullat=$((start + secs / 3))
	while [ "$(now)" -lt "$end" ]; do
		sleep "0.$(awk 'BEGIN { srand(); printf "%02d", 10 + int(rand() * 30) }')"
		[ "$(now)" -ge "$fullat" ] && [ ! -e "$work/full" ] && touch "$work/full"
		pid=$(pgrep -f "stress_writer $db" | shuf -n 1)
		[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	done
	touch "$work/stop"
	pkill -9 -f "stress_writer $db" 2>/dev/null
	wait
	# the disk freed, a counter starts again: it replays the journals
	rm -f "$work/full"
	journals=$(ls "$db"-pending-* 2>/dev/null | wc -l)
	"$sw" "$db" --replay > "$work/replayed" 2>&1 || cat "$work/replayed" >&2
	left=$(ls "$db"-pending-* 2>/dev/null | wc -l)
	integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
	cat "$work"/reported* 2>/dev/null | grep -E '^offer [0-9]+$' |
	    cut -d' ' -f2 | sort -u > "$work/ro"
	cat "$work"/reported* 2>/dev/null | grep -E '^order [0-9]+$' |
	    cut -d' ' -f2 | sort -u > "$work/rs"
	cat "$work"/reported* 2>/dev/null | grep -E '^kept [0-9a-f]+$' |
	    cut -d' ' -f2 | sort -u > "$work/rk"
	sqlite3 "$db" "SELECT id FROM offer" | sort -u > "$work/po"
	sqlite3 "$db" "SELECT id FROM orders WHERE source = 'counter'" |
	    sort -u > "$work/ps"
	sqlite3 "$db" "SELECT jkey FROM offer WHERE jkey IS NOT NULL" |
	    sort -u > "$work/pk"
	offers=$(wc -l < "$work/ro")
	sales=$(wc -l < "$work/rs")
	kept=$(wc -l < "$work/rk")
	lost_o=$(comm -23 "$work/ro" "$work/po" | wc -l)
	lost_s=$(comm -23 "$work/rs" "$work/ps" | wc -l)
	lost_k=$(comm -23 "$work/rk" "$work/pk" | wc -l)
	replayed=$(sed -n 's/^replayed //p' "$work"/reported* "$work/replayed" 2>/dev/null |
	    awk '{ n += $1 } END { print n + 0 }')
	took=$(( $(now) - start ))
	echo "stress counters: ${took} s, 4 counters (the console's session), $kills SIGKILLs, disk full from $((fullat - start)) s; $offers offer rows and $sales sales reported saved, $kept offers kept in journals ($journals journals at the end, $replayed rows replayed, $left left); lost $lost_o saved offers, $lost_k kept offers and $lost_s sales; integrity $integrity"
	[ "$integrity" = ok ] && [ "$lost_o" -eq 0 ] && [ "$lost_s" -eq 0 ] &&
	    [ "$lost_k" -eq 0 ] && [ "$left" -eq 0 ] && [ "$offers" -gt 0 ] &&
	    [ "$kept" -gt 0 ] || failed=1
else
	echo "stress counters: SKIPPED — build $sw first (make stress builds it)"
fi

# ---- concurrency --------------------------------------------------------------
setup conc
start=$(now)
for w in 1 2 3 4; do writer $w "$db" & done
reader "$db" &
sleep "$secs"
touch "$work/stop"
wait
cat "$work"/saved* 2>/dev/null | sort > "$work/saved"
sqlite3 "$db" "SELECT code FROM orders WHERE code LIKE 'S%-%'" | sort > "$work/present"
saved=$(wc -l < "$work/saved")
lost=$(comm -23 "$work/saved" "$work/present" | wc -l)
extra=$(comm -13 "$work/saved" "$work/present" | wc -l)
dups=$(sqlite3 "$db" "SELECT count(*) - count(DISTINCT code) FROM orders")
locked=$(cat "$work"/err* 2>/dev/null | grep -ci "locked")
other=$(cat "$work"/err* 2>/dev/null | wc -l)
integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
took=$(( $(now) - start ))
echo "stress concurrency: ${took} s, 4 writers + 1 reader, $saved sales saved, lost $lost, unreported $extra, doubled $dups, 'locked' errors $locked, other errors $other, integrity $integrity"
[ "$integrity" = ok ] && [ "$lost" -eq 0 ] && [ "$extra" -eq 0 ] &&
    [ "$dups" -eq 0 ] && [ "$locked" -eq 0 ] && [ "$other" -eq 0 ] ||
    failed=1
exit $failed
