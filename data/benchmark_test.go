package data

import (
	"strings"
	"testing"
)

// bench is a national weeks figure for final hearings over a quarter.
func bench(area string, weeks float64, start, end, period string) Benchmark {
	return Benchmark{Key: KeyFinalHearingsMedianWeeks, Area: area, Kind: BenchmarkFigure, Value: weeks, Unit: BenchWeeks,
		Period: period, PeriodStart: d(start), PeriodEnd: d(end), Publisher: "Ministry of Justice", Title: "FCSQ", URL: "https://example.gov.uk/"}
}

// The national figure beside a measure is the newest whose period ended
// by the as-at date; before any ended, the earliest; England before
// England and Wales at the same end.
func TestNationalIsTheNewestByTheAsAtDate(t *testing.T) {
	janMar := bench("England and Wales", 40, "2025-01-01", "2025-03-31", "Jan–Mar 2025")
	aprJun := bench("England and Wales", 38, "2025-04-01", "2025-06-30", "Apr–Jun 2025")
	region := bench("North West", 44, "2025-04-01", "2025-06-30", "Apr–Jun 2025")
	tab := NewBenchmarkTable([]Benchmark{aprJun, janMar, region})
	cases := []struct {
		asOf string
		want float64
	}{
		{"2026-03-31", 38},
		{"2025-06-30", 38}, // the period ends on the as-at date: it counts
		{"2025-06-29", 40},
		{"2025-03-31", 40},
		{"2024-12-31", 40}, // every period ends later: the earliest
	}
	for _, c := range cases {
		b, ok := tab.National(KeyFinalHearingsMedianWeeks, d(c.asOf))
		if !ok || b.Value != c.want {
			t.Errorf("as at %s: %v %v, want %g weeks", c.asOf, b, ok, c.want)
		}
	}
	if _, ok := tab.National(KeyA1MeanDays, asAt); ok {
		t.Error("a national A1 figure from a table that has none")
	}
	england := bench("England", 37, "2025-04-01", "2025-06-30", "Apr–Jun 2025")
	tab = NewBenchmarkTable([]Benchmark{aprJun, england})
	if b, _ := tab.National(KeyFinalHearingsMedianWeeks, asAt); b.Area != "England" {
		t.Errorf("England and England and Wales over the same quarter: %s chosen, want England", b.Area)
	}
	tab = NewBenchmarkTable([]Benchmark{aprJun, janMar, region})
	cs := tab.Comparators(KeyFinalHearingsMedianWeeks, asAt)
	if len(cs) != 1 || cs[0].Area != "North West" || cs[0].Value != 44 {
		t.Errorf("comparators = %v, want North West's 44 weeks only", cs)
	}
	var none *BenchmarkTable
	if _, ok := none.National(KeyInCare, asAt); ok || none.Comparators(KeyInCare, asAt) != nil || none.Len() != 0 {
		t.Error("no table should mean no benchmarks, not a panic")
	}
}

// A later row of the same measure, area, kind and period replaces the
// earlier (a revised figure imported over the shipped one).
func TestLaterRowReplacesTheSameBenchmark(t *testing.T) {
	first := bench("England and Wales", 38, "2025-04-01", "2025-06-30", "Apr–Jun 2025")
	revised := first
	revised.Value = 39
	other := bench("England and Wales", 40, "2025-01-01", "2025-03-31", "Jan–Mar 2025")
	tab := NewBenchmarkTable([]Benchmark{first, other}, []Benchmark{revised})
	if tab.Len() != 2 {
		t.Fatalf("%d rows, want 2", tab.Len())
	}
	if b, _ := tab.National(KeyFinalHearingsMedianWeeks, asAt); b.Value != 39 {
		t.Errorf("national = %g, want the revised 39", b.Value)
	}
}

// A benchmark whose period ended more than 24 calendar months before the
// as-at date is old, and its caption says so.
func TestOldBenchmarks(t *testing.T) {
	b := bench("England and Wales", 41, "2024-04-01", "2024-06-30", "Apr–Jun 2024")
	if b.Old(d("2026-06-30")) { // ended exactly two years before
		t.Error("a figure exactly two years old is not yet over two years old")
	}
	if !b.Old(d("2026-07-01")) {
		t.Error("a figure two years and a day old should be marked old")
	}
	if got, want := b.Caption(d("2026-07-01")), "England and Wales: 41 weeks (Apr–Jun 2024; over two years old)"; got != want {
		t.Errorf("caption = %q, want %q", got, want)
	}
	if got, want := b.Caption(d("2025-01-01")), "England and Wales: 41 weeks (Apr–Jun 2024)"; got != want {
		t.Errorf("caption = %q, want %q", got, want)
	}
}

func TestBenchmarkValueText(t *testing.T) {
	cases := []struct {
		unit BenchmarkUnit
		v    float64
		want string
	}{
		{BenchWeeks, 38, "38 weeks"},
		{BenchWeeks, 38.5, "38.5 weeks"},
		{BenchPercent, 36, "36%"},
		{BenchPer10000, 67, "67 per 10,000"},
		{BenchChildren, 81770, "81,770 children"},
		{BenchChildren, 1234567, "1,234,567 children"},
		{BenchChildren, 1, "1 child"},
		{BenchDays, 426, "426 days"},
	}
	for _, c := range cases {
		if got := (Benchmark{Unit: c.unit, Value: c.v}).ValueText(); got != c.want {
			t.Errorf("%g %s = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}

// goodRow is a valid row of a benchmark CSV, by column.
func goodRow() map[string]string {
	return map[string]string{"key": "final_hearings.median_weeks", "area": "North West", "value": "41", "unit": "weeks",
		"period": "Apr–Jun 2025", "period_start": "01/04/2025", "period_end": "2025-06-30", "publisher": "LAIT",
		"source_title": "Local authority interactive tool", "source_url": "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait"}
}

func TestParseBenchmark(t *testing.T) {
	b, probs := ParseBenchmark(goodRow())
	if len(probs) > 0 {
		t.Fatalf("a good row refused: %v", probs)
	}
	if b.Key != KeyFinalHearingsMedianWeeks || b.Value != 41 || b.Kind != BenchmarkFigure || b.PeriodStart != d("2025-04-01") || b.PeriodEnd != d("2025-06-30") {
		t.Errorf("parsed %+v", b)
	}
	cases := []struct {
		col, value string
		why        string // part of the problem's reason
	}{
		{"key", "final_hearing.median_weeks", "not a measure of the catalogue"},
		{"key", "cohort.adoption", "cohort or one quarter"},
		{"key", "trend.final_hearing.2025-Q2.median_weeks", "cohort or one quarter"},
		{"unit", "days", "use weeks"},
		{"unit", "fortnights", "use weeks"},
		{"value", "about 40", "not a number"},
		{"value", "-3", "below zero"},
		{"area", " ", "is empty"},
		{"source_url", "gov.uk/lait", "not a web address"},
		{"source_title", "", "is empty"},
		{"period_start", "31/31/2025", "not a date"},
		{"period_end", "2025-03-31", "before period_start"},
		{"kind", "target", "figure or threshold"},
	}
	for _, c := range cases {
		row := goodRow()
		row[c.col] = c.value
		_, probs := ParseBenchmark(row)
		if len(probs) != 1 || probs[0].Column != c.col || !strings.Contains(probs[0].Why, c.why) {
			t.Errorf("%s = %q: problems %+v, want one in %s saying %q", c.col, c.value, probs, c.col, c.why)
		}
	}
	share := goodRow()
	share["key"], share["unit"], share["value"] = "final_hearings.within_26_weeks", "percent", "136"
	if _, probs := ParseBenchmark(share); len(probs) != 1 || !strings.Contains(probs[0].Why, "over 100") {
		t.Errorf("a share of 136%%: %+v", probs)
	}
	share["value"] = "36%"
	if b, probs := ParseBenchmark(share); len(probs) != 0 || b.Value != 36 {
		t.Errorf("36%% written with its sign: %+v %+v", b, probs)
	}
	count := goodRow()
	count["key"], count["unit"], count["value"] = "in_care", "children", "81,770.5"
	if _, probs := ParseBenchmark(count); len(probs) != 1 || !strings.Contains(probs[0].Why, "whole number") {
		t.Errorf("81,770.5 children: %+v", probs)
	}
}

// The rate over the population: in_care × 10,000 / population, 1 decimal
// place, right after in_care; left out with no population or a filter.
func TestPopulationRate(t *testing.T) {
	var kids []Child
	for _, id := range []string{"A", "B", "C", "D", "E", "F", "G"} {
		kids = append(kids, inCareChild(id, PlanAdoption))
	}
	m := Compute(kids, asAt, NoDate, DefaultThresholds())
	m.AddPopulationRates(45000, false)
	// 7 × 10,000 / 45,000 = 1.5555… → 1.6
	v, ok := m.Get(KeyInCarePer10000)
	if !ok || v.Number != 1.6 || v.IsCount {
		t.Fatalf("rate = %+v %v, want 1.6", v, ok)
	}
	if m.Values[0].Key != KeyInCare || m.Values[1].Key != KeyInCarePer10000 {
		t.Errorf("the rate should follow in_care: %s, %s", m.Values[0].Key, m.Values[1].Key)
	}
	if c, _ := m.Get(CohortKey(PlanAdoption)); c.Count != 7 {
		t.Errorf("the values after the rate moved: cohort.adoption = %d", c.Count)
	}
	m.AddPopulationRates(2000, false) // 7 × 10,000 / 2,000 = 35
	if v, _ := m.Get(KeyInCarePer10000); v.Number != 35 {
		t.Errorf("rate again = %g, want 35", v.Number)
	}
	if n := strings.Count(string(m.JSON()), `"in_care.per_10000"`); n != 1 {
		t.Errorf("the rate printed %d times", n)
	}
	m.AddPopulationRates(0, false)
	if _, ok := m.Get(KeyInCarePer10000); ok {
		t.Error("no population: the rate should be left out")
	}
	m.AddPopulationRates(2000, true)
	if _, ok := m.Get(KeyInCarePer10000); ok {
		t.Error("a filter narrows the children: the rate should be left out")
	}
}

// The rules that cite the national average read it from the table: amber
// up to it when it is above the limit; no amber band without one.
func TestRulesReadTheNationalAverage(t *testing.T) {
	hearing := func(issue, final string) Child {
		c := inCareChild("A", PlanAdoption)
		c.ProceedingsIssued, c.FinalHearing = d(issue), d(final)
		return c
	}
	// 2025-06-02 to 2026-01-05 is 217 days, 31 weeks: over 26, under 38.
	m := Compute([]Child{hearing("2025-06-02", "2026-01-05")}, asAt, NoDate, DefaultThresholds())
	if r := m.RateRAG(KeyFinalHearingsMedianWeeks); r.Status != RAGRed || !strings.Contains(r.Rule, "no national average") {
		t.Errorf("no table, 31 weeks: %s (%s), want Red with no amber band", r.Status, r.Rule)
	}
	m.Benchmarks = NewBenchmarkTable([]Benchmark{bench("England and Wales", 38, "2025-04-01", "2025-06-30", "Apr–Jun 2025")})
	r := m.RateRAG(KeyFinalHearingsMedianWeeks)
	if r.Status != RAGAmber || !strings.Contains(r.Rule, "up to 38 weeks (the England and Wales average, Apr–Jun 2025)") {
		t.Errorf("national 38, local 31 weeks: %s (%s), want Amber citing the table", r.Status, r.Rule)
	}
	m.Benchmarks = NewBenchmarkTable([]Benchmark{bench("England and Wales", 30, "2025-04-01", "2025-06-30", "Apr–Jun 2025")})
	if r := m.RateRAG(KeyFinalHearingsMedianWeeks); r.Status != RAGRed || !strings.Contains(r.Rule, "Amber: up to 30 weeks") {
		t.Errorf("national 30, local 31 weeks: %s (%s), want Red", r.Status, r.Rule)
	}
	m.Benchmarks = NewBenchmarkTable([]Benchmark{bench("England and Wales", 24, "2025-04-01", "2025-06-30", "Apr–Jun 2025")})
	if r := m.RateRAG(KeyFinalHearingsMedianWeeks); r.Status != RAGRed || !strings.Contains(r.Rule, "Amber: none (the England and Wales average, Apr–Jun 2025, is within the limit)") {
		t.Errorf("national 24, within the limit: %s (%s)", r.Status, r.Rule)
	}
	// Proceedings so far: 2025-08-04 to 2026-03-31 is 239 days: over 182,
	// under 38 × 7 = 266.
	p := inCareChild("B", PlanAdoption)
	p.ProceedingsIssued = d("2025-08-04")
	m = Compute([]Child{p}, asAt, NoDate, DefaultThresholds())
	m.Benchmarks = NewBenchmarkTable([]Benchmark{bench("England and Wales", 38, "2025-04-01", "2025-06-30", "Apr–Jun 2025")})
	if r := m.RateRAG(KeyProceedingsMedianDays); r.Status != RAGAmber || !strings.Contains(r.Rule, "up to 266 days (38 weeks") {
		t.Errorf("proceedings 239 days so far: %s (%s), want Amber up to 266 days", r.Status, r.Rule)
	}
}

// The local figure in the benchmark's unit: a share as a whole per cent,
// half away from zero, as the national shares are published.
func TestLocalText(t *testing.T) {
	var kids []Child
	for i := 0; i < 8; i++ {
		c := inCareChild(string(rune('A'+i)), PlanAdoption)
		c.ProceedingsIssued, c.FinalHearing = d("2025-06-02"), d("2025-10-06") // 126 days: within
		if i > 0 {
			c.FinalHearing = d("2026-01-05") // 217 days: not within
		}
		kids = append(kids, c)
	}
	m := Compute(kids, asAt, NoDate, DefaultThresholds())
	if got := m.LocalText(KeyFinalHearingsWithin26Weeks); got != "13%" { // 1 of 8 = 12.5% → 13%
		t.Errorf("1 of 8 within = %q, want 13%%", got)
	}
	if got := m.LocalText(KeyFinalHearingsMedianWeeks); got != "31 weeks" {
		t.Errorf("median = %q, want 31 weeks", got)
	}
	if got := m.LocalText(KeyA1MeanDays); got != "" {
		t.Errorf("A1 with nobody adopted = %q, want nothing", got)
	}
}
