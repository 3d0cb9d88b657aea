package store

import (
	"context"
	"reflect"
	"testing"

	"permanence/data"
)

// StatesOver gives, in one pass, exactly the states StateAt gives at each
// date: tracker and SSDA903 rows combined, the earliest extract before any,
// children who appear late or drop out.
func TestStatesOverMatchesStateAt(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	saveRows(t, s, data.KindSSDA903, "903a", d("2025-03-31"),
		data.Child{ID: "A", DOB: d("2020-01-01"), EnteredCare: d("2024-01-01"), LegalStatus: "C1", PlacementType: "U6"},
		data.Child{ID: "W", EnteredCare: d("2024-06-01"), LegalStatus: "C1"})
	saveRows(t, s, data.KindTracker, "t1", d("2025-09-30"),
		data.Child{ID: "A", Name: "Ann", EnteredCare: d("2024-01-01"), Plan: data.PlanAdoption, PlanText: "Adoption"},
		data.Child{ID: "B", EnteredCare: d("2025-02-01"), Plan: data.PlanLongTermFostering, PlanText: "LTF"})
	saveRows(t, s, data.KindTracker, "t2", d("2025-12-31"),
		data.Child{ID: "A", Name: "Ann", EnteredCare: d("2024-01-01"), Plan: data.PlanLongTermFostering, PlanText: "LTF"},
		data.Child{ID: "C", EnteredCare: d("2025-11-01"), Plan: data.PlanReunification, PlanText: "Rehab"})
	saveRows(t, s, data.KindSSDA903, "903b", d("2026-03-31"),
		data.Child{ID: "A", DOB: d("2020-01-01"), EnteredCare: d("2024-01-01"), LegalStatus: "C2", PlacementType: "U4"},
		data.Child{ID: "W", EnteredCare: d("2024-06-01"), LegalStatus: "E1", CeasedCare: d("2026-01-05"), ReasonCeased: "E12"})
	dates := []data.Date{d("2024-12-31"), d("2025-03-31"), d("2025-09-30"), d("2025-11-15"), d("2025-12-31"), d("2026-03-31")}
	want := make([][]data.Child, len(dates))
	for i, a := range dates {
		st, err := s.StateAt(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = st
	}
	n := 0
	err := s.StatesOver(ctx, dates, func(states []*data.Child) error {
		for i := range dates {
			if n >= len(want[i]) || !reflect.DeepEqual(*states[i], want[i][n]) {
				t.Errorf("child %d as at %s:\n%+v\nStateAt:\n%+v", n, dates[i], *states[i], want[i][n])
			}
		}
		n++
		return nil
	})
	if err != nil || n != 4 {
		t.Fatalf("%d children, %v", n, err)
	}
}

// The SSDA903 episodes and adoption decisions of children ever placed for
// adoption or in early permanence, from the latest return on or before
// the date that holds them.
func TestSSDA903Histories(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ret := func(name string, date data.Date, eps [][]any, pfa [][]any, children ...string) {
		x := &data.ExtractData{Kind: data.KindSSDA903, FileName: name, SHA256: name, Date: date}
		for _, c := range children {
			x.Children = append(x.Children, data.Child{ID: c, EnteredCare: d("2024-01-01")})
		}
		x.Stored = []data.SourceTable{
			{Name: "ssda903_episodes", Columns: []string{"child_id", "decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec",
				"reason_place_change", "urn", "period_of_care", "return_year", "source_file", "source_row"},
				Rows: len(eps), Row: func(i int) ([]any, bool) { return eps[i], true }},
			{Name: "ssda903_placed_for_adoption", Columns: []string{"child_id", "date_placed", "date_placed_ceased",
				"reason_placed_ceased", "source_file", "source_row"},
				Rows: len(pfa), Row: func(i int) ([]any, bool) { return pfa[i], true }},
		}
		if _, err := s.SaveExtract(ctx, x, false, nil); err != nil {
			t.Fatal(err)
		}
	}
	ep := func(child, decom, rne, place, dec, rec, why string) []any {
		return []any{child, decom, rne, "E1", "N1", place, "PR1", dec, rec, why, "", 1, 2025, "episodes.csv", 2}
	}
	ret("2025", d("2025-03-31"), [][]any{
		ep("P", "2024-01-01", "S", "U6", "2024-12-01", "X1", ""),
		ep("P", "2024-12-01", "P", "A4", "", "", ""),
		ep("Q", "2024-01-01", "S", "U6", "", "", ""),
	}, [][]any{{"P", "2024-06-01", "", "", "pfa.csv", 2}}, "P", "Q")
	ret("2026", d("2026-03-31"), [][]any{
		ep("P", "2024-01-01", "S", "U6", "2024-12-01", "X1", ""),
		ep("P", "2024-12-01", "P", "A4", "2025-10-01", "X1", ""),
		ep("P", "2025-10-01", "P", "U6", "", "", "CREQB"),
		ep("R", "2025-01-01", "S", "U5", "", "", ""),
	}, [][]any{{"P", "2024-06-01", "2025-11-01", "RD1", "pfa.csv", 2}}, "P", "R")
	// As at 2025-12-31 only the 2025 return counts: P's placement is open.
	hs, err := s.SSDA903Histories(ctx, d("2025-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 1 || hs[0].ChildID != "P" || hs[0].Return.FileName != "2025" || len(hs[0].Episodes) != 2 ||
		!hs[0].Episodes[1].End.IsZero() || len(hs[0].Decisions) != 1 || !hs[0].Decisions[0].Ceased.IsZero() {
		t.Fatalf("as at 2025-12-31: %+v", hs)
	}
	// As at 2026-03-31: P from the 2026 return (its three episodes and the
	// reversed decision); R (early permanence); Q never placed: left out.
	hs, err = s.SSDA903Histories(ctx, d("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0].ChildID != "P" || hs[1].ChildID != "R" || hs[0].Return.FileName != "2026" || len(hs[0].Episodes) != 3 {
		t.Fatalf("as at 2026-03-31: %+v", hs)
	}
	p := hs[0]
	if e := p.Episodes[2]; e.Start != d("2025-10-01") || e.Place != "U6" || e.RNE != "P" || e.ReasonPlaceChange != "CREQB" || e.Period != 1 {
		t.Errorf("episode: %+v", e)
	}
	if len(p.Decisions) != 1 || p.Decisions[0] != (data.AdoptionDecision{Placed: d("2024-06-01"), Ceased: d("2025-11-01"), Reason: "RD1"}) {
		t.Errorf("decisions: %+v", p.Decisions)
	}
	// No return at all: nothing read.
	if hs, err := openTemp(t).SSDA903Histories(ctx, d("2026-03-31")); err != nil || hs != nil {
		t.Errorf("an empty store: %v %v", hs, err)
	}
}

// The agenda lines frozen with a reason when their meetings were held.
func TestFrozenAgendaLines(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	saveRows(t, s, data.KindTracker, "t", d("2026-01-31"), data.Child{ID: "A"}, data.Child{ID: "B"})
	id, err := s.CreateMeeting(ctx, data.Meeting{Date: d("2026-02-10"), Kind: data.PanelAdoption}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.HoldMeeting(ctx, id, []data.AgendaLine{
		{ChildID: "A", Reasons: []data.Reason{data.ReasonReviewDue, data.ReasonDisruption}},
		{ChildID: "B", Reasons: []data.Reason{data.ReasonReviewDue}},
	}, "test"); err != nil {
		t.Fatal(err)
	}
	planned, err := s.CreateMeeting(ctx, data.Meeting{Date: d("2026-03-10"), Kind: data.PanelAdoption}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddToAgenda(ctx, planned, "B"); err != nil {
		t.Fatal(err)
	}
	got, err := s.FrozenAgendaLines(ctx, data.ReasonDisruption)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[int64][]string{id: {"A"}}) {
		t.Errorf("lines: %v", got)
	}
}
