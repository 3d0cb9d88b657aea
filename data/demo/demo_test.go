package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"permanence/data"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

var testEnd = data.NewDate(2026, 3, 31)

// stats are the calibration figures of one extract.
type stats struct {
	inCare, starts, leavers int
	plan                    map[data.Plan]int
	placement               map[string]int // foster, kin, resi, adoption, p1, other
	legal                   map[string]int // care, v2, e1, other
	age                     map[string]int
	hearings                int
	hearingDays             int
	within26                int
	leaverRoute             map[string]int // adoption, sgo, cao, home, 18, other
}

func placementGroup(p string) string {
	switch p {
	case "U1", "U2", "U3":
		return "foster_kin"
	case "U4", "U5", "U6":
		return "foster_other"
	case "K2", "R1", "K3", "H5":
		return "residential"
	case "A3", "A4", "A5", "A6":
		return "adoption"
	case "P1":
		return "parents"
	}
	return "other"
}

func legalGroup(ls string) string {
	switch ls {
	case "C1", "C2":
		return "care_order"
	case "V2":
		return "s20"
	case "E1":
		return "placement_order"
	}
	return "other"
}

func leaverGroup(rec string) string {
	switch rec {
	case "E11", "E12":
		return "adoption"
	case "E43", "E44", "E45", "E46", "E47", "E48":
		return "sgo"
	case "E41":
		return "cao"
	case "E4A", "E4B", "E13":
		return "home"
	case "E17", "E5", "E6":
		return "age18"
	}
	return "other"
}

func computeStats(x DemoExtract) stats {
	a := x.Date
	since := a.AddMonths(-12)
	s := stats{plan: map[data.Plan]int{}, placement: map[string]int{}, legal: map[string]int{},
		age: map[string]int{}, leaverRoute: map[string]int{}}
	for i := range x.Children {
		c := &x.Children[i]
		short := data.IsShortBreak(c.LegalStatus)
		if c.EnteredCare.By(a) && !c.CeasedCare.By(a) && !short {
			s.inCare++
			s.plan[c.Plan]++
			s.placement[placementGroup(c.PlacementType)]++
			s.legal[legalGroup(c.LegalStatus)]++
			s.age[c.AgeBand(a)]++
		}
		if !short && c.EnteredCare.In(since, a) {
			s.starts++
		}
		if !short && c.CeasedCare.In(since, a) {
			s.leavers++
			s.leaverRoute[leaverGroup(c.ReasonCeased)]++
		}
		if c.FinalHearing.In(since, a) && !c.ProceedingsIssued.IsZero() && c.ProceedingsIssued <= c.FinalHearing {
			d := data.Days(c.ProceedingsIssued, c.FinalHearing)
			s.hearings++
			s.hearingDays += d
			if d <= 182 {
				s.within26++
			}
		}
	}
	return s
}

func (s stats) meanWeeks() float64 { return float64(s.hearingDays) / 7 / float64(s.hearings) }

func (s stats) String() string {
	var b strings.Builder
	pct := func(n, d int) string { return fmt.Sprintf("%d (%.1f%%)", n, 100*float64(n)/float64(d)) }
	fmt.Fprintf(&b, "in care %d, starts in year %d (%.2f x), leavers in year %d (%.2f x)\n", s.inCare,
		s.starts, float64(s.starts)/float64(s.inCare), s.leavers, float64(s.leavers)/float64(s.inCare))
	b.WriteString("plans:")
	for _, p := range data.Plans {
		fmt.Fprintf(&b, " %s %s", p.Key(), pct(s.plan[p], s.inCare))
	}
	b.WriteString("\nplacements:")
	for _, k := range []string{"foster_kin", "foster_other", "residential", "adoption", "parents", "other"} {
		fmt.Fprintf(&b, " %s %s", k, pct(s.placement[k], s.inCare))
	}
	b.WriteString("\nlegal status:")
	for _, k := range []string{"care_order", "s20", "placement_order", "other"} {
		fmt.Fprintf(&b, " %s %s", k, pct(s.legal[k], s.inCare))
	}
	b.WriteString("\nages:")
	for _, k := range data.AgeBands {
		fmt.Fprintf(&b, " %s %s", k, pct(s.age[k], s.inCare))
	}
	fmt.Fprintf(&b, "\nfinal hearings in year %d: mean %.1f weeks, within 26 weeks %s\n", s.hearings, s.meanWeeks(),
		pct(s.within26, s.hearings))
	b.WriteString("leavers:")
	for _, k := range []string{"adoption", "sgo", "cao", "home", "age18", "other"} {
		fmt.Fprintf(&b, " %s %s", k, pct(s.leaverRoute[k], s.leavers))
	}
	return b.String()
}

func percent(n, d int) float64 { return 100 * float64(n) / float64(d) }

// bound is one calibration figure and the range it must fall in.
type bound struct {
	name   string
	lo, hi float64
	get    func(s stats) float64
}

func planShare(p data.Plan) func(s stats) float64 {
	return func(s stats) float64 { return percent(s.plan[p], s.inCare) }
}

func fieldShare(field string, keys ...string) func(s stats) float64 {
	return func(s stats) float64 {
		m := map[string]map[string]int{"placement": s.placement, "legal": s.legal, "age": s.age, "leaver": s.leaverRoute}[field]
		n, d := 0, s.inCare
		if field == "leaver" {
			d = s.leavers
		}
		for _, k := range keys {
			n += m[k]
		}
		return percent(n, d)
	}
}

func checkBounds(t *testing.T, label string, s stats, bounds []bound) {
	t.Helper()
	for _, b := range bounds {
		if v := b.get(s); v < b.lo || v > b.hi || v != v {
			t.Errorf("%s: %s = %.2f, want %.1f to %.1f", label, b.name, v, b.lo, b.hi)
		}
	}
}

// nationalBounds are domain.md's rates with tolerances for one authority of
// about 600 children (a few percentage points of sampling noise).
func nationalBounds(children int) []bound {
	return []bound{
		{"in care", 0.9 * float64(children), 1.1 * float64(children), func(s stats) float64 { return float64(s.inCare) }},
		{"starts per child in care", 0.32, 0.50, func(s stats) float64 { return float64(s.starts) / float64(s.inCare) }},
		{"leavers per child in care", 0.32, 0.54, func(s stats) float64 { return float64(s.leavers) / float64(s.inCare) }},
		// plans (no national figure: a permanence tracker's usual shape)
		{"plan adoption %", 3, 12, planShare(data.PlanAdoption)},
		{"plan SGO %", 2, 9, planShare(data.PlanSpecialGuardianship)},
		{"plan LTF %", 35, 58, planShare(data.PlanLongTermFostering)},
		{"plan reunification %", 10, 25, planShare(data.PlanReunification)},
		{"plan CAO %", 0.1, 3, planShare(data.PlanChildArrangementsOrder)},
		{"plan step-down %", 1.5, 8, planShare(data.PlanResidentialStepDown)},
		{"plan other %", 7, 20, planShare(data.PlanOther)},
		{"plan not recorded %", 1, 10, planShare(data.PlanNotRecorded)},
		// placements: 67-72% foster, 10-15% residential, ~5% with parents
		{"foster %", 66, 78, fieldShare("placement", "foster_kin", "foster_other")},
		{"foster with kin % of foster", 14, 30, func(s stats) float64 {
			return percent(s.placement["foster_kin"], s.placement["foster_kin"]+s.placement["foster_other"])
		}},
		{"residential/supported %", 9, 18, fieldShare("placement", "residential")},
		{"placed for adoption %", 0.8, 5, fieldShare("placement", "adoption")},
		{"placed with parents %", 2.5, 8, fieldShare("placement", "parents")},
		// legal status: 77% care orders, 17% section 20, 6% placement orders
		{"care orders %", 70, 84, fieldShare("legal", "care_order")},
		{"section 20 %", 11, 23, fieldShare("legal", "s20")},
		{"placement orders %", 3, 9, fieldShare("legal", "placement_order")},
		// ages: 5, 14, 18, 39, 25
		{"under 1 %", 2.5, 8, fieldShare("age", "Under 1")},
		{"1 to 4 %", 10, 19, fieldShare("age", "1 to 4")},
		{"5 to 9 %", 12, 23, fieldShare("age", "5 to 9")},
		{"10 to 15 %", 33, 46, fieldShare("age", "10 to 15")},
		{"16 and over %", 19, 30, fieldShare("age", "16 and over")},
		// proceedings: mean 38-41 weeks, a third within 26 weeks
		{"final hearings in the year", 0.1 * float64(children), 0.5 * float64(children), func(s stats) float64 { return float64(s.hearings) }},
		{"proceedings mean weeks", 34, 45, func(s stats) float64 { return s.meanWeeks() }},
		{"proceedings within 26 weeks %", 25, 45, func(s stats) float64 { return percent(s.within26, s.hearings) }},
		// leavers: adoption 9%, SGO 11-12%, CAO a few, home 30%, 18 35-40%
		{"leavers adopted %", 3, 16, fieldShare("leaver", "adoption")},
		{"leavers SGO %", 6, 18, fieldShare("leaver", "sgo")},
		{"leavers CAO %", 0.5, 6, fieldShare("leaver", "cao")},
		{"leavers home %", 22, 40, fieldShare("leaver", "home")},
		{"leavers at 18 %", 28, 44, fieldShare("leaver", "age18")},
		{"leavers other %", 4, 16, fieldShare("leaver", "other")},
	}
}

// nationalTightBounds are the same rates for a large authority, where the
// simulation's own averages show with little noise.
var nationalTightBounds = []bound{
	{"plan adoption %", 5, 10, planShare(data.PlanAdoption)},
	{"plan LTF %", 40, 52, planShare(data.PlanLongTermFostering)},
	{"plan reunification %", 13, 21, planShare(data.PlanReunification)},
	{"plan not recorded %", 2, 8, planShare(data.PlanNotRecorded)},
	{"foster %", 68, 75, fieldShare("placement", "foster_kin", "foster_other")},
	{"residential/supported %", 11, 16, fieldShare("placement", "residential")},
	{"placed for adoption %", 1.5, 4, fieldShare("placement", "adoption")},
	{"placed with parents %", 4, 6.5, fieldShare("placement", "parents")},
	{"care orders %", 73, 81, fieldShare("legal", "care_order")},
	{"section 20 %", 14, 21, fieldShare("legal", "s20")},
	{"placement orders %", 4.5, 7.5, fieldShare("legal", "placement_order")},
	{"under 1 %", 4, 6, fieldShare("age", "Under 1")},
	{"1 to 4 %", 12, 16.5, fieldShare("age", "1 to 4")},
	{"5 to 9 %", 15, 20, fieldShare("age", "5 to 9")},
	{"10 to 15 %", 36, 42, fieldShare("age", "10 to 15")},
	{"16 and over %", 22, 28, fieldShare("age", "16 and over")},
	{"proceedings mean weeks", 37, 42, func(s stats) float64 { return s.meanWeeks() }},
	{"proceedings within 26 weeks %", 30, 40, func(s stats) float64 { return percent(s.within26, s.hearings) }},
	{"starts per child in care", 0.36, 0.44, func(s stats) float64 { return float64(s.starts) / float64(s.inCare) }},
	{"leavers per child in care", 0.38, 0.46, func(s stats) float64 { return float64(s.leavers) / float64(s.inCare) }},
	{"leavers adopted %", 7, 11, fieldShare("leaver", "adoption")},
	{"leavers SGO %", 10, 14, fieldShare("leaver", "sgo")},
	{"leavers CAO %", 1.5, 4.5, fieldShare("leaver", "cao")},
	{"leavers home %", 27, 34, fieldShare("leaver", "home")},
	{"leavers at 18 %", 33, 40, fieldShare("leaver", "age18")},
	{"leavers other %", 7, 13, fieldShare("leaver", "other")},
}

func TestDemoCalibration(t *testing.T) {
	for _, tc := range []struct {
		children, months int
		seed             int64
		bounds           []bound
	}{
		{600, 24, 1, nationalBounds(600)},
		{600, 24, 2, nationalBounds(600)},
		{600, 24, 3, nationalBounds(600)},
		{450, 12, 4, nationalBounds(450)},
		{900, 6, 5, nationalBounds(900)},
		{20000, 1, 6, append(nationalBounds(20000), nationalTightBounds...)},
	} {
		label := fmt.Sprintf("%d children, seed %d", tc.children, tc.seed)
		xs := GenerateDemo(DemoOptions{Children: tc.children, Months: tc.months, Seed: tc.seed, End: testEnd})
		if len(xs) != tc.months {
			t.Fatalf("%s: %d extracts, want %d", label, len(xs), tc.months)
		}
		s := computeStats(xs[len(xs)-1])
		t.Logf("%s, %d rows at the last extract\n%s", label, len(xs[len(xs)-1].Children), s)
		checkBounds(t, label, s, tc.bounds)
	}
}

func TestDemoDeterministic(t *testing.T) {
	o := DemoOptions{Children: 300, Months: 6, Seed: 42, End: testEnd}
	a, b := GenerateDemo(o), GenerateDemo(o)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same options gave different output")
	}
	o.Seed = 43
	c := GenerateDemo(o)
	if reflect.DeepEqual(a, c) {
		t.Fatal("a different seed gave the same output")
	}
	last := a[len(a)-1].Children
	if len(last) == 0 || reflect.DeepEqual(last[0], c[len(c)-1].Children[0]) {
		t.Error("a different seed gave the same first child")
	}
}

func TestDemoDefaults(t *testing.T) {
	o := DemoDefaults(DemoOptions{})
	if o.Children != 600 || o.Months != 24 || o.Authority != "Demo Borough Council" {
		t.Errorf("defaults = %+v", o)
	}
	today := data.Today()
	y, m, _ := today.YMD()
	if want := data.NewDate(y, m, 1).AddDays(-1); o.End != want {
		t.Errorf("default end %s, want %s", o.End, want)
	}
	xs := GenerateDemo(DemoOptions{Children: 100, Months: 3, Seed: 1})
	if len(xs) != 3 || xs[2].Date != o.End {
		t.Fatalf("default run: %d extracts ending %s", len(xs), xs[len(xs)-1].Date)
	}
	// monthly month ends, oldest first
	for _, tc := range []struct {
		end  data.Date
		want []string
	}{
		{data.NewDate(2026, 3, 31), []string{"2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31"}},
		{data.NewDate(2024, 4, 30), []string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"}},
		{data.NewDate(2025, 6, 15), []string{"2025-03-15", "2025-04-15", "2025-05-15", "2025-06-15"}},
	} {
		var got []string
		for _, d := range extractDates(tc.end, 4) {
			got = append(got, d.String())
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("extract dates to %s = %v, want %v", tc.end, got, tc.want)
		}
	}
}

// testRun is the 600-child, 24-month authority most tests read.
var testRun = sync.OnceValue(func() []DemoExtract {
	return GenerateDemo(DemoOptions{Children: 600, Months: 24, Seed: 11, End: testEnd})
})

func TestDemoDatesAsAtExtract(t *testing.T) {
	for _, x := range testRun() {
		a := x.Date
		for i := range x.Children {
			c := &x.Children[i]
			for k := range data.Fields {
				f := &data.Fields[k]
				d := f.Date(c)
				if d == nil || d.IsZero() || *d <= a {
					continue
				}
				switch f.Name {
				case "final_hearing_date":
					// a listed hearing: proceedings under way, within the year
					if c.ProceedingsIssued.IsZero() || *d > a.AddMonths(12) || !c.CareOrder.IsZero() {
						t.Errorf("%s %s: listed final hearing %s without open proceedings", a, c.ID, d)
					}
				case "next_panel_review_date":
					// a review date is due in the future (3 to 6 months ahead)
					if *d > a.AddMonths(7) {
						t.Errorf("%s %s: next panel review %s too far ahead", a, c.ID, d)
					}
				default:
					t.Errorf("%s %s: %s %s is after the extract date", a, c.ID, f.Name, d)
				}
			}
		}
	}
}

func TestDemoDateOrder(t *testing.T) {
	type pair struct{ a, b string }
	order := []pair{
		{"date_of_birth", "date_entered_care"},
		{"date_entered_care", "ceased_care_date"},
		{"date_entered_care", "placement_start_date"},
		{"date_entered_care", "second_review_date"},
		{"pre_proceedings_start_date", "pre_proceedings_end_date"},
		{"proceedings_issue_date", "final_hearing_date"},
		{"proceedings_issue_date", "care_order_date"},
		{"final_hearing_date", "care_order_date"},
		{"proceedings_issue_date", "placement_order_date"},
		{"adm_adoption_date", "placement_order_date"},
		{"adm_adoption_date", "match_date"},
		{"placement_order_date", "match_date"},
		{"match_date", "placed_for_adoption_date"},
		{"placement_order_date", "placed_for_adoption_date"},
		{"placed_for_adoption_date", "adoption_application_date"},
		{"adoption_application_date", "adoption_order_date"},
		{"placed_for_adoption_date", "adoption_order_date"},
		{"placement_order_date", "adoption_order_date"},
		{"a10_start_date", "placed_for_adoption_date"},
		{"placement_order_date", "placement_order_revoked_date"},
		{"adoption_plan_ended_date", "placement_order_revoked_date"},
		{"sgo_application_date", "sgo_order_date"},
		{"ltf_panel_date", "ltf_adm_date"},
		{"placed_with_parents_date", "discharge_application_date"},
		{"discharge_application_date", "care_order_discharged_date"},
		{"care_order_date", "care_order_discharged_date"},
	}
	// and nothing happens after the child ceased care
	for k := range data.Fields {
		if data.Fields[k].Kind == data.KindDate && data.Fields[k].Name != "date_of_birth" && data.Fields[k].Name != "next_panel_review_date" {
			order = append(order, pair{data.Fields[k].Name, "ceased_care_date"})
		}
	}
	n := 0
	for _, x := range testRun() {
		for i := range x.Children {
			c := &x.Children[i]
			if c.EnteredCare.IsZero() || c.DOB.IsZero() || c.PlacementStart.IsZero() {
				t.Errorf("%s %s: missing entered care, birth or placement start", x.Date, c.ID)
			}
			for _, p := range order {
				da, db := *data.FieldByName(p.a).Date(c), *data.FieldByName(p.b).Date(c)
				if !da.IsZero() && !db.IsZero() && db < da {
					if n++; n <= 20 {
						t.Errorf("%s %s: %s %s is after %s %s", x.Date, c.ID, p.a, da, p.b, db)
					}
				}
			}
			if c.FosterCarerAdoption != !c.A10Start.IsZero() {
				t.Errorf("%s %s: foster carer adoption %v with A10 start %s", x.Date, c.ID, c.FosterCarerAdoption, c.A10Start)
			}
		}
	}
}

func TestDemoSnapshots(t *testing.T) {
	idPattern := regexp.MustCompile(`^C\d{6}$`)
	type fixed struct {
		name, sex, ethnicity string
		dob, entered         data.Date
	}
	seen := map[string]fixed{}
	var last map[string]data.Date // ceased dates at the previous extract
	for _, x := range testRun() {
		a := x.Date
		since := a.AddMonths(-12)
		ids := map[string]bool{}
		for i := range x.Children {
			c := &x.Children[i]
			if !idPattern.MatchString(c.ID) || ids[c.ID] {
				t.Fatalf("%s: bad or repeated ID %q", a, c.ID)
			}
			ids[c.ID] = true
			if !c.CeasedCare.IsZero() && c.CeasedCare <= since {
				t.Errorf("%s %s: left care %s, over 12 months before the extract", a, c.ID, c.CeasedCare)
			}
			if c.CeasedCare.IsZero() != (c.ReasonCeased == "") {
				t.Errorf("%s %s: ceased %s with reason %q", a, c.ID, c.CeasedCare, c.ReasonCeased)
			}
			f := fixed{c.Name, c.Sex, c.Ethnicity, c.DOB, c.EnteredCare}
			if prev, ok := seen[c.ID]; ok && prev != f {
				t.Errorf("%s %s: identity changed from %+v to %+v", a, c.ID, prev, f)
			}
			seen[c.ID] = f
		}
		// a leaver stays listed for 12 months, then drops out
		for id, ceased := range last {
			if ceased.IsZero() || ceased > since {
				if !ids[id] {
					t.Errorf("%s: %s (ceased %s) dropped out too soon", a, id, ceased)
				}
			} else if ids[id] {
				t.Errorf("%s: %s (ceased %s) still listed", a, id, ceased)
			}
		}
		last = map[string]data.Date{}
		for i := range x.Children {
			last[x.Children[i].ID] = x.Children[i].CeasedCare
		}
	}
}

func TestDemoPlanHistory(t *testing.T) {
	changes := map[[2]data.Plan]int{}
	total := 0
	prev := map[string]data.Plan{}
	for _, x := range testRun() {
		for i := range x.Children {
			c := &x.Children[i]
			if p, ok := prev[c.ID]; ok && p != c.Plan {
				changes[[2]data.Plan{p, c.Plan}]++
				total++
			}
			prev[c.ID] = c.Plan
		}
	}
	t.Logf("%d plan changes between extracts: %v", total, changes)
	if total < 60 {
		t.Errorf("only %d plan changes in 24 months", total)
	}
	for _, want := range [][2]data.Plan{
		{data.PlanReunification, data.PlanSpecialGuardianship},
		{data.PlanAdoption, data.PlanLongTermFostering},
		{data.PlanReunification, data.PlanLongTermFostering},
		{data.PlanResidentialStepDown, data.PlanLongTermFostering},
		{data.PlanNotRecorded, data.PlanAdoption},
	} {
		if changes[want] == 0 {
			t.Errorf("no change of plan from %s to %s", want[0].Key(), want[1].Key())
		}
	}
}

// TestDemoContent checks that the journeys give every measure and drift
// flag something to show.
func TestDemoContent(t *testing.T) {
	run := testRun()
	x := run[len(run)-1]
	counts := map[string]int{}
	teams, texts := map[string]bool{}, map[string]bool{}
	slips := 0
	for i := range x.Children {
		c := &x.Children[i]
		teams[c.Team] = true
		texts[c.PlanText] = true
		slips += codeSlips(t, c)
		if c.Name == "" || c.Sex == "" || c.Ethnicity == "" || c.Team == "" || c.SocialWorker == "" || c.LegalStatus == "" || c.PlacementType == "" {
			t.Errorf("%s: missing a basic field: %+v", c.ID, *c)
		}
		for _, k := range contentFlags(c, x.Date) {
			counts[k]++
		}
	}
	t.Logf("%v", counts)
	for _, k := range []string{"accented name", "hyphenated name", "short break", "early permanence", "foster carer adoption",
		"placed for adoption A4/A6", "adoption order", "A2 within 121 days", "PO awaiting revocation over 3 months", "PO revoked",
		"SGO order", "SGO application pending", "CAO", "care order discharged", "P1 over 6 months without application",
		"LTF matched and ratified", "LTF placement not approved", "LTF plan not in LTF placement", "in pre-proceedings",
		"pre-proceedings diverted", "in proceedings", "final hearing listed", "panel review overdue", "plan confirmed late",
		"plan not confirmed", "residential step-down", "supported accommodation", "left at 18", "interim care order"} {
		if counts[k] == 0 {
			t.Errorf("no child with %s", k)
		}
	}
	if len(teams) < 4 || len(teams) > 6 {
		t.Errorf("%d teams, want 4 to 6: %v", len(teams), teams)
	}
	if len(texts) < 12 || !texts[""] {
		t.Errorf("plan texts not varied (or none empty): %v", texts)
	}
	if slips == 0 || slips > len(x.Children)/50 {
		t.Errorf("%d data-quality slips in %d children: want a few, under 2%%", slips, len(x.Children))
	}
}

// codeSlips checks a child's plan text and codes, and returns how many are
// not recognised. A few deliberate slips (addSlips) give the data-quality
// screen something to show; everything else must be clean.
func codeSlips(t *testing.T, c *data.Child) int {
	t.Helper()
	slips := 0
	if p, known := data.ParsePlan(c.PlanText); !known {
		slips++
		if c.Plan != data.PlanOther || !slices.Contains(slipPlans, c.PlanText) {
			t.Errorf("%s: plan text %q is not a deliberate slip", c.ID, c.PlanText)
		}
	} else if p != c.Plan {
		t.Errorf("%s: plan text %q is not mapped to %s", c.ID, c.PlanText, c.Plan.Key())
	}
	for _, f := range []string{"legal_status", "placement_type", "reason_ceased"} {
		if v := *data.FieldByName(f).Text(c); !data.KnownCode(f, v) {
			slips++
			if f != "placement_type" || (v != "U7" && v != "K9") {
				t.Errorf("%s: %s %q is not an SSDA903 code", c.ID, f, v)
			}
		}
	}
	return slips
}

// contentFlags names what a child shows as at a, of the things
// TestDemoContent wants at least one child to show.
func contentFlags(c *data.Child, a data.Date) []string {
	since := a.AddMonths(-12)
	in := c.EnteredCare.By(a) && !c.CeasedCare.By(a) && !data.IsShortBreak(c.LegalStatus)
	var shows []string
	flag := func(k string, ok bool) {
		if ok {
			shows = append(shows, k)
		}
	}
	flag("accented name", strings.ContainsAny(c.Name, "éëèáíóúšřęńłťžő"))
	flag("hyphenated name", strings.Contains(c.Name, "-"))
	flag("short break", data.IsShortBreak(c.LegalStatus))
	flag("early permanence", in && (c.PlacementType == "U2" || c.PlacementType == "U5"))
	flag("foster carer adoption", c.FosterCarerAdoption && (c.PlacementType == "A3" || c.PlacementType == "A5"))
	flag("placed for adoption A4/A6", c.PlacementType == "A4" || c.PlacementType == "A6")
	flag("adoption order", c.AdoptionOrder.In(since, a))
	flag("A2 within 121 days", c.AdoptionOrder.In(since, a) && data.Days(c.PlacementOrder, c.Match) <= 121)
	flag("PO awaiting revocation over 3 months", c.AdoptionPlanEnded.By(a.AddMonths(-3)) && !c.PlacementOrder.IsZero() &&
		c.PlacementOrderRevoked.IsZero() && c.AdoptionOrder.IsZero())
	flag("PO revoked", !c.PlacementOrderRevoked.IsZero())
	flag("SGO order", c.SGOOrder.In(since, a))
	flag("SGO application pending", !c.SGOApplication.IsZero() && c.SGOOrder.IsZero())
	flag("CAO", c.CAOOrder.In(since, a))
	flag("care order discharged", c.CareOrderDischarged.In(since, a))
	flag("P1 over 6 months without application", in && c.Plan == data.PlanReunification &&
		c.PlacedWithParents.By(a.AddMonths(-6)) && c.DischargeApplication.IsZero())
	flag("LTF matched and ratified", in && data.IsLTFPlacement(c.PlacementType) && !c.LTFADM.IsZero())
	flag("LTF placement not approved", in && c.Plan == data.PlanLongTermFostering && data.IsLTFPlacement(c.PlacementType) && c.LTFADM.IsZero())
	flag("LTF plan not in LTF placement", in && c.Plan == data.PlanLongTermFostering && !data.IsLTFPlacement(c.PlacementType))
	flag("in pre-proceedings", in && !c.PreProceedingsStart.IsZero() && c.PreProceedingsEnd.IsZero() && c.ProceedingsIssued.IsZero())
	flag("pre-proceedings diverted", !c.PreProceedingsEnd.IsZero() && c.ProceedingsIssued.IsZero())
	flag("in proceedings", in && !c.ProceedingsIssued.IsZero() && !c.FinalHearing.By(a))
	flag("final hearing listed", c.FinalHearing > a)
	flag("panel review overdue", in && c.NextPanelReview < a && !c.NextPanelReview.IsZero())
	flag("plan confirmed late", in && c.PlanConfirmed > c.SecondReview && !c.SecondReview.IsZero())
	flag("plan not confirmed", in && c.PlanConfirmed.IsZero() && c.SecondReview.By(a))
	flag("residential step-down", in && c.Plan == data.PlanResidentialStepDown && (c.PlacementType == "K2" || c.PlacementType == "R1"))
	flag("supported accommodation", in && (c.PlacementType == "K3" || c.PlacementType == "H5"))
	flag("left at 18", c.CeasedCare.In(since, a) && (c.ReasonCeased == "E17" || c.ReasonCeased == "E5" || c.ReasonCeased == "E6"))
	flag("interim care order", in && c.LegalStatus == "C1")
	return shows
}

func TestWriteTrackerCSV(t *testing.T) {
	run := testRun()
	x := run[len(run)-1]
	var buf bytes.Buffer
	if err := WriteTrackerCSV(&buf, x.Children); err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(buf.Bytes()) {
		t.Fatal("CSV is not UTF-8")
	}
	// Every line ends in CRLF, the last one too: one per child and the
	// heading (no name or date holds a line break).
	if n, crlf := bytes.Count(buf.Bytes(), []byte("\n")), bytes.Count(buf.Bytes(), []byte("\r\n")); n != crlf || n != len(x.Children)+1 ||
		!bytes.HasSuffix(buf.Bytes(), []byte("\r\n")) {
		t.Fatalf("%d line ends, %d of them CRLF, for %d children and a heading", n, crlf, len(x.Children))
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(x.Children)+1 {
		t.Fatalf("%d rows, want %d and a heading", len(rows), len(x.Children))
	}
	if len(rows[0]) != len(data.Fields) {
		t.Fatalf("%d headings, want %d", len(rows[0]), len(data.Fields))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		if h != data.Fields[i].Name {
			t.Errorf("heading %d = %q, want %q", i, h, data.Fields[i].Name)
		}
		col[h] = i
	}
	ukDate := regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`)
	for r, row := range rows[1:] {
		c := &x.Children[r]
		if row[col["child_id"]] != c.ID || row[col["child_name"]] != c.Name || row[col["permanence_plan"]] != c.PlanText {
			t.Fatalf("row %d = %v, want child %s", r+2, row[:3], c.ID)
		}
		for i := range data.Fields {
			f := &data.Fields[i]
			if f.Kind != data.KindDate {
				continue
			}
			v := row[i]
			d, err := data.ParseDate(v)
			if err != nil || d != *f.Date(c) || (v != "" && !ukDate.MatchString(v)) {
				t.Fatalf("row %d %s = %q, want %s as dd/mm/yyyy", r+2, f.Name, v, f.Date(c))
			}
		}
		if (row[col["adopted_by_foster_carer"]] != "") != c.FosterCarerAdoption {
			t.Fatalf("row %d: foster carer adoption %q", r+2, row[col["adopted_by_foster_carer"]])
		}
	}
	if err := WriteTrackerCSV(failingWriter{}, x.Children); err == nil {
		t.Error("a failing writer gave no error")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestWriteTrackerXLSX(t *testing.T) {
	run := testRun()
	x := run[len(run)-1]
	path := filepath.Join(t.TempDir(), "tracker.xlsx")
	if err := writeXLSXFile(path, x.Children); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Tracker"}) {
		t.Fatalf("sheets %v, want [Tracker]", got)
	}
	rows, err := f.GetRows("Tracker", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(x.Children)+1 {
		t.Fatalf("%d rows, want %d and a heading", len(rows), len(x.Children))
	}
	for i, h := range rows[0] {
		if h != data.Fields[i].Name {
			t.Errorf("heading %d = %q, want %q", i, h, data.Fields[i].Name)
		}
	}
	dateCol := -1
	for i := range data.Fields {
		if data.Fields[i].Name == "date_entered_care" {
			dateCol = i
		}
	}
	checked := 0
	for r, c := range x.Children {
		if r%37 != 0 {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(dateCol+1, r+2)
		raw := rows[r+1][dateCol]
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("%s = %q, not a serial number", cell, raw)
		}
		if d, ok := data.DateFromExcelSerial(v); !ok || d != c.EnteredCare {
			t.Fatalf("%s = %v, want %s", cell, v, c.EnteredCare)
		}
		style, err := f.GetCellStyle("Tracker", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(style)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy" {
			t.Fatalf("%s style %+v (%v), want a dd/mm/yyyy date format", cell, st, err)
		}
		shown, _ := f.GetCellValue("Tracker", cell)
		if shown != c.EnteredCare.UK() {
			t.Fatalf("%s shows %q, want %q", cell, shown, c.EnteredCare.UK())
		}
		name, _ := excelize.CoordinatesToCellName(2, r+2)
		if got, _ := f.GetCellValue("Tracker", name); got != c.Name {
			t.Fatalf("%s = %q, want %q", name, got, c.Name)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no date cells checked")
	}
}

// BenchmarkGenerateDemo100k: the 100,000-child authority behind the
// import benchmarks (one extract).
func BenchmarkGenerateDemo100k(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		xs := GenerateDemo(DemoOptions{Children: 100000, Months: 1, Seed: 7, End: testEnd})
		if n := len(xs[0].Children); n < 100000 {
			b.Fatalf("%d rows", n)
		}
	}
}

// BenchmarkGenerateDemo600x24: the default authority, two years monthly.
func BenchmarkGenerateDemo600x24(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		GenerateDemo(DemoOptions{Children: 600, Months: 24, Seed: 7, End: testEnd})
	}
}

// writeXLSXFile writes a tracker workbook to a file.
func writeXLSXFile(path string, children []data.Child) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteTrackerXLSX(f, children); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
