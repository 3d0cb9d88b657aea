package figures

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"permanence/data"
	"permanence/data/ssda903"
	"permanence/data/store"
)

// Three tracker extracts (30 Sep 2025, 31 Dec 2025, 31 Mar 2026) and an
// SSDA903 return (31 Mar 2026), worked out by hand:
//
//   - P1: adoption (placement order 1 May 2025) to long-term fostering,
//     first seen 31 Dec; the change ratified 20 Nov; the order revoked 15
//     Jan 2026: 56 days, within 3 months (target 20 Feb).
//   - P2: adoption (order 1 Jun 2025) to return home, first seen 31 Dec;
//     the plan ended 1 Oct (target 1 Jan 2026); revoked 2 Mar 2026: 152
//     days, beyond 3 months.
//   - P3: adoption to long-term fostering, first seen 31 Mar; no order.
//   - P4: long-term fostering to special guardianship, first seen 31 Dec;
//     the panel endorsed long-term fostering on 10 Feb 2026: the case
//     system differs.
//   - D1: placed for adoption (A4) 1 Jul 2025; by 31 Mar in U6 from 3 Feb
//     2026 with no adoption order: a disruption dated 3 Feb, seen between
//     the December and March extracts; the adoption panel of 20 Feb
//     recorded its disruption recommendation.
//   - L1: long-term fostering match ratified 1 May 2025 (U4); in K2 from
//     10 Mar 2026: a long-term fostering disruption.
//   - S1 (the return only): placed for adoption (A6) 1 Jun 2025 until 20
//     Jan 2026, then U6 (REASON_PLACE_CHANGE CREQB); the decision to place
//     reversed 15 Feb 2026 (RD1): a disruption dated 20 Jan the extracts
//     cannot see (the return's row shows U6 at every date).
//   - X1 left care 31 Jan 2026 (E4A); G1 special guardianship order 1 Mar
//     2026 (left care, E47); F1 final hearing 15 Feb 2026; N1 came into
//     care 1 Nov 2025.
const (
	csvHead = "Child ID,Name,Team,Plan,Date Entered Care,Ceased Care,Reason Ceased,Legal Status,Placement Type," +
		"Placement Start,Placement Order,Placed For Adoption,Adoption Plan Ended,PO Revoked,LTF ADM Date,Proceedings Issued,Final Hearing,SGO Order\n"
	sepCSV = csvHead +
		"P1,Pat One,North,Adoption,01/01/2024,,,E1,U6,,01/05/2025,,,,,,,\n" +
		"P2,Pat Two,North,Adoption,01/01/2024,,,E1,U6,,01/06/2025,,,,,,,\n" +
		"P3,Pat Three,South,Adoption,01/01/2024,,,C2,U6,,,,,,,,,\n" +
		"P4,Pat Four,South,Long term fostering,01/01/2023,,,C2,U4,,,,,,,,,\n" +
		"D1,Dee One,North,Adoption,01/01/2024,,,E1,A4,01/07/2025,01/03/2025,01/07/2025,,,,,,\n" +
		"L1,Lee One,South,Long term fostering,01/01/2022,,,C2,U4,01/06/2024,,,,,01/05/2025,,,\n" +
		"X1,Xan One,North,Reunification,01/01/2025,,,C2,U6,,,,,,,,,\n" +
		"F1,Fay One,North,Reunification,01/01/2025,,,C1,U6,,,,,,,01/09/2025,,\n" +
		"G1,Gus One,South,Special guardianship,01/01/2024,,,C2,U3,,,,,,,,,\n"
	decCSV = csvHead +
		"P1,Pat One,North,Long term fostering,01/01/2024,,,E1,U6,,01/05/2025,,20/11/2025,,,,,\n" +
		"P2,Pat Two,North,Return home,01/01/2024,,,E1,U6,,01/06/2025,,01/10/2025,,,,,\n" +
		"P3,Pat Three,South,Adoption,01/01/2024,,,C2,U6,,,,,,,,,\n" +
		"P4,Pat Four,South,Special guardianship,01/01/2023,,,C2,U4,,,,,,,,,\n" +
		"D1,Dee One,North,Adoption,01/01/2024,,,E1,A4,01/07/2025,01/03/2025,01/07/2025,,,,,,\n" +
		"L1,Lee One,South,Long term fostering,01/01/2022,,,C2,U4,01/06/2024,,,,,01/05/2025,,,\n" +
		"X1,Xan One,North,Reunification,01/01/2025,,,C2,U6,,,,,,,,,\n" +
		"F1,Fay One,North,Reunification,01/01/2025,,,C1,U6,,,,,,,01/09/2025,,\n" +
		"G1,Gus One,South,Special guardianship,01/01/2024,,,C2,U3,,,,,,,,,\n" +
		"N1,Nan One,North,Reunification,01/11/2025,,,V2,U6,,,,,,,,,\n"
	marCSV = csvHead +
		"P1,Pat One,North,Long term fostering,01/01/2024,,,C2,U6,,01/05/2025,,20/11/2025,15/01/2026,,,,\n" +
		"P2,Pat Two,North,Return home,01/01/2024,,,C2,U6,,01/06/2025,,01/10/2025,02/03/2026,,,,\n" +
		"P3,Pat Three,South,Long term fostering,01/01/2024,,,C2,U6,,,,,,,,,\n" +
		"P4,Pat Four,South,Special guardianship,01/01/2023,,,C2,U4,,,,,,,,,\n" +
		"D1,Dee One,North,Adoption,01/01/2024,,,E1,U6,03/02/2026,01/03/2025,01/07/2025,,,,,,\n" +
		"L1,Lee One,South,Long term fostering,01/01/2022,,,C2,K2,10/03/2026,,,,,01/05/2025,,,\n" +
		"X1,Xan One,North,Reunification,01/01/2025,31/01/2026,E4A,C2,U6,,,,,,,,,\n" +
		"F1,Fay One,North,Reunification,01/01/2025,,,C2,U6,,,,,,,01/09/2025,15/02/2026,\n" +
		"G1,Gus One,South,Special guardianship,01/01/2024,01/03/2026,E47,C2,U3,,,,,,,,,01/03/2026\n" +
		"N1,Nan One,North,Reunification,01/11/2025,,,V2,U6,,,,,,,,,\n"
)

// changesStore holds the three extracts, the return and the panel's
// meetings of 10 Feb (tracking, closed) and 20 Feb 2026 (adoption, held).
func changesStore(t *testing.T) *store.Store {
	t.Helper()
	s := openStore(t)
	ctx := context.Background()
	importCSV(t, s, "sep.csv", sepCSV, data.MustDate("2025-09-30"))
	importCSV(t, s, "dec.csv", decCSV, data.MustDate("2025-12-31"))
	importCSV(t, s, "mar.csv", marCSV, data.MustDate("2026-03-31"))
	dir := t.TempDir()
	files := map[string]string{
		"header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nS1,1,15/03/2023,WBRI,A123456789012,,\n",
		"episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n" +
			"S1,01/10/2024,S,C1,N1,U6,PR1,01/03/2025,X1,,,,\n" +
			"S1,01/03/2025,L,E1,N1,U6,PR1,01/06/2025,X1,,,,\n" +
			"S1,01/06/2025,P,E1,N1,A6,PR1,20/01/2026,X1,,,,\n" +
			"S1,20/01/2026,P,E1,N1,U6,PR1,,,CREQB,,,\n",
		"placed_for_adoption.csv": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\nS1,15/03/2023,15/01/2025,15/02/2026,RD1\n",
	}
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	x, err := ssda903.ReadSSDA903Files(ctx, paths, data.MustDate("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveExtract(ctx, x, false, nil); err != nil {
		t.Fatal(err)
	}

	meeting := func(date string, kind data.PanelKind, lines []data.AgendaLine, recs ...data.PanelRecord) {
		id, err := s.CreateMeeting(ctx, data.Meeting{Date: data.MustDate(date), Kind: kind, Chair: "Chair"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.HoldMeeting(ctx, id, lines, "test"); err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			r.MeetingID = id
			if _, err := s.SaveRecord(ctx, r, "test"); err != nil {
				t.Fatal(err)
			}
		}
		if kind == data.PanelTracking {
			if err := s.SetMeetingStatus(ctx, id, data.MeetingClosed, "test"); err != nil {
				t.Fatal(err)
			}
		}
	}
	meeting("2026-02-10", data.PanelTracking, nil,
		data.PanelRecord{ChildID: "P4", Plan: "long_term_fostering", Barriers: []data.Barrier{data.BarrierFamilyFinding},
			NextReview: data.MustDate("2026-03-01")},
		data.PanelRecord{ChildID: "P1", Plan: "long_term_fostering", Barriers: []data.Barrier{data.BarrierCourtDelay},
			Actions: []data.Action{{What: "Apply to revoke", Who: "Legal", Due: data.MustDate("2026-03-01"), Status: data.ActionOpen}}})
	meeting("2026-02-20", data.PanelAdoption, []data.AgendaLine{{ChildID: "D1", Reasons: []data.Reason{data.ReasonDisruption}}},
		data.PanelRecord{ChildID: "D1", Decision: "Recommend a new match after the disruption meeting",
			Barriers:   []data.Barrier{data.BarrierPlacementSufficiency, data.BarrierFamilyFinding},
			Escalation: &data.Escalation{To: "Head of service", Why: "No carers", Raised: data.MustDate("2026-02-20")},
			Actions:    []data.Action{{What: "Disruption meeting", Who: "IRO", Due: data.MustDate("2026-03-15"), Status: data.ActionDone, DoneOn: data.MustDate("2026-03-10")}}})
	return s
}

// The change measures over the period (31 Mar 2025 < d ≤ 31 Mar 2026), as
// the figures and `measures --json` give them.
func TestChangeMeasuresAcrossThreeExtracts(t *testing.T) {
	s := changesStore(t)
	ctx := context.Background()
	f, err := New(s).Figures(ctx, Request{})
	if err != nil {
		t.Fatal(err)
	}
	var js map[string]any
	if err := json.Unmarshal(f.JSON(), &js); err != nil {
		t.Fatal(err)
	}
	want := map[data.Key]float64{
		// D1 (3 Feb), L1 (10 Mar), S1 (20 Jan, the return's): 2 adoptive, 1 LTF; D1's recommended.
		data.KeyDisruptions: 3, data.KeyDisruptionsAdoption: 2, data.KeyDisruptionsLTF: 1, data.KeyDisruptionsRecommendation: 1,
		// P1, P2, P4 (31 Dec), P3 (31 Mar); from adoption P1, P2, P3; with an order P1, P2, both revoked, P1 in time.
		data.KeyPlanChanges: 4, data.KeyPlanChangesFromAdoption: 3, data.KeyPlanChangesWithPO: 2,
		data.KeyRevocationsDue: 2, data.KeyRevocationsWithinTarget: 1, data.KeyRevocationsMedianDays: 104, // (56 + 152) / 2
		data.KeyCaseSystemDiffers: 1, // P4
	}
	for k, w := range want {
		if got, ok := js[string(k)]; !ok || got != w {
			t.Errorf("measures --json %s = %v, want %v", k, got, w)
		}
	}
	var dis []string
	for _, x := range f.PeriodChanges.Disruptions {
		dis = append(dis, x.ChildID+" "+x.Date.String()+" "+x.Source()+" "+x.ReasonPlaceChange+" "+x.ReasonPlacedCeased)
	}
	if g := strings.Join(dis, "; "); g != "S1 2026-01-20 SSDA903 CREQB RD1; D1 2026-02-03 extracts  ; L1 2026-03-10 extracts  " {
		t.Errorf("disruptions: %s", g)
	}
	// A filter counts the children it keeps (team South: P3, P4, L1).
	f, err = New(s).Figures(ctx, Request{Filter: data.Filter{Team: "South"}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Count(data.KeyDisruptions) != 1 || f.Count(data.KeyPlanChanges) != 2 || f.Count(data.KeyPlanChangesWithPO) != 0 ||
		f.Count(data.KeyCaseSystemDiffers) != 1 {
		t.Errorf("South: disruptions %d, changes %d, with PO %d, differs %d", f.Count(data.KeyDisruptions),
			f.Count(data.KeyPlanChanges), f.Count(data.KeyPlanChangesWithPO), f.Count(data.KeyCaseSystemDiffers))
	}
}

// The changes between the last two extracts (no two tracking meetings
// held), each line with its children; each quarter's disruptions and
// changes of plan; the panel's half-year.
func TestChangesSinceTheLastExtract(t *testing.T) {
	s := changesStore(t)
	ctx := context.Background()
	svc := New(s)
	from, to, err := svc.ChangeDates(ctx, data.PanelTracking, data.NoDate)
	if err != nil || from != data.MustDate("2025-12-31") || to != data.MustDate("2026-03-31") {
		t.Fatalf("default dates %s to %s (%v)", from, to, err)
	}
	f, err := svc.Figures(ctx, Request{Changes: &ChangesRequest{Kind: data.PanelTracking}, Quarters: 4})
	if err != nil {
		t.Fatal(err)
	}
	ch := f.Changes
	if ch == nil || ch.From != from || ch.To != to || !ch.View {
		t.Fatalf("changes: %+v", ch)
	}
	want := map[string]string{
		data.CategoryCameIntoCare:         "",
		data.CategoryLeftCare:             "X1 G1",
		data.CategoryPlanChanged:          "P3",
		data.CategoryBecameDrifting:       "P4", // the review the panel set for 1 Mar passed
		data.CategoryStoppedDrifting:      "S1", // placement order with no match: the adoption plan ended 15 Feb
		data.CategoryProceedingsConcluded: "F1",
		data.CategoryAchievedPermanence:   "G1",
		data.CategoryDisruptions:          "S1 D1 L1",
		data.CategoryPlanChanges:          "P3",
		data.CategoryCaseSystemDiffers:    "P4", // endorsed 10 Feb, in the window
	}
	for _, c := range ch.Categories() {
		if got := strings.Join(c.ChildIDs, " "); got != want[c.Key] {
			t.Errorf("%s: %s, want %s", c.Label, got, want[c.Key])
		}
		delete(want, c.Key)
	}
	if len(want) > 0 {
		t.Errorf("missing lines: %v", want)
	}
	if ch.LeftCare[1].How() != "Special guardianship (relative or friend, former foster carer) (E47)" {
		t.Errorf("G1 left care: %s", ch.LeftCare[1].How())
	}
	if d := ch.Disruptions[1]; d.Recommendation == nil || d.Recommendation.Meeting.Date != data.MustDate("2026-02-20") {
		t.Errorf("D1's recommendation: %+v", d.Recommendation)
	}
	// 2025-Q4: P1, P2, P4 changed plan; 2026-Q1: P3, and the three disruptions.
	var qs []string
	for _, q := range f.Quarterly {
		qs = append(qs, q.Quarter.Label+" "+string(rune('0'+len(q.PlanChanges)))+" "+string(rune('0'+len(q.Disruptions))))
	}
	if g := strings.Join(qs, "; "); g != "2025-Q2 0 0; 2025-Q3 0 0; 2025-Q4 3 0; 2026-Q1 1 3" {
		t.Errorf("quarters (changes of plan, disruptions): %s", g)
	}
	// The half-year 30 Sep 2025 < d ≤ 31 Mar 2026: one tracking, one
	// adoption meeting; 3 reviews of 3 children; family finding twice;
	// D1's escalation raised, none resolved; two actions due, one done in
	// time; P4's review of 1 Mar is not yet missed (no tracking panel has
	// sat since).
	p := f.Panel
	if p == nil || p.MeetingsHeld[0].Count != 1 || p.MeetingsHeld[1].Count != 1 || p.Reviews != 3 || p.ChildrenReviewed != 3 ||
		p.EscalationsRaised != 1 || p.EscalationsResolved != 0 || p.ActionsDue != 2 || p.ActionsDoneByDue != 1 || p.ReviewsMissed != 0 {
		t.Fatalf("panel: %+v", p)
	}
	bar := map[data.Barrier]int{}
	for _, b := range p.Barriers {
		bar[b.Barrier] = b.Records
	}
	if bar[data.BarrierFamilyFinding] != 2 || bar[data.BarrierCourtDelay] != 1 || bar[data.BarrierPlacementSufficiency] != 1 {
		t.Errorf("barriers: %v", bar)
	}
	// Two dates the wrong way round are refused.
	if _, err := svc.Changes(ctx, to, from, data.Filter{}); err == nil {
		t.Error("changes from a later date to an earlier one")
	}
}

// With one extract, every date of the period gives every child the same
// row: the changes read the state once instead of the history, and come
// out exactly as reading the history would make them.
func TestConstantStatesGiveTheSameChanges(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	importCSV(t, s, "mar.csv", marCSV, data.MustDate("2026-03-31"))
	xs, err := s.Extracts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	from, to := data.MustDate("2025-03-31"), data.MustDate("2026-03-31")
	if !constantStates(xs, from, to) {
		t.Fatal("one extract in the window, none before: the states are constant")
	}
	svc := New(s)
	fast, err := svc.changesOver(ctx, from, to, []data.Date{data.MustDate("2025-12-31")}, true)
	if err != nil {
		t.Fatal(err)
	}
	src, err := svc.changeSources(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	snaps := data.SnapshotDates(from, to, xs, data.MustDate("2025-12-31"))
	b := data.NewChangesBuilder(data.ChangeWindow{Snapshots: snaps, Thresholds: data.DefaultThresholds(), View: true}, src)
	if err := s.StatesOver(ctx, snaps, func(st []*data.Child) error { b.Add(st); return nil }); err != nil {
		t.Fatal(err)
	}
	slow := b.Finish()
	a, _ := json.Marshal(fast)
	bb, _ := json.Marshal(slow)
	if string(a) != string(bb) {
		t.Errorf("the state read once:\n%s\nthe history:\n%s", a, bb)
	}
	// Things changed in the window by their dates (X1 and G1 left care);
	// one extract cannot show a placement that ended (D1's and L1's rows
	// already show the placements they moved to).
	if len(fast.LeftCare) != 2 || len(fast.Disruptions) != 0 {
		t.Errorf("left care %d, disruptions %d", len(fast.LeftCare), len(fast.Disruptions))
	}
	for _, tc := range []struct {
		kinds []string
		dates []string
		want  bool
	}{
		{[]string{"tracker"}, []string{"2025-01-31"}, true}, // before the window only
		{[]string{"tracker", "tracker"}, []string{"2025-01-31", "2025-06-30"}, false},
		{[]string{"tracker", data.KindSSDA903}, []string{"2026-03-31", "2024-03-31"}, false},
		{[]string{"tracker", data.KindSSDA903}, []string{"2026-06-30", "2024-03-31"}, true},
	} {
		var xs []data.Extract
		for i, k := range tc.kinds {
			xs = append(xs, data.Extract{Kind: k, Date: data.MustDate(tc.dates[i])})
		}
		if got := constantStates(xs, from, to); got != tc.want {
			t.Errorf("%v %v: constant %v", tc.kinds, tc.dates, got)
		}
	}
}
