package data

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// specKeys reads the keys of measures.md's tables (the contract), with the
// cohort range and the QUARTER placeholder as the spec writes them.
func specKeys(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../shared/spec/measures.md")
	if err != nil {
		t.Skipf("the spec is not beside the checkout: %v", err)
	}
	return tableKeys(string(b))
}

// tableKeys reads the keys of a Markdown document's key tables.
func tableKeys(doc string) []string {
	row := regexp.MustCompile(`(?m)^\| ([a-z_0-9.]+(?:QUARTER[a-z_0-9.]+)?(?: … [a-z_.]+)?) \|`)
	var out []string
	for _, m := range row.FindAllStringSubmatch(doc, -1) {
		if m[1] != "key" {
			out = append(out, m[1])
		}
	}
	return out
}

// panelDocKeys reads the keys of docs/measures-panel.md, the record of the
// keys added since measures.md (its "Keys" section only: its other tables
// define lines and figures that are not printed).
func panelDocKeys(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../docs/measures-panel.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "\n## Keys\n")
	if start < 0 {
		t.Fatal("docs/measures-panel.md has no Keys section")
	}
	doc = doc[start+1:]
	if end := strings.Index(doc, "\n## "); end >= 0 {
		doc = doc[:end]
	}
	return tableKeys(doc)
}

// Every key of measures.md and of docs/measures-panel.md is in the
// catalogue, and the catalogue holds no printed key neither defines (A10,
// from the SSDA903 issue, is the one addition, listed here by hand). The
// keys docs/measures-panel.md defines are exactly the catalogue's change
// measures, worked out by AddChanges.
func TestCatalogueMatchesTheSpec(t *testing.T) {
	added := map[string]bool{"adoption.a10_count": true, "adoption.a10_mean_days": true, "adoption.a10_within_426": true}
	spec := map[string]bool{}
	for _, k := range specKeys(t) {
		if k == "cohort.adoption … cohort.not_recorded" {
			k = "cohort.PLAN"
		}
		spec[k] = true
	}
	if len(spec) != 44 {
		t.Fatalf("read %d keys from measures.md, want 44 (38 data-set keys, the cohort range and 5 trend keys)", len(spec))
	}
	panel := map[string]bool{}
	for _, k := range panelDocKeys(t) {
		if spec[k] || panel[k] {
			t.Errorf("docs/measures-panel.md defines %s again", k)
		}
		panel[k] = true
	}
	if len(panel) != 12 {
		t.Errorf("read %d keys from docs/measures-panel.md, want 12 (11 change measures, 1 rate)", len(panel))
	}
	for _, e := range Catalogue {
		k := string(e.Key)
		if strings.HasPrefix(k, "list.") {
			continue
		}
		if !spec[k] && !added[k] && !panel[k] {
			t.Errorf("the catalogue has %s, which neither measures.md nor docs/measures-panel.md defines", k)
		}
		if panel[k] != (e.Changes || e.Population) {
			t.Errorf("%s: in docs/measures-panel.md %v, a change measure or rate in the catalogue %v", k, panel[k], e.Changes || e.Population)
		}
		delete(spec, k)
		delete(panel, k)
	}
	for k := range spec {
		t.Errorf("measures.md defines %s, which the catalogue lacks", k)
	}
	for k := range panel {
		t.Errorf("docs/measures-panel.md defines %s, which the catalogue lacks", k)
	}
}

// Compute and the catalogue cover exactly the same keys: every key Compute
// prints has an entry, and every entry is printed (medians and means when
// they have values; cohorts for all eight plans; trends for every quarter).
func TestCatalogueAndComputeCoverTheSameKeys(t *testing.T) {
	c := inCareChild("A", PlanAdoption)
	c.PreProceedingsStart, c.ProceedingsIssued, c.FinalHearing = d("2025-01-06"), d("2025-02-03"), d("2025-08-04")
	c.EnteredCare, c.PlacementOrder, c.Match, c.PlacedForAdoption, c.AdoptionOrder = d("2024-06-01"), d("2025-08-04"), d("2025-09-01"), d("2025-10-01"), d("2026-02-02")
	c.EarlyPermanence, c.SGOApplication, c.SGOOrder = d("2025-07-01"), d("2025-05-01"), d("2025-12-01")
	p := inCareChild("B", PlanReunification)
	p.PreProceedingsStart = d("2026-01-05")
	p.ProceedingsIssued, p.PlacementOrder = d("2025-09-01"), d("2026-01-15")
	pre := inCareChild("C", PlanNotRecorded)
	pre.PreProceedingsStart = d("2026-01-05")
	m := Compute([]Child{c, p, pre}, asAt, NoDate, DefaultThresholds())
	computed := map[Key]bool{}
	for _, v := range m.Values {
		computed[v.Key] = true
		if _, err := Lookup(v.Key); err != nil {
			t.Errorf("Compute prints %s, which the catalogue lacks", v.Key)
		}
	}
	for _, e := range Catalogue {
		switch {
		case strings.HasPrefix(string(e.Key), "list."), e.Changes, e.Population:
			if computed[e.Key] {
				t.Errorf("Compute prints %s, a measure AddChanges or AddPopulationRates works out", e.Key)
			}
		case e.Key == keyCohortPattern:
			for _, pl := range Plans {
				if !computed[CohortKey(pl)] {
					t.Errorf("Compute leaves out %s", CohortKey(pl))
				}
			}
		case e.Pattern:
			for _, q := range m.Quarters {
				k := Key(strings.Replace(string(e.Key), "QUARTER", q.Label, 1))
				if !computed[k] && e.Unit == UnitChildren {
					t.Errorf("Compute leaves out %s", k)
				}
			}
		case !computed[e.Key]:
			t.Errorf("Compute leaves out %s", e.Key)
		}
	}
}

func TestUnknownKeyIsAnError(t *testing.T) {
	for _, k := range []string{"in_cre", "cohort.kinship", "trend.final_hearing.2025-Q5.count", "trend.final_hearing.count", ""} {
		if _, err := ParseKey(k); err == nil {
			t.Errorf("ParseKey(%q) took an unknown key", k)
		}
	}
	m := Compute(nil, asAt, NoDate, DefaultThresholds())
	if _, err := m.Value("proceedings.over_26_week"); err == nil || !strings.Contains(err.Error(), "no measure called") {
		t.Errorf("Value of a mistyped key: %v", err)
	}
	if _, err := m.Value(KeyProceedingsMedianDays); err == nil {
		t.Error("a median with nothing to take it over has no value, and says so")
	}
	defer func() {
		if recover() == nil {
			t.Error("Count of a key that is not in the catalogue returned instead of failing loudly")
		}
	}()
	m.Count("in_cares")
}

// Labels, rules and drift flags say the thresholds in force.
func TestLabelsFollowTheThresholds(t *testing.T) {
	th := DefaultThresholds()
	th.A1Days, th.A2Days, th.ProceedingsDays, th.PreProceedingsDays = 300, 90, 175, 84
	th.CareOrderMonths, th.PlacedWithParentsMonths, th.AdoptionEndedMonths = 9, 4, 2
	c := inCareChild("A", PlanAdoption)
	m := Compute([]Child{c}, asAt, NoDate, th)
	want := map[Key]string{
		KeyA1Within:                   "A1 within 300 days",
		KeyA2Within:                   "A2 within 90 days",
		KeyA10Within:                  "A10 within 300 days",
		KeyProceedingsOver26Weeks:     "Proceedings over 25 weeks", // 175 / 7
		KeyFinalHearingsWithin26Weeks: "… within 25 weeks of issue",
		KeyCareOrderPlanNotLTF:        "Care order over 9 months, plan not LTF",
		KeyPlacedWithParentsOverLimit: "… over 4 months with no discharge application",
	}
	for k, w := range want {
		if v, _ := m.Get(k); v.Label != w {
			t.Errorf("%s label = %q, want %q", k, v.Label, w)
		}
	}
	drift := map[DriftKind]string{
		DriftPreProceedings:           "In pre-proceedings over 12 weeks",
		DriftProceedings:              "In proceedings over 25 weeks",
		DriftPlacementOrderNoMatch:    "Placement order over 90 days with no match",
		DriftPlacedWithParents:        "Placed with parents over 4 months, no discharge application",
		DriftCareOrderNotLTF:          "Care order over 9 months, plan not LTF, no order applied for",
		DriftPlacementOrderNotRevoked: "Adoption plan ended over 2 months ago, placement order not revoked",
	}
	for k, w := range drift {
		if got := k.Label(th); got != w {
			t.Errorf("drift %d = %q, want %q", k, got, w)
		}
	}
	if got := DriftProceedings.Short(th); got != "Proceedings > 25 wks" {
		t.Errorf("short drift label = %q", got)
	}
}

// One RAG: a status comes from the catalogue's rule alone. A1 at 481 days
// against 426 is within 61 days (2 months) over: Amber; at 488 it is Red.
func TestScorecardStatus(t *testing.T) {
	cases := []struct {
		entered, placed string
		want            RAG
	}{
		{"2024-01-01", "2025-02-28", RAGGreen}, // 424 days
		{"2024-01-01", "2025-04-26", RAGAmber}, // 481 days
		{"2024-01-01", "2025-05-03", RAGRed},   // 488 days
	}
	for _, tc := range cases {
		c := Child{ID: "A", EnteredCare: d(tc.entered), PlacedForAdoption: d(tc.placed), AdoptionOrder: d("2026-01-10")}
		m := Compute([]Child{c}, asAt, NoDate, DefaultThresholds())
		if r := m.RateRAG(KeyA1MeanDays); r.Status != tc.want {
			v, _ := m.Number(KeyA1MeanDays)
			t.Errorf("A1 %.0f days: %s, want %s (%s)", v, r.Status, tc.want, r.Rule)
		}
	}
}

// The catalogue's shares name a denominator that is itself a count.
func TestSharesHaveCountDenominators(t *testing.T) {
	var bad []string
	for _, e := range Catalogue {
		if e.Denominator == "" {
			continue
		}
		den, err := Lookup(e.Denominator)
		if i, ok := catalogueIndex[e.Denominator]; ok {
			den, err = &Catalogue[i], nil
		}
		if err != nil || !den.IsCount() || !e.IsCount() {
			bad = append(bad, string(e.Key))
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("shares without a count denominator: %v", bad)
	}
}

// celebrations.total adds up exactly the five successes of measures.md.
func TestSuccessesAreTheSpecsFive(t *testing.T) {
	want := []Key{"adoption.orders", "sgo.orders", "cao.orders", "reunification.discharged", "ltf.matches_ratified"}
	if len(SuccessKeys) != len(want) || len(SuccessKinds) != len(want) {
		t.Fatalf("successes = %v", SuccessKeys)
	}
	for i, k := range want {
		if SuccessKeys[i] != k || SuccessKinds[i].Key != k {
			t.Errorf("success %d = %s, want %s", i, SuccessKeys[i], k)
		}
	}
}

// Every dated field of the child record has a part of the journey on the
// timeline, and every group names a real field.
func TestEveryDateHasAMilestoneGroup(t *testing.T) {
	for _, f := range Fields {
		if f.Kind == KindDate && MilestoneGroup(f.Name) == "" {
			t.Errorf("%s has no group on the timeline", f.Name)
		}
	}
	for name := range milestoneGroups {
		if FieldByName(name) == nil {
			t.Errorf("the timeline groups %s, which is not a field", name)
		}
	}
}

// Measures work out at any date a file can name, even one a person would
// never mean (the importer refuses those; the engine must not fall over).
func TestComputeAtAnyDate(t *testing.T) {
	for _, a := range []Date{NewDate(1, 6, 30), NewDate(999, 1, 1), NewDate(9999, 12, 31)} {
		m := Compute([]Child{inCareChild("A", PlanAdoption)}, a, NoDate, DefaultThresholds())
		if len(m.Quarters) != 8 {
			t.Errorf("%s: %d quarters", a, len(m.Quarters))
		}
	}
}
