package tracker

import (
	"errors"
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
	zr, why, err := checkWorkbookZip(b)
	switch {
	case err != nil:
		t.problems.Add(0, "", "", unreadableWorkbook(err))
		return
	case why != "":
		t.problems.Add(0, "", "", tooLarge(why))
		return
	}
	dir, removeDir := importTempDir()
	defer removeDir()
	w, err := openWorkbook(zr, dir)
	if err != nil {
		t.workbookProblem("", err)
		return
	}
	defer w.Close()
	if props, err := w.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		t.date1904 = true
	}
	readAsDisplayed(w.File)
	for _, sheet := range w.GetSheetList() {
		found := t.readSheet(w, sheet)
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

// workbookProblem adds the problem that stops a workbook (or one of its
// sheets, when sheet is not "") being read: it is beyond the bounds, or
// damaged.
func (t *trackerBuilder) workbookProblem(sheet string, err error) {
	what := "it"
	if sheet != "" {
		what = fmt.Sprintf("sheet %q", sheet)
		err = fmt.Errorf("sheet %q: %w", sheet, err)
	}
	var se *shapeError
	if errors.As(err, &se) && se.tooLarge {
		t.problems.Add(0, "", "", tooLarge(what+" has "+se.why))
	} else {
		t.problems.Add(0, "", "", unreadableWorkbook(err))
	}
	t.stopped = true
}

// unreadableWorkbook is the problem for a workbook excelize cannot open.
func unreadableWorkbook(err error) string {
	return "not a readable XLSX workbook (the file is damaged, cut short or another kind of file: " + err.Error() + ")"
}

// readSheet reads one sheet if it holds a child_id heading in its first
// rows, and reports whether it did. A problem that stops the reading sets
// t.stopped.
func (t *trackerBuilder) readSheet(w *workbook, sheet string) (found bool) {
	part := sheetPath(w.File, sheet)
	defer w.unload(part)
	sheetXML, err := w.load(part)
	if err == nil {
		err = checkSheetShape(sheetXML)
	}
	if err != nil {
		t.workbookProblem(sheet, err)
		return false
	}
	rows, err := w.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	defer func() { // a damaged sheet is a problem to report, not a crash
		if p := recover(); p != nil {
			t.problems.Add(0, "", "", unreadableWorkbook(fmt.Errorf("reading it failed, in sheet %q: %v", sheet, p)))
			found, t.stopped = true, true
		}
	}()
	for rowNum := 1; rowNum <= headingSearchRows && rows.Next(); rowNum++ {
		cells, err := rows.Columns()
		if err != nil || !t.countCells(sheet, cells) {
			return t.stopped
		}
		if len(cells) > 0 && cells[0] == unloadedSheet {
			t.workbookProblem(sheet, errors.New("its part was not found where excelize reads it"))
			return false
		}
		if t.setHeader(cells) {
			if csvin.CheckCellLengths(&t.problems, rowNum, cells, nil) {
				t.readRows(rows, sheet, rowNum, formulaGaps(sheetXML, t.fields))
			}
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
		if !t.cellsFit(rowNum, cells) {
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
