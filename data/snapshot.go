package data

// SourceGroup says which extracts compete to give a child's state: tracker
// (and demo) extracts form one group, SSDA903 returns another; the two are
// merged field by field with the tracker winning.
func SourceGroup(kind string) int {
	if kind == KindSSDA903 {
		return 1
	}
	return 0
}

// Better reports whether extract b should give a child's state as at a in
// preference to extract cur: the latest extract dated on or before a, or,
// when the child is in none, the earliest one.
func Better(b, cur *Extract, a Date) bool {
	if cur == nil {
		return true
	}
	bIn, cIn := b.Date <= a, cur.Date <= a
	switch {
	case bIn != cIn:
		return bIn
	case bIn:
		return b.Date > cur.Date || (b.Date == cur.Date && b.ID > cur.ID)
	default:
		return b.Date < cur.Date || (b.Date == cur.Date && b.ID < cur.ID)
	}
}

// identityFields describe the child rather than one period of care: when
// a tracker row and an SSDA903 row describe different periods of care,
// only these are taken from the row that loses.
var identityFields = map[string]bool{"child_id": true, "child_name": true, "date_of_birth": true, "sex": true, "ethnicity": true}

// Combine gives a child's state from the best tracker row (rows[0]) and the
// best SSDA903 row (rows[1]) as at a date; current[g] says whether that
// row's extract is dated on or before the date (rather than the earliest
// extract after it, used only when the child is in no extract by then).
// The tracker supplies what the return lacks and wins where both give a
// value; but a row from after the date never fills in a row from before
// it, and when the two rows describe different periods of care (their
// dates of entering care differ) the later period's row wins whole, with
// only the child's identity (name, birth, sex, ethnicity) filled from the
// other. from[i] is the group that supplied Fields[i] (-1: neither).
func Combine(rows [2]*Child, current [2]bool) (c Child, from []int8) {
	from = make([]int8, len(Fields))
	for i := range from {
		from[i] = -1
	}
	if rows[0] != nil && rows[1] != nil && current[0] != current[1] {
		// Only one row is from on or before the date: the other is from
		// the future and must not leak into it.
		if current[0] {
			rows[1] = nil
		} else {
			rows[0] = nil
		}
	}
	// first is laid down first; second overlays it (wins where both have a value).
	first, second := 1, 0
	identityOnly := -1 // the group whose non-identity fields are not used
	if rows[0] != nil && rows[1] != nil {
		t, r := rows[0].EnteredCare, rows[1].EnteredCare
		if !t.IsZero() && !r.IsZero() && t != r {
			if r > t {
				first, second = 0, 1 // the return's later period wins
				identityOnly = 0
			} else {
				identityOnly = 1
			}
		}
	}
	for _, g := range []int{first, second} {
		row := rows[g]
		if row == nil {
			continue
		}
		for i := range Fields {
			f := &Fields[i]
			if f.IsEmpty(row) || (g == identityOnly && !identityFields[f.Name]) {
				continue
			}
			if g == identityOnly && from[i] >= 0 {
				continue
			}
			f.CopyFrom(&c, row)
			from[i] = int8(g)
		}
	}
	return c, from
}

// HistoryRow is a child's row in one extract.
type HistoryRow struct {
	Extract Extract
	Row     int
	Child   Child
}

// Provenance is where each field of a child's state came from.
type Provenance map[string]Extract

// StateFromHistory applies the snapshot rules to one child's history: their
// state as at a, and for every non-empty field the extract that supplied it.
func StateFromHistory(hist []HistoryRow, a Date) (Child, Provenance) {
	var best [2]*HistoryRow
	for i := range hist {
		h := &hist[i]
		g := SourceGroup(h.Extract.Kind)
		var cur *Extract
		if best[g] != nil {
			cur = &best[g].Extract
		}
		if Better(&h.Extract, cur, a) {
			best[g] = h
		}
	}
	var rows [2]*Child
	var current [2]bool
	for g, h := range best {
		if h != nil {
			rows[g], current[g] = &h.Child, h.Extract.Date <= a
		}
	}
	c, from := Combine(rows, current)
	prov := Provenance{}
	for i, g := range from {
		if g >= 0 {
			prov[Fields[i].Name] = best[g].Extract
		}
	}
	if len(hist) > 0 {
		c.ID = hist[0].Child.ID
	}
	return c, prov
}

// PlanChange is a dated change of permanence plan seen between extracts.
type PlanChange struct {
	Date     Date // the extract date at which the new plan was first seen
	Plan     Plan
	Text     string
	Inferred bool
	Extract  Extract
}

// PlanHistory lists the plan a child had in each extract, keeping only the
// extracts where it changed (the first one always counts).
func PlanHistory(hist []HistoryRow) []PlanChange {
	var out []PlanChange
	for _, h := range hist {
		c := &h.Child
		if n := len(out); n > 0 && out[n-1].Plan == c.Plan && out[n-1].Text == c.PlanText {
			continue
		}
		out = append(out, PlanChange{Date: h.Extract.Date, Plan: c.Plan, Text: c.PlanText, Inferred: c.PlanInferred, Extract: h.Extract})
	}
	return out
}
