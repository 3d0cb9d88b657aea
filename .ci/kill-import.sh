#!/usr/bin/env bash
# Kill an import of a large extract at several moments (SIGKILL, as a
# power cut or a killed laptop would) and check each time that the store is
# exactly as it was before the import or, if the import had finished, as it
# is after a complete one: never half-written. Compares a full dump of every
# table (sqlite3 .dump) and runs PRAGMA integrity_check.
#
# Usage: bash .ci/kill-import.sh [children]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
children="${1:-100000}"
export LANG=en_GB.UTF-8 # Fyne logs a locale error under the C locale
command -v sqlite3 >/dev/null || {
	[ "$(id -u)" = 0 ] || { echo "kill-import: install sqlite3" >&2; exit 1; }
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -tags ci,migrated_fynedo -o "$work/permanence" .
p="$work/permanence"
day=$(date +%Y-%m-%d) # after the demo's extracts, and a plausible extract date

# The store before: an earlier extract of 300 children and a setting (the
# demo authority's own store never takes another extract).
"$p" demo --children 300 --seed 3 --out "$work/small.csv" >/dev/null
"$p" import --db "$work/base.db" --extract-date "$(date -d '-1 month' +%Y-%m-%d)" "$work/small.csv" >/dev/null
"$p" settings --db "$work/base.db" authority_name "Kill Test Council" >/dev/null
"$p" demo --children "$children" --seed 9 --out "$work/big.csv" >/dev/null
dump() { sqlite3 "$1" .dump | grep -v '^INSERT INTO sqlite_stat' | sha256sum | cut -c1-16; }
before=$(dump "$work/base.db")

# The store after a complete import, for comparison.
cp "$work/base.db" "$work/full.db"
start=$(date +%s.%N)
"$p" import --db "$work/full.db" --extract-date "$day" "$work/big.csv" >/dev/null
took=$(python3 -c "import time; print(round(time.time() - $start, 2))")
echo "kill-import: a complete import of $children children takes ${took} s"
# imported_at differs from run to run: compare the after-state without it.
dumpx() { sqlite3 "$1" "UPDATE extracts SET imported_at = ''" >/dev/null 2>&1 || true; dump "$1"; }

fail=0
for frac in 0.05 0.15 0.3 0.45 0.55 0.6 0.65 0.7 0.9 1.2; do
	cp "$work/base.db" "$work/k.db"
	rm -f "$work/k.db-wal" "$work/k.db-shm"
	"$p" import --db "$work/k.db" --extract-date "$day" "$work/big.csv" >/dev/null 2>&1 &
	pid=$!
	sleep "$(python3 -c "print($took * $frac)")"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	ok=$(sqlite3 "$work/k.db" "PRAGMA integrity_check")
	state=$(dump "$work/k.db")
	if [ "$ok" != ok ]; then
		echo "kill-import: killed at ${frac} of the import: integrity check says $ok" >&2
		fail=1
	elif [ "$state" = "$before" ]; then
		echo "kill-import: killed at ${frac} of the import: store exactly as before"
	elif [ "$(dumpx "$work/k.db")" = "$(cp "$work/full.db" "$work/f.db" && dumpx "$work/f.db")" ]; then
		echo "kill-import: killed at ${frac} of the import: the import had finished; store exactly as after"
	else
		echo "kill-import: killed at ${frac} of the import: the store is neither as before nor as after" >&2
		fail=1
	fi
done
[ "$fail" = 0 ] && echo "kill-import: OK"
exit "$fail"
