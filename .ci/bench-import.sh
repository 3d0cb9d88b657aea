#!/usr/bin/env bash
# Import speed against reference tools, measured in the same run:
#  - tracker CSVs of two shapes, each `permanence import` vs the sqlite3
#    tool's .import of the same file into a bare table (target: within 2x):
#    the demo authority's extract (100,000 children, 145,970 rows, UK
#    dates), and a 100,000-row extract shaped like a real tracker (every
#    field of data.Fields a column under its canonical name, ISO dates, a
#    third of the date cells filled at random, so about 0.7 date-order
#    warnings a row; written by the seeded generator in
#    data/bench/tracker_shape_test.go). Ours and the reference take turns,
#    best of 5 each;
#  - the same rows as XLSX vs excelize's own streaming read (target: 2x);
#  - measures for 100,000 children: time and peak memory of
#    `permanence measures` (targets: 0.5 s, 300 MB).
# Usage: bash .ci/bench-import.sh   (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update >/dev/null && apt-get install -y sqlite3 >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -tags ci,migrated_fynedo -o "$work/permanence" .
"$work/permanence" demo --children 100000 --seed 7 --out "$work/tracker.csv" >/dev/null
"$work/permanence" demo --children 100000 --seed 7 --out "$work/tracker.xlsx" >/dev/null
go test -tags ci,migrated_fynedo -count=1 -run '^TestTrackerShape$' ./data/bench/ -args -tracker-shape-out="$work/shape.csv" >/dev/null

now() { date +%s.%N; }
best() { # best of 3 runs of a command, in seconds; $1 = setup command run before each
  local setup=$1; shift; local b=999999
  for _ in 1 2 3; do
    eval "$setup"
    local t0; t0=$(now); "$@" >/dev/null; local t1; t1=$(now)
    b=$(python3 -c "print(min($b, $t1 - $t0))")
  done
  echo "$b"
}
once() { # seconds taken by one run of a command
  local t0; t0=$(now); "$@" >/dev/null; local t1; t1=$(now)
  python3 -c "print($t1 - $t0)"
}
versus() { # $1 = CSV file: best of 5 of `permanence import` and of sqlite3 .import, taking turns
  local o=999999 r=999999
  for _ in 1 2 3 4 5; do
    rm -f "$work/ref.db" "$work/v.db"*
    r=$(python3 -c "print(min($r, $(once sqlite3 "$work/ref.db" ".mode csv" ".import $1 bare")))")
    o=$(python3 -c "print(min($o, $(once "$work/permanence" import --db "$work/v.db" --extract-date 2026-03-31 "$1")))")
  done
  echo "$o $r"
}
read -r ours ref < <(versus "$work/tracker.csv")
read -r ours_shape ref_shape < <(versus "$work/shape.csv")
rm -f "$work/p.db"*
"$work/permanence" import --db "$work/p.db" --extract-date 2026-03-31 "$work/tracker.csv" >/dev/null
xlsx=$(best "rm -f $work/x.db*" "$work/permanence" import --db "$work/x.db" --extract-date 2026-03-31 "$work/tracker.xlsx")
rows=$(($(wc -l < "$work/tracker.csv") - 1))
rows_shape=$(($(wc -l < "$work/shape.csv") - 1))
# measures: wall time and peak RSS of the whole command (open store, load state, compute, print)
/usr/bin/time -f '%e %M' -o "$work/m.txt" "$work/permanence" measures --db "$work/p.db" --json >/dev/null
read -r msec mkb < "$work/m.txt"
# excelize's streaming read vs our XLSX import, in the same go test run
gob=$(go test -tags ci,migrated_fynedo -run '^$' -bench 'ImportTrackerXLSX100k|ExcelizeStreamRead100k|Measures100k' -benchtime 3x ./data/bench/ 2>/dev/null | grep '^Benchmark')
xl_ref=$(echo "$gob" | awk '/ExcelizeStreamRead100k/ {print $3/1e9}')
xl_ours=$(echo "$gob" | awk '/ImportTrackerXLSX100k/ {print $3/1e9}')
meas=$(echo "$gob" | awk '/Measures100k/ {print $3/1e9}')
printf '| measurement | ours | reference | ratio | target |\n|---|---|---|---|---|\n'
python3 - "$rows" "$ours" "$ref" "$rows_shape" "$ours_shape" "$ref_shape" "$xlsx" "$xl_ours" "$xl_ref" "$meas" "$msec" "$mkb" <<'PY'
import sys
rows, ours, ref, rows_shape, ours_shape, ref_shape, xlsx, xl_ours, xl_ref, meas, msec, mkb = sys.argv[1:]
ours, ref, ours_shape, ref_shape, xlsx, xl_ours, xl_ref, meas, msec = map(float, (ours, ref, ours_shape, ref_shape, xlsx, xl_ours, xl_ref, meas, msec))
print(f"| `permanence import` of the demo's {int(rows):,}-row tracker CSV (UK dates) vs `sqlite3 .import` | {ours:.2f} s | {ref:.2f} s | {ours/ref:.2f}x | within 2x |")
print(f"| `permanence import` of a {int(rows_shape):,}-row real-shaped tracker CSV (every field, ISO dates, a third of dates filled) vs `sqlite3 .import` | {ours_shape:.2f} s | {ref_shape:.2f} s | {ours_shape/ref_shape:.2f}x | within 2x |")
print(f"| `permanence import` of the same rows as XLSX (whole command) | {xlsx:.2f} s | | | |")
print(f"| XLSX import (go bench) vs excelize streaming read (go bench) | {xl_ours:.2f} s | {xl_ref:.2f} s | {xl_ours/xl_ref:.2f}x | within 2x |")
print(f"| measures for 100,000 children: state from store + every key (go bench) | {meas:.3f} s | | | under 0.5 s |")
print(f"| `permanence measures --json` whole command, 100,000 children | {msec:.2f} s, peak {int(mkb)/1024:.0f} MB RSS | | | under 300 MB |")
PY
