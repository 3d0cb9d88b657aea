package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
	"permanence/data/figures"
)

// changesScreen is what changed between two dates (issue 13): by default
// since the last panel, between its last two meetings. Its counts open
// the children behind them; below them, the disruptions, the changes of
// plan (with the placement orders they leave to revoke) and the plans the
// case system holds that differ from the panel's. The changes are worked
// out by the figures service off the UI goroutine, for the children the
// filters show.
type changesScreen struct {
	u     *ui
	obj   fyne.CanvasObject
	since *widget.Select
	from  *widget.Select
	to    *widget.Select
	about *widget.Label
	tiles map[string]*tile

	disruptions *changeList[disruptionRow]
	planChanges *changeList[planChangeRow]
	differs     *changeList[differsRow]

	choice   sinceChoice
	fromDate data.Date // the dates compared: chosen, or the choice's defaults as last worked out
	toDate   data.Date
	dates    []changeDate   // what the date pickers offer, latest first
	meetings []data.Meeting // as last read, to say which dates are meetings

	snap    *snapshot     // the figures the changes are for
	ch      *data.Changes // the changes shown; nil while none are worked out
	loading bool
	seq     int
	cancel  func()

	drill      *panelTable[eventRow] // the drill-down open last (tests read it)
	drillKey   string
	drillTitle string
}

// sinceChoice is how the two dates are chosen.
type sinceChoice int

const (
	sinceTracking sinceChoice = iota // the last two tracking panels held
	sinceAdoption                    // the last two adoption panels held
	sinceExtracts                    // the last two extracts
	sinceChosen                      // two dates the user chose
)

var sinceChoices = []struct {
	label  string
	kind   data.PanelKind
	panels string // "tracking panels"
}{
	sinceTracking: {"Since the last tracking panel", data.PanelTracking, "tracking panels"},
	sinceAdoption: {"Since the last adoption panel", data.PanelAdoption, "adoption panels"},
	sinceExtracts: {"Between the last two extracts", "", ""},
	sinceChosen:   {"Between two dates I choose", "", ""},
}

// changeCategories are the counts the screen shows, in the order of
// data.Changes.Categories, with the words of a tile and a slide.
var changeCategories = []struct {
	key, caption string
}{
	{data.CategoryCameIntoCare, "Came into care"},
	{data.CategoryLeftCare, "Left care"},
	{data.CategoryPlanChanged, "Plan changed (then → now)"},
	{data.CategoryBecameDrifting, "Began drifting"},
	{data.CategoryStoppedDrifting, "Stopped drifting"},
	{data.CategoryProceedingsConcluded, "Proceedings concluded"},
	{data.CategoryAchievedPermanence, "Achieved permanence"},
	{data.CategoryDisruptions, "Disruptions"},
	{data.CategoryPlanChanges, "Changes of plan"},
	{data.CategoryCaseSystemDiffers, "Plan differs from the panel's"},
}

func newChangesScreen(u *ui) *changesScreen {
	s := &changesScreen{u: u, tiles: map[string]*tile{}}
	labels := make([]string, len(sinceChoices))
	for i, c := range sinceChoices {
		labels[i] = c.label
	}
	s.since = widget.NewSelect(labels, func(string) {
		c := sinceChoice(s.since.SelectedIndex())
		if c < 0 || c == s.choice {
			return
		}
		s.choice = c
		if c != sinceChosen {
			s.reload()
		}
	})
	s.since.Selected = labels[0]
	s.from = widget.NewSelect(nil, func(string) { s.picked(s.from, &s.fromDate, "Compare from") })
	s.to = widget.NewSelect(nil, func(string) { s.picked(s.to, &s.toDate, "Compare up to") })
	s.about = note("")
	tiles := make([]fyne.CanvasObject, len(changeCategories))
	for i, c := range changeCategories {
		key := c.key
		t := newTile(c.caption, func() { s.openCategory(key) })
		s.tiles[key] = t
		tiles[i] = t
	}
	s.disruptions = newChangeList(u, "Disruptions", s.disruptionCols(), func(r *disruptionRow) string { return r.ChildID },
		"No placement meant to be permanent ended between these dates.")
	s.planChanges = newChangeList(u, "Changes of plan", s.planChangeCols(), func(r *planChangeRow) string { return r.ChildID },
		"No child's permanence plan changed between these dates.")
	s.differs = newChangeList(u, "Plan differs from the panel's", s.differsCols(), func(r *differsRow) string { return r.ChildID },
		"No child whose plan changed has a plan in the case system that differs from the one the panel endorsed.")
	between := newFlow(
		container.NewHBox(widget.NewLabel("Compare"), fixed(s.since, 270)),
		container.NewHBox(widget.NewLabel("from"), fixed(s.from, 290)),
		container.NewHBox(widget.NewLabel("up to"), fixed(s.to, 290)))
	body := container.NewVBox(heading("Changes"), between, s.about, newGrid(5, 160, tiles...),
		s.disruptions.obj, s.planChanges.obj, s.differs.obj)
	page := container.NewVScroll(container.NewPadded(body))
	s.disruptions.page, s.planChanges.page, s.differs.page = page, page, page
	s.obj = page
	return s
}

func (s *changesScreen) name() string              { return "changes" }
func (s *changesScreen) title() string             { return "Changes" }
func (s *changesScreen) icon() fyne.Resource       { return theme.HistoryIcon() }
func (s *changesScreen) object() fyne.CanvasObject { return s.obj }

// update works the changes out again for new figures (another as-at
// date, filter or an import), or shows names hidden or shown.
func (s *changesScreen) update(snap *snapshot) {
	if snap == s.snap {
		s.redraw()
		return
	}
	s.snap = snap
	s.reload()
}

// forSnapshot is the changes for a snapshot when they are worked out
// (the slide's), else nil, starting the work when it is not under way.
func (s *changesScreen) forSnapshot(snap *snapshot) *data.Changes {
	if snap != s.snap {
		s.snap = snap
		s.reload()
	}
	if s.loading {
		return nil
	}
	return s.ch
}

// request is the changes the panel pack's Changes sheet shows: between
// the dates on this screen, or, before it has worked them out, the
// choice's defaults.
func (s *changesScreen) request() *figures.ChangesRequest {
	if s.snap != nil && s.snap == s.u.snap && s.ch != nil {
		return &figures.ChangesRequest{From: s.ch.From, To: s.ch.To}
	}
	if s.choice == sinceChosen && !s.fromDate.IsZero() && s.fromDate < s.toDate {
		return &figures.ChangesRequest{From: s.fromDate, To: s.toDate}
	}
	return &figures.ChangesRequest{Kind: sinceChoices[s.choice].kind}
}

// changesLoaded is what reload reads and works out off the UI goroutine.
type changesLoaded struct {
	dates    []changeDate
	meetings []data.Meeting
	from, to data.Date
	ch       *data.Changes
}

// reload reads the dates on offer, works out the choice's dates (unless
// chosen) and the changes between them, off the UI goroutine.
func (s *changesScreen) reload() {
	snap := s.snap
	if snap == nil {
		return
	}
	if s.cancel != nil {
		s.cancel()
	}
	s.seq++
	seq, choice, from, to := s.seq, s.choice, s.fromDate, s.toDate
	st, svc := s.u.store, s.u.figs
	s.loading = true
	s.about.SetText("Working out what changed…")
	s.cancel = run(s.u.bridge, func(ctx context.Context) (changesLoaded, error) {
		var l changesLoaded
		xs, err := st.Extracts(ctx)
		if err != nil {
			return l, err
		}
		if l.meetings, err = st.Meetings(ctx); err != nil {
			return l, err
		}
		l.dates = changeDatesOf(xs, l.meetings)
		if choice != sinceChosen {
			if from, to, err = svc.ChangeDates(ctx, sinceChoices[choice].kind, snap.view.asAt); err != nil {
				return l, err
			}
		}
		l.from, l.to = from, to
		if from.IsZero() || to.IsZero() || from >= to {
			return l, nil // said on screen: choose a first date before the second
		}
		l.ch, err = svc.Changes(ctx, from, to, snap.view.filter)
		return l, err
	}, func(l changesLoaded, err error) {
		if seq != s.seq {
			return // superseded
		}
		s.cancel, s.loading = nil, false
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				s.u.showError(err)
			}
			s.ch = nil
			s.redraw()
			return
		}
		s.dates, s.meetings = l.dates, l.meetings
		s.fromDate, s.toDate, s.ch = l.from, l.to, l.ch
		s.redraw()
		if s.u.present.active() {
			s.u.present.update(s.u.snap)
		}
	})
}

// picked is a date chosen in one of the pickers: the changes between the
// dates as they now stand.
func (s *changesScreen) picked(sel *widget.Select, date *data.Date, title string) {
	i := sel.SelectedIndex()
	switch {
	case i < 0:
		return
	case i == 0: // Another date…
		s.showDates()
		s.chooseDate(title, *date, func(d data.Date) { s.setDate(date, d) })
		return
	}
	if d := s.optionDates()[i-1]; d != *date {
		s.setDate(date, d)
	}
}

// setDate sets one of the two dates, and the choice to dates chosen.
func (s *changesScreen) setDate(date *data.Date, d data.Date) {
	*date = d
	s.choice = sinceChosen
	s.since.Selected = sinceChoices[sinceChosen].label
	s.since.Refresh()
	s.showDates()
	s.reload()
}

// chooseDate asks for a date that is not on offer.
func (s *changesScreen) chooseDate(title string, d data.Date, chosen func(data.Date)) {
	e := widget.NewDateEntry()
	if d.IsZero() {
		d = data.Today()
	}
	t := d.Time()
	e.SetDate(&t)
	f := dialog.NewForm(title, "Compare", "Cancel", []*widget.FormItem{widget.NewFormItem("Date", e)}, func(ok bool) {
		if ok && e.Date != nil {
			chosen(data.DateOf(*e.Date))
		}
	}, s.u.win)
	f.Resize(fyne.NewSize(420, f.MinSize().Height))
	f.Show()
	s.u.win.Canvas().Focus(e) // type the date straight away
}

// changeDate is a date the pickers offer: an extract's, a meeting's held,
// or both.
type changeDate struct {
	date data.Date
	what []string // "extract", "tracking panel"
}

func (d changeDate) label() string {
	if len(d.what) == 0 {
		return ukDate(d.date)
	}
	return ukDate(d.date) + " · " + strings.Join(d.what, ", ")
}

// changeDatesOf are the extracts' dates and those of the meetings held
// (or closed), latest first, each once.
func changeDatesOf(xs []data.Extract, ms []data.Meeting) []changeDate {
	at := map[data.Date]*changeDate{}
	add := func(d data.Date, what string) {
		c := at[d]
		if c == nil {
			c = &changeDate{date: d}
			at[d] = c
		}
		if !slices.Contains(c.what, what) {
			c.what = append(c.what, what)
		}
	}
	for _, x := range xs {
		add(x.Date, "extract")
	}
	for _, m := range ms {
		if m.Status == data.MeetingHeld || m.Status == data.MeetingClosed {
			add(m.Date, strings.ToLower(panelKindShort(m.Kind))+" panel")
		}
	}
	out := make([]changeDate, 0, len(at))
	for _, c := range at {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].date > out[j].date })
	return out
}

// optionDates are the dates the pickers offer, in their order (after
// "Another date…"): those on offer, and the two compared when they are not.
func (s *changesScreen) optionDates() []data.Date {
	ds := make([]data.Date, 0, len(s.dates)+2)
	for _, d := range s.dates {
		ds = append(ds, d.date)
	}
	for _, d := range []data.Date{s.fromDate, s.toDate} {
		if !d.IsZero() && !slices.Contains(ds, d) {
			ds = append(ds, d)
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] > ds[j] })
	return ds
}

// showDates fills the pickers and shows the two dates compared.
func (s *changesScreen) showDates() {
	labels := map[data.Date]string{}
	for _, d := range s.dates {
		labels[d.date] = d.label()
	}
	ds := s.optionDates()
	opts := []string{chooseDate}
	for _, d := range ds {
		if l, ok := labels[d]; ok {
			opts = append(opts, l)
		} else {
			opts = append(opts, ukDate(d))
		}
	}
	for _, p := range []struct {
		sel *widget.Select
		d   data.Date
	}{{s.from, s.fromDate}, {s.to, s.toDate}} {
		p.sel.Options = opts
		p.sel.Selected = ""
		if !p.d.IsZero() {
			p.sel.Selected = opts[1+slices.Index(ds, p.d)]
		}
		p.sel.Refresh()
	}
}

// redraw shows the changes as last worked out (names hidden or shown).
func (s *changesScreen) redraw() {
	s.showDates()
	ch := s.ch
	s.about.SetText(s.aboutText())
	counts := map[string]data.ChangeCategory{}
	if ch != nil {
		for _, c := range ch.Categories() {
			counts[c.Key] = c
		}
	}
	for _, c := range changeCategories {
		t := s.tiles[c.key]
		cat, ok := counts[c.key]
		switch {
		case !ok:
			t.setText("–", "")
		case len(cat.ChildIDs) != cat.Count && (c.key == data.CategoryBecameDrifting || c.key == data.CategoryStoppedDrifting):
			t.set(cat.Count, "flags, for "+plural(len(cat.ChildIDs), "child", "children"))
		case len(cat.ChildIDs) != cat.Count:
			t.set(cat.Count, "for "+plural(len(cat.ChildIDs), "child", "children"))
		default:
			t.set(cat.Count, "")
		}
	}
	s.disruptions.set(s.disruptionRows(), "")
	revoke := ""
	if ch != nil {
		revoke = "A change away from adoption leaves a placement order to revoke: the target is " +
			data.MonthsText(ch.Thresholds.AdoptionEndedMonths) + " from the change."
	}
	s.planChanges.set(s.planChangeRows(), revoke)
	s.differs.set(s.differsRows(), "")
	if s.drill != nil {
		s.drill.table.Refresh()
	}
}

// aboutText says which dates are compared, for which children, and how.
func (s *changesScreen) aboutText() string {
	switch {
	case s.loading:
		return "Working out what changed…"
	case s.fromDate.IsZero() || s.toDate.IsZero():
		return "Choose the two dates to compare."
	case s.fromDate >= s.toDate:
		return fmt.Sprintf("Choose a first date before the second: %s is not before %s.", ukDate(s.fromDate), ukDate(s.toDate))
	case s.ch == nil:
		return "The changes could not be worked out."
	}
	text := s.whichDates() + fmt.Sprintf(": what changed after %s, up to and including %s", ukDate(s.fromDate), ukDate(s.toDate))
	if s.snap != nil && s.snap.view.filtered() {
		text += ", for the children shown (" + filterText(s.snap.view) + ")"
	}
	return text + ". Click a number to see the children behind it."
}

// whichDates says where the dates come from: the last two panels, the
// last two extracts, or the user ("Between the last two extracts by 31
// Mar 2026").
func (s *changesScreen) whichDates() string {
	asAt := ""
	if s.snap != nil {
		asAt = ukDate(s.snap.view.asAt)
	}
	c := sinceChoices[s.choice]
	switch s.choice {
	case sinceTracking, sinceAdoption:
		if s.heldOn(c.kind, s.fromDate) && s.heldOn(c.kind, s.toDate) {
			return fmt.Sprintf("Between the last two %s held by %s", c.panels, asAt)
		}
		if s.isExtract(s.fromDate) && s.isExtract(s.toDate) {
			return fmt.Sprintf("Fewer than two %s were held by %s, so between the last two extracts", c.panels, asAt)
		}
		return fmt.Sprintf("Fewer than two %s were held by %s", c.panels, asAt)
	case sinceExtracts:
		return "Between the last two extracts by " + asAt
	}
	return "Between the dates chosen"
}

// isExtract reports whether an extract is dated d.
func (s *changesScreen) isExtract(d data.Date) bool {
	for _, c := range s.dates {
		if c.date == d {
			return slices.Contains(c.what, "extract")
		}
	}
	return false
}

// heldOn reports whether a meeting of kind was held on d.
func (s *changesScreen) heldOn(kind data.PanelKind, d data.Date) bool {
	for _, m := range s.meetings {
		if m.Kind == kind && m.Date == d && (m.Status == data.MeetingHeld || m.Status == data.MeetingClosed) {
			return true
		}
	}
	return false
}

// childName is a child the changes name, as lists show them.
func (s *changesScreen) childName(id string) string {
	if s.ch != nil {
		if c := s.ch.Child(id); c != nil {
			return c.DisplayName(s.u.hideNames)
		}
	}
	return id
}

// child is a child's state at the later date (nil when unknown).
func (s *changesScreen) child(id string) *data.Child {
	if s.ch == nil {
		return nil
	}
	return s.ch.Child(id)
}

// packSnapshot is snap with the changes req asks for added to its figures,
// for the panel pack's Changes sheet: the figures on screen, worked out
// again by nothing but the changes (which the service usually has cached).
// It runs off the UI goroutine.
func packSnapshot(ctx context.Context, svc *figures.Service, snap *snapshot, req *figures.ChangesRequest) (*snapshot, error) {
	if req == nil {
		return snap, nil
	}
	from, to := req.From, req.To
	if from.IsZero() || to.IsZero() {
		var err error
		if from, to, err = svc.ChangeDates(ctx, req.Kind, snap.view.asAt); err != nil {
			return nil, err
		}
	}
	ch, err := svc.Changes(ctx, from, to, snap.view.filter)
	if err != nil {
		return nil, fmt.Errorf("work out the changes for the pack: %w", err)
	}
	f := *snap.fig
	f.Changes = ch
	out := *snap
	out.fig = &f
	return &out, nil
}
