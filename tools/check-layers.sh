#!/bin/sh
# make check-layers: the layer rule of ../shared/docs/style.md, by grep.
#   model/  never includes curses, views/ or app/; only the store's own
#           files (model/store*.c and model/store_impl.h) include sqlite3.h,
#           and only model/store*.c include model/store_impl.h
#   libpq (the chain's PostgreSQL) only in model/chain.c and its parts (chain_*.c,
#   chain_int.h); the console and
#   the views never reach the chain
#   views/  never touches the store or SQL, nor reaches a store header
#           (model/store*.h) through the project headers it includes
#   iniparser is included only by app/config.c
#   no banned string functions; no numeric iniparser getters (CVE-2023-33461)
# Run from the top of the tree; tools/check-layers-selftest.sh checks that
# each rule fails on a violation.
fail=0
bad() { echo "check-layers: $*" >&2; fail=1; }

# The project headers a file includes ("model/x.h": paths from the top).
incs() {
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1" 2>/dev/null
}

# The chain of includes by which file $1 reaches a store header, or
# nothing: a search through every project header it includes, directly or
# through others.
store_chain() {
	_seen=" $1 "
	_todo=$1
	_key=$(printf '%s' "$1" | tr -c 'A-Za-z0-9' '_')
	eval "via_$_key=\$1"
	while [ -n "$_todo" ]; do
		set -- $_todo
		_f=$1
		shift
		_todo=$*
		_fkey=$(printf '%s' "$_f" | tr -c 'A-Za-z0-9' '_')
		eval "_path=\$via_$_fkey"
		for _i in $(incs "$_f"); do
			[ -f "$_i" ] || continue
			case $_seen in *" $_i "*) continue ;; esac
			_seen="$_seen$_i "
			case $_i in
			model/store*.h)
				echo "$_path -> $_i"
				return 0 ;;
			esac
			_ikey=$(printf '%s' "$_i" | tr -c 'A-Za-z0-9' '_')
			eval "via_$_ikey=\"\$_path -> \$_i\""
			_todo="$_todo $_i"
		done
	done
	return 1
}

hits=$(grep -lE '#include[[:space:]]*[<"](n?cursesw?/)?(n?curses|panel|menu|form|term)\.h' model/*.[ch] app/*.[ch] 2>/dev/null)
[ -n "$hits" ] && bad "curses included outside views/: $hits"
hits=$(grep -lE '#include[[:space:]]*"(views|app)/' model/*.[ch] 2>/dev/null)
[ -n "$hits" ] && bad "model/ includes views/ or app/: $hits"
hits=$(grep -lE 'sqlite3' model/*.[ch] app/*.[ch] views/*.[ch] 2>/dev/null | grep -vE '^model/store[a-z_]*\.c$|^model/store_impl\.h$|^model/store[a-z_]*_int\.h$')
[ -n "$hits" ] && bad "sqlite3 used outside model/store*.c: $hits"
hits=$(grep -lE '#include[[:space:]]*"model/store_impl\.h"' model/*.[ch] app/*.[ch] views/*.[ch] 2>/dev/null | grep -vE '^model/store[a-z_]*\.c$|^model/store[a-z_]*_int\.h$')
[ -n "$hits" ] && bad "model/store_impl.h included outside model/store*.c: $hits"
hits=$(grep -lE '#include[[:space:]]*[<"]libpq|[^A-Za-z_]PQ[a-z]+[A-Za-z]*[[:space:]]*\(|PGconn|PGresult' model/*.[ch] app/*.[ch] views/*.[ch] tools/*.c 2>/dev/null | grep -vE '^model/chain(_[a-z]+)?\.[ch]$')
[ -n "$hits" ] && bad "libpq used outside model/chain*.[ch]: $hits"
hits=$(grep -lE 'model/(chain|sync)\.h|chain_|sync_run' app/console.c app/mode_*.c views/*.[ch] model/session.c model/session_say.c model/desk*.c model/offerlog.c 2>/dev/null)
[ -n "$hits" ] && bad "the console reaches for the chain (it must sell offline): $hits"
hits=$(grep -lE 'store\.h|store_' views/*.[ch] 2>/dev/null)
[ -n "$hits" ] && bad "views/ touches the store: $hits"
for f in views/*.[ch]; do
	[ -f "$f" ] || continue
	chain=$(store_chain "$f") && bad "views/ reaches a store header: $chain"
done
hits=$(grep -lE '#include[[:space:]]*[<"]iniparser|iniparser_[a-z]+[[:space:]]*\(' model/*.[ch] views/*.[ch] app/*.[ch] 2>/dev/null | grep -v '^app/config\.c$')
[ -n "$hits" ] && bad "iniparser outside app/config.c: $hits"
hits=$(grep -nE 'iniparser_get(int|longint|double|boolean)|iniparser_dump' app/*.c 2>/dev/null)
[ -n "$hits" ] && bad "numeric iniparser getters or dump (CVE-2023-33461): $hits"
hits=$(grep -nE '(^|[^_a-z])(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atof)[[:space:]]*\(' model/*.c views/*.c app/*.c 2>/dev/null)
[ -n "$hits" ] && bad "banned string functions: $hits"
hits=$(grep -lE '(^|[^a-z_])(printf|fprintf|puts|fputs)[[:space:]]*\(' views/*.c 2>/dev/null)
[ -n "$hits" ] && bad "views/ prints past curses: $hits"
if [ $fail -eq 0 ]; then echo "check-layers: ok (model/ curses-free and never includes views/ or app/, sqlite only in the store, views/ SQL-free and no store header reachable from it, libpq only in model/chain*.c, the console offline, iniparser only in app/config.c)"; fi
exit $fail
