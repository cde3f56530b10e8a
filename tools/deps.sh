#!/bin/sh
# Install what uplift needs to build and test, on Debian or Ubuntu.
# As root (or with a working sudo) it runs apt-get; otherwise it prints the
# exact command and fails, so that `make demo` / `make check` never half-run.
pkgs="build-essential pkg-config libncurses-dev libsqlite3-dev libiniparser-dev
libcmocka-dev zlib1g-dev libcrypt-dev libjansson-dev tmux groff-base sqlite3 python3
libpq-dev postgresql"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "uplift: missing build dependencies:$missing" >&2
	echo "uplift: this is not a Debian/Ubuntu system; install their equivalents by hand." >&2
	exit 1
fi
cmd="apt-get update && apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "uplift: missing build dependencies:$missing" >&2
	echo "uplift: run this, then make again:" >&2
	echo "    sudo sh -c '$cmd'" >&2
	exit 1
fi
echo "uplift: installing build dependencies:$missing" >&2
$sudo env DEBIAN_FRONTEND=noninteractive sh -c "$cmd" >&2 || {
	echo "uplift: apt-get failed; run by hand: sudo sh -c '$cmd'" >&2
	exit 1
}
