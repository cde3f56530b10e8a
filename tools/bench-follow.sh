#!/bin/sh
# Following the till under load (issue 16): RATE events a second for
# SECONDS seconds into uplift --follow on a FIFO, while keys are typed.
#
#   sh tools/bench-follow.sh BIN [SECONDS [RATE [MIX]]]
#
# (default 10 s, 1000 events/s, MIX sales).
#
# A copy of the demo shop (imported, mined) in a temporary directory; the
# console in a private tmux at 80x24 with UPLIFT_LATENCY_LOG set.  With
# MIX "sales" the events are sales of six events each (customer, three
# adds, a remove, a finish with its own order number B-N): every sixth
# event writes a sale and every sixth reads a customer's history; with
# MIX "basket", one customer's basket only (adds and removes, as a till
# sends most of the time).  python3 writes them at an even pace;
# meanwhile j and k are typed every 50 ms.  Reported: events sent,
# applied and refused (from the console's follow.log: none may be lost),
# orders recorded (one per finish), the keypress-to-screen median and
# worst while the events flow, and the read-to-screen time of the event
# batches (the screen follows within one frame, 16 ms).
bin=$1 secs=${2:-10} rate=${3:-1000} mix=${4:-sales}
[ -x "$bin" ] || { echo "usage: tools/bench-follow.sh BIN [SECONDS [RATE]]" >&2; exit 2; }
command -v tmux >/dev/null 2>&1 || { echo "    (tmux not installed)"; exit 0; }
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d "${TMPDIR:-/tmp}/uplift-follow.XXXXXX") || exit 2
sock=uplift-follow-$$
trap '[ -n "$KEEP" ] || { tmux -L $sock kill-server 2>/dev/null; rm -rf "$work"; }' EXIT
db=$work/shop.db
"$bin" --db "$db" import "$top"/assets/demo/*.csv >/dev/null &&
    "$bin" --db "$db" rebuild >/dev/null || { echo "bench-follow: no demo" >&2; exit 1; }
cp "$top/assets/demo/uplift.ini" "$work/shop.ini" && chmod 600 "$work/shop.ini"
mkfifo "$work/till"
log=$work/latency.log
tmux -L $sock -f /dev/null new-session -d -x 80 -y 24 \
    "env XDG_STATE_HOME=$work/state UPLIFT_LATENCY_LOG=$log $bin --db $db --config $work/shop.ini --follow $work/till"
sleep 1.5
n=$((secs * rate))
python3 - "$work/till" "$n" "$rate" "$mix" > "$work/sent" <<'PY' &
import sys, time, json
path, n, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
basket = sys.argv[4] == "basket"
skus = ["SH-HERB-050", "GR-MILK-1L", "CL-COAT-PAD", "GR-TEA-ASM"]
custs = ["C0001", "C0002", "C0003", "C0004", "C0005"]
f = open(path, "w", buffering=1)
start, sent, sale = time.monotonic(), 0, 0
if basket:
    f.write(json.dumps({"event": "customer", "id": "C0001"}) + "\n")
while sent < n:
    k = sent % 6
    if basket:
        ev = {"event": "add" if sent % 2 == 0 else "remove",
              "sku": skus[(sent // 2) % len(skus)]}
    elif k == 0:
        ev = {"event": "customer", "id": custs[sale % len(custs)]}
    elif k < 4:
        ev = {"event": "add", "sku": skus[(sale + k) % len(skus)]}
    elif k == 4:
        ev = {"event": "remove", "sku": skus[(sale + 1) % len(skus)]}
    else:
        ev = {"event": "finish", "order": "B-%d" % sale}
        sale += 1
    f.write(json.dumps(ev) + "\n")
    sent += 1
    wait = start + sent / rate - time.monotonic()
    if wait > 0:
        time.sleep(wait)
f.close()
print(sent, sale, "%.2f" % (time.monotonic() - start))
PY
writer=$!
t=0
while kill -0 $writer 2>/dev/null; do
	tmux -L $sock send-keys j
	sleep 0.05
	tmux -L $sock send-keys k
	sleep 0.05
done
read -r sent sales took < "$work/sent"
basket_extra=0
[ "$mix" = basket ] && basket_extra=1      # its customer event
# what the FIFO still holds is applied before the console is left
i=0
while [ $i -lt 600 ] && [ "$(sqlite3 "$db" "SELECT count(*) FROM orders
    WHERE code GLOB 'B-*'" 2>/dev/null)" != "$sales" ]; do
	sleep 0.1; i=$((i + 1))
done
[ "$mix" = basket ] && sleep 1
drained=$(awk -v i=$i 'BEGIN { printf "%.1f", i / 10 }')
tmux -L $sock send-keys q q q       # a sale open: q asks; the shift summary
i=0
while [ $i -lt 50 ] && ! grep -q 'stopped following' \
    "$work/state/uplift/follow.log" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
stopped=$(grep 'stopped following' "$work/state/uplift/follow.log" | tail -1)
applied=$(echo "$stopped" | sed -n 's/.*: \([0-9]*\) events applied.*/\1/p')
refused=$(echo "$stopped" | sed -n 's/.*, \([0-9]*\) refused.*/\1/p')
orders=$(sqlite3 "$db" "SELECT count(*) FROM orders WHERE code GLOB 'B-*'")
stats() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "none"; exit }
	    printf "n=%d median %.2f ms, 90%% %.2f ms, worst %.1f ms", NR,
	    v[int((NR + 1) / 2)] / 1000, v[int(NR * 0.9 + 0.5)] / 1000,
	    v[NR] / 1000 }'
}
echo "    sent $sent events ($sales sales) in $took s (the FIFO's backpressure), the rest applied $drained s later; applied ${applied:-?}, refused ${refused:-?}, lost $((sent + ${basket_extra:-0} - ${applied:-0} - ${refused:-0}))"
echo "    orders B-* recorded: $orders of $sales"
echo "    keypress to screen while following: $(awk '$1 == "main" { print $3 }' "$log" | stats)"
echo "    event batches, read to screen: $(awk '$1 == "follow" { print $3 }' "$log" | stats)"
echo "    events per batch: $(awk '$1 == "follow" { n++; s += $2 } END { if (n) printf "%.1f (%d batches)", s / n, n }' "$log")"
[ "$((sent + ${basket_extra:-0} - ${applied:-0} - ${refused:-0}))" -eq 0 ] &&
    [ "$orders" -eq "$sales" ]
