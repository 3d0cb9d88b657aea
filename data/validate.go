package data

import "fmt"

// dateOrder lists pairs of dates that must not run backwards: the first
// should be on or before the second.
var dateOrder = [][2]string{
	{"date_of_birth", "date_entered_care"},
	{"date_entered_care", "ceased_care_date"},
	{"pre_proceedings_start_date", "pre_proceedings_end_date"},
	{"proceedings_issue_date", "final_hearing_date"},
	{"proceedings_issue_date", "care_order_date"},
	{"placement_order_date", "adoption_order_date"},
	{"match_date", "placed_for_adoption_date"},
	{"placed_for_adoption_date", "adoption_order_date"},
	{"adoption_application_date", "adoption_order_date"},
	{"placement_order_date", "placement_order_revoked_date"},
	{"sgo_application_date", "sgo_order_date"},
	{"ltf_panel_date", "ltf_adm_date"},
	{"discharge_application_date", "care_order_discharged_date"},
}

var earliestPlausible = NewDate(1990, 1, 1)

// CheckChild returns the warnings a child's row earns: dates before 1990 or
// more than a year after the extract date, dates out of order, and (for
// code fields) unknown SSDA903 codes. row and headings locate the warnings
// (headings maps canonical names to the file's own headings; may be nil).
func CheckChild(c *Child, extractDate Date, row int, headings map[string]string) []Warning {
	var ws []Warning
	col := func(name string) string {
		if h, ok := headings[name]; ok {
			return h
		}
		return name
	}
	latest := extractDate.AddMonths(12)
	for i := range Fields {
		f := &Fields[i]
		switch {
		case f.date != nil:
			d := *f.date(c)
			if d.IsZero() {
				continue
			}
			if d < earliestPlausible {
				ws = append(ws, Warning{ChildID: c.ID, Row: row, Column: col(f.Name), Value: d.UK(), Message: "date is before 1990"})
			} else if !extractDate.IsZero() && d > latest {
				ws = append(ws, Warning{ChildID: c.ID, Row: row, Column: col(f.Name), Value: d.UK(),
					Message: fmt.Sprintf("date is more than a year after the extract date (%s)", extractDate.UK())})
			}
		case f.Kind == KindCode:
			v := *f.text(c)
			if !KnownCode(f.Name, v) {
				ws = append(ws, Warning{ChildID: c.ID, Row: row, Column: col(f.Name), Value: v, Message: "not a known SSDA903 code"})
			}
		}
	}
	for _, pair := range dateOrder {
		a, b := FieldByName(pair[0]), FieldByName(pair[1])
		da, db := *a.date(c), *b.date(c)
		if !da.IsZero() && !db.IsZero() && db < da {
			ws = append(ws, Warning{ChildID: c.ID, Row: row, Column: col(b.Name), Value: db.UK(),
				Message: fmt.Sprintf("is before %s (%s)", a.Label, da.UK())})
		}
	}
	return ws
}
