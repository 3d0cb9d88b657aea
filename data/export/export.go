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
	note, indent                          int
	quoted                                int // text kept as text: quotePrefix
	coverKey, coverValue, coverDate       int
}

func newXLStyles(f *excelize.File) (*xlStyles, error) {
	st := &xlStyles{}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
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
		{&st.indent, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, Vertical: "top"}}},
		{&st.note, excelize.Style{Font: &excelize.Font{Family: xlFont, Italic: true, Color: colourMuted}}},
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

// xlCellWidth is the width in characters a value needs.
func xlCellWidth(v any) int {
	switch x := v.(type) {
	case nil:
		return 0
	case string:
		n := 0
		for _, line := range strings.Split(x, "\n") {
			if l := utf8.RuneCountInString(line); l > n {
				n = l
			}
		}
		return n
	case data.Date, *data.Date, time.Time:
		return 10
	case int:
		return len(strconv.Itoa(x))
	case int64:
		return len(strconv.FormatInt(x, 10))
	case int32:
		return len(strconv.FormatInt(int64(x), 10))
	case float64:
		return len(strconv.FormatFloat(x, 'f', 1, 64))
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

// xlColumnWidths sizes each column to its heading and its widest value (in
// characters, with a little padding), within sensible limits.
func xlColumnWidths(cols []ListColumn, rows [][]any, max float64) []float64 {
	ws := make([]float64, len(cols))
	for i, c := range cols {
		w := utf8.RuneCountInString(c.Heading)
		if c.Date && w < 10 {
			w = 10
		}
		ws[i] = float64(w)
	}
	for _, r := range rows {
		for i := 0; i < len(r) && i < len(ws); i++ {
			if w := float64(xlCellWidth(r[i])); w > ws[i] {
				ws[i] = w
			}
		}
	}
	for i := range ws {
		ws[i] += 3 // padding, and room for the filter button
		if ws[i] < 8 {
			ws[i] = 8
		}
		if ws[i] > max {
			ws[i] = max
		}
	}
	return ws
}

// xlList describes one list sheet of a workbook.
type xlList struct {
	name     string
	cols     []ListColumn
	rows     [][]any
	maxWidth float64         // default 50
	fixed    map[int]float64 // column (0-based) -> width, instead of sizing it
	heights  []float64       // row heights in points (0: the default), for wrapped text
	header   string          // the page header's centre text when printed
}

// xlWriteList writes a list with the stream writer: header row in the
// header style, frozen, with an AutoFilter over the whole list; columns
// sized to their content; dates as real date cells; text always as text.
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
	maxW := ls.maxWidth
	if maxW == 0 {
		maxW = 50
	}
	for i, w := range xlColumnWidths(ls.cols, ls.rows, maxW) {
		if fw, ok := ls.fixed[i]; ok {
			w = fw
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(ls.cols))
	for i, c := range ls.cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.Heading}
		if formulaLike(c.Heading) {
			head[i] = excelize.Cell{StyleID: st.quoted, Value: c.Heading}
		}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := xlStreamRows(sw, st, ls); err != nil {
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
	if err := page.apply(f, ls.name, header, false); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %q: %w", ls.name, err)
	}
	if len(ls.cols) > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: ls.name,
			RefersTo: "'" + strings.ReplaceAll(ls.name, "'", "''") + "'!$1:$1"}); err != nil {
			return fmt.Errorf("sheet %q: print titles: %w", ls.name, err)
		}
	}
	return nil
}

// xlStreamRows writes the list's rows under its header row.
func xlStreamRows(sw *excelize.StreamWriter, st *xlStyles, ls xlList) error {
	out := make([]any, len(ls.cols))
	for r, row := range ls.rows {
		for i := range out {
			out[i] = nil
			if i < len(row) {
				out[i] = st.cell(row[i])
			}
		}
		ref, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		// Rows of wrapped text are top-aligned, every cell; single-line
		// rows need no row style (which would add to every cell).
		var opts []excelize.RowOpts
		if r < len(ls.heights) {
			opts = append(opts, excelize.RowOpts{StyleID: st.top, Height: ls.heights[r]})
		}
		if err := sw.SetRow(ref, out, opts...); err != nil {
			return fmt.Errorf("sheet %q row %d: %w", ls.name, r+2, err)
		}
	}
	return nil
}

// xlPage is what every printed page carries.
type xlPage struct {
	authority string
	asOf      data.Date
	marking   string // e.g. OFFICIAL-SENSITIVE
}

// xlHeaderText escapes & for an Excel header/footer.
func xlHeaderText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// fit makes the sheet print to the page width (fitHeight: and one page
// tall). For a streamed sheet it must be called before NewStreamWriter,
// which writes the sheet's properties first.
func (p xlPage) fit(f *excelize.File, sheet string) error {
	yes := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return fmt.Errorf("sheet %q: page layout: %w", sheet, err)
	}
	return nil
}

// apply sets landscape A4 fitted to the page width (and, with oneTall,
// to one page tall), and a header and footer on every printed page.
func (p xlPage) apply(f *excelize.File, sheet, title string, oneTall bool) error {
	orient, size := "landscape", 9 // 9 = A4
	one, tall := 1, 0
	if oneTall {
		tall = 1
	}
	opts := &excelize.PageLayoutOptions{Orientation: &orient, Size: &size, FitToWidth: &one, FitToHeight: &tall}
	if err := f.SetPageLayout(sheet, opts); err != nil {
		return fmt.Errorf("sheet %q: page layout: %w", sheet, err)
	}
	left := xlHeaderText(p.authority)
	right := xlHeaderText(p.marking)
	footer := "&L" + xlHeaderText("As at "+p.asOf.UK()) + "&CPage &P of &N&R" + xlHeaderText("permanence")
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + left + "&C&B" + xlHeaderText(title) + "&R" + right,
		OddFooter: footer,
	}); err != nil {
		return fmt.Errorf("sheet %q: header: %w", sheet, err)
	}
	return nil
}

// wrappedLines estimates how many lines text takes when wrapped in a
// column of the given width (in characters of the default font), at a
// font size in points.
func wrappedLines(text string, width, size float64) int {
	if width <= 0 {
		return 1
	}
	perLine := width * 1.1 * 11 / size // text averages narrower than the digits widths are measured in
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n, line := 1, 0.0
		for _, word := range strings.Fields(para) {
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
// numbers, float64 (shown to 1 decimal place), bool or nil.
func WriteListXLSX(path, sheet string, cols []ListColumn, rows [][]any) error {
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
	if err := xlWriteList(f, st, xlList{name: name, cols: cols, rows: rows}, xlPage{asOf: data.Today(), marking: "OFFICIAL-SENSITIVE"}); err != nil {
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
