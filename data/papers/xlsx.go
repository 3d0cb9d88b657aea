package papers

// The workbooks: the agenda (one sheet) and the minutes (the meeting, one
// row per child, the actions). They follow the app's other workbooks (see
// data/export): Calibri 11, a dark blue header row, dates as real date
// cells shown dd/mm/yyyy, text that a spreadsheet would take for a formula
// kept as text, and every sheet printing on A4 landscape, fitted to the
// width (on more pages across, the first columns repeated, when a sheet
// is too wide to print at 9 pt on one), its header row repeated on every
// page, a print area, and the authority, the sheet, the marking and
// "Page X of Y" in its header and footer.

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"permanence/data"
	"permanence/data/export"
)

const (
	xlFont         = "Calibri"
	xlBodyPt       = 11
	xlHeadColour   = "1F4E79"
	xlMutedColour  = "595959"
	xlWarnColour   = "9C0006"
	xlMaxCellChars = 32767 // Excel's limit for a cell's text
	// xlPageChars is how many characters of column width print on an A4
	// landscape page at 9 pt: 277 mm (785.2 pt) between 1 cm margins, a
	// character of column width 5.58 pt at 11 pt, so 785.2 × 11 / 9 /
	// 5.58 = 172 (data/export's arithmetic).
	xlPageChars = 172
)

// xlCol is one column of a sheet's table: heading, width in characters,
// and whether its text wraps.
type xlCol struct {
	head string
	w    float64
	wrap bool
}

// book is a workbook being made.
type book struct {
	f         *excelize.File
	authority string
	footer    string // the printed footer's left: the meeting
	styles    struct {
		title, subtitle, key, value, valueDate, head, text, wrap, date, num, warn, quoted, quotedWrap int
	}
}

// newBook starts a workbook whose first sheet is called first.
func newBook(first, authority, footer string) (*book, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		f.Close()
		return nil, err
	}
	b := &book{f: f, authority: authority, footer: footer}
	if err := b.newStyles(); err != nil {
		f.Close()
		return nil, err
	}
	return b, nil
}

func (b *book) newStyles() error {
	dateFmt := "dd/mm/yyyy"
	top := func(wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: wrap}
	}
	font := func(bold bool, size float64, colour string) *excelize.Font {
		return &excelize.Font{Family: xlFont, Bold: bold, Size: size, Color: colour}
	}
	s := &b.styles
	for _, d := range []struct {
		id *int
		st excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(true, 18, xlHeadColour)}},
		{&s.subtitle, excelize.Style{Font: font(false, 12, xlMutedColour)}},
		{&s.key, excelize.Style{Font: font(true, xlBodyPt, xlMutedColour), Alignment: top(false)}},
		{&s.value, excelize.Style{Font: font(false, xlBodyPt, ""), Alignment: top(true)}},
		{&s.valueDate, excelize.Style{Font: font(false, xlBodyPt, ""), CustomNumFmt: &dateFmt, Alignment: top(false)}},
		{&s.head, excelize.Style{Font: font(true, xlBodyPt, "FFFFFF"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{xlHeadColour}},
			Border:    []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1}},
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "bottom", WrapText: true}}},
		{&s.text, excelize.Style{Alignment: top(false)}},
		{&s.wrap, excelize.Style{Alignment: top(true)}},
		{&s.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.num, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.warn, excelize.Style{Font: font(true, xlBodyPt, xlWarnColour), Alignment: top(true)}},
		// Unlike any other, so that excelize's de-duplication never hands
		// them to another cell: marked quotePrefix below.
		{&s.quoted, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "general", Vertical: "top", JustifyLastLine: true}}},
		{&s.quotedWrap, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "general", Vertical: "top", WrapText: true, JustifyLastLine: true}}},
	} {
		id, err := b.f.NewStyle(&d.st)
		if err != nil {
			return fmt.Errorf("create a cell style: %w", err)
		}
		*d.id = id
	}
	// quotePrefix keeps text such as "=HYPERLINK(...)" text even when
	// someone edits the cell and presses Enter.
	if xf := b.f.Styles; xf != nil && xf.CellXfs != nil {
		yes := true
		for _, id := range []int{s.quoted, s.quotedWrap} {
			if id < len(xf.CellXfs.Xf) {
				xf.CellXfs.Xf[id].QuotePrefix = &yes
			}
		}
	}
	return nil
}

// formulaLike reports whether a spreadsheet would read text typed into a
// cell as a formula: it starts with =, +, -, @, a tab or a carriage return.
func formulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// cellText is text as a cell can hold it: within Excel's limit (the PDFs
// hold it whole).
func cellText(s string) string {
	const keep = xlMaxCellChars - 40
	if utf8.RuneCountInString(s) <= keep {
		return s
	}
	return string([]rune(s)[:keep]) + "… (cut short: see the PDF)"
}

// set writes one value: text as text (never a formula), a date as a date
// cell, a number as a number, nil and empty as a blank cell. style is the
// cell's style unless the value needs its own.
func (b *book) set(sheet string, col, row int, v any, style int) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	switch x := v.(type) {
	case nil:
		return b.f.SetCellStyle(sheet, ref, ref, style)
	case string:
		if x == "" {
			return b.f.SetCellStyle(sheet, ref, ref, style)
		}
		if formulaLike(x) {
			if b.isWrap(style) {
				style = b.styles.quotedWrap
			} else {
				style = b.styles.quoted
			}
		}
		if err := b.f.SetCellStr(sheet, ref, cellText(x)); err != nil {
			return err
		}
	case data.Date:
		if x.IsZero() {
			return b.f.SetCellStyle(sheet, ref, ref, style)
		}
		if err := b.f.SetCellFloat(sheet, ref, x.ExcelSerial(), 0, 64); err != nil {
			return err
		}
		if style != b.styles.valueDate {
			style = b.styles.date
		}
	case int:
		if err := b.f.SetCellInt(sheet, ref, int64(x)); err != nil {
			return err
		}
		if style != b.styles.value {
			style = b.styles.num
		}
	default:
		return fmt.Errorf("cell %s: cannot write a %T", ref, v)
	}
	return b.f.SetCellStyle(sheet, ref, ref, style)
}

// isWrap reports whether a style wraps its text.
func (b *book) isWrap(style int) bool {
	return style == b.styles.wrap || style == b.styles.value || style == b.styles.warn
}

// heading writes a sheet's title and subtitle in rows 1 and 2.
func (b *book) heading(sheet, title, subtitle string) error {
	if err := b.f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if err := b.f.SetCellStyle(sheet, "A1", "A1", b.styles.title); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sheet, 1, 26); err != nil {
		return err
	}
	if err := b.set(sheet, 1, 2, subtitle, b.styles.subtitle); err != nil {
		return err
	}
	return b.f.SetRowHeight(sheet, 2, 18)
}

// details writes label-and-value rows from row, the label in column A and
// the value across columns B to lastCol (merged, wrapped, the row tall
// enough for it), and returns the next row.
func (b *book) details(sheet string, row, lastCol int, valueW float64, kv [][2]any) (int, error) {
	for _, p := range kv {
		label, _ := p[0].(string)
		if err := b.set(sheet, 1, row, label, b.styles.key); err != nil {
			return 0, err
		}
		style := b.styles.value
		if _, ok := p[1].(data.Date); ok {
			style = b.styles.valueDate
		}
		if err := b.set(sheet, 2, row, p[1], style); err != nil {
			return 0, err
		}
		if lastCol > 2 {
			from, _ := excelize.CoordinatesToCellName(2, row)
			to, _ := excelize.CoordinatesToCellName(lastCol, row)
			if err := b.f.MergeCell(sheet, from, to); err != nil {
				return 0, err
			}
		}
		if s, ok := p[1].(string); ok {
			if err := b.f.SetRowHeight(sheet, row, rowHeight(wrappedLines(s, valueW))); err != nil {
				return 0, err
			}
		}
		row++
	}
	return row, nil
}

// table writes a table with its header row at headRow: the columns' widths
// from col 1, wrapped text columns wrapping, each row tall enough for its
// most wrapped cell, and an AutoFilter over it. It returns the last row.
func (b *book) table(sheet string, headRow int, cols []xlCol, rows [][]any) (int, error) {
	headLines := 1
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, name, name, c.w); err != nil {
			return 0, err
		}
		if err := b.set(sheet, i+1, headRow, c.head, b.styles.head); err != nil {
			return 0, err
		}
		headLines = max(headLines, wrappedLines(c.head, c.w*0.92)) // bold is a little wider
	}
	if err := b.f.SetRowHeight(sheet, headRow, max(rowHeight(headLines)+2, 20)); err != nil {
		return 0, err
	}
	for r, row := range rows {
		lines := 1
		for i, c := range cols {
			var v any
			if i < len(row) {
				v = row[i]
			}
			style := b.styles.text
			if c.wrap {
				style = b.styles.wrap
				if s, ok := v.(string); ok {
					lines = max(lines, wrappedLines(s, c.w))
				}
			}
			if err := b.set(sheet, i+1, headRow+1+r, v, style); err != nil {
				return 0, err
			}
		}
		if lines > 1 {
			if err := b.f.SetRowHeight(sheet, headRow+1+r, rowHeight(lines)); err != nil {
				return 0, err
			}
		}
	}
	last := headRow + len(rows)
	from, _ := excelize.CoordinatesToCellName(1, headRow)
	to, _ := excelize.CoordinatesToCellName(len(cols), max(last, headRow+1))
	if err := b.f.AutoFilter(sheet, from+":"+to, nil); err != nil {
		return 0, fmt.Errorf("sheet %q: filter: %w", sheet, err)
	}
	return last, nil
}

// freeze keeps the rows above row and the columns before col in view.
func (b *book) freeze(sheet string, col, row int) error {
	tl, _ := excelize.CoordinatesToCellName(col, row)
	pane := "bottomLeft"
	if col > 1 {
		pane = "bottomRight"
	}
	return b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: col - 1, YSplit: row - 1, TopLeftCell: tl, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: pane}}})
}

// sheetPrint is how a sheet prints.
type sheetPrint struct {
	title      string // the header's centre
	widths     []float64
	lastRow    int
	headRow    int // repeated at the top of every page (0: none)
	repeatCols int // the first columns repeated on every page across, when the sheet prints more than one page wide
}

// pagesWide is how many pages across a sheet of these column widths
// prints on, keeping its type at about 9 pt or more: one when it fits,
// else enough pages for the columns after the repeated ones.
func pagesWide(widths []float64, repeat int) int {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if total <= xlPageChars {
		return 1
	}
	first := 0.0
	for _, w := range widths[:min(repeat, len(widths))] {
		first += w
	}
	return int(math.Ceil((total - first) / (xlPageChars - first)))
}

// print sets a sheet's printed pages (see the file's comment).
func (b *book) print(sheet string, ps sheetPrint) error {
	f := b.f
	yes := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return fmt.Errorf("sheet %q: page layout: %w", sheet, err)
	}
	wide := pagesWide(ps.widths, ps.repeatCols)
	orient, size, tall := "landscape", 9, 0 // 9: A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("sheet %q: page layout: %w", sheet, err)
	}
	side, topM, head := 10/25.4, 0.5, 0.2
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &topM, Bottom: &topM, Header: &head, Footer: &head}); err != nil {
		return fmt.Errorf("sheet %q: margins: %w", sheet, err)
	}
	marking := "&B" + Marking
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + xlHeader(b.authority, 80) + "&C&B" + xlHeader(ps.title, 80) + "&R" + marking,
		OddFooter: "&L" + xlHeader(b.footer, 100) + "&CPage &P of &N&R" + marking,
	}); err != nil {
		return fmt.Errorf("sheet %q: header: %w", sheet, err)
	}
	ref := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	last, _ := excelize.CoordinatesToCellName(max(len(ps.widths), 1), max(ps.lastRow, 1), true)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sheet, RefersTo: ref + "!$A$1:" + last}); err != nil {
		return fmt.Errorf("sheet %q: print area: %w", sheet, err)
	}
	var titles []string
	if wide > 1 && ps.repeatCols > 0 {
		name, _ := excelize.ColumnNumberToName(ps.repeatCols)
		titles = append(titles, ref+"!$A:$"+name)
	}
	if ps.headRow > 0 {
		titles = append(titles, fmt.Sprintf("%s!$%d:$%d", ref, ps.headRow, ps.headRow))
	}
	if len(titles) > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: strings.Join(titles, ",")}); err != nil {
			return fmt.Errorf("sheet %q: print titles: %w", sheet, err)
		}
	}
	return nil
}

// xlHeader is text for a printed header or footer: & doubled, cut short.
func xlHeader(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// save writes the workbook to path (0600, atomically) and closes it.
func (b *book) save(path, title string) error {
	defer b.f.Close()
	if err := b.f.SetDocProps(&excelize.DocProperties{Title: title, Subject: b.authority, Creator: "permanence",
		Category: Marking, Keywords: Marking}); err != nil {
		return err
	}
	return export.WritePrivateFile(path, func(w io.Writer) error {
		if err := b.f.Write(w); err != nil {
			return fmt.Errorf("write the workbook: %w", err)
		}
		return nil
	})
}

// wrappedLines is about how many lines text takes wrapped in a column w
// characters wide, at the body size: a cell's margins take about 1.5
// characters.
func wrappedLines(text string, w float64) int {
	return export.WrappedLines(text, max(w-1.5, 1/1.1), xlBodyPt)
}

// rowHeight is the height in points of a row of lines of 11 pt text
// (Excel's limit is 409).
func rowHeight(lines int) float64 {
	return min(float64(lines)*xlBodyPt*1.32+3, 409)
}

// widthsOf lists the columns' widths.
func widthsOf(cols []xlCol) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.w
	}
	return out
}

// writeAgendaXLSX writes the agenda as a workbook of one sheet: the
// meeting's details, then a row a child.
func (p *meetingPapers) writeAgendaXLSX(path string) error {
	const sheet = "Agenda"
	m := p.meeting
	b, err := newBook(sheet, p.authorityText(), "Agenda · "+m.Title())
	if err != nil {
		return err
	}
	cols := []xlCol{
		{"Time", 13, false}, {"Child ID", 14, false}, {"Initials", 10, false}, {"Social worker", 20, true},
		{"Team", 16, true}, {"Reasons", 28, true}, {"What lies behind them", 71, true},
	}
	if err := b.heading(sheet, "Agenda", m.Kind.Label()+" · "+longDate(m.Date)); err != nil {
		return err
	}
	valueW := 0.0
	for _, c := range cols[1:] {
		valueW += c.w
	}
	row, err := b.details(sheet, 4, len(cols), valueW, [][2]any{
		{"Authority", p.authorityText()},
		{"Date", m.Date},
		{"Chair", orNotRecorded(m.Chair)},
		{"Attendees", attendeesText(m.Attendees)},
		{"Status", p.meetingStatusText()},
		{"Slots", p.slotsText()},
		{"Changes since", p.agenda.Since},
	})
	if err != nil {
		return err
	}
	if p.agenda.Warning != "" {
		if row, err = b.details(sheet, row, len(cols), valueW, [][2]any{{"Note", p.agenda.Warning}}); err != nil {
			return err
		}
		ref, _ := excelize.CoordinatesToCellName(2, row-1)
		b.f.SetCellStyle(sheet, ref, ref, b.styles.warn)
	}
	headRow := row + 1
	var rows [][]any
	for _, it := range p.items {
		l := it.line
		rows = append(rows, []any{l.Time, l.ChildID, initials(l), l.SocialWorker, l.Team, reasonsText(l.Reasons),
			strings.Join(l.Detail, "\n")})
	}
	last, err := b.table(sheet, headRow, cols, rows)
	if err != nil {
		return err
	}
	if err := b.print(sheet, sheetPrint{title: "Agenda: " + m.Title(), widths: widthsOf(cols), lastRow: last, headRow: headRow}); err != nil {
		return err
	}
	return b.save(path, "Agenda: "+m.Title())
}

// minutesCols are the Minutes sheet's columns, a row a child.
var minutesCols = []xlCol{
	{"Time", 7, false}, {"Child ID", 12, false}, {"Initials", 8, false},
	{"Social worker", 18, true}, {"Team", 14, true}, {"On the agenda for", 24, true}, {"Record", 10, false},
	{"Social worker attended", 10, false}, {"Update given by", 16, true}, {"Update", 50, true},
	{"Child's wishes and feelings gathered", 14, true}, {"The child's wishes and feelings", 40, true},
	{"Plan endorsed", 16, true}, {"Plan in the case system at the meeting", 16, true}, {"Case system needs updating", 11, false},
	{"Parallel or contingency plan", 20, true}, {"Barriers", 28, true},
	{"Early permanence considered", 13, true}, {"Earlier adoptive family considered", 13, true},
	{"Decision or recommendation", 50, true}, {"Actions", 9, false},
	{"Next review", 11, false}, {"Why that date", 24, true},
	{"Escalated to", 18, true}, {"Why escalated", 30, true}, {"Raised", 11, false}, {"Outcome", 30, true}, {"Resolved", 11, false},
	{"Changed after closing", 36, true}, {"Last saved", 26, true},
}

// minutesRow is one child's row of the Minutes sheet.
func (p *meetingPapers) minutesRow(it *item) []any {
	l := it.line
	plan := ""
	if it.then != nil {
		plan = it.then.Plan.Label()
	}
	row := []any{l.Time, l.ChildID, initials(l), l.SocialWorker, l.Team, reasonsText(l.Reasons)}
	r := it.rec
	if r == nil {
		return append(row, "No record")
	}
	differs := ""
	if planDiffersText(r, it.then) != "" {
		differs = "Yes"
	}
	var esc [5]any
	if e := r.Escalation; e != nil {
		esc = [5]any{e.To, e.Why, e.Raised, e.Outcome, e.Resolved}
	}
	return append(row, "Yes", attendedText(r.Attended), r.UpdateBy, r.Update,
		answerText(r.ChildVoice.Gathered), r.ChildVoice.Text,
		planText(r.Plan), plan, differs, r.ParallelPlan, barriersText(r),
		answerText(r.EarlyPermanenceConsidered), answerText(r.PreviousAdoptersConsidered),
		r.Decision, len(r.Actions), r.NextReview, r.NextReviewWhy,
		esc[0], esc[1], esc[2], esc[3], esc[4],
		strings.Join(amendments(it.versions), "\n"), savedText(it.versions))
}

// actionCols are the Actions sheet's columns.
var actionCols = []xlCol{
	{"Child ID", 12, false}, {"Initials", 8, false}, {"Action", 56, true}, {"Who", 22, true},
	{"Due", 11, false}, {"Status", 17, false}, {"Done on", 11, false}, {"Why no longer needed", 32, true},
}

// actionStatusWord is an action's status in a word, for a filter.
func actionStatusWord(a data.Action) string {
	switch a.Status {
	case data.ActionDone:
		return "Done"
	case data.ActionDropped:
		return "No longer needed"
	}
	return "Open"
}

// writeMinutesXLSX writes the minutes workbook: the Meeting sheet, the
// Minutes sheet (a row a child on the agenda) and the Actions sheet (every
// action set at the meeting).
func (p *meetingPapers) writeMinutesXLSX(path string) error {
	m := p.meeting
	b, err := newBook("Meeting", p.authorityText(), "Minutes · "+m.Title())
	if err != nil {
		return err
	}
	if err := p.minutesCover(b); err != nil {
		return err
	}
	if _, err := b.f.NewSheet("Minutes"); err != nil {
		return err
	}
	var rows, actions [][]any
	for i := range p.items {
		it := &p.items[i]
		rows = append(rows, p.minutesRow(it))
		if it.rec == nil {
			continue
		}
		for _, a := range it.rec.Actions {
			actions = append(actions, []any{it.line.ChildID, initials(it.line), a.What, a.Who, a.Due, actionStatusWord(a), a.DoneOn, a.Why})
		}
	}
	last, err := b.table("Minutes", 1, minutesCols, rows)
	if err != nil {
		return err
	}
	if err := b.freeze("Minutes", 4, 2); err != nil {
		return err
	}
	if err := b.print("Minutes", sheetPrint{title: "Minutes: " + m.Title(), widths: widthsOf(minutesCols), lastRow: last, headRow: 1, repeatCols: 3}); err != nil {
		return err
	}
	if _, err := b.f.NewSheet("Actions"); err != nil {
		return err
	}
	if last, err = b.table("Actions", 1, actionCols, actions); err != nil {
		return err
	}
	if err := b.freeze("Actions", 1, 2); err != nil {
		return err
	}
	if err := b.print("Actions", sheetPrint{title: "Actions set: " + m.Title(), widths: widthsOf(actionCols), lastRow: last, headRow: 1, repeatCols: 2}); err != nil {
		return err
	}
	return b.save(path, "Minutes: "+m.Title())
}

// minutesCover writes the Meeting sheet.
func (p *meetingPapers) minutesCover(b *book) error {
	const sheet = "Meeting"
	m, s := p.meeting, p.stamps
	if err := b.heading(sheet, "Minutes", m.Kind.Label()+" · "+longDate(m.Date)); err != nil {
		return err
	}
	held := ""
	if s.HeldAt != "" {
		held = stampText(s.HeldAt) + " by " + orNotRecorded(s.HeldBy)
	}
	closed := "Not closed: the records may still change"
	if s.ClosedAt != "" {
		closed = stampText(s.ClosedAt) + " by " + orNotRecorded(s.ClosedBy)
	}
	const valueW = 100
	cols := []float64{16, valueW}
	for i, w := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, name, name, w); err != nil {
			return err
		}
	}
	last, err := b.details(sheet, 4, 2, valueW, [][2]any{
		{"Authority", p.authorityText()},
		{"Panel", m.Kind.Label()},
		{"Date", m.Date},
		{"Chair", orNotRecorded(m.Chair)},
		{"Attendees", attendeesText(m.Attendees)},
		{"Held", orNotRecorded(held)},
		{"Closed", closed},
		{"Children", fmt.Sprintf("%d on the agenda, %d with a record", len(p.items), p.records())},
		{"Sheets", "Minutes: a row a child, every field of their record. Actions: every action set at this meeting."},
		{"Names", "Initials and child ID only: the minutes go to everyone attending. Each child's record, with their name, is a PDF for their case file."},
		{"Handling", Marking + ": personal data about children. Keep on the authority's systems; do not email outside the secure network."},
		{"Exported", p.now.In(london).Format("02/01/2006 15:04")},
	})
	if err != nil {
		return err
	}
	return b.print(sheet, sheetPrint{title: "Minutes: " + m.Title(), widths: cols, lastRow: last - 1})
}
