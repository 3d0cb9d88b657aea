package demo

// The demo authority's panel: a year of past meetings of the tracking and
// the adoption panel, each with the agenda the rules suggest for its date,
// a record for every child heard (barriers, actions, escalations, review
// dates) and one planned meeting of each kind ahead, so that every panel
// view has something real to show. Everything is generated from the
// stored demo extracts and written through the panel service, as a
// co-ordinator would, by the user "demo".

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"permanence/data"
	"permanence/data/panel"
	"permanence/data/store"
)

// DemoUser is who the demo panel's meetings and records are saved by.
const DemoUser = "demo"

// demoPanelMonths is how far back the demo panel's meetings go.
const demoPanelMonths = 12

// maxPanelRows is the most rows an extract of a demo authority given a
// panel has (about 20,000 children in care): a panel is one authority's,
// and a national-scale demo (the benchmarks' 100,000 children) would spend
// its time suggesting agendas nobody reads.
const maxPanelRows = 30000

// LoadDemoPanel gives a demo store a year of the panel's work (see the
// file's comment), deterministically from seed and the stored extracts.
// Meetings fall within the extracts (dated after the first and before the
// latest), at most 12 months back: the tracking panel on the second
// Tuesday of each month, the adoption panel on the fourth Thursday (the
// third in December). The latest past meeting is left held (its records
// still being written), the rest are closed; the first meeting of each
// kind after the latest extract is planned, its agenda left to the
// suggestions. Each record is saved through the panel service as a record
// file, by DemoUser, with an action's and an escalation's state as at the
// latest extract (the demo's "now").
//
// A store holding an extract that is not the demo's is refused
// (ErrRealData); a store with no extract, one that already holds panel
// meetings (the panel's own, or the demo's from an earlier load), or a
// national-scale demo (over maxPanelRows rows an extract) is left as it
// is.
func LoadDemoPanel(ctx context.Context, s *store.Store, seed int64) error {
	xs, err := s.Extracts(ctx)
	if err != nil {
		return err
	}
	for _, x := range xs {
		if x.Kind != data.KindDemo {
			return ErrRealData
		}
	}
	if has, err := s.HasPanelData(ctx); err != nil || has || len(xs) == 0 {
		return err
	}
	var first, latest data.Date
	biggest := 0
	dates := make([]data.Date, 0, len(xs))
	for _, x := range xs {
		if first.IsZero() || x.Date < first {
			first = x.Date
		}
		latest = max(latest, x.Date)
		biggest = max(biggest, x.Rows)
		dates = append(dates, x.Date)
	}
	if biggest > maxPanelRows {
		return nil
	}
	states := newStateCache(s, dates)
	g := &panelGen{
		s: s, svc: panel.New(s, states), states: states, latest: latest,
		r:     rand.New(rand.NewPCG(uint64(seed)^0x70616e656c, 0x5eed^uint64(seed)*0x9e3779b97f4a7c15)),
		staff: newPanelStaff(seed),
	}
	if g.th, err = s.Thresholds(ctx); err != nil {
		return err
	}
	if g.settings, err = s.PanelSettings(ctx); err != nil {
		return err
	}
	from := latest.AddMonths(-demoPanelMonths)
	if from < first {
		from = first
	}
	// The upcoming meetings are ahead of today, as a co-ordinator opening
	// the demo expects, even when the latest extract is a month old.
	past, planned := panelSchedule(from, latest, max(latest, data.Today()))
	for i, m := range past {
		if err := g.meeting(ctx, m, i == len(past)-1); err != nil {
			return fmt.Errorf("demo panel %s: %w", m.Title(), err)
		}
	}
	for _, m := range planned {
		m.Chair, m.Attendees = g.staff.attendees(m.Kind, g.r)
		if _, err := s.CreateMeeting(ctx, m, DemoUser); err != nil {
			return fmt.Errorf("demo panel %s: %w", m.Title(), err)
		}
	}
	return nil
}

// panelSchedule lists the demo panel's past meetings, dated after from and
// before latest, oldest first, and the first meeting of each kind after
// ahead (on or after latest): the planned ones.
func panelSchedule(from, latest, ahead data.Date) (past, planned []data.Meeting) {
	y, mo, _ := from.YMD()
	next := map[data.PanelKind]bool{}
	for d := data.NewDate(y, mo, 1); len(next) < 2; d = d.AddMonths(1) {
		y, mo, _ := d.YMD()
		for _, m := range []data.Meeting{
			{Kind: data.PanelTracking, Date: nthWeekday(y, mo, time.Tuesday, 2)},
			{Kind: data.PanelAdoption, Date: adoptionDay(y, mo)},
		} {
			switch {
			case m.Date <= from:
			case m.Date < latest:
				past = append(past, m)
			case !next[m.Kind] && m.Date > ahead:
				next[m.Kind] = true
				planned = append(planned, m)
			}
		}
	}
	sort.SliceStable(past, func(i, j int) bool { return past[i].Date < past[j].Date })
	return past, planned
}

// adoptionDay is the adoption panel's day in month m of year y: the
// fourth Thursday, or in December the third (the fourth can be Christmas
// Day).
func adoptionDay(y, m int) data.Date {
	if m == 12 {
		return nthWeekday(y, m, time.Thursday, 3)
	}
	return nthWeekday(y, m, time.Thursday, 4)
}

// nthWeekday is the nth (from 1) weekday wd of month m of year y.
func nthWeekday(y, m int, wd time.Weekday, n int) data.Date {
	d := data.NewDate(y, m, 1)
	shift := (int(wd) - int(d.Time().Weekday()) + 7) % 7
	return d.AddDays(shift + 7*(n-1))
}

// stateCache gives the children's states as at a date from the store,
// read once for each extract they come from: in a store of demo extracts
// only (one source), the state as at a is the state as at the latest
// extract dated on or before a (or, before every extract, the earliest),
// so dates between two extracts share one read. The slices it returns are
// shared: callers do not change them (the panel service does not).
type stateCache struct {
	s     *store.Store
	dates []data.Date // the extracts' dates, ascending
	byKey map[data.Date][]data.Child
}

func newStateCache(s *store.Store, dates []data.Date) *stateCache {
	ds := append([]data.Date(nil), dates...)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return &stateCache{s: s, dates: ds, byKey: map[data.Date][]data.Child{}}
}

// State implements panel.States.
func (c *stateCache) State(ctx context.Context, a data.Date) ([]data.Child, error) {
	key := data.NoDate
	for _, d := range c.dates {
		if d <= a {
			key = d
		}
	}
	if all, ok := c.byKey[key]; ok {
		return all, nil
	}
	at := a
	if !key.IsZero() {
		at = key
	}
	all, err := c.s.StateAt(ctx, at)
	if err != nil {
		return nil, err
	}
	c.byKey[key] = all
	return all, nil
}

// panelGen writes the demo panel's meetings and records.
type panelGen struct {
	s        *store.Store
	svc      *panel.Service
	states   *stateCache
	th       data.Thresholds
	settings data.PanelSettings
	latest   data.Date // the latest extract's date: "now" for the demo's panel
	r        *rand.Rand
	staff    panelStaff

	// prior is every record written so far, with its meeting, oldest
	// meeting first: what the panel had decided before the next meeting.
	prior []data.MeetingRecord
}

// meeting creates, holds, records and (unless last) closes one past
// meeting, its agenda trimmed from the suggestions for its date. A
// meeting the rules suggest nobody for does not sit.
func (g *panelGen) meeting(ctx context.Context, m data.Meeting, last bool) error {
	ag, err := g.svc.Suggest(ctx, m.Kind, m.Date)
	if err != nil {
		return err
	}
	lines, err := g.pickLines(ag.Lines, m.Kind)
	if err != nil || len(lines) == 0 {
		return err
	}
	m.Chair, m.Attendees = g.staff.attendees(m.Kind, g.r)
	if m.ID, err = g.s.CreateMeeting(ctx, m, DemoUser); err != nil {
		return err
	}
	if err := g.s.HoldMeeting(ctx, m.ID, lines, DemoUser); err != nil {
		return err
	}
	m.Status = data.MeetingHeld
	all, err := g.states.State(ctx, m.Date)
	if err != nil {
		return err
	}
	byID := make(map[string]*data.Child, len(all))
	for i := range all {
		byID[all[i].ID] = &all[i]
	}
	openEsc, overdue := map[string]bool{}, map[string]bool{}
	for _, ce := range data.Escalations(g.prior) {
		openEsc[ce.ChildID] = openEsc[ce.ChildID] || ce.Escalation.Open()
	}
	for _, ca := range data.Actions(g.prior) {
		overdue[ca.ChildID] = overdue[ca.ChildID] || ca.Action.OverdueAt(m.Date)
	}
	var written []data.MeetingRecord
	for _, l := range lines {
		c := byID[l.ChildID]
		if c == nil {
			return fmt.Errorf("child %s on the agenda has no state as at %s", l.ChildID, m.Date)
		}
		f := &childFacts{m: m, c: c, reasons: l.Reasons, age: yearsAt(c.DOB, m.Date),
			openEsc: openEsc[c.ID], overdue: overdue[c.ID], latest: g.latest}
		rec := g.record(f)
		if err := g.save(ctx, m, rec); err != nil {
			return err
		}
		written = append(written, data.MeetingRecord{Meeting: m, Record: rec})
	}
	g.prior = append(g.prior, written...)
	if last {
		return nil
	}
	return g.svc.Close(ctx, m.ID, DemoUser)
}

// pickLines is the agenda the panel hears, as a co-ordinator trims the
// suggestions to what a morning holds (8 to 15 children, 6 to 11 at the
// smaller adoption panel): about two thirds the most pressing (the
// suggestions come most pressing first), the rest drawn from the other
// suggestions (mostly reviews that are due), kept in the suggested order,
// with their slots from the settings. The others wait for a later
// meeting. The panel service's Hold would keep every suggestion, so the
// meeting is held with the store's HoldMeeting and these lines.
func (g *panelGen) pickLines(lines []panel.Line, kind data.PanelKind) ([]data.AgendaLine, error) {
	n := 8 + g.r.IntN(8)
	if kind == data.PanelAdoption {
		n = 6 + g.r.IntN(6)
	}
	keep := make([]bool, len(lines))
	if len(lines) <= n {
		for i := range keep {
			keep[i] = true
		}
	} else {
		top := (2*n + 2) / 3
		for i := 0; i < top; i++ {
			keep[i] = true
		}
		rest := make([]int, 0, len(lines)-top)
		for i := top; i < len(lines); i++ {
			rest = append(rest, i)
		}
		for k := top; k < n; k++ {
			j := g.r.IntN(len(rest))
			keep[rest[j]] = true
			rest = append(rest[:j], rest[j+1:]...)
		}
	}
	var out []data.AgendaLine
	for i, l := range lines {
		if keep[i] {
			out = append(out, l.AgendaLine)
		}
	}
	ks := g.settings.For(kind)
	return out, data.SlotTimes(out, ks.StartTime, ks.MinutesPerChild)
}

// save writes one record as the headless command does: as a record file
// (read with the strict checks a person's file gets) through the service,
// which checks the rules of the meeting's date.
func (g *panelGen) save(ctx context.Context, m data.Meeting, rec data.PanelRecord) error {
	js, err := rec.MarshalJSON()
	if err != nil {
		return err
	}
	file := fmt.Sprintf("demo record %s %s", m.Date, rec.ChildID)
	patch, err := data.ParseRecordFile(file, js)
	if err != nil {
		return err
	}
	saved, err := g.svc.Save(ctx, m.ID, rec.ChildID, file, patch, DemoUser)
	if err == nil && !saved {
		err = errors.New(file + ": not saved")
	}
	return err
}

// nextReview is the review date the panel's rules give child f.c at the
// meeting (the service's NextReview, worked out on the records written so
// far rather than read back from the store for every child): 3 months
// with a drift flag at the meeting (a review overdue until today aside),
// an open escalation or an overdue action, otherwise 6.
func (g *panelGen) nextReview(f *childFacts) data.Date {
	return data.ProposedNextReview(*f.c, f.m, g.prior, g.th)
}
