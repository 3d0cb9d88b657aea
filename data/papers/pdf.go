package papers

// The PDF layer: an A4 portrait page with the authority's name and the
// marking in its header, the paper's name, the marking and "Page N of M"
// in its footer, and a few blocks the papers are made of (headings,
// paragraphs, label-and-value rows, tables whose header row repeats on
// every page).
//
// The PDFs are made with github.com/go-pdf/fpdf, the maintained fork of
// jung-kurt/gofpdf: pure Go (no cgo, nothing to install, so the CLI and
// the app on Windows make the same file), MIT-licensed, with embedded
// TrueType fonts subset to the characters used, page-number aliases,
// header and footer callbacks and text measuring for wrapping. The text
// is set in the Go fonts (golang.org/x/image, already a dependency of the
// app through Fyne; BSD licence), which cover Latin, Greek and Cyrillic,
// so a name such as Łukasz, Zoë or Şahin prints as typed rather than as
// the "?" a core PDF font's Windows-1252 encoding would give.
//
// Sizes are in millimetres. Body type is 10.5 pt on 4.8 mm lines (1.3
// times the size); the header and footer are 8.5 pt.

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"permanence/data/export"
)

const (
	pageW, pageH   = 210.0, 297.0 // A4 portrait
	marginX        = 18.0         // left and right
	marginTop      = 24.0         // the header sits above it
	marginBottom   = 20.0         // the footer sits below it
	textW          = pageW - 2*marginX
	bodyPt         = 10.5
	smallPt        = 8.5
	cellPad        = 1.2 // the space inside a table cell, above, below and to each side
	fontFamily     = "go"
	ptPerMM        = 72 / 25.4
	breakTolerance = 0.01 // rounding: a line that ends this close to the page's end still fits
)

// lineH is the height of a line of type of size pt.
func lineH(pt float64) float64 { return pt / ptPerMM * 1.3 }

// rgb is a colour.
type rgb struct{ r, g, b int }

// The papers' colours: the workbooks' dark blue for headings, near-black
// for text, a muted grey for labels, a dark red (always with words that
// say the same) for what needs doing.
var (
	colourInk   = rgb{33, 33, 33}
	colourHead  = rgb{0x1F, 0x4E, 0x79}
	colourMuted = rgb{89, 89, 89}
	colourWarn  = rgb{0x9C, 0x00, 0x06}
	colourRule  = rgb{191, 191, 191}
	colourBand  = rgb{0xDD, 0xEB, 0xF7} // table heads
	colourZebra = rgb{244, 247, 251}    // every other row
	colourNote  = rgb{0xFF, 0xF4, 0xCE} // a box that asks to be read
)

// pdfDoc is one paper being made.
type pdfDoc struct {
	pdf       *fpdf.Fpdf
	authority string
	footer    string // the footer's left: what the paper is
}

// newPDF starts an A4 paper for authority; title names it in the file's
// properties, footer at the foot of every page.
func newPDF(authority, title, footer string, made time.Time) *pdfDoc {
	pdf := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{pdf: pdf, authority: authority, footer: footer}
	pdf.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "I", goitalic.TTF)
	pdf.SetMargins(marginX, marginTop, marginX)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.SetCellMargin(cellPad)
	pdf.AliasNbPages("{nb}")
	pdf.SetTitle(clean(title), true)
	pdf.SetAuthor(clean(authority), true)
	pdf.SetSubject(Marking+": personal data about children", true)
	pdf.SetKeywords(Marking, true)
	pdf.SetCreator("permanence", true)
	pdf.SetLang("en-GB")
	pdf.SetCreationDate(made)
	pdf.SetModificationDate(made)
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footerFunc)
	pdf.AddPage()
	return d
}

// header: the authority top left, the marking top right, a rule under.
func (d *pdfDoc) header() {
	p := d.pdf
	p.SetY(10)
	d.font("B", smallPt+0.5, colourInk)
	p.SetX(marginX)
	p.CellFormat(textW*0.7, 5, d.fit(d.authority, textW*0.7), "", 0, "L", false, 0, "")
	p.CellFormat(textW*0.3, 5, Marking, "", 0, "R", false, 0, "")
	d.rule(16.5, colourRule)
}

// footerFunc: what the paper is, the marking and the page number.
func (d *pdfDoc) footerFunc() {
	p := d.pdf
	d.rule(pageH-15.5, colourRule)
	p.SetY(pageH - 14)
	p.SetX(marginX)
	d.font("", smallPt, colourMuted)
	p.CellFormat(textW*0.42, 5, d.fit(d.footer, textW*0.42), "", 0, "L", false, 0, "")
	d.font("B", smallPt+0.5, colourInk)
	p.CellFormat(textW*0.26, 5, Marking, "", 0, "C", false, 0, "")
	d.font("", smallPt, colourMuted)
	p.CellFormat(textW*0.32, 5, "Page "+strconv.Itoa(p.PageNo())+" of {nb}", "", 0, "R", false, 0, "")
}

// font sets the type: style "", "B" or "I".
func (d *pdfDoc) font(style string, pt float64, c rgb) {
	d.pdf.SetFont(fontFamily, style, pt)
	d.pdf.SetTextColor(c.r, c.g, c.b)
}

// rule draws a hairline across the text's width at y.
func (d *pdfDoc) rule(y float64, c rgb) {
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.SetLineWidth(0.25)
	d.pdf.Line(marginX, y, pageW-marginX, y)
}

// fit cuts s to what fits w in the current font, with "…".
func (d *pdfDoc) fit(s string, w float64) string {
	s = clean(strings.ReplaceAll(s, "\n", " "))
	avail := w - 2*cellPad
	if d.pdf.GetStringWidth(s) <= avail {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+"…") > avail {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// room reports whether h more millimetres fit on the page.
func (d *pdfDoc) room(h float64) bool {
	return d.pdf.GetY()+h <= pageH-marginBottom+breakTolerance
}

// keep starts a new page unless h more millimetres fit on this one.
func (d *pdfDoc) keep(h float64) {
	if !d.room(h) {
		d.pdf.AddPage()
	}
}

// space moves down h millimetres (not past the page's end).
func (d *pdfDoc) space(h float64) {
	if d.room(h) {
		d.pdf.SetY(d.pdf.GetY() + h)
	}
}

// title is the paper's title, large, in the headings' blue.
func (d *pdfDoc) title(s string) {
	d.font("B", 18, colourHead)
	d.pdf.SetX(marginX)
	d.pdf.MultiCell(textW, lineH(18), clean(s), "", "L", false)
}

// subtitle is a line under the title.
func (d *pdfDoc) subtitle(s string) {
	d.font("B", 12.5, colourInk)
	d.pdf.SetX(marginX)
	d.pdf.MultiCell(textW, lineH(12.5), clean(s), "", "L", false)
	d.space(1.5)
}

// heading starts a section, kept with at least lines of what follows.
func (d *pdfDoc) heading(s string, lines int) {
	h := lineH(13) + 2.5 + float64(lines)*lineH(bodyPt)
	d.space(4)
	d.keep(h)
	d.font("B", 13, colourHead)
	d.pdf.SetX(marginX)
	d.pdf.MultiCell(textW, lineH(13), clean(s), "", "L", false)
	d.rule(d.pdf.GetY()+0.5, colourHead)
	d.pdf.SetY(d.pdf.GetY() + 2)
}

// lines is how many lines a paragraph of body text takes.
func (d *pdfDoc) lines(s, style string) int {
	d.font(style, bodyPt, colourInk)
	return max(1, len(d.pdf.SplitText(clean(s), textW)))
}

// para is a paragraph of body text, wrapped at the text's width.
func (d *pdfDoc) para(s string, style string, c rgb) {
	d.font(style, bodyPt, c)
	d.pdf.SetX(marginX)
	d.pdf.MultiCell(textW, lineH(bodyPt), clean(s), "", "L", false)
}

// note is a small muted paragraph.
func (d *pdfDoc) note(s string) {
	d.font("I", smallPt+0.5, colourMuted)
	d.pdf.SetX(marginX)
	d.pdf.MultiCell(textW, lineH(smallPt+0.5), clean(s), "", "L", false)
}

// box is a paragraph on a tinted ground that asks to be read: a draft, an
// amendment.
func (d *pdfDoc) box(s string, fill, ink rgb) {
	d.font("B", bodyPt, ink)
	lines := d.pdf.SplitText(clean(s), textW-2*cellPad)
	h := float64(len(lines))*lineH(bodyPt) + 2*cellPad
	d.keep(min(h, 3*lineH(bodyPt)))
	d.pdf.SetFillColor(fill.r, fill.g, fill.b)
	d.pdf.SetX(marginX)
	y := d.pdf.GetY()
	d.pdf.Rect(marginX, y, textW, cellPad, "F")
	d.pdf.SetY(y + cellPad)
	d.pdf.SetX(marginX)
	d.pdf.MultiCell(textW, lineH(bodyPt), clean(s), "", "L", true)
	y = d.pdf.GetY()
	d.pdf.Rect(marginX, y, textW, cellPad, "F")
	d.pdf.SetY(y + cellPad + 1.5)
}

// cell is one cell of a table: its text and how it is set.
type cell struct {
	text  string
	style string // "", "B" or "I"
	ink   *rgb   // nil: the table's ink
}

// column is one column of a table.
type column struct {
	head  string
	w     float64 // millimetres
	align string  // "L" (the default) or "R"
}

// table is a table to draw: columns across the text's width, an optional
// header row (repeated at the top of every page the table runs onto),
// rows tinted in turn.
type table struct {
	cols  []column
	head  bool
	zebra bool
	rules bool // a hairline under each row
	rows  [][]cell
	pt    float64 // type size (bodyPt when 0)
}

func (t *table) size() float64 {
	if t.pt == 0 {
		return bodyPt
	}
	return t.pt
}

// draw draws the table from the current position. A row that fits on a
// page is never split: it moves to the next page whole. A row taller than
// a page runs on, a line at a time, under the repeated header row.
func (d *pdfDoc) draw(t *table) {
	lh := lineH(t.size())
	if t.head {
		d.keep(2*(lh+2*cellPad) + 2*cellPad)
		d.tableHead(t)
	}
	usable := pageH - marginBottom - marginTop - (lh + 2*cellPad)
	for ri, row := range t.rows {
		lines := make([][]string, len(t.cols))
		n := 1
		for ci, col := range t.cols {
			c := cellAt(row, ci)
			d.font(c.style, t.size(), colourInk)
			lines[ci] = d.pdf.SplitText(clean(c.text), col.w)
			n = max(n, len(lines[ci]))
		}
		h := float64(n)*lh + 2*cellPad
		if !d.room(h) && h <= usable {
			d.newPage(t)
		}
		fill := t.zebra && ri%2 == 1
		d.band(cellPad, fill)
		for k := range n {
			if !d.room(lh) {
				d.newPage(t)
			}
			y := d.pdf.GetY()
			if fill {
				d.pdf.SetFillColor(colourZebra.r, colourZebra.g, colourZebra.b)
				d.pdf.Rect(marginX, y, textW, lh, "F")
			}
			x := marginX
			for ci, col := range t.cols {
				c := cellAt(row, ci)
				ink := colourInk
				if c.ink != nil {
					ink = *c.ink
				}
				d.font(c.style, t.size(), ink)
				text := ""
				if k < len(lines[ci]) {
					text = lines[ci][k]
				}
				d.pdf.SetXY(x, y)
				d.pdf.CellFormat(col.w, lh, text, "", 0, alignOf(col), false, 0, "")
				x += col.w
			}
			d.pdf.SetY(y + lh)
		}
		d.band(cellPad, fill)
		if t.rules {
			d.rule(d.pdf.GetY(), colourRule)
		}
	}
}

// cellAt is row's cell ci, empty when the row is short.
func cellAt(row []cell, ci int) cell {
	if ci < len(row) {
		return row[ci]
	}
	return cell{}
}

func alignOf(c column) string {
	if c.align == "" {
		return "L"
	}
	return c.align
}

// band is a strip h tall across the text's width, tinted when fill.
func (d *pdfDoc) band(h float64, fill bool) {
	y := d.pdf.GetY()
	if fill {
		d.pdf.SetFillColor(colourZebra.r, colourZebra.g, colourZebra.b)
		d.pdf.Rect(marginX, y, textW, h, "F")
	}
	d.pdf.SetY(y + h)
}

// newPage starts a page and, for a table with a header row, repeats it.
func (d *pdfDoc) newPage(t *table) {
	d.pdf.AddPage()
	if t.head {
		d.tableHead(t)
	}
}

// tableHead draws a table's header row: bold on the band colour, headings
// wrapped at their words.
func (d *pdfDoc) tableHead(t *table) {
	lh := lineH(t.size())
	d.font("B", t.size(), colourHead)
	lines := make([][]string, len(t.cols))
	n := 1
	for ci, col := range t.cols {
		lines[ci] = d.pdf.SplitText(clean(col.head), col.w)
		n = max(n, len(lines[ci]))
	}
	y := d.pdf.GetY()
	h := float64(n)*lh + 2*cellPad
	d.pdf.SetFillColor(colourBand.r, colourBand.g, colourBand.b)
	d.pdf.Rect(marginX, y, textW, h, "F")
	for k := range n {
		x := marginX
		for ci, col := range t.cols {
			text := ""
			if k < len(lines[ci]) {
				text = lines[ci][k]
			}
			d.pdf.SetXY(x, y+cellPad+float64(k)*lh)
			d.pdf.CellFormat(col.w, lh, text, "", 0, alignOf(col), false, 0, "")
			x += col.w
		}
	}
	d.pdf.SetY(y + h)
}

// field is one label-and-value row.
type field struct {
	label, value string
	warn         bool // the value says something needs doing (bold dark red)
}

// fields draws label-and-value rows: the label in a narrow muted column,
// the value wrapped beside it.
func (d *pdfDoc) fields(fs []field) {
	const labelW = 52.0
	t := &table{cols: []column{{w: labelW}, {w: textW - labelW}}, rules: true}
	for _, f := range fs {
		v := cell{text: f.value}
		if f.warn {
			v.style, v.ink = "B", &colourWarn
		}
		muted := colourMuted
		t.rows = append(t.rows, []cell{{text: f.label, style: "B", ink: &muted}, v})
	}
	d.draw(t)
}

// save writes the paper to path (0600, atomically).
func (d *pdfDoc) save(path string) error {
	return export.WritePrivateFile(path, func(w io.Writer) error {
		return d.pdf.Output(w)
	})
}

// The Go fonts' characters: a character the fonts lack is printed as "?"
// (fpdf would draw an empty box, or refuse a character beyond the Basic
// Multilingual Plane, such as an emoji, and lose the whole paper).
var (
	glyphOnce  sync.Once
	glyphFonts []*sfnt.Font
	glyphMu    sync.Mutex
	glyphKnown = map[rune]bool{}
)

// hasGlyph reports whether every one of the papers' fonts can draw r.
func hasGlyph(r rune) bool {
	if r < 0x7F && r >= 0x20 {
		return true
	}
	if r > 0xFFFF {
		return false
	}
	glyphOnce.Do(func() {
		for _, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF} {
			if f, err := sfnt.Parse(ttf); err == nil {
				glyphFonts = append(glyphFonts, f)
			}
		}
	})
	glyphMu.Lock()
	defer glyphMu.Unlock()
	if ok, seen := glyphKnown[r]; seen {
		return ok
	}
	ok := len(glyphFonts) > 0
	var buf sfnt.Buffer
	for _, f := range glyphFonts {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			ok = false
		}
	}
	glyphKnown[r] = ok
	return ok
}

// clean makes text safe to set: composed (NFC, so that an e and a
// combining accent print as é), line ends as "\n", tabs as spaces, other
// control characters dropped, characters the fonts lack as "?".
func clean(s string) string {
	s = norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r' || r == '\u00A0':
			return ' '
		case unicode.IsControl(r), r == '\u200B', r == '\uFEFF':
			return -1
		case !hasGlyph(r):
			return '?'
		}
		return r
	}, s)
}
