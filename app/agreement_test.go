package app

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"permanence/data"
	"permanence/data/export"
	"permanence/data/figures"
)

// measuresSheet reads a workbook's Measures sheet: value and label by key.
func measuresSheet(t *testing.T, path string) (values, labels map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	rows, err := f.GetRows(export.SheetMeasures)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range export.MeasuresColumns {
		col[h] = i
	}
	values, labels = map[string]string{}, map[string]string{}
	for _, r := range rows[1:] {
		for len(r) < len(export.MeasuresColumns) {
			r = append(r, "")
		}
		values[r[col["Key"]]] = r[col["Value"]]
		labels[r[col["Key"]]] = r[col["Measure"]]
	}
	return values, labels
}

// Every threshold set to a value other than its default: the figures the
// CLI prints (the figures service's JSON, which `permanence measures
// --json` writes), the numbers on the screens, and the pack, board and SLT
// workbooks all agree, and all say the thresholds in force.
func TestEveryThresholdAgreesEverywhere(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	err := s.ChangeSettings(ctx, [][2]string{
		{"threshold.proceedings_days", "175"}, {"threshold.pre_proceedings_days", "84"},
		{"threshold.a1_days", "300"}, {"threshold.a2_days", "90"},
		{"threshold.placed_with_parents_months", "4"}, {"threshold.care_order_months", "9"},
		{"threshold.adoption_ended_months", "2"}, {"threshold.period_months", "6"},
		{"threshold.trend_quarters", "6"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := figures.New(s).Figures(ctx, figures.Request{})
	if err != nil {
		t.Fatal(err)
	}
	var cli map[string]any
	if err := json.Unmarshal(f.JSON(), &cli); err != nil {
		t.Fatal(err)
	}
	// The period is the setting's 6 months: 30 Sep 2025 < d <= 31 Mar 2026.
	if cli["as_of"] != "2026-03-31" || cli["period_start"] != "2025-09-30" {
		t.Fatalf("period %v to %v, want 2025-09-30 to 2026-03-31", cli["period_start"], cli["as_of"])
	}
	// 6 trend quarters end with 2026-Q1: 2024-Q4 to 2026-Q1.
	_, first := cli["trend.final_hearing.2024-Q4.count"]
	_, before := cli["trend.final_hearing.2024-Q3.count"]
	if !first || before {
		t.Error("6 trend quarters should run from 2024-Q4, and 2024-Q3 should not be printed")
	}
	num := func(k data.Key) string {
		v, ok := cli[string(k)]
		if !ok {
			return "–"
		}
		return strconv.FormatFloat(v.(float64), 'f', -1, 64)
	}

	u, _ := newTestUI(t, s)
	u.bridge.wait()
	if got := u.snap.periodText(); got != "1 Oct 2025 to 31 Mar 2026" {
		t.Errorf("screens' period = %q", got)
	}
	u.show(0)
	if got := u.overview.inCare.value.Text; strings.ReplaceAll(got, ",", "") != num(data.KeyInCare) {
		t.Errorf("overview in care %s, CLI %s", got, num(data.KeyInCare))
	}
	u.show(1)
	if got := u.court.over26.value.Text; got != num(data.KeyProceedingsOver26Weeks) || u.court.over26.caption.Text != "Proceedings past 25 weeks" {
		t.Errorf("court: %q %s, CLI %s", u.court.over26.caption.Text, got, num(data.KeyProceedingsOver26Weeks))
	}
	u.show(3)
	if got := u.plans.careOrderNotLTF.count.Text; got != num(data.KeyCareOrderPlanNotLTF) ||
		u.plans.careOrderNotLTF.label.Text != "Care order over 9 months, plan not LTF" {
		t.Errorf("plans: %q %s, CLI %s", u.plans.careOrderNotLTF.label.Text, got, num(data.KeyCareOrderPlanNotLTF))
	}
	u.show(4)
	if got := u.celebrations.total.Text; got != num(data.KeyCelebrations) {
		t.Errorf("celebrations %s, CLI %s", got, num(data.KeyCelebrations))
	}
	if len(u.snap.quarters) != 6 {
		t.Errorf("%d quarters of successes, want 6", len(u.snap.quarters))
	}

	dir := t.TempDir()
	for _, kind := range []reportKind{reportPack, reportBoard, reportSLT} {
		path := filepath.Join(dir, fmt.Sprintf("report-%d.xlsx", kind))
		if err := exportPack(ctx, path, kind, u.figs, u.snap, false); err != nil {
			t.Fatal(err)
		}
		values, labels := measuresSheet(t, path)
		for k, v := range cli {
			if k == "as_of" || k == "period_start" || strings.HasPrefix(k, "trend.") {
				continue
			}
			want := strconv.FormatFloat(v.(float64), 'f', -1, 64)
			got := values[k]
			if n, err := strconv.ParseFloat(got, 64); err == nil {
				got = strconv.FormatFloat(n, 'f', -1, 64)
			}
			if got != want {
				t.Errorf("report %d: %s = %q, CLI %s", kind, k, values[k], want)
			}
		}
		for k, want := range map[string]string{"adoption.a1_within_426": "A1 within 300 days", "adoption.a2_within_121": "A2 within 90 days",
			"proceedings.over_26_weeks": "Proceedings over 25 weeks"} {
			if !strings.Contains(labels[k], want) {
				t.Errorf("report %d: %s labelled %q, want %q", kind, k, labels[k], want)
			}
		}
	}
}
