package store

import (
	"context"
	"path/filepath"
	"permanence/data"
	"testing"
)

// saveRows stores one extract of the given kind and date holding children.
func saveRows(t *testing.T, s *Store, kind, name string, date data.Date, children ...data.Child) {
	t.Helper()
	x := &data.ExtractData{Kind: kind, FileName: name, SHA256: kind + name, Date: date, Children: children}
	if _, err := s.SaveExtract(context.Background(), x, false, nil); err != nil {
		t.Fatal(err)
	}
}

func stateOf(t *testing.T, s *Store, id string, a data.Date) data.Child {
	t.Helper()
	cs, err := s.StateAt(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == id {
			// StateFromHistory must agree with StateAt.
			hist, _ := s.ChildHistory(context.Background(), id)
			if h, _ := data.StateFromHistory(hist, a); h != c {
				t.Errorf("StateFromHistory differs from StateAt for %s:\n%+v\n%+v", id, h, c)
			}
			return c
		}
	}
	t.Fatalf("child %s not in the state", id)
	return data.Child{}
}

func TestMergeTrackerAndReturnSamePeriod(t *testing.T) {
	s := openTemp(t)
	saveRows(t, s, data.KindSSDA903, "903", d("2026-03-31"), data.Child{ID: "A", DOB: d("2020-01-01"), EnteredCare: d("2024-01-01"),
		LegalStatus: "C1", PlacementType: "U6", CareOrder: data.NoDate, Plan: data.PlanAdoption, PlanInferred: true})
	saveRows(t, s, data.KindTracker, "tracker", d("2026-03-31"), data.Child{ID: "A", Name: "Ann Lee", EnteredCare: d("2024-01-01"),
		LegalStatus: "C2", Plan: data.PlanLongTermFostering, PlanText: "LTF", ProceedingsIssued: d("2024-02-01")})
	c := stateOf(t, s, "A", d("2026-03-31"))
	// The tracker supplies what the return lacks and wins where both give a value.
	if c.Name != "Ann Lee" || c.DOB != d("2020-01-01") || c.LegalStatus != "C2" || c.PlacementType != "U6" ||
		c.Plan != data.PlanLongTermFostering || c.PlanInferred || c.ProceedingsIssued != d("2024-02-01") {
		t.Errorf("merged state %+v", c)
	}
	hist, _ := s.ChildHistory(context.Background(), "A")
	_, prov := data.StateFromHistory(hist, d("2026-03-31"))
	if prov["placement_type"].Kind != data.KindSSDA903 || prov["legal_status"].Kind != data.KindTracker || prov["date_of_birth"].Kind != data.KindSSDA903 {
		t.Errorf("provenance %v", prov)
	}
}

func TestMergeNewPeriodOfCare(t *testing.T) {
	// The return saw a period of care that ended with a CAO; the later
	// tracker shows the child back in care in a new period.
	s := openTemp(t)
	saveRows(t, s, data.KindSSDA903, "903", d("2025-03-31"), data.Child{ID: "V", DOB: d("2015-05-05"), Sex: "Female", EnteredCare: d("2024-01-01"),
		CeasedCare: d("2025-02-05"), ReasonCeased: "E41", CAOOrder: d("2025-02-05"), LegalStatus: "C2", PlacementType: "U3"})
	saveRows(t, s, data.KindTracker, "tracker", d("2026-03-31"), data.Child{ID: "V", Name: "Vi Ray", EnteredCare: d("2025-10-01"),
		LegalStatus: "C1", Plan: data.PlanReunification, PlanText: "Reunification"})
	c := stateOf(t, s, "V", d("2026-03-31"))
	if !data.InCare(&c, d("2026-03-31")) || !c.CeasedCare.IsZero() || c.ReasonCeased != "" || !c.CAOOrder.IsZero() || c.PlacementType != "" {
		t.Errorf("the new period of care must not take the old one's dates: %+v", c)
	}
	if c.DOB != d("2015-05-05") || c.Sex != "Female" || c.Name != "Vi Ray" {
		t.Errorf("identity should come from both rows: %+v", c)
	}
	m := data.Compute([]data.Child{c}, d("2026-03-31"), data.NoDate, data.DefaultThresholds())
	if m.Count("in_care") != 1 || m.Count("cohort.reunification") != 1 {
		t.Errorf("in_care %d, reunification %d", m.Count("in_care"), m.Count("cohort.reunification"))
	}
	// As at 2025-03-31 the tracker (dated 2026) is the future: the return alone.
	old := stateOf(t, s, "V", d("2025-03-31"))
	if old.CeasedCare != d("2025-02-05") || old.Name != "" || old.Plan != data.PlanNotRecorded {
		t.Errorf("the state in 2025 took values from a 2026 extract: %+v", old)
	}
}

func TestMergeNoFutureLeak(t *testing.T) {
	s := openTemp(t)
	saveRows(t, s, data.KindSSDA903, "903", d("2025-03-31"), data.Child{ID: "W", EnteredCare: d("2024-06-01"), LegalStatus: "C1"})
	saveRows(t, s, data.KindTracker, "tracker", d("2026-03-31"), data.Child{ID: "W", EnteredCare: d("2024-06-01"), LegalStatus: "E1",
		Plan: data.PlanAdoption, PlanText: "Adoption"})
	m := data.Compute([]data.Child{stateOf(t, s, "W", d("2025-03-31"))}, d("2025-03-31"), data.NoDate, data.DefaultThresholds())
	if m.Count("cohort.adoption") != 0 || m.Count("cohort.not_recorded") != 1 {
		t.Errorf("a 2026 plan leaked into 2025: adoption %d, not recorded %d", m.Count("cohort.adoption"), m.Count("cohort.not_recorded"))
	}
	// Before both extracts, the earliest rows of each are used.
	if c := stateOf(t, s, "W", d("2024-12-31")); c.LegalStatus != "E1" || c.Plan != data.PlanAdoption {
		t.Errorf("before any extract: %+v", c)
	}
}

func d(s string) data.Date { return data.MustDate(s) }

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "panel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
