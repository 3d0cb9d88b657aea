package app

import (
	"image"
	"image/color"
	"image/draw"
	"permanence/data"
	"permanence/data/export"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
)

// tile is a headline number with its caption; tapping it shows the children
// behind the number.
type tile struct {
	widget.BaseWidget
	bg      *canvas.Rectangle
	value   *canvas.Text
	caption *widget.Label
	note    *widget.Label
	// bench is the published figures beside the number (England's, the
	// authority's comparators) with their periods: a small line at the
	// foot, hidden when there are none.
	bench   *widget.Label
	onTap   func()
	hovered bool // the mouse is over it
	tip     *tooltip
	// colorName colours the number (the primary colour unless set).
	colorName fyne.ThemeColorName
}

// tipTile is what a clickable tile's tooltip says.
const tipTile = "Click to list the children behind this number"

// tooltip is a small note drawn over a widget while the mouse is on it
// (Fyne has no tooltips of its own): what a click there does.
type tooltip struct {
	bg    *canvas.Rectangle
	label *canvas.Text
	obj   *fyne.Container
}

func newTooltip() *tooltip {
	t := &tooltip{bg: canvas.NewRectangle(color.Black), label: canvas.NewText("", color.White)}
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.label.TextSize = theme.CaptionTextSize() * 1.1
	t.obj = container.NewStack(t.bg, container.New(layout.NewCustomPaddedLayout(3, 3, 6, 6), t.label))
	t.obj.Hide()
	return t
}

// show shows text with its top left corner near pos, kept inside area.
func (t *tooltip) show(text string, pos fyne.Position, area fyne.Size) {
	if text == "" {
		t.hide()
		return
	}
	t.bg.FillColor = themeColor(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = themeColor(theme.ColorNamePrimary)
	t.bg.StrokeWidth = 1
	t.label.Color = themeColor(theme.ColorNameForeground)
	t.label.Text = text
	t.label.Refresh()
	sz := t.obj.MinSize()
	x := min(pos.X+14, area.Width-sz.Width)
	y := pos.Y + 18
	if y+sz.Height > area.Height {
		y = pos.Y - sz.Height - 6
	}
	t.obj.Resize(sz)
	t.obj.Move(fyne.NewPos(max(x, 0), max(y, 0)))
	t.obj.Show()
	t.obj.Refresh()
}

func (t *tooltip) hide() {
	if t.obj.Visible() {
		t.obj.Hide()
	}
}

// text is what the tooltip shows ("" when hidden).
func (t *tooltip) text() string {
	if !t.obj.Visible() {
		return ""
	}
	return t.label.Text
}

func newTile(caption string, onTap func()) *tile {
	t := &tile{
		bg:        canvas.NewRectangle(themeColor(colorNameTile)),
		value:     canvas.NewText("–", theme.Color(theme.ColorNamePrimary)),
		caption:   widget.NewLabel(caption),
		note:      widget.NewLabel(""),
		bench:     widget.NewLabel(""),
		onTap:     onTap,
		tip:       newTooltip(),
		colorName: theme.ColorNamePrimary,
	}
	t.bg.CornerRadius = theme.InputRadiusSize() * 2
	t.value.TextSize = theme.TextSize() * 2.6
	t.value.TextStyle.Bold = true
	t.caption.Wrapping = fyne.TextWrapWord
	t.note.Wrapping = fyne.TextWrapWord
	t.note.SizeName = theme.SizeNameCaptionText
	t.note.Hide()
	t.bench.Wrapping = fyne.TextWrapWord
	t.bench.SizeName = theme.SizeNameCaptionText
	t.bench.TextStyle.Italic = true
	t.bench.Hide()
	t.ExtendBaseWidget(t)
	return t
}

// set shows a count and an optional note under the caption.
func (t *tile) set(n int, note string) { t.setText(thousands(n), note) }

// setText shows any text as the number.
func (t *tile) setText(value, note string) {
	t.value.Text = value
	t.note.SetText(note)
	if note == "" {
		t.note.Hide()
	} else {
		t.note.Show()
	}
	t.Refresh()
}

// setBenchmark shows the published figures beside the number ("" hides
// the line).
func (t *tile) setBenchmark(text string) {
	if text == t.bench.Text && t.bench.Visible() == (text != "") {
		return
	}
	t.bench.SetText(text)
	if text == "" {
		t.bench.Hide()
	} else {
		t.bench.Show()
	}
	t.Refresh()
}

func (t *tile) Refresh() {
	t.bg.FillColor = themeColor(colorNameTile)
	if t.hovered && t.onTap != nil {
		t.bg.FillColor = themeColor(theme.ColorNameHover)
		t.bg.StrokeColor = themeColor(theme.ColorNamePrimary)
		t.bg.StrokeWidth = 1
	} else {
		t.bg.StrokeWidth = 0
	}
	t.value.Color = themeColor(t.colorName)
	t.BaseWidget.Refresh()
}

func (t *tile) CreateRenderer() fyne.WidgetRenderer {
	body := container.NewVBox(container.NewPadded(t.value), t.caption, t.note, t.bench)
	return widget.NewSimpleRenderer(container.NewStack(t.bg, container.NewPadded(body), container.NewWithoutLayout(t.tip.obj)))
}

// Tapped shows the children behind the number.
func (t *tile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Cursor says the tile can be clicked.
func (t *tile) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn shows that the tile can be clicked: it lights up, is outlined
// and a tooltip says what a click does.
func (t *tile) MouseIn(e *desktop.MouseEvent) { t.hovered = true; t.MouseMoved(e); t.Refresh() }

// MouseMoved keeps the tooltip by the mouse.
func (t *tile) MouseMoved(e *desktop.MouseEvent) {
	if t.onTap != nil {
		t.tip.show(tipTile, e.Position, t.Size())
	}
}

// MouseOut puts the tile back as it was.
func (t *tile) MouseOut() { t.hovered = false; t.tip.hide(); t.Refresh() }

// countLink is a count written as a link: tapping it shows the children.
func countLink(n int, onTap func()) *widget.Hyperlink {
	h := widget.NewHyperlink(thousands(n), nil)
	h.OnTapped = onTap
	return h
}

// chartView draws a chart at the real pixel size of its place on screen,
// in the theme's colours, and draws it again whenever it is resized.
type chartView struct {
	widget.BaseWidget
	raster    *canvas.Raster
	render    func(charts.Style) (image.Image, error)
	fontScale float64
	minHeight float32
	onTap     func(x, y float32) // position as fractions of the size
	// hint says what is under the mouse and what a click there does
	// ("Adoption: 42 children. Click to list them"), shown as a tooltip;
	// "" where there is nothing to click.
	hint    func(x, y float32) string
	tip     *tooltip
	onDrawn func() // told after the first real render
	// colorName, when set, colours every bar and line (green for good news).
	colorName fyne.ThemeColorName
	// actions, when set, are the chart's menu (save as PNG, export the
	// figures): a small button in its top right corner opens it, and so
	// does a right click anywhere on the chart.
	actions   func() []*fyne.MenuItem
	name      string            // names the saved file
	personal  bool              // it shows one child (the timeline)
	printFont float64           // the font scale when saved (0: printFontScale)
	button    *widget.Button    // opens the menu
	menu      *widget.PopUpMenu // the menu last opened (tests look at it)

	cache        image.Image
	lastStyle    charts.Style // the style of the last render, for hit tests
	cacheW       int
	cacheH       int
	cacheVersion int
	version      int
}

func newChartView(minHeight float32) *chartView {
	c := &chartView{minHeight: minHeight, fontScale: 1, tip: newTooltip()}
	c.raster = canvas.NewRaster(c.generate)
	c.button = widget.NewButtonWithIcon("", theme.DocumentSaveIcon(), func() { c.showMenu(nil) })
	c.button.Importance = widget.LowImportance
	c.button.Hide()
	c.ExtendBaseWidget(c)
	return c
}

// showMenu opens the chart's actions under its button, or at a point.
func (c *chartView) showMenu(at *fyne.PointEvent) {
	if c.actions == nil {
		return
	}
	if at == nil {
		c.menu = showMenu(c.actions(), c.button)
		return
	}
	cv := fyne.CurrentApp().Driver().CanvasForObject(c)
	if cv == nil {
		return
	}
	c.menu = widget.NewPopUpMenu(fyne.NewMenu("", c.actions()...), cv)
	c.menu.ShowAtPosition(at.AbsolutePosition)
}

// TappedSecondary opens the chart's actions where it was right-clicked.
func (c *chartView) TappedSecondary(e *fyne.PointEvent) { c.showMenu(e) }

// print is the chart as it is saved: the same drawing, in the light theme's
// colours.
func (c *chartView) print() chartPrint {
	p := chartPrint{render: c.render, fontScale: c.printFont}
	if c.colorName != "" {
		p.color = newPanelTheme(themeLight).Color(c.colorName, theme.VariantLight)
	}
	return p
}

// set replaces the chart and draws it again.
func (c *chartView) set(render func(charts.Style) (image.Image, error)) {
	c.render = render
	c.version++
	c.raster.Refresh()
}

// redraw draws the chart again (after a theme change).
func (c *chartView) redraw() {
	c.version++
	c.raster.Refresh()
}

func (c *chartView) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	if c.cache != nil && c.cacheW == w && c.cacheH == h && c.cacheVersion == c.version {
		return c.cache
	}
	if c.render == nil {
		return blankImage(w, h, themeColor(theme.ColorNameBackground))
	}
	scale := float32(1)
	if sz := c.Size(); sz.Width > 0 {
		scale = float32(w) / sz.Width
	}
	st := chartStyle(w, h, scale, c.fontScale)
	if c.colorName != "" {
		st.Palette = []color.Color{themeColor(c.colorName)}
	}
	if c.actions != nil {
		// The title stops short of the menu button over the corner.
		st.TitleInset = int(c.button.MinSize().Width * scale)
	}
	c.lastStyle = st
	img, err := c.render(st)
	if err != nil || img == nil {
		img = blankImage(w, h, themeColor(theme.ColorNameBackground))
	}
	c.cache, c.cacheW, c.cacheH, c.cacheVersion = img, w, h, c.version
	if c.onDrawn != nil {
		f := c.onDrawn
		c.onDrawn = nil
		f()
	}
	return img
}

func blankImage(w, h int, col color.Color) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(col), image.Point{}, draw.Src)
	return img
}

func (c *chartView) MinSize() fyne.Size { return fyne.NewSize(200, c.minHeight) }

func (c *chartView) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c, objects: []fyne.CanvasObject{c.raster, c.button, c.tip.obj}}
}

// Refresh shows the chart's button when it has actions.
func (c *chartView) Refresh() {
	if c.actions != nil {
		c.button.Show()
	} else {
		c.button.Hide()
	}
	c.BaseWidget.Refresh()
}

// chartRenderer lays the chart out with its button in the top right corner.
type chartRenderer struct {
	c       *chartView
	objects []fyne.CanvasObject
}

func (r *chartRenderer) Layout(size fyne.Size) {
	r.c.raster.Move(fyne.NewPos(0, 0))
	r.c.raster.Resize(size)
	b := r.c.button.MinSize()
	r.c.button.Resize(b)
	r.c.button.Move(fyne.NewPos(size.Width-b.Width, 0))
}

func (r *chartRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *chartRenderer) Refresh()                     { r.c.raster.Refresh(); r.Layout(r.c.Size()) }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}

// Cursor is a pointing hand over a chart whose bars can be clicked.
func (c *chartView) Cursor() desktop.Cursor {
	if c.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// MouseIn shows the tooltip of what is under the mouse.
func (c *chartView) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved shows the tooltip of what is under the mouse, if anything.
func (c *chartView) MouseMoved(e *desktop.MouseEvent) {
	sz := c.Size()
	if c.hint == nil || sz.Width <= 0 || sz.Height <= 0 {
		return
	}
	c.tip.show(c.hint(e.Position.X/sz.Width, e.Position.Y/sz.Height), e.Position, sz)
}

// MouseOut hides the tooltip.
func (c *chartView) MouseOut() { c.tip.hide() }

// Tapped passes the tap on as a position within the chart.
func (c *chartView) Tapped(e *fyne.PointEvent) {
	if c.onTap == nil {
		return
	}
	sz := c.Size()
	if sz.Width <= 0 || sz.Height <= 0 {
		return
	}
	c.onTap(e.Position.X/sz.Width, e.Position.Y/sz.Height)
}

// heading is a section title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// sectionWith is a titled block of a screen with an action at the right of
// its title (a list's Export button).
func sectionWith(title string, action fyne.CanvasObject, body ...fyne.CanvasObject) fyne.CanvasObject {
	top := container.NewBorder(nil, nil, nil, action, heading(title))
	return container.NewVBox(append([]fyne.CanvasObject{top}, body...)...)
}

// note is a small explanatory line.
func note(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Italic = true
	return l
}

// section is a titled block of a screen.
func section(title string, body ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(append([]fyne.CanvasObject{heading(title)}, body...)...)
}

// measureRow is a line of a measure list: its words and its clickable count.
type measureRow struct {
	label *widget.Label
	count *widget.Hyperlink
	extra *widget.Label
	key   data.Key
}

func newMeasureRow(label string, onTap func(key data.Key)) *measureRow {
	r := &measureRow{label: widget.NewLabel(label), extra: widget.NewLabel("")}
	r.label.Wrapping = fyne.TextWrapWord
	r.count = widget.NewHyperlink("–", nil)
	r.count.OnTapped = func() {
		if r.key != "" {
			onTap(r.key)
		}
	}
	r.extra.Importance = widget.LowImportance
	return r
}

func (r *measureRow) set(key data.Key, n int, extra string) {
	r.key = key
	r.count.SetText(thousands(n))
	r.extra.SetText(extra)
}

func (r *measureRow) object() fyne.CanvasObject {
	right := container.NewHBox(r.count, r.extra)
	return container.NewBorder(nil, nil, nil, right, r.label)
}

// minHeight gives an object (a table, say) a height inside a scroll.
type minHeightLayout struct{ h float32 }

func (l *minHeightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.h)
}

func (l *minHeightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func withHeight(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	return container.New(&minHeightLayout{h: h}, o)
}

// quarterTable is a small table of trend figures by quarter.
type quarterTable struct {
	grid     *fyne.Container
	headings []string
	values   [][]any // the figures of each row, for exports
}

// shown is the table as a list to export.
func (q *quarterTable) shown(name string) shownList {
	l := shownList{name: name, rows: q.values}
	for _, h := range q.headings {
		l.cols = append(l.cols, export.ListColumn{Heading: h})
	}
	return l
}

func newQuarterTable() *quarterTable {
	return &quarterTable{grid: container.NewGridWithColumns(1)}
}

// set fills the table: the headings then one row of cells per quarter;
// values are the same figures as values, for exports.
func (q *quarterTable) set(headings []string, rows [][]fyne.CanvasObject, values [][]any) {
	q.headings, q.values = headings, values
	q.grid.Layout = layout.NewGridLayoutWithColumns(len(headings))
	q.grid.Objects = q.grid.Objects[:0]
	for _, h := range headings {
		q.grid.Add(widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, r := range rows {
		for _, c := range r {
			q.grid.Add(c)
		}
	}
	q.grid.Refresh()
}

// fixed gives an object a fixed minimum width (selects that would
// otherwise truncate their choice).
func fixed(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.New(&fixedWidth{w: w}, o)
}

// flowLayout lays objects out left to right at their minimum sizes and
// starts a new row when the next would not fit, so that a narrow window
// shows every filter rather than scrolling some out of sight.
type flowLayout struct{ wrapped }

// wrapped is what a layout that wraps its objects onto rows keeps: the
// width it was last laid out in and the rows that needed, so that its
// minimum height follows the width it is given.
type wrapped struct {
	width float32 // the width last laid out in (0: not yet)
	rows  int     // the rows that width needed
	owner *fyne.Container
}

// laidOut notes a layout at width that needed rows; when the rows change,
// the container is asked to lay out again with the height they need.
func (w *wrapped) laidOut(width float32, rows int) {
	if width == w.width {
		return
	}
	w.width = width
	if rows != w.rows {
		w.rows = rows
		if w.owner != nil {
			owner := w.owner
			fyne.Do(func() { owner.Refresh() })
		}
	}
}

// newFlow is a container whose objects flow onto as many rows as they need.
func newFlow(objects ...fyne.CanvasObject) *fyne.Container {
	l := &flowLayout{}
	c := container.New(l, objects...)
	l.owner = c
	return c
}

// place returns each visible object's position for a width, and the
// height used.
func (l *flowLayout) place(objects []fyne.CanvasObject, width float32, layOut bool) (rows int, height float32) {
	pad := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		sz := o.MinSize()
		if x > 0 && x+sz.Width > width {
			x, y = 0, y+rowH+pad
			rowH = 0
			rows++
		}
		if layOut {
			o.Move(fyne.NewPos(x, y))
			o.Resize(sz)
		}
		x += sz.Width + pad
		rowH = max(rowH, sz.Height)
	}
	if rowH > 0 {
		rows++
	}
	return rows, y + rowH
}

func (l *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	rows, _ := l.place(objects, size.Width, true)
	l.laidOut(size.Width, rows)
}

// MinSize is as wide as the widest object and as tall as the rows the
// width last laid out in needs (one row before the first layout).
func (l *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var widest, tallest float32
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		sz := o.MinSize()
		widest, tallest = max(widest, sz.Width), max(tallest, sz.Height)
	}
	if l.width <= 0 {
		return fyne.NewSize(widest, tallest)
	}
	_, h := l.place(objects, l.width, false)
	return fyne.NewSize(widest, h)
}

// gridLayout is a grid of equal columns, as many as fit at least minCol
// wide (at most cols), on as many rows as the objects need: six tiles in a
// row on a wide screen, three in two rows on a small laptop.
type gridLayout struct {
	wrapped
	cols   int
	minCol float32
}

// newGrid is a grid of at most cols columns, each at least minCol wide.
func newGrid(cols int, minCol float32, objects ...fyne.CanvasObject) *fyne.Container {
	l := &gridLayout{cols: cols, minCol: minCol}
	c := container.New(l, objects...)
	l.owner = c
	return c
}

// columns is how many columns fit in width; when not all of them do, the
// rows are balanced (six tiles as two rows of three, not five and one).
func (l *gridLayout) columns(width float32) int {
	pad := theme.Padding()
	n := max(1, min(int((width+pad)/(l.minCol+pad)), l.cols))
	if n < l.cols {
		rows := (l.cols + n - 1) / n
		n = (l.cols + rows - 1) / rows
	}
	return n
}

// place lays the objects out (when layOut) and returns the rows and height.
func (l *gridLayout) place(objects []fyne.CanvasObject, width float32, layOut bool) (rows int, height float32) {
	pad := theme.Padding()
	cols := l.columns(width)
	colW := (width - pad*float32(cols-1)) / float32(cols)
	var visible []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			visible = append(visible, o)
		}
	}
	y := float32(0)
	for start := 0; start < len(visible); start += cols {
		row := visible[start:min(start+cols, len(visible))]
		rowH := float32(0)
		for _, o := range row {
			rowH = max(rowH, o.MinSize().Height)
		}
		if layOut {
			for i, o := range row {
				o.Move(fyne.NewPos(float32(i)*(colW+pad), y))
				o.Resize(fyne.NewSize(colW, rowH))
			}
		}
		if rows > 0 {
			height += pad
		}
		y += rowH + pad
		height += rowH
		rows++
	}
	return rows, height
}

func (l *gridLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	rows, _ := l.place(objects, size.Width, true)
	l.laidOut(size.Width, rows)
}

// MinSize is one column wide and as tall as the width last laid out in
// needs (every column in one row before the first layout).
func (l *gridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := l.width
	if width <= 0 {
		width = float32(l.cols)*(l.minCol+theme.Padding()) - theme.Padding()
	}
	_, h := l.place(objects, width, false)
	return fyne.NewSize(l.minCol, h)
}
