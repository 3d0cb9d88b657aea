package store

import (
	"context"
	"fmt"
	"permanence/data"
	"strconv"
)

// thresholdSettings names each threshold as it is stored in the settings
// table, so an authority can change one (for example when the national
// scorecard thresholds change) without a new release.
func thresholdSettings(th *data.Thresholds) map[string]*int {
	return map[string]*int{
		"threshold.proceedings_days":           &th.ProceedingsDays,
		"threshold.pre_proceedings_days":       &th.PreProceedingsDays,
		"threshold.a1_days":                    &th.A1Days,
		"threshold.a2_days":                    &th.A2Days,
		"threshold.placed_with_parents_months": &th.PlacedWithParentsMonths,
		"threshold.care_order_months":          &th.CareOrderMonths,
		"threshold.adoption_ended_months":      &th.AdoptionEndedMonths,
		"threshold.period_months":              &th.PeriodMonths,
		"threshold.trend_quarters":             &th.TrendQuarters,
	}
}

// Thresholds returns the store's thresholds: the defaults of measures.md,
// with any threshold.* setting applied.
func (s *Store) Thresholds(ctx context.Context) (data.Thresholds, error) {
	th := data.DefaultThresholds()
	for key, p := range thresholdSettings(&th) {
		v, err := s.Setting(ctx, key, "")
		if err != nil {
			return th, err
		}
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return th, fmt.Errorf("setting %s = %q: must be a whole number above 0", key, v)
		}
		*p = n
	}
	return th, nil
}

// SetThreshold stores one named threshold (a key of the form threshold.NAME).
func (s *Store) SetThreshold(ctx context.Context, key string, value int) error {
	var th data.Thresholds
	if _, ok := thresholdSettings(&th)[key]; !ok {
		return fmt.Errorf("no threshold called %s", key)
	}
	if value <= 0 {
		return fmt.Errorf("%s must be above 0", key)
	}
	return s.SetSetting(ctx, key, strconv.Itoa(value))
}
