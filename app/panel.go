package app

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
	"permanence/data/figures"
	"permanence/data/panel"
	"permanence/data/store"
)

// The Panel section (panel.md): the meetings, upcoming and past; a new
// meeting; a planned meeting's agenda (panel_agenda.go); a held meeting,
// one child at a time, with the record typed as the panel speaks
// (panel_room.go, panel_form.go), saved as it is typed (panel_save.go);
// a closed meeting read-only, amended with a reason (panel_history.go).

// panelScreen is the Panel section of the navigation. It shows the list
// of meetings or one open meeting.
type panelScreen struct {
	u       *ui
	obj     *fyne.Container // the list or the open meeting
	list    *meetingList
	builder *agendaBuilder // the planned meeting open, if any
	room    *meetingRoom   // the held or closed meeting open, if any

	svcStore *store.Store
	svcFigs  *figures.Service
	svc      *panel.Service

	who      string // the operating system's user: who saves
	hidden   bool   // names were hidden when the screen was last drawn
	attached bool   // the navigation, Ctrl+Q and the window's close are hooked

	// autosaveDelay is the pause after the last keystroke before what was
	// typed is saved; recomputeDelay the pause after the last save before
	// the figures are worked out again (the panel's review dates change
	// drift flags).
	autosaveDelay  time.Duration
	recomputeDelay time.Duration
	recomputeGen   int
}

// formFile names the record form in the domain's messages.
const formFile = "the form"

// The Help screen lists the meeting's keys, before Quit.
func init() {
	keys := [][2]string{
		{"Ctrl+Page Down, Alt+→", "In a panel meeting: the next child (also while typing in the record)"},
		{"Ctrl+Page Up, Alt+←", "In a panel meeting: the previous child"},
	}
	at := len(shortcuts)
	for i, s := range shortcuts {
		if s[0] == "Ctrl+Q" {
			at = i
		}
	}
	shortcuts = append(shortcuts[:at], append(keys, shortcuts[at:]...)...)
}

func newPanelScreen(u *ui) *panelScreen {
	s := &panelScreen{u: u, who: store.OSUser(), autosaveDelay: 1500 * time.Millisecond, recomputeDelay: 4 * time.Second}
	s.list = newMeetingList(s)
	s.obj = container.NewStack(s.list.obj)
	c := u.win.Canvas()
	for _, sc := range navShortcuts {
		c.AddShortcut(sc, func(sh fyne.Shortcut) { s.step(navStep(sh)) })
	}
	// Closing the window saves what was typed first.
	u.win.SetCloseIntercept(func() { s.beforeClosing(u.win.Close) })
	return s
}

func (s *panelScreen) name() string        { return "panel" }
func (s *panelScreen) title() string       { return "Panel" }
func (s *panelScreen) icon() fyne.Resource { return theme.CalendarIcon() }

func (s *panelScreen) object() fyne.CanvasObject {
	s.attach()
	return s.obj
}

// attach hooks what must save typing before it acts: choosing another
// screen in the navigation, and Ctrl+Q. They exist only once the
// dashboard is built, after this screen.
func (s *panelScreen) attach() {
	u := s.u
	if s.attached || u.nav == nil {
		return
	}
	s.attached = true
	prev := u.nav.OnSelected
	u.nav.OnSelected = func(id widget.ListItemID) {
		if s.visible() && id != u.current {
			s.flushAll()
		}
		if prev != nil {
			prev(id)
		}
	}
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { s.beforeClosing(u.app.Quit) })
}

// visible reports whether the Panel section is on screen.
func (s *panelScreen) visible() bool {
	return len(s.u.body.Objects) == 1 && s.u.body.Objects[0] == s.obj
}

// update shows the section again with the latest figures: the list read
// again, an agenda worked out again, a meeting's figures (never the form
// being typed in) read again; names hidden or shown.
func (s *panelScreen) update(*snapshot) {
	hide := s.u.hideNames
	namesChanged := hide != s.hidden
	s.hidden = hide
	if (s.room != nil && s.room.ps.st != s.u.store) || (s.builder != nil && s.builder.ps.st != s.u.store) {
		// Another store is open: its meetings are not these.
		s.builder, s.room = nil, nil
		s.show(s.list.obj)
	}
	switch {
	case s.room != nil:
		s.room.refresh(namesChanged)
	case s.builder != nil:
		s.builder.reload()
	default:
		s.list.load()
	}
}

// service is the panel service on the app's store and figures (the
// figures service caches the children's states).
func (s *panelScreen) service() *panel.Service {
	if s.svc == nil || s.svcStore != s.u.store || s.svcFigs != s.u.figs {
		s.svcStore, s.svcFigs = s.u.store, s.u.figs
		s.svc = panel.New(s.u.store, s.u.figs)
	}
	return s.svc
}

// panelStore is the store an open meeting was read from, with its panel
// service and figures: what is typed is written there, even when the app
// has since opened another store (the demo left for the user's own).
type panelStore struct {
	svc  *panel.Service
	st   *store.Store
	figs *figures.Service
}

// where is the store the section works on now.
func (s *panelScreen) where() panelStore {
	return panelStore{svc: s.service(), st: s.u.store, figs: s.u.figs}
}

// show puts a view in the section.
func (s *panelScreen) show(o fyne.CanvasObject) {
	s.obj.Objects = []fyne.CanvasObject{o}
	s.obj.Refresh()
}

// showList goes back to the list of meetings, once what was typed is saved.
func (s *panelScreen) showList() {
	s.settle(func([]string) {
		s.builder, s.room = nil, nil
		s.show(s.list.obj)
		s.list.load()
	})
}

// openMeeting opens meeting id: its agenda while planned, the meeting
// room once held or closed.
func (s *panelScreen) openMeeting(id int64) {
	ps := s.where()
	svc, st := ps.svc, ps.st
	type opened struct {
		ag       panel.Agenda
		recs     []data.PanelRecord
		settings data.PanelSettings
	}
	run(s.u.bridge, func(ctx context.Context) (opened, error) {
		var o opened
		var err error
		if o.ag, err = svc.Agenda(ctx, id); err != nil {
			return o, err
		}
		if o.settings, err = st.PanelSettings(ctx); err != nil {
			return o, err
		}
		if o.ag.Meeting.Status != data.MeetingPlanned {
			o.recs, err = st.Records(ctx, id)
		}
		return o, err
	}, func(o opened, err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		s.builder, s.room = nil, nil
		if o.ag.Meeting.Status == data.MeetingPlanned {
			s.builder = newAgendaBuilder(s, ps, o.ag, o.settings)
			s.show(s.builder.obj)
			return
		}
		s.room = newMeetingRoom(s, ps, o.ag, o.recs)
		s.show(s.room.obj)
	})
}

// step moves the open meeting to the next (+1) or previous (-1) child.
func (s *panelScreen) step(delta int) bool {
	if delta == 0 || s.room == nil || !s.visible() {
		return false
	}
	s.room.step(delta)
	return true
}

// shortcut handles the meeting's navigation keys typed in a form entry.
func (s *panelScreen) shortcut(sh fyne.Shortcut) bool { return s.step(navStep(sh)) }

// recordSaved works the figures out again once the saving has paused:
// the panel's review dates, actions and escalations change drift flags
// and agendas.
func (s *panelScreen) recordSaved() {
	s.recomputeGen++
	g := s.recomputeGen
	s.u.bridge.after(s.recomputeDelay, func() {
		if g != s.recomputeGen {
			return
		}
		s.u.figs.Invalidate()
		if s.u.win.Content() == s.u.dashboard {
			s.u.recompute()
		}
	})
}

// meetingList is the list of meetings: upcoming first, then past, each
// row a meeting's date, kind, status, chair and records, and a New
// meeting button.
type meetingList struct {
	s        *panelScreen
	obj      fyne.CanvasObject
	kind     *widget.Select
	upcoming *fyne.Container
	past     *fyne.Container
	newBtn   *widget.Button
	message  *widget.Label
	open     map[int64]*widget.Button // each meeting's Open button

	meetings []data.Meeting
	records  map[int64]int
	settings data.PanelSettings
	loaded   bool
	form     *newMeetingForm // the New meeting dialog last opened
}

const allKinds = "Every kind of panel"

func newMeetingList(s *panelScreen) *meetingList {
	l := &meetingList{s: s, open: map[int64]*widget.Button{}}
	l.newBtn = widget.NewButtonWithIcon("New meeting…", theme.ContentAddIcon(), l.newMeeting)
	l.newBtn.Importance = widget.HighImportance
	kinds := []string{allKinds}
	for _, k := range data.PanelKinds {
		kinds = append(kinds, k.Label())
	}
	l.kind = widget.NewSelect(kinds, func(string) { l.render() })
	l.kind.Selected = allKinds
	l.upcoming = container.NewVBox()
	l.past = container.NewVBox()
	l.message = note("")
	l.message.Hide()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(fixed(l.kind, 280), l.newBtn), heading("Panel meetings"))
	body := container.NewVBox(
		note("A planned meeting's agenda is built from the suggestions; Start meeting opens it one child at a time, "+
			"with the record saved as it is typed. A closed meeting's records are final: a change is an amendment with a reason."),
		l.message,
		section("Upcoming", l.upcoming),
		section("Past", l.past),
	)
	l.obj = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	return l
}

// load reads the meetings, how many records each holds and the panel
// settings, off the UI goroutine.
func (l *meetingList) load() {
	st := l.s.u.store
	type listed struct {
		meetings []data.Meeting
		records  map[int64]int
		settings data.PanelSettings
	}
	run(l.s.u.bridge, func(ctx context.Context) (listed, error) {
		var o listed
		var err error
		if o.meetings, err = st.Meetings(ctx); err != nil {
			return o, err
		}
		recs, err := st.AllRecords(ctx)
		if err != nil {
			return o, err
		}
		o.records = map[int64]int{}
		for _, r := range recs {
			o.records[r.Meeting.ID]++
		}
		o.settings, err = st.PanelSettings(ctx)
		return o, err
	}, func(o listed, err error) {
		if err != nil {
			l.message.SetText("The meetings could not be read: " + err.Error())
			l.message.Show()
			return
		}
		l.message.Hide()
		l.meetings, l.records, l.settings, l.loaded = o.meetings, o.records, o.settings, true
		l.render()
	})
}

// listRowWidths are the columns of a meeting row: date, kind, status,
// chair, records, Open.
var listRowWidths = []float32{110, 0, 86, 200, 110, 90}

// render draws the rows for the kind chosen.
func (l *meetingList) render() {
	today := data.Today()
	var up, past []data.Meeting
	for _, m := range l.meetings {
		if l.kind.Selected != allKinds && m.Kind.Label() != l.kind.Selected {
			continue
		}
		if m.Date >= today {
			up = append(up, m)
		} else {
			past = append(past, m)
		}
	}
	// Upcoming soonest first; past most recent first.
	sort.SliceStable(past, func(i, j int) bool { return past[i].Date > past[j].Date })
	l.open = map[int64]*widget.Button{}
	l.fill(l.upcoming, up, "No meeting is planned: New meeting… plans one.")
	l.fill(l.past, past, "No past meetings.")
}

func (l *meetingList) fill(box *fyne.Container, ms []data.Meeting, none string) {
	var rows []fyne.CanvasObject
	if len(ms) == 0 {
		rows = append(rows, note(none))
	}
	for _, m := range ms {
		id := m.ID
		open := widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), func() { l.s.openMeeting(id) })
		l.open[id] = open
		date := widget.NewLabelWithStyle(ukDate(m.Date), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		chair := truncLabel("")
		if m.Chair != "" {
			chair.SetText("Chair: " + m.Chair)
		}
		recs := widget.NewLabel(plural(l.records[id], "record", "records"))
		rows = append(rows, newColumns(listRowWidths, date, truncLabel(m.Kind.Label()),
			newChip(m.Status.Label(), statusColor(m.Status)), chair, recs, open))
	}
	box.Objects = rows
	box.Refresh()
}

// newMeetingForm is the New meeting dialog: kind, date, chair and
// attendees, filled from the settings and the previous meeting of the kind.
type newMeetingForm struct {
	kinds     []data.PanelKind
	kind      *widget.Select
	date      *dateField
	chair     *formEntry
	attendees *formEntry
	problem   *widget.Label
	create    *widget.Button
	dlg       dialog.Dialog
}

// kindsRun are the kinds the settings run (every kind when none is set).
func (l *meetingList) kindsRun() []data.PanelKind {
	var ks []data.PanelKind
	for _, k := range l.settings.Kinds {
		ks = append(ks, k.Kind)
	}
	if len(ks) == 0 {
		ks = slices.Clone(data.PanelKinds)
	}
	return ks
}

// defaults are a new meeting of kind k's date, chair and attendees: the
// date the kind's cadence gives after its latest meeting (stepped on to
// today or later), the chair and attendees of that meeting; with no
// meeting before, today and nobody.
func (l *meetingList) defaults(k data.PanelKind) (data.Date, string, string) {
	today := data.Today()
	var prev *data.Meeting
	for i := range l.meetings {
		m := &l.meetings[i]
		if m.Kind == k && (prev == nil || m.Date > prev.Date || (m.Date == prev.Date && m.ID > prev.ID)) {
			prev = m
		}
	}
	if prev == nil {
		return today, "", ""
	}
	cadence := l.settings.For(k).Cadence
	d := data.NextMeetingDate(prev.Date, cadence)
	for d < today {
		d = data.NextMeetingDate(d, cadence)
	}
	return d, prev.Chair, prev.Attendees
}

// newMeeting opens the New meeting dialog.
func (l *meetingList) newMeeting() {
	f := &newMeetingForm{kinds: l.kindsRun()}
	labels := make([]string, len(f.kinds))
	for i, k := range f.kinds {
		labels[i] = k.Label()
	}
	f.date = newDateField()
	f.chair = newFormEntry(false, "Name and role")
	f.attendees = newFormEntry(true, "One a line: role and name")
	f.attendees.setRows(4)
	f.problem = problemLabel()
	f.kind = widget.NewSelect(labels, func(string) {
		d, chair, att := l.defaults(f.kinds[f.kind.SelectedIndex()])
		f.date.setDate(d)
		f.chair.SetText(chair)
		f.attendees.SetText(att)
	})
	form := widget.NewForm(
		widget.NewFormItem("Panel", f.kind),
		widget.NewFormItem("Date", f.date),
		widget.NewFormItem("Chair", f.chair),
		widget.NewFormItem("Attendees", f.attendees),
	)
	content := container.NewVBox(
		note("The date, chair and attendees follow the previous meeting of the kind; change any of them. "+
			"The agenda is suggested once the meeting is made."),
		form, f.problem)
	d := dialog.NewCustomWithoutButtons("New panel meeting", content, l.s.u.win)
	f.create = widget.NewButtonWithIcon("Create", theme.ConfirmIcon(), func() { l.createMeeting(f) })
	f.create.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), f.create})
	f.dlg = d
	l.form = f
	f.kind.SetSelectedIndex(0)
	d.Resize(fyne.NewSize(560, 440))
	d.Show()
}

// createMeeting stores the new meeting and opens its agenda.
func (l *meetingList) createMeeting(f *newMeetingForm) {
	i := f.kind.SelectedIndex()
	date, ok := f.date.date()
	switch {
	case i < 0:
		setProblem(f.problem, "Choose the panel.")
		return
	case !ok || date.IsZero():
		setProblem(f.problem, "The date is not a date: write it as 31/03/2026.")
		return
	}
	m := data.Meeting{Kind: f.kinds[i], Date: date, Chair: strings.TrimSpace(f.chair.Text), Attendees: strings.TrimSpace(f.attendees.Text)}
	st, who := l.s.u.store, l.s.who
	f.create.Disable()
	run(l.s.u.bridge, func(ctx context.Context) (int64, error) {
		return st.CreateMeeting(ctx, m, who)
	}, func(id int64, err error) {
		f.create.Enable()
		if err != nil {
			setProblem(f.problem, "The meeting was not made: "+err.Error())
			return
		}
		f.dlg.Hide()
		l.s.openMeeting(id)
	})
}

// meetingDetails are a meeting's date, chair and attendees, editable
// while it is not closed and saved as they are typed.
type meetingDetails struct {
	s         *panelScreen
	ps        panelStore
	m         data.Meeting
	date      *dateField
	chair     *formEntry
	attendees *formEntry
	problem   *widget.Label
	saver     *autosaver
	obj       fyne.CanvasObject
	loading   bool
	onSaved   func(m data.Meeting, dateChanged bool) // told after a save (the date decides the agenda)
	scroll    *container.Scroll                      // the scroll the details are in, if any
}

func newMeetingDetails(s *panelScreen, ps panelStore, m data.Meeting, show func(*autosaver)) *meetingDetails {
	d := &meetingDetails{s: s, ps: ps, m: m}
	d.date = newDateField()
	d.chair = newFormEntry(false, "Name and role")
	d.attendees = newFormEntry(true, "One a line: role and name")
	d.attendees.setRows(3)
	d.problem = problemLabel()
	d.saver = newAutosaver(s, d.build, show)
	d.saver.label = "The meeting's details"
	d.loading = true
	d.date.setDate(m.Date)
	d.chair.SetText(m.Chair)
	d.attendees.SetText(m.Attendees)
	d.loading = false
	for _, e := range []*formEntry{d.date.formEntry, d.chair, d.attendees} {
		e.OnChanged = func(string) {
			if !d.loading {
				d.saver.changed()
			}
		}
		e.onBlur = func() { d.saver.flush(nil) }
		e.onShortcut = s.shortcut
		e.wheel = func(ev *fyne.ScrollEvent) {
			if d.scroll != nil {
				d.scroll.Scrolled(ev)
			}
		}
	}
	form := widget.NewForm(
		widget.NewFormItem("Date", container.NewHBox(fixed(d.date, 170))),
		widget.NewFormItem("Chair", d.chair),
		widget.NewFormItem("Attendees", d.attendees),
	)
	d.obj = container.NewVBox(form, d.problem)
	if m.Status == data.MeetingClosed {
		d.date.setEnabled(false)
		d.chair.Disable()
		d.attendees.Disable()
	}
	return d
}

// build is the details' save: UpdateMeeting with what is typed.
func (d *meetingDetails) build() (*saveJob, []string) {
	date, ok := d.date.date()
	if !ok || date.IsZero() {
		msg := "The date is not a date: write it as 31/03/2026. It was not saved."
		setProblem(d.problem, msg)
		return nil, []string{msg}
	}
	setProblem(d.problem, "")
	m := d.m
	m.Date, m.Chair, m.Attendees = date, strings.TrimSpace(d.chair.Text), strings.TrimSpace(d.attendees.Text)
	st := d.ps.st
	return &saveJob{
		work: func(ctx context.Context) error { return st.UpdateMeeting(ctx, m) },
		saved: func() {
			changed := m.Date != d.m.Date
			d.m = m
			if d.onSaved != nil {
				d.onSaved(m, changed)
			}
		},
	}, nil
}

// meetingTitle is "Adoption tracking panel, 12 May 2026 · Held".
func meetingTitle(m data.Meeting) string {
	return fmt.Sprintf("%s, %s · %s", m.Kind.Label(), ukDate(m.Date), m.Status.Label())
}

// childLabel is a child as the panel's screens name them: their name and
// ID, or their initials and ID when names are hidden.
func childLabel(id, name, initials string, hide bool) string {
	switch {
	case name == "" && initials == "":
		return id
	case hide || name == "":
		if initials == "" || initials == id {
			return id
		}
		return initials + " (" + id + ")"
	}
	return name + " (" + id + ")"
}

func lineLabel(l panel.Line, hide bool) string {
	return childLabel(l.ChildID, l.Name, l.Initials, hide)
}
