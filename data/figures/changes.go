package figures

// The changes between two dates (issue 13): the period's, which the change
// measures count; any two dates', for the view, the slide and the pack's
// sheet; each quarter's disruptions and changes of plan for the board and
// SLT reports; and the panel's own figures over the half-year.

import (
	"context"
	"fmt"
	"strings"

	"permanence/data"
)

// ChangesRequest says which two dates to compare: From < d ≤ To. A date
// left as NoDate takes data.ChangeDates's default: the last two meetings
// of Kind that were held, else the last two extracts, on or before the
// as-at date.
type ChangesRequest struct {
	From, To data.Date
	Kind     data.PanelKind // "": the last two extracts
}

// changeKey names a worked-out set of changes in the cache.
type changeKey struct {
	from, to data.Date
	cuts     string
	view     bool
}

// changesCacheSize bounds the changes kept between requests.
const changesCacheSize = 4

// Changes works out what changed between from and to (from < d ≤ to) for
// the children filter keeps (their state as at to): came into care, left
// care, plans changed, drift flags begun and stopped, proceedings
// concluded, permanence achieved, disruptions, every change of plan with
// its revocation, and plans the case system has not caught up with.
func (s *Service) Changes(ctx context.Context, from, to data.Date, filter data.Filter) (*data.Changes, error) {
	if from.IsZero() || to.IsZero() || from >= to {
		return nil, fmt.Errorf("the changes need a first date before the second (got %s and %s)", from.UK(), to.UK())
	}
	ch, err := s.changesOver(ctx, from, to, nil, true)
	if err != nil {
		return nil, err
	}
	return ch.Filtered(filter), nil
}

// ChangeDates are the two dates a view of the changes starts from: the
// last two meetings of kind that were held (held or closed), else the
// last two extracts, on or before asOf (NoDate: the latest extract's
// date); with fewer than two, asOf less threshold.period_months, and asOf.
func (s *Service) ChangeDates(ctx context.Context, kind data.PanelKind, asOf data.Date) (from, to data.Date, err error) {
	xs, err := s.store.Extracts(ctx)
	if err != nil {
		return data.NoDate, data.NoDate, err
	}
	if asOf.IsZero() {
		if len(xs) == 0 {
			return data.NoDate, data.NoDate, ErrNoExtracts
		}
		asOf = xs[len(xs)-1].Date
	}
	ms, err := s.store.Meetings(ctx)
	if err != nil {
		return data.NoDate, data.NoDate, err
	}
	th, err := s.store.Thresholds(ctx)
	if err != nil {
		return data.NoDate, data.NoDate, err
	}
	from, to = data.ChangeDates(ms, kind, xs, asOf, th.PeriodMonths)
	return from, to, nil
}

// changesOver works out (or finds in the cache) every child's changes
// over from < d ≤ to, unfiltered, with cuts as extra snapshot dates: every
// line of the view with view, else those the change measures count.
func (s *Service) changesOver(ctx context.Context, from, to data.Date, cuts []data.Date, view bool) (*data.Changes, error) {
	var cut strings.Builder
	for _, c := range cuts {
		cut.WriteString(c.String())
	}
	key := changeKey{from: from, to: to, cuts: cut.String(), view: view}
	s.mu.Lock()
	ch, ok := s.changes[key]
	s.mu.Unlock()
	if ok {
		return ch, nil
	}
	th, err := s.store.Thresholds(ctx)
	if err != nil {
		return nil, err
	}
	xs, err := s.store.Extracts(ctx)
	if err != nil {
		return nil, err
	}
	src, err := s.changeSources(ctx, to)
	if err != nil {
		return nil, err
	}
	snaps := data.SnapshotDates(from, to, xs, cuts...)
	b := data.NewChangesBuilder(data.ChangeWindow{Snapshots: snaps, Thresholds: th, View: view}, src)
	if constantStates(xs, from, to) {
		// Every date of the window gives every child the same row: read
		// the state once (usually cached) instead of the whole history.
		st, err := s.State(ctx, to)
		if err != nil {
			return nil, err
		}
		states := make([]*data.Child, len(snaps))
		for i := range st {
			for j := range states {
				states[j] = &st[i]
			}
			b.Add(states)
		}
	} else {
		// The history holds the state as at to: keep it for the figures,
		// unless it is cached already.
		s.mu.Lock()
		_, cached := s.states[to]
		s.mu.Unlock()
		var atTo []data.Child
		if !cached {
			biggest := 0
			for _, x := range xs {
				biggest = max(biggest, x.Rows)
			}
			atTo = make([]data.Child, 0, biggest+biggest/8)
		}
		if err := s.store.StatesOver(ctx, snaps, func(states []*data.Child) error {
			b.Add(states)
			if !cached {
				atTo = append(atTo, *states[len(states)-1])
			}
			return nil
		}); err != nil {
			return nil, fmt.Errorf("read the children's records from %s to %s: %w", from.UK(), to.UK(), err)
		}
		if !cached && ctx.Err() == nil {
			s.remember(to, atTo)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ch = b.Finish()
	s.mu.Lock()
	if s.changes == nil || len(s.changes) >= changesCacheSize {
		s.changes = map[changeKey]*data.Changes{}
	}
	s.changes[key] = ch
	s.mu.Unlock()
	return ch, nil
}

// changeSources reads what the changes need besides the states: the
// panel's records, the agenda lines frozen for a disruption, and the
// SSDA903 histories as at to.
func (s *Service) changeSources(ctx context.Context, to data.Date) (data.ChangesSources, error) {
	var src data.ChangesSources
	var err error
	if src.Records, err = s.records(ctx); err != nil {
		return src, err
	}
	if src.DisruptionLines, err = s.store.FrozenAgendaLines(ctx, data.ReasonDisruption); err != nil {
		return src, err
	}
	if src.SSDA903, err = s.store.SSDA903Histories(ctx, to); err != nil {
		return src, err
	}
	return src, nil
}

// constantStates reports whether every child's state is the same row at
// every date from from to to, so that only dates (not rows) can make
// anything change: with one source (tracker or SSDA903), no extract is
// dated in from < d ≤ to, or only one is and none is dated on or before
// from; with both, none is dated in the window.
func constantStates(xs []data.Extract, from, to data.Date) bool {
	var in, before, any [2]int
	for _, x := range xs {
		g := data.SourceGroup(x.Kind)
		any[g]++
		switch {
		case x.Date.In(from, to):
			in[g]++
		case x.Date <= from:
			before[g]++
		}
	}
	if any[0] > 0 && any[1] > 0 {
		return in[0] == 0 && in[1] == 0
	}
	for g := range in {
		if in[g] > 1 || (in[g] == 1 && before[g] > 0) {
			return false
		}
	}
	return true
}

// addChanges adds to f the period's changes and the change measures, each
// quarter's disruptions and changes of plan (with quarterly figures), the
// changes between two dates when r asks for them, and the panel's
// half-year (for every child: the panel's figures are not filtered).
func (s *Service) addChanges(ctx context.Context, f *data.Figures, r Request, recs []data.MeetingRecord) error {
	pc, err := s.changesOver(ctx, f.PeriodStart, f.AsOf, nil, false)
	if err != nil {
		return err
	}
	f.PeriodChanges = pc.Filtered(r.Filter)
	if err := f.Measures.AddChanges(f.PeriodChanges); err != nil {
		return err
	}
	if r.Changes != nil {
		if err := s.requestedChanges(ctx, f, r); err != nil {
			return err
		}
	}
	if len(f.Quarterly) > 0 {
		if err := s.quarterChanges(ctx, f, r.Filter); err != nil {
			return err
		}
	}
	ms, err := s.store.Meetings(ctx)
	if err != nil {
		return err
	}
	f.Panel = data.PanelHalfYear(ms, recs, f.All, data.HalfYearStart(f.AsOf), f.AsOf)
	return nil
}

func (s *Service) requestedChanges(ctx context.Context, f *data.Figures, r Request) error {
	from, to := r.Changes.From, r.Changes.To
	if from.IsZero() || to.IsZero() {
		df, dt, err := s.ChangeDates(ctx, r.Changes.Kind, f.AsOf)
		if err != nil {
			return err
		}
		if to.IsZero() {
			to = dt
		}
		if from.IsZero() {
			from = df
			if from >= to {
				from = to.AddMonths(-f.Thresholds.PeriodMonths)
			}
		}
	}
	ch, err := s.Changes(ctx, from, to, r.Filter)
	if err != nil {
		return err
	}
	f.Changes = ch
	return nil
}

// quarterChanges puts in each quarter of f.Quarterly its disruptions and
// changes of plan, from the changes over all the quarters with each
// quarter's end a snapshot date.
func (s *Service) quarterChanges(ctx context.Context, f *data.Figures, filter data.Filter) error {
	qs := f.Quarterly
	from := qs[0].Quarter.Start.AddDays(-1)
	var cuts []data.Date
	for _, q := range qs {
		cuts = append(cuts, q.End)
	}
	ch, err := s.changesOver(ctx, from, f.AsOf, cuts, false)
	if err != nil {
		return err
	}
	ch = ch.Filtered(filter)
	for i := range qs {
		start := qs[i].Quarter.Start.AddDays(-1)
		qs[i].Disruptions = ch.DisruptionsIn(start, qs[i].End)
		qs[i].PlanChanges = ch.PlanChangesIn(start, qs[i].End)
	}
	return nil
}
