#!/bin/sh
# Full-data test: import the complete public data sets and check the
# counts published for them (tests/data/README.md, ../shared/data/README.md)
# and the money, to the last thousandth of a pound, against a sum computed
# here independently of uplift.
#
#   UPLIFT_DATA=DIR sh tests/data-full.sh BIN     (make check-data)
#
# DIR defaults to ../shared/data.  Without the data the test is skipped
# (exit 0).  Needs the sqlite3 command-line shell (make deps installs it).
# Prints one line per check and "data-full: N passed, M failed".

if [ $# -ne 1 ]; then
	echo "usage: UPLIFT_DATA=DIR sh tests/data-full.sh BIN" >&2
	exit 2
fi
case $1 in
/*)	bin=$1 ;;
*)	bin=$(pwd)/$1 ;;
esac
UPLIFT_DATA=${UPLIFT_DATA:-../shared/data}
retail=$UPLIFT_DATA/online_retail.csv.gz
hotel=$UPLIFT_DATA/hotel_bookings.csv.gz
if [ ! -f "$retail" ]; then
	echo "data-full: SKIPPED — $UPLIFT_DATA not found (the full public" \
	    "data sets live in ../shared/data; see README)"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "data-full: $bin is not an executable" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/data-full.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
# Keep the user's own configuration and database out of it.
export HOME="$work" XDG_CONFIG_HOME="$work/.config" \
    XDG_DATA_HOME="$work/.local/share" TMPDIR="$work" LC_ALL=C.UTF-8 TZ=UTC
unset UPLIFT_DB UPLIFT_ASSETS

pass=0 fail=0
ok() {
	echo "data-full: ok - $*"
	pass=$((pass + 1))
}
notok() {
	echo "data-full: FAIL - $*"
	fail=$((fail + 1))
}
# check WHAT GOT WANT
check() {
	if [ "$2" = "$3" ]; then
		ok "$1 = $3"
	else
		notok "$1 is '$2', expected '$3'"
	fi
}
# stat_of FILE NAME: the number uplift stats printed for NAME.
stat_of() {
	sed -n "s/^$2 //p" "$1"
}
# eval_check WHAT FILE MIN STRICT: the table of `uplift eval` in FILE;
# uplift's HR@3 at least MIN (0: no floor), and above (STRICT 1) or at
# least (0) every baseline's HR@3 of the same run (issue 13).
eval_check() {
	r=$(awk -F '\t' -v min="$3" -v strict="$4" '
		$1 == "method" { t = 1; next }
		!t || NF < 6 { next }
		$1 == "uplift" { u = $3; next }
		{ n++; if (best == "" || $3 + 0 > best + 0) { best = $3; who = $1 } }
		END {
			if (u == "" || n == 0) { print "no table"; exit }
			above = strict ? u + 0 > best + 0 : u + 0 >= best + 0
			ok = u + 0 >= min + 0 && above
			printf "%s: uplift HR@3 %s, best of %d baselines %s (%s)\n",
			    ok ? "ok" : "short", u, n, best, who
		}' "$2")
	case $r in
	ok:*)	ok "$1 — ${r#ok: }" ;;
	*)	notok "$1 — $r"
		sed 's/^/    /' "$2" | grep -v '^    weight' | head -n 30 ;;
	esac
}
have_sqlite=1
if ! command -v sqlite3 >/dev/null 2>&1; then
	have_sqlite=0
fi
# sql DB QUERY
sql() {
	sqlite3 -readonly -batch -noheader "$1" "$2" 2>&1
}
# seconds START: elapsed whole seconds since START (date +%s).
seconds() {
	echo $(($(date +%s) - $1))
}

# ---- UCI Online Retail ---------------------------------------------------

db=$work/retail.db
t0=$(date +%s)
"$bin" --db "$db" import "$retail" >"$work/import1" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
	ok "online_retail.csv.gz imported ($(seconds "$t0") s)"
else
	notok "import of online_retail.csv.gz exited $rc:"
	sed 's/^/    /' "$work/import1" | head -n 25
fi
"$bin" --db "$db" stats >"$work/stats1" 2>&1
check "order_lines" "$(stat_of "$work/stats1" order_lines)" 541909
check "orders" "$(stat_of "$work/stats1" orders)" 25900
check "items" "$(stat_of "$work/stats1" items)" 4070
check "customers" "$(stat_of "$work/stats1" customers)" 4372

"$bin" --db "$db" import "$retail" >"$work/import2" 2>&1
rc=$?
"$bin" --db "$db" stats >"$work/stats2" 2>&1
if [ $rc -eq 0 ] &&
    grep -q ': 0 orders, 0 order lines, 0 items, 0 bundles, 0 customers, 0 room types, 0 rooms, 0 reservations added; .* 541909 already present$' \
    "$work/import2" && cmp -s "$work/stats1" "$work/stats2"; then
	ok "a second import adds nothing"
else
	notok "a second import changed something (exit $rc):"
	sed 's/^/    /' "$work/import2" | head -n 5
	diff "$work/stats1" "$work/stats2" | sed 's/^/    /'
fi

# The amount of every line in thousandths of a pound, from the CSV with
# integer arithmetic.  Descriptions may hold commas, so the numeric fields
# are counted from the right (Country never holds a comma).
gzip -dc "$retail" | awk -F, '
	NR == 1 { next }
	{
		q = $(NF - 4); p = $(NF - 2)
		if (q !~ /^-?[0-9]+$/ || p !~ /^-?[0-9]+(\.[0-9]+)?$/ ||
		    $(NF - 3) !~ /^[0-9][0-9][0-9][0-9]-/) {
			bad++
			next
		}
		neg = 0
		if (substr(p, 1, 1) == "-") {
			neg = 1
			p = substr(p, 2)
		}
		n = split(p, a, ".")
		f = n > 1 ? a[2] : ""
		if (length(f) > 3)
			bad++
		v = a[1] * 1000 + substr(f "000", 1, 3)
		sum += neg ? -q * v : q * v
		lines++
	}
	END { printf "%.0f %d %d\n", sum, lines, bad }' >"$work/awk1"
read -r want_sum want_lines awk_bad <"$work/awk1"
if [ "$awk_bad" != 0 ]; then
	notok "$awk_bad CSV lines the independent sum could not read"
fi
if [ $have_sqlite = 1 ]; then
	check "sum(qty * unit_price) in thousandths" \
	    "$(sql "$db" 'SELECT sum(qty * unit_price) FROM order_line')" \
	    "$want_sum"
	check "order lines in the database" \
	    "$(sql "$db" 'SELECT count(*) FROM order_line')" "$want_lines"
	check "integrity_check" "$(sql "$db" 'PRAGMA integrity_check')" ok
	# Non-products (postage, carriage, fees ...) made services by the
	# importer's rules, and said so; 14911 pays CARRIAGE on 84 orders,
	# which is not among what they buy most.
	check "items marked as services (summary)" \
	    "$(sed -n 's/ items marked as services .*//p' "$work/import1")" 23
	check "service items" \
	    "$(sql "$db" 'SELECT count(*) FROM item WHERE kind = 1')" 23
	check "order lines of services" \
	    "$(sql "$db" 'SELECT count(*) FROM order_line l JOIN item i
	    ON i.id = l.item_id WHERE i.kind = 1')" 3052
	# Items named by their first sale, not by a stock entry before it
	# ("mailout", 100 at 0.00) or a note; priced at what a known
	# customer last paid (the cake stand: 12.75 on 1,505 customers'
	# lines, 24.96 on the shop's own one-off retail lines).
	check "items named after a stock entry or a note" \
	    "$(sql "$db" "SELECT count(*) FROM item WHERE name IN
	    ('mailout', 'check', 'Damaged', 'damaged', 'found', '?',
	    'Given away', 'wet damaged')")" 0
	check "name of 23202" \
	    "$(sql "$db" "SELECT name FROM item WHERE sku = '23202'")" \
	    "JUMBO BAG VINTAGE LEAF"
	check "price of 22423 (REGENCY CAKESTAND 3 TIER)" \
	    "$(sql "$db" "SELECT price FROM item WHERE sku = '22423'")" 12750
	"$bin" --db "$db" --at 2011-12-10 history 14911 --limit 1 \
	    >"$work/h14911" 2>&1
	top=$(awk -F '\t' '/^# most_bought/ { printf "%s'"'"'%s'"'"'",
	    n++ ? "," : "", $2 }' "$work/h14911")
	check "most bought of 14911" "$(grep -c '^# most_bought' \
	    "$work/h14911")" 5
	check "services among 14911's most bought" \
	    "$(sql "$db" "SELECT count(*) FROM item WHERE kind = 1 AND
	    sku IN (${top:-''})")" 0
	check "CARRIAGE on 14911's orders" \
	    "$(sql "$db" "SELECT count(DISTINCT o.id) FROM orders o
	    JOIN order_line l ON l.order_id = o.id JOIN item i
	    ON i.id = l.item_id JOIN customer c ON c.id = o.customer_id
	    WHERE c.code = '14911' AND i.sku = 'C2' AND o.kind = 0")" 84

	# The scorer never suggests a service: to 14911, nor to anybody in
	# the batch of every test basket of the evaluation (orders from
	# 2011-10-01, two or more products, each with its own time); a
	# regular purchase of 12383 is a refill when it is due and not once
	# they have stopped (more than three rhythms since).
	"$bin" --db "$db" rebuild --before 2011-10-01 >/dev/null 2>&1
	"$bin" --db "$db" --at 2011-12-09 suggest --customer 14911 \
	    --basket 22423 --top 10 --no-header >"$work/s14911" 2>&1
	check "suggestions to 14911" "$(wc -l <"$work/s14911")" 10
	sql "$db" "WITH t AS (SELECT o.id, coalesce(c.code, '') AS cust,
	    strftime('%Y-%m-%d %H:%M', o.at, 'unixepoch') AS at, i.sku, l.line
	    FROM orders o JOIN order_line l ON l.order_id = o.id
	    JOIN item i ON i.id = l.item_id
	    LEFT JOIN customer c ON c.id = o.customer_id
	    WHERE o.kind = 0 AND l.qty > 0 AND i.kind = 0
	    AND o.at >= strftime('%s', '2011-10-01'))
	    SELECT cust || char(9) || group_concat(sku, ' ') || char(9) || at
	    FROM (SELECT * FROM t ORDER BY id, line) GROUP BY id
	    HAVING count(DISTINCT sku) >= 2" >"$work/batch.tsv"
	check "test baskets" "$(wc -l <"$work/batch.tsv")" 5183
	"$bin" --db "$db" suggest --batch "$work/batch.tsv" --top 3 \
	    >"$work/batch.out" 2>"$work/batch.err"
	check "suggest --batch lines" "$(wc -l <"$work/batch.out")" 5183
	tr ' ' '\n' <"$work/batch.out" | sed '/^$/d' | sort -u \
	    >"$work/suggested"
	check "distinct items suggested in the batch" \
	    "$(test -s "$work/suggested" && echo some)" some
	sql "$db" "SELECT sku FROM item WHERE kind = 1" >"$work/services"
	check "services suggested in the batch" "$(grep -cxFf \
	    "$work/services" "$work/suggested")" 0
	check "services suggested to 14911 (by sku)" "$(cut -f2 \
	    "$work/s14911" | grep -cxFf "$work/services")" 0
	due=$("$bin" --db "$db" --at 2011-07-20 suggest --customer 12383 \
	    --basket 85123A --top 10 | awk -F '\t' '$1 == "refill" &&
	    $2 == "22487"' | wc -l)
	check "refill of 22487 for 12383 when due (2011-07-20)" "$due" 1
	lapsed=$("$bin" --db "$db" --at 2011-12-09 suggest --customer 12383 \
	    --basket 85123A --top 10 | awk -F '\t' '$1 == "refill" &&
	    $2 == "22487"' | wc -l)
	check "refill of 22487 for 12383 lapsed (2011-12-09)" "$lapsed" 0

	# The evaluation of issue 13 (its default split, the last product
	# rung up hidden): uplift at least 0.25 at 3 and above every
	# baseline of the same run.
	"$bin" --db "$db" eval >"$work/eval-or" 2>&1
	eval_check "eval, Online Retail (split 2011-10-01)" "$work/eval-or" \
	    0.25 1
else
	notok "the sqlite3 shell is not installed (make deps installs it)"
fi

# ---- Hotel booking demand --------------------------------------------------

if [ ! -f "$hotel" ]; then
	notok "$hotel is missing"
else
	db=$work/hotel.db
	t0=$(date +%s)
	"$bin" --db "$db" import "$hotel" >"$work/import3" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		ok "hotel_bookings.csv.gz imported ($(seconds "$t0") s)"
	else
		notok "import of hotel_bookings.csv.gz exited $rc:"
		sed 's/^/    /' "$work/import3" | head -n 25
	fi
	"$bin" --db "$db" stats >"$work/stats3" 2>&1
	check "reservations" "$(stat_of "$work/stats3" reservations)" 119390
	check "hotels" "$(stat_of "$work/stats3" hotels)" 2
	"$bin" --db "$db" import "$hotel" >"$work/import4" 2>&1
	rc=$?
	"$bin" --db "$db" stats >"$work/stats4" 2>&1
	if [ $rc -eq 0 ] && grep -q ' 0 reservations added; .* 119390 already present$' \
	    "$work/import4" && cmp -s "$work/stats3" "$work/stats4"; then
		ok "a second import adds nothing"
	else
		notok "a second import changed something (exit $rc):"
		sed 's/^/    /' "$work/import4" | head -n 5
		diff "$work/stats3" "$work/stats4" | sed 's/^/    /'
	fi
	# adr (column 28) in cents, and the nights (columns 8 and 9).
	gzip -dc "$hotel" | awk -F, '
		NR == 1 { next }
		{
			p = $28
			neg = 0
			if (substr(p, 1, 1) == "-") {
				neg = 1
				p = substr(p, 2)
			}
			n = split(p, a, ".")
			f = n > 1 ? a[2] : ""
			if (length(f) > 2 || NF != 32)
				bad++
			v = a[1] * 100 + substr(f "00", 1, 2)
			sum += neg ? -v : v
			nights += $8 + $9
		}
		END { printf "%.0f %d %d\n", sum, nights, bad }' >"$work/awk2"
	read -r want_rate want_nights awk_bad <"$work/awk2"
	if [ "$awk_bad" != 0 ]; then
		notok "$awk_bad CSV lines the independent sum could not read"
	fi
	if [ $have_sqlite = 1 ]; then
		check "sum(rate) in cents" \
		    "$(sql "$db" 'SELECT sum(rate) FROM reservation')" "$want_rate"
		check "sum(nights)" \
		    "$(sql "$db" 'SELECT sum(nights) FROM reservation')" \
		    "$want_nights"
		check "integrity_check" "$(sql "$db" 'PRAGMA integrity_check')" ok
	fi
	# Stays the hotel moved to a higher room type, counted apart from
	# uplift: the data's room types (reserved_room_type, column 20,
	# assigned_room_type, column 21) have no ladder, so uplift ladders
	# them by their rates — the mean adr (column 28, in cents, truncated)
	# of the stays booked in them that were not cancelled (column 2),
	# as the import sets it (issue 17); a type without one is on no
	# ladder.  Then `upgrades --evaluate` must look at each of them.
	for h in "City Hotel" "Resort Hotel"; do
		want=$(gzip -dc "$hotel" | awk -F, -v h="$h" '
			function cents(p,   neg, k, a, f) {
				neg = substr(p, 1, 1) == "-"
				if (neg)
					p = substr(p, 2)
				k = split(p, a, ".")
				f = k > 1 ? a[2] : ""
				k = a[1] * 100 + substr(f "00", 1, 2)
				return neg ? -k : k
			}
			NR > 1 && $1 == h {
				if ($2 == 0 && $8 + $9 > 0) {
					sum[$20] += cents($28)
					n[$20]++
				}
				if ($31 == "Check-Out" && $8 + $9 > 0 &&
				    $21 != $20)
					moved[$20 "," $21]++
			}
			END {
				for (k in moved) {
					split(k, t, ",")
					if (n[t[1]] == 0 || n[t[2]] == 0)
						continue
					from = int(sum[t[1]] / n[t[1]])
					if (int(sum[t[2]] / n[t[2]]) > from)
						up += moved[k]
				}
				print up + 0
			}')
		"$bin" --db "$db" upgrades --hotel "$h" --evaluate \
		    >"$work/eval-$h" 2>&1
		check "$h: stays moved up, evaluated" \
		    "$(awk -F'\t' '$1 == "  to a higher tier" { print $2 }' \
		    "$work/eval-$h")" "$want"
		sed -n 's/^top offer = /    top offer = /p
		    s/^every stay, as booked/    every stay, as booked/p
		    s/^  stays /      stays /p' "$work/eval-$h"
	done
fi

# ---- Basket files (no customers, split by position) --------------------------

# Groceries (arules) and FIMI retail.dat: uplift at least the best
# baseline at 3 (issue 13).
for f in groceries.csv retail.dat.gz; do
	if [ ! -f "$UPLIFT_DATA/$f" ]; then
		notok "$UPLIFT_DATA/$f is missing"
		continue
	fi
	case $f in
	*.csv)	"$bin" eval --baskets "$UPLIFT_DATA/$f" --sep , ;;
	*)	"$bin" eval --baskets "$UPLIFT_DATA/$f" ;;
	esac >"$work/eval-$f" 2>&1
	eval_check "eval, $f (the first 80 % train)" "$work/eval-$f" 0 0
done

echo "data-full: $pass passed, $fail failed"
[ $fail -eq 0 ]
