package ssda903

import (
	"path/filepath"
	"permanence/data"
	"permanence/data/internal/testkit"
	"strings"
	"testing"
)

func TestZZScratch(t *testing.T) {
	x := readReturn(t, filepath.Join(testkit.Samples, "csc-validator-be-903_tests_fake_data"), data.NoDate)
	m := data.Compute(x.Children, x.Date, data.NoDate, data.DefaultThresholds())
	for _, k := range []string{"adoption.orders", "sgo.orders", "cao.orders", "reunification.discharged", "in_care", "adoption.a1_count", "adoption.a2_count", "adoption.a10_count", "adoption.active"} {
		t.Logf("%s = %d", k, m.Count(data.Key(k)))
	}
	t.Logf("warnings %d", len(x.Warnings))
	for _, w := range x.Warnings {
		if strings.Contains(w.Message, "earlier period of care ended here with an adoption") {
			c := testkit.Child(t, x.Children, w.ChildID)
			t.Logf("%s AO %s entered %s ceased %s %s PO %s PFA %s M %s EP %s ADM %s", c.ID, c.AdoptionOrder, c.EnteredCare, c.CeasedCare, c.ReasonCeased, c.PlacementOrder, c.PlacedForAdoption, c.Match, c.EarlyPermanence, c.ADMAdoption)
		}
	}
	n := map[string]int{}
	for _, w := range x.Warnings {
		msg := w.Message
		if i := strings.IndexAny(msg, "0123456789"); i > 0 {
			msg = msg[:i]
		}
		n[msg]++
	}
	for k, v := range n {
		t.Logf("%5d %s", v, k)
	}
}
