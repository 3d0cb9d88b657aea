package app

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"permanence/charts"
	"permanence/data"
	"permanence/data/store"
)

// neighboursCSV is a comparator an analyst imports: the statistical
// neighbours' time to disposal and share within the limit.
const neighboursCSV = "key,area,value,unit,period,period_start,period_end,publisher,source_title,source_url\n" +
	"final_hearings.median_weeks,Statistical neighbours,43.5,weeks,Apr–Jun 2025,2025-04-01,2025-06-30,Ministry of Justice,FCSQ by local authority,https://example.org/fcsq\n" +
	"final_hearings.within_26_weeks,Statistical neighbours,29,percent,Apr–Jun 2025,2025-04-01,2025-06-30,Ministry of Justice,FCSQ by local authority,https://example.org/fcsq\n"

// A comparator imported from the app's Import dialog appears beside the
// local figure: under the Court screen's final hearings tile and as a
// reference line on its charts, beside England and Wales's figure; the
// slide's chart is drawn with it, and the slide's caption names it.
func TestImportedComparatorBesideTheLocalFigure(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.show(screenIndex(u, "court"))
	hearing := u.court.hearing.bench
	if !hearing.Visible() || hearing.Text != "England and Wales: 38 weeks to disposal (Apr–Jun 2025)\nEngland and Wales: 36% within the limit (Apr–Jun 2025)" {
		t.Errorf("before the import, the final hearings tile says %q", hearing.Text)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte(strings.Replace(neighboursCSV, "43.5", "lots", 1)), 0o600)
	u.importer.importBenchmarks(bad)
	u.bridge.wait()
	if !strings.Contains(u.importer.lastReport, `row 2, column “value” (“lots”): is not a number`) {
		t.Errorf("a bad file's report: %q", u.importer.lastReport)
	}
	good := filepath.Join(dir, "neighbours.csv")
	os.WriteFile(good, []byte(neighboursCSV), 0o600)
	u.importer.importBenchmarks(good)
	u.bridge.wait()
	u.bridge.wait() // the figures worked out again
	if !strings.Contains(u.importer.lastReport, "neighbours.csv: 2 figures stored (2 new") {
		t.Errorf("the import's report: %q", u.importer.lastReport)
	}
	want := "Statistical neighbours: 43.5 weeks to disposal (Apr–Jun 2025)"
	if !strings.Contains(hearing.Text, want) || !strings.Contains(hearing.Text, "Statistical neighbours: 29% within the limit (Apr–Jun 2025)") {
		t.Errorf("after the import, the final hearings tile says %q, want it to hold %q", hearing.Text, want)
	}
	tr := finalHearingTrend(u.snap.m)
	refs := tr.weeksChart().References
	if len(refs) != 2 || refs[0].Value != 38 || refs[1].Value != 43.5 || refs[1].Label != "Statistical neighbours: 43.5 weeks (Apr–Jun 2025)" {
		t.Errorf("the weeks chart's reference lines: %+v", refs)
	}
	if refs := tr.withinChart().References; len(refs) != 2 || refs[0].Value != 36 || refs[1].Value != 29 {
		t.Errorf("the share chart's reference lines: %+v", refs)
	}
	if got := benchmarkCaption(u.snap, data.KeyFinalHearingsMedianWeeks); got !=
		"England and Wales: 38 weeks (Apr–Jun 2025) · Statistical neighbours: 43.5 weeks (Apr–Jun 2025)" {
		t.Errorf("the slide's caption: %q", got)
	}
	// The court slide's chart is the weeks chart with its reference lines:
	// drawn, it is the same picture, and not the picture without them.
	var slide *slide
	for _, sl := range presentationSlides() {
		if sl.title == "Median weeks from issue to final hearing" {
			slide = &sl
		}
	}
	if slide == nil {
		t.Fatal("no slide of the median weeks to final hearing")
	}
	st := charts.LightStyle(960, 420)
	got, err := slide.chart(u.snap)(st)
	if err != nil {
		t.Fatal(err)
	}
	lc := tr.weeksChart()
	lc.Title = ""
	with, _ := charts.RenderLine(lc, st)
	lc.References = nil
	without, _ := charts.RenderLine(lc, st)
	if !samePixels(got, with) || samePixels(got, without) {
		t.Error("the slide's chart is not drawn with the reference lines")
	}
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// The children in care tile sets our rate per 10,000 beside England's
// once the population is set, and asks for it until then.
func TestInCareRateBesideEngland(t *testing.T) {
	s := demoStore(t)
	u, _ := newTestUI(t, s)
	line := u.overview.inCare.bench.Text
	if !strings.HasPrefix(line, "England: 67 per 10,000 (31 Mar 2025)") || !strings.Contains(line, "Set the population under 18 in Settings") {
		t.Errorf("no population set: %q", line)
	}
	if got := benchmarkCaption(u.snap, data.KeyInCarePer10000); !strings.Contains(got, "set the population under 18") {
		t.Errorf("the caption without a population: %q", got)
	}
	if err := s.ChangeSetting(context.Background(), store.SettingPopulation, "20000"); err != nil {
		t.Fatal(err)
	}
	u.recompute()
	u.bridge.wait()
	n := u.snap.m.Count(data.KeyInCare)
	// in care × 10,000 / 20,000 = in care / 2: a whole number, or a half.
	want := fmt.Sprintf("Here: %d.0", n/2)
	if n%2 == 1 {
		want = fmt.Sprintf("Here: %d.5", n/2)
	}
	if line := u.overview.inCare.bench.Text; !strings.HasPrefix(line, want+" per 10,000\nEngland: 67 per 10,000 (31 Mar 2025)") {
		t.Errorf("%d in care, population 20,000: %q, want it to start %q", n, line, want)
	}
}
