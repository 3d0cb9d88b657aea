#!/usr/bin/env bash
# check-papers.sh: check a panel meeting's papers as their readers would
# see them, without a display.
#
# Builds the CLI (or uses $PERMANENCE_BIN) and, in a store of its own with
# three known children (their names written with accents), holds a
# meeting through `permanence panel new/add/record/close/amend`, runs
# `permanence panel export --meeting ID --out DIR` and checks:
#   - exactly the papers expected are written, each 0600, in a folder the
#     export made 0700;
#   - every PDF is A4 portrait, every page says "Page N of M", the
#     OFFICIAL-SENSITIVE marking and the authority's name; the text a
#     reader sees (pdftotext) holds every field expected, with – £ ‘ ’ é Ł
#     intact; the agenda and the minutes name children by initials and
#     child ID and never by name or date of birth; each record shows the
#     child's name and date of birth; the first page of each kind, rendered
#     with pdftoppm, is neither blank nor black (ImageMagick);
#   - the calendar parses with Python's icalendar (python3-icalendar) when
#     it can be imported, else with the strict RFC 5545 reader below: CRLF
#     line ends, lines of at most 75 octets, one VEVENT a slot at 10:00,
#     10:20 and 10:40 London time, 20 minutes each, with the initials, the
#     social worker and the reasons, and no name, child ID or date of birth;
#   - the workbooks open in LibreOffice (headless): a CSV per sheet holds
#     the agenda's lines, the minutes' Meeting, Minutes and Actions sheets,
#     and a decision that looks like a formula kept as text; printed, every
#     page is A4 landscape with "Page X of Y" and the marking.
# Then exports the demo authority's latest closed meeting and checks the
# same of it (the fields in general), its counts against `permanence panel
# show --json`: one event and one row a child, one record PDF a record,
# one row an action.
#
# Needs poppler-utils, LibreOffice Calc, ImageMagick and Python 3; installs
# what is missing with apt-get (as root), python3-icalendar too.
# Usage: .ci/check-papers.sh [--keep]
set -euo pipefail

cd "$(dirname "$0")/.."
KEEP=${1:-}

say() { printf '%s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

need=()
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null && command -v pdfinfo >/dev/null || need+=(poppler-utils)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v convert >/dev/null || need+=(imagemagick)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
	say "installing ${need[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Python's icalendar, for the calendar: the system Python's package.
PY_ICAL=""
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null && "$py" -c 'import icalendar' 2>/dev/null; then PY_ICAL=$py; break; fi
done
if [ -z "$PY_ICAL" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-icalendar >/dev/null 2>&1 || true
	/usr/bin/python3 -c 'import icalendar' 2>/dev/null && PY_ICAL=/usr/bin/python3
fi
[ -n "$PY_ICAL" ] || say "note: Python's icalendar is not installed: the calendar is read with this script's own RFC 5545 reader"

WORK=$(mktemp -d)
if [ "$KEEP" = "--keep" ]; then
	say "keeping work files in $WORK"
else
	trap 'rm -rf "$WORK"' EXIT
fi

if [ -n "${PERMANENCE_BIN:-}" ]; then
	BIN=$PERMANENCE_BIN
else
	say "building the CLI"
	go build -tags migrated_fynedo -o "$WORK/permanence" .
	BIN="$WORK/permanence"
fi
run() { # run CMD... quietly; on failure show its stderr and stop
	"$BIN" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "permanence $*"; }
}

say "holding a meeting in a store of known children"
K="$WORK/known"
mkdir -p "$K"
cat >"$K/feb.csv" <<'CSV'
Child ID,Name,Date of Birth,Team,Social Worker,Date Entered Care,Legal Status,Placement Type,Permanence Plan,Next Panel Review Date
C1,Zoë Brontë-Şahin,04/05/2019,North,Sam Lee,01/01/2025,C2,U6,Adoption,15/03/2026
C2,Łukasz O'Neil,30/11/2015,South,Ann Cole,01/06/2024,C2,U4,Long-term fostering,
C3,Amy Ng,02/01/2020,South,Ann Cole,01/02/2024,C2,U6,Adoption,
CSV
cat >"$K/c1.json" <<'JSON'
{"attended": true, "update_by": "Sam Lee", "update": "Family finding under way; two links – one in Wales.",
 "child_voice": {"gathered": "yes", "text": "Wants to stay with her brother."}, "plan": "Long-term fostering",
 "parallel_plan": "Adoption", "barriers": ["family_finding", "other"], "barrier_other": "Interpreter needed for café meetings",
 "early_permanence_considered": "not_applicable", "previous_adopters_considered": "no",
 "decision": "Plan endorsed – fees of £120 agreed; ‘stay together’ is the aim.",
 "actions": [{"what": "Widen the search to regional agencies", "who": "Family finder", "due": "2026-04-10"},
  {"what": "Later life letter", "who": "Sam Lee", "due": "2026-03-01", "status": "done", "done_on": "2026-02-27"}],
 "next_review": "2026-06-20",
 "escalation": {"to": "Head of Service", "why": "No match after 9 months", "raised": "2026-03-20"}}
JSON
cat >"$K/c2.json" <<'JSON'
{"attended": false, "plan": "LTF", "decision": "=HYPERLINK(\"http://example.invalid\")",
 "actions": [{"what": "Sibling assessment", "who": "SW", "due": "2026-05-01", "status": "dropped", "why": "Sibling placed"}]}
JSON
echo '{"next_review": "2026-05-20", "next_review_why": "Court date brought forward"}' >"$K/fix.json"
KDB="$K/known.db"
run import --db "$KDB" --extract-date 2026-02-28 "$K/feb.csv"
run settings --db "$KDB" authority_name "Borsetshire Council & Partners"
run panel new --db "$KDB" --kind adoption --date 2026-03-20 --chair "Jo Chair" --attendees $'IRO: Priya Shah\nLegal: Ali Khan'
KID=$(tr -d '[:space:]' <"$WORK/out.txt")
run panel add --db "$KDB" --meeting "$KID" --child C2
run panel add --db "$KDB" --meeting "$KID" --child C3
run panel record --db "$KDB" --meeting "$KID" --child C1 --file "$K/c1.json"
run panel record --db "$KDB" --meeting "$KID" --child C2 --file "$K/c2.json"
run panel close --db "$KDB" --meeting "$KID"
run panel amend --db "$KDB" --meeting "$KID" --child C1 --file "$K/fix.json" --why "Corrected the review date"
run panel show --db "$KDB" --meeting "$KID" --json
cp "$WORK/out.txt" "$K/show.json"
run panel export --db "$KDB" --meeting "$KID" --out "$K/papers/out"

say "the demo authority's latest closed meeting"
D="$WORK/demo"
mkdir -p "$D"
run demo --db "$D/demo.db"
run panel meetings --db "$D/demo.db" --json
DID=$(python3 -c 'import json,sys; ms=[m for m in json.load(open(sys.argv[1])) if m["status"]=="closed"]; print(ms[-1]["id"] if ms else "")' "$WORK/out.txt")
if [ -n "$DID" ]; then
	run panel show --db "$D/demo.db" --meeting "$DID" --json
	cp "$WORK/out.txt" "$D/show.json"
	run panel export --db "$D/demo.db" --meeting "$DID" --out "$D/papers/out"
else
	say "note: the demo has no closed panel meeting: only the known meeting is checked"
fi

say "opening the workbooks with LibreOffice"
LO=(soffice --headless --norestore "-env:UserInstallation=file://$WORK/lo-profile")
CSVFILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
for dir in "$K/papers" ${DID:+"$D/papers"}; do
	books=("$dir"/out/*.xlsx)
	"${LO[@]}" --convert-to "$CSVFILTER" --outdir "$dir/csv" "${books[@]}" >"$WORK/lo.log" 2>&1 ||
		{ cat "$WORK/lo.log" >&2; fail "LibreOffice could not open the workbooks in $dir/out"; }
	"${LO[@]}" --convert-to pdf --outdir "$dir/printed" "${books[@]}" >>"$WORK/lo.log" 2>&1 ||
		{ cat "$WORK/lo.log" >&2; fail "LibreOffice could not print the workbooks in $dir/out"; }
done

say "checking the papers"
python3 - "$K" "${DID:+$D}" "$PY_ICAL" <<'PY'
import csv, glob, json, os, re, stat, subprocess, sys

known, demo, py_ical = sys.argv[1], sys.argv[2], sys.argv[3]
MARK = "OFFICIAL-SENSITIVE"
failures = []
def fail(msg):
    failures.append(msg)

def text_pages(pdf):
    """The text a reader sees, a string a page, its whitespace folded."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return [" ".join(p.split()) for p in pages]

def page_size(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    return (float(m.group(1)), float(m.group(2))) if m else (0, 0)

def ink(pdf, work):
    """The mean grey of page 1 rendered (1 is white): neither blank nor black."""
    png = os.path.join(work, os.path.basename(pdf)[:-4])
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png", pdf, png], check=True)
    mean = subprocess.run(["convert", png + ".png", "-colorspace", "Gray", "-format", "%[fx:mean]", "info:"],
                          capture_output=True, text=True, check=True).stdout
    return float(mean)

def check_pdf(pdf, authority, want=(), never=(), render_dir=None):
    name = os.path.basename(pdf)
    with open(pdf, "rb") as f:
        if not f.read(5) == b"%PDF-":
            fail(f"{name}: not a PDF")
            return ""
    w, h = page_size(pdf)
    if abs(w - 595.3) > 1 or abs(h - 841.9) > 1:
        fail(f"{name}: pages {w:.0f} x {h:.0f} pt, not A4 portrait (595 x 842)")
    pages = text_pages(pdf)
    for n, p in enumerate(pages, 1):
        for s in (f"Page {n} of {len(pages)}", MARK, authority):
            if s not in p:
                fail(f"{name} page {n}: does not say {s!r}")
    text = " ".join(pages)
    for s in want:
        if s not in text:
            fail(f"{name}: does not say {s!r}")
    for s in never:
        if s in text:
            fail(f"{name}: says {s!r}, which it must not")
    if render_dir:
        g = ink(pdf, render_dir)
        if not 0.5 < g < 0.995:
            fail(f"{name}: page 1 rendered has mean grey {g:.3f}: blank or black")
        else:
            print(f"  {name}: page 1 renders (mean grey {g:.3f}), {len(pages)} pages")
    return text

def check_files(out, want):
    st = os.stat(out)
    if stat.S_IMODE(st.st_mode) != 0o700:
        fail(f"{out}: folder mode {stat.S_IMODE(st.st_mode):o}, want 700")
    got = sorted(os.listdir(out))
    if got != sorted(want):
        fail(f"{out}: papers {got}, want {sorted(want)}")
    for f in got:
        mode = stat.S_IMODE(os.stat(os.path.join(out, f)).st_mode)
        if mode != 0o600:
            fail(f"{f}: mode {mode:o}, want 600")

def sheet(dirname, book, name):
    path = os.path.join(dirname, "csv", f"{book}-{name}.csv")
    if not os.path.exists(path):
        fail(f"{book}.xlsx: LibreOffice found no sheet {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))

def check_printed(dirname, book, authority):
    pdf = os.path.join(dirname, "printed", book + ".pdf")
    if not os.path.exists(pdf):
        fail(f"{book}.xlsx: LibreOffice printed nothing")
        return
    w, h = page_size(pdf)
    if abs(w - 841.9) > 1 or abs(h - 595.3) > 1:
        fail(f"{book}.xlsx printed on {w:.0f} x {h:.0f} pt, not A4 landscape")
    pages = text_pages(pdf)
    for n, p in enumerate(pages, 1):
        if f"Page {n} of {len(pages)}" not in p or MARK not in p or authority.replace("&", "") .split()[0] not in p:
            fail(f"{book}.xlsx printed page {n}: no 'Page {n} of {len(pages)}', marking or authority: {p[:200]!r}")
    print(f"  {book}.xlsx opens; prints {len(pages)} A4 landscape pages, numbered and marked")

def unfold(raw, name):
    """RFC 5545 3.1: CRLF line ends, at most 75 octets a line, folded lines start with a space."""
    if not raw.endswith(b"\r\n") or raw.count(b"\n") != raw.count(b"\r\n"):
        fail(f"{name}: a line does not end CRLF")
    lines = []
    for i, l in enumerate(raw[:-2].split(b"\r\n"), 1):
        if len(l) > 75:
            fail(f"{name} line {i}: {len(l)} octets, over 75")
        try:
            l.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"{name} line {i}: folded inside a UTF-8 character")
        if l[:1] in (b" ", b"\t"):
            if not lines:
                fail(f"{name} line {i}: continues nothing")
                continue
            lines[-1] += l[1:]
        else:
            lines.append(l)
    return [l.decode("utf-8", "replace") for l in lines]

def unescape(v):
    out, i = [], 0
    while i < len(v):
        if v[i] == "\\" and i + 1 < len(v):
            out.append("\n" if v[i + 1] in "nN" else v[i + 1])
            i += 2
        else:
            out.append(v[i])
            i += 1
    return "".join(out)

def own_reader(lines, name):
    """A strict reader: nesting, the calendar's required properties, each
    event's UID, DTSTAMP, DTSTART and DTEND, TZIDs defined by a VTIMEZONE."""
    stack, events, tzids, used = [], [], set(), set()
    cal_props = set()
    for l in lines:
        m = re.match(r"^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", l)
        if not m:
            fail(f"{name}: not a content line: {l!r}")
            continue
        prop, params, value = m.group(1).upper(), m.group(2), m.group(3)
        if prop == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
            continue
        if prop == "END":
            if not stack or stack.pop() != value:
                fail(f"{name}: END:{value} does not close what is open")
            continue
        where = stack[-1] if stack else None
        if where == "VCALENDAR":
            cal_props.add(prop)
        if where == "VTIMEZONE" and prop == "TZID":
            tzids.add(value)
        if where == "VEVENT":
            ev = events[-1]
            if prop in ev:
                fail(f"{name}: {prop} twice in an event")
            tz = re.search(r";TZID=([^;:]+)", params)
            if tz:
                used.add(tz.group(1))
            ev[prop] = (params, unescape(value))
    if stack:
        fail(f"{name}: {stack} never ended")
    for p in ("VERSION", "PRODID"):
        if p not in cal_props:
            fail(f"{name}: the calendar has no {p}")
    if used - tzids:
        fail(f"{name}: TZID {sorted(used - tzids)} used but no VTIMEZONE defines it")
    out = []
    for ev in events:
        for p in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
            if p not in ev:
                fail(f"{name}: an event has no {p}")
        start = ev.get("DTSTART", ("", ""))
        end = ev.get("DTEND", ("", ""))
        out.append({"uid": ev.get("UID", ("", ""))[1], "start": start[1], "end": end[1],
                    "tz": re.sub(r".*TZID=", "", start[0]), "summary": ev.get("SUMMARY", ("", ""))[1],
                    "description": ev.get("DESCRIPTION", ("", ""))[1]})
    return out

ICAL_READER = r'''
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
out = []
for ev in cal.walk("VEVENT"):
    s, e = ev.decoded("DTSTART"), ev.decoded("DTEND")
    out.append({"uid": str(ev["UID"]), "start": s.strftime("%Y%m%dT%H%M%S"), "end": e.strftime("%Y%m%dT%H%M%S"),
                "tz": str(getattr(s.tzinfo, "zone", None) or s.tzinfo), "offset": s.utcoffset().total_seconds(),
                "minutes": (e - s).total_seconds() / 60,
                "summary": str(ev["SUMMARY"]), "description": str(ev["DESCRIPTION"])})
print(json.dumps(out))
'''

def read_calendar(path):
    raw = open(path, "rb").read()
    name = os.path.basename(path)
    lines = unfold(raw, name)
    own = own_reader(lines, name)
    if py_ical:
        r = subprocess.run([py_ical, "-c", ICAL_READER, path], capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"{name}: icalendar cannot read it: {r.stderr.strip()[-300:]}")
            return own, raw
        events = json.loads(r.stdout)
        for ev in events:
            if "London" not in ev["tz"]:
                fail(f"{name}: icalendar reads an event in zone {ev['tz']!r}, not Europe/London")
        print(f"  {name}: read by Python's icalendar: {len(events)} events")
        return events, raw
    print(f"  {name}: read by this script's RFC 5545 reader: {len(own)} events")
    return own, raw

def no_names(where, text, names):
    for n in names:
        if n in text:
            fail(f"{where}: says {n!r}, which it must not")

# --- The known meeting -------------------------------------------------
AUTH = "Borsetshire Council & Partners"
out = os.path.join(known, "papers", "out")
render = os.path.join(known, "papers", "png")
os.makedirs(render, exist_ok=True)
base = "2026-03-20-adoption"
check_files(out, [f"agenda-{base}.xlsx", f"agenda-{base}.pdf", f"agenda-{base}.ics", f"minutes-{base}.xlsx",
                  f"minutes-{base}.pdf", "record-C1-2026-03-20.pdf", "record-C2-2026-03-20.pdf"])
NAMES = ["Zoë", "Brontë", "Şahin", "Łukasz", "O'Neil", "Amy Ng", "04/05/2019", "30/11/2015", "02/01/2020"]
DECISION = "Plan endorsed – fees of £120 agreed; ‘stay together’ is the aim."
check_pdf(os.path.join(out, f"agenda-{base}.pdf"), AUTH,
          ["Agenda", "Adoption tracking panel", "Friday 20 March 2026", "Jo Chair", "IRO: Priya Shah",
           "10:00", "Z.B. (C1)", "10:20", "Ł.O. (C2)", "10:40", "A.N. (C3)", "Sam Lee", "Ann Cole",
           "Review due: next panel review date 15/03/2026", "Added by hand"], NAMES, render)
check_pdf(os.path.join(out, f"minutes-{base}.pdf"), AUTH,
          ["Minutes", "Z.B. (C1)", "Ł.O. (C2)", "A.N. (C3)", DECISION, "two links – one in Wales.",
           "Interpreter needed for café meetings", "the case system needs updating", "Corrected the review date",
           "No record was written for this child", "Actions set at this meeting", "Widen the search to regional agencies",
           '=HYPERLINK("http://example.invalid")', "Sibling placed"], NAMES, render)
check_pdf(os.path.join(out, "record-C1-2026-03-20.pdf"), AUTH,
          ["Permanence panel record", "Zoë Brontë-Şahin", "C1", "04/05/2019", "Jo Chair", "Legal: Ali Khan",
           "Sam Lee", "Wants to stay with her brother.", "Long-term fostering", "the case system needs updating",
           "Family finding / no match", "Other: Interpreter needed for café meetings", DECISION,
           "Widen the search to regional agencies", "10/04/2026", "Done on 27/02/2026", "20/05/2026",
           "Court date brought forward", "Head of Service", "No match after 9 months",
           "This record was changed after the meeting closed.", "Corrected the review date"], ["DRAFT"], render)
check_pdf(os.path.join(out, "record-C2-2026-03-20.pdf"), AUTH,
          ["Łukasz O'Neil", "C2", "30/11/2015", "No longer needed: Sibling placed", '=HYPERLINK("http://example.invalid")'],
          ["needs updating", "DRAFT", "Zoë"])

events, raw = read_calendar(os.path.join(out, f"agenda-{base}.ics"))
starts = [e["start"] for e in events]
if starts != ["20260320T100000", "20260320T102000", "20260320T104000"]:
    fail(f"calendar: slots start {starts}, want 10:00, 10:20, 10:40 on 20/03/2026")
ends = [e["end"] for e in events]
if ends != ["20260320T102000", "20260320T104000", "20260320T110000"]:
    fail(f"calendar: slots end {ends}, want 20 minutes after they start")
for e in events:
    if "offset" in e and e["offset"] != 0:
        fail(f"calendar: 20 March 2026 is GMT in London, but an event is {e['offset']} s from UTC")
if len({e["uid"] for e in events}) != len(events):
    fail("calendar: two events share a UID")
sums = [e["summary"] for e in events]
for s, want in zip(sums, ("Z.B.", "Ł.O.", "A.N.")):
    if want not in s:
        fail(f"calendar: SUMMARY {s!r} lacks the initials {want}")
if events and not all(w in events[0]["description"] for w in ("Social worker: Sam Lee", "Team: North", "Reasons: Review due", MARK)):
    fail(f"calendar: the first event's description: {events[0]['description']!r}")
no_names("the calendar", raw.decode("utf-8"), NAMES + ["C1", "C2", "C3", "20190504"])

k = os.path.join(known, "papers")
rows = sheet(k, f"agenda-{base}", "Agenda")
head = next((i for i, r in enumerate(rows) if r[:3] == ["Time", "Child ID", "Initials"]), None)
if head is None:
    fail(f"agenda workbook: no header row Time, Child ID, Initials in {rows}")
else:
    got = [r[:3] for r in rows[head + 1:] if any(r)]
    if got != [["10:00", "C1", "Z.B."], ["10:20", "C2", "Ł.O."], ["10:40", "C3", "A.N."]]:
        fail(f"agenda workbook lines: {got}")
no_names("agenda workbook", json.dumps(rows, ensure_ascii=False), NAMES)
check_printed(k, f"agenda-{base}", AUTH)
for s in ("Meeting", "Minutes", "Actions"):
    sheet(k, f"minutes-{base}", s)
mins = sheet(k, f"minutes-{base}", "Minutes")
if len(mins) != 4:
    fail(f"minutes workbook: Minutes has {len(mins)} rows, want a header and 3 children")
else:
    h = mins[0]
    col = lambda name: h.index(name) if name in h else fail(f"Minutes: no column {name!r}")
    c_id, c_upd, c_dec = col("Child ID"), col("Case system needs updating"), col("Decision or recommendation")
    if None not in (c_id, c_upd, c_dec):
        if [r[c_id] for r in mins[1:]] != ["C1", "C2", "C3"] or mins[1][c_upd] != "Yes" or mins[2][c_upd] != "":
            fail(f"Minutes: children {[r[c_id] for r in mins[1:]]}, needs updating {[r[c_upd] for r in mins[1:]]}")
        if mins[1][c_dec] != DECISION or mins[2][c_dec] != '=HYPERLINK("http://example.invalid")':
            fail(f"Minutes: decisions {mins[1][c_dec]!r}, {mins[2][c_dec]!r} (the second must stay text)")
acts = sheet(k, f"minutes-{base}", "Actions")
if [r[0] for r in acts[1:]] != ["C1", "C1", "C2"]:
    fail(f"minutes workbook: Actions {acts}")
meeting = " ".join(" ".join(r) for r in sheet(k, f"minutes-{base}", "Meeting"))
if AUTH not in meeting or "Jo Chair" not in meeting:
    fail(f"minutes workbook: the Meeting sheet: {meeting[:300]!r}")
no_names("minutes workbook", json.dumps(mins + acts, ensure_ascii=False) + meeting, NAMES)
check_printed(k, f"minutes-{base}", AUTH)
print("  the known meeting's papers say what was recorded")

# --- The demo's latest closed meeting ----------------------------------
if demo:
    show = json.load(open(os.path.join(demo, "show.json")))
    m = show["meeting"]
    base = f"{m['date']}-{m['kind']}"
    out = os.path.join(demo, "papers", "out")
    render = os.path.join(demo, "papers", "png")
    os.makedirs(render, exist_ok=True)
    recs = show["records"]
    check_files(out, [f"agenda-{base}.xlsx", f"agenda-{base}.pdf", f"agenda-{base}.ics", f"minutes-{base}.xlsx",
                      f"minutes-{base}.pdf"] + [f"record-{r['child_id']}-{m['date']}.pdf" for r in recs])
    auth = re.search(r"^(.*?)\s+OFFICIAL-SENSITIVE", text_pages(os.path.join(out, f"agenda-{base}.pdf"))[0])
    auth = auth.group(1) if auth else ""
    if not auth:
        fail("demo agenda: no authority before the marking")
    ids = [l["child_id"] for l in show["agenda"]]
    check_pdf(os.path.join(out, f"agenda-{base}.pdf"), auth, ["Agenda"] + [f"({i})" for i in ids], render_dir=render)
    check_pdf(os.path.join(out, f"minutes-{base}.pdf"), auth, ["Minutes"] + [f"({i})" for i in ids], render_dir=render)
    for n, r in enumerate(recs):
        check_pdf(os.path.join(out, f"record-{r['child_id']}-{m['date']}.pdf"), auth,
                  ["Permanence panel record", r["child_id"], "Date of birth"] + ([" ".join(r["decision"].split())[:40]] if r.get("decision") else []),
                  render_dir=render if n == 0 else None)
    events, raw = read_calendar(os.path.join(out, f"agenda-{base}.ics"))
    want = [f"{m['date'].replace('-', '')}T{l['time'].replace(':', '')}00" for l in show["agenda"] if l["time"]]
    if [e["start"] for e in events] != want:
        fail(f"demo calendar: starts {[e['start'] for e in events]}, want {want}")
    no_names("demo calendar", raw.decode("utf-8"), ids)
    d = os.path.join(demo, "papers")
    ag = sheet(d, f"agenda-{base}", "Agenda")
    head = next((i for i, r in enumerate(ag) if r[:2] == ["Time", "Child ID"]), None)
    if head is None or [r[1] for r in ag[head + 1:] if any(r)] != ids:
        fail(f"demo agenda workbook: children {[r[1] for r in ag[(head or 0) + 1:]]}, want {ids}")
    mins = sheet(d, f"minutes-{base}", "Minutes")
    if [r[1] for r in mins[1:]] != ids:
        fail(f"demo minutes workbook: children {[r[1] for r in mins[1:]]}, want {ids}")
    acts = sheet(d, f"minutes-{base}", "Actions")
    if len(acts) - 1 != sum(len(r.get("actions", [])) for r in recs):
        fail(f"demo minutes workbook: {len(acts) - 1} actions, want {sum(len(r.get('actions', [])) for r in recs)}")
    check_printed(d, f"agenda-{base}", auth)
    check_printed(d, f"minutes-{base}", auth)
    print(f"  the demo's meeting of {m['date']} ({m['kind']}): {len(ids)} children, {len(recs)} records, papers agree")

if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
PY
say "papers OK"
