package export

import (
	"permanence/data"
	"strings"
)

// SheetBenchmarks is the sheet of the published figures set beside the
// panel's own, each with its full source.
const SheetBenchmarks = "Benchmarks"

// BenchmarksColumns are the Benchmarks sheet's headings: the printed ones
// first (up to Comparability), then what the file was read from.
var BenchmarksColumns = []string{"Measure", "Here", "Area", "Figure", "Period", "Age", "Source", "Address", "Comparability", "From"}

const benchmarksPrinted = 9

// benchmarksList is every benchmark shown beside a measure of m (the
// national figure, then each comparator), with the local figure in the
// same unit, the source in full, how it differs from the local measure,
// and whether it is over two years old. A rate over the population that
// m lacks (the population not set) is listed with a prompt to set it.
func benchmarksList(m *data.Measures) xlList {
	cols := make([]ListColumn, len(BenchmarksColumns))
	for i, h := range BenchmarksColumns {
		cols[i] = ListColumn{Heading: h}
	}
	keys := []data.Key{}
	seen := map[data.Key]bool{}
	for _, v := range m.Values {
		keys, seen[v.Key] = append(keys, v.Key), true
		if v.Key == data.KeyInCare && !seen[data.KeyInCarePer10000] {
			keys, seen[data.KeyInCarePer10000] = append(keys, data.KeyInCarePer10000), true
		}
	}
	var rows [][]any
	for _, k := range keys {
		var bs []data.Benchmark
		if b, ok := m.National(k); ok {
			bs = append(bs, b)
		}
		bs = append(bs, m.Comparators(k)...)
		for _, b := range bs {
			rows = append(rows, benchmarkRow(m, k, b))
		}
	}
	return xlList{name: SheetBenchmarks, cols: cols, rows: rows, maxWidth: 48, print: benchmarksPrinted,
		header: "Published figures beside the panel's own"}
}

func benchmarkRow(m *data.Measures, k data.Key, b data.Benchmark) []any {
	here := any(m.LocalText(k))
	if here == "" {
		switch _, ok := m.Get(k); {
		case k == data.KeyInCarePer10000 && !ok && m.Count(data.KeyInCare) > 0:
			here = "Set the population under 18 (Settings: population.under_18) to compare"
		default:
			here = nil
		}
	}
	var age any
	if b.Old(m.AsOf) {
		age = "Over two years old"
	}
	source := b.Publisher + ", " + b.Title
	if !b.Published.IsZero() {
		source += ", published " + b.Published.UK()
	}
	return []any{benchmarkLabel(m, k), here, b.Area, b.ValueText(), b.Period, age, source, b.URL, textOrNil(b.Comparability), b.From}
}

// benchmarkLabel is a measure's label standing on its own, with the
// thresholds in force ("Final hearings in the period: within 26 weeks of
// issue").
func benchmarkLabel(m *data.Measures, k data.Key) string {
	if v, ok := m.Get(k); ok && strings.TrimSpace(v.Label) != "" && !strings.HasPrefix(v.Label, "… ") {
		return v.Label
	}
	return glanceLabel(k, m.Thresholds)
}

func textOrNil(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}

// populationNote is the cover's note when children in care per 10,000
// cannot be worked out for want of the population ("" when it can, or
// when a filter is why).
func populationNote(f *data.Figures) string {
	if _, ok := f.Get(data.KeyInCarePer10000); ok || f.Filter.Active() {
		return ""
	}
	note := "Children in care per 10,000 is not shown: set the authority's population under 18 (Settings: population.under_18)"
	if b, ok := f.National(data.KeyInCarePer10000); ok {
		note += " to compare with " + b.Area + "'s " + b.ValueText() + " (" + b.Period + ")"
	}
	return note + "."
}
