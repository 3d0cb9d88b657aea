// Package figures is the one service that builds "the figures as at A for
// a period and a filter" from the store: the children's state, the
// measures, the trends, drift flags and quarterly successes, with every
// threshold and the period length read from the store's settings. The CLI,
// the app and every export take what it builds; none of them computes a
// figure of its own.
package figures

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"permanence/data"
	"permanence/data/benchmark"
	"permanence/data/store"
)

// Request says which figures to build.
type Request struct {
	AsOf data.Date // NoDate: the latest extract's date
	// From is the day before the period starts (the period is From < d <=
	// AsOf). NoDate: AsOf less the threshold.period_months setting, or the
	// financial year to date with FinancialYear.
	From          data.Date
	PeriodMonths  int // when above 0 and From is NoDate: the period's length in months
	FinancialYear bool
	Filter        data.Filter
	// Quarters asks for the data set at the end of each of the last n
	// quarters (Figures.Quarterly), as the board (4) and SLT (8) reports show.
	Quarters int
	// Successes asks for the celebrations of each trend quarter
	// (Figures.Successes), as the Celebrations screen and slide show them.
	Successes bool
	// Changes asks for the changes between two dates (Figures.Changes),
	// as the pack's Changes sheet shows them.
	Changes *ChangesRequest
}

// Service builds figures from one store, keeping the children's state for
// the few as-at dates last asked for.
type Service struct {
	store *store.Store

	mu     sync.Mutex
	states map[data.Date][]data.Child
	order  []data.Date // least recently used first
	// reviewed are states with the panel's review dates applied
	// (data.ApplyPanelReviews), for the dates in states; recs are the
	// panel's records as last read (nil: not read since Invalidate).
	reviewed map[data.Date][]data.Child
	recs     []data.MeetingRecord
	// changes are the changes worked out lately (unfiltered), by window.
	changes map[changeKey]*data.Changes
}

const stateCacheSize = 6

// ErrNoExtracts is returned when the store has nothing to compute from.
var ErrNoExtracts = errors.New("the store has no extracts yet: import one first")

// New returns the service for a store.
func New(s *store.Store) *Service {
	return &Service{store: s, states: map[data.Date][]data.Child{}, reviewed: map[data.Date][]data.Child{}}
}

// Store is the store the service reads.
func (s *Service) Store() *store.Store { return s.store }

// Invalidate forgets every cached state and panel record (after an
// import, or a record saved).
func (s *Service) Invalidate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.states = map[data.Date][]data.Child{}
	s.reviewed = map[data.Date][]data.Child{}
	s.recs = nil
	s.order = nil
	s.changes = nil
}

// records are the panel's records, read once after each Invalidate.
func (s *Service) records(ctx context.Context) ([]data.MeetingRecord, error) {
	s.mu.Lock()
	recs := s.recs
	s.mu.Unlock()
	if recs != nil {
		return recs, nil
	}
	recs, err := s.store.AllRecords(ctx)
	if err != nil {
		return nil, err
	}
	if recs == nil {
		recs = []data.MeetingRecord{}
	}
	s.mu.Lock()
	s.recs = recs
	s.mu.Unlock()
	return recs, nil
}

// reviewedState is every child's state as at a with the panel's own
// review dates in place of the extract's (they win, panel.md): the cached
// state itself when the panel has no records, else a copy, cached too.
// The slice is shared: callers must not change it.
func (s *Service) reviewedState(ctx context.Context, a data.Date, recs []data.MeetingRecord) ([]data.Child, error) {
	s.mu.Lock()
	if st, ok := s.reviewed[a]; ok {
		s.mu.Unlock()
		return st, nil
	}
	s.mu.Unlock()
	st, err := s.State(ctx, a)
	if err != nil || len(recs) == 0 {
		return st, err
	}
	st = slices.Clone(st)
	data.ApplyPanelReviews(st, recs, a)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, cached := s.states[a]; cached {
		s.reviewed[a] = st
	}
	return st, nil
}

// State returns every child's state as at a, from the cache when it can.
// The slice is shared: callers must not change it.
func (s *Service) State(ctx context.Context, a data.Date) ([]data.Child, error) {
	s.mu.Lock()
	if st, ok := s.states[a]; ok {
		s.touch(a)
		s.mu.Unlock()
		return st, nil
	}
	s.mu.Unlock()
	st, err := s.store.StateAt(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("read the children's records as at %s: %w", a.UK(), err)
	}
	s.remember(a, st)
	return st, nil
}

// remember caches st as every child's state as at a.
func (s *Service) remember(a data.Date, st []data.Child) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.states[a] = st
	s.touch(a)
	for len(s.order) > stateCacheSize {
		delete(s.states, s.order[0])
		delete(s.reviewed, s.order[0])
		s.order = s.order[1:]
	}
}

func (s *Service) touch(a data.Date) {
	for i, d := range s.order {
		if d == a {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	s.order = append(s.order, a)
}

// Figures builds the figures a request asks for.
func (s *Service) Figures(ctx context.Context, r Request) (*data.Figures, error) {
	th, err := s.store.Thresholds(ctx)
	if err != nil {
		return nil, err
	}
	f := &data.Figures{Filter: r.Filter}
	if f.Authority, err = s.store.Setting(ctx, store.SettingAuthorityName, ""); err != nil {
		return nil, err
	}
	if f.Extracts, err = s.store.Extracts(ctx); err != nil {
		return nil, err
	}
	a := r.AsOf
	if a.IsZero() {
		if a, err = s.store.LatestExtractDate(ctx); err != nil {
			return nil, err
		}
		if a.IsZero() {
			return nil, ErrNoExtracts
		}
	}
	for _, x := range f.Extracts {
		if x.Date <= a {
			f.Extract = fmt.Sprintf("%s (extract of %s)", x.FileName, x.Date.UK())
		}
	}
	recs, err := s.records(ctx)
	if err != nil {
		return nil, err
	}
	// The period's changes first: reading the history gives the state as
	// at a on the way, so that it is not read twice.
	if _, err := s.changesOver(ctx, periodStart(r, a, th), a, nil, false); err != nil {
		return nil, err
	}
	// The panel's own review dates win over the extract's (panel.md).
	if f.All, err = s.reviewedState(ctx, a, recs); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.Measures = data.Compute(r.Filter.Apply(f.All, a), a, periodStart(r, a, th), th)
	bt, population, err := s.benchmarks(ctx)
	if err != nil {
		return nil, err
	}
	f.Measures.Benchmarks = bt
	f.Measures.AddPopulationRates(population, r.Filter.Active())
	if r.Successes {
		f.Successes = data.SuccessesByQuarter(f.Measures)
	}
	if r.Quarters > 0 {
		if f.Quarterly, err = s.quarterly(ctx, a, r.Quarters, r.Filter, th, recs); err != nil {
			return nil, err
		}
		for _, q := range f.Quarterly {
			q.Benchmarks = bt
			q.AddPopulationRates(population, r.Filter.Active())
		}
	}
	if err := s.addChanges(ctx, f, r, recs); err != nil {
		return nil, err
	}
	return f, ctx.Err()
}

// benchmarks are the benchmark table (the shipped one and the store's
// own) and the authority's population under 18 (0 when not set), read
// for each set of figures: a comparator imported from the command line
// reaches the open app's next figures.
func (s *Service) benchmarks(ctx context.Context) (*data.BenchmarkTable, int, error) {
	bt, err := benchmark.Table(ctx, s.store)
	if err != nil {
		return nil, 0, err
	}
	population, err := s.store.Population(ctx)
	return bt, population, err
}

// periodStart is the day before the period a request asks for begins.
func periodStart(r Request, a data.Date, th data.Thresholds) data.Date {
	switch {
	case !r.From.IsZero():
		return r.From
	case r.FinancialYear:
		return data.FinancialYearStart(a)
	case r.PeriodMonths > 0:
		return a.AddMonths(-r.PeriodMonths)
	}
	return a.AddMonths(-th.PeriodMonths)
}

// quarterly computes the data set at the end of each of the n quarters
// ending with the one that holds asOf (the current quarter ends at asOf),
// from the children's state at that date, with the period being that
// quarter. Oldest first.
func (s *Service) quarterly(ctx context.Context, asOf data.Date, n int, filter data.Filter, th data.Thresholds, recs []data.MeetingRecord) ([]data.QuarterFigures, error) {
	qs := data.TrendQuarters(asOf, n, th.FinancialQuarters)
	out := make([]data.QuarterFigures, len(qs))
	for i, q := range qs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		end := q.End
		if end > asOf {
			end = asOf
		}
		children, err := s.store.StateAt(ctx, end)
		if err != nil {
			return nil, fmt.Errorf("read the children as at %s: %w", end.UK(), err)
		}
		data.ApplyPanelReviews(children, recs, end) // the store's own copy: changed in place
		m := data.Compute(filter.Apply(children, end), end, q.Start.AddDays(-1), th)
		// The reports need each quarter's counts, members and drift flags,
		// not the children's rows: let them go, so eight quarters of a
		// national-scale store do not sit in memory at once.
		m.Children = nil
		out[i] = data.QuarterFigures{Quarter: q, End: end, Measures: m}
		if len(children) > 50000 {
			children = nil
			runtime.GC() // hand the quarter's rows back before reading the next
		}
	}
	return out, nil
}
