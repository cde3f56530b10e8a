#!/bin/bash
# tests/faults.sh BIN — the failures a real counter meets, each of which
# must give a clear message (naming the file), a non-zero exit that is not
# a crash, and a defined state: the database as it was, integrity ok.
# Also (issue 14): start-up races × 50, files planted by another user in a
# shared directory (as two users), and exports over what they must not
# touch.
#   read-only file, read-only directory (as an unprivileged user: root
#   ignores the modes), a corrupted page, a file that is not a database,
#   a database from a newer uplift, a full disk (the file size limit), and
#   I/O errors on sync (fsync and fdatasync fail, by LD_PRELOAD).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export HOME="$work" XDG_CONFIG_HOME="$work/config" TZ=UTC
pass=0 fail=0
D="$top/assets/demo"

ok() { pass=$((pass + 1)); }
bad() { echo "faults: FAIL $1"; fail=$((fail + 1)); }

# expect NAME RC PATTERN OUTFILE: the exit code and a message matching
expect() {
	name=$1 want=$2 pat=$3 got=$4 out=$5
	if [ "$got" -ge 128 ]; then
		bad "$name: crashed (exit $got): $(head -c 300 "$out")"
	elif [ "$got" -ne "$want" ]; then
		bad "$name: exit $got, not $want: $(head -c 300 "$out")"
	elif ! grep -q -- "$pat" "$out"; then
		bad "$name: no message matching '$pat': $(head -c 300 "$out")"
	else
		ok
		printf '  %-18s exit %d  %s\n' "$name" "$got" "$(head -n 1 "$out")"
	fi
}

# intact DB COUNT: integrity ok and the items as before
intact() {
	r=$(sqlite3 "$1" "PRAGMA integrity_check; SELECT count(*) FROM item" 2>&1 |
	    tr '\n' ' ')
	[ "$r" = "ok $2 " ] && ok || bad "$1 after the fault: $r"
}

base=$work/base.db
"$BIN" --db "$base" import "$D/items.csv" "$D/customers.csv" >/dev/null
items=$(sqlite3 "$base" "SELECT count(*) FROM item")

# 1. a read-only file, for an unprivileged user
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	AS=""
fi
mkdir "$work/ro"
cp "$base" "$work/ro/shop.db"
[ -n "$AS" ] && chown -R 65534:65534 "$work/ro"
chmod 400 "$work/ro/shop.db"
$AS "$BIN" --db "$work/ro/shop.db" import "$D/orders.csv" >"$work/out" 2>&1
expect "read-only file" 1 "shop.db" $? "$work/out"
chmod 600 "$work/ro/shop.db"
intact "$work/ro/shop.db" "$items"

# 2. a read-only directory (no -wal can be made beside the file)
mkdir "$work/rodir"
cp "$base" "$work/rodir/shop.db"
[ -n "$AS" ] && chown -R 65534:65534 "$work/rodir"
chmod 500 "$work/rodir"
$AS "$BIN" --db "$work/rodir/shop.db" import "$D/orders.csv" >"$work/out" 2>&1
expect "read-only dir" 1 "shop.db" $? "$work/out"
chmod 700 "$work/rodir"
intact "$work/rodir/shop.db" "$items"

# 3. a corrupted page
cp "$base" "$work/corrupt.db"
pages=$(sqlite3 "$work/corrupt.db" "PRAGMA page_count")
dd if=/dev/urandom of="$work/corrupt.db" bs=4096 seek=$((pages / 2)) \
    count=1 conv=notrunc status=none
"$BIN" --db "$work/corrupt.db" stats >"$work/out" 2>&1
expect "corrupted page" 1 "corrupt.db" $? "$work/out"

# 4. not a database; 5. from a newer uplift
printf 'hello, this is not a database\n' > "$work/text.db"
"$BIN" --db "$work/text.db" stats >"$work/out" 2>&1
expect "not a database" 1 "text.db" $? "$work/out"
cp "$base" "$work/newer.db"
sqlite3 "$work/newer.db" "PRAGMA user_version = 99"
"$BIN" --db "$work/newer.db" import "$D/orders.csv" >"$work/out" 2>&1
expect "newer schema" 1 "newer uplift" $? "$work/out"

# 6. a full disk: no file may grow past 16 KiB (the database is larger;
#    SIGXFSZ ignored, so a write fails with EFBIG as on a full disk)
cp "$base" "$work/full.db"
size=$(stat -c %s "$work/full.db")
(trap "" XFSZ; ulimit -f 16;
    "$BIN" --db "$work/full.db" import "$D/orders.csv" "$D/room_types.csv" \
    "$D/rooms.csv" "$D/reservations.csv") >"$work/out" 2>&1
rc=$?
if sqlite3 "$work/full.db" "SELECT count(*) FROM orders" | grep -q '^0$'; then
	expect "full disk" 1 "full.db.*disk full" $rc "$work/out"
else
	bad "full disk: the import went through ($(head -c 200 "$work/out"))"
fi
intact "$work/full.db" "$items"

# 7. I/O errors on sync
cat > "$work/eio.c" <<'EOF'
#include <errno.h>
int fsync(int fd) { (void)fd; errno = EIO; return -1; }
int fdatasync(int fd) { (void)fd; errno = EIO; return -1; }
EOF
if cc -shared -fPIC -o "$work/eio.so" "$work/eio.c" 2>/dev/null; then
	cp "$base" "$work/eio.db"
	LD_PRELOAD="$work/eio.so" "$BIN" --db "$work/eio.db" import \
	    "$D/orders.csv" >"$work/out" 2>&1
	expect "sync I/O error" 1 "eio.db" $? "$work/out"
	intact "$work/eio.db" "$items"
	[ "$(sqlite3 "$work/eio.db" "SELECT count(*) FROM orders")" = 0 ] && ok ||
	    bad "sync I/O error: the orders are there although the sync failed"
else
	echo "  sync I/O error     SKIPPED (no C compiler for the shim)"
fi

# 8. start-up races: two consoles started at the same moment on a
#    database whose configured clerk is new, and two imports of one file
#    into a new database — each 50 times, with 0 failures: first-run rows
#    (the clerk, the currency) are inserted ON CONFLICT DO NOTHING in the
#    transaction that reads them.
printf '[shop]\nclerk = Nia\n' > "$work/race.ini"
chmod 600 "$work/race.ini"
cfail=0 ifail=0
for i in $(seq 1 50); do
	cp "$base" "$work/race.db"
	rm -f "$work/race.db-wal" "$work/race.db-shm"
	( TERM=dumb "$BIN" --db "$work/race.db" --config "$work/race.ini" \
	    </dev/null >"$work/r1" 2>&1 &
	  TERM=dumb "$BIN" --db "$work/race.db" --config "$work/race.ini" \
	    </dev/null >"$work/r2" 2>&1 & wait )
	grep -qv 'needs a terminal' "$work/r1" "$work/r2" && {
		cfail=$((cfail + 1)); cmsg=$(grep -hv 'needs a terminal' \
		    "$work/r1" "$work/r2" | head -n 1); }
	rm -f "$work/new.db" "$work/new.db-wal" "$work/new.db-shm"
	( "$BIN" --db "$work/new.db" import "$D/items.csv" >"$work/r1" 2>&1 &
	  "$BIN" --db "$work/new.db" import "$D/items.csv" >"$work/r2" 2>&1 &
	  wait )
	grep -q '^uplift:' "$work/r1" "$work/r2" && {
		ifail=$((ifail + 1)); imsg=$(grep -h '^uplift:' "$work/r1" \
		    "$work/r2" | head -n 1); }
done
for r in "console start race:$cfail:${cmsg:-}" \
    "import start race:$ifail:${imsg:-}"; do
	name=${r%%:*} rest=${r#*:} n=${rest%%:*} msg=${rest#*:}
	if [ "$n" -eq 0 ]; then
		ok
		printf '  %-18s 0 of 50 failed\n' "$name"
	else
		bad "$name: $n of 50 failed: $msg"
	fi
done

# 9. planting in a shared directory (issue 14 item 9), as two users: in
#    a 1777 directory another user (uid 65534) makes uplift.db-wal and
#    -shm with mode 0666 before the shop's user (uid 1000) imports its
#    customers there: refused, naming the file, and not one name reaches
#    the planted files; as root, an empty uplift.db that uid 65534 owns is
#    refused too, and stays empty.
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	U1="setpriv --reuid=1000 --regid=1000 --clear-groups"
	U2="setpriv --reuid=65534 --regid=65534 --clear-groups"
	shared=$work/shared
	mkdir "$shared"
	chmod 1777 "$shared"
	$U2 sh -c "umask 0; : > '$shared/uplift.db-wal'; : > '$shared/uplift.db-shm'"
	HOME=$shared $U1 "$BIN" --db "$shared/uplift.db" import "$D/items.csv" \
	    "$D/customers.csv" >"$work/out" 2>&1
	rc=$?
	leaked=$($U2 sh -c "cat '$shared'/uplift.db* 2>/dev/null" |
	    grep -a -c -e 'Anika Rahman' -e '900590')
	expect "planted -wal/-shm" 1 "uplift.db-wal: belongs to user 65534" $rc \
	    "$work/out"
	[ "$leaked" -eq 0 ] && ok || bad "planted -wal/-shm: $leaked lines of personal data in files the other user reads"
	: > "$work/planted.db"
	chown 65534:65534 "$work/planted.db"
	"$BIN" --db "$work/planted.db" import "$D/customers.csv" >"$work/out" 2>&1
	expect "planted database" 1 "planted.db: belongs to user 65534" $? \
	    "$work/out"
	[ "$(stat -c %s "$work/planted.db")" = 0 ] && ok ||
	    bad "planted database: it was written"
	# a symlink for the -wal, to a file the other user reads
	mkdir "$work/linked"
	cp "$base" "$work/linked/shop.db"
	ln -s "$work/stolen" "$work/linked/shop.db-wal"
	"$BIN" --db "$work/linked/shop.db" import "$D/customers.csv" >"$work/out" 2>&1
	expect "symlinked -wal" 1 "shop.db-wal: a symbolic link" $? "$work/out"
	[ ! -e "$work/stolen" ] && ok || bad "symlinked -wal: it was followed"
else
	echo "  planting           SKIPPED (needs root and setpriv for two users)"
fi

# 10. exports never over what they must not touch (issue 14 item 1): the
#     database, its -wal, a FIFO, a symlink, a device; nothing replaced.
cp "$base" "$work/exp.db"
mkfifo "$work/fifo"
ln -s "$work/exp.db" "$work/link"
for target in exp.db exp.db-wal fifo link /dev/null /dev/stdout; do
	case $target in /*) t=$target ;; *) t=$work/$target ;; esac
	"$BIN" --db "$work/exp.db" export-customer C0001 --out "$t" --force \
	    >"$work/out" 2>&1
	expect "export over $target" 1 "nothing exported" $? "$work/out"
done
intact "$work/exp.db" "$items"
[ -p "$work/fifo" ] && [ -L "$work/link" ] && [ -c /dev/null ] && ok ||
    bad "an export replaced a FIFO, a symlink or a device"

echo "faults: $pass passed, $fail failed"
[ $fail -eq 0 ]
