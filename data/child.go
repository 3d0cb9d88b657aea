// Package data is the domain of the permanence panel and its storage: the
// child record, case extracts (tracker CSV/XLSX and SSDA903), the SQLite
// store of snapshots, the panel's measures, the synthetic authority and the
// spreadsheet exports. It imports nothing from the user interface.
package data

import (
	"strings"
)

// Plan is the permanence plan category of extract.md.
type Plan uint8

// The eight permanence plan categories, in the order the panel lists them.
const (
	PlanNotRecorded Plan = iota
	PlanAdoption
	PlanSpecialGuardianship
	PlanLongTermFostering
	PlanReunification
	PlanChildArrangementsOrder
	PlanResidentialStepDown
	PlanOther
)

// Plans lists every category in the order of the panel's data set.
var Plans = []Plan{PlanAdoption, PlanSpecialGuardianship, PlanLongTermFostering,
	PlanReunification, PlanChildArrangementsOrder, PlanResidentialStepDown,
	PlanOther, PlanNotRecorded}

var planKeys = [...]string{"not_recorded", "adoption", "special_guardianship",
	"long_term_fostering", "reunification", "child_arrangements_order",
	"residential_step_down", "other"}

var planLabels = [...]string{"Not recorded", "Adoption", "Special guardianship",
	"Long-term fostering", "Reunification", "Child arrangements order",
	"Residential step-down", "Other"}

// Key is the category's machine name (as in measures keys: cohort.adoption).
func (p Plan) Key() string { return planKeys[p] }

// Label is the category as a panel member says it.
func (p Plan) Label() string { return planLabels[p] }

// PlanFromKey returns the plan with the given Key.
func PlanFromKey(k string) (Plan, bool) {
	for i, s := range planKeys {
		if s == k {
			return Plan(i), true
		}
	}
	return PlanNotRecorded, false
}

var planTexts = map[string]Plan{}

func init() {
	for p, texts := range map[Plan][]string{
		PlanAdoption:               {"adoption", "adopt", "placement for adoption", "adoptive placement"},
		PlanSpecialGuardianship:    {"special guardianship", "special guardianship order", "sgo"},
		PlanLongTermFostering:      {"long term fostering", "long-term fostering", "ltf", "permanent fostering", "long term foster care", "long-term foster care"},
		PlanReunification:          {"reunification", "rehabilitation", "rehab", "return home", "return to family", "return to parents", "placement with parents", "placed with parents"},
		PlanChildArrangementsOrder: {"child arrangements order", "cao", "residence order", "child arrangement order"},
		PlanResidentialStepDown:    {"residential step down", "step down", "step-down", "residential step-down"},
		PlanOther:                  {"independence", "supported living", "other"},
	} {
		for _, t := range texts {
			planTexts[t] = p
		}
	}
}

// ParsePlan maps a plan text from an extract to its category: matching is
// case-insensitive on the whole trimmed text, with runs of spaces folded.
// known is false for a non-empty text that is not recognised (category
// PlanOther, and the importer warns).
func ParsePlan(text string) (p Plan, known bool) {
	t := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	if t == "" {
		return PlanNotRecorded, true
	}
	if p, ok := planTexts[t]; ok {
		return p, true
	}
	return PlanOther, false
}

// Child is one child's row in one extract: everything the panel knows of
// them at that extract's date. Empty text and NoDate mean "not recorded".
type Child struct {
	ID           string
	Name         string
	DOB          Date
	Sex          string
	Ethnicity    string
	Team         string
	SocialWorker string

	EnteredCare    Date
	CeasedCare     Date
	ReasonCeased   string // SSDA903 REC
	LegalStatus    string // SSDA903 LS
	PlacementType  string // SSDA903 PLACE
	PlacementStart Date

	Plan         Plan
	PlanText     string // the plan as written in the extract
	PlanInferred bool   // the plan was inferred (SSDA903 has no care plan)

	PlanConfirmed   Date
	SecondReview    Date
	NextPanelReview Date
	LTFPanel        Date
	LTFADM          Date

	PreProceedingsStart Date
	PreProceedingsEnd   Date
	ProceedingsIssued   Date
	FinalHearing        Date
	CareOrder           Date

	PlacementOrder        Date
	ADMAdoption           Date
	Match                 Date
	PlacedForAdoption     Date
	AdoptionApplication   Date
	AdoptionOrder         Date
	EarlyPermanence       Date
	AdoptionPlanEnded     Date
	PlacementOrderRevoked Date
	FosterCarerAdoption   bool // adopted by their own foster carers (A10)
	A10Start              Date // first moved in with the carers who adopt (A10)

	SGOApplication       Date
	SGOOrder             Date
	CAOOrder             Date
	PlacedWithParents    Date
	DischargeApplication Date
	CareOrderDischarged  Date
}

// FieldKind says how a field's cells are read.
type FieldKind uint8

// Field kinds.
const (
	KindText FieldKind = iota
	KindDate
	KindPlan
	KindCode // an SSDA903 code: text, upper-cased, checked against a code list
	KindFlag // yes/no
)

// Field describes one column of the child record: its canonical name, the
// headings it is known by, and how to reach it on a Child.
type Field struct {
	Name    string
	Label   string // a heading for lists and exports
	Kind    FieldKind
	Aliases []string
	date    func(*Child) *Date
	text    func(*Child) *string
	flag    func(*Child) *bool
	// Sensitive fields are hidden when names are hidden.
	Sensitive bool
}

// Date returns a pointer to the field's date on c (nil unless KindDate).
func (f *Field) Date(c *Child) *Date {
	if f.date == nil {
		return nil
	}
	return f.date(c)
}

// Text returns a pointer to the field's text on c (nil unless text-like).
func (f *Field) Text(c *Child) *string {
	if f.text == nil {
		return nil
	}
	return f.text(c)
}

// Flag returns a pointer to the field's yes/no value on c (nil unless KindFlag).
func (f *Field) Flag(c *Child) *bool {
	if f.flag == nil {
		return nil
	}
	return f.flag(c)
}

// Value formats the field's value on c as text (dates as YYYY-MM-DD).
func (f *Field) Value(c *Child) string {
	switch {
	case f.date != nil:
		return f.date(c).String()
	case f.flag != nil:
		if *f.flag(c) {
			return "1"
		}
		return ""
	case f.Kind == KindPlan:
		return c.Plan.Key()
	default:
		return *f.text(c)
	}
}

// IsEmpty reports whether the field has no value on c.
func (f *Field) IsEmpty(c *Child) bool {
	switch {
	case f.date != nil:
		return f.date(c).IsZero()
	case f.flag != nil:
		return !*f.flag(c)
	case f.Kind == KindPlan:
		return c.PlanText == "" && c.Plan == PlanNotRecorded
	default:
		return *f.text(c) == ""
	}
}

// CopyFrom sets the field on dst to its value on src (for the plan: the
// category, the original text and whether it was inferred).
func (f *Field) CopyFrom(dst, src *Child) {
	switch {
	case f.date != nil:
		*f.date(dst) = *f.date(src)
	case f.flag != nil:
		*f.flag(dst) = *f.flag(src)
	case f.Kind == KindPlan:
		dst.Plan, dst.PlanText, dst.PlanInferred = src.Plan, src.PlanText, src.PlanInferred
	default:
		*f.text(dst) = *f.text(src)
	}
}

func textField(name, label string, kind FieldKind, get func(*Child) *string, aliases ...string) Field {
	return Field{Name: name, Label: label, Kind: kind, Aliases: aliases, text: get}
}

func dateField(name, label string, get func(*Child) *Date, aliases ...string) Field {
	return Field{Name: name, Label: label, Kind: KindDate, Aliases: aliases, date: get}
}

// Fields is the child record's columns in extract order: the tracker
// importer, the store's row encoding, list exports and the timeline all
// walk this one table.
var Fields = []Field{
	textField("child_id", "Child ID", KindText, func(c *Child) *string { return &c.ID },
		"Child ID", "ID", "Person ID", "LCS ID", "Client ID", "CHILD", "Child Number", "Case ID"),
	{Name: "child_name", Label: "Name", Kind: KindText, Sensitive: true, text: func(c *Child) *string { return &c.Name },
		Aliases: []string{"Name", "Child Name", "Full Name", "Child's Name"}},
	{Name: "date_of_birth", Label: "Date of birth", Kind: KindDate, Sensitive: true, date: func(c *Child) *Date { return &c.DOB },
		Aliases: []string{"DOB", "Date of Birth", "Birth Date"}},
	textField("sex", "Sex", KindText, func(c *Child) *string { return &c.Sex }, "Gender", "Sex"),
	textField("ethnicity", "Ethnicity", KindText, func(c *Child) *string { return &c.Ethnicity }, "Ethnicity", "ETHNIC"),
	textField("team", "Team", KindText, func(c *Child) *string { return &c.Team }, "Team", "Allocated Team"),
	{Name: "social_worker", Label: "Social worker", Kind: KindText, Sensitive: true, text: func(c *Child) *string { return &c.SocialWorker },
		Aliases: []string{"Social Worker", "Allocated Worker", "SW"}},
	dateField("date_entered_care", "Entered care", func(c *Child) *Date { return &c.EnteredCare },
		"CLA Start Date", "Date Became Looked After", "Period of Care Start", "Date Entered Care", "Entered Care", "Start Date of Period of Care"),
	dateField("ceased_care_date", "Ceased care", func(c *Child) *Date { return &c.CeasedCare },
		"CLA End Date", "Date Ceased Looked After", "Date Ceased Care", "Ceased Care"),
	textField("reason_ceased", "Reason ceased", KindCode, func(c *Child) *string { return &c.ReasonCeased }, "Reason Ceased", "REC"),
	textField("legal_status", "Legal status", KindCode, func(c *Child) *string { return &c.LegalStatus }, "Legal Status", "LS"),
	textField("placement_type", "Placement", KindCode, func(c *Child) *string { return &c.PlacementType }, "Placement Type", "PLACE", "Placement Code"),
	dateField("placement_start_date", "Placement start", func(c *Child) *Date { return &c.PlacementStart }, "Placement Start Date", "Placement Start"),
	{Name: "permanence_plan", Label: "Permanence plan", Kind: KindPlan, text: func(c *Child) *string { return &c.PlanText },
		Aliases: []string{"Permanence Plan", "Care Plan", "Plan", "Permanency Plan"}},
	{Name: "plan_inferred", Label: "Plan inferred", Kind: KindFlag, flag: func(c *Child) *bool { return &c.PlanInferred }},
	dateField("plan_confirmed_date", "Plan confirmed", func(c *Child) *Date { return &c.PlanConfirmed },
		"Plan Confirmed Date", "Permanence Plan Date", "Date Permanence Plan Agreed", "Plan Confirmed"),
	dateField("second_review_date", "Second review", func(c *Child) *Date { return &c.SecondReview },
		"Second Review Date", "2nd CLA Review", "Review 2 Date", "Second Review"),
	dateField("next_panel_review_date", "Next panel review", func(c *Child) *Date { return &c.NextPanelReview },
		"Next Panel Review", "Panel Review Date", "Panel Review Due", "Next Panel Review Date"),
	dateField("ltf_panel_date", "LTF panel", func(c *Child) *Date { return &c.LTFPanel },
		"LTF Panel Date", "LTF Match Panel Date", "Fostering Panel Match Date"),
	dateField("ltf_adm_date", "LTF ADM", func(c *Child) *Date { return &c.LTFADM },
		"LTF ADM Date", "Fostering ADM Date", "LTF Match Ratified"),
	dateField("pre_proceedings_start_date", "Pre-proceedings start", func(c *Child) *Date { return &c.PreProceedingsStart },
		"PLO Start", "Pre-proceedings Start", "PLO Meeting Date", "PLO Start Date", "Pre-proceedings Start Date"),
	dateField("pre_proceedings_end_date", "Pre-proceedings end", func(c *Child) *Date { return &c.PreProceedingsEnd },
		"PLO End", "Pre-proceedings End", "PLO End Date", "Pre-proceedings End Date"),
	dateField("proceedings_issue_date", "Proceedings issued", func(c *Child) *Date { return &c.ProceedingsIssued },
		"Proceedings Issued", "Issue Date", "Date Proceedings Issued", "Proceedings Issue Date"),
	dateField("final_hearing_date", "Final hearing", func(c *Child) *Date { return &c.FinalHearing },
		"Final Hearing", "Final Hearing Date"),
	dateField("care_order_date", "Care order", func(c *Child) *Date { return &c.CareOrder },
		"Care Order Date", "Full Care Order", "Care Order"),
	dateField("placement_order_date", "Placement order", func(c *Child) *Date { return &c.PlacementOrder },
		"Placement Order", "Placement Order Date", "PO Date"),
	dateField("adm_adoption_date", "ADM decision", func(c *Child) *Date { return &c.ADMAdoption },
		"ADM Decision", "ADM Date", "ADM Adoption Date", "SHOBPA Date", "Should Be Placed For Adoption"),
	dateField("match_date", "Matched", func(c *Child) *Date { return &c.Match },
		"Match Date", "Matched", "Adoption Match Date"),
	dateField("placed_for_adoption_date", "Placed for adoption", func(c *Child) *Date { return &c.PlacedForAdoption },
		"Placed For Adoption", "Date Placed For Adoption", "Adoptive Placement Date"),
	dateField("adoption_application_date", "Adoption application", func(c *Child) *Date { return &c.AdoptionApplication },
		"Adoption Application", "Adoption Application Date"),
	dateField("adoption_order_date", "Adoption order", func(c *Child) *Date { return &c.AdoptionOrder },
		"Adoption Order", "Adoption Order Date"),
	dateField("early_permanence_date", "Early permanence", func(c *Child) *Date { return &c.EarlyPermanence },
		"Early Permanence Date", "FfA Placement Date", "Foster to Adopt Date", "Early Permanence"),
	dateField("adoption_plan_ended_date", "Adoption plan ended", func(c *Child) *Date { return &c.AdoptionPlanEnded },
		"Adoption Plan Ended", "Plan Changed From Adoption", "Adoption Plan Ended Date"),
	dateField("placement_order_revoked_date", "Placement order revoked", func(c *Child) *Date { return &c.PlacementOrderRevoked },
		"Placement Order Revoked", "PO Revoked", "PO Discharged"),
	{Name: "adopted_by_foster_carer", Label: "Adopted by foster carer", Kind: KindFlag, flag: func(c *Child) *bool { return &c.FosterCarerAdoption },
		Aliases: []string{"Foster Carer Adoption", "FOSTER_CARE", "Adopted By Foster Carers"}},
	dateField("a10_start_date", "Moved in with adopters (A10)", func(c *Child) *Date { return &c.A10Start },
		"A10 Start Date", "Moved In With Carers Who Adopted"),
	dateField("sgo_application_date", "SGO application", func(c *Child) *Date { return &c.SGOApplication },
		"SGO Application", "SGO Application Date"),
	dateField("sgo_order_date", "SGO", func(c *Child) *Date { return &c.SGOOrder },
		"SGO Order", "SGO Date", "SGO Granted", "SGO Order Date"),
	dateField("cao_order_date", "Child arrangements order", func(c *Child) *Date { return &c.CAOOrder },
		"CAO Date", "Child Arrangements Order", "CAO Order Date"),
	dateField("placed_with_parents_date", "Placed with parents", func(c *Child) *Date { return &c.PlacedWithParents },
		"Placed With Parents", "PWP Date", "Placed With Parents Date"),
	dateField("discharge_application_date", "Discharge application", func(c *Child) *Date { return &c.DischargeApplication },
		"Discharge Application", "Care Order Discharge Application", "Discharge Application Date"),
	dateField("care_order_discharged_date", "Care order discharged", func(c *Child) *Date { return &c.CareOrderDischarged },
		"Care Order Discharged", "Discharge Date", "Care Order Discharged Date"),
}

var fieldIndex = map[string]int{}

func init() {
	for i := range Fields {
		fieldIndex[Fields[i].Name] = i
	}
}

// FieldByName returns the field with the canonical name, or nil.
func FieldByName(name string) *Field {
	if i, ok := fieldIndex[name]; ok {
		return &Fields[i]
	}
	return nil
}

// NormaliseHeading folds a column heading for matching: lower case, with
// spaces, hyphens, dots, slashes and underscores treated alike (runs of them
// become one underscore, none at either end), and apostrophes dropped.
func NormaliseHeading(h string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch r {
		case ' ', '-', '.', '/', '_', '\t', '\u00a0':
			sep = true
		case '\'', '\u2019', '\ufeff':
		default:
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

var headingIndex = map[string]int{}

func init() {
	for i, f := range Fields {
		headingIndex[NormaliseHeading(f.Name)] = i
		for _, a := range f.Aliases {
			headingIndex[NormaliseHeading(a)] = i
		}
	}
}

// FieldForHeading returns the field a column heading names, or nil for an
// unknown heading.
func FieldForHeading(h string) *Field {
	if i, ok := headingIndex[NormaliseHeading(h)]; ok {
		return &Fields[i]
	}
	return nil
}

// Initials returns a child's initials ("Amelia-Rose Smith" -> "A.S."), or
// the ID when there is no name; used wherever names are hidden.
func (c *Child) Initials() string {
	parts := strings.Fields(c.Name)
	if len(parts) == 0 {
		return c.ID
	}
	var b strings.Builder
	for _, p := range []string{parts[0], parts[len(parts)-1]} {
		for _, r := range p {
			b.WriteRune(r)
			b.WriteByte('.')
			break
		}
		if len(parts) == 1 {
			break
		}
	}
	return strings.ToUpper(b.String())
}

// DisplayName is the child's name, or their initials and ID when names are
// hidden (or no name is recorded).
func (c *Child) DisplayName(hideNames bool) string {
	if hideNames || c.Name == "" {
		if c.Name == "" {
			return c.ID
		}
		return c.Initials() + " (" + c.ID + ")"
	}
	return c.Name
}

// AgeAt is the child's age in whole years at a, or -1 without a birth date.
func (c *Child) AgeAt(a Date) int {
	if c.DOB.IsZero() || c.DOB > a {
		return -1
	}
	by, bm, bd := c.DOB.YMD()
	y, m, d := a.YMD()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

// AgeBands are the DfE's age bands for children looked after.
var AgeBands = []string{"Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over", "Unknown"}

// AgeBand is the child's DfE age band at a.
func (c *Child) AgeBand(a Date) string {
	switch age := c.AgeAt(a); {
	case age < 0:
		return "Unknown"
	case age < 1:
		return "Under 1"
	case age <= 4:
		return "1 to 4"
	case age <= 9:
		return "5 to 9"
	case age <= 15:
		return "10 to 15"
	default:
		return "16 and over"
	}
}
