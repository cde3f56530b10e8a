#!/bin/sh
# Keypress-to-screen latency of the counter console on a database holding
# the full Online Retail history (make bench).
#
#   sh tools/bench-console.sh BIN DB
#
# DB must hold the imported history and its model (uplift rebuild).  The
# console runs in a private tmux at 80x24 with UPLIFT_LATENCY_LOG set: for
# every key it logs the time from reading the key to the end of the
# redraw.  The script picks the customer with the longest history, then
# adds 100 items by SKU (+ SKU Enter) and reports median and worst of the
# Enter that adds an item, and of the Enter that opens the customer.
bin=$1 db=$2
command -v tmux >/dev/null 2>&1 || { echo "    (tmux not installed)"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/uplift-latency.XXXXXX") || exit 2
sock=uplift-latency-$$
trap 'tmux -L $sock kill-server 2>/dev/null; rm -rf "$work"' EXIT
log=$work/latency.log
cust=$(sqlite3 "$db" "SELECT c.code FROM orders o JOIN order_line l ON
    l.order_id = o.id JOIN customer c ON c.id = o.customer_id
    GROUP BY c.id ORDER BY count(*) DESC LIMIT 1")
lines=$(sqlite3 "$db" "SELECT count(*) FROM orders o JOIN order_line l ON
    l.order_id = o.id JOIN customer c ON c.id = o.customer_id
    WHERE c.code = '$cust'")
skus=$(sqlite3 "$db" "SELECT i.sku FROM order_line l JOIN item i ON
    i.id = l.item_id WHERE i.sku GLOB '[0-9][0-9][0-9][0-9][0-9]*'
    GROUP BY i.id ORDER BY count(*) DESC LIMIT 100")
tmux -L $sock -f /dev/null new-session -d -x 80 -y 24 \
    "env UPLIFT_LATENCY_LOG=$log $bin --db $db --at '2011-12-01 12:00'"
sleep 1
tmux -L $sock send-keys / $cust
sleep 0.3
tmux -L $sock send-keys Enter
sleep 0.5
for sku in $skus; do
	tmux -L $sock send-keys + "$sku"
	tmux -L $sock send-keys Enter
	sleep 0.05
done
sleep 1
tmux -L $sock send-keys q q
sleep 0.5
stats() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "none"; exit }
	    printf "n=%d median %.1f ms, worst %.1f ms", NR,
	    v[int((NR + 1) / 2)] / 1000, v[NR] / 1000 }'
}
echo "    open customer $cust ($lines history lines): $(awk '$1 == "find" &&
    $2 == "enter" { print $3 }' "$log" | stats)"
echo "    add an item (+ SKU Enter), 100 additions: $(awk '$1 == "add" &&
    $2 == "enter" { print $3 }' "$log" | stats)"
echo "    typing a key in the item search: $(awk '$1 == "add" &&
    $2 == "char" { print $3 }' "$log" | stats)"
