package export

import (
	"path/filepath"
	"strings"
	"testing"

	"permanence/data"
)

// benchRow is a benchmark of the hand-made kind the tests set beside the
// demo's figures.
func benchRow(k data.Key, area string, v float64, u data.BenchmarkUnit, period, start, end string) data.Benchmark {
	return data.Benchmark{Key: k, Area: area, Kind: data.BenchmarkFigure, Value: v, Unit: u, Period: period,
		PeriodStart: data.MustDate(start), PeriodEnd: data.MustDate(end), Publisher: "Ministry of Justice",
		Title: "Family Court Statistics Quarterly: April to June 2025", URL: "https://www.gov.uk/fcsq", Comparability: "Mean, per case",
		From: "shipped with the app"}
}

// The pack, the board summary and the SLT report set England's figure
// (with its period and publisher, its source in full on screen) and the
// authority's comparators beside the local figure on the Measures sheet,
// and list every one with its source on the Benchmarks sheet; with no
// population set, the cover says how to see the rate per 10,000.
func TestExportBenchmarksBesideTheFigures(t *testing.T) {
	fg := exportFigures(t)
	nw := benchRow(data.KeyFinalHearingsMedianWeeks, "Statistical neighbours", 43.5, data.BenchWeeks, "Apr–Jun 2025", "2025-04-01", "2025-06-30")
	nw.From = "imported from neighbours.csv on 20/11/2026"
	old := benchRow(data.KeyFinalHearingsWithin26Weeks, "England and Wales", 32, data.BenchPercent, "Apr–Jun 2023", "2023-04-01", "2023-06-30")
	rate := benchRow(data.KeyInCarePer10000, "England", 67, data.BenchPer10000, "31 Mar 2025", "2025-03-31", "2025-03-31")
	tab := data.NewBenchmarkTable([]data.Benchmark{
		benchRow(data.KeyFinalHearingsMedianWeeks, "England and Wales", 38, data.BenchWeeks, "Apr–Jun 2025", "2025-04-01", "2025-06-30"),
		old, rate, nw})
	fg.Benchmarks = tab
	for _, q := range fg.Quarterly {
		q.Benchmarks = tab
	}
	dir := t.TempDir()
	for _, book := range []struct {
		name  string
		write func(string, *data.Figures, ExportOptions) error
	}{{"pack", WritePanelPack}, {"board", WriteBoardSummary}, {"slt", WriteSLTReport}} {
		path := filepath.Join(dir, book.name+".xlsx")
		if err := book.write(path, fg, ExportOptions{}); err != nil {
			t.Fatal(err)
		}
		f := exportOpen(t, path)
		byKey := map[string]map[string]string{}
		for _, r := range rowsByHeading(t, exportRows(t, f, SheetMeasures)) {
			byKey[r["Key"]] = r
		}
		weeks := byKey[string(data.KeyFinalHearingsMedianWeeks)]
		if weeks["England"] != "38 weeks, Apr–Jun 2025 (England and Wales, Ministry of Justice)" ||
			weeks["Comparators"] != "Statistical neighbours: 43.5 weeks (Apr–Jun 2025)" ||
			!strings.Contains(weeks["England source"], "Family Court Statistics Quarterly: April to June 2025") {
			t.Errorf("%s: median weeks row: England %q, comparators %q, source %q", book.name, weeks["England"], weeks["Comparators"], weeks["England source"])
		}
		// As at 31 Mar 2026, a figure for Apr–Jun 2023 is over two years old.
		if got := byKey[string(data.KeyFinalHearingsWithin26Weeks)]["England"]; got != "32%, Apr–Jun 2023 (England and Wales, Ministry of Justice; over two years old)" {
			t.Errorf("%s: an old national figure shows %q", book.name, got)
		}
		if got := byKey[string(data.KeyInCare)]["England"]; got != "" {
			t.Errorf("%s: in_care has no national count in this table, yet shows %q", book.name, got)
		}
		var listed []string
		for _, r := range rowsByHeading(t, exportRows(t, f, SheetBenchmarks)) {
			listed = append(listed, r["Area"]+"|"+r["Figure"]+"|"+r["Here"]+"|"+r["Age"]+"|"+r["Address"])
		}
		want := []string{
			"England|67 per 10,000|Set the population under 18 (Settings: population.under_18) to compare||https://www.gov.uk/fcsq",
			"England and Wales|32%|" + fg.LocalText(data.KeyFinalHearingsWithin26Weeks) + "|Over two years old|https://www.gov.uk/fcsq",
			"England and Wales|38 weeks|" + fg.LocalText(data.KeyFinalHearingsMedianWeeks) + "||https://www.gov.uk/fcsq",
			"Statistical neighbours|43.5 weeks|" + fg.LocalText(data.KeyFinalHearingsMedianWeeks) + "||https://www.gov.uk/fcsq",
		}
		if strings.Join(listed, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: Benchmarks sheet\n%s\nwant\n%s", book.name, strings.Join(listed, "\n"), strings.Join(want, "\n"))
		}
		cover := strings.Join(flatten(exportRows(t, f, SheetCover)), " ")
		if !strings.Contains(cover, "set the authority's population under 18 (Settings: population.under_18) to compare with England's 67 per 10,000 (31 Mar 2025)") {
			t.Errorf("%s: the cover does not say how to see the rate", book.name)
		}
	}
	if fg.LocalText(data.KeyFinalHearingsMedianWeeks) == "" {
		t.Fatal("the demo should have final hearings in the period")
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
