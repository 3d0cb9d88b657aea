package tracker

import (
	"bytes"
	"fmt"
	"permanence/data"
	"permanence/data/csvin"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// headingSearchRows is how far down a sheet the heading row is looked for
// (title rows above the table are common in report exports).
const headingSearchRows = 10

// noChildIDSheet is the problem when no sheet has a child_id heading.
const noChildIDSheet = "no sheet has a child ID column: the heading row needs a column called Child ID (or ID, Person ID, LCS ID, Client ID, CHILD)"

func (t *trackerBuilder) readXLSX(b []byte) {
	if why := unpackedSizeProblem(b); why != "" {
		t.problems.Add(0, "", "", tooLarge(why))
		return
	}
	dir, removeDir := importTempDir()
	defer removeDir()
	f, err := openWorkbook(b, dir)
	if err != nil {
		t.problems.Add(0, "", "", unreadableWorkbook(err))
		return
	}
	defer f.Close()
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		t.date1904 = true
	}
	readAsDisplayed(f)
	for _, sheet := range f.GetSheetList() {
		found := t.readSheet(f, sheet)
		if t.stopped {
			return
		}
		if found {
			t.requireRows()
			return
		}
	}
	t.problems.Add(0, "", "", noChildIDSheet)
}

// openWorkbook opens a workbook that unpackedSizeProblem has passed, with
// excelize's own limits at the same bounds. Every part is held in memory
// (UnzipXMLSizeLimit is the largest part allowed), so excelize writes no
// copy of a sheet, or of its texts, to a temporary file; dir, the app's
// own folder, is where it would.
func openWorkbook(b []byte, dir string) (f *excelize.File, err error) {
	defer func() { // a damaged file is a problem to report, not a crash
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("%v", p)
		}
	}()
	return excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    maxUnpacked,
		UnzipXMLSizeLimit: maxPart,
		TmpDir:            dir,
	})
}

// unreadableWorkbook is the problem for a workbook excelize cannot open.
func unreadableWorkbook(err error) string {
	return "not a readable XLSX workbook (the file is damaged, cut short or another kind of file: " + err.Error() + ")"
}

// readSheet reads one sheet if it holds a child_id heading in its first
// rows, and reports whether it did. A bound reached sets t.stopped.
func (t *trackerBuilder) readSheet(f *excelize.File, sheet string) (found bool) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	defer func() { // a damaged sheet is a problem to report, not a crash
		if p := recover(); p != nil {
			t.problems.Add(0, "", "", unreadableWorkbook(fmt.Errorf("sheet %q: %v", sheet, p)))
			found, t.stopped = true, true
		}
	}()
	rowNum := 0
	for rowNum < headingSearchRows && rows.Next() {
		rowNum++
		cells, err := rows.Columns()
		if err != nil || !t.countCells(sheet, cells) {
			return t.stopped
		}
		if csvin.CheckCellLengths(&t.problems, rowNum, cells, nil) && t.setHeader(cells) {
			t.readRows(rows, sheet, rowNum, formulaGaps(f, sheet, t.fields))
			return true
		}
	}
	return false
}

// readRows reads the data rows below the heading row, which is row
// rowNum. gaps are the sheet's cells holding a formula with no saved
// value.
func (t *trackerBuilder) readRows(rows *excelize.Rows, sheet string, rowNum int, gaps []cellRef) {
	var kinds []cellKind
	for rows.Next() {
		rowNum++
		if rowNum > maxSheetRows {
			t.tooManyRows(sheet)
			return
		}
		if rowNum%4096 == 0 && t.ctx.Err() != nil {
			return
		}
		cells, err := rows.Columns()
		if err != nil {
			t.problems.Add(rowNum, "", "", "cannot be read: "+err.Error())
			continue
		}
		if !t.countCells(sheet, cells) {
			return
		}
		if len(cells) > len(t.headings) {
			cells = cells[:len(t.headings)]
		}
		if !csvin.CheckCellLengths(&t.problems, rowNum, cells, t.headings) {
			continue
		}
		kinds, gaps = t.cellKinds(kinds[:0], rowNum, cells, gaps)
		t.addRow(rowNum, cells, kinds)
	}
	if rows.Error() != nil { // excelize stops at a row beyond a sheet's last
		t.tooManyRows(sheet)
	}
}

// cellKinds says what each cell of row holds: a number, in a date column
// (a real date cell gives its serial number); a formula with no saved
// value, for the cells in gaps (sorted by row, then column), which it
// returns without those of this row and those before.
func (t *trackerBuilder) cellKinds(kinds []cellKind, row int, cells []string, gaps []cellRef) ([]cellKind, []cellRef) {
	for i, v := range cells {
		k := cellText
		if v != "" && i < len(t.fields) && t.fields[i] != nil && t.fields[i].Kind == data.KindDate {
			if _, err := strconv.ParseFloat(v, 64); err == nil {
				k = cellNumber
			}
		}
		kinds = append(kinds, k)
	}
	for len(gaps) > 0 && gaps[0].row <= row {
		if g := gaps[0]; g.row == row && g.col < len(kinds) && cells[g.col] == "" {
			kinds[g.col] = cellNoValue
		}
		gaps = gaps[1:]
	}
	return kinds, gaps
}

// countCells adds a row's cells (as excelize gives them, blanks before
// the last value included) to those read from the workbook, and reports
// false, with a problem, past maxCells.
func (t *trackerBuilder) countCells(sheet string, cells []string) bool {
	t.cells += len(cells)
	if t.cells <= maxCells {
		return true
	}
	t.problems.Add(0, "", "", tooLarge(fmt.Sprintf("more than %s cells, by sheet %q", thousands(maxCells), sheet)))
	t.stopped = true
	return false
}

// tooManyRows is the problem for a sheet with more rows than a
// spreadsheet can hold.
func (t *trackerBuilder) tooManyRows(sheet string) {
	t.problems.Add(0, "", "", tooLarge(fmt.Sprintf("sheet %q has more than %s rows, more than Excel can hold", sheet, thousands(maxSheetRows))))
	t.stopped = true
}
