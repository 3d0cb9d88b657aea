package app

import (
	"context"
	"fmt"
	"permanence/data/store"
	"sort"
	"strings"
	"sync"

	"permanence/data"
)

// This file holds the app's view of the store: the state of every child as
// at a date (cached per date), the filters, and the snapshot each screen
// draws. Nothing here touches a widget; it all runs off the UI goroutine.

// period choices: months before the as-at date; 0 is the financial year to date.
var periodChoices = []struct {
	label  string
	months int
}{
	{"Last 12 months", 12},
	{"Last 6 months", 6},
	{"Last 3 months", 3},
	{"Last month", 1},
	{"Financial year to date", 0},
}

const (
	allTeams = "All teams"
	allPlans = "All plans"
	allAges  = "All ages"
)

// view is everything that decides what the screens show: the as-at date,
// the period and the filters.
type view struct {
	asAt         data.Date
	periodMonths int // 0: financial year to date
	team         string
	plan         string // a plan label, or "" for every plan
	ageBand      string // a DfE age band, or "" for every age
}

// from is the day before the period starts (the period is from < d <= asAt).
func (v view) from() data.Date {
	if v.periodMonths > 0 {
		return v.asAt.AddMonths(-v.periodMonths)
	}
	y, m, _ := v.asAt.YMD()
	if m <= 3 {
		y--
	}
	return data.NewDate(y, 3, 31)
}

// periodText says the period in words: "1 Apr 2025 to 31 Mar 2026".
func (v view) periodText() string {
	return ukDate(v.from().AddDays(1)) + " to " + ukDate(v.asAt)
}

// filtered reports whether any filter narrows the children.
func (v view) filtered() bool { return v.team != "" || v.plan != "" || v.ageBand != "" }

// childRow is what lists show of a child beyond the record itself.
type childRow struct {
	stage     string // the latest milestone by the as-at date
	stageDate data.Date
	stageDays int // days since it (-1 when there is no dated milestone)
	ageBand   string
	legal     string // legal status group
	inCare    bool
	drift     string // short drift labels, joined
	driftDays int    // days the longest-running drift flag has run
}

// quarterSuccesses counts the celebrations of one trend quarter.
type quarterSuccesses struct {
	label                              string
	partial                            bool // the as-at date is before the quarter's end
	adoption, sgo, cao, reunified, ltf int
}

// text is the quarter as tables show it: "2026-Q4 so far" for a part quarter.
func (q quarterSuccesses) text() string {
	if q.partial {
		return q.label + " so far"
	}
	return q.label
}

func (q quarterSuccesses) total() int { return q.adoption + q.sgo + q.cao + q.reunified + q.ltf }

// snapshot is one computed state of the dashboard: every screen draws from
// it, and it is never changed once built.
type snapshot struct {
	view      view
	seq       int
	m         *data.Measures // over the filtered children
	all       []data.Child   // every child's state, unfiltered, by ID (shared: read only)
	rows      []childRow     // per m.Children
	inCare    []int          // indices of children in care at the as-at date
	teams     []string       // every team in the unfiltered state
	quarters  []quarterSuccesses
	authority string
	extracts  []data.Extract
}

// child returns the i-th child of the snapshot.
func (s *snapshot) child(i int) *data.Child { return &s.m.Children[i] }

// members is the children behind a count key.
func (s *snapshot) members(key string) []int { return s.m.Members[key] }

// model caches children's states per as-at date and builds snapshots.
type model struct {
	store *store.Store
	th    data.Thresholds

	mu     sync.Mutex
	states map[data.Date][]data.Child
	order  []data.Date // least recently used first
}

const stateCacheSize = 6

func newModel(s *store.Store) *model {
	return &model{store: s, th: data.DefaultThresholds(), states: map[data.Date][]data.Child{}}
}

// invalidate forgets every cached state (after an import).
func (m *model) invalidate() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states = map[data.Date][]data.Child{}
	m.order = nil
}

// state returns every child's state as at a, from the cache when it can.
// The slice is shared: callers must not change it.
func (m *model) state(ctx context.Context, a data.Date) ([]data.Child, error) {
	m.mu.Lock()
	if st, ok := m.states[a]; ok {
		m.touch(a)
		m.mu.Unlock()
		return st, nil
	}
	m.mu.Unlock()
	st, err := m.store.StateAt(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("read the children's records as at %s: %w", ukDate(a), err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states[a] = st
	m.touch(a)
	for len(m.order) > stateCacheSize {
		delete(m.states, m.order[0])
		m.order = m.order[1:]
	}
	return st, nil
}

func (m *model) touch(a data.Date) {
	for i, d := range m.order {
		if d == a {
			m.order = append(m.order[:i], m.order[i+1:]...)
			break
		}
	}
	m.order = append(m.order, a)
}

// build computes the snapshot for a view.
func (m *model) build(ctx context.Context, v view) (*snapshot, error) {
	all, err := m.state(ctx, v.asAt)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	teamSet := map[string]bool{}
	for i := range all {
		if t := all[i].Team; t != "" {
			teamSet[t] = true
		}
	}
	teams := make([]string, 0, len(teamSet))
	for t := range teamSet {
		teams = append(teams, t)
	}
	sort.Strings(teams)

	children := all
	if v.filtered() {
		children = make([]data.Child, 0, len(all))
		for i := range all {
			c := &all[i]
			if v.team != "" && c.Team != v.team {
				continue
			}
			if v.plan != "" && c.Plan.Label() != v.plan {
				continue
			}
			if v.ageBand != "" && c.AgeBand(v.asAt) != v.ageBand {
				continue
			}
			children = append(children, *c)
		}
	}
	ms := data.Compute(children, v.asAt, v.from(), m.th)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &snapshot{view: v, m: ms, all: all, teams: teams, rows: make([]childRow, len(children))}
	for i := range ms.Children {
		c := &ms.Children[i]
		r := &s.rows[i]
		r.stage, r.stageDate = currentStage(c, v.asAt)
		r.stageDays = -1
		if !r.stageDate.IsZero() {
			r.stageDays = data.Days(r.stageDate, v.asAt)
		}
		r.ageBand = c.AgeBand(v.asAt)
		r.legal = data.LegalStatusGroup(c.LegalStatus)
		r.inCare = data.InCare(c, v.asAt)
		if r.inCare {
			s.inCare = append(s.inCare, i)
		}
		if fl := ms.Drift[i]; len(fl) > 0 {
			parts := make([]string, len(fl))
			for j, f := range fl {
				parts[j] = f.Kind.Short()
				if f.Days > r.driftDays {
					r.driftDays = f.Days
				}
			}
			r.drift = strings.Join(parts, ", ")
		}
	}
	s.quarters = m.successesByQuarter(ms)
	if s.authority, err = m.store.Setting(ctx, "authority_name", ""); err != nil {
		return nil, err
	}
	if s.extracts, err = m.store.Extracts(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// successesByQuarter counts the celebrations in each trend quarter, using
// the same measures over each quarter as the period.
func (m *model) successesByQuarter(ms *data.Measures) []quarterSuccesses {
	// Only children with a success date can count: compute over those.
	var few []data.Child
	for i := range ms.Children {
		c := &ms.Children[i]
		if !c.AdoptionOrder.IsZero() || !c.SGOOrder.IsZero() || !c.CAOOrder.IsZero() ||
			!c.CareOrderDischarged.IsZero() || !c.LTFADM.IsZero() {
			few = append(few, *c)
		}
	}
	out := make([]quarterSuccesses, len(ms.Quarters))
	for i, q := range ms.Quarters {
		end := q.End
		if end > ms.AsOf {
			end = ms.AsOf
		}
		qm := data.Compute(few, end, q.Start.AddDays(-1), m.th)
		out[i] = quarterSuccesses{label: q.Label, partial: ms.AsOf < q.End, adoption: qm.Count("adoption.orders"), sgo: qm.Count("sgo.orders"),
			cao: qm.Count("cao.orders"), reunified: qm.Count("reunification.discharged"), ltf: qm.Count("ltf.matches_ratified")}
	}
	return out
}

// quarterLabel is a trend quarter as tables show it: "2026-Q4 so far"
// while the as-at date is before the quarter's end, so that a part quarter
// is not read as a fall. (Charts keep the short label, which fits under a
// bar; a chart of counts says so in its title.)
func quarterLabel(q data.Quarter, asAt data.Date) string {
	if asAt < q.End {
		return q.Label + " so far"
	}
	return q.Label
}

// stageFields are the milestones that move a child's case on, each with the
// stage it starts.
var stageFields = []struct {
	field string
	stage string
}{
	{"date_entered_care", "Entered care"},
	{"pre_proceedings_start_date", "Pre-proceedings"},
	{"pre_proceedings_end_date", "Pre-proceedings ended"},
	{"proceedings_issue_date", "In proceedings"},
	{"final_hearing_date", "Final hearing"},
	{"care_order_date", "Care order"},
	{"adm_adoption_date", "ADM decision: adoption"},
	{"placement_order_date", "Placement order"},
	{"early_permanence_date", "Early permanence placement"},
	{"match_date", "Matched"},
	{"placed_for_adoption_date", "Placed for adoption"},
	{"adoption_application_date", "Adoption application"},
	{"adoption_order_date", "Adopted"},
	{"adoption_plan_ended_date", "Adoption no longer the plan"},
	{"placement_order_revoked_date", "Placement order revoked"},
	{"ltf_panel_date", "LTF match at panel"},
	{"ltf_adm_date", "LTF match ratified"},
	{"sgo_application_date", "SGO application"},
	{"sgo_order_date", "Special guardianship order"},
	{"cao_order_date", "Child arrangements order"},
	{"placed_with_parents_date", "Placed with parents"},
	{"discharge_application_date", "Discharge application"},
	{"care_order_discharged_date", "Care order discharged"},
	{"ceased_care_date", "Left care"},
}

var stageFieldPtrs = func() []*data.Field {
	out := make([]*data.Field, len(stageFields))
	for i, s := range stageFields {
		out[i] = data.FieldByName(s.field)
		if out[i] == nil {
			panic("app: unknown field " + s.field)
		}
	}
	return out
}()

// currentStage is the latest milestone dated on or before a (later entries
// in stageFields win ties).
func currentStage(c *data.Child, a data.Date) (string, data.Date) {
	stage, when := "Not recorded", data.NoDate
	for i, f := range stageFieldPtrs {
		d := *f.Date(c)
		if d.By(a) && d >= when {
			stage, when = stageFields[i].stage, d
		}
	}
	return stage, when
}

// ukDate writes a date the way the panel's papers do: "31 Mar 2026".
func ukDate(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 Jan 2006")
}

// plural writes "1 child" or "3 children".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", thousands(n), many)
}

// thousands writes n with commas: 12,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// weeks writes days as weeks to one decimal place.
func weeks(days int) string { return fmt.Sprintf("%.1f", float64(days)/7) }
