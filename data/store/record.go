package store

import (
	"encoding/binary"
	"fmt"
	"permanence/data"
	"strings"
)

// The stored form of a child row (table child_rows, column record).
//
// Version 2, written by EncodeChild:
//
//	byte 2, then for each non-empty field, in the order of fieldCodes:
//	  its permanent code (uvarint, from fieldCodes, never a slice position),
//	  then its value:
//	    date  days since 1970-01-01 (varint), whatever data.Date's own
//	          numbering
//	    text  the length (uvarint) then the UTF-8 bytes (text and codes)
//	    flag  nothing: a flag is present only when it is set
//	    plan  the plan's permanent code (one byte, from planCodes), then
//	          the plan as written, as text
//
// Version 1, read only: the same layout, but each field is named by its
// index in data.Fields as it stood when version 1 was in use (frozen in
// v1Fields), the plan by its old data.Plan number (frozen in v1Plans) and a
// date by its data.Date number of the time (days since 1970-01-01 plus
// v1DateOffset).
// Migration 0003 rewrites every version 1 record as version 2.
//
// A code, once given, is never changed or reused: a new field or plan takes
// the next unused number, and a field that leaves data.Fields keeps its line
// here so its values in old records are skipped, never misread.
const (
	recordV1      = 1
	recordV2      = 2
	recordVersion = recordV2
)

// wireKind is how a field's value is laid out in a stored record.
type wireKind uint8

const (
	wireNone wireKind = iota // no field has this code
	wireText
	wireDate
	wireFlag
	wirePlan
)

// fieldCode gives a field of the child record (by its canonical data.Field
// Name) its permanent code and its layout.
type fieldCode struct {
	code uint64
	name string
	wire wireKind
}

// fieldCodes are the permanent codes of the child record's fields in
// version 2 records, in code order. Every field of data.Fields must be here
// (TestEveryFieldHasACode; Open refuses to run otherwise).
var fieldCodes = []fieldCode{
	{1, "child_id", wireText},
	{2, "child_name", wireText},
	{3, "date_of_birth", wireDate},
	{4, "sex", wireText},
	{5, "ethnicity", wireText},
	{6, "team", wireText},
	{7, "social_worker", wireText},
	{8, "date_entered_care", wireDate},
	{9, "ceased_care_date", wireDate},
	{10, "reason_ceased", wireText},
	{11, "legal_status", wireText},
	{12, "placement_type", wireText},
	{13, "placement_start_date", wireDate},
	{14, "permanence_plan", wirePlan},
	{15, "plan_inferred", wireFlag},
	{16, "plan_confirmed_date", wireDate},
	{17, "second_review_date", wireDate},
	{18, "next_panel_review_date", wireDate},
	{19, "ltf_panel_date", wireDate},
	{20, "ltf_adm_date", wireDate},
	{21, "pre_proceedings_start_date", wireDate},
	{22, "pre_proceedings_end_date", wireDate},
	{23, "proceedings_issue_date", wireDate},
	{24, "final_hearing_date", wireDate},
	{25, "care_order_date", wireDate},
	{26, "placement_order_date", wireDate},
	{27, "adm_adoption_date", wireDate},
	{28, "match_date", wireDate},
	{29, "placed_for_adoption_date", wireDate},
	{30, "adoption_application_date", wireDate},
	{31, "adoption_order_date", wireDate},
	{32, "early_permanence_date", wireDate},
	{33, "adoption_plan_ended_date", wireDate},
	{34, "placement_order_revoked_date", wireDate},
	{35, "adopted_by_foster_carer", wireFlag},
	{36, "a10_start_date", wireDate},
	{37, "sgo_application_date", wireDate},
	{38, "sgo_order_date", wireDate},
	{39, "cao_order_date", wireDate},
	{40, "placed_with_parents_date", wireDate},
	{41, "discharge_application_date", wireDate},
	{42, "care_order_discharged_date", wireDate},
}

// planCode gives a plan category (by its data.Plan Key) its permanent
// one-byte code.
type planCode struct {
	code byte
	key  string
}

// planCodes are the permanent codes of the plan categories in version 2
// records. Every plan of data.Plans must be here.
var planCodes = []planCode{
	{1, "not_recorded"}, {2, "adoption"}, {3, "special_guardianship"}, {4, "long_term_fostering"},
	{5, "reunification"}, {6, "child_arrangements_order"}, {7, "residential_step_down"}, {8, "other"},
}

// v1Fields is data.Fields as it stood for version 1 records, by index:
// frozen, so that later changes to data.Fields cannot change how they read.
var v1Fields = []fieldCode{
	{0, "child_id", wireText}, {1, "child_name", wireText}, {2, "date_of_birth", wireDate},
	{3, "sex", wireText}, {4, "ethnicity", wireText}, {5, "team", wireText},
	{6, "social_worker", wireText}, {7, "date_entered_care", wireDate}, {8, "ceased_care_date", wireDate},
	{9, "reason_ceased", wireText}, {10, "legal_status", wireText}, {11, "placement_type", wireText},
	{12, "placement_start_date", wireDate}, {13, "permanence_plan", wirePlan}, {14, "plan_inferred", wireFlag},
	{15, "plan_confirmed_date", wireDate}, {16, "second_review_date", wireDate}, {17, "next_panel_review_date", wireDate},
	{18, "ltf_panel_date", wireDate}, {19, "ltf_adm_date", wireDate}, {20, "pre_proceedings_start_date", wireDate},
	{21, "pre_proceedings_end_date", wireDate}, {22, "proceedings_issue_date", wireDate}, {23, "final_hearing_date", wireDate},
	{24, "care_order_date", wireDate}, {25, "placement_order_date", wireDate}, {26, "adm_adoption_date", wireDate},
	{27, "match_date", wireDate}, {28, "placed_for_adoption_date", wireDate}, {29, "adoption_application_date", wireDate},
	{30, "adoption_order_date", wireDate}, {31, "early_permanence_date", wireDate}, {32, "adoption_plan_ended_date", wireDate},
	{33, "placement_order_revoked_date", wireDate}, {34, "adopted_by_foster_carer", wireFlag}, {35, "a10_start_date", wireDate},
	{36, "sgo_application_date", wireDate}, {37, "sgo_order_date", wireDate}, {38, "cao_order_date", wireDate},
	{39, "placed_with_parents_date", wireDate}, {40, "discharge_application_date", wireDate}, {41, "care_order_discharged_date", wireDate},
}

// v1DateOffset is what a version 1 date adds to days since 1970-01-01 (the
// data.Date numbering of the time), frozen.
const v1DateOffset = 800000

// v1Plans is the data.Plan numbering of version 1 records (the Key of each
// old number), frozen.
var v1Plans = []string{"not_recorded", "adoption", "special_guardianship", "long_term_fostering",
	"reunification", "child_arrangements_order", "residential_step_down", "other"}

// fieldSlot is what a code means when decoding: the value's layout and the
// field it fills (nil for a field no longer in data.Fields, or whose kind
// no longer matches the layout: its value is skipped).
type fieldSlot struct {
	wire  wireKind
	field *data.Field
}

// planSlot is what a stored plan byte means when decoding.
type planSlot struct {
	plan data.Plan
	ok   bool
}

// encodeSlot is one field as EncodeChild writes it.
type encodeSlot struct {
	code  uint64
	wire  wireKind
	field *data.Field
}

// The lookup tables, built once from the code tables above.
var (
	v1Slots, v2Slots     []fieldSlot
	v1PlanSlots          [256]planSlot
	v2PlanSlots          [256]planSlot
	v2PlanCode           [256]byte // by data.Plan
	encodeOrder          []encodeSlot
	recordTablesProblems []string // fields or plans without a code, and other mistakes
	// epochDate is 1970-01-01 as a data.Date: a stored date is a count of
	// days from it.
	epochDate = int64(data.NewDate(1970, 1, 1))
)

func init() {
	v2Slots, encodeOrder, recordTablesProblems = fieldSlots(data.Fields, fieldCodes)
	// Fields added since version 1 have no index there: not a problem.
	v1Slots, _, _ = fieldSlots(data.Fields, v1Fields)
	var problems []string
	v2PlanSlots, v2PlanCode, problems = planTables(data.Plans, planCodes)
	recordTablesProblems = append(recordTablesProblems, problems...)
	for i, key := range v1Plans {
		p, ok := data.PlanFromKey(key)
		v1PlanSlots[i] = planSlot{p, ok}
	}
}

// fieldSlots builds the decoding table (by code) and the encoding order of
// a code table against fields, and lists what is wrong: a field with no
// code, codes out of order or repeated, or a code whose layout does not
// match its field's kind.
func fieldSlots(fields []data.Field, codes []fieldCode) ([]fieldSlot, []encodeSlot, []string) {
	var problems []string
	byName := make(map[string]*data.Field, len(fields))
	for i := range fields {
		byName[fields[i].Name] = &fields[i]
	}
	coded := make(map[string]bool, len(codes))
	var top uint64
	for _, fc := range codes {
		top = max(top, fc.code)
	}
	slots := make([]fieldSlot, top+1)
	var order []encodeSlot
	for i, fc := range codes {
		if i > 0 && fc.code <= codes[i-1].code {
			problems = append(problems, fmt.Sprintf("code %d (%s) is not above the code before it", fc.code, fc.name))
			continue
		}
		coded[fc.name] = true
		f := byName[fc.name]
		if f != nil && wireOf(f.Kind) != fc.wire {
			problems = append(problems, fmt.Sprintf("field %s changed kind: its stored values cannot be read as it is now", fc.name))
			f = nil
		}
		slots[fc.code] = fieldSlot{fc.wire, f}
		if f != nil { // nil: a retired field, whose values are skipped
			order = append(order, encodeSlot{fc.code, fc.wire, f})
		}
	}
	var missing []string
	for i := range fields {
		if !coded[fields[i].Name] {
			missing = append(missing, fields[i].Name)
		}
	}
	if len(missing) > 0 {
		problems = append(problems, "fields with no permanent code in store/record.go fieldCodes: "+strings.Join(missing, ", "))
	}
	return slots, order, problems
}

// planTables builds the decoding table (by code) and the encoding table (by
// data.Plan) of a plan code table, and lists any plan of plans with no code
// and any code that is 0, repeated, not a plan's key or a second code for a
// plan.
func planTables(plans []data.Plan, table []planCode) (slots [256]planSlot, codes [256]byte, problems []string) {
	for _, pc := range table {
		p, ok := data.PlanFromKey(pc.key)
		if !ok || pc.code == 0 || slots[pc.code].ok || codes[p] != 0 {
			problems = append(problems, fmt.Sprintf("plan code %d (%s): a plan code must be above 0, used once, and name a plan that has no other code", pc.code, pc.key))
			continue
		}
		slots[pc.code] = planSlot{p, true}
		codes[p] = pc.code
	}
	for _, p := range plans {
		if codes[p] == 0 {
			problems = append(problems, fmt.Sprintf("plan %s has no permanent code in store/record.go planCodes", p.Key()))
		}
	}
	return slots, codes, problems
}

// wireOf is the stored layout of a field kind.
func wireOf(k data.FieldKind) wireKind {
	switch k {
	case data.KindDate:
		return wireDate
	case data.KindFlag:
		return wireFlag
	case data.KindPlan:
		return wirePlan
	default:
		return wireText
	}
}

// recordTablesError is the error Open returns when this build's child
// record has a field or plan with no permanent code (nil when all is well).
func recordTablesError() error {
	if len(recordTablesProblems) == 0 {
		return nil
	}
	return fmt.Errorf("this build of permanence cannot store child records safely: %s", strings.Join(recordTablesProblems, "; "))
}

// EncodeChild appends the stored form of c (version 2) to buf. It reads
// each field once (what data.Field's IsEmpty reads, then its value).
func EncodeChild(buf []byte, c *data.Child) []byte {
	buf = append(buf, recordVersion)
	for i := range encodeOrder {
		e := &encodeOrder[i]
		switch e.wire {
		case wireDate:
			if d := *e.field.Date(c); !d.IsZero() {
				buf = binary.AppendUvarint(buf, e.code)
				buf = binary.AppendVarint(buf, int64(d)-epochDate)
			}
		case wireFlag:
			if *e.field.Flag(c) {
				buf = binary.AppendUvarint(buf, e.code)
			}
		case wirePlan:
			if c.PlanText != "" || c.Plan != data.PlanNotRecorded {
				buf = binary.AppendUvarint(buf, e.code)
				buf = append(buf, v2PlanCode[c.Plan])
				buf = appendText(buf, c.PlanText)
			}
		default:
			if s := *e.field.Text(c); s != "" {
				buf = binary.AppendUvarint(buf, e.code)
				buf = appendText(buf, s)
			}
		}
	}
	return buf
}

// appendText appends s's length (uvarint) and bytes.
func appendText(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// DecodeChild reads a stored child row of either version into c (which
// should be zero). A damaged record, an unknown code or an unknown version
// is an error.
func DecodeChild(b []byte, c *data.Child) error {
	if len(b) == 0 {
		return fmt.Errorf("child record: empty")
	}
	switch b[0] {
	case recordV2:
		return decodeFields(b[1:], c, v2Slots, &v2PlanSlots, epochDate)
	case recordV1:
		return decodeFields(b[1:], c, v1Slots, &v1PlanSlots, epochDate-v1DateOffset)
	}
	return fmt.Errorf("child record: version %d is not one this version of permanence reads", b[0])
}

var errTruncated = fmt.Errorf("child record: truncated or damaged")

// decodeFields reads the fields of a record (after its version byte) into
// c, naming fields by slots and plans by plans; a stored date is
// data.Date(value + dateBase).
func decodeFields(b []byte, c *data.Child, slots []fieldSlot, plans *[256]planSlot, dateBase int64) error {
	for len(b) > 0 {
		code, n := binary.Uvarint(b)
		if n <= 0 {
			return errTruncated
		}
		if code >= uint64(len(slots)) || slots[code].wire == wireNone {
			return fmt.Errorf("child record: unknown field code %d", code)
		}
		b = b[n:]
		s := &slots[code]
		switch s.wire {
		case wireDate:
			v, n := binary.Varint(b)
			if n <= 0 {
				return errTruncated
			}
			if s.field != nil {
				*s.field.Date(c) = data.Date(v + dateBase)
			}
			b = b[n:]
		case wireFlag:
			if s.field != nil {
				*s.field.Flag(c) = true
			}
		default:
			if s.wire == wirePlan {
				if len(b) == 0 {
					return errTruncated
				}
				p := plans[b[0]]
				if !p.ok {
					return fmt.Errorf("child record: unknown plan code %d", b[0])
				}
				if s.field != nil {
					c.Plan = p.plan
				}
				b = b[1:]
			}
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return errTruncated
			}
			if s.field != nil {
				*s.field.Text(c) = string(b[n : n+int(l)])
			}
			b = b[n+int(l):]
		}
	}
	return nil
}
