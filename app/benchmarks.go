package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"permanence/charts"
	"permanence/data"
	"permanence/data/benchmark"
	"permanence/data/store"
)

// This file sets the published figures beside the panel's own (the
// benchmark table: data/benchmark): the small line under a tile, the
// reference lines on a chart, the caption of a slide, and the import of
// the authority's own comparators.

// benchmarkCaption is the national figure beside a measure and the
// authority's comparators, as one line for a slide's headline or a
// chart's caption: "England and Wales: 38 weeks (Apr–Jun 2025) ·
// Statistical neighbours: 43.5 weeks (Apr–Jun 2025)"; an old figure says
// so. "" when the table holds none. For children in care per 10,000 with
// no population set, it says so.
func benchmarkCaption(snap *snapshot, key data.Key) string {
	if snap == nil || snap.m == nil {
		return ""
	}
	m := snap.m
	parts := benchmarkCaptions(m, key, "")
	if len(parts) > 0 && key == data.KeyInCarePer10000 {
		if _, ok := m.Get(key); !ok {
			parts = append(parts, populationPrompt(snap))
		}
	}
	return strings.Join(parts, " · ")
}

// benchmarkCaptions are the captions of the national figure and each
// comparator beside a measure, what (" within the limit") said after the
// figure.
func benchmarkCaptions(m *data.Measures, key data.Key, what string) []string {
	var bs []data.Benchmark
	if b, ok := m.National(key); ok {
		bs = append(bs, b)
	}
	bs = append(bs, m.Comparators(key)...)
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Area + ": " + b.ValueText() + what + " (" + b.Period
		if b.Old(m.AsOf) {
			out[i] += "; over two years old"
		}
		out[i] += ")"
	}
	return out
}

// populationPrompt says why children in care per 10,000 is missing.
func populationPrompt(snap *snapshot) string {
	if snap.view.filtered() {
		return "our rate is not shown while a filter is on"
	}
	return "set the population under 18 in Settings to compare our rate"
}

// tileBenchmark is the line under a tile: the published figures beside
// its measure, one a line.
func tileBenchmark(m *data.Measures, key data.Key, what string) string {
	return strings.Join(benchmarkCaptions(m, key, what), "\n")
}

// inCareBenchmark is the line under the children in care tile: our rate
// per 10,000 beside England's, or the prompt to set the population.
func inCareBenchmark(snap *snapshot) string {
	m := snap.m
	lines := benchmarkCaptions(m, data.KeyInCarePer10000, "")
	if len(lines) == 0 {
		return ""
	}
	if v, ok := m.Get(data.KeyInCarePer10000); ok {
		return fmt.Sprintf("Here: %.1f per 10,000\n%s", v.Number, strings.Join(lines, "\n"))
	}
	return strings.Join(lines, "\n") + "\n" + strings.ToUpper(populationPrompt(snap)[:1]) + populationPrompt(snap)[1:] + "."
}

// referenceLines are a chart's reference lines for a measure: the
// national figure and each comparator, each named as its caption
// ("England and Wales: 38 weeks (Apr–Jun 2025)") in the chart's legend.
func referenceLines(m *data.Measures, key data.Key) []charts.Threshold {
	var bs []data.Benchmark
	if b, ok := m.National(key); ok {
		bs = append(bs, b)
	}
	bs = append(bs, m.Comparators(key)...)
	names := benchmarkCaptions(m, key, "")
	out := make([]charts.Threshold, len(bs))
	for i, b := range bs {
		out[i] = charts.Threshold{Value: b.Value, Label: names[i]}
	}
	return out
}

// chooseBenchmarks picks a CSV of the authority's comparators and imports
// it (from the Import dialog).
func (f *importFlow) chooseBenchmarks() {
	f.pickFile(f.importBenchmarks)
}

// importBenchmarks imports a CSV of comparators off the UI goroutine and
// reports what it stored, or every problem (nothing stored); the screens
// then show the new figures.
func (f *importFlow) importBenchmarks(path string) {
	if f.running {
		return
	}
	f.running = true
	u := f.u
	s := u.store
	run(u.bridge, func(ctx context.Context) (store.BenchmarkImport, error) {
		return benchmark.Import(ctx, s, path)
	}, func(res store.BenchmarkImport, err error) {
		f.running = false
		var inErr *data.InputError
		switch {
		case err == nil:
			f.showReport("Benchmarks imported", benchmarkReport(res))
			u.recompute()
		case errors.As(err, &inErr):
			f.showReport("No benchmarks were imported", problemsText(inErr, false))
		default:
			u.showError(err)
		}
	})
}

// benchmarkReport says what a benchmark import stored.
func benchmarkReport(res store.BenchmarkImport) string {
	if res.Added+res.Replaced == 0 {
		return res.File + ": every figure in it is already held, exactly as it is. Nothing has changed."
	}
	text := fmt.Sprintf("%s: %s stored (%d new, %d replacing a figure held for the same measure, area and period).",
		res.File, plural(res.Added+res.Replaced, "figure", "figures"), res.Added, res.Replaced)
	if res.Unchanged > 0 {
		text += fmt.Sprintf(" %s already held exactly.", plural(res.Unchanged, "figure was", "figures were"))
	}
	return text + "\n\nThey are shown beside the panel's own figures on the screens, the slides and the Measures sheet of every report. " +
		"'permanence benchmarks' lists every figure held, with its source."
}
