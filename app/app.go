// Package app is the permanence panel's desktop dashboard, built with Fyne:
// one file per screen (overview, court, adoption, plans, celebrations,
// children, a child's timeline, data quality, presentation mode, import and
// the welcome view), a theme, and one bridge (bridge.go) where work done off
// the UI goroutine hands its results to widgets through fyne.Do.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"permanence/data/demo"
	"permanence/data/figures"
	"permanence/data/store"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/assets"
	"permanence/data"
)

// Options are the desktop app's start-up choices.
type Options struct {
	// Demo loads the synthetic demo authority into the store when it holds
	// no extracts yet (the store must not hold real extracts).
	Demo bool
	// Present starts in presentation mode.
	Present bool
	// Tour walks through every screen for the screenshot script: before
	// each screen it prints "tour: NAME" on standard output once the screen
	// is drawn, then waits for a line on standard input; after the last it
	// quits. The first line is "ready: overview drawn after N ms".
	Tour bool
}

// AppID is the application's unique ID (as in FyneApp.toml).
const AppID = "uk.org.permanence.panel"

// Run opens the store at storePath and runs the desktop app until its
// window is closed.
func Run(storePath string, opts Options) error {
	started := time.Now()
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(newPanelTheme(a.Preferences().String(prefTheme)))
	a.SetIcon(assets.Icon)
	s, err := store.Open(storePath)
	if err != nil {
		showStartError(a, storePath, err)
		return err
	}
	defer s.Close()
	w := a.NewWindow("Permanence panel")
	w.SetIcon(assets.Icon)
	w.Resize(fyne.NewSize(defaultWidth, defaultHeight))
	u := newUI(a, w, s, opts)
	u.started = started
	w.SetMaster()
	u.start()
	u.warnStorePlace(storePath)
	stopWatching := u.watchStore()
	backedUp := dailyBackup(s)
	w.ShowAndRun()
	stopWatching() // no more queries on a store about to close
	<-backedUp     // a backup begun is finished before the store closes
	if u.store != s {
		u.store.Close() // the user's own store, opened from the demo
	}
	return nil
}

// dailyBackup makes the store's daily backup (panel.md, "Integrity") on a
// goroutine of its own, so the window opens at once; the channel closes
// when it is done. A backup that fails is said on stderr: the app goes on.
func dailyBackup(s *store.Store) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := s.DailyBackup(context.Background()); err != nil {
			fmt.Fprintf(os.Stderr, "permanence: the daily backup of %s was not made: %v\n", s.Path(), err)
		}
	}()
	return done
}

// showStartError tells the user, in a window, why the store could not be
// opened, and waits for them to close it.
func showStartError(a fyne.App, path string, err error) {
	w := a.NewWindow("Permanence panel: the store cannot be opened")
	w.SetIcon(assets.Icon)
	msg := widget.NewLabel(fmt.Sprintf("The panel's store %s could not be opened:\n\n%v\n\nNothing was changed. "+
		"Copies of the store (made daily, before every import and before upgrades) are in the backups folder beside it: "+
		"'permanence restore FILE' puts one back, keeping this store in the backups folder too.", path, err))
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), widget.NewButton("Close", a.Quit)), nil, nil,
		container.NewPadded(msg)))
	w.Resize(fyne.NewSize(640, 280))
	w.SetMaster()
	w.ShowAndRun()
}

// The window's first size fits a 1366×768 laptop screen with its taskbar.
const defaultWidth, defaultHeight = 1280, 720

// screen is one view of the dashboard.
type screen interface {
	name() string  // short key, used by the tour: "overview"
	title() string // as the navigation shows it
	icon() fyne.Resource
	object() fyne.CanvasObject
	update(s *snapshot) // on the UI goroutine, with the latest snapshot
}

// ui is the running dashboard.
type ui struct {
	app   fyne.App
	win   fyne.Window
	store *store.Store
	figs  *figures.Service
	// extracts are the stored extracts as last read (loadExtracts).
	extracts []data.Extract
	// dataVersion is the store's data version when last looked at
	// (watch.go): it changes when another program writes to the store.
	versionMu   sync.Mutex
	dataVersion int64
	bridge      *bridge
	opts        Options

	started   time.Time
	hideNames bool
	view      view
	snap      *snapshot
	seq       int
	cancel    func()

	screens []screen
	current int
	updated map[int]*snapshot

	dashboard fyne.CanvasObject
	body      *fyne.Container
	nav       *widget.List
	navBusy   bool

	asAt                     *widget.Select
	asAtDates                []data.Date
	period, team, plan, ages *widget.Select
	filterBar                *fyne.Container // the as-at date, period and filters, on as many rows as the width needs
	hide                     *widget.Check
	status                   *widget.Label
	activity                 *widget.Activity
	title                    *widget.Label

	overview     *overviewScreen
	court        *courtScreen
	adoption     *adoptionScreen
	plans        *plansScreen
	celebrations *celebrationsScreen
	children     *childrenScreen
	panel        *panelScreen
	actions      *actionsScreen
	escalations  *escalationsScreen
	changes      *changesScreen
	quality      *qualityScreen
	settings     *settingsScreen
	timeline     *timelineView
	present      *presentation
	welcome      *welcomeView
	importer     *importFlow

	drill      dialog.Dialog // the open drill-down, if any
	drillTable *childTable   // its list
	drillTitle string
	onApply    []func() // told once after the next snapshot is shown

	exportBtn  *widget.Button     // the side bar's Export menu
	exportMenu *widget.PopUpMenu  // the Export menu last opened
	listMenu   *widget.PopUpMenu  // a list's menu last opened
	saveDialog *dialog.FileDialog // the save dialog last opened
	lastSaved  string             // the last confirmation of a saved export
	lastError  string             // the last error shown
}

func newUI(a fyne.App, w fyne.Window, s *store.Store, opts Options) *ui {
	u := &ui{app: a, win: w, store: s, figs: figures.New(s), bridge: &bridge{}, opts: opts,
		started: time.Now(), updated: map[int]*snapshot{}}
	u.view.periodMonths = periodSetting
	u.overview = newOverviewScreen(u)
	u.court = newCourtScreen(u)
	u.adoption = newAdoptionScreen(u)
	u.plans = newPlansScreen(u)
	u.celebrations = newCelebrationsScreen(u)
	u.children = newChildrenScreen(u)
	u.quality = newQualityScreen(u)
	u.settings = newSettingsScreen(s, u.bridge, func() { u.recompute() })
	u.settings.onTheme = func(choice string) {
		a.Preferences().SetString(prefTheme, choice)
		a.Settings().SetTheme(newPanelTheme(choice)) // every screen and chart redraws (themeChanged)
	}
	u.settings.theme.Selected = themeLabels[themeIndex(a.Preferences().String(prefTheme))]
	u.actions = newActionsScreen(u)
	u.escalations = newEscalationsScreen(u)
	u.changes = newChangesScreen(u)
	u.panel = newPanelScreen(u)
	u.screens = []screen{u.overview, u.court, u.adoption, u.plans, u.celebrations, u.children, u.panel, u.actions, u.escalations, u.changes, u.quality, u.settings, newHelpScreen()}
	u.timeline = newTimelineView(u)
	u.present = newPresentation(u)
	u.welcome = newWelcomeView(u)
	u.importer = newImportFlow(u)
	u.dashboard = u.buildDashboard()
	u.bridge.onBusy = func(n int) {
		if n > 0 {
			u.activity.Show()
			u.activity.Start()
		} else {
			u.activity.Stop()
			u.activity.Hide()
		}
	}
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.importer.dropped(uris) })
	// A change of theme (light or dark) draws every chart again in its colours.
	a.Settings().AddListener(func(fyne.Settings) { u.themeChanged() })
	u.addShortcuts()
	if a.Preferences().Bool(prefHideNames) {
		u.setHideNames(true)
	}
	return u
}

// start shows the welcome view or the dashboard, depending on the store,
// once its extracts have been read off the UI goroutine.
func (u *ui) start() {
	u.loadExtracts(func(xs []data.Extract, err error) {
		if err != nil {
			u.win.SetContent(u.welcome.object())
			u.showError(err)
			return
		}
		if len(xs) == 0 {
			u.win.SetContent(u.welcome.object())
			if u.opts.Demo {
				u.welcome.loadDemo()
			} else if u.opts.Tour && tour != nil {
				tour(u, true)
			}
			return
		}
		u.openDashboard()
		if u.opts.Demo {
			for _, x := range xs {
				if x.Kind != data.KindDemo {
					u.showError(demo.ErrRealData)
					break
				}
			}
		}
	})
}

// loadExtracts reads the stored extracts off the UI goroutine, keeps them
// for the as-at picker, and hands them to done on the UI goroutine.
func (u *ui) loadExtracts(done func([]data.Extract, error)) {
	st := u.store
	run(u.bridge, func(ctx context.Context) ([]data.Extract, error) {
		return st.Extracts(ctx)
	}, func(xs []data.Extract, err error) {
		if err == nil {
			u.extracts = xs
		}
		done(xs, err)
	})
}

// openDashboard shows the dashboard on the latest extract.
func (u *ui) openDashboard() {
	u.win.SetContent(u.dashboard)
	u.reloadDates()
	u.show(0)
	if u.opts.Present {
		u.whenApplied(func() { u.present.open(0) })
	}
	if u.opts.Tour && tour != nil {
		u.whenApplied(func() { tour(u, false) })
	}
	u.recompute()
}

// reloadDates fills the as-at picker from the extracts last read and picks the
// latest when no date is chosen yet (a chosen date, an extract's or
// another, is kept and listed).
func (u *ui) reloadDates() {
	xs := u.extracts
	seen := map[data.Date]bool{}
	u.asAtDates = u.asAtDates[:0]
	for i := len(xs) - 1; i >= 0; i-- {
		if d := xs[i].Date; !seen[d] {
			seen[d] = true
			u.asAtDates = append(u.asAtDates, d)
		}
	}
	opts := make([]string, len(u.asAtDates))
	for i, d := range u.asAtDates {
		opts[i] = ukDate(d)
	}
	if u.view.asAt.IsZero() && len(u.asAtDates) > 0 {
		u.view.asAt = u.asAtDates[0]
	}
	if u.view.asAt.IsZero() {
		u.view.asAt = data.Today()
	}
	if !seen[u.view.asAt] {
		opts = append(opts, ukDate(u.view.asAt))
	}
	// "Another date…" first: with two years of monthly extracts it would
	// otherwise sit below the fold of the list.
	u.asAt.Options = append([]string{chooseDate}, opts...)
	u.asAt.Selected = ukDate(u.view.asAt)
	u.asAt.Refresh()
}

const chooseDate = "Another date…"

// navRowHeight is the height of a row of the navigation.
const navRowHeight = 40

func (u *ui) buildDashboard() fyne.CanvasObject {
	u.title = widget.NewLabelWithStyle("Permanence panel", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.asAt = widget.NewSelect(nil, func(s string) {
		if s == chooseDate {
			u.asAt.Selected = ukDate(u.view.asAt)
			u.asAt.Refresh()
			u.chooseAsAt()
			return
		}
		d, err := data.ParseDate(s)
		if err != nil || d == u.view.asAt {
			return
		}
		u.setAsAt(d)
	})
	periods := make([]string, len(periodChoices))
	for i, p := range periodChoices {
		periods[i] = p.label
	}
	u.period = widget.NewSelect(periods, func(string) {
		if i := u.period.SelectedIndex(); i >= 0 && periodChoices[i].months != u.view.periodMonths {
			u.view.periodMonths = periodChoices[i].months
			u.recompute()
		}
	})
	u.period.Selected = periods[0]
	u.team = u.filterSelect([]string{allTeams}, allTeams, &u.view.filter.Team)
	planOpts := []string{allPlans}
	for _, p := range data.Plans {
		planOpts = append(planOpts, p.Label())
	}
	u.plan = u.filterSelect(planOpts, allPlans, &u.view.filter.Plan)
	u.ages = u.filterSelect(append([]string{allAges}, data.AgeBands...), allAges, &u.view.filter.AgeBand)
	u.hide = widget.NewCheck("Hide names", func(b bool) { u.setHideNames(b) })
	// On a narrow window the filters wrap onto a second row rather than
	// scroll out of sight; Hide names stays at the right at any width.
	u.filterBar = newFlow(
		container.NewHBox(widget.NewLabel("As at"), fixed(u.asAt, 140)),
		fixed(u.period, 190), fixed(u.team, 175), fixed(u.plan, 200), fixed(u.ages, 130))
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewVBox(u.title), container.NewVBox(u.hide), u.filterBar), widget.NewSeparator())

	u.nav = widget.NewList(
		func() int { return len(u.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Celebrations xx"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(u.screens[id].icon())
			row.Objects[1].(*widget.Label).SetText(u.screens[id].title())
		})
	for i := range u.screens {
		u.nav.SetItemHeight(i, navRowHeight)
	}
	u.nav.OnSelected = func(id widget.ListItemID) {
		if !u.navBusy {
			u.show(id)
		}
	}
	importBtn := widget.NewButtonWithIcon("Import…", theme.UploadIcon(), func() { u.importer.choose() })
	presentBtn := widget.NewButtonWithIcon("Present", theme.ComputerIcon(), func() { u.present.open(0) })
	presentBtn.Importance = widget.HighImportance
	u.exportBtn = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), u.showExportMenu)
	left := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), presentBtn, u.exportBtn, importBtn), nil, nil, u.nav)

	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.activity = widget.NewActivity()
	u.activity.Hide()
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, u.activity, u.status))

	u.body = container.NewStack()
	split := container.NewHSplit(left, u.body)
	split.Offset = 0.14
	return container.NewBorder(top, bottom, nil, nil, split)
}

func (u *ui) addShortcuts() {
	c := u.win.Canvas()
	for i := range min(len(u.screens), 9) { // Ctrl+1 … Ctrl+9: there is no Ctrl+10
		c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { u.show(i) })
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.importer.choose() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.present.open(0) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.showExportMenu() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.setHideNames(!u.hideNames) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.app.Quit() })
}

// chooseAsAt asks for an as-at date that is not an extract date.
func (u *ui) chooseAsAt() {
	e := widget.NewDateEntry()
	t := u.view.asAt.Time()
	e.SetDate(&t)
	d := dialog.NewForm("Show the figures as at", "Show", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Date", e)}, func(ok bool) {
			if !ok || e.Date == nil {
				return
			}
			u.setAsAt(data.DateOf(*e.Date))
		}, u.win)
	// Wide enough to read the whole date, not "31/03/20".
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// setAsAt changes the as-at date and works the figures out again.
func (u *ui) setAsAt(d data.Date) {
	u.view.asAt = d
	u.reloadDates()
	u.recompute()
}

// recompute works out the snapshot for the current view off the UI
// goroutine; a newer request supersedes an older one.
func (u *ui) recompute() {
	if u.cancel != nil {
		u.cancel()
	}
	u.seq++
	seq, v := u.seq, u.view
	u.status.SetText("Working out the figures as at " + ukDate(v.asAt) + "…")
	u.cancel = run(u.bridge, func(ctx context.Context) (*snapshot, error) {
		return buildSnapshot(ctx, u.figs, v)
	}, func(s *snapshot, err error) {
		if seq != u.seq {
			return // superseded by a newer view
		}
		u.cancel = nil
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				u.showError(err)
			}
			return
		}
		s.seq = seq
		u.apply(s)
	})
}

// apply shows a new snapshot on the current screen; the others catch up
// when they are shown.
func (u *ui) apply(s *snapshot) {
	u.snap = s
	// The first period is the authority's usual one: say its length.
	if usual := fmt.Sprintf("Usual: %s", data.MonthsText(s.m.Thresholds.PeriodMonths)); u.period.Options[0] != usual {
		u.period.Options[0] = usual
		if u.view.periodMonths == periodSetting {
			u.period.Selected = usual
		}
		u.period.Refresh()
	}
	teams := append([]string{allTeams}, s.teams...)
	u.team.Options = teams
	u.team.Refresh()
	name := s.authority
	if name == "" {
		name = "Permanence panel"
	} else {
		name = "Permanence panel · " + name
	}
	u.title.SetText(name)
	u.win.SetTitle(name)
	u.status.SetText(u.statusText(s))
	if u.timeline.visible() {
		u.timeline.reload()
	} else {
		u.show(u.current)
	}
	if u.present.active() {
		u.present.update(s)
	}
	fns := u.onApply
	u.onApply = nil
	for _, f := range fns {
		f()
	}
}

func (u *ui) statusText(s *snapshot) string {
	parts := []string{
		plural(s.m.Count(data.KeyInCare), "child", "children") + " in care as at " + ukDate(s.view.asAt),
		"period " + s.periodText(),
	}
	if s.view.periodMonths == periodLastQuarter {
		parts[1] = "period " + data.QuarterName(s.m.AsOf.QuarterStart(), s.m.Thresholds.FinancialQuarters) +
			" (the last complete quarter, " + s.periodText() + ")"
	}
	if f := filterText(s.view); f != "" {
		parts = append(parts, "filtered: "+f)
	}
	if n := len(s.extracts); n > 0 {
		parts = append(parts, plural(n, "extract", "extracts")+" stored, latest "+ukDate(s.extracts[n-1].Date))
	}
	return strings.Join(parts, " · ")
}

// filterText says the view's filters in words ("North, plan adoption"),
// or "" when nothing is filtered.
func filterText(v view) string {
	var f []string
	if v.filter.Team != "" {
		f = append(f, v.filter.Team)
	}
	if v.filter.Plan != "" {
		f = append(f, "plan "+strings.ToLower(v.filter.Plan))
	}
	if v.filter.AgeBand != "" {
		f = append(f, "aged "+strings.ToLower(v.filter.AgeBand))
	}
	return strings.Join(f, ", ")
}

// whenApplied runs f once the next snapshot is on screen.
func (u *ui) whenApplied(f func()) { u.onApply = append(u.onApply, f) }

// show switches to screen i.
func (u *ui) show(i int) {
	if i < 0 || i >= len(u.screens) {
		return
	}
	u.timeline.hide()
	u.current = i
	sc := u.screens[i]
	u.body.Objects = []fyne.CanvasObject{sc.object()}
	if u.snap != nil && u.updated[i] != u.snap {
		sc.update(u.snap)
		u.updated[i] = u.snap
	}
	u.body.Refresh()
	u.navBusy = true
	u.nav.Select(i)
	u.navBusy = false
}

// prefHideNames keeps the Hide names switch across restarts.
const prefHideNames = "hide_names"

// setHideNames hides or shows children's names everywhere, and remembers it.
func (u *ui) setHideNames(b bool) {
	if u.hideNames == b {
		return
	}
	u.hideNames = b
	u.app.Preferences().SetBool(prefHideNames, b)
	if u.hide.Checked != b {
		u.hide.SetChecked(b)
	}
	u.updated = map[int]*snapshot{}
	if u.timeline.visible() {
		u.timeline.redraw()
	} else if u.snap != nil {
		u.show(u.current)
	}
}

// themeChanged draws the screens and charts again in the new theme.
func (u *ui) themeChanged() {
	u.updated = map[int]*snapshot{}
	switch {
	case u.present.active():
		u.present.update(u.snap)
	case u.timeline.visible():
		u.timeline.chart.redraw()
	case u.snap != nil && u.win.Content() == u.dashboard:
		u.show(u.current)
	}
}

// names reports whether names are hidden now.
func (u *ui) names() bool { return u.hideNames }

// drillDown shows the children behind a count key.
func (u *ui) drillDown(title string, key data.Key) {
	if u.snap == nil {
		return
	}
	u.showChildrenWith(title, u.snap.members(key), drillColumns[key])
}

// drillColumns are the drill-downs that show how long each child has been
// waiting, longest first.
var drillColumns = map[data.Key]*column{
	data.KeyProceedings:            sinceColumn("Time since issue", func(c *data.Child) data.Date { return c.ProceedingsIssued }),
	data.KeyProceedingsOver26Weeks: sinceColumn("Time since issue", func(c *data.Child) data.Date { return c.ProceedingsIssued }),
	data.KeyPreProceedings:         sinceColumn("Time in pre-proceedings", func(c *data.Child) data.Date { return c.PreProceedingsStart }),
	data.KeyAwaitingRevocation:     sinceColumn("Time since adoption ended", func(c *data.Child) data.Date { return c.AdoptionPlanEnded }),
}

func sinceColumn(title string, f func(c *data.Child) data.Date) *column {
	c := colSince(title, f)
	return &c
}

// showError tells the user what went wrong in a sentence.
func (u *ui) showError(err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	if len(msg) > 0 {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	u.lastError = msg
	d := dialog.NewError(errors.New(msg), u.win)
	d.Show()
}

// tour walks the screens for the screenshot script (Options.Tour). Only a
// build with the tour tag has one (tour.go): the production start-up never
// reaches it.
var tour func(u *ui, atWelcome bool)

// TourBuilt reports whether this build can take the screenshot tour.
func TourBuilt() bool { return tour != nil }

// filterSelect is one of the global filters: choosing an option other than
// all sets *field (all clears it) and recomputes every view.
func (u *ui) filterSelect(options []string, all string, field *string) *widget.Select {
	sel := widget.NewSelect(options, func(s string) {
		if s == all {
			s = ""
		}
		if s != *field {
			*field = s
			u.recompute()
		}
	})
	sel.Selected = all
	return sel
}
