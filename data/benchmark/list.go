package benchmark

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"permanence/data"
)

// listed is one benchmark as `permanence benchmarks --json` prints it.
type listed struct {
	Key           string  `json:"key"`
	Measure       string  `json:"measure"`
	Area          string  `json:"area"`
	Kind          string  `json:"kind"`
	Value         float64 `json:"value"`
	Unit          string  `json:"unit"`
	Period        string  `json:"period"`
	PeriodStart   string  `json:"period_start"`
	PeriodEnd     string  `json:"period_end"`
	Publisher     string  `json:"publisher"`
	SourceTitle   string  `json:"source_title"`
	SourceURL     string  `json:"source_url"`
	Published     string  `json:"published"`
	Comparability string  `json:"comparability"`
	Notes         string  `json:"notes"`
	From          string  `json:"from"`
	Old           bool    `json:"over_two_years_old"`
}

// WriteJSON prints the table as a JSON object: the as-at date the ages are
// worked out at, and every benchmark in the table's order (data.All).
func WriteJSON(w io.Writer, t *data.BenchmarkTable, asOf data.Date, th data.Thresholds) error {
	out := struct {
		AsOf       string   `json:"as_of"`
		Benchmarks []listed `json:"benchmarks"`
	}{AsOf: asOf.String(), Benchmarks: []listed{}}
	for _, b := range t.All() {
		out.Benchmarks = append(out.Benchmarks, listed{Key: string(b.Key), Measure: measureLabel(b.Key, th), Area: b.Area,
			Kind: string(b.Kind), Value: b.Value, Unit: string(b.Unit), Period: b.Period, PeriodStart: b.PeriodStart.String(),
			PeriodEnd: b.PeriodEnd.String(), Publisher: b.Publisher, SourceTitle: b.Title, SourceURL: b.URL,
			Published: dateOrEmpty(b.Published), Comparability: b.Comparability, Notes: b.Notes, From: b.From,
			Old: b.Kind == data.BenchmarkFigure && b.Old(asOf)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func dateOrEmpty(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// measureLabel is a measure's catalogue label with the thresholds th.
func measureLabel(k data.Key, th data.Thresholds) string {
	e, err := data.Lookup(k)
	if err != nil {
		return string(k)
	}
	l := e.Label(th)
	if rest, ok := strings.CutPrefix(l, "… "); ok && e.Denominator != "" {
		if d, err := data.Lookup(e.Denominator); err == nil {
			l = d.Label(th) + ": " + rest
		}
	}
	return l
}

// WriteText prints the table for a person: by area (national first),
// each benchmark's measure, figure, period, key and age, with a number
// naming its source; then the sources (publisher, title, date published,
// address, and whether it came with the app or from an imported file).
func WriteText(w io.Writer, t *data.BenchmarkTable, asOf data.Date, th data.Thresholds) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Benchmarks held: %d (ages as at %s; OLD: the period ended over two years before)\n", t.Len(), asOf.UK())
	var sources []string
	number := map[string]int{}
	area := ""
	for _, b := range t.All() {
		if b.Area != area {
			area = b.Area
			fmt.Fprintf(tw, "\n%s\n", strings.ToUpper(area))
		}
		what, age := b.ValueText(), ""
		switch {
		case b.Kind == data.BenchmarkThreshold:
			what += " (threshold)"
		case b.Old(asOf):
			age = "OLD"
		}
		src := b.SourceText() + "; " + b.From
		if number[src] == 0 {
			sources = append(sources, src)
			number[src] = len(sources)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t[%d]\n", measureLabel(b.Key, th), what, b.Period, age, b.Key, number[src])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nSOURCES")
	for i, s := range sources {
		fmt.Fprintf(w, "  [%d] %s\n", i+1, s)
	}
	return nil
}

// WriteImport says what an import stored.
func WriteImport(w io.Writer, added, replaced, unchanged int, file string) {
	switch {
	case added+replaced == 0:
		fmt.Fprintf(w, "%s: every benchmark in it is already held exactly; nothing to do.\n", file)
	default:
		fmt.Fprintf(w, "%s: imported %d benchmark(s): %d new, %d replacing a held one of the same measure, area and period", file, added+replaced, added, replaced)
		if unchanged > 0 {
			fmt.Fprintf(w, "; %d already held exactly", unchanged)
		}
		fmt.Fprintln(w, ".")
	}
}
