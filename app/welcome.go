package app

import (
	"context"
	"errors"
	"fmt"
	"permanence/data"
	"permanence/data/demo"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/assets"
)

// demoOptions is the demo authority the app loads: 600 children, two years
// of monthly extracts.
var demoOptions = demo.DemoOptions{Children: 600, Months: 24, Seed: 1}

// welcomeView is what an empty store opens on: import an extract, or load
// the demo authority.
type welcomeView struct {
	u        *ui
	obj      fyne.CanvasObject
	importB  *widget.Button
	demoB    *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
	cancel   func()
	stop     *widget.Button
	demo     demo.DemoOptions
}

func newWelcomeView(u *ui) *welcomeView {
	w := &welcomeView{u: u, demo: demoOptions}
	logo := canvas.NewImageFromResource(assets.Icon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(96, 96))
	title := canvas.NewText("Permanence panel", theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextSize() * 2.4
	title.TextStyle.Bold = true
	title.Alignment = fyne.TextAlignCenter
	intro := widget.NewLabel("Track every looked-after child until they have a secure, lasting home: court timescales, " +
		"the adoption journey, long-term fostering, special guardianship and reunification, drift, and the successes to celebrate.\n\n" +
		"There is nothing in this store yet. Import your authority's extract (a tracker spreadsheet as CSV or XLSX, or an SSDA903 return), " +
		"or look around with a made-up demo authority of 600 children first.")
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	w.importB = widget.NewButtonWithIcon("Import an extract…", theme.UploadIcon(), func() { u.importer.choose() })
	w.importB.Importance = widget.HighImportance
	w.demoB = widget.NewButtonWithIcon("Load the demo authority", theme.ComputerIcon(), func() { w.loadDemo() })
	w.progress = widget.NewProgressBar()
	w.progress.Hide()
	w.status = widget.NewLabel("")
	w.status.Alignment = fyne.TextAlignCenter
	w.stop = widget.NewButton("Cancel", func() {
		if w.cancel != nil {
			w.cancel()
		}
	})
	w.stop.Hide()
	hint := note("You can also drop files on this window. Names can be hidden at any time, and are hidden in presentation mode.")
	hint.Alignment = fyne.TextAlignCenter
	card := container.NewVBox(
		container.NewCenter(logo), title, intro,
		container.NewGridWithColumns(2, w.importB, w.demoB),
		w.progress, w.status, container.NewCenter(w.stop), hint)
	w.obj = container.NewCenter(container.New(&fixedWidth{w: 640}, card))
	return w
}

func (w *welcomeView) object() fyne.CanvasObject { return w.obj }

// loadDemo loads the demo authority off the UI goroutine, then opens the
// dashboard.
func (w *welcomeView) loadDemo() {
	u := w.u
	w.importB.Disable()
	w.demoB.Disable()
	w.progress.SetValue(0)
	w.progress.Show()
	w.stop.Show()
	w.status.SetText("Making up a demo authority of " + thousands(w.demo.Children) + " children, " + plural(w.demo.Months, "month", "months") + " of extracts…")
	show := u.bridge.progress(func(done, total int) {
		if total > 0 {
			w.progress.SetValue(float64(done) / float64(total))
			w.status.SetText(fmt.Sprintf("Storing the demo extracts: %s of %s rows…", thousands(done), thousands(total)))
		}
	})
	o := w.demo
	w.cancel = run(u.bridge, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, demo.LoadDemo(ctx, u.store, o, show)
	}, func(_ struct{}, err error) {
		w.cancel = nil
		w.importB.Enable()
		w.demoB.Enable()
		w.stop.Hide()
		w.progress.Hide()
		w.status.SetText("")
		u.figs.Invalidate()
		if err != nil && !errors.Is(err, context.Canceled) {
			u.showError(err)
		}
		u.loadExtracts(func(xs []data.Extract, err error) {
			if err == nil && len(xs) > 0 {
				u.openDashboard()
			}
		})
	})
}

// fixedWidth lays its objects out at a fixed width.
type fixedWidth struct{ w float32 }

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
