package export

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"permanence/data"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ExportOptions are the choices a person makes when exporting a workbook.
type ExportOptions struct {
	Authority string // the authority's name for the cover, instead of the figures' Authority
	HideNames bool   // show child IDs only: no names, no social workers
	Extract   string // the extract file(s) the figures were read from, instead of the figures' Extract
}

// withFigures fills what o leaves empty from the figures: the authority's
// name and the extract the figures were read from.
func (o ExportOptions) withFigures(f *data.Figures) ExportOptions {
	if strings.TrimSpace(o.Authority) == "" {
		o.Authority = f.Authority
	}
	if strings.TrimSpace(o.Extract) == "" {
		o.Extract = f.Extract
	}
	return o
}

// ListColumn is one column of a list as shown on screen.
type ListColumn struct {
	Heading string
	Date    bool // the column's values are data.Date (written as real date cells)
}

// Colours of the workbooks: a dark blue header band and Excel's own
// Good/Neutral/Bad fills for green, amber and red, so the status word and
// its colour always agree (the word is always written: colour is never the
// only signal).
const (
	colourHeader    = "1F4E79"
	colourHeaderInk = "FFFFFF"
	colourGreen     = "C6EFCE"
	colourGreenInk  = "006100"
	colourAmber     = "FFEB9C"
	colourAmberInk  = "9C5700"
	colourRed       = "FFC7CE"
	colourRedInk    = "9C0006"
	colourMuted     = "595959"
	colourBand      = "DDEBF7"
)

// xlFont is the workbook's font (Excel's default; LibreOffice shows the
// metric-compatible Carlito).
const xlFont = "Calibri"

// ukDateFormat is the number format of every date cell.
const ukDateFormat = "dd/mm/yyyy"

// xlStyles holds the style IDs a workbook uses.
type xlStyles struct {
	header, title, subtitle, label, group int
	date, weeks, wrap, top                int
	green, amber, red                     int // status cells
	redInt, redWeeks                      int // figures over a threshold
	note, noteWrap                        int
	listHead, listHeadNum                 int // a list's headings: over text, over figures
	text, textWrap                        int // a list's text columns
	quoted                                int // text kept as text: quotePrefix
	coverKey, coverValue, coverDate       int
}

func newXLStyles(f *excelize.File) (*xlStyles, error) {
	st := &xlStyles{}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	headRule := []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1}}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	dateFmt, weeksFmt, intFmt := ukDateFormat, "0.0", "0"
	top := &excelize.Alignment{Vertical: "top"}
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourHeaderInk}, Fill: fill(colourHeader),
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.title, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Size: 18, Color: colourHeader}}},
		{&st.subtitle, excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 12, Color: colourMuted}}},
		{&st.label, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.group, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourHeader}, Fill: fill(colourBand), Border: border}},
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&st.weeks, excelize.Style{CustomNumFmt: &weeksFmt, Alignment: top}},
		{&st.top, excelize.Style{Alignment: top}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.green, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourGreenInk}, Fill: fill(colourGreen), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&st.amber, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourAmberInk}, Fill: fill(colourAmber), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&st.red, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourRedInk}, Fill: fill(colourRed), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&st.redInt, excelize.Style{Font: &excelize.Font{Family: xlFont, Color: colourRedInk}, Fill: fill(colourRed), CustomNumFmt: &intFmt, Alignment: top}},
		{&st.redWeeks, excelize.Style{Font: &excelize.Font{Family: xlFont, Color: colourRedInk}, Fill: fill(colourRed), CustomNumFmt: &weeksFmt, Alignment: top}},
		// A list's headings wrap at their words; a white rule between
		// them keeps two headings that fill their columns apart.
		{&st.listHead, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourHeaderInk}, Fill: fill(colourHeader),
			Border: headRule, Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, Vertical: "bottom", WrapText: true}}},
		{&st.listHeadNum, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourHeaderInk}, Fill: fill(colourHeader),
			Border: headRule, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "bottom", WrapText: true}}},
		{&st.text, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, Vertical: "top"}}},
		{&st.textWrap, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, Vertical: "top", WrapText: true}}},
		{&st.note, excelize.Style{Font: &excelize.Font{Family: xlFont, Italic: true, Color: colourMuted}}},
		{&st.noteWrap, excelize.Style{Font: &excelize.Font{Family: xlFont, Italic: true, Color: colourMuted},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.coverKey, excelize.Style{Font: &excelize.Font{Family: xlFont, Bold: true, Color: colourMuted}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.coverValue, excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 12}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&st.coverDate, excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 12}, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		// Created last, and unlike any other, so that no later NewStyle
		// call is handed this one back by excelize's de-duplication.
		{&st.quoted, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "general", Indent: 0, ShrinkToFit: false, JustifyLastLine: true}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, fmt.Errorf("create a cell style: %w", err)
		}
		*d.id = id
	}
	// quotePrefix marks the cell's text as typed with a leading apostrophe:
	// Excel keeps it as text even when someone edits the cell and presses
	// Enter, so text such as "=HYPERLINK(...)" can never become a formula.
	if f.Styles != nil && f.Styles.CellXfs != nil && st.quoted < len(f.Styles.CellXfs.Xf) {
		yes := true
		f.Styles.CellXfs.Xf[st.quoted].QuotePrefix = &yes
	}
	return st, nil
}

// formulaLike reports whether a text would be read as a formula (or a DDE
// payload) by a spreadsheet if typed in: it begins with =, +, -, @, a tab
// or a carriage return.
func formulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// CSVSafe returns s as it should appear in a CSV cell: text a spreadsheet
// would read as a formula is prefixed with an apostrophe.
func CSVSafe(s string) string {
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

// cell turns one value of a list into what the stream writer should write:
// text stays text (risky text with the quote-prefix style), dates become
// date cells with the UK format, zero dates and nils stay blank. It never
// produces a formula.
func (st *xlStyles) cell(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if x == "" {
			return nil
		}
		if formulaLike(x) {
			return excelize.Cell{StyleID: st.quoted, Value: x}
		}
		return x
	case data.Date:
		if x.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: st.date, Value: x.ExcelSerial()}
	case *data.Date:
		if x == nil {
			return nil
		}
		return st.cell(*x)
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return st.cell(data.DateOf(x))
	case int:
		return x
	case int64:
		return x
	case int32:
		return int64(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return excelize.Cell{StyleID: st.weeks, Value: x}
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	case excelize.Cell:
		if s, ok := x.Value.(string); ok && formulaLike(s) && x.StyleID == 0 {
			x.StyleID = st.quoted
		}
		if x.Formula != "" {
			x.Formula = "" // never: the exports write values only
		}
		if d, ok := x.Value.(data.Date); ok {
			if d.IsZero() {
				return nil
			}
			x.Value = d.ExcelSerial()
		}
		return x
	case fmt.Stringer:
		return st.cell(x.String())
	default:
		return st.cell(fmt.Sprint(x))
	}
}

// xlCellWidth is the width in characters a value needs. It allocates
// nothing for text and numbers: it runs over every cell of every list.
func xlCellWidth(v any) int {
	switch x := v.(type) {
	case nil:
		return 0
	case string:
		n := 0
		for x != "" {
			line, rest, _ := strings.Cut(x, "\n")
			n = max(n, utf8.RuneCountInString(line))
			x = rest
		}
		return n
	case data.Date, *data.Date, time.Time:
		return 10
	case int:
		return intWidth(int64(x))
	case int64:
		return intWidth(x)
	case int32:
		return intWidth(int64(x))
	case float64:
		var buf [32]byte
		return len(strconv.AppendFloat(buf[:0], x, 'f', 1, 64))
	case bool:
		return 3
	case excelize.Cell:
		return xlCellWidth(x.Value)
	case fmt.Stringer:
		return utf8.RuneCountInString(x.String())
	default:
		return utf8.RuneCountInString(fmt.Sprint(x))
	}
}

// intWidth is how many characters n takes written out.
func intWidth(n int64) int {
	var buf [24]byte
	return len(strconv.AppendInt(buf[:0], n, 10))
}

// xlList describes one list sheet of a workbook.
type xlList struct {
	name     string
	cols     []ListColumn
	rows     [][]any
	maxWidth float64 // the widest a column is made (default 50)
	print    int     // how many of the first columns are printed (0: all)
	header   string  // the page header's centre text when printed
}

// printFirst puts the columns with these headings first, in this order,
// and prints only them: the others follow, for the screen. A heading the
// list does not have (a name, with names hidden) is passed over.
func (ls *xlList) printFirst(headings ...string) {
	at := map[string]int{}
	for i, c := range ls.cols {
		at[c.Heading] = i
	}
	var order []int
	taken := map[int]bool{}
	for _, h := range headings {
		if i, ok := at[h]; ok && !taken[i] {
			order, taken[i] = append(order, i), true
		}
	}
	ls.print = len(order)
	for i := range ls.cols {
		if !taken[i] {
			order = append(order, i)
		}
	}
	cols := make([]ListColumn, len(order))
	for j, i := range order {
		cols[j] = ls.cols[i]
	}
	ls.cols = cols
	for r, row := range ls.rows {
		out := make([]any, len(order))
		for j, i := range order {
			if i < len(row) {
				out[j] = row[i]
			}
		}
		ls.rows[r] = out
	}
}

// listLayout is how a list's columns are laid out: widths, which text
// columns wrap, and how many pages wide it prints.
type listLayout struct {
	fits      []colFit
	widths    []float64
	wrap      []bool
	printed   int
	pagesWide int
}

// layout sizes the list's columns: each to its content (within maxWidth),
// and the printed ones narrowed, wrapping text and headings, until they fit
// the page's width at printAimPt. A list too wide even so (a screen's list
// with many columns) prints on as many pages wide as keep it readable.
func (ls xlList) layout() listLayout {
	maxW := ls.maxWidth
	if maxW == 0 {
		maxW = 50
	}
	fits := listFits(ls.cols, ls.rows, maxW)
	n := ls.print
	if n <= 0 || n > len(fits) {
		n = len(fits)
	}
	l := listLayout{fits: fits, widths: make([]float64, len(fits)), wrap: make([]bool, len(fits)), printed: n, pagesWide: 1}
	for i, f := range fits {
		l.widths[i] = f.want
	}
	printed := fitWidths(fits[:n], printWidthFor(printAimPt))
	if printedPt(printed) >= printLeastPt {
		copy(l.widths, printed)
	} else {
		l.pagesWide = pagesWideFor(l.widths[:n])
	}
	// A printed text column narrower than its text wraps it; one on screen
	// only is left as it was (overflowing, or cut short at its cap) so that
	// it never makes the printed rows taller.
	for i, f := range fits[:n] {
		l.wrap[i] = f.kind == kindText && l.widths[i] < f.full
	}
	return l
}

// xlWriteList writes a list with the stream writer: header row in the
// header style, frozen, repeated on every printed page, with an AutoFilter
// over the whole list; columns laid out by layout; dates as real date
// cells; text always as text.
func xlWriteList(f *excelize.File, st *xlStyles, ls xlList, page xlPage) error {
	if _, err := f.NewSheet(ls.name); err != nil {
		return fmt.Errorf("add sheet %q: %w", ls.name, err)
	}
	if err := page.fit(f, ls.name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(ls.name)
	if err != nil {
		return fmt.Errorf("sheet %q: %w", ls.name, err)
	}
	l := ls.layout()
	for i, w := range l.widths {
		style := st.top
		if l.fits[i].kind == kindText {
			style = st.text
			if l.wrap[i] {
				style = st.textWrap
			}
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
		if err := sw.SetColStyle(i+1, i+1, style); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", listHeading(st, ls, l), excelize.RowOpts{Height: listHeadingHeight(ls, l)}); err != nil {
		return err
	}
	if err := xlStreamRows(sw, st, ls, l); err != nil {
		return err
	}
	if len(ls.cols) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(ls.cols), len(ls.rows)+1)
		// The filter lives in the worksheet's own fields, which the stream
		// writer emits when it is flushed.
		if err := f.AutoFilter(ls.name, "A1:"+last, nil); err != nil {
			return fmt.Errorf("sheet %q: filter: %w", ls.name, err)
		}
	}
	header := ls.header
	if header == "" {
		header = ls.name
	}
	if err := page.apply(f, ls.name, printSetup{title: header, lastCol: l.printed, lastRow: len(ls.rows) + 1,
		titleRows: [2]int{1, 1}, titleCol: l.pagesWide > 1, pagesWide: l.pagesWide}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %q: %w", ls.name, err)
	}
	return nil
}

// listHeading is the list's header row: text headings left, over the
// text's indent; number and date headings right, over their figures.
func listHeading(st *xlStyles, ls xlList, l listLayout) []any {
	head := make([]any, len(ls.cols))
	for i, c := range ls.cols {
		style := st.listHead
		if l.fits[i].kind != kindText {
			style = st.listHeadNum
		}
		if formulaLike(c.Heading) {
			style = st.quoted
		}
		head[i] = excelize.Cell{StyleID: style, Value: c.Heading}
	}
	return head
}

// listHeadingHeight is the header row's height: its headings wrapped at
// their words in their columns.
func listHeadingHeight(ls xlList, l listLayout) float64 {
	lines := 1
	for i, c := range ls.cols {
		lines = max(lines, listLines(c.Heading, l.widths[i], padOf(l.fits[i].kind), true))
	}
	return max(lineHeight(lines, bodyPt)+2, 20)
}

// xlStreamRows writes the list's rows under its header row, each row of
// wrapped text tall enough to show it whole.
func xlStreamRows(sw *excelize.StreamWriter, st *xlStyles, ls xlList, l listLayout) error {
	var wrapped []int
	for i, w := range l.wrap {
		if w {
			wrapped = append(wrapped, i)
		}
	}
	out := make([]any, len(ls.cols))
	for r, row := range ls.rows {
		lines := 1
		for i := range out {
			out[i] = nil
			if i < len(row) {
				out[i] = st.cell(row[i])
			}
		}
		for _, i := range wrapped {
			if i < len(row) {
				if s := listText(row[i]); s != "" {
					lines = max(lines, listLines(s, l.widths[i], padText, false))
				}
			}
		}
		ref, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		opts := noOpts
		if lines > 1 {
			opts = []excelize.RowOpts{{Height: lineHeight(lines, bodyPt)}}
		}
		if err := sw.SetRow(ref, out, opts...); err != nil {
			return fmt.Errorf("sheet %q row %d: %w", ls.name, r+2, err)
		}
	}
	return nil
}

// noOpts are a row's options when it needs none.
var noOpts []excelize.RowOpts

// listText is the text of a list's value, "" for anything else.
func listText(v any) string {
	if c, ok := v.(excelize.Cell); ok {
		v = c.Value
	}
	s, _ := v.(string)
	return s
}

// WrappedLines estimates how many lines text takes when wrapped in a
// column of the given width (in characters of the default font), at a
// font size in points; a word longer than a line takes more than one.
func WrappedLines(text string, width, size float64) int {
	if width <= 0 {
		return 1
	}
	perLine := width * 1.1 * 11 / size // text averages narrower than the digits widths are measured in
	if float64(utf8.RuneCountInString(text)) <= perLine && !strings.Contains(text, "\n") {
		return 1
	}
	lines := 0
	for para := range strings.SplitSeq(text, "\n") {
		n, line := 1, 0.0
		for word := range strings.FieldsSeq(para) {
			w := float64(utf8.RuneCountInString(word))
			switch {
			case line == 0:
				line = w
			case line+1+w <= perLine:
				line += 1 + w
			default:
				n++
				line = w
			}
			for line > perLine { // a word longer than the line breaks
				n++
				line -= perLine
			}
		}
		lines += n
	}
	return max(lines, 1)
}

// lineHeight is the row height in points for lines of text at a size.
func lineHeight(lines int, size float64) float64 {
	return float64(lines)*size*1.32 + 2
}

// xlNewWorkbook starts a workbook whose first sheet is called first.
func xlNewWorkbook(first string) (*excelize.File, *xlStyles, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		f.Close()
		return nil, nil, err
	}
	st, err := newXLStyles(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// xlSave writes f to path safely: to a temporary file in the same
// folder (created 0600), then renamed over path, so a reader never sees a
// half-written workbook and the file is never readable by others.
func xlSave(f *excelize.File, path string) error {
	return WritePrivateFile(path, func(w io.Writer) error {
		if err := f.Write(w); err != nil {
			return fmt.Errorf("write the workbook: %w", err)
		}
		return nil
	})
}

// WritePrivateFile creates path readable by the user alone (0600) from
// what write puts in a temporary file beside it, synced to disk and
// renamed into place once complete: a reader never sees half a file, and a
// failure leaves nothing behind. Every file the app and the CLI write goes
// through it.
//
// On Windows the mode means nothing but "not read-only": who may read the
// file is decided by the access list it inherits from its folder. Files in
// the user's profile (Documents, Desktop, AppData) are readable by the user,
// SYSTEM and administrators only, as Windows sets the profile up; a file
// saved to a shared drive is readable by whoever may read that folder.
func WritePrivateFile(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	removeStaleTemps(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w", dir, err)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("set permissions on %s: %w", path, err)
	}
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Chmod(name, 0o600); err != nil {
		return fmt.Errorf("set permissions on %s: %w", path, err)
	}
	if err = os.Rename(name, path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// xlSheetName makes s a valid, unique-enough worksheet name: at most 31
// characters, none of []:*?/\ and not starting or ending with '.
func xlSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "'")
	if s == "" {
		s = "List"
	}
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	return s
}

// WriteListXLSX writes any list on screen (the columns shown, the filters
// applied) as a one-sheet workbook: header row frozen and filtered,
// columns sized to their content, dates as UK date cells, text as text.
// Date columns take data.Date values; other cells may be text, whole
// numbers, float64 (shown to 1 decimal place), bool or nil. It prints
// like the packs' lists, marked OFFICIAL-SENSITIVE and dated today: see
// WriteListXLSXFor to name the authority and the list's as-at date.
func WriteListXLSX(path, sheet string, cols []ListColumn, rows [][]any) error {
	return WriteListXLSXFor(path, sheet, cols, rows, ListPage{})
}

// ListPage is what every printed page of a list says besides the list:
// the authority (top left), the date the list is as at (bottom left; today
// when not set) and the handling marking (OFFICIAL-SENSITIVE when not
// set), top and bottom right.
type ListPage struct {
	Authority string
	AsOf      data.Date
	Marking   string
	Context   string // the period and the children shown ("period 1 Apr 2025 to 31 Mar 2026 · Team: North")
}

// WriteListXLSXFor is WriteListXLSX with the printed pages' authority,
// as-at date and marking.
func WriteListXLSXFor(path, sheet string, cols []ListColumn, rows [][]any, pg ListPage) error {
	if len(cols) == 0 {
		return errors.New("the list has no columns to export")
	}
	name := xlSheetName(sheet)
	// The list streams into the workbook's first sheet: nothing may read a
	// streamed sheet back afterwards (SetActiveSheet, DeleteSheet would
	// parse it all into memory again).
	f, st, err := xlNewWorkbook(name)
	if err != nil {
		return err
	}
	defer f.Close()
	page := xlPage{authority: pg.Authority, asOf: pg.AsOf, marking: textOr(pg.Marking, "OFFICIAL-SENSITIVE"), context: pg.Context}
	if page.asOf.IsZero() {
		page.asOf = data.Today()
	}
	if err := xlWriteList(f, st, xlList{name: name, cols: cols, rows: rows}, page); err != nil {
		return err
	}
	return xlSave(f, path)
}

// WriteListCSV writes any list on screen as CSV (UTF-8 with a byte order
// mark so Excel reads accents correctly, CRLF line ends): dates as
// dd/mm/yyyy, and text a spreadsheet would take for a formula prefixed
// with an apostrophe.
func WriteListCSV(path string, cols []ListColumn, rows [][]any) error {
	if len(cols) == 0 {
		return errors.New("the list has no columns to export")
	}
	return WritePrivateFile(path, func(file io.Writer) error {
		bw := bufio.NewWriter(file)
		bw.WriteString("\ufeff")
		w := csv.NewWriter(bw)
		w.UseCRLF = true
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = CSVSafe(c.Heading)
		}
		if err := w.Write(rec); err != nil {
			return err
		}
		for _, row := range rows {
			for i := range rec {
				rec[i] = ""
				if i < len(row) {
					rec[i] = listCSVText(row[i])
				}
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
		return bw.Flush()
	})
}

// listCSVText formats one list value for CSV. Only text is guarded: a number
// such as -3 stays a number.
func listCSVText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return CSVSafe(x)
	case data.Date:
		return x.UK()
	case *data.Date:
		if x == nil {
			return ""
		}
		return x.UK()
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return data.DateOf(x).UK()
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'f', 1, 64)
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	case excelize.Cell:
		return listCSVText(x.Value)
	case fmt.Stringer:
		return CSVSafe(x.String())
	default:
		return CSVSafe(fmt.Sprint(x))
	}
}

// removeStaleTemps removes what an earlier write of path left behind when
// it was killed: its temporary files, over a minute old.
func removeStaleTemps(path string) {
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+globEscape(filepath.Base(path))+".*.tmp"))
	for _, name := range old {
		if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() && time.Since(st.ModTime()) > time.Minute {
			os.Remove(name)
		}
	}
}

// globEscape quotes the characters filepath.Match treats as patterns.
func globEscape(s string) string {
	return strings.NewReplacer("*", "[*]", "?", "[?]", "[", "[[]", `\`, `\\`).Replace(s)
}
