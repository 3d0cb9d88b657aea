package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/export"
	"permanence/data/figures"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
)

// This file is every export the app offers: the workbooks of the Export
// menu (panel pack, board summary, SLT report), any list on screen as XLSX
// or CSV, and any chart as a PNG at print resolution for board papers.
//
// Each export has two halves. The work (exportPack, exportList,
// exportChartPNG) writes a file from values captured on the UI goroutine
// and touches no widget, so it runs off the UI goroutine and the tests call
// it directly. The dialogs around it (saveExport, runExport) ask where to
// save, show the progress and say where the file went; errors go through
// the app's one error helper.

// reportKind is a workbook of the Export menu.
type reportKind int

const (
	reportPack  reportKind = iota // the monthly panel pack
	reportBoard                   // the quarterly Corporate Parenting Board summary
	reportSLT                     // the six-monthly senior leadership team report
)

// reportKinds are the Export menu's workbooks, in the menu's order.
var reportKinds = []struct {
	menu string // the menu item
	what string // in sentences: "the panel pack"
	file string // the start of the default file name
}{
	reportPack:  {"Panel pack (XLSX)…", "the panel pack", "panel-pack"},
	reportBoard: {"Board summary (quarterly, XLSX)…", "the board summary", "board-summary"},
	reportSLT:   {"SLT report (6-monthly, XLSX)…", "the SLT report", "slt-report"},
}

// A chart saved as PNG is drawn again at print size, not scaled up from the
// screen: 11 × 6.2 inches at 300 DPI, with text a little larger than on
// screen so it stays legible when the picture is shrunk onto an A4 page.
const (
	printWidth     = 3300
	printHeight    = 1860
	printDPI       = 300
	printFontScale = 1.3
)

// shownList is a list as it is on screen: its columns and its rows, after
// the filters, search and sort, with names hidden when they are hidden.
type shownList struct {
	name     string // the sheet's name, and the start of the file's
	children bool   // the rows are children (so the file is personal data)
	dated    bool   // the name carries its own date (no as-at date in the file name)
	cols     []export.ListColumn
	rows     [][]any
}

// exportList writes a list as XLSX or CSV, by the extension of path. A
// workbook's printed pages say whose figures they are, as at when, for
// which period and which children (page).
func exportList(path string, l shownList, page export.ListPage) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return export.WriteListCSV(path, l.cols, l.rows)
	case ".xlsx":
		return export.WriteListXLSXFor(path, l.name, l.cols, l.rows, page)
	}
	return fmt.Errorf("a list can be saved as .xlsx or .csv, not as %s", filepath.Base(path))
}

// chartPrint is a chart as it is saved: its drawing (safe on any goroutine)
// and, when it is drawn in one colour, that colour.
type chartPrint struct {
	render    func(charts.Style) (image.Image, error)
	caption   string // what the figures are of: authority, as-at date, period, filters
	color     color.Color
	fontScale float64 // 0: printFontScale
}

// printStyle is the light style at print size.
func (c chartPrint) printStyle() charts.Style {
	st := charts.LightStyle(printWidth, printHeight)
	st.DPI = printDPI
	st.FontScale = printFontScale
	if c.fontScale > 0 {
		st.FontScale = c.fontScale
	}
	if c.color != nil {
		st.Palette = []color.Color{c.color}
	}
	return st
}

// exportChartPNG draws a chart again at print size in the light style and
// writes it as PNG (readable by the user only).
func exportChartPNG(path string, c chartPrint) error {
	if c.render == nil {
		return errors.New("the chart has nothing to save yet")
	}
	st := c.printStyle()
	img, err := c.render(st)
	if err != nil {
		return fmt.Errorf("draw the chart: %w", err)
	}
	if img, err = charts.Captioned(img, c.caption, st); err != nil {
		return fmt.Errorf("caption the chart: %w", err)
	}
	return export.WritePrivateFile(path, func(w io.Writer) error { return charts.WritePNG(w, img) })
}

// exportPack writes a workbook of the Export menu for a snapshot: the panel
// pack from the figures on screen (names hidden when hide is set), and the
// board summary and SLT report from the figures service as at the
// snapshot's date, for the whole authority and always anonymous.
func exportPack(ctx context.Context, path string, kind reportKind, svc *figures.Service, snap *snapshot, hide bool) error {
	if snap == nil {
		return errors.New("there are no figures to export yet")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	o := export.ExportOptions{HideNames: hide}
	switch kind {
	case reportPack:
		return export.WritePanelPack(path, snap.fig, o)
	case reportBoard, reportSLT:
		quarters := map[reportKind]int{reportBoard: 4, reportSLT: 8}[kind]
		r := snap.view.request()
		r.Filter, r.Quarters = data.Filter{}, quarters
		f, err := svc.Figures(ctx, r)
		if err != nil {
			return err
		}
		o.HideNames = true
		if kind == reportBoard {
			return export.WriteBoardSummary(path, f, o)
		}
		return export.WriteSLTReport(path, f, o)
	}
	return fmt.Errorf("unknown report %d", kind)
}

// exportJob is one export, captured on the UI goroutine.
type exportJob struct {
	what   string   // in sentences: "the panel pack"
	name   string   // the default file name
	exts   []string // the extensions it may be saved with; the first is the default
	cancel bool     // the work stops when its context is cancelled
	note   string   // what the confirmation says about the file's contents
	write  func(ctx context.Context, path string) error
}

// packJob is a workbook of the Export menu for the figures on screen.
func (u *ui) packJob(kind reportKind) (exportJob, error) {
	snap, hide, s := u.snap, u.hideNames, u.figs
	if snap == nil {
		return exportJob{}, errors.New("there are no figures to export yet: wait until they are worked out, or import an extract first")
	}
	r := reportKinds[kind]
	var changes *figures.ChangesRequest // the pack's Changes sheet: the dates on the Changes screen
	if kind == reportPack {
		changes = u.changes.request()
	}
	j := exportJob{what: r.what, name: r.file + "-" + snap.view.asAt.String() + ".xlsx", exts: []string{".xlsx"},
		write: func(ctx context.Context, path string) error {
			snap, err := packSnapshot(ctx, s, snap, changes)
			if err != nil {
				return err
			}
			return exportPack(ctx, path, kind, s, snap, hide)
		}}
	switch {
	case kind != reportPack:
		j.cancel = true
		j.note = "It holds figures for the whole authority only: no child's name or ID."
		if snap.view.filtered() {
			j.note += " The team, plan and age filters do not apply to it."
		}
	case hide:
		j.note = "Names are hidden in it: children appear by ID only."
	default:
		j.note = "It names children: keep it on the authority's secure systems."
	}
	if kind == reportPack && snap.view.filtered() {
		j.note += " Its figures are for the children shown (" + filterText(snap.view) + ")."
	}
	return j, nil
}

// listJob saves a list as XLSX or CSV (ext is the default: ".xlsx" or ".csv").
func (u *ui) listJob(l shownList, ext string) exportJob {
	exts := []string{".xlsx", ".csv"}
	if ext == ".csv" {
		exts = []string{".csv", ".xlsx"}
	}
	name := u.fileName(l.name, ext)
	if l.dated {
		name = slug(l.name) + ext
	}
	j := exportJob{what: "the list “" + l.name + "”", name: name, exts: exts,
		write: func(_ context.Context, path string) error { return exportList(path, l, u.listPage(l)) }}
	switch {
	case !l.children:
	case u.hideNames:
		j.note = "Names are hidden in it: children appear by initials and ID, as on screen."
	default:
		j.note = "It names children: keep it on the authority's secure systems."
	}
	return j
}

// chartJob saves a chart as PNG.
func (u *ui) chartJob(c *chartView) exportJob {
	p := c.print()
	p.caption = u.figuresCaption()
	j := exportJob{what: "the chart “" + c.name + "”", name: u.fileName(c.name, ".png"), exts: []string{".png"},
		write: func(_ context.Context, path string) error { return exportChartPNG(path, p) }}
	if c.personal {
		j.note = "It shows a child's milestones: keep it on the authority's secure systems."
	}
	return j
}

// fileName is a default file name: the words as a slug, then the as-at date.
func (u *ui) fileName(words, ext string) string {
	name := slug(words)
	if u.snap != nil {
		name += "-" + u.snap.view.asAt.String()
	}
	return name + ext
}

// slug is words in lower case joined by hyphens: "children-in-care".
func slug(words string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(words) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "export"
	}
	return b.String()
}

// exportMenuItems are the Export menu: the three workbooks.
func (u *ui) exportMenuItems() []*fyne.MenuItem {
	items := make([]*fyne.MenuItem, len(reportKinds))
	for k := range reportKinds {
		kind := reportKind(k)
		items[k] = fyne.NewMenuItem(reportKinds[k].menu, func() {
			j, err := u.packJob(kind)
			if err != nil {
				u.showError(err)
				return
			}
			u.saveExport(j)
		})
	}
	return items
}

// showExportMenu opens the Export menu under the side bar's Export button.
func (u *ui) showExportMenu() {
	if u.win.Content() != u.dashboard {
		return
	}
	u.exportMenu = showMenu(u.exportMenuItems(), u.exportBtn)
}

// listMenuItems are the actions on a list: save it as XLSX or CSV. list is
// called when one is chosen, on the UI goroutine.
func (u *ui) listMenuItems(list func() shownList) []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Export list as XLSX…", func() { u.saveExport(u.listJob(list(), ".xlsx")) }),
		fyne.NewMenuItem("Export list as CSV…", func() { u.saveExport(u.listJob(list(), ".csv")) }),
	}
}

// listButton is the small button beside a list that opens its actions.
func (u *ui) listButton(list func() shownList) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("Export list…", theme.DocumentSaveIcon(), func() {
		u.listMenu = showMenu(u.listMenuItems(list), b)
	})
	b.Importance = widget.LowImportance
	return b
}

// exportableChart gives a chart its actions: save it as PNG, and export
// the figures behind it when figures is not nil. name names the file.
func (u *ui) exportableChart(c *chartView, name string, figures func() shownList) {
	c.name = name
	c.actions = func() []*fyne.MenuItem {
		items := []*fyne.MenuItem{fyne.NewMenuItem("Save chart as PNG…", func() { u.saveExport(u.chartJob(c)) })}
		if figures != nil {
			items = append(items,
				fyne.NewMenuItem("Export the figures as XLSX…", func() { u.saveExport(u.listJob(figures(), ".xlsx")) }),
				fyne.NewMenuItem("Export the figures as CSV…", func() { u.saveExport(u.listJob(figures(), ".csv")) }))
		}
		return items
	}
	c.Refresh()
}

// showMenu opens a menu just under an object (above it when there is no
// room below, as for the side bar's buttons) and returns it.
func showMenu(items []*fyne.MenuItem, under fyne.CanvasObject) *widget.PopUpMenu {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(under)
	if c == nil {
		return nil
	}
	m := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	at := fyne.NewPos(0, under.Size().Height)
	if d.AbsolutePositionForObject(under).Y+at.Y+m.MinSize().Height > c.Size().Height {
		at.Y = -m.MinSize().Height
	}
	m.ShowAtRelativePosition(at, under)
	return m
}

// saveExport asks where to save an export, then runs it.
func (u *ui) saveExport(j exportJob) {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(exportProblem(j.what, "", err))
			return
		}
		if w == nil {
			return // cancelled
		}
		// The dialog has created the file (empty): close it, so the
		// finished file can be renamed over it.
		chosen := w.URI().Path()
		w.Close()
		path := withExtension(chosen, j.exts)
		if path != chosen {
			removeIfEmpty(chosen)
		}
		u.runExport(j, path)
	}, u.win)
	fd.SetTitleText("Save " + strings.TrimPrefix(j.what, "the ") + " as")
	fd.SetConfirmText("Save")
	fd.SetFileName(j.name)
	fd.SetFilter(storage.NewExtensionFileFilter(j.exts))
	fd.Resize(u.importer.dialogSize())
	u.saveDialog = fd
	fd.Show()
}

// withExtension keeps path's extension when it is one of exts (in any
// case), and otherwise adds the first.
func withExtension(path string, exts []string) string {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range exts {
		if ext == e {
			return path
		}
	}
	return path + exts[0]
}

// removeIfEmpty removes a file the save dialog created when nothing was
// written to it.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}

// progressDelay is how long an export runs before its progress shows:
// most lists and charts are saved before a dialog could be read.
const progressDelay = 300 * time.Millisecond

// runExport writes an export to path off the UI goroutine, with a progress
// dialog (and Cancel when the work can stop), then says where it went.
func (u *ui) runExport(j exportJob, path string) {
	msg := widget.NewLabel("Saving " + j.what + " as " + filepath.Base(path) + "…")
	msg.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBarInfinite()
	content := container.NewVBox(msg, bar)
	var cancel func()
	if j.cancel {
		var stop *widget.Button
		stop = widget.NewButton("Cancel", func() {
			stop.Disable()
			msg.SetText("Cancelling…")
			if cancel != nil {
				cancel()
			}
		})
		content.Add(stop)
	}
	d := dialog.NewCustomWithoutButtons("Saving", content, u.win)
	d.Resize(fyne.NewSize(480, 160))
	finished, shown := false, false
	u.bridge.after(progressDelay, func() {
		if !finished {
			shown = true
			d.Show()
		}
	})
	st := u.store
	cancel = run(u.bridge, func(ctx context.Context) (struct{}, error) {
		if st.IsStoreFile(path) {
			return struct{}{}, errOutputIsStore(path)
		}
		return struct{}{}, j.write(ctx, path)
	}, func(_ struct{}, err error) {
		finished = true
		bar.Stop()
		if shown {
			d.Hide()
		}
		u.exportDone(j, path, err)
	})
}

// exportDone says where the file went, or what went wrong.
func (u *ui) exportDone(j exportJob, path string, err error) {
	switch {
	case err == nil:
		text := fmt.Sprintf("%s is saved as\n%s\n\nOnly your user account can open the file: other people who use this computer cannot read it.",
			capitalise(j.what), path)
		if j.note != "" {
			text += " " + j.note
		}
		u.lastSaved = text
		u.showNotice("Saved", text)
	case errors.Is(err, context.Canceled):
		removeIfEmpty(path)
		u.showNotice("Not saved", "The export was cancelled: nothing was saved.")
	default:
		removeIfEmpty(path)
		u.showError(exportProblem(j.what, path, err))
	}
}

// exportProblem says in words why an export was not saved, and what to do.
func exportProblem(what, path string, err error) error {
	dir := filepath.Dir(path)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s was not saved: you cannot save files in %s, or the file is open in another program such as Excel. Close the file, or choose another folder such as Documents, and try again", what, dir)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s was not saved: the folder %s cannot be found. Choose another folder and try again", what, dir)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%s was not saved: the disk is full. Free some space, or choose another drive, and try again", what)
	case path == "":
		return fmt.Errorf("%s was not saved: the folder could not be opened (%v). Choose another folder and try again", what, err)
	}
	return fmt.Errorf("%s was not saved to %s. Try again, or choose another folder; if it happens again, tell your IT service desk: %v", what, path, err)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// errOutputIsStore refuses to write an export over the store itself.
func errOutputIsStore(path string) error {
	return fmt.Errorf("%s is the panel's store itself: save the export under another name (nothing was written and the store is unchanged)", filepath.Base(path))
}

// figuresCaption says what the figures on screen are of: "Demo Borough
// Council · as at 31 Mar 2026 · period 1 Apr 2025 to 31 Mar 2026 ·
// children shown: North".
func (u *ui) figuresCaption() string {
	s := u.snap
	if s == nil {
		return ""
	}
	parts := []string{"as at " + ukDate(s.m.AsOf), "period " + s.periodText()}
	if s.authority != "" {
		parts = append([]string{s.authority}, parts...)
	}
	if f := filterText(s.view); f != "" {
		parts = append(parts, "children shown: "+f)
	}
	return strings.Join(parts, " · ")
}

// listPage is an exported list's printed header and footer: the
// authority, the marking, the as-at date, the period and the children shown.
func (u *ui) listPage(l shownList) export.ListPage {
	marking := "OFFICIAL"
	if l.children {
		marking = "OFFICIAL-SENSITIVE"
	}
	pg := export.ListPage{Marking: marking}
	if s := u.snap; s != nil {
		pg.Authority, pg.AsOf = s.authority, s.m.AsOf
		pg.Context = "period " + s.periodText()
		if f := filterText(s.view); f != "" {
			pg.Context += " · children shown: " + f
		}
	}
	return pg
}
