package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// ReadTrackerFile reads a tracker extract (CSV or XLSX) from disk.
func ReadTrackerFile(ctx context.Context, path string, extractDate Date) (*ExtractData, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &InputError{Problems: []Problem{{File: filepath.Base(path), Why: "cannot be read: " + plainIOError(err)}}}
	}
	return ReadTracker(ctx, filepath.Base(path), b, extractDate)
}

func plainIOError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// ReadTracker parses a tracker extract held in memory; name is the file name
// used in messages and to tell CSV from XLSX. A fatal problem returns an
// *InputError listing every problem found.
func ReadTracker(ctx context.Context, name string, b []byte, extractDate Date) (*ExtractData, error) {
	sum := sha256.Sum256(b)
	t := &trackerBuilder{
		x:        &ExtractData{Kind: KindTracker, FileName: name, SHA256: hex.EncodeToString(sum[:]), Date: extractDate},
		problems: problemList{file: name},
		seen:     map[string]int{},
		ctx:      ctx,
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		t.problems.add(0, "", "", "the file is empty")
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		t.readXLSX(b)
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		t.problems.add(0, "", "", "this is an old-style .xls workbook: open it in Excel and save it as .xlsx or CSV")
	case ext == ".xlsx" || ext == ".xlsm":
		t.problems.add(0, "", "", "not an XLSX workbook (the file is damaged or is another kind of file)")
	case bytes.IndexByte(b, 0) >= 0:
		t.problems.add(0, "", "", "not a CSV or XLSX file (it holds binary data)")
	default:
		t.readCSV(b)
	}
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	if err := t.problems.err(); err != nil {
		return nil, err
	}
	return t.x, nil
}

type trackerBuilder struct {
	x        *ExtractData
	problems problemList
	ctx      context.Context

	fields   []*Field // per column; nil for ignored columns
	headings []string
	byName   map[string]string // canonical name -> heading as written
	seen     map[string]int    // child_id -> row first seen
	idCol    int
	date1904 bool // an XLSX workbook using Excel's 1904 date system
}

// requireRows makes a file with a heading row and no children fatal: stored,
// it would become the latest extract and hide the real one.
func (t *trackerBuilder) requireRows() {
	if t.x.RowsRead == 0 && len(t.problems.list) == 0 {
		t.problems.add(0, "", "", "the file has a heading row but no children: nothing to import")
	}
}

// setHeader maps the heading row; false when it has no child_id column.
func (t *trackerBuilder) setHeader(cells []string) bool {
	t.fields = make([]*Field, len(cells))
	t.headings = make([]string, len(cells))
	t.byName = map[string]string{}
	t.idCol = -1
	used := map[string]bool{}
	var ignored []string
	for i, h := range cells {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		t.headings[i] = h
		f := FieldForHeading(h)
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

// addRow reads one data row. serial reports, for XLSX, whether a cell
// holds a number (a real date cell in a date column).
func (t *trackerBuilder) addRow(row int, cells []string, serial func(i int) bool) {
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank {
		return
	}
	t.x.RowsRead++
	var c Child
	ok := true
	for i, raw := range cells {
		if i >= len(t.fields) {
			break
		}
		f := t.fields[i]
		if f == nil {
			continue
		}
		v := strings.TrimSpace(raw)
		if v == "" {
			continue
		}
		switch f.Kind {
		case KindDate:
			var d Date
			var err error
			if serial != nil && serial(i) {
				var okSerial bool
				fv, perr := strconv.ParseFloat(v, 64)
				if t.date1904 {
					fv += 1462 // days from 1900-01-00 to 1904-01-01 in Excel's reckoning
				}
				d, okSerial = DateFromExcelSerial(fv)
				if perr != nil || !okSerial {
					err = fmt.Errorf("not a date")
				}
			} else {
				d, err = ParseDate(v)
			}
			if err != nil {
				t.problems.add(row, t.headings[i], v, "cannot be read as a date: use 31/03/2025 or 2025-03-31")
				ok = false
				continue
			}
			*f.date(&c) = d
		case KindPlan:
			p, known := ParsePlan(v)
			c.Plan, c.PlanText = p, v
			if !known {
				t.x.Warnings = append(t.x.Warnings, Warning{Row: row, Column: t.headings[i], Value: v,
					Message: "plan not recognised: counted as \"other\""})
			}
		case KindCode:
			*f.text(&c) = NormaliseCode(v)
		case KindFlag:
			switch strings.ToLower(v) {
			case "1", "y", "yes", "true":
				*f.flag(&c) = true
			case "0", "n", "no", "false":
			default:
				t.x.Warnings = append(t.x.Warnings, Warning{Row: row, Column: t.headings[i], Value: v, Message: "not yes/no: read as no"})
			}
		default:
			*f.text(&c) = v
		}
	}
	if c.ID == "" {
		t.problems.add(row, t.headings[t.idCol], "", "the child ID is empty on a row that has other values")
		return
	}
	if first, dup := t.seen[c.ID]; dup {
		t.problems.add(row, t.headings[t.idCol], c.ID, fmt.Sprintf("the same child ID is already on row %d", first))
		return
	}
	t.seen[c.ID] = row
	if !ok {
		return
	}
	// Warnings found while reading cells carry no child ID yet.
	for i := len(t.x.Warnings) - 1; i >= 0 && t.x.Warnings[i].Row == row && t.x.Warnings[i].ChildID == ""; i-- {
		t.x.Warnings[i].ChildID = c.ID
	}
	t.x.Warnings = append(t.x.Warnings, CheckChild(&c, t.x.Date, row, t.byName)...)
	t.x.Children = append(t.x.Children, c)
	t.x.Rows = append(t.x.Rows, row)
}

// decodeText returns the file as UTF-8: a BOM is dropped, and a file that
// is not valid UTF-8 is read as Windows-1252 (what Excel writes as "CSV").
func decodeText(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return b
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

// sniffDelimiter picks ',', ';' or tab from the first line.
func sniffDelimiter(b []byte) rune {
	line := b
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		line = b[:i]
	}
	best, n := ',', bytes.Count(line, []byte{','})
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

func (t *trackerBuilder) readCSV(b []byte) {
	if n := bytes.Count(b, []byte{'\n'}); n > 0 {
		t.x.Children = make([]Child, 0, n)
		t.x.Rows = make([]int, 0, n)
	}
	header := true
	readCSVRows(t.ctx, b, &t.problems, func(row int, rec []string) bool {
		if header {
			if isBlankRecord(rec) {
				return true
			}
			header = false
			if !t.setHeader(rec) {
				t.problems.add(row, "", "", "no child ID column: the heading row needs a column called Child ID (or ID, Person ID, LCS ID, Client ID, CHILD)")
				return false
			}
			return true
		}
		if checkWidth(&t.problems, row, rec, len(t.headings)) {
			t.addRow(row, rec, nil)
		}
		return true
	})
	if header {
		t.problems.add(0, "", "", "the file is empty")
		return
	}
	t.requireRows()
}

// headingSearchRows is how far down a sheet the heading row is looked for
// (title rows above the table are common in report exports).
const headingSearchRows = 10

func (t *trackerBuilder) readXLSX(b []byte) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.problems.add(0, "", "", "not a readable XLSX workbook: "+err.Error())
		return
	}
	defer f.Close()
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		t.date1904 = true
	}
	for _, sheet := range f.GetSheetList() {
		if t.readSheet(f, sheet) {
			t.requireRows()
			return
		}
	}
	t.problems.add(0, "", "", "no sheet has a child ID column: the heading row needs a column called Child ID (or ID, Person ID, LCS ID, Client ID, CHILD)")
}

// readSheet reads one sheet if it holds a child_id heading in its first
// rows, and reports whether it did.
func (t *trackerBuilder) readSheet(f *excelize.File, sheet string) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	rowNum, found := 0, false
	var isNumber []bool
	serial := func(i int) bool { return i < len(isNumber) && isNumber[i] }
	for rows.Next() {
		rowNum++
		if !found {
			if rowNum > headingSearchRows {
				return false
			}
			cells, err := rows.Columns()
			if err != nil {
				return false
			}
			if t.setHeader(cells) {
				found = true
			}
			continue
		}
		if rowNum%4096 == 0 && t.ctx.Err() != nil {
			return true
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.problems.add(rowNum, "", "", "cannot be read: "+err.Error())
			continue
		}
		// Raw values: real date cells come as serial numbers. Only date
		// columns look at this.
		isNumber = isNumber[:0]
		for i, v := range cells {
			num := false
			if i < len(t.fields) && t.fields[i] != nil && t.fields[i].Kind == KindDate && v != "" {
				_, perr := strconv.ParseFloat(v, 64)
				num = perr == nil
			}
			isNumber = append(isNumber, num)
		}
		if len(cells) > len(t.headings) {
			cells = cells[:len(t.headings)]
		}
		t.addRow(rowNum, cells, serial)
	}
	return found
}
