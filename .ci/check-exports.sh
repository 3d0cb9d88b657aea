#!/usr/bin/env bash
# check-exports.sh: open the exported workbooks in a real spreadsheet
# program and check what a reader would see.
#
# Builds the CLI, creates a demo store, exports the panel pack, the board
# summary and the SLT report, converts each with LibreOffice (headless) to
# PDF and to one CSV per sheet, and checks that:
#   - each workbook opens and is written with permissions 0600;
#   - every printed page is A4 landscape, numbered "Page X of Y", marked
#     (OFFICIAL-SENSITIVE, OFFICIAL) top and bottom, its type at 8 pt or
#     more (with Carlito installed), and shows no measure's key;
#   - every number on its Measures sheet matches `permanence measures --json`
#     (value, and numerator/denominator for proportions), its columns found
#     by their headings (Key is the last, outside the print area);
#   - the native charts are in the file (xl/charts/chart*.xml) and drawn on
#     the printed Trends/Charts page;
#   - the pack's Disruptions, Changes of plan and Plan differs sheets list
#     exactly what the change measures of docs/measures-panel.md count, and
#     its Changes sheet is there;
#   - the SLT report's Panel sheet agrees with the store's meetings and
#     records (read with SQLite), and prints with its barriers chart;
#   - the board and SLT reports hold no child's name or ID;
#   - a name like =HYPERLINK(...) from an extract stays text, never a
#     live formula;
#   - with thresholds other than measures.md's (set with `permanence
#     settings`), every workbook says the thresholds in force ("A1 within
#     300 days", "25-week limit") and never the defaults where a threshold
#     is meant.
# Renders the pack's Trends charts page to docs/screenshots/pack-trends.png.
#
# Needs LibreOffice Calc and poppler-utils; installs them with apt-get when
# missing (as root). Usage: .ci/check-exports.sh [--keep]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
KEEP=${1:-}

say() { printf '%s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v pdftotext >/dev/null; then
	say "installing LibreOffice Calc and poppler-utils"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui poppler-utils >/dev/null
fi
# Carlito is metrically compatible with Calibri, the workbooks' font; without
# it LibreOffice substitutes a wider font and the screenshot looks wrong.
if ! fc-list 2>/dev/null | grep -qi carlito; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-crosextra-carlito >/dev/null 2>&1 ||
		say "note: fonts-crosextra-carlito not installed; the screenshot will use a substitute font"
fi

WORK=$(mktemp -d)
if [ "$KEEP" = "--keep" ]; then
	say "keeping work files in $WORK"
else
	trap 'rm -rf "$WORK"' EXIT
fi

say "building the CLI"
go build -tags migrated_fynedo -o "$WORK/permanence" .
BIN="$WORK/permanence"
DB="$WORK/demo.db"

say "creating a demo store"
"$BIN" demo --db "$DB" >/dev/null 2>"$WORK/demo.err" || { cat "$WORK/demo.err" >&2; fail "permanence demo"; }
"$BIN" measures --db "$DB" --json >"$WORK/measures.json" 2>/dev/null || fail "permanence measures --json"

for r in pack board slt; do
	"$BIN" export --db "$DB" --out "$WORK/$r.xlsx" --report "$r" >/dev/null 2>"$WORK/export.err" ||
		{ cat "$WORK/export.err" >&2; fail "permanence export --report $r"; }
	mode=$(stat -c %a "$WORK/$r.xlsx")
	[ "$mode" = 600 ] || fail "$r.xlsx has permissions $mode, want 600"
done

# A second store whose extract holds formula-like text in every text column.
INJ="$WORK/inject"
mkdir -p "$INJ"
cat >"$INJ/tracker.csv" <<'CSV'
Child ID,Name,Date of Birth,Team,Social Worker,Date Entered Care,Legal Status,Placement Type,Permanence Plan,Proceedings Issued
X1,"=HYPERLINK(""http://example.invalid/"",""Click me"")",01/02/2018,+Team,@Worker,01/01/2025,C1,U6,Adoption,01/06/2025
X2,-Minus Name,01/02/2019,Team B,Worker B,01/01/2025,C1,U6,Long term fostering,01/07/2025
CSV
"$BIN" import --db "$INJ/inj.db" --extract-date 2026-03-31 "$INJ/tracker.csv" >/dev/null 2>"$WORK/import.err" ||
	{ cat "$WORK/import.err" >&2; fail "import of the formula-injection extract"; }
"$BIN" export --db "$INJ/inj.db" --out "$INJ/inject.xlsx" >/dev/null 2>"$WORK/export.err" ||
	{ cat "$WORK/export.err" >&2; fail "export of the formula-injection pack"; }

# The same store with thresholds other than measures.md's: A1 300 days,
# care proceedings 175 days (25 weeks), care order 9 months. Set after the
# exports above, which use the defaults.
for kv in threshold.a1_days=300 threshold.proceedings_days=175 threshold.care_order_months=9; do
	"$BIN" settings --db "$DB" "${kv%%=*}" "${kv#*=}" >/dev/null 2>"$WORK/settings.err" ||
		{ cat "$WORK/settings.err" >&2; fail "permanence settings ${kv%%=*} ${kv#*=}"; }
done
for r in pack board slt; do
	"$BIN" export --db "$DB" --out "$WORK/thr-$r.xlsx" --report "$r" >/dev/null 2>"$WORK/export.err" ||
		{ cat "$WORK/export.err" >&2; fail "permanence export --report $r with thresholds set"; }
done

say "converting with LibreOffice"
LO=(soffice --headless --norestore "-env:UserInstallation=file://$WORK/lo-profile")
CSVFILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
"${LO[@]}" --convert-to pdf --outdir "$WORK/pdf" "$WORK/pack.xlsx" "$WORK/board.xlsx" "$WORK/slt.xlsx" >"$WORK/lo.log" 2>&1 ||
	{ cat "$WORK/lo.log" >&2; fail "LibreOffice could not convert the workbooks to PDF"; }
"${LO[@]}" --convert-to "$CSVFILTER" --outdir "$WORK/csv" "$WORK/pack.xlsx" "$WORK/board.xlsx" "$WORK/slt.xlsx" "$INJ/inject.xlsx" \
	"$WORK/thr-pack.xlsx" "$WORK/thr-board.xlsx" "$WORK/thr-slt.xlsx" >>"$WORK/lo.log" 2>&1 ||
	{ cat "$WORK/lo.log" >&2; fail "LibreOffice could not convert the workbooks to CSV"; }

for r in pack board slt; do
	[ -s "$WORK/pdf/$r.pdf" ] || fail "LibreOffice did not open $r.xlsx (no PDF)"
	pages=$(pdfinfo "$WORK/pdf/$r.pdf" | awk '/^Pages:/ {print $2}')
	[ "${pages:-0}" -gt 0 ] || fail "$r.pdf has no pages"
	say "  $r.xlsx opens: $pages printed pages"
done

say "checking the printed pages"
CARLITO=no
fc-list 2>/dev/null | grep -qi carlito && CARLITO=yes
python3 - "$WORK" "$CARLITO" <<'PY'
import json, os, re, statistics, subprocess, sys

# Every printed page as LibreOffice prints it: A4 landscape, "Page X of
# Y" and the workbook's marking in its footer, its type at 8 pt or more,
# and no measure's key (the Measures sheet prints its labels; the Key
# column is outside the print area).
work, carlito = sys.argv[1], sys.argv[2] == "yes"
failures = []
keys = {k for k in json.load(open(os.path.join(work, "measures.json"))) if "." in k or "_" in k}
word_re = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
for book, marking in (("pack", "OFFICIAL-SENSITIVE"), ("board", "OFFICIAL"), ("slt", "OFFICIAL")):
    pdf = os.path.join(work, "pdf", book + ".pdf")
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("<page ")[1:]
    smallest = 99.0
    for n, page in enumerate(pages, 1):
        w, h = (float(x) for x in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        if abs(w - 841.9) > 2 or abs(h - 595.3) > 2:
            failures.append(f"{book} page {n}: {w:.0f} x {h:.0f} pt, not A4 landscape (842 x 595)")
        words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in word_re.findall(page)]
        if not words:
            failures.append(f"{book} page {n}: blank")
            continue
        top, bottom = min(x[1] for x in words), max(x[1] for x in words)
        head = " ".join(x[4] for x in words if x[1] - top < 2)
        foot = " ".join(x[4] for x in words if bottom - x[1] < 2)
        if f"Page {n} of {len(pages)}" not in foot or marking not in foot.split() or marking not in head.split():
            failures.append(f"{book} page {n}: header {head!r} / footer {foot!r}: want {marking} in both, 'Page {n} of {len(pages)}' below")
        shown = sorted({x[4] for x in words} & keys)
        if shown:
            failures.append(f"{book} page {n} ({head}): prints measure keys {shown[:3]}")
        # Carlito's word boxes are 1.3 times its size: 11 pt type makes
        # boxes 14.3 pt tall; 8 pt, 10.4.
        body = [x[3] - x[1] for x in words if x[1] - top >= 2 and bottom - x[1] >= 2]
        if carlito and body:
            pt = statistics.median(body) / 1.3
            smallest = min(smallest, pt)
            if pt < 7.9:
                failures.append(f"{book} page {n} ({head}): type prints at {pt:.1f} pt, under 8")
    if carlito:
        print(f"  {book}: {len(pages)} pages, A4 landscape, numbered and marked {marking}; smallest type {smallest:.1f} pt; no keys")
    else:
        print(f"  {book}: {len(pages)} pages, A4 landscape, numbered and marked {marking}; no keys (type size not checked without Carlito)")
if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
PY

say "checking the numbers, the charts and the privacy of each workbook"
python3 - "$WORK" <<'PY'
import csv, json, os, re, sys, zipfile

work = sys.argv[1]
failures = []
def fail(msg):
    failures.append(msg)

measures = json.load(open(os.path.join(work, "measures.json")))
keys = [k for k in measures if k not in ("as_of", "period_start")]

def sheet(book, name):
    path = os.path.join(work, "csv", f"{book}-{name}.csv")
    if not os.path.exists(path):
        fail(f"{book}: LibreOffice wrote no {name} sheet")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))

def num(s):
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None

# Which key each proportion is a share of: written out here as an
# independent check of the Numerator and Denominator columns. It must agree
# with the catalogue's Denominator fields (data/catalogue.go);
# TestCheckExportsDenominators in data/export fails when they part.
def denominator_key(key):
    if key.endswith(".numerator"):
        return key[: -len("numerator")] + "denominator"
    if key.startswith("cohort."):
        return "in_care"
    m = re.match(r"trend\.final_hearing\.(.+)\.within_26_weeks$", key)
    if m:
        return f"trend.final_hearing.{m.group(1)}.count"
    return {
        "ltf_plan_not_in_ltf_placement": "cohort.long_term_fostering",
        "proceedings.over_26_weeks": "proceedings.count",
        "final_hearings.within_26_weeks": "final_hearings.count",
        "adoption.a1_within_426": "adoption.a1_count",
        "adoption.a2_within_121": "adoption.a2_count",
        "adoption.a10_within_426": "adoption.a10_count",
        "reunification.over_6_months_no_application": "reunification.placed_with_parents",
        "disruptions.panel_recommendation": "disruptions.count",
        "revocations.within_target": "revocations.due",
    }.get(key)

for book in ("pack", "board", "slt"):
    rows = sheet(book, "Measures")
    if not rows:
        continue
    head = rows[0]
    try:
        ck, cv, cn, cd, cs = (head.index(h) for h in ("Key", "Value", "Numerator", "Denominator", "Status"))
    except ValueError:
        fail(f"{book}: Measures header is {head}")
        continue
    seen = {}
    for r in rows[1:]:
        r = r + [""] * (len(head) - len(r))
        seen[r[ck]] = r
    missing = [k for k in keys if k not in seen]
    if missing:
        fail(f"{book}: Measures sheet lacks {len(missing)} keys, e.g. {missing[:5]}")
    extra = [k for k in seen if k not in measures]
    if extra:
        fail(f"{book}: Measures sheet has keys measures --json does not: {extra[:5]}")
    wrong = 0
    for k in keys:
        if k not in seen:
            continue
        r = seen[k]
        v = num(r[cv])
        if v is None or abs(v - measures[k]) > 0.05:
            wrong += 1
            fail(f"{book}: {k} shows {r[cv]!r}, measures --json says {measures[k]}")
        dk = denominator_key(k)
        if dk and dk in measures:
            if num(r[cn]) != measures[k] or num(r[cd]) != measures[dk]:
                fail(f"{book}: {k} numerator/denominator {r[cn]}/{r[cd]}, want {measures[k]}/{measures[dk]}")
        if r[cs] not in ("", "Red", "Amber", "Green"):
            fail(f"{book}: {k} status {r[cs]!r}")
    rated = sum(1 for r in seen.values() if r[cs] in ("Red", "Amber", "Green"))
    print(f"  {book}: Measures sheet: {len(seen)} keys match measures --json; {rated} rated red/amber/green")
    if rated < 8:
        fail(f"{book}: only {rated} measures carry a status")

    with zipfile.ZipFile(os.path.join(work, f"{book}.xlsx")) as z:
        charts = [n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
        sheets_xml = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    if len(charts) < 3:
        fail(f"{book}: {len(charts)} native charts, want at least 3")
    if any("<f>" in s or "<f " in s for s in sheets_xml):
        fail(f"{book}: a worksheet holds a formula")
    print(f"  {book}: {len(charts)} native charts, no formulas")

# The pack's sheets of changes (docs/measures-panel.md): the Disruptions,
# Changes of plan and Plan differs sheets list exactly what the change
# measures count, and the Changes sheet (the last two extracts) is there.
for name, key in (("Disruptions", "disruptions.count"), ("Changes of plan", "plan_changes.count"),
                  ("Plan differs from panel", "plan_changes.case_system_differs")):
    rows = sheet("pack", name)
    if rows and len(rows) - 1 != measures[key]:
        fail(f"pack: the {name} sheet lists {len(rows) - 1} rows, {key} is {measures[key]}")
changes = sheet("pack", "Changes")
if changes and changes[0][:2] != ["Child ID", "Name"]:
    fail(f"pack: the Changes sheet's headings are {changes[0]}")
if measures["disruptions.panel_recommendation"] > measures["disruptions.count"] or \
        measures["revocations.within_target"] > measures["revocations.due"] or \
        measures["revocations.due"] > measures["plan_changes.away_from_adoption_with_po"] or \
        measures["plan_changes.away_from_adoption_with_po"] > measures["plan_changes.away_from_adoption"] or \
        measures["plan_changes.away_from_adoption"] > measures["plan_changes.count"]:
    fail("measures --json: a change measure's part is larger than its whole")
print(f"  pack: {measures['disruptions.count']} disruptions, {measures['plan_changes.count']} changes of plan, "
      f"{measures['plan_changes.case_system_differs']} plans differing from the panel's, each listed; Changes sheet of {len(changes) - 1} rows")

# The SLT report's Panel sheet against the store itself, read here with
# SQLite: meetings held (held or closed) in the half-year to the as-at
# date (as-at less 6 calendar months < d <= as-at), by kind; the records
# at them, the children they are of, and each barrier's records.
import calendar, datetime, sqlite3
asof = datetime.date.fromisoformat(measures["as_of"])
y, m = (asof.year, asof.month - 6) if asof.month > 6 else (asof.year - 1, asof.month + 6)
half = datetime.date(y, m, min(asof.day, calendar.monthrange(y, m)[1])).isoformat()
db = sqlite3.connect(f"file:{os.path.join(work, 'demo.db')}?mode=ro", uri=True)
held = "status IN ('held', 'closed') AND meeting_date > ? AND meeting_date <= ?"
span = (half, asof.isoformat())
by_kind = dict(db.execute(f"SELECT kind, COUNT(*) FROM panel_meetings WHERE {held} GROUP BY kind", span).fetchall())
recs = db.execute(f"SELECT r.child_id, r.record FROM panel_records r JOIN panel_meetings m ON m.id = r.meeting_id WHERE {held}",
                  span).fetchall()
barrier_labels = {"court_delay": "Court delay", "assessment_delay": "Assessment delay", "family_finding": "Family finding / no match",
                  "placement_sufficiency": "Placement sufficiency", "siblings": "Sibling considerations",
                  "support_plan": "Support plan or allowance", "legal": "Legal advice or application not made",
                  "needs": "Health, education or therapeutic needs", "child_wishes": "The child's wishes",
                  "parental_challenge": "Parental challenge or appeal", "resources": "Staffing or resources", "other": "Other"}
barriers = {label: 0 for label in barrier_labels.values()}
for _, js in recs:
    for b in set(json.loads(js).get("barriers") or []):
        barriers[barrier_labels[b]] += 1
panel = sheet("slt", "Panel")
figs, shown = {}, {}
for r in panel[3:]:
    r = r + [""] * 6
    if r[0]:
        figs[r[0]] = r[1]
    if r[4] and r[4] != "Barrier":
        shown[r[4]] = r[5]
want = {"Permanence tracking panel": by_kind.get("tracking", 0), "Adoption tracking panel": by_kind.get("adoption", 0),
        "Permanence panel (all children)": by_kind.get("all", 0), "All meetings held": sum(by_kind.values()),
        "Reviews in all": len(recs), "Children reviewed (each counted once)": len({c for c, _ in recs})}
for label, n in want.items():
    if num(figs.get(label, "")) != n:
        fail(f"slt Panel: {label} shows {figs.get(label)!r}, the store says {n}")
for label, n in barriers.items():
    if num(shown.get(label, "")) != n:
        fail(f"slt Panel: barrier {label} shows {shown.get(label)!r}, the store's records say {n}")
if not recs:
    fail("slt Panel: the demo store has no records in the half-year to check against")
print(f"  slt: Panel sheet agrees with the store: {sum(by_kind.values())} meetings held since {half}, "
      f"{len(recs)} reviews of {len({c for c, _ in recs})} children, barriers by theme")

# Reports are aggregates only: no child's name or ID anywhere.
names, ids = set(), set()
for r in sheet("pack", "In proceedings")[1:] + sheet("pack", "Drift flags")[1:]:
    if r:
        ids.add(r[0])
        if len(r) > 1 and r[1]:
            names.add(r[1])
if not names or not ids:
    fail("pack: the lists show no children to check the reports against")
for book in ("board", "slt"):
    for name in ("Cover", "Measures", "Trends") + (("Panel",) if book == "slt" else ()):
        for r in sheet(book, name):
            for c in r:
                if c in names or c in ids:
                    fail(f"{book} {name} shows a child's name or ID: {c!r}")
print(f"  board and SLT: none of {len(names)} names or {len(ids)} IDs from the pack appear")

# Formula-like text from an extract is shown as the text itself: a live
# HYPERLINK would show "Click me" and the +/@/- cells a number or an error.
inj = sheet("inject", "In proceedings")
cells = {c for r in inj for c in r}
for text in ('=HYPERLINK("http://example.invalid/","Click me")', "+Team", "@Worker", "-Minus Name"):
    if text not in cells:
        fail(f"inject: {text!r} is not shown as text in the In proceedings list (cells: {sorted(cells)[:12]})")
if "Click me" in cells:
    fail("inject: the HYPERLINK name became a live formula")
print("  formula-like names, teams and workers stay text")

# With thresholds set (A1 300 days, proceedings 175 days = 25 weeks, care
# order 9 months) every workbook says them. Keys (adoption.a1_within_426)
# are fixed names, and a rule may cite the statute's 26 weeks.
STATUTE = "within 26 weeks (Children and Families Act 2014 s.14)"
import glob
for book, wants in (("thr-pack", ["A1 within 300 days", "Proceedings over 25 weeks", "25-week limit", "Care order over 9 months, plan not LTF"]),
                    ("thr-board", ["A1 within 300 days", "Proceedings over 25 weeks", "25-week limit", "In proceedings over 25 weeks"]),
                    ("thr-slt", ["A1 within 300 days", "Proceedings over 25 weeks", "25-week limit", "In proceedings over 25 weeks"])):
    paths = glob.glob(os.path.join(work, "csv", f"{book}-*.csv"))
    if not paths:
        fail(f"{book}: LibreOffice wrote no sheets")
        continue
    cells = []
    for path in paths:
        rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
        skip = rows[0].index("Key") if path.endswith("-Measures.csv") and rows and "Key" in rows[0] else -1
        cells += [c for r in rows for i, c in enumerate(r) if i != skip and c]
    text = "\n".join(cells)
    for want in wants:
        if want not in text:
            fail(f"{book}: no cell says {want!r}")
    for c in cells:
        if not re.search(r"[A-Za-z]", c):
            continue  # a number: a count or days may be 426
        c2 = c.replace(STATUTE, "")
        for bad in (r"\b426\b", r"\b26 weeks", r"\b26-week"):
            if re.search(bad, c2):
                fail(f"{book}: {c!r} says {bad!r} with the thresholds at 300 days and 25 weeks")
print("  with thresholds set, every workbook says A1 within 300 days and the 25-week limit")

if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
PY

# The chart pages: find them by their text, check they are drawn, and keep
# the pack's as the README's screenshot.
page_with() { # pdf text... -> first page number whose text holds every text
	local pdf=$1
	shift
	local n i t ok
	n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	for ((i = 1; i <= n; i++)); do
		t=$(pdftotext -f "$i" -l "$i" -layout "$pdf" - 2>/dev/null)
		ok=1
		for want in "$@"; do grep -qF -- "$want" <<<"$t" || { ok=0; break; }; done
		[ $ok = 1 ] && { echo "$i"; return 0; }
	done
	return 1
}
inked() { # pdf page -> share (per mille) of non-white pixels in the page's lower two thirds
	pdftoppm -f "$2" -l "$2" -r 40 -gray -singlefile "$1" "$WORK/ink"
	python3 - "$WORK/ink.pgm" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
parts, pos = [], 0
while len(parts) < 4:  # P5 width height maxval, with comments skipped
    while data[pos:pos + 1].isspace():
        pos += 1
    if data[pos:pos + 1] == b"#":
        pos = data.index(b"\n", pos) + 1
        continue
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    parts.append(data[pos:end])
    pos = end
w, h = int(parts[1]), int(parts[2])
pix = data[pos + 1:pos + 1 + w * h]
lower = pix[w * (h // 3):]
print(1000 * sum(1 for p in lower if p < 200) // max(len(lower), 1))
PY
}

for spec in "pack|Quarterly trends|Time to final hearing" "board|charts|Time to final hearing" "slt|charts|Time to final hearing"; do
	IFS='|' read -r book title chart <<<"$spec"
	pg=$(page_with "$WORK/pdf/$book.pdf" "$title" "$chart") ||
		fail "$book: no printed page shows the charts ($title / $chart)"
	ink=$(inked "$WORK/pdf/$book.pdf" "$pg")
	[ "$ink" -ge 40 ] || fail "$book: the chart page ($pg) is nearly blank ($ink per mille inked)"
	for t in "26-week limit" "Children in care by permanence plan"; do
		pdftotext -f "$pg" -l "$pg" "$WORK/pdf/$book.pdf" - | grep -qF "$t" || fail "$book: page $pg lacks the chart text '$t'"
	done
	say "  $book: charts drawn on printed page $pg ($ink per mille inked)"
	if [ "$book" = pack ]; then
		mkdir -p "$ROOT/docs/screenshots"
		pdftoppm -f "$pg" -l "$pg" -r 110 -png -singlefile "$WORK/pdf/pack.pdf" "$WORK/pack-trends"
		install -m 0644 "$WORK/pack-trends.png" "$ROOT/docs/screenshots/pack-trends.png"
		say "  wrote docs/screenshots/pack-trends.png"
	fi
done

# The SLT report's Panel sheet prints with its chart of barriers drawn.
pg=$(page_with "$WORK/pdf/slt.pdf" "The panel's half-year" "Barriers by theme") ||
	fail "slt: no printed page shows the panel's half-year with its chart of barriers"
ink=$(inked "$WORK/pdf/slt.pdf" "$pg")
[ "$ink" -ge 20 ] || fail "slt: the Panel page ($pg) is nearly blank ($ink per mille inked)"
say "  slt: the panel's half-year and its barriers chart on printed page $pg ($ink per mille inked)"

say "exports OK"
