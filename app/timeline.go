package app

import (
	"context"
	"fmt"
	"image"
	"permanence/data/export"
	"regexp"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
	"permanence/data"
)

// timelineView is one child: every dated milestone on one horizontal
// chart, their plan history from successive extracts, drift flags, import
// warnings, and where each value came from.
type timelineView struct {
	u       *ui
	obj     fyne.CanvasObject
	from    *drillBack // the drill-down it was opened from, for Back
	name    *widget.Label
	summary *widget.Label
	chart   *chartView
	drift   *fyne.Container
	panel   *fyne.Container
	plans   *fyne.Container
	warns   *fyne.Container
	prov    *fyne.Container
	scroll  *container.Scroll

	childID    string
	loaded     *childDetail
	milestones []charts.Milestone // on the chart now
	seq        int
}

// childDetail is what the timeline loads from the store.
type childDetail struct {
	id       string
	asAt     data.Date
	child    data.Child
	prov     data.Provenance
	history  []data.HistoryRow
	warnings []data.Warning
	drift    []data.DriftFlag
	extracts map[int64]data.Extract
	// panel is the child's records at the panel's meetings, oldest first.
	panel []data.MeetingRecord
}

func newTimelineView(u *ui) *timelineView {
	t := &timelineView{u: u}
	t.name = heading("")
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.chart = newChartView(380)
	t.chart.personal = true
	// A child's milestones crowd the line: their labels keep the screen's
	// proportions on paper.
	t.chart.printFont = 1
	t.drift = container.NewVBox()
	t.panel = container.NewVBox()
	t.plans = container.NewGridWithColumns(4)
	t.warns = container.NewVBox()
	t.prov = container.NewGridWithColumns(3)
	back := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), t.back)
	top := container.NewBorder(nil, nil, back, nil, t.name)
	t.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(
		t.summary,
		t.chart,
		section("Drift flags", t.drift),
		section("Panel meetings", t.panel),
		section("Plan history (from successive extracts)", t.plans),
		section("Warnings from imports", t.warns),
		section("Where each value came from", t.prov),
	)))
	t.obj = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, t.scroll)
	return t
}

func (t *timelineView) visible() bool {
	return len(t.u.body.Objects) == 1 && t.u.body.Objects[0] == t.obj
}

func (t *timelineView) hide() {}

// back returns to where the timeline was opened from: the drill-down list
// it was chosen in (while the figures are the same), else the screen.
func (t *timelineView) back() {
	u, from := t.u, t.from
	t.from = nil
	u.show(u.current)
	if from != nil && from.snap == u.snap {
		u.showChildrenWith(from.title, from.rows, from.extra)
	}
}

// openChild opens the timeline of the snapshot's i-th child.
func (u *ui) openChild(i int) {
	if u.snap == nil || i < 0 || i >= len(u.snap.m.Children) {
		return
	}
	u.openChildID(u.snap.child(i).ID)
}

// openChildID opens a child's timeline by ID.
func (u *ui) openChildID(id string) {
	if id == "" {
		return
	}
	if u.drill != nil {
		u.drill.Hide()
		u.drill = nil
	}
	t := u.timeline
	t.from = nil // set again by a drill-down that opened it
	t.childID = id
	t.loaded = nil
	t.name.SetText(id)
	t.summary.SetText("Loading…")
	u.body.Objects = []fyne.CanvasObject{t.obj}
	u.body.Refresh()
	t.reload()
}

// reload reads the child's history again (as-at date changed, or opened).
func (t *timelineView) reload() {
	u := t.u
	id, a := t.childID, u.view.asAt
	from, th := data.NoDate, data.DefaultThresholds()
	if u.snap != nil {
		from, th = u.snap.m.PeriodStart, u.snap.m.Thresholds
	}
	t.seq++
	seq := t.seq
	run(u.bridge, func(ctx context.Context) (*childDetail, error) {
		hist, err := u.store.ChildHistory(ctx, id)
		if err != nil {
			return nil, err
		}
		warns, err := u.store.Warnings(ctx, 0, id)
		if err != nil {
			return nil, err
		}
		recs, err := u.store.AllRecords(ctx)
		if err != nil {
			return nil, err
		}
		d := &childDetail{id: id, asAt: a, history: hist, warnings: warns, extracts: map[int64]data.Extract{}}
		d.child, d.prov = data.StateFromHistory(hist, a)
		for _, h := range hist {
			d.extracts[h.Extract.ID] = h.Extract
		}
		for _, mr := range recs {
			if mr.Record.ChildID == id {
				d.panel = append(d.panel, mr)
			}
		}
		// The panel's own review date wins over the extract's (as in the
		// figures), for the drift flags.
		one := []data.Child{d.child}
		data.ApplyPanelReviews(one, d.panel, a)
		m := data.Compute(one, a, from, th)
		d.drift = m.Drift[0]
		return d, nil
	}, func(d *childDetail, err error) {
		if seq != t.seq {
			return
		}
		if err != nil {
			u.showError(err)
			return
		}
		t.loaded = d
		t.redraw()
	})
}

// redraw shows the loaded child (again, after names are hidden or shown).
func (t *timelineView) redraw() {
	d := t.loaded
	if d == nil {
		return
	}
	hide := t.u.hideNames
	c := &d.child
	t.name.SetText(c.DisplayName(hide))
	if len(d.history) == 0 {
		t.summary.SetText("This child is in no stored extract.")
	} else {
		r := currentStageText(c, d.asAt)
		t.summary.SetText(fmt.Sprintf("ID %s · %s · %s · plan: %s · legal status: %s · placement: %s · %s. As at %s, in %s.",
			c.ID, orNone(c.Team, "no team recorded"), c.AgeBand(d.asAt), c.Plan.Label(), codeText(c.LegalStatus, data.LegalStatuses),
			codeText(c.PlacementType, data.Placements), careText(c, d.asAt), ukDate(d.asAt), plural(len(d.history), "extract", "extracts")) + " " + r)
	}
	var ms []charts.Milestone
	pms, reviewed := panelMilestones(d.panel, c, hide)
	for i := range data.Fields {
		f := &data.Fields[i]
		if f.Kind != data.KindDate || (f.Sensitive && hide) {
			continue
		}
		if f.Name == "next_panel_review_date" && reviewed {
			continue // the panel's own review date wins (panel.md)
		}
		dt := *f.Date(c)
		if dt.IsZero() {
			continue
		}
		label := f.Label
		if f.Name == "date_of_birth" {
			label = "Born"
		}
		ms = append(ms, charts.Milestone{Label: label, Date: dt.Time(), Group: data.MilestoneGroup(f.Name), Birth: f.Name == "date_of_birth"})
	}
	ms = append(ms, pms...)
	t.milestones = ms
	tc := charts.TimelineChart{Title: "Timeline", Milestones: ms, AsAt: d.asAt.Time()}
	t.chart.set(func(st charts.Style) (image.Image, error) { return charts.RenderTimeline(tc, st) })
	t.u.exportableChart(t.chart, "Timeline "+c.ID, func() shownList { return milestoneList(c.ID, ms) })

	t.drift.Objects = nil
	th := data.DefaultThresholds()
	if t.u.snap != nil {
		th = t.u.snap.m.Thresholds
	}
	for _, f := range d.drift {
		l := widget.NewLabel(fmt.Sprintf("%s: %d days (since %s)", f.Kind.Label(th), f.Days, ukDate(f.Since)))
		l.Importance = widget.DangerImportance
		t.drift.Add(l)
	}
	if len(d.drift) == 0 {
		t.drift.Add(note("None as at " + ukDate(d.asAt) + "."))
	}
	t.drift.Refresh()

	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.showPanel(d)

	t.plans.Objects = nil
	t.plans.Add(bold("First seen"))
	t.plans.Add(bold("Plan"))
	t.plans.Add(bold("As written"))
	t.plans.Add(bold("Extract"))
	for _, p := range data.PlanHistory(d.history) {
		t.plans.Add(widget.NewLabel(ukDate(p.Date)))
		t.plans.Add(widget.NewLabel(p.Plan.Label()))
		text := p.Text
		if p.Inferred {
			text += " (inferred)"
		}
		t.plans.Add(truncLabel(text))
		t.plans.Add(truncLabel(p.Extract.FileName))
	}
	t.plans.Refresh()

	t.warns.Objects = nil
	for _, w := range d.warnings {
		x := d.extracts[w.ExtractID]
		t.warns.Add(wrapLabel(warningText(w, x, hide)))
	}
	if len(d.warnings) == 0 {
		t.warns.Add(note("No warnings."))
	}
	t.warns.Refresh()

	t.prov.Objects = nil
	t.prov.Add(bold("Field"))
	t.prov.Add(bold("Value"))
	t.prov.Add(bold("From"))
	for i := range data.Fields {
		f := &data.Fields[i]
		x, ok := d.prov[f.Name]
		if !ok || f.Name == "child_id" {
			continue
		}
		v := fieldText(f, c)
		if f.Sensitive && hide {
			v = "(hidden)"
		}
		t.prov.Add(widget.NewLabel(f.Label))
		t.prov.Add(truncLabel(v))
		t.prov.Add(truncLabel(fmt.Sprintf("%s, %s", ukDate(x.Date), x.FileName)))
	}
	t.prov.Refresh()
	t.scroll.ScrollToTop()
}

// panelGroup is the timeline's group (legend and colour) of the panel's
// meetings and review dates.
const panelGroup = "Panel"

// panelMilestones are a child's panel meetings (each with what the panel
// decided) and the next review date in force, as milestones of their
// timeline: the date set at the latest meeting, in the child's current
// period of care, that set one (as the figures read it); reviewed says
// there is one. Free text has the child's names as initials when names are
// hidden.
func panelMilestones(recs []data.MeetingRecord, c *data.Child, hide bool) (ms []charts.Milestone, reviewed bool) {
	var review data.MeetingRecord
	endorsed := "" // the plan the last meeting that endorsed one endorsed
	for _, mr := range recs {
		ms = append(ms, charts.Milestone{Label: panelEventText(mr, endorsed, c, hide), Date: mr.Meeting.Date.Time(), Group: panelGroup})
		if strings.TrimSpace(mr.Record.Plan) != "" {
			endorsed = mr.Record.PlanCategory().Label()
		}
		if !mr.Record.NextReview.IsZero() && mr.Meeting.Date >= review.Meeting.Date &&
			(c.EnteredCare.IsZero() || mr.Meeting.Date >= c.EnteredCare) {
			review = mr
		}
	}
	if r := review.Record.NextReview; !r.IsZero() {
		ms = append(ms, charts.Milestone{Label: "Panel review due", Date: r.Time(), Group: panelGroup})
		reviewed = true
	}
	return ms, reviewed
}

// panelEventText says a meeting on a child's timeline: "Panel (adoption):
// plan endorsed Adoption" when the plan it endorsed is not the one endorsed
// before (before is its label), else the decision's first words, else
// only the panel.
func panelEventText(mr data.MeetingRecord, before string, c *data.Child, hide bool) string {
	what := ""
	switch r := &mr.Record; {
	case strings.TrimSpace(r.Plan) != "" && r.PlanCategory().Label() != before:
		what = ": plan endorsed " + r.PlanCategory().Label()
	case strings.TrimSpace(r.Decision) != "":
		what = ": " + firstWords(hideNamesIn(r.Decision, c, hide), 4)
	}
	return "Panel (" + strings.ToLower(panelKindShort(mr.Meeting.Kind)) + ")" + what
}

// hideNamesIn is free text about a child with their names as initials when
// names are hidden.
func hideNamesIn(s string, c *data.Child, hide bool) string {
	if !hide {
		return s
	}
	return hideChildName(c, s)
}

// firstWords is the first n words of s, with "…" when there are more.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) <= n {
		return strings.Join(w, " ")
	}
	return strings.Join(w[:n], " ") + "…"
}

// showPanel lists the child's panel meetings under the chart, each with
// the plan it endorsed, the next review it set and its decision in full.
func (t *timelineView) showPanel(d *childDetail) {
	t.panel.Objects = nil
	if len(d.panel) == 0 {
		t.panel.Add(note("The panel has no record for this child."))
		t.panel.Refresh()
		return
	}
	hide := t.u.hideNames
	for _, mr := range d.panel {
		r := &mr.Record
		parts := []string{mr.Meeting.Kind.Label() + ", " + ukDate(mr.Meeting.Date)}
		if strings.TrimSpace(r.Plan) != "" {
			parts = append(parts, "plan endorsed: "+r.PlanCategory().Label())
		}
		if !r.NextReview.IsZero() {
			parts = append(parts, "next review "+ukDate(r.NextReview))
		}
		t.panel.Add(widget.NewLabelWithStyle(strings.Join(parts, " · "), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if dec := strings.TrimSpace(r.Decision); dec != "" {
			t.panel.Add(wrapLabel(hideNamesIn(dec, &d.child, hide)))
		}
	}
	t.panel.Refresh()
}

// milestoneList is a child's timeline as a list: each milestone and its date.
func milestoneList(id string, ms []charts.Milestone) shownList {
	l := shownList{name: "Timeline " + id, children: true,
		cols: []export.ListColumn{{Heading: "Milestone"}, {Heading: "Date", Date: true}, {Heading: "Group"}}}
	for _, m := range ms {
		l.rows = append(l.rows, []any{m.Label, data.DateOf(m.Date), m.Group})
	}
	sort.SliceStable(l.rows, func(a, b int) bool { return l.rows[a][1].(data.Date) < l.rows[b][1].(data.Date) })
	return l
}

func currentStageText(c *data.Child, a data.Date) string {
	stage, when := data.CurrentStage(c, a)
	if when.IsZero() {
		return ""
	}
	return fmt.Sprintf("Current stage: %s, %d days.", strings.ToLower(stage[:1])+stage[1:], data.Days(when, a))
}

func careText(c *data.Child, a data.Date) string {
	switch {
	case data.InCare(c, a):
		return "in care since " + ukDate(c.EnteredCare)
	case c.CeasedCare.By(a):
		return "left care " + ukDate(c.CeasedCare) + reasonText(c.ReasonCeased)
	default:
		return "not in care"
	}
}

func reasonText(code string) string {
	if r, ok := data.ReasonsCeased[code]; ok {
		return ": " + strings.ToLower(r)
	}
	return ""
}

// codeText writes an SSDA903 code with its meaning.
func codeText(code string, names map[string]string) string {
	if code == "" {
		return "not recorded"
	}
	if n, ok := names[code]; ok {
		return code + " " + strings.ToLower(n[:1]) + n[1:]
	}
	return code
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// fieldText writes a field's value for people: dates in UK style, codes
// with their meaning.
func fieldText(f *data.Field, c *data.Child) string {
	switch {
	case f.Kind == data.KindDate:
		return ukDate(*f.Date(c))
	case f.Kind == data.KindPlan:
		return c.Plan.Label() + " (" + c.PlanText + ")"
	case f.Kind == data.KindFlag:
		return yesNo(*f.Flag(c))
	case f.Name == "legal_status":
		return codeText(c.LegalStatus, data.LegalStatuses)
	case f.Name == "placement_type":
		return codeText(c.PlacementType, data.Placements)
	case f.Name == "reason_ceased":
		return codeText(c.ReasonCeased, data.ReasonsCeased)
	}
	return f.Value(c)
}

// warningText writes an import warning in words.
func warningText(w data.Warning, x data.Extract, hide bool) string {
	var parts []string
	if x.FileName != "" {
		parts = append(parts, fmt.Sprintf("%s (%s)", x.FileName, ukDate(x.Date)))
	}
	if w.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", w.Row))
	}
	if w.Column != "" {
		col := fmt.Sprintf("column “%s”", w.Column)
		if w.Value != "" {
			col += fmt.Sprintf(" (“%s”)", sensitiveValue(w.Column, w.Value, hide))
		}
		parts = append(parts, col)
	}
	where := strings.Join(parts, ", ")
	msg := warningMessage(w.Message, hide)
	if where == "" {
		return msg
	}
	return where + ": " + msg
}

// sensitiveValue is a value read from a column, or "(hidden)" when names
// are hidden and the column holds a name, a date of birth or the like.
func sensitiveValue(column, value string, hide bool) string {
	if f := data.FieldForHeading(column); hide && f != nil && f.Sensitive {
		return "(hidden)"
	}
	return value
}

// sensitiveQuote finds a sensitive value a message quotes after the field's
// label: "is before Date of birth (12/04/2019)".
var sensitiveQuote = func() *regexp.Regexp {
	var labels []string
	for i := range data.Fields {
		if f := &data.Fields[i]; f.Sensitive {
			labels = append(labels, regexp.QuoteMeta(f.Label))
		}
	}
	return regexp.MustCompile(`(` + strings.Join(labels, "|") + `) \([^)]*\)`)
}()

// warningMessage is a warning's message, with any sensitive value it quotes
// hidden when names are hidden.
func warningMessage(msg string, hide bool) string {
	if !hide {
		return msg
	}
	return sensitiveQuote.ReplaceAllString(msg, "$1 (hidden)")
}

func truncLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}
