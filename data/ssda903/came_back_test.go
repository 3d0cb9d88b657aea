package ssda903

import (
	"permanence/data"
	"permanence/data/internal/testkit"
	"sort"
	"strings"
	"testing"
)

var cameBackAsAt = data.MustDate("2021-03-31")

// A hand-made return (testdata/ssda903/came_back, episodes and header)
// whose children left care with an order and came back, or had short
// breaks (LS V3/V4) inside a period of care. The latest DECOM is
// 01/02/2021, so the extract date is 31/03/2021 and the measures' period
// is 31/03/2020 < d <= 31/03/2021. Episode rows are numbered as in a
// spreadsheet (the heading is row 1).
func TestSSDA903OrdersFromEarlierPeriods(t *testing.T) {
	x := readCameBack(t)
	adoptedAndBack(t, x)
	breaksInCare(t, x)

	expectWarnings(t, x.Warnings, []warningWant{
		{"ADOPTBACK", "episodes.csv DEC", 4, "15/10/2020", "ended here with an adoption order (REC E12), and the child came back into care on 01/02/2021"},
		{"SGOBACK", "episodes.csv DEC", 7, "15/09/2020", "ended here with a special guardianship order (REC E45), and the child came back into care on 01/12/2020"},
		{"CAOBACK", "episodes.csv DEC", 9, "30/04/2020", `a child arrangements order (REC E41), and the child came back into care on 01/08/2020: ` +
			`the child's record is about the later period, but keeps this date in its "Child arrangements order" field`},
		{"DISCHBACK", "episodes.csv DEC", 13, "01/06/2020", "the discharge of the care order as the child went home (REC E4A)"},
		{"BREAKEND", "episodes.csv LS", 19, "V4", "taken to have left care on 01/09/2020, when the last episode of care ended (episodes.csv row 18)"},
		{"BREAKEND", "episodes.csv REC", 19, "E41", "A child arrangements order (REC E41) ends a short break (LS V4): short breaks are not care, so it is not counted"},
	})
}

func readCameBack(t *testing.T) *data.ExtractData {
	t.Helper()
	x := readReturn(t, "testdata/ssda903/came_back", data.NoDate)
	if x.Date != cameBackAsAt || len(x.Children) != 7 {
		t.Fatalf("date %s, %d children", x.Date, len(x.Children))
	}
	return x
}

// adoptedAndBack checks the children who left care with an order and came
// back.
func adoptedAndBack(t *testing.T, x *data.ExtractData) {
	// Rows 2-4 are period 1, ended 15/10/2020 by an adoption order (E12,
	// in the year); row 5 (01/02/2021, RNE S) is period 2, open. The record
	// is period 2's, and keeps period 1's order (period 2 has none).
	expectChild(t, testkit.Child(t, x.Children, "ADOPTBACK"), map[string]string{
		"date_of_birth": "2018-01-10", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2021-02-01", "legal_status": "V2", "placement_type": "U6", "placement_start_date": "2021-02-01",
		"adoption_order_date": "2020-10-15",
	}, "")

	// Three periods: row 6 (SGO 01/06/2018), row 7 (SGO 15/09/2020), row 8
	// (01/12/2020 to 01/03/2021, REC E8, no order). Of the two earlier
	// SGOs the latest, row 7's, is kept.
	expectChild(t, testkit.Child(t, x.Children, "SGOBACK"), map[string]string{
		"date_of_birth": "2012-05-05", "sex": "Female", "ethnicity": "White British",
		"date_entered_care": "2020-12-01", "ceased_care_date": "2021-03-01", "reason_ceased": "E8",
		"legal_status": "V2", "placement_type": "U6", "placement_start_date": "2020-12-01",
		"sgo_order_date": "2020-09-15",
	}, "")

	// Row 9: a CAO on 30/04/2020 (one month into the year); row 10: back in
	// care under a care order on 01/08/2020, long-term fostering.
	expectChild(t, testkit.Child(t, x.Children, "CAOBACK"), map[string]string{
		"date_of_birth": "2014-03-03", "sex": "Male", "ethnicity": "African",
		"date_entered_care": "2020-08-01", "legal_status": "C2", "placement_type": "U4", "placement_start_date": "2020-08-01",
		"care_order_date": "2020-08-01", "cao_order_date": "2020-04-30",
		"permanence_plan": "long_term_fostering", "plan_inferred": "1",
	}, "inferred from C2/U4")

	// Two CAOs (rows 11 and 12): the latest period has its own, 01/02/2021,
	// and keeps it; the earlier one is not carried.
	expectChild(t, testkit.Child(t, x.Children, "CAOTWICE"), map[string]string{
		"date_of_birth": "2016-04-04", "sex": "Female", "ethnicity": "White British",
		"date_entered_care": "2020-09-01", "ceased_care_date": "2021-02-01", "reason_ceased": "E41",
		"legal_status": "C1", "placement_type": "U6", "placement_start_date": "2020-09-01",
		"cao_order_date": "2021-02-01", "permanence_plan": "child_arrangements_order", "plan_inferred": "1",
	}, "inferred from REC E41")

	// Row 13: home under a care order (C2, E4A) on 01/06/2020, a care order
	// discharged; row 14: back on 01/01/2021 under an interim order.
	expectChild(t, testkit.Child(t, x.Children, "DISCHBACK"), map[string]string{
		"date_of_birth": "2010-06-06", "sex": "Male", "ethnicity": "Indian",
		"date_entered_care": "2021-01-01", "legal_status": "C1", "placement_type": "U4", "placement_start_date": "2021-01-01",
		"care_order_discharged_date": "2020-06-01", "permanence_plan": "long_term_fostering", "plan_inferred": "1",
	}, "inferred from C1/U4")
}

// breaksInCare checks the children with short breaks in a period of care.
func breaksInCare(t *testing.T, x *data.ExtractData) {
	// One period (rows 15-17) with a short break in the middle (row 16, V3
	// in a U5 foster-for-adoption placement): the short break is not care,
	// so it gives no early permanence date, and the current placement began
	// when care resumed on 10/07/2020.
	expectChild(t, testkit.Child(t, x.Children, "BREAK"), map[string]string{
		"date_of_birth": "2009-07-07", "sex": "Female", "ethnicity": "White British",
		"date_entered_care": "2020-04-01", "legal_status": "C2", "placement_type": "U4", "placement_start_date": "2020-07-10",
		"care_order_date": "2020-04-01", "permanence_plan": "long_term_fostering", "plan_inferred": "1",
	}, "inferred from C2/U4")

	// Care (row 18) then short breaks only (row 19, V4) that end with REC
	// E41: care ended on 01/09/2020, with row 18, for a reason not
	// recorded, and the E41 on a short break is no order.
	expectChild(t, testkit.Child(t, x.Children, "BREAKEND"), map[string]string{
		"date_of_birth": "2008-08-08", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2020-05-01", "ceased_care_date": "2020-09-01",
		"legal_status": "C1", "placement_type": "U4", "placement_start_date": "2020-05-01",
		"permanence_plan": "long_term_fostering", "plan_inferred": "1",
	}, "inferred from C1/U4")
}

// The measures of the hand-made return, worked out from its records.
func TestSSDA903OrdersFromEarlierPeriodsCount(t *testing.T) {
	x := readCameBack(t)
	// As at 31/03/2021, period 31/03/2020 < d <= 31/03/2021:
	// adoption.orders: ADOPTBACK 15/10/2020                          = 1
	// sgo.orders: SGOBACK 15/09/2020 (01/06/2018 is neither kept nor in the year) = 1
	// cao.orders: CAOBACK 30/04/2020, CAOTWICE 01/02/2021; not BREAKEND = 2
	// reunification.discharged: DISCHBACK 01/06/2020                 = 1
	// celebrations.total: 1 + 1 + 2 + 1 + 0 LTF matches              = 5
	// in_care: ADOPTBACK, CAOBACK, DISCHBACK, BREAK (the others ceased) = 4,
	// of them long-term fostering CAOBACK, DISCHBACK, BREAK = 3, not recorded ADOPTBACK = 1
	// early_permanence.placements: BREAK's U5 is a short break       = 0
	m := data.Compute(x.Children, cameBackAsAt, data.NoDate, data.DefaultThresholds())
	for key, want := range map[string]string{
		"adoption.orders": "ADOPTBACK", "sgo.orders": "SGOBACK", "cao.orders": "CAOBACK CAOTWICE",
		"reunification.discharged": "DISCHBACK", "in_care": "ADOPTBACK BREAK CAOBACK DISCHBACK",
		"cohort.long_term_fostering": "BREAK CAOBACK DISCHBACK", "cohort.not_recorded": "ADOPTBACK",
		"early_permanence.placements": "", "adoption.a1_count": "",
	} {
		if got := memberIDs(m, key); got != want {
			t.Errorf("%s counts %q, want %q", key, got, want)
		}
	}
	if got := m.Count(data.Key("celebrations.total")); got != 5 {
		t.Errorf("celebrations.total = %d, want 5", got)
	}
}

// An extract date before the child came back gives the earlier period's
// record, with its own order.
func TestSSDA903OrdersBeforeComingBack(t *testing.T) {
	// As at 31/12/2020 ADOPTBACK has not come back yet: the adoption order
	// is period 1's own, with nothing to say about it.
	y := readReturn(t, "testdata/ssda903/came_back", data.MustDate("2020-12-31"))
	if c := testkit.Child(t, y.Children, "ADOPTBACK"); c.AdoptionOrder != data.MustDate("2020-10-15") || c.EnteredCare != data.MustDate("2019-05-01") ||
		c.ReasonCeased != "E12" || c.PlacementOrder != data.MustDate("2020-02-01") || c.PlacedForAdoption != data.MustDate("2020-06-10") {
		t.Errorf("ADOPTBACK as at 31/12/2020: %+v", c)
	}
	for _, w := range y.Warnings {
		if w.ChildID == "ADOPTBACK" {
			t.Errorf("ADOPTBACK as at 31/12/2020: %s", w)
		}
	}
}

type warningWant struct {
	child, column string
	row           int
	value, msg    string
}

// expectWarnings checks that the warnings are exactly those wanted, each
// found by child, column, row, value and part of its message.
func expectWarnings(t *testing.T, ws []data.Warning, want []warningWant) {
	t.Helper()
	got := append([]data.Warning(nil), ws...)
	for _, w := range want {
		found := -1
		for i, g := range got {
			if g.ChildID == w.child && g.Column == w.column && g.Row == w.row && g.Value == w.value && strings.Contains(g.Message, w.msg) {
				found = i
				break
			}
		}
		if found < 0 {
			t.Errorf("no warning for %s %s row %d %q: %s", w.child, w.column, w.row, w.value, w.msg)
			continue
		}
		got = append(got[:found], got[found+1:]...)
	}
	for _, g := range got {
		t.Errorf("unexpected warning: %s %s", g.ChildID, g)
	}
}

// memberIDs lists the IDs of the children a count key counts, sorted.
func memberIDs(m *data.Measures, key string) string {
	var ids []string
	for _, c := range m.ChildrenOf(data.Key(key)) {
		ids = append(ids, c.ID)
	}
	sort.Strings(ids)
	if got := m.Count(data.Key(key)); got != len(ids) {
		return "count " + strings.Repeat("?", got)
	}
	return strings.Join(ids, " ")
}
