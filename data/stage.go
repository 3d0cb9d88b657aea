package data

// stageFields are the milestones that move a child's case on, each with the
// stage it starts.
var stageFields = []struct {
	field string
	stage string
}{
	{"date_entered_care", "Entered care"},
	{"pre_proceedings_start_date", "Pre-proceedings"},
	{"pre_proceedings_end_date", "Pre-proceedings ended"},
	{"proceedings_issue_date", "In proceedings"},
	{"final_hearing_date", "Final hearing"},
	{"care_order_date", "Care order"},
	{"adm_adoption_date", "ADM decision: adoption"},
	{"placement_order_date", "Placement order"},
	{"early_permanence_date", "Early permanence placement"},
	{"match_date", "Matched"},
	{"placed_for_adoption_date", "Placed for adoption"},
	{"adoption_application_date", "Adoption application"},
	{"adoption_order_date", "Adopted"},
	{"adoption_plan_ended_date", "Adoption no longer the plan"},
	{"placement_order_revoked_date", "Placement order revoked"},
	{"ltf_panel_date", "LTF match at panel"},
	{"ltf_adm_date", "LTF match ratified"},
	{"sgo_application_date", "SGO application"},
	{"sgo_order_date", "Special guardianship order"},
	{"cao_order_date", "Child arrangements order"},
	{"placed_with_parents_date", "Placed with parents"},
	{"discharge_application_date", "Discharge application"},
	{"care_order_discharged_date", "Care order discharged"},
	{"ceased_care_date", "Left care"},
}

// stageFieldPtrs are stageFields' fields, found once the field index is
// built (child.go's init runs first: files initialise in name order).
var stageFieldPtrs []*Field

func init() {
	stageFieldPtrs = make([]*Field, len(stageFields))
	for i, s := range stageFields {
		stageFieldPtrs[i] = FieldByName(s.field)
		if stageFieldPtrs[i] == nil {
			panic("data: unknown field " + s.field)
		}
	}
}

// CurrentStage is the latest milestone dated on or before a (later entries
// in stageFields win ties).
func CurrentStage(c *Child, a Date) (string, Date) {
	stage, when := "Not recorded", NoDate
	for i, f := range stageFieldPtrs {
		d := *f.Date(c)
		if d.By(a) && d >= when {
			stage, when = stageFields[i].stage, d
		}
	}
	return stage, when
}

// Milestones counts the dated milestones on a child's record.
func Milestones(c *Child) int {
	n := 0
	for _, f := range stageFieldPtrs {
		if !f.Date(c).IsZero() {
			n++
		}
	}
	return n
}

// milestoneGroups puts each dated field of the child record in a part of
// the child's journey (the timeline's legend).
var milestoneGroups = map[string]string{
	"date_of_birth": "Care", "date_entered_care": "Care", "ceased_care_date": "Care", "placement_start_date": "Care",
	"plan_confirmed_date": "Reviews", "second_review_date": "Reviews", "next_panel_review_date": "Reviews",
	"ltf_panel_date": "Long-term fostering", "ltf_adm_date": "Long-term fostering",
	"pre_proceedings_start_date": "Court", "pre_proceedings_end_date": "Court", "proceedings_issue_date": "Court",
	"final_hearing_date": "Court", "care_order_date": "Court",
	"placement_order_date": "Adoption", "adm_adoption_date": "Adoption", "match_date": "Adoption",
	"placed_for_adoption_date": "Adoption", "adoption_application_date": "Adoption", "adoption_order_date": "Adoption",
	"early_permanence_date": "Adoption", "adoption_plan_ended_date": "Adoption", "placement_order_revoked_date": "Adoption",
	"a10_start_date":       "Adoption",
	"sgo_application_date": "SGO and CAO", "sgo_order_date": "SGO and CAO", "cao_order_date": "SGO and CAO",
	"placed_with_parents_date": "Reunification", "discharge_application_date": "Reunification", "care_order_discharged_date": "Reunification",
}

// MilestoneGroup is the part of the journey a dated field belongs to
// ("Court", "Adoption", …), or "" for a field outside them.
func MilestoneGroup(field string) string { return milestoneGroups[field] }
