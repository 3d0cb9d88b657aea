package tracker

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/csvin"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ReadTrackerFile reads a tracker extract (CSV or XLSX) from disk.
func ReadTrackerFile(ctx context.Context, path string, extractDate data.Date) (*data.ExtractData, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &data.InputError{Problems: []data.Problem{{File: filepath.Base(path), Why: "cannot be read: " + data.IOReason(err)}}}
	}
	return ReadTracker(ctx, filepath.Base(path), b, extractDate)
}

// ReadTracker parses a tracker extract held in memory; name is the file name
// used in messages and to tell CSV from XLSX. A fatal problem returns an
// *InputError listing every problem found.
func ReadTracker(ctx context.Context, name string, b []byte, extractDate data.Date) (*data.ExtractData, error) {
	// The hash, which the store uses to spot the same file imported twice,
	// is worked out beside the parse.
	sum := make(chan [sha256.Size]byte, 1)
	go func() { sum <- sha256.Sum256(b) }()
	t := &trackerBuilder{
		x:        &data.ExtractData{Kind: data.KindTracker, FileName: name, Date: extractDate},
		problems: csvin.Problems{File: name},
		seen:     map[string]int{},
		ctx:      ctx,
	}
	t.read(name, b)
	t.x.Warnings = t.check.warnings(t.x, t.x.Warnings)
	h := <-sum
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	if err := t.problems.Err(); err != nil {
		return nil, err
	}
	t.x.SHA256 = hex.EncodeToString(h[:])
	return t.x, nil
}

// read reads the file b, whichever kind it is.
func (t *trackerBuilder) read(name string, b []byte) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		t.problems.Add(0, "", "", "the file is empty")
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		t.readXLSX(b)
	case bytes.HasPrefix(b, cfbSignature) && encryptedOOXML(b):
		t.problems.Add(0, "", "", "the workbook is protected by a password, so it cannot be read: open it in Excel, "+
			"clear the password (File > Info > Protect Workbook > Encrypt with Password, delete it, OK) and save a copy without one, then import that copy")
	case bytes.HasPrefix(b, cfbSignature[:4]):
		t.problems.Add(0, "", "", "this is an old-style .xls workbook: open it in Excel and save it as .xlsx or CSV")
	case ext == ".xlsx" || ext == ".xlsm":
		t.problems.Add(0, "", "", "not an XLSX workbook (the file is damaged or is another kind of file)")
	case csvin.IsUTF16(b): // Excel's "Unicode Text", or a CSV saved as UTF-16
		t.readCSV(b)
	case bytes.IndexByte(b, 0) >= 0:
		t.problems.Add(0, "", "", "not a CSV or XLSX file (it holds binary data)")
	default:
		t.readCSV(b)
	}
}

type trackerBuilder struct {
	x        *data.ExtractData
	problems csvin.Problems
	ctx      context.Context

	fields   []*data.Field // per column; nil for ignored columns
	headings []string
	byName   map[string]string // canonical name -> heading as written
	seen     map[string]int    // child_id -> row first seen
	plans    map[string]planRead
	check    checker // data.CheckChild on the children read so far
	idCol    int
	date1904 bool // an XLSX workbook using Excel's 1904 date system
	cells    int  // XLSX cells read so far, against maxCells
	stopped  bool // an XLSX bound was reached: nothing more is read
}

// cellKind is what an XLSX cell holds, as far as the reader cares.
type cellKind uint8

const (
	cellText    cellKind = iota
	cellNumber           // a number: in a date column, a date serial
	cellNoValue          // a formula with no saved value
)

// maxChildIDLength is the longest child ID, in characters, the reader
// accepts (the importer checks it again): case and person IDs are a few
// characters; a longer "ID" is another column, or a broken file.
const maxChildIDLength = 100

// noValueWarning is the warning on a cell holding a formula that was
// never calculated: the file has no value to read.
const noValueWarning = "a formula with no saved value: open the file in Excel, let it calculate and save it again"

// planRead is data.ParsePlan's answer for one plan text, kept so that each
// distinct text in a file is matched once.
type planRead struct {
	plan  data.Plan
	known bool
}

// maxPlanTexts bounds the plan texts remembered for one file: a tracker
// has a handful; a file with a different text on every row is still read,
// just without the memo.
const maxPlanTexts = 256

// requireRows makes a file with a heading row and no children fatal: stored,
// it would become the latest extract and hide the real one.
func (t *trackerBuilder) requireRows() {
	if t.x.RowsRead == 0 && t.problems.Len() == 0 {
		t.problems.Add(0, "", "", "the file has a heading row but no children: nothing to import")
	}
}

// setHeader maps the heading row; false when it has no child_id column.
func (t *trackerBuilder) setHeader(cells []string) bool {
	t.fields = make([]*data.Field, len(cells))
	t.headings = make([]string, len(cells))
	t.byName = map[string]string{}
	t.idCol = -1
	used := map[string]bool{}
	var ignored []string
	for i, h := range cells {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		t.headings[i] = h
		f := data.FieldForHeading(h)
		if f == nil || used[f.Name] {
			if h != "" {
				ignored = append(ignored, h)
			}
			continue
		}
		used[f.Name] = true
		t.fields[i] = f
		t.byName[f.Name] = h
		if f.Name == "child_id" {
			t.idCol = i
		}
	}
	t.x.IgnoredColumns = ignored
	return t.idCol >= 0
}

// addRow reads one data row. kinds, for XLSX, says what each cell holds
// (a number, a formula with no saved value); it is nil for CSV.
func (t *trackerBuilder) addRow(row int, cells []string, kinds []cellKind) {
	if csvin.IsBlank(cells) {
		return
	}
	t.x.RowsRead++
	// The child is read in place at the end of Children, and dropped again
	// if the row cannot be imported.
	n := len(t.x.Children)
	t.x.Children = append(t.x.Children, data.Child{})
	c := &t.x.Children[n]
	ok := true
	for i, raw := range cells[:min(len(cells), len(t.fields))] {
		f := t.fields[i]
		if f == nil {
			continue
		}
		kind := cellText
		if i < len(kinds) {
			kind = kinds[i]
		}
		if v := csvin.TrimCell(raw); v != "" {
			ok = t.setCell(c, row, i, f, v, kind == cellNumber) && ok
		} else if kind == cellNoValue && i != t.idCol {
			t.x.Warnings = append(t.x.Warnings, data.Warning{Row: row, Column: t.headings[i], Message: noValueWarning})
		}
	}
	idNoValue := t.idCol < len(kinds) && kinds[t.idCol] == cellNoValue
	if !t.checkID(row, c.ID, idNoValue) || !ok {
		t.x.Children = t.x.Children[:n]
		return
	}
	// Warnings found while reading cells carry no child ID yet.
	for i := len(t.x.Warnings) - 1; i >= 0 && t.x.Warnings[i].Row == row && t.x.Warnings[i].ChildID == ""; i-- {
		t.x.Warnings[i].ChildID = c.ID
	}
	t.x.Rows = append(t.x.Rows, row)
	if t.check.batches == nil { // the headings are final once a child is read
		t.check.start(t.x.Date, t.byName)
	}
	t.check.accepted(t.x)
}

// cellsFit checks a record's cells against csvin.MaxCellChars (with a
// problem for each cell over it), but for the child ID's, which checkID
// bounds far lower and words better.
func (t *trackerBuilder) cellsFit(row int, rec []string) bool {
	if t.headings == nil || t.idCol >= len(rec) {
		return csvin.CheckCellLengths(&t.problems, row, rec, t.headings)
	}
	id := rec[t.idCol]
	rec[t.idCol] = ""
	fits := csvin.CheckCellLengths(&t.problems, row, rec, t.headings)
	rec[t.idCol] = id
	return fits
}

// checkID notes the row's child ID, and reports false (with a problem)
// when it is empty (noValue: a formula with no saved value), too long or
// already on an earlier row.
func (t *trackerBuilder) checkID(row int, id string, noValue bool) bool {
	switch {
	case id == "" && noValue:
		t.problems.Add(row, t.headings[t.idCol], "", "the child ID is "+noValueWarning)
		return false
	case id == "":
		t.problems.Add(row, t.headings[t.idCol], "", "the child ID is empty on a row that has other values")
		return false
	case len(id) > maxChildIDLength && utf8.RuneCountInString(id) > maxChildIDLength: // bytes: at least as many as characters
		t.problems.Add(row, t.headings[t.idCol], csvin.Shorten(id, 40), fmt.Sprintf(
			"a child ID of %d characters is too long (at most %d): check that the child ID column holds the case or person ID", utf8.RuneCountInString(id), maxChildIDLength))
		return false
	}
	if first, dup := t.seen[id]; dup {
		t.problems.Add(row, t.headings[t.idCol], id, fmt.Sprintf("the same child ID is already on row %d", first))
		return false
	}
	t.seen[id] = row
	return true
}

// setCell reads the non-empty, trimmed value v of column i into c, and
// reports false when the row cannot be imported (a date that cannot be
// read). serial says the cell is an XLSX number.
func (t *trackerBuilder) setCell(c *data.Child, row, i int, f *data.Field, v string, serial bool) bool {
	switch f.Kind {
	case data.KindDate:
		d, err := t.readDate(v, serial)
		if err != nil {
			t.problems.Add(row, t.headings[i], v, "cannot be read as a date: use 31/03/2025 or 2025-03-31")
			return false
		}
		*f.Date(c) = d
	case data.KindPlan:
		p := t.readPlan(v)
		c.Plan, c.PlanText = p.plan, v
		if !p.known {
			t.x.Warnings = append(t.x.Warnings, data.Warning{Row: row, Column: t.headings[i], Value: v,
				Message: "plan not recognised: counted as \"other\""})
		}
	case data.KindCode:
		*f.Text(c) = data.NormaliseCode(v)
	case data.KindFlag:
		switch strings.ToLower(v) {
		case "1", "y", "yes", "true":
			*f.Flag(c) = true
		case "0", "n", "no", "false":
		default:
			t.x.Warnings = append(t.x.Warnings, data.Warning{Row: row, Column: t.headings[i], Value: v, Message: "not yes/no: read as no"})
		}
	default:
		*f.Text(c) = v
	}
	return true
}

// readDate reads a date cell: an XLSX serial number (serial), or text.
func (t *trackerBuilder) readDate(v string, serial bool) (data.Date, error) {
	if !serial {
		return cellDate(v)
	}
	fv, err := strconv.ParseFloat(v, 64)
	if t.date1904 {
		fv += 1462 // days from 1900-01-00 to 1904-01-01 in Excel's reckoning
	}
	d, ok := data.DateFromExcelSerial(fv)
	if err != nil || !ok {
		return data.NoDate, errNotDate
	}
	return d, nil
}

// errNotDate is readDate's error; the problem a person sees is worded by
// setCell.
var errNotDate = errors.New("not a date")

// cellDate is data.ParseDate for a trimmed, non-empty cell, with the two
// forms nearly every extract uses, 2025-03-31 and 31/03/2025, read
// directly; they give exactly what ParseDate gives.
func cellDate(v string) (data.Date, error) {
	if len(v) != 10 {
		return data.ParseDate(v)
	}
	var y, m, d int
	switch {
	case v[4] == '-' && v[7] == '-':
		y, m, d = digits(v[0:4]), digits(v[5:7]), digits(v[8:10])
	case v[2] == '/' && v[5] == '/':
		d, m, y = digits(v[0:2]), digits(v[3:5]), digits(v[6:10])
	default:
		return data.ParseDate(v)
	}
	if !data.ValidDate(y, m, d) { // a non-digit makes a part -1
		return data.NoDate, errNotDate
	}
	return newDate(y, m, d), nil
}

// yearStarts holds 1 January of the years 1900 to 2099, so that a valid
// date in them is its year's start plus its day of the year.
var yearStarts = func() (starts [200]data.Date) {
	for i := range starts {
		starts[i] = data.NewDate(1900+i, 1, 1)
	}
	return starts
}()

// daysBefore is the number of days in a common year before month m.
var daysBefore = [13]int{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// newDate is data.NewDate for a valid date, from yearStarts when it can.
func newDate(y, m, d int) data.Date {
	if y < 1900 || y >= 2100 {
		return data.NewDate(y, m, d)
	}
	day := daysBefore[m] + d - 1
	if m > 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		day++
	}
	return yearStarts[y-1900].AddDays(day)
}

// digits reads a short run of ASCII digits; anything else gives -1.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// readPlan is data.ParsePlan(v), matched once per distinct text.
func (t *trackerBuilder) readPlan(v string) planRead {
	if p, ok := t.plans[v]; ok {
		return p
	}
	var p planRead
	p.plan, p.known = data.ParsePlan(v)
	if t.plans == nil {
		t.plans = map[string]planRead{}
	}
	if len(t.plans) < maxPlanTexts {
		t.plans[v] = p
	}
	return p
}

func (t *trackerBuilder) readCSV(b []byte) {
	if n := bytes.Count(b, []byte{'\n'}); n > 0 {
		t.x.Children = make([]data.Child, 0, n)
		t.x.Rows = make([]int, 0, n)
		t.seen = make(map[string]int, n)
	}
	header := true
	csvin.ReadRows(t.ctx, b, &t.problems, func(row int, rec []string) bool {
		fits := t.cellsFit(row, rec)
		if header {
			if csvin.IsBlank(rec) {
				return true
			}
			header = false
			if !fits {
				return false
			}
			if !t.setHeader(rec) {
				t.problems.Add(row, "", "", "no child ID column: the heading row needs a column called Child ID (or ID, Person ID, LCS ID, Client ID, CHILD)")
				return false
			}
			return true
		}
		if fits && csvin.CheckWidth(&t.problems, row, rec, len(t.headings)) {
			t.addRow(row, rec, nil)
		}
		return true
	})
	if header {
		t.problems.Add(0, "", "", "the file is empty")
		return
	}
	t.requireRows()
}
