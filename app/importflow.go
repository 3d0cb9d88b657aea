package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data/importer"
	"permanence/data/ssda903"
	"permanence/data/store"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// importFlow imports extracts from the app: choose or drop files, confirm
// the extract date, watch the progress (and cancel), read the report.
type importFlow struct {
	u        *ui
	running  bool
	cancel   func()
	progress dialog.Dialog
	bar      *widget.ProgressBar
	reading  *widget.ProgressBarInfinite
	phase    *widget.Label
	report   dialog.Dialog
	// lastReport is the text of the last report shown (for tests).
	lastReport string
	// gate, if set (tests), holds the import back until it is closed.
	gate chan struct{}
	// addFile adds a file to the import being confirmed (nil when none is).
	addFile func(path string)
	// confirmDialog and confirmDate are the open confirmation (for tests).
	confirmDialog *dialog.FormDialog
	confirmDate   *widget.Entry
}

func newImportFlow(u *ui) *importFlow { return &importFlow{u: u} }

// choose asks what to import: a file, or a folder holding an SSDA903 return.
func (f *importFlow) choose() {
	if f.running {
		return
	}
	var d dialog.Dialog
	file := widget.NewButton("A tracker spreadsheet or SSDA903 table (CSV or XLSX)…", func() {
		d.Hide()
		f.pickFile(func(path string) { f.confirm([]string{path}) })
	})
	folder := widget.NewButton("A folder holding an SSDA903 return (CSV tables)…", func() {
		d.Hide()
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				f.u.showError(err)
				return
			}
			if l == nil {
				return
			}
			f.confirm([]string{l.Path()})
		}, f.u.win)
		fd.Resize(f.dialogSize())
		fd.Show()
	})
	bench := widget.NewButton("Benchmarks: comparators or a newer national release (CSV)…", func() {
		d.Hide()
		f.chooseBenchmarks()
	})
	content := container.NewVBox(
		note("Choose an extract to import. You can also drop one or more files, or a folder, on the window."),
		file, folder,
		note("Or figures to set beside the panel's own: a region's, statistical neighbours' (from LAIT or the DfE's local authority tables) "+
			"or a newer national release, as a CSV of the benchmark table's columns (docs/benchmarks.md)."),
		bench)
	d = dialog.NewCustom("Import an extract", "Cancel", content, f.u.win)
	d.Show()
}

// pickFile opens the file dialog for one CSV or XLSX file and hands its
// path to picked.
func (f *importFlow) pickFile(picked func(path string)) {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			f.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		picked(path)
	}, f.u.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".txt", ".CSV", ".XLSX", ".TXT"}))
	fd.Resize(f.dialogSize())
	fd.Show()
}

func (f *importFlow) dialogSize() fyne.Size {
	sz := f.u.win.Canvas().Size()
	return fyne.NewSize(min(sz.Width*0.9, 1000), min(sz.Height*0.9, 700))
}

// dropped imports files dropped on the window.
func (f *importFlow) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 && !f.running {
		f.confirm(paths)
	}
}

// confirm asks for the extract date, then imports. More files can be
// added to the import from the dialog (Fyne's file dialog picks one at a
// time), so several tracker extracts or the tables of an SSDA903 return can
// be imported together, in one transaction.
func (f *importFlow) confirm(paths []string) {
	paths = append([]string(nil), paths...)
	files := wrapLabel("")
	var proposeDate func()
	showFiles := func() {
		names := make([]string, len(paths))
		for i, p := range paths {
			names[i] = filepath.Base(p)
		}
		files.SetText(strings.Join(names, ", "))
		if proposeDate != nil {
			proposeDate()
		}
	}
	f.addFile = func(path string) {
		for _, p := range paths {
			if p == path {
				return
			}
		}
		paths = append(paths, path)
		showFiles()
	}
	add := widget.NewButton("Add another file…", func() { f.pickFile(f.addFile) })
	// A plain entry, not widget.DateEntry: its validator refuses an empty
	// date, which here means "the date in the file name, else today", and
	// it reads only one date form.
	date := widget.NewEntry()
	hint := widget.NewLabel("")
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	needDate := false
	typed := false
	date.OnChanged = func(string) { typed = true }
	proposeDate = func() {
		d, text, need := proposedDate(paths)
		needDate = need
		hint.SetText(text)
		if !typed {
			date.OnChanged = nil
			date.SetText(d)
			date.OnChanged = func(string) { typed = true }
		}
		date.SetPlaceHolder(map[bool]string{true: "dd/mm/yyyy: required", false: "dd/mm/yyyy"}[need])
		date.Validate() // a date may now be required: the Import button follows
	}
	date.Validator = func(s string) error {
		d, err := data.ParseDate(s)
		switch {
		case err != nil:
			return errors.New("not a date: use 31/03/2026")
		case d.IsZero() && needDate:
			return errors.New("type the date the extract describes")
		}
		return nil
	}
	showFiles() // the date it will use, before the form first validates
	replace := widget.NewCheck("Replace an extract of the same date that is already stored", nil)
	items := []*widget.FormItem{
		widget.NewFormItem("Importing", container.NewBorder(nil, nil, nil, add, files)),
		widget.NewFormItem("Extract date", date),
		widget.NewFormItem("", hint),
		widget.NewFormItem("", replace),
	}
	d := dialog.NewForm("Import an extract", "Import", "Cancel", items, func(ok bool) {
		f.addFile = nil
		if !ok {
			return
		}
		o := importer.ImportOptions{Replace: replace.Checked}
		o.ExtractDate, _ = data.ParseDate(date.Text)
		f.start(paths, o)
	}, f.u.win)
	f.confirmDialog, f.confirmDate = d, date
	d.Resize(fyne.NewSize(720, 340))
	d.Show()
}

// start runs the import off the UI goroutine with a progress dialog.
func (f *importFlow) start(paths []string, o importer.ImportOptions) {
	if f.running {
		return
	}
	f.running = true
	u := f.u
	f.phase = widget.NewLabel("Reading " + plural(len(paths), "file", "files") + "…")
	f.reading = widget.NewProgressBarInfinite()
	f.bar = widget.NewProgressBar()
	f.bar.Hide()
	stop := widget.NewButton("Cancel", nil)
	f.progress = dialog.NewCustomWithoutButtons("Importing", container.NewVBox(f.phase, f.reading, f.bar, stop), u.win)
	f.progress.Resize(fyne.NewSize(480, 160))
	o.Progress = u.bridge.progress(func(done, total int) {
		if f.reading.Visible() {
			f.reading.Stop()
			f.reading.Hide()
			f.bar.Show()
		}
		if total > 0 {
			f.bar.SetValue(float64(done) / float64(total))
		}
		f.phase.SetText(fmt.Sprintf("Storing %s of %s children…", thousands(done), thousands(total)))
	})
	gate := f.gate
	f.cancel = run(u.bridge, func(ctx context.Context) ([]data.ImportResult, error) {
		if gate != nil {
			<-gate
		}
		return importer.ImportPaths(ctx, u.store, paths, o)
	}, func(res []data.ImportResult, err error) {
		f.running = false
		f.cancel = nil
		f.reading.Stop()
		f.progress.Hide()
		f.finished(paths, o, res, err)
	})
	stop.OnTapped = func() {
		stop.Disable()
		f.phase.SetText("Cancelling…")
		if f.cancel != nil {
			f.cancel()
		}
	}
	f.progress.Show()
}

// finished reports an import's outcome.
func (f *importFlow) finished(paths []string, o importer.ImportOptions, res []data.ImportResult, err error) {
	u := f.u
	if len(res) > 0 {
		u.figs.Invalidate()
		f.afterImport()
	}
	var inErr *data.InputError
	var same *store.SameDateError
	switch {
	case err == nil:
		f.showReport("Import finished", reportText(res, u.hideNames))
	case errors.Is(err, context.Canceled):
		text := "The import was cancelled. Nothing was imported."
		if len(res) > 0 {
			text = "The import was cancelled after " + plural(len(res), "extract was", "extracts were") + " stored:\n\n" + reportText(res, u.hideNames)
		}
		f.showReport("Import cancelled", text)
	case errors.As(err, &inErr):
		f.showReport("Nothing was imported", problemsText(inErr, u.hideNames))
	case errors.As(err, &same):
		f.confirmReplace(same, paths, o)
	case errors.Is(err, importer.ErrDemoStore):
		f.offerOwnStore(paths, o)
	default:
		u.showError(fmt.Errorf("the import did not finish, and nothing more was imported: %w", err))
	}
}

// afterImport shows the new data: the dashboard opens (from the welcome
// view) or moves to the latest extract.
func (f *importFlow) afterImport() {
	u := f.u
	u.loadExtracts(func(xs []data.Extract, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		// The latest extract: what was just imported is usually it.
		latest := data.NoDate
		for _, x := range xs {
			latest = max(latest, x.Date)
		}
		if !latest.IsZero() {
			u.view.asAt = latest
		}
		if u.win.Content() != u.dashboard {
			u.openDashboard()
			return
		}
		u.reloadDates()
		u.recompute()
	})
}

func (f *importFlow) showReport(title, text string) {
	f.lastReport = text
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Close", container.NewVScroll(body), f.u.win)
	sz := f.u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(sz.Width*0.8, 900), min(sz.Height*0.8, 600)))
	f.report = d
	d.Show()
}

func (f *importFlow) closeReport() {
	if f.report != nil {
		f.report.Hide()
		f.report = nil
	}
}

// reportText says what each import did (with names, dates of birth and
// the like hidden when hide is set).
func reportText(res []data.ImportResult, hide bool) string {
	var b strings.Builder
	for i, r := range res {
		if i > 0 {
			b.WriteString("\n\n")
		}
		x := r.Extract
		fmt.Fprintf(&b, "%s — extract of %s\n", x.FileName, ukDate(x.Date))
		if r.AlreadyImported {
			fmt.Fprintf(&b, "This file was imported before (on %s): nothing has changed.", x.ImportedAt.Local().Format("2 Jan 2006"))
			continue
		}
		fmt.Fprintf(&b, "Rows read: %s\nChildren added: %s\nChildren updated: %s\nWarnings: %s",
			thousands(r.RowsRead), thousands(r.Added), thousands(r.Updated), thousands(len(r.Warnings)))
		if r.Replaced != nil {
			fmt.Fprintf(&b, "\nReplaced the extract of the same date imported on %s.", r.Replaced.ImportedAt.Local().Format("2 Jan 2006"))
		}
		for j, t := range r.Tables {
			if j == 0 {
				b.WriteString("\n\nSSDA903 tables found:")
			}
			fmt.Fprintf(&b, "\n• %s (%s rows): %s", t.Name, thousands(t.Rows), t.Use)
		}
		if len(r.IgnoredColumns) > 0 && len(r.Tables) == 0 {
			fmt.Fprintf(&b, "\nColumns ignored (not part of the panel's data set): %s", strings.Join(r.IgnoredColumns, ", "))
		}
		const shown = 50
		for j, w := range r.Warnings {
			if j == 0 {
				b.WriteString("\n\nWarnings (the rows were imported; check these values):")
			}
			if j == shown {
				fmt.Fprintf(&b, "\n… and %s more: see Data quality.", thousands(len(r.Warnings)-shown))
				break
			}
			b.WriteString("\n• " + warningText(w, data.Extract{}, hide))
		}
	}
	return b.String()
}

// problemsText lists every fatal problem with its row and column (with
// sensitive values hidden when hide is set).
func problemsText(e *data.InputError, hide bool) string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("One problem was found, so nothing was imported. Correct the file and import it again.\n")
	} else {
		fmt.Fprintf(&b, "%s problems were found, so nothing was imported. Correct the file and import it again.\n", thousands(len(e.Problems)))
	}
	for _, p := range e.Problems {
		b.WriteString("\n• ")
		b.WriteString(filepath.Base(p.File))
		if p.Row > 0 {
			fmt.Fprintf(&b, ", row %d", p.Row)
		}
		if p.Column != "" {
			fmt.Fprintf(&b, ", column “%s”", p.Column)
		}
		if p.Value != "" {
			fmt.Fprintf(&b, " (“%s”)", sensitiveValue(p.Column, p.Value, hide))
		}
		b.WriteString(": ")
		b.WriteString(warningMessage(p.Why, hide))
	}
	return b.String()
}

// confirmReplace asks before an import replaces the extract of its date,
// saying what would be lost: the stored extract and its children.
func (f *importFlow) confirmReplace(same *store.SameDateError, paths []string, o importer.ImportOptions) {
	text := fmt.Sprintf("An extract dated %s is already stored: %s, with %s.\n\n"+
		"Replacing it discards that extract and its %s, and keeps only the %s in %s.\n\n"+
		"To keep both, choose Cancel, then import this file together with the stored extract's files: "+
		"the files of one date become one extract.", ukDate(same.Stored.Date), same.Stored.FileName,
		plural(same.Stored.Rows, "child", "children"), plural(same.Stored.Rows, "child", "children"),
		plural(same.Children, "child", "children"), same.FileName)
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Replace the stored extract?", "Replace and discard it", "Cancel", msg, func(ok bool) {
		if ok {
			o.Replace = true
			f.start(paths, o)
		}
	}, f.u.win)
	d.Resize(fyne.NewSize(560, 280))
	d.Show()
}

// offerOwnStore explains that the demo authority never takes real
// extracts, and offers to open the user's own store and import there.
func (f *importFlow) offerOwnStore(paths []string, o importer.ImportOptions) {
	u := f.u
	own, err := store.DefaultPath()
	if err != nil {
		u.showError(err)
		return
	}
	msg := widget.NewLabel("This is the demo authority: its children are made up, and a real extract is never " +
		"imported into it, so that no real child is mixed with a made-up one. Nothing was imported.\n\n" +
		"Open your own store (" + own + ") and import the file there?")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Real data into the demo?", "Open my store and import", "Cancel", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := u.switchStore(own); err != nil {
			u.showError(err)
			return
		}
		f.start(paths, o)
	}, u.win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

// proposedDate is the extract date an import will use, before anything is
// imported: the date in the tracker files' names (all the same), or none
// found, which the user must then type. An SSDA903 return alone is dated
// by its year end. It returns the date as the entry shows it, a sentence
// for beside it, and whether a date must be typed.
func proposedDate(paths []string) (string, string, bool) {
	var trackers []string
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && !ssda903.IsSSDA903File(p) {
			trackers = append(trackers, filepath.Base(p))
		}
	}
	if len(trackers) == 0 {
		return "", "An SSDA903 return is dated by the end of its latest collection year; type a date only to use another.", false
	}
	dates := map[data.Date][]string{}
	for _, name := range trackers {
		d := importer.DateFromFileName(name)
		if d.IsZero() {
			return "", "No extract date was found in the name of " + name + ": type the date the extract describes (the date its figures are as at).", true
		}
		dates[d] = append(dates[d], name)
	}
	if len(dates) > 1 {
		var parts []string
		for d, names := range dates {
			parts = append(parts, d.UK()+" ("+strings.Join(names, ", ")+")")
		}
		sort.Strings(parts)
		return "", "Each file is dated by its name: " + strings.Join(parts, "; ") + ". Type a date only to give them all another.", false
	}
	var d data.Date
	for d = range dates {
	}
	return d.UK(), "From the file name. Change it if the extract describes another date.", false
}
