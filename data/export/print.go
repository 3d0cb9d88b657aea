package export

import (
	"fmt"
	"math"
	"permanence/data"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Printed pages. Every sheet of every workbook prints on A4 landscape,
// fitted to the page's width and as many pages tall as it needs, with its
// header rows repeated on every page, a print area, and the authority, the
// as-at date, the handling marking and "Page X of Y" in its header and
// footer. A list's columns are sized so that fitting them to the width
// never shrinks the type below printLeastPt: long text wraps, headings wrap
// at their words, and a column the paper does not need (the Measures
// sheet's Key) sits after the print area.
//
// The arithmetic. A column's width is counted in characters: the width of
// the digit 0 in the workbook's font, 11 pt Calibri, which is 0.507 em, so
// 5.58 pt a character (LibreOffice lays columns out at this width; Excel
// at 7 pixels, 5.25 pt, a little narrower, so what fits LibreOffice's page
// fits Excel's). An A4 page is 297 mm wide; less two 10 mm margins that
// leaves 277 mm, 785.2 pt. Fitting to the width prints at the scale
// 785.2 / (5.58 * total width), at most 1, and 11 pt type prints at 11
// times that: at least 8 pt needs a total width of at most
// 785.2 * 11 / 8 / 5.58 = 193.5 characters, 9 pt at most 172. Lists are
// fitted to 167 (9.25 pt).
const (
	pageWidthPt    = 297 / 25.4 * 72 // A4 landscape, 210 mm tall: 595.3 pt, 523.3 between the top and bottom margins
	marginSideIn   = 10 / 25.4       // 1 cm left and right
	marginTopIn    = 0.5             // top and bottom, with the header and footer in them
	marginHeaderIn = 0.2
	printWidthPt   = pageWidthPt - 2*marginSideIn*72 // 785.2 pt, 27.7 cm
	charPt         = 0.507 * bodyPt                  // a column width unit: the digit 0 at 11 pt
	bodyPt         = 11                              // the workbooks' type
	printLeastPt   = 8                               // the smallest type a printed sheet may shrink to
	printAimPt     = 9.25                            // the type the lists' widths are fitted for: 9 pt, and room for LibreOffice, which fits at a whole percent a little under the exact scale
)

// printWidthFor is the total column width (in characters) that prints at
// pt points when fitted to the page's width.
func printWidthFor(pt float64) float64 { return printWidthPt * bodyPt / pt / charPt }

// printedPt is the size 11 pt type prints at when columns of these widths
// are fitted to the page's width (never enlarged).
func printedPt(widths []float64) float64 {
	total := totalWidth(widths)
	if total <= 0 {
		return bodyPt
	}
	return bodyPt * math.Min(1, printWidthPt/(total*charPt))
}

// xlPage is what every printed page carries.
type xlPage struct {
	authority string
	asOf      data.Date
	marking   string // e.g. OFFICIAL-SENSITIVE
	context   string // the period and the children shown, after the as-at date
}

// printSetup is how one sheet prints.
type printSetup struct {
	title     string // the header's centre: what the sheet holds
	lastCol   int    // the print area is A1 to (lastCol, lastRow)
	lastRow   int
	titleRows [2]int // the first and last rows repeated at the top of every page
	titleCol  bool   // repeat column A on every page (a list more than a page wide)
	pagesWide int    // 0 or 1: fit to the page's width; more only for a very wide list
}

// xlHeaderText escapes & for an Excel header/footer.
func xlHeaderText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// headerLimit keeps a header's text well inside Excel's 255 characters.
func headerLimit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// fit makes the sheet print fitted to the page (its width: apply sets how
// many pages). For a streamed sheet it must be called before
// NewStreamWriter, which writes the sheet's properties first.
func (p xlPage) fit(f *excelize.File, sheet string) error {
	yes := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return fmt.Errorf("sheet %q: page layout: %w", sheet, err)
	}
	return nil
}

// apply sets the sheet's printed pages: A4 landscape fitted to the page's
// width and as tall as it needs, 1 cm side margins, the print area and the
// rows repeated on every page, and a header and footer with the authority,
// what the sheet holds, the marking, the as-at date and "Page X of Y".
// For a streamed sheet it must be called before the stream is flushed.
func (p xlPage) apply(f *excelize.File, sheet string, ps printSetup) error {
	orient, size := "landscape", 9 // 9 = A4
	wide, tall := max(ps.pagesWide, 1), 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("sheet %q: page layout: %w", sheet, err)
	}
	side, top, head := marginSideIn, marginTopIn, marginHeaderIn
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &top, Bottom: &top, Header: &head, Footer: &head}); err != nil {
		return fmt.Errorf("sheet %q: margins: %w", sheet, err)
	}
	marking := "&B" + xlHeaderText(headerLimit(p.marking, 40))
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + xlHeaderText(headerLimit(p.authority, 80)) + "&C&B" + xlHeaderText(headerLimit(ps.title, 80)) + "&R" + marking,
		OddFooter: "&L" + xlHeaderText(headerLimit(strings.TrimSuffix("As at "+p.asOf.UK()+" · "+p.context, " · "), 120)) +
			"&CPage &P of &N&R" + marking,
	}); err != nil {
		return fmt.Errorf("sheet %q: header: %w", sheet, err)
	}
	ref := xlSheetRef(sheet)
	last, _ := excelize.CoordinatesToCellName(max(ps.lastCol, 1), max(ps.lastRow, 1), true)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sheet,
		RefersTo: ref + "!$A$1:" + last}); err != nil {
		return fmt.Errorf("sheet %q: print area: %w", sheet, err)
	}
	var titles []string
	if ps.titleCol {
		titles = append(titles, ref+"!$A:$A")
	}
	if ps.titleRows[0] > 0 {
		titles = append(titles, fmt.Sprintf("%s!$%d:$%d", ref, ps.titleRows[0], max(ps.titleRows[1], ps.titleRows[0])))
	}
	if len(titles) > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: strings.Join(titles, ",")}); err != nil {
			return fmt.Errorf("sheet %q: print titles: %w", sheet, err)
		}
	}
	return nil
}

// colKind is what a list's column holds, which sets its alignment.
type colKind int

const (
	kindText   colKind = iota // left, indented from a number on its left
	kindNumber                // right
	kindDate                  // right
)

// colFit is what one column of a list needs on screen and on paper, in
// characters.
type colFit struct {
	kind  colKind
	want  float64 // its widest value and heading, within the list's cap
	body  float64 // its widest value, with the heading wrapped at its words
	least float64 // the narrowest it can be: its text wrapped at its words too
	full  float64 // text: its widest value, whatever the cap; wider than the column, it wraps
	lens  []int   // text: the length of its value in each of the rows sampled (sampleRows), in the same rows for every column
}

// Padding in characters: the cell's margins (about 1.5 pt a side), and
// for text its indent (8 pt, 1.45 characters, in LibreOffice).
const (
	padNumber = 1.5
	padText   = 2.5
	// leastText is the narrowest a wrapped text column is made; longestWord
	// the longest word the narrowest column must hold whole.
	leastText   = 12
	longestWord = 20
	sampleRows  = 2000 // the rows (evenly spread) whose lines wrapText weighs
)

// listFits measures a list's columns: kind, wanted and least widths. A
// column is a number column when every value in it is a number, a date
// column when marked so.
func listFits(cols []ListColumn, rows [][]any, maxWidth float64) []colFit {
	n := len(cols)
	width, word := make([]int, n), make([]int, n)
	text := make([]bool, n)
	lens := make([][]int, n)
	stride := max(1, len(rows)/sampleRows)
	for i := range lens {
		lens[i] = make([]int, 0, (len(rows)+stride-1)/stride)
	}
	for at, r := range rows {
		if at%stride == 0 {
			for i := range lens {
				l := 0
				if i < len(r) {
					l = utf8.RuneCountInString(listText(r[i]))
				}
				lens[i] = append(lens[i], l)
			}
		}
		for i := 0; i < n && i < len(r); i++ {
			v := r[i]
			if c, ok := v.(excelize.Cell); ok {
				v = c.Value
			}
			switch x := v.(type) {
			case nil:
			case int, int64, int32, float64, data.Date, *data.Date:
				width[i] = max(width[i], xlCellWidth(x))
			case string:
				text[i] = true
				w := xlCellWidth(x)
				width[i], word[i] = max(width[i], w), max(word[i], longestWordIn(x))
			default:
				text[i] = true
				w := xlCellWidth(x)
				width[i], word[i] = max(width[i], w), max(word[i], w)
			}
		}
	}
	fits := make([]colFit, n)
	for i, c := range cols {
		head, headWord := utf8.RuneCountInString(c.Heading), longestWordIn(c.Heading)
		fc := &fits[i]
		switch {
		case c.Date:
			fc.kind = kindDate
			width[i] = max(width[i], 10)
		case !text[i] && width[i] > 0:
			fc.kind = kindNumber
		}
		pad := padOf(fc.kind)
		fc.want = float64(max(width[i], head, 3)) + pad
		fc.body = float64(max(width[i], headWord, 3)) + pad
		fc.least = fc.body
		if fc.kind == kindText {
			fc.least = float64(max(min(word[i], longestWord), headWord)) + pad
			fc.least = min(max(fc.least, leastText), fc.body)
			fc.lens = lens[i]
			fc.full = float64(width[i]) + pad
		}
		fc.want = max(min(fc.want, maxWidth), fc.least)
		fc.body = min(fc.body, fc.want)
	}
	return fits
}

// longestWordIn is the length of the longest run of non-spaces in s.
func longestWordIn(s string) int {
	n, run := 0, 0
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' {
			run = 0
			continue
		}
		run++
		n = max(n, run)
	}
	return n
}

// fitWidths sizes columns to fit total characters. Each column is as wide
// as it wants when they all fit. When not, headings wrap first, a row of
// headings taller being cheaper than every row taller: the columns whose
// heading is wider than their values are cut to one level, no narrower
// than their values. When that is not enough, text wraps where it costs
// the fewest lines (wrapText). When even the least widths do not fit, it
// returns them.
func fitWidths(fits []colFit, total float64) []float64 {
	want := func(f colFit) float64 { return f.want }
	body := func(f colFit) float64 { return f.body }
	if sum(fits, want) > total && sum(fits, body) > total {
		return wrapText(fits, total)
	}
	cut := func(level float64) []float64 {
		ws := make([]float64, len(fits))
		for i, f := range fits {
			ws[i] = max(f.body, min(f.want, level))
		}
		return ws
	}
	lo, hi := 0.0, 0.0
	for _, f := range fits {
		hi = max(hi, f.want)
	}
	if totalWidth(cut(hi)) <= total {
		return cut(hi)
	}
	for range 40 {
		mid := (lo + hi) / 2
		if totalWidth(cut(mid)) <= total {
			lo = mid
		} else {
			hi = mid
		}
	}
	// Quarter characters, which widths read back exactly: the widest that
	// fits (lo is a hair under an exact level).
	level := math.Floor(lo*4+1e-6) / 4
	if totalWidth(cut(level)) > total {
		level -= 0.25
	}
	return cut(level)
}

// wrapText narrows text columns from their values' width until they fit
// total characters or none can be narrowed further. Each step takes what
// is still too wide (or a half, a quarter... of it) off the column whose
// cut adds the fewest lines to the rows (a row is as tall as its most
// wrapped cell) for each character saved: a column all of whose values
// would wrap is spared for one whose longest values alone wrap, and once
// rows are two lines tall a second column wraps in them for nothing.
func wrapText(fits []colFit, total float64) []float64 {
	const step = 0.25
	ws := make([]float64, len(fits))
	lines := make([][]int, len(fits))
	rows := 0
	for i, f := range fits {
		ws[i] = f.body
		if f.kind == kindText {
			lines[i] = textLines(f.lens, ws[i], nil)
			rows = len(f.lens)
		}
	}
	top1, top2, arg, scratch := make([]int, rows), make([]int, rows), make([]int, rows), make([]int, rows)
	for {
		over := totalWidth(ws) - total
		if over <= 0 {
			return ws
		}
		over = math.Ceil(over/step) * step
		// Each row's tallest cell and the tallest of the others.
		for r := range rows {
			top1[r], top2[r], arg[r] = 1, 1, -1
			for i := range fits {
				if lines[i] == nil {
					continue
				}
				if n := lines[i][r]; n > top1[r] {
					top1[r], top2[r], arg[r] = n, top1[r], i
				} else if n > top2[r] {
					top2[r] = n
				}
			}
		}
		best, bestCut, bestRate := -1, 0.0, 0.0
		for i, f := range fits {
			if f.kind != kindText {
				continue
			}
			for cut := min(over, ws[i]-f.least); cut >= step; cut = math.Floor(cut/2/step) * step {
				more := 0
				for r, n := range textLines(f.lens, ws[i]-cut, scratch) {
					other := top1[r]
					if arg[r] == i {
						other = top2[r]
					}
					more += max(n, other) - top1[r]
				}
				rate := float64(more) / cut
				if best < 0 || rate < bestRate || (rate == bestRate && (cut > bestCut || cut == bestCut && ws[i] > ws[best])) {
					best, bestCut, bestRate = i, cut, rate
				}
			}
		}
		if best < 0 {
			return ws
		}
		ws[best] -= bestCut
		lines[best] = textLines(fits[best].lens, ws[best], lines[best])
	}
}

// textLines is about how many lines each value of a column takes at
// width w: its length over what a line holds (listLines' measure). It
// writes into into when it is long enough.
func textLines(lens []int, w float64, into []int) []int {
	perLine := max((w-padText)*1.1, 1)
	if len(into) < len(lens) {
		into = make([]int, len(lens))
	}
	for r, l := range lens {
		into[r] = max(1, int(math.Ceil(float64(l)/perLine)))
	}
	return into
}

// sum adds up one width of each column.
func sum(fits []colFit, width func(colFit) float64) float64 {
	s := 0.0
	for _, f := range fits {
		s += width(f)
	}
	return s
}

// totalWidth adds up widths.
func totalWidth(ws []float64) float64 {
	s := 0.0
	for _, w := range ws {
		s += w
	}
	return s
}

// pagesWideFor is how many pages wide a list of these widths prints so
// that its type is at least printLeastPt, column A repeated on each.
func pagesWideFor(ws []float64) int {
	total := totalWidth(ws)
	page := printWidthFor(printAimPt)
	if total <= printWidthFor(printLeastPt) || len(ws) < 2 {
		return 1
	}
	first := ws[0]
	return int(math.Ceil((total - first) / (page - first)))
}

// listLines estimates the lines a value takes wrapped in a list's column
// w characters wide, less its margins (pad) and, for text, indent. Text
// averages a little narrower than the digits widths are counted in (1.1
// characters a digit, wrappedLines at 11 pt); bold (a heading) a little
// wider.
func listLines(text string, w, pad float64, bold bool) int {
	size := 11.0
	if bold {
		size = 11.5
	}
	return WrappedLines(text, w-pad, size)
}

// padOf is a column's margins, with text's indent.
func padOf(k colKind) float64 {
	if k == kindText {
		return padText
	}
	return padNumber
}

// chartsRight is the last column the charts placed by xlPlaceCharts from
// column col reach, pixels wide in all, using excelize's own cell metrics
// (8 pixels a character), with which it anchors them.
func chartsRight(f *excelize.File, sheet string, col, px int) (int, error) {
	for ; ; col++ {
		name, _ := excelize.ColumnNumberToName(col)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			return 0, err
		}
		if px -= int(w*8 + 0.5); px <= 0 {
			return col, nil
		}
	}
}
