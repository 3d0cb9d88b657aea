package data

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Benchmark is a published figure to set beside a local one: England's
// (or England and Wales's) from a national release, or a region's, a
// statistical neighbour's or another authority's that the authority adds
// itself. It is one row of the benchmark table (docs/benchmarks.md): the
// table shipped with the app, or a CSV of the same columns imported.
type Benchmark struct {
	Key  Key    // the catalogue measure it stands beside
	Area string // "England", "England and Wales", a region or an authority
	Kind BenchmarkKind
	// Value is in Unit: 38 (weeks), 36 (per cent), 67 (per 10,000).
	Value float64
	Unit  BenchmarkUnit
	// Period is the period as people read it ("Apr–Jun 2025", "31 Mar
	// 2025"); PeriodStart and PeriodEnd are its first and last days (the
	// same day for a figure at a date).
	Period                 string
	PeriodStart, PeriodEnd Date
	Publisher              string // "Ministry of Justice"
	Title                  string // the publication's title
	URL                    string // its address
	Published              Date   // NoDate when not recorded
	// Comparability says how the published figure differs from the local
	// measure (mean and median, cases and children, …).
	Comparability string
	Notes         string
	// From says where the row came from: "shipped with the app", or the
	// file it was imported from and when (set by whoever reads it).
	From string
}

// BenchmarkKind says what a benchmark is.
type BenchmarkKind string

// The kinds: a published figure (an average, a share, a rate), or a
// published threshold (a target such as the adoption scorecard's), which
// is listed with its history but never shown as a figure beside the
// local one (the panel's own threshold settings are).
const (
	BenchmarkFigure    BenchmarkKind = "figure"
	BenchmarkThreshold BenchmarkKind = "threshold"
)

// BenchmarkUnit is a benchmark's unit, written in the CSV as its code.
// The codes are permanent: they are stored.
type BenchmarkUnit string

// The units a benchmark may have.
const (
	BenchWeeks    BenchmarkUnit = "weeks"
	BenchDays     BenchmarkUnit = "days"
	BenchPercent  BenchmarkUnit = "percent"
	BenchPer10000 BenchmarkUnit = "per_10000"
	BenchChildren BenchmarkUnit = "children"
)

// BenchmarkColumns are the columns of a benchmark CSV, in the order the
// shipped table writes them (an imported file may put them in any order).
// Those marked required must have a value on every row.
var BenchmarkColumns = []struct {
	Name     string
	Required bool
	What     string
}{
	{"key", true, "the measure's key in the catalogue (docs/measures-panel.md, measures.md): final_hearings.median_weeks"},
	{"area", true, "England, England and Wales, a region, or an authority's name"},
	{"kind", false, "figure (the default) or threshold"},
	{"value", true, "the published figure, a number in the unit"},
	{"unit", true, "weeks, days, percent, per_10000 or children: the one the measure is counted in"},
	{"period", true, "the period as people read it: Apr–Jun 2025, 31 Mar 2025, year to 31 Mar 2025"},
	{"period_start", true, "the period's first day (YYYY-MM-DD or DD/MM/YYYY); for a figure at a date, that date"},
	{"period_end", true, "the period's last day; for a figure at a date, that date"},
	{"publisher", true, "who published it: Ministry of Justice, Department for Education"},
	{"source_title", true, "the publication's title"},
	{"source_url", true, "the publication's address (https://…)"},
	{"published", false, "the date it was published"},
	{"comparability", false, "how it differs from the local measure: mean or median, cases or children"},
	{"notes", false, "anything else a reader should know"},
}

// IsNational reports whether the benchmark is a national figure: England,
// or England and Wales (the family court statistics cover both).
func (b Benchmark) IsNational() bool {
	a := strings.ToLower(b.Area)
	return a == "england" || a == "england and wales"
}

// Old reports whether the benchmark's period ended more than two years
// before the as-at date: such a figure is shown marked as old.
func (b Benchmark) Old(asOf Date) bool {
	return !asOf.IsZero() && b.PeriodEnd < asOf.AddMonths(-24)
}

// ValueText writes the value in its unit: "38 weeks", "36%", "67 per
// 10,000", "81,770 children", "426 days".
func (b Benchmark) ValueText() string {
	v := benchNumber(b.Value)
	switch b.Unit {
	case BenchPercent:
		return v + "%"
	case BenchPer10000:
		return v + " per 10,000"
	case BenchChildren:
		if b.Value == 1 {
			return "1 child"
		}
		return v + " children"
	case BenchDays:
		return v + " days"
	}
	return v + " " + string(b.Unit)
}

// benchNumber writes a number as a person reads it: whole numbers with
// thousands separators (81,770), others to one decimal place.
func benchNumber(v float64) string {
	if v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if v < 0 {
		return "-" + s
	}
	return s
}

// Caption is the benchmark as a line beside the local figure: "England:
// 67 per 10,000 (31 Mar 2025)", marked "over two years old" when it is at
// the as-at date asOf.
func (b Benchmark) Caption(asOf Date) string {
	s := b.Area + ": " + b.ValueText() + " (" + b.Period
	if b.Old(asOf) {
		s += "; over two years old"
	}
	return s + ")"
}

// SourceText names where the figure comes from: "Ministry of Justice,
// Family Court Statistics Quarterly: April to June 2025, published 25
// Sep 2025, https://…".
func (b Benchmark) SourceText() string {
	parts := []string{b.Publisher, b.Title}
	if !b.Published.IsZero() {
		parts = append(parts, "published "+b.Published.UK())
	}
	parts = append(parts, b.URL)
	return strings.Join(parts, ", ")
}

// identity is what makes two rows the same benchmark: a later import of a
// row with the same identity replaces it.
func (b Benchmark) identity() string {
	return strings.Join([]string{string(b.Key), strings.ToLower(b.Area), string(b.Kind), b.PeriodStart.String(), b.PeriodEnd.String()}, "\x00")
}

// SameBenchmark reports whether a and b are the same benchmark (the same
// measure, area, kind and period), whatever their values.
func SameBenchmark(a, b Benchmark) bool { return a.identity() == b.identity() }

// BenchmarkTable is every benchmark the app knows: the shipped table and
// the authority's own, a later row replacing an earlier one of the same
// identity (SameBenchmark). It is read only once built.
type BenchmarkTable struct {
	rows  []Benchmark
	byKey map[Key][]int
}

// NewBenchmarkTable builds the table from rows in order: a row replaces
// any earlier row of the same measure, area, kind and period (an
// authority's import of a revised national figure replaces the shipped
// one).
func NewBenchmarkTable(rows ...[]Benchmark) *BenchmarkTable {
	t := &BenchmarkTable{byKey: map[Key][]int{}}
	at := map[string]int{}
	for _, rs := range rows {
		for _, b := range rs {
			if i, ok := at[b.identity()]; ok {
				t.rows[i] = b
				continue
			}
			at[b.identity()] = len(t.rows)
			t.rows = append(t.rows, b)
		}
	}
	for i, b := range t.rows {
		t.byKey[b.Key] = append(t.byKey[b.Key], i)
	}
	return t
}

// All is every benchmark of the table, national first, then by area,
// measure (in the catalogue's order) and period, newest first.
func (t *BenchmarkTable) All() []Benchmark {
	if t == nil {
		return nil
	}
	out := append([]Benchmark(nil), t.rows...)
	sort.SliceStable(out, func(i, j int) bool { return benchmarkBefore(out[i], out[j]) })
	return out
}

func benchmarkBefore(a, b Benchmark) bool {
	if a.IsNational() != b.IsNational() {
		return a.IsNational()
	}
	if a.Area != b.Area {
		return a.Area < b.Area
	}
	if ai, bi := catalogueOrder(a.Key), catalogueOrder(b.Key); ai != bi {
		return ai < bi
	}
	if a.Kind != b.Kind {
		return a.Kind == BenchmarkFigure
	}
	return a.PeriodEnd > b.PeriodEnd
}

// catalogueOrder is a key's place in the catalogue (its family's, for a
// cohort or trend key).
func catalogueOrder(k Key) int {
	if i, ok := catalogueIndex[k]; ok {
		return i
	}
	if p, ok := patternOf(k); ok {
		return catalogueIndex[p]
	}
	return len(Catalogue)
}

// For is every benchmark of a measure, in All's order.
func (t *BenchmarkTable) For(key Key) []Benchmark {
	if t == nil {
		return nil
	}
	out := make([]Benchmark, 0, len(t.byKey[key]))
	for _, i := range t.byKey[key] {
		out = append(out, t.rows[i])
	}
	sort.SliceStable(out, func(i, j int) bool { return benchmarkBefore(out[i], out[j]) })
	return out
}

// National is the national figure to set beside a measure as at asOf:
// the newest (by the end of its period) whose period ended by asOf, or,
// when every one ended after it, the earliest. England wins over England
// and Wales for the same period. ok is false when the table holds none.
func (t *BenchmarkTable) National(key Key, asOf Date) (Benchmark, bool) {
	return t.newest(key, asOf, BenchmarkFigure, func(b Benchmark) bool { return b.IsNational() })
}

// NationalThreshold is the national threshold of a measure in force at
// asOf (the adoption scorecard's), chosen as National chooses a figure.
func (t *BenchmarkTable) NationalThreshold(key Key, asOf Date) (Benchmark, bool) {
	return t.newest(key, asOf, BenchmarkThreshold, func(b Benchmark) bool { return b.IsNational() })
}

// Comparators are the authority's own comparators of a measure as at
// asOf: for each area that is not national, its figure chosen as
// National chooses, in the order of the areas' names.
func (t *BenchmarkTable) Comparators(key Key, asOf Date) []Benchmark {
	if t == nil {
		return nil
	}
	areas := map[string]bool{}
	for _, i := range t.byKey[key] {
		if b := t.rows[i]; !b.IsNational() && b.Kind == BenchmarkFigure {
			areas[strings.ToLower(b.Area)] = true
		}
	}
	var out []Benchmark
	for a := range areas {
		if b, ok := t.newest(key, asOf, BenchmarkFigure, func(b Benchmark) bool { return strings.ToLower(b.Area) == a }); ok {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Area < out[j].Area })
	return out
}

// newest picks, of a measure's rows of a kind that keep keeps, the newest
// whose period ended by asOf, else the earliest; England before England
// and Wales at the same end.
func (t *BenchmarkTable) newest(key Key, asOf Date, kind BenchmarkKind, keep func(Benchmark) bool) (Benchmark, bool) {
	if t == nil {
		return Benchmark{}, false
	}
	var by, after *Benchmark
	for _, i := range t.byKey[key] {
		b := &t.rows[i]
		if b.Kind != kind || !keep(*b) {
			continue
		}
		if asOf.IsZero() || b.PeriodEnd <= asOf {
			if by == nil || b.PeriodEnd > by.PeriodEnd || (b.PeriodEnd == by.PeriodEnd && englandFirst(*b, *by)) {
				by = b
			}
		} else if after == nil || b.PeriodEnd < after.PeriodEnd || (b.PeriodEnd == after.PeriodEnd && englandFirst(*b, *after)) {
			after = b
		}
	}
	switch {
	case by != nil:
		return *by, true
	case after != nil:
		return *after, true
	}
	return Benchmark{}, false
}

func englandFirst(a, b Benchmark) bool {
	return strings.EqualFold(a.Area, "England") && !strings.EqualFold(b.Area, "England")
}

// Len is how many benchmarks the table holds.
func (t *BenchmarkTable) Len() int {
	if t == nil {
		return 0
	}
	return len(t.rows)
}

// National is the national figure beside a measure as at the measures'
// date (BenchmarkTable.National), when the figures carry a table.
func (m *Measures) National(key Key) (Benchmark, bool) {
	return m.Benchmarks.National(key, m.AsOf)
}

// Comparators are the authority's comparators beside a measure as at the
// measures' date (BenchmarkTable.Comparators).
func (m *Measures) Comparators(key Key) []Benchmark {
	return m.Benchmarks.Comparators(key, m.AsOf)
}

// BenchmarkField is one problem with a benchmark row's value: its column,
// the value and why it is refused.
type BenchmarkField struct{ Column, Value, Why string }

// ParseBenchmark checks one row of a benchmark CSV, given as its cells by
// column name (BenchmarkColumns' names; a missing optional column is ""),
// and returns the benchmark or every problem with it.
func ParseBenchmark(cells map[string]string) (Benchmark, []BenchmarkField) {
	var probs []BenchmarkField
	bad := func(col, why string) { probs = append(probs, BenchmarkField{col, cells[col], why}) }
	for _, c := range BenchmarkColumns {
		cells[c.Name] = strings.TrimSpace(cells[c.Name])
		if c.Required && cells[c.Name] == "" {
			bad(c.Name, "is empty: every row needs "+c.What)
		}
	}
	b := Benchmark{Area: cells["area"], Period: cells["period"], Publisher: cells["publisher"], Title: cells["source_title"],
		URL: cells["source_url"], Comparability: cells["comparability"], Notes: cells["notes"], Kind: BenchmarkFigure}
	var e *Measure
	if s := cells["key"]; s != "" {
		k, err := ParseKey(s)
		if err != nil {
			bad("key", "is not a measure of the catalogue: use a key that `permanence measures --json` prints")
		} else if e = mustLookup(k); e.Pattern {
			bad("key", "names a cohort or one quarter's trend, which have no benchmarks: use a key of the data set such as in_care or final_hearings.median_weeks")
			e = nil
		} else {
			b.Key = k
		}
	}
	switch strings.ToLower(cells["kind"]) {
	case "", "figure":
	case "threshold":
		b.Kind = BenchmarkThreshold
	default:
		bad("kind", "is not a kind of benchmark: use figure or threshold")
	}
	b.Unit = BenchmarkUnit(strings.ToLower(cells["unit"]))
	if cells["unit"] != "" {
		if want, ok := benchmarkUnitOf(e); e != nil && (!ok || b.Unit != want) {
			bad("unit", "is not the unit "+string(b.Key)+" is counted in: use "+string(want))
		} else if e == nil && !knownUnit(b.Unit) {
			bad("unit", "is not a unit: use weeks, days, percent, per_10000 or children")
		}
	}
	if s := cells["value"]; s != "" {
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(s, "%"), ",", ""), 64)
		switch {
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			bad("value", "is not a number: write it without units, such as 38 or 81770")
		case v < 0:
			bad("value", "is below zero: no measure here can be")
		case b.Unit == BenchPercent && v > 100:
			bad("value", "is over 100: a percentage is from 0 to 100")
		case b.Unit == BenchChildren && v != math.Trunc(v):
			bad("value", "is not a whole number of children")
		}
		b.Value = v
	}
	b.PeriodStart = benchmarkDate(cells, "period_start", bad)
	b.PeriodEnd = benchmarkDate(cells, "period_end", bad)
	b.Published = benchmarkDate(cells, "published", bad)
	if !b.PeriodStart.IsZero() && !b.PeriodEnd.IsZero() && b.PeriodStart > b.PeriodEnd {
		bad("period_end", "is before period_start ("+b.PeriodStart.UK()+"): the period's last day comes after its first")
	}
	if s := cells["source_url"]; s != "" && !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		bad("source_url", "is not a web address: it should start https://")
	}
	return b, probs
}

// benchmarkDate reads a date column (empty is NoDate).
func benchmarkDate(cells map[string]string, col string, bad func(col, why string)) Date {
	d, err := ParseDate(cells[col])
	if err != nil {
		bad(col, "is not a date: use YYYY-MM-DD or DD/MM/YYYY")
	}
	return d
}

// benchmarkUnitOf is the unit a measure's benchmark is written in.
func benchmarkUnitOf(e *Measure) (BenchmarkUnit, bool) {
	if e == nil {
		return "", false
	}
	switch {
	case e.Unit == UnitWeeks:
		return BenchWeeks, true
	case e.Unit == UnitDays:
		return BenchDays, true
	case e.Unit == UnitPer10000:
		return BenchPer10000, true
	case e.Denominator != "":
		return BenchPercent, true
	}
	return BenchChildren, true
}

func knownUnit(u BenchmarkUnit) bool {
	switch u {
	case BenchWeeks, BenchDays, BenchPercent, BenchPer10000, BenchChildren:
		return true
	}
	return false
}

// LocalText is the local figure of a measure in the benchmark's unit, to
// read beside it: "41.2 weeks", "35%" (a share, rounded to a whole per
// cent as the national figures are), "58.3 per 10,000"; "" when the
// measures have no value for it.
func (m *Measures) LocalText(key Key) string {
	v, ok := m.Get(key)
	if !ok {
		return ""
	}
	e := mustLookup(key)
	u, _ := benchmarkUnitOf(e)
	b := Benchmark{Unit: u, Value: v.Number}
	if v.IsCount {
		b.Value = float64(v.Count)
	}
	if u == BenchPercent {
		num, den, ok := m.Proportion(key)
		if !ok || den == 0 {
			return ""
		}
		// A whole per cent, half away from zero, worked in integers.
		b.Value = float64((200*int64(num) + int64(den)) / (2 * int64(den)))
	}
	return b.ValueText()
}

// String is the benchmark in a sentence, for messages.
func (b Benchmark) String() string {
	return fmt.Sprintf("%s %s: %s (%s)", b.Key, b.Area, b.ValueText(), b.Period)
}
