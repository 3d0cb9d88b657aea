package data

// The record file of panel.md ("Headless"): a JSON object whose keys are
// the fields of a child's record at a meeting. The same shape is how a
// record is stored (json.Marshal / json.Unmarshal of a PanelRecord), so
// one reader serves both: strict for a file a person wrote
// (ParseRecordFile), lenient about names and rules for a record the
// program stored itself (UnmarshalJSON).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The keys of a record file, in the order they are written.
const (
	RecordKeyAttended                   = "attended"
	RecordKeyUpdateBy                   = "update_by"
	RecordKeyUpdate                     = "update"
	RecordKeyChildVoice                 = "child_voice"
	RecordKeyPlan                       = "plan"
	RecordKeyParallelPlan               = "parallel_plan"
	RecordKeyBarriers                   = "barriers"
	RecordKeyBarrierOther               = "barrier_other"
	RecordKeyEarlyPermanenceConsidered  = "early_permanence_considered"
	RecordKeyPreviousAdoptersConsidered = "previous_adopters_considered"
	RecordKeyDecision                   = "decision"
	RecordKeyActions                    = "actions"
	RecordKeyNextReview                 = "next_review"
	RecordKeyNextReviewWhy              = "next_review_why"
	RecordKeyEscalation                 = "escalation"
)

// RecordKeys lists every key of a record file in the order it is written.
var RecordKeys = []string{RecordKeyAttended, RecordKeyUpdateBy, RecordKeyUpdate, RecordKeyChildVoice, RecordKeyPlan,
	RecordKeyParallelPlan, RecordKeyBarriers, RecordKeyBarrierOther, RecordKeyEarlyPermanenceConsidered,
	RecordKeyPreviousAdoptersConsidered, RecordKeyDecision, RecordKeyActions, RecordKeyNextReview,
	RecordKeyNextReviewWhy, RecordKeyEscalation}

var (
	childVoiceKeys = []string{"gathered", "text"}
	actionKeys     = []string{"what", "who", "due", "status", "done_on", "why"}
	escalationKeys = []string{"to", "why", "raised", "outcome", "resolved"}
)

// The JSON shapes, in key order. Empty values are left out.
type (
	recordJSON struct {
		Attended                   *bool           `json:"attended,omitempty"`
		UpdateBy                   string          `json:"update_by,omitempty"`
		Update                     string          `json:"update,omitempty"`
		ChildVoice                 *childVoiceJSON `json:"child_voice,omitempty"`
		Plan                       string          `json:"plan,omitempty"`
		ParallelPlan               string          `json:"parallel_plan,omitempty"`
		Barriers                   []Barrier       `json:"barriers,omitempty"`
		BarrierOther               string          `json:"barrier_other,omitempty"`
		EarlyPermanenceConsidered  Answer          `json:"early_permanence_considered,omitempty"`
		PreviousAdoptersConsidered Answer          `json:"previous_adopters_considered,omitempty"`
		Decision                   string          `json:"decision,omitempty"`
		Actions                    []actionJSON    `json:"actions,omitempty"`
		NextReview                 string          `json:"next_review,omitempty"`
		NextReviewWhy              string          `json:"next_review_why,omitempty"`
		Escalation                 *escalationJSON `json:"escalation,omitempty"`
	}
	childVoiceJSON struct {
		Gathered Answer `json:"gathered,omitempty"`
		Text     string `json:"text,omitempty"`
	}
	actionJSON struct {
		What   string       `json:"what,omitempty"`
		Who    string       `json:"who,omitempty"`
		Due    string       `json:"due,omitempty"`
		Status ActionStatus `json:"status,omitempty"`
		DoneOn string       `json:"done_on,omitempty"`
		Why    string       `json:"why,omitempty"`
	}
	escalationJSON struct {
		To       string `json:"to,omitempty"`
		Why      string `json:"why,omitempty"`
		Raised   string `json:"raised,omitempty"`
		Outcome  string `json:"outcome,omitempty"`
		Resolved string `json:"resolved,omitempty"`
	}
)

// MarshalJSON writes the record in the record-file shape of panel.md:
// keys in RecordKeys order, dates as YYYY-MM-DD, empty values left out (an
// escalation, once there, is written even when all its fields are empty,
// so that it reads back). MeetingID and ChildID are not written: they are
// where the record is kept, not part of it.
func (r PanelRecord) MarshalJSON() ([]byte, error) {
	out := recordJSON{
		Attended: r.Attended, UpdateBy: r.UpdateBy, Update: r.Update,
		Plan: r.Plan, ParallelPlan: r.ParallelPlan, Barriers: r.Barriers,
		BarrierOther: r.BarrierOther, EarlyPermanenceConsidered: r.EarlyPermanenceConsidered,
		PreviousAdoptersConsidered: r.PreviousAdoptersConsidered, Decision: r.Decision,
		NextReview: r.NextReview.String(), NextReviewWhy: r.NextReviewWhy,
	}
	if r.ChildVoice != (ChildVoice{}) {
		out.ChildVoice = &childVoiceJSON{Gathered: r.ChildVoice.Gathered, Text: r.ChildVoice.Text}
	}
	for _, a := range r.Actions {
		out.Actions = append(out.Actions, actionJSON{What: a.What, Who: a.Who, Due: a.Due.String(),
			Status: a.Status, DoneOn: a.DoneOn.String(), Why: a.Why})
	}
	if e := r.Escalation; e != nil {
		out.Escalation = &escalationJSON{To: e.To, Why: e.Why, Raised: e.Raised.String(),
			Outcome: e.Outcome, Resolved: e.Resolved.String()}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads a record MarshalJSON wrote: every field of the
// record is replaced (a key that is absent leaves its field empty), except
// MeetingID and ChildID, which are left as they were. It checks only what
// the record could not hold (a value of the wrong type, a date that is not
// YYYY-MM-DD); names and rules are ParseRecordFile's, for files people
// write, and a key it does not know is skipped. JSON null leaves r as it
// was.
func (r *PanelRecord) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	p, err := decodeRecord("record", b, false)
	if err != nil {
		return err
	}
	*r = PanelRecord{MeetingID: r.MeetingID, ChildID: r.ChildID}
	p.Apply(r)
	return nil
}

// RecordPatch is what a record file says: the keys it gives and their
// values. Applying it to a record changes those fields only.
type RecordPatch struct {
	Keys   []string    // the keys given, in RecordKeys order
	Values PanelRecord // their values; the fields of other keys are ignored
}

// Has reports whether the patch gives key.
func (p RecordPatch) Has(key string) bool {
	for _, k := range p.Keys {
		if k == key {
			return true
		}
	}
	return false
}

// Apply writes the keys the patch gives onto r: a key that is absent leaves
// its field as it was; a key that is present replaces its field whole (an
// array replaces the whole list, child_voice and escalation the whole
// object, and null or "" empties the field). r shares no memory with the
// patch afterwards.
func (p RecordPatch) Apply(r *PanelRecord) {
	v := &p.Values
	for _, k := range p.Keys {
		switch k {
		case RecordKeyAttended:
			r.Attended = nil
			if v.Attended != nil {
				b := *v.Attended
				r.Attended = &b
			}
		case RecordKeyUpdateBy:
			r.UpdateBy = v.UpdateBy
		case RecordKeyUpdate:
			r.Update = v.Update
		case RecordKeyChildVoice:
			r.ChildVoice = v.ChildVoice
		case RecordKeyPlan:
			r.Plan = v.Plan
		case RecordKeyParallelPlan:
			r.ParallelPlan = v.ParallelPlan
		case RecordKeyBarriers:
			r.Barriers = append([]Barrier(nil), v.Barriers...)
		case RecordKeyBarrierOther:
			r.BarrierOther = v.BarrierOther
		case RecordKeyEarlyPermanenceConsidered:
			r.EarlyPermanenceConsidered = v.EarlyPermanenceConsidered
		case RecordKeyPreviousAdoptersConsidered:
			r.PreviousAdoptersConsidered = v.PreviousAdoptersConsidered
		case RecordKeyDecision:
			r.Decision = v.Decision
		case RecordKeyActions:
			r.Actions = append([]Action(nil), v.Actions...)
		case RecordKeyNextReview:
			r.NextReview = v.NextReview
		case RecordKeyNextReviewWhy:
			r.NextReviewWhy = v.NextReviewWhy
		case RecordKeyEscalation:
			r.Escalation = nil
			if v.Escalation != nil {
				e := *v.Escalation
				r.Escalation = &e
			}
		}
	}
}

// RecordFileError is a record file refused whole, with every problem
// found, each a line "FILE: KEY: VALUE: why".
type RecordFileError struct {
	Problems []string
}

func (e *RecordFileError) Error() string { return strings.Join(e.Problems, "\n") }

// ParseRecordFile reads a record file (panel.md, "Headless") named file
// for messages. Any key may be absent. Every problem is reported, not just
// the first, as a *RecordFileError:
//
//   - the file must be one JSON object in UTF-8 (a byte-order mark is
//     allowed), each key once; an unknown key is refused with the keys
//     that are allowed, at the top and inside child_voice, actions and
//     escalation;
//   - text is a JSON string, attended true or false, null empties a key;
//   - dates are YYYY-MM-DD ("" or null: none);
//   - plan is a plan of extract.md's vocabulary (parallel_plan is free
//     text); barriers are the codes of panel.md, each once; barrier_other
//     goes with the barrier other (when both keys are given);
//   - early_permanence_considered and previous_adopters_considered are
//     yes, no or not_applicable, child_voice.gathered yes, no or
//     not_appropriate ("" or null: not recorded);
//   - an action says what, who and due; its status is open (when absent),
//     done (with done_on) or dropped (with why); done_on is only for done
//     and why only for dropped;
//   - an escalation says to, why and raised; an outcome and the date it
//     was resolved go together, resolved not before raised.
//
// The next review date's distance from the meeting is not checked here,
// since the file does not say the meeting's date: see CheckRecordAt.
func ParseRecordFile(file string, b []byte) (RecordPatch, error) {
	return decodeRecord(file, b, true)
}

// CheckRecordAt checks the rules of a record that depend on its meeting's
// date, once a record file has been applied: a next review date, when
// there is one, is 1 to 6 months after the meeting, and under 3 months
// with a reason (CheckNextReview). Problems are a *RecordFileError, like
// ParseRecordFile's.
func CheckRecordAt(file string, meeting Date, r *PanelRecord) error {
	if r.NextReview.IsZero() {
		return nil
	}
	if err := CheckNextReview(meeting, r.NextReview, r.NextReviewWhy); err != nil {
		return &RecordFileError{Problems: []string{
			fmt.Sprintf("%s: %s: %q: %s", file, RecordKeyNextReview, r.NextReview.String(), err.Error())}}
	}
	return nil
}

// recordDecoder reads a record object, collecting every problem.
type recordDecoder struct {
	file     string
	strict   bool // a file a person wrote: names and rules are checked
	problems []string
}

// field is one key of a JSON object and its value, in file order.
type field struct {
	key   string
	value json.RawMessage
}

func decodeRecord(file string, b []byte, strict bool) (RecordPatch, error) {
	d := &recordDecoder{file: file, strict: strict}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	var p RecordPatch
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		d.whole("empty: a record file is one JSON object, such as {\"plan\": \"adoption\"}")
	case !utf8.Valid(b):
		d.whole("not UTF-8 text: save the file as UTF-8")
	default:
		fields, err := readObject(b)
		if err != nil {
			d.whole(err.Error())
			break
		}
		p = d.record(fields)
	}
	if len(d.problems) > 0 {
		return RecordPatch{}, &RecordFileError{Problems: d.problems}
	}
	return p, nil
}

// readObject splits one JSON object into its keys and values, in order.
func readObject(b []byte) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(b, err)
	}
	if tok != json.Delim('{') {
		return nil, errors.New("not a JSON object: a record file is one object, {...}")
	}
	var out []field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(b, err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, jsonError(b, err)
		}
		out = append(out, field{key: tok.(string), value: v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more after the record's closing }: a record file is one object")
	}
	return out, nil
}

// jsonError says where JSON broke, as a line and column.
func jsonError(b []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(b, se.Offset)
		return fmt.Errorf("not valid JSON: line %d, column %d: %s", line, col, se.Error())
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("not valid JSON: the file ends before the record does")
	}
	return fmt.Errorf("not valid JSON: %s", err.Error())
}

func lineCol(b []byte, off int64) (int, int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	line, col := 1, 1
	for _, c := range b[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// whole records a problem with the file as a whole.
func (d *recordDecoder) whole(why string) {
	d.problems = append(d.problems, d.file+": "+why)
}

// bad records a problem with a key's value.
func (d *recordDecoder) bad(key string, value json.RawMessage, why string) {
	d.problems = append(d.problems, fmt.Sprintf("%s: %s: %s: %s", d.file, key, showValue(value), why))
}

// rule records a broken rule, only for a file a person wrote.
func (d *recordDecoder) rule(key string, value json.RawMessage, why string) {
	if d.strict {
		d.bad(key, value, why)
	}
}

// missing records a key that must be given (only for a person's file).
func (d *recordDecoder) missing(key, why string) {
	if d.strict {
		d.problems = append(d.problems, fmt.Sprintf("%s: %s: missing: %s", d.file, key, why))
	}
}

// showValue is a value as a message quotes it: a string as Go quotes it,
// anything else as compact JSON; long values are cut short.
func showValue(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		if r := []rune(s); len(r) > 60 {
			s = string(r[:57]) + "..."
		}
		return strconv.Quote(s)
	}
	var buf bytes.Buffer
	text := string(v)
	if json.Compact(&buf, v) == nil {
		text = buf.String()
	}
	if r := []rune(text); len(r) > 60 {
		text = string(r[:57]) + "..."
	}
	return text
}

func isNull(v json.RawMessage) bool { return string(bytes.TrimSpace(v)) == "null" }

// object splits a nested object, refusing duplicate and (for a person's
// file) unknown keys. ok is false when v is not an object.
func (d *recordDecoder) object(key string, v json.RawMessage, allowed []string, what string) (map[string]json.RawMessage, bool) {
	fields, err := readObject(v)
	if err != nil {
		d.bad(key, v, "not "+what+": "+what+" is an object with the keys "+strings.Join(allowed, ", "))
		return nil, false
	}
	out := map[string]json.RawMessage{}
	for _, f := range fields {
		sub := key + "." + f.key
		switch {
		case !contains(allowed, f.key):
			if d.strict {
				d.problems = append(d.problems, fmt.Sprintf("%s: %s: unknown key: the keys of %s are %s",
					d.file, sub, what, strings.Join(allowed, ", ")))
			}
		case out[f.key] != nil:
			d.rule(sub, f.value, "given twice")
		default:
			out[f.key] = f.value
		}
	}
	return out, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// text reads a string (null: empty).
func (d *recordDecoder) text(key string, v json.RawMessage) string {
	if v == nil || isNull(v) {
		return ""
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		d.bad(key, v, "not text: put it in double quotes")
	}
	return s
}

// blank reports whether a value is absent, null or an empty (or blank)
// string.
func blank(v json.RawMessage) bool {
	if v == nil || isNull(v) {
		return true
	}
	var s string
	return json.Unmarshal(v, &s) == nil && strings.TrimSpace(s) == ""
}

// date reads a YYYY-MM-DD date ("" or null: none).
func (d *recordDecoder) date(key string, v json.RawMessage) Date {
	if blank(v) {
		return NoDate
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		d.bad(key, v, "not a date (YYYY-MM-DD)")
		return NoDate
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		if y, m, day := atoi(s[0:4]), atoi(s[5:7]), atoi(s[8:10]); ValidDate(y, m, day) {
			return NewDate(y, m, day)
		}
	}
	d.bad(key, v, "not a date (YYYY-MM-DD)")
	return NoDate
}

// answer reads one of the allowed answers ("" or null: not recorded).
func (d *recordDecoder) answer(key string, v json.RawMessage, allowed ...Answer) Answer {
	a := Answer(d.text(key, v))
	if a == "" {
		return ""
	}
	for _, ok := range allowed {
		if a == ok {
			return a
		}
	}
	names := make([]string, len(allowed))
	for i, ok := range allowed {
		names[i] = string(ok)
	}
	d.rule(key, v, "not an answer: use "+orList(names))
	return a
}

// orList is "a, b or c".
func orList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// array splits an array (null: empty). ok is false when v is not one.
func (d *recordDecoder) array(key string, v json.RawMessage, what string) ([]json.RawMessage, bool) {
	if isNull(v) {
		return nil, true
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		d.bad(key, v, "not a list: "+what)
		return nil, false
	}
	return items, true
}

// record reads a record object's fields.
func (d *recordDecoder) record(fields []field) RecordPatch {
	var p RecordPatch
	r := &p.Values
	given := map[string]json.RawMessage{}
	for _, f := range fields {
		switch {
		case !contains(RecordKeys, f.key):
			if d.strict {
				d.problems = append(d.problems, fmt.Sprintf("%s: %s: unknown key: a record's keys are %s",
					d.file, f.key, strings.Join(RecordKeys, ", ")))
			}
			continue
		case given[f.key] != nil:
			d.rule(f.key, f.value, "given twice")
			continue
		}
		given[f.key] = f.value
		d.recordKey(r, f.key, f.value)
	}
	for _, k := range RecordKeys {
		if given[k] != nil {
			p.Keys = append(p.Keys, k)
		}
	}
	d.barrierOther(given, r)
	return p
}

// recordKey reads one top-level key into r.
func (d *recordDecoder) recordKey(r *PanelRecord, key string, v json.RawMessage) {
	switch key {
	case RecordKeyAttended:
		if !isNull(v) {
			var b bool
			if err := json.Unmarshal(v, &b); err != nil {
				d.bad(key, v, "not true or false")
			} else {
				r.Attended = &b
			}
		}
	case RecordKeyUpdateBy:
		r.UpdateBy = d.text(key, v)
	case RecordKeyUpdate:
		r.Update = d.text(key, v)
	case RecordKeyChildVoice:
		r.ChildVoice = d.childVoice(v)
	case RecordKeyPlan:
		r.Plan = d.text(key, v)
		if _, known := recordPlan(r.Plan); !known {
			d.rule(key, v, "not a plan: use adoption, special guardianship, long-term fostering, reunification, "+
				"child arrangements order, residential step down or other (the plan vocabulary of extract.md)")
		}
	case RecordKeyParallelPlan:
		r.ParallelPlan = d.text(key, v)
	case RecordKeyBarriers:
		r.Barriers = d.barriers(v)
	case RecordKeyBarrierOther:
		r.BarrierOther = d.text(key, v)
	case RecordKeyEarlyPermanenceConsidered, RecordKeyPreviousAdoptersConsidered:
		a := d.answer(key, v, AnswerYes, AnswerNo, AnswerNotApplicable)
		if key == RecordKeyEarlyPermanenceConsidered {
			r.EarlyPermanenceConsidered = a
		} else {
			r.PreviousAdoptersConsidered = a
		}
	case RecordKeyDecision:
		r.Decision = d.text(key, v)
	case RecordKeyActions:
		r.Actions = d.actions(v)
	case RecordKeyNextReview:
		r.NextReview = d.date(key, v)
	case RecordKeyNextReviewWhy:
		r.NextReviewWhy = d.text(key, v)
	case RecordKeyEscalation:
		r.Escalation = d.escalation(v)
	}
}

func (d *recordDecoder) childVoice(v json.RawMessage) ChildVoice {
	if isNull(v) {
		return ChildVoice{}
	}
	o, ok := d.object(RecordKeyChildVoice, v, childVoiceKeys, "the child's voice")
	if !ok {
		return ChildVoice{}
	}
	return ChildVoice{
		Gathered: d.answer(RecordKeyChildVoice+".gathered", o["gathered"], AnswerYes, AnswerNo, AnswerNotAppropriate),
		Text:     d.text(RecordKeyChildVoice+".text", o["text"]),
	}
}

func (d *recordDecoder) barriers(v json.RawMessage) []Barrier {
	items, ok := d.array(RecordKeyBarriers, v, "barriers is a list of codes, such as [\"court_delay\", \"family_finding\"]")
	if !ok {
		return nil
	}
	var out []Barrier
	seen := map[Barrier]bool{}
	for i, item := range items {
		key := fmt.Sprintf("%s[%d]", RecordKeyBarriers, i)
		var s string
		if err := json.Unmarshal(item, &s); err != nil {
			d.bad(key, item, "not a barrier code: put it in double quotes")
			continue
		}
		b := Barrier(s)
		switch {
		case !knownBarrier(b):
			names := make([]string, len(Barriers))
			for j, known := range Barriers {
				names[j] = string(known)
			}
			d.rule(key, item, "not a barrier: use "+strings.Join(names, ", "))
		case seen[b]:
			d.rule(key, item, "listed twice")
			continue
		}
		seen[b] = true
		out = append(out, b)
	}
	return out
}

func knownBarrier(b Barrier) bool {
	for _, known := range Barriers {
		if b == known {
			return true
		}
	}
	return false
}

// barrierOther checks that barrier_other and the barrier other go
// together, when the file gives both keys.
func (d *recordDecoder) barrierOther(given map[string]json.RawMessage, r *PanelRecord) {
	bv, ov := given[RecordKeyBarriers], given[RecordKeyBarrierOther]
	if bv == nil || ov == nil {
		return
	}
	hasOther := false
	for _, b := range r.Barriers {
		hasOther = hasOther || b == BarrierOther
	}
	switch {
	case hasOther && strings.TrimSpace(r.BarrierOther) == "":
		d.rule(RecordKeyBarrierOther, ov, "empty: say what the barrier \"other\" is")
	case !hasOther && strings.TrimSpace(r.BarrierOther) != "":
		d.rule(RecordKeyBarrierOther, ov, "describes the barrier \"other\", which barriers does not list: add \"other\" to barriers")
	}
}

func (d *recordDecoder) actions(v json.RawMessage) []Action {
	items, ok := d.array(RecordKeyActions, v, "actions is a list of objects, such as [{\"what\": ..., \"who\": ..., \"due\": \"2026-04-30\"}]")
	if !ok {
		return nil
	}
	var out []Action
	for i, item := range items {
		key := fmt.Sprintf("%s[%d]", RecordKeyActions, i)
		if isNull(item) {
			d.bad(key, item, "not an action: an action is an object with the keys "+strings.Join(actionKeys, ", "))
			continue
		}
		o, ok := d.object(key, item, actionKeys, "an action")
		if !ok {
			continue
		}
		out = append(out, d.action(key, o))
	}
	return out
}

func (d *recordDecoder) action(key string, o map[string]json.RawMessage) Action {
	a := Action{
		What:   d.text(key+".what", o["what"]),
		Who:    d.text(key+".who", o["who"]),
		Due:    d.date(key+".due", o["due"]),
		Status: ActionStatus(d.text(key+".status", o["status"])),
		DoneOn: d.date(key+".done_on", o["done_on"]),
		Why:    d.text(key+".why", o["why"]),
	}
	if !d.strict {
		return a
	}
	if strings.TrimSpace(a.What) == "" {
		d.missing(key+".what", "say what is to be done")
	}
	if strings.TrimSpace(a.Who) == "" {
		d.missing(key+".who", "say who is to do it (a name or a role)")
	}
	if blank(o["due"]) {
		d.missing(key+".due", "give the date it is due (YYYY-MM-DD)")
	}
	if a.Status == "" {
		a.Status = ActionOpen
	}
	switch a.Status {
	case ActionOpen, ActionDone, ActionDropped:
	default:
		d.rule(key+".status", o["status"], "not a status: use open, done or dropped")
	}
	if a.Status == ActionDone && blank(o["done_on"]) {
		d.missing(key+".done_on", "a done action says when it was done (YYYY-MM-DD)")
	}
	if a.Status == ActionDropped && strings.TrimSpace(a.Why) == "" {
		d.missing(key+".why", "a dropped action says why it is no longer needed")
	}
	if a.Status != ActionDone && !a.DoneOn.IsZero() {
		d.rule(key+".done_on", o["done_on"], "only a done action has a done_on date: set status to done, or leave done_on out")
	}
	if a.Status != ActionDropped && strings.TrimSpace(a.Why) != "" {
		d.rule(key+".why", o["why"], "only a dropped action has a why: set status to dropped, or leave why out")
	}
	return a
}

func (d *recordDecoder) escalation(v json.RawMessage) *Escalation {
	if isNull(v) {
		return nil
	}
	o, ok := d.object(RecordKeyEscalation, v, escalationKeys, "an escalation")
	if !ok {
		return nil
	}
	k := func(s string) string { return RecordKeyEscalation + "." + s }
	e := &Escalation{
		To:       d.text(k("to"), o["to"]),
		Why:      d.text(k("why"), o["why"]),
		Raised:   d.date(k("raised"), o["raised"]),
		Outcome:  d.text(k("outcome"), o["outcome"]),
		Resolved: d.date(k("resolved"), o["resolved"]),
	}
	if !d.strict {
		return e
	}
	if strings.TrimSpace(e.To) == "" {
		d.missing(k("to"), "say to whom the case was escalated (a role)")
	}
	if strings.TrimSpace(e.Why) == "" {
		d.missing(k("why"), "say why it was escalated")
	}
	if blank(o["raised"]) {
		d.missing(k("raised"), "give the date it was raised (YYYY-MM-DD)")
	}
	hasOutcome := strings.TrimSpace(e.Outcome) != ""
	hasResolved := !blank(o["resolved"])
	switch {
	case hasResolved && !hasOutcome:
		d.missing(k("outcome"), "a resolved escalation says its outcome")
	case hasOutcome && !hasResolved:
		d.missing(k("resolved"), "an escalation with an outcome says when it was resolved (YYYY-MM-DD)")
	}
	if !e.Resolved.IsZero() && !e.Raised.IsZero() && e.Resolved < e.Raised {
		d.rule(k("resolved"), o["resolved"], "before the date it was raised ("+e.Raised.String()+")")
	}
	return e
}

// recordPlan reads the plan a record endorses: a text of extract.md's plan
// vocabulary (ParsePlan), or a category's key (long_term_fostering), as
// the rest of the program writes plans.
func recordPlan(text string) (Plan, bool) {
	p, known := ParsePlan(text)
	if !known {
		if k, ok := PlanFromKey(strings.ToLower(strings.TrimSpace(text))); ok {
			return k, true
		}
	}
	return p, known
}
