package figures

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"permanence/data"
	"permanence/data/store"
	"permanence/data/tracker"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "panel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importCSV(t *testing.T, s *store.Store, name, body string, date data.Date) {
	t.Helper()
	x, err := tracker.ReadTracker(context.Background(), name, []byte(body), date)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveExtract(context.Background(), x, false, nil); err != nil {
		t.Fatal(err)
	}
}

// The figures follow the store's settings: the period's length, the
// thresholds, the authority's name; a filter narrows the measures but not
// the children's states; quarterly figures end at each quarter's end.
func TestFiguresFollowTheSettings(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	if _, err := New(s).Figures(ctx, Request{}); !errors.Is(err, ErrNoExtracts) {
		t.Fatalf("an empty store: %v", err)
	}
	// A: issued 23 Sep 2025, 189 days before 31 Mar 2026; B: 181 days;
	// C: SGO order 15 Aug 2025, inside 12 months but not inside 6.
	importCSV(t, s, "march.csv", "Child ID,Team,Plan,Date Entered Care,Proceedings Issued,SGO Order Date\n"+
		"A,North,Adoption,01/01/2025,23/09/2025,\nB,South,Adoption,01/01/2025,01/10/2025,\nC,North,SGO,01/01/2024,,15/08/2025\n",
		data.MustDate("2026-03-31"))
	svc := New(s)
	f, err := svc.Figures(ctx, Request{})
	if err != nil {
		t.Fatal(err)
	}
	if f.AsOf != data.MustDate("2026-03-31") || f.PeriodStart != data.MustDate("2025-03-31") ||
		f.Count(data.KeyProceedingsOver26Weeks) != 1 || f.Count(data.KeySGOOrders) != 1 {
		t.Errorf("defaults: as at %s from %s, over 26 weeks %d, SGOs %d", f.AsOf, f.PeriodStart,
			f.Count(data.KeyProceedingsOver26Weeks), f.Count(data.KeySGOOrders))
	}
	if f.Extract != "march.csv (extract of 31/03/2026)" {
		t.Errorf("extract = %q", f.Extract)
	}
	err = s.ChangeSettings(ctx, [][2]string{{"threshold.period_months", "6"}, {"threshold.proceedings_days", "175"},
		{"authority_name", "Anytown"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err = svc.Figures(ctx, Request{Filter: data.Filter{Team: "North"}, Quarters: 4, Successes: true})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.Get(data.KeyProceedingsOver26Weeks)
	switch {
	case f.Authority != "Anytown":
		t.Errorf("authority %q", f.Authority)
	case f.PeriodStart != data.MustDate("2025-09-30"):
		t.Errorf("6-month period starts after %s", f.PeriodStart)
	case f.Count(data.KeyProceedingsOver26Weeks) != 1 || v.Label != "Proceedings over 25 weeks":
		t.Errorf("North only, 175 days: %d %q", f.Count(data.KeyProceedingsOver26Weeks), v.Label)
	case f.Count(data.KeySGOOrders) != 0:
		t.Error("C's SGO in August is outside a 6-month period")
	case len(f.All) != 3 || len(f.Children) != 2:
		t.Errorf("all %d, filtered %d", len(f.All), len(f.Children))
	case len(f.Quarterly) != 4 || f.Quarterly[3].End != f.AsOf || f.Quarterly[0].Quarter.Label != "2025-Q2":
		t.Errorf("quarterly: %d, last ends %s", len(f.Quarterly), f.Quarterly[len(f.Quarterly)-1].End)
	case len(f.Successes) != 8 || f.Successes[7].Quarter.Label != "2026-Q1":
		t.Errorf("successes by quarter: %d", len(f.Successes))
	}
	// 2025-Q3 holds C's SGO (15 Aug 2025), in the North team.
	if f.Quarterly[1].Quarter.Label != "2025-Q3" || f.Quarterly[1].Count(data.KeySGOOrders) != 1 {
		t.Errorf("2025-Q3 SGOs: %d", f.Quarterly[1].Count(data.KeySGOOrders))
	}
	if _, err := svc.Figures(ctx, Request{FinancialYear: true, AsOf: data.MustDate("2026-02-01")}); err != nil {
		t.Error(err)
	}
}

// The panel's review date wins over the extract's: the drift flag "panel
// review overdue" and the child's state read the date the panel set at its
// latest meeting, and fall back to the extract's for other children.
func TestPanelReviewDateWins(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	// Both children's extract says the review was due 1 March 2026, before
	// the as-at date: overdue, unless the panel said otherwise.
	importCSV(t, s, "march.csv", "Child ID,Plan,Date Entered Care,Next Panel Review Date\n"+
		"A,Adoption,01/01/2025,01/03/2026\nB,Adoption,01/01/2025,01/03/2026\n", data.MustDate("2026-03-31"))
	overdue := func(f *data.Figures) map[string]bool {
		out := map[string]bool{}
		for i, flags := range f.Measures.Drift {
			for _, fl := range flags {
				if fl.Kind == data.DriftPanelReviewOverdue {
					out[f.Measures.Children[i].ID] = true
				}
			}
		}
		return out
	}
	svc := New(s)
	f, err := svc.Figures(ctx, Request{})
	if err != nil {
		t.Fatal(err)
	}
	if got := overdue(f); !got["A"] || !got["B"] {
		t.Fatalf("before any panel record both reviews are overdue: %v", got)
	}
	// The panel saw A on 10 March 2026 and set the next review for 10 June.
	id, err := s.CreateMeeting(ctx, data.Meeting{Date: data.MustDate("2026-03-10"), Kind: data.PanelAdoption}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.HoldMeeting(ctx, id, nil, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRecord(ctx, data.PanelRecord{MeetingID: id, ChildID: "A", NextReview: data.MustDate("2026-06-10")}, "test"); err != nil {
		t.Fatal(err)
	}
	svc.Invalidate()
	f, err = svc.Figures(ctx, Request{})
	if err != nil {
		t.Fatal(err)
	}
	if got := overdue(f); got["A"] || !got["B"] {
		t.Errorf("the panel's date should win for A only: overdue %v", got)
	}
	for _, c := range f.All {
		if want := map[string]string{"A": "2026-06-10", "B": "2026-03-01"}[c.ID]; c.NextPanelReview.String() != want {
			t.Errorf("child %s: next panel review %s, want %s", c.ID, c.NextPanelReview, want)
		}
	}
	// As at a date before the meeting, the panel had not yet spoken.
	f, err = svc.Figures(ctx, Request{AsOf: data.MustDate("2026-03-09")})
	if err != nil {
		t.Fatal(err)
	}
	if got := overdue(f); !got["A"] {
		t.Errorf("as at 9 March, before the meeting, A's review was overdue: %v", got)
	}
	// The cached state is not changed by the overlay.
	raw, err := svc.State(ctx, data.MustDate("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range raw {
		if c.NextPanelReview != data.MustDate("2026-03-01") {
			t.Errorf("the shared state of %s was changed: %s", c.ID, c.NextPanelReview)
		}
	}
}

// The figures carry the benchmark table (the shipped national figures and
// the store's own comparators) and, with the population set and no
// filter, children in care per 10,000.
func TestFiguresCarryBenchmarksAndTheRate(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	importCSV(t, s, "march.csv", "Child ID,Team,Plan,Date Entered Care\nA,North,Adoption,01/01/2025\nB,South,Adoption,01/01/2025\nC,North,SGO,01/01/2024\n",
		data.MustDate("2026-03-31"))
	svc := New(s)
	f, err := svc.Figures(ctx, Request{Quarters: 2})
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := f.National(data.KeyFinalHearingsMedianWeeks); !ok || b.Value != 38 {
		t.Errorf("the shipped national figure: %v %v", b, ok)
	}
	if _, ok := f.Get(data.KeyInCarePer10000); ok {
		t.Error("a rate with no population set")
	}
	nw := data.Benchmark{Key: data.KeyInCarePer10000, Area: "North West", Kind: data.BenchmarkFigure, Value: 95, Unit: data.BenchPer10000,
		Period: "31 Mar 2025", PeriodStart: data.MustDate("2025-03-31"), PeriodEnd: data.MustDate("2025-03-31"), Publisher: "DfE", Title: "LAIT", URL: "https://x"}
	if _, err := s.SaveBenchmarks(ctx, "nw.csv", []data.Benchmark{nw}, "ann"); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangeSetting(ctx, store.SettingPopulation, "1500"); err != nil {
		t.Fatal(err)
	}
	f, err = svc.Figures(ctx, Request{Quarters: 2})
	if err != nil {
		t.Fatal(err)
	}
	// 3 in care × 10,000 / 1,500 = 20.
	if v, ok := f.Get(data.KeyInCarePer10000); !ok || v.Number != 20 {
		t.Errorf("rate = %v %v, want 20", v, ok)
	}
	if cs := f.Comparators(data.KeyInCarePer10000); len(cs) != 1 || cs[0].Area != "North West" {
		t.Errorf("the stored comparator: %v", cs)
	}
	if q := f.Quarterly[len(f.Quarterly)-1]; q.Benchmarks == nil || q.Count(data.KeyInCare) != 3 {
		t.Error("the quarterly figures should carry the table too")
	} else if v, _ := q.Get(data.KeyInCarePer10000); v.Number != 20 {
		t.Errorf("the last quarter's rate = %g, want 20", v.Number)
	}
	f, err = svc.Figures(ctx, Request{Filter: data.Filter{Team: "North"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Get(data.KeyInCarePer10000); ok {
		t.Error("a filter narrows the children: no rate over the whole population")
	}
}
