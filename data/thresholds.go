package data

import (
	"fmt"
	"strconv"
)

// Thresholds are the panel's named limits. They are settings, since the
// national thresholds have changed over the years: every label, rule and
// drift flag that names a limit reads it from here.
type Thresholds struct {
	ProceedingsDays         int // care proceedings should finish within 26 weeks (182 days)
	PreProceedingsDays      int // pre-proceedings best practice: 16 weeks (112 days)
	A1Days                  int // adoption scorecard A1 (and A10): entering care to placed, 426 days
	A2Days                  int // adoption scorecard A2: placement order to match, 121 days
	PlacedWithParentsMonths int // placed with parents this long without a discharge application is drift
	CareOrderMonths         int // care order this long with a plan other than LTF
	AdoptionEndedMonths     int // adoption plan ended this long with the placement order not revoked
	PeriodMonths            int // the default reporting period before the as-at date
	TrendQuarters           int // quarters in each trend
	// FinancialQuarters names trend quarters by the financial year (Q1 is
	// April–June, as boards report) rather than the calendar year. Only
	// the names people read change: the quarters and the measure keys
	// (trend.*.2025-Q2.*, measures.md) stay calendar quarters.
	FinancialQuarters bool
}

// DefaultThresholds are the values in measures.md.
func DefaultThresholds() Thresholds {
	return Thresholds{ProceedingsDays: 182, PreProceedingsDays: 112, A1Days: 426, A2Days: 121,
		PlacedWithParentsMonths: 6, CareOrderMonths: 6, AdoptionEndedMonths: 3, PeriodMonths: 12, TrendQuarters: 8}
}

// ThresholdSetting describes one threshold as the settings hold it.
type ThresholdSetting struct {
	Key      string // the setting's name: threshold.a1_days
	Label    string
	Unit     string // days, months or quarters
	Min, Max int
	field    func(th *Thresholds) *int
}

// Get returns the threshold's value in th.
func (s ThresholdSetting) Get(th Thresholds) int { return *s.field(&th) }

// Set stores v in th, after checking it is a whole number in range.
func (s ThresholdSetting) Set(th *Thresholds, text string) error {
	v, err := strconv.Atoi(text)
	if err != nil || v < s.Min || v > s.Max {
		return fmt.Errorf("%s must be a whole number of %s from %d to %d, not %q", s.Key, s.Unit, s.Min, s.Max, text)
	}
	*s.field(th) = v
	return nil
}

// ThresholdSettings lists every threshold an authority can set, in the
// order the settings show them.
var ThresholdSettings = []ThresholdSetting{
	{"threshold.proceedings_days", "Care proceedings limit", "days", 1, 3650, func(th *Thresholds) *int { return &th.ProceedingsDays }},
	{"threshold.pre_proceedings_days", "Pre-proceedings best-practice limit", "days", 1, 3650, func(th *Thresholds) *int { return &th.PreProceedingsDays }},
	{"threshold.a1_days", "Adoption scorecard A1 and A10", "days", 1, 3650, func(th *Thresholds) *int { return &th.A1Days }},
	{"threshold.a2_days", "Adoption scorecard A2", "days", 1, 3650, func(th *Thresholds) *int { return &th.A2Days }},
	{"threshold.placed_with_parents_months", "Placed with parents without a discharge application", "months", 1, 120, func(th *Thresholds) *int { return &th.PlacedWithParentsMonths }},
	{"threshold.care_order_months", "Care order with a plan other than long-term fostering", "months", 1, 120, func(th *Thresholds) *int { return &th.CareOrderMonths }},
	{"threshold.adoption_ended_months", "Adoption plan ended, placement order not revoked", "months", 1, 120, func(th *Thresholds) *int { return &th.AdoptionEndedMonths }},
	{"threshold.period_months", "Reporting period before the as-at date", "months", 1, 120, func(th *Thresholds) *int { return &th.PeriodMonths }},
	{"threshold.trend_quarters", "Quarters in each trend", "quarters", 1, 40, func(th *Thresholds) *int { return &th.TrendQuarters }},
}

// ThresholdSettingFor finds a threshold by its setting's name.
func ThresholdSettingFor(key string) (ThresholdSetting, bool) {
	for _, s := range ThresholdSettings {
		if s.Key == key {
			return s, true
		}
	}
	return ThresholdSetting{}, false
}

// WeeksText writes days as whole weeks when they are ("26 weeks"), else days.
func WeeksText(days int) string {
	if days%7 == 0 {
		return fmt.Sprintf("%d weeks", days/7)
	}
	return fmt.Sprintf("%d days", days)
}

// MonthsText writes "6 months" or "1 month".
func MonthsText(n int) string {
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}
