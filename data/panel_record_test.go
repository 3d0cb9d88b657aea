package data

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// fullRecord has every field of a record set.
func fullRecord() PanelRecord {
	yes := true
	return PanelRecord{
		Attended: &yes, UpdateBy: "Social worker (J. Patel)", Update: "Viability assessment of aunt under way.",
		ChildVoice: ChildVoice{Gathered: AnswerYes, Text: "Wants to stay with carers"},
		Plan:       "adoption", ParallelPlan: "special guardianship with aunt",
		Barriers:                  []Barrier{BarrierCourtDelay, BarrierOther},
		BarrierOther:              "interpreter not booked",
		EarlyPermanenceConsidered: AnswerNo, PreviousAdoptersConsidered: AnswerNotApplicable,
		Decision: "Plan endorsed.",
		Actions: []Action{
			{What: "Complete viability assessment", Who: "J. Patel", Due: d("2026-04-30"), Status: ActionOpen},
			{What: "Book interpreter", Who: "Team manager", Due: d("2026-03-20"), Status: ActionDone, DoneOn: d("2026-03-18")},
			{What: "Refer to family finding", Who: "Adoption team", Due: d("2026-03-31"), Status: ActionDropped, Why: "match found"},
		},
		NextReview: d("2026-06-12"), NextReviewWhy: "",
		Escalation: &Escalation{To: "Head of Service", Why: "Court delay", Raised: d("2026-03-12"),
			Outcome: "Legal advised", Resolved: d("2026-04-02")},
	}
}

// The record file shape, written out by hand from panel.md's key list.
const fullRecordJSON = `{"attended":true,"update_by":"Social worker (J. Patel)",` +
	`"update":"Viability assessment of aunt under way.",` +
	`"child_voice":{"gathered":"yes","text":"Wants to stay with carers"},` +
	`"plan":"adoption","parallel_plan":"special guardianship with aunt",` +
	`"barriers":["court_delay","other"],"barrier_other":"interpreter not booked",` +
	`"early_permanence_considered":"no","previous_adopters_considered":"not_applicable",` +
	`"decision":"Plan endorsed.",` +
	`"actions":[{"what":"Complete viability assessment","who":"J. Patel","due":"2026-04-30","status":"open"},` +
	`{"what":"Book interpreter","who":"Team manager","due":"2026-03-20","status":"done","done_on":"2026-03-18"},` +
	`{"what":"Refer to family finding","who":"Adoption team","due":"2026-03-31","status":"dropped","why":"match found"}],` +
	`"next_review":"2026-06-12",` +
	`"escalation":{"to":"Head of Service","why":"Court delay","raised":"2026-03-12","outcome":"Legal advised","resolved":"2026-04-02"}}`

func TestRecordJSONShapeAndRoundTrip(t *testing.T) {
	r := fullRecord()
	r.MeetingID, r.ChildID = 7, "C1" // not part of the file
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != fullRecordJSON {
		t.Errorf("record JSON:\n got %s\nwant %s", b, fullRecordJSON)
	}

	// Read back into a record the store has placed: its ids stay, every
	// other field is replaced.
	back := PanelRecord{MeetingID: 7, ChildID: "C1", Update: "stale text", Barriers: []Barrier{BarrierNeeds}}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, r)
	}

	// The file a person writes reads to the same record.
	p, err := ParseRecordFile("rec.json", []byte(fullRecordJSON))
	if err != nil {
		t.Fatal(err)
	}
	var fromFile PanelRecord
	p.Apply(&fromFile)
	want := fullRecord()
	if !reflect.DeepEqual(fromFile, want) {
		t.Errorf("from the file:\n got %+v\nwant %+v", fromFile, want)
	}
	if len(p.Keys) != 14 { // every key but next_review_why, which is empty
		t.Errorf("keys given = %v, want 14 of them", p.Keys)
	}
}

func TestRecordJSONLeavesOutEmptyValues(t *testing.T) {
	no := false
	for _, tc := range []struct {
		name string
		r    PanelRecord
		want string
	}{
		{"empty", PanelRecord{MeetingID: 3, ChildID: "X"}, `{}`},
		{"attended false is said", PanelRecord{Attended: &no}, `{"attended":false}`},
		{"empty lists", PanelRecord{Barriers: []Barrier{}, Actions: []Action{}}, `{}`},
		{"an empty escalation is kept", PanelRecord{Escalation: &Escalation{}}, `{"escalation":{}}`},
		{"voice text only", PanelRecord{ChildVoice: ChildVoice{Text: "t"}}, `{"child_voice":{"text":"t"}}`},
		{"open action, no dates", PanelRecord{Actions: []Action{{What: "w"}}}, `{"actions":[{"what":"w"}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.r)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got %s, want %s", b, tc.want)
			}
			var back PanelRecord
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			want := tc.r
			want.MeetingID, want.ChildID = 0, ""
			if len(want.Barriers) == 0 {
				want.Barriers = nil // an empty list reads back as none
			}
			if len(want.Actions) == 0 {
				want.Actions = nil
			}
			if !reflect.DeepEqual(back, want) {
				t.Errorf("read back %+v, want %+v", back, want)
			}
		})
	}
}

// A stored record is read whatever its names: the rules are for files.
func TestUnmarshalIsLenientAboutNamesNotTypes(t *testing.T) {
	var r PanelRecord
	err := json.Unmarshal([]byte(`{"plan":"sgo with nan","barriers":["courts"],"future_key":1,"actions":[{"what":"w","status":"paused"}]}`), &r)
	if err != nil {
		t.Fatalf("a stored record with names this version does not know: %v", err)
	}
	if r.Plan != "sgo with nan" || len(r.Barriers) != 1 || r.Barriers[0] != "courts" || r.Actions[0].Status != "paused" {
		t.Errorf("read %+v", r)
	}
	if r.Actions[0].Status == ActionOpen {
		t.Error("a stored action with no status was given one")
	}
	// A key the stored record leaves out empties its field.
	stale := PanelRecord{ChildID: "C1", Update: "stale", Barriers: []Barrier{BarrierNeeds}, Escalation: &Escalation{To: "x"}}
	if err := json.Unmarshal([]byte(`{"decision":"d"}`), &stale); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stale, PanelRecord{ChildID: "C1", Decision: "d"}) {
		t.Errorf("read over an older record: %+v", stale)
	}
	if err := json.Unmarshal([]byte(`{"next_review":"12/06/2026"}`), &r); err == nil {
		t.Error("a stored date that is not YYYY-MM-DD was read")
	}
	if err := json.Unmarshal([]byte(`{"attended":"yes"}`), &r); err == nil {
		t.Error("attended as text was read")
	}
}

func problemsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var fe *RecordFileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %T (%v), want *RecordFileError", err, err)
	}
	if err.Error() != strings.Join(fe.Problems, "\n") {
		t.Errorf("Error() = %q, want the problems a line each", err.Error())
	}
	return fe.Problems
}

const barrierCodes = "court_delay, assessment_delay, family_finding, placement_sufficiency, siblings, support_plan, " +
	"legal, needs, child_wishes, parental_challenge, resources, other"

func TestParseRecordFileProblems(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"unknown key", `{"plan":"adoption","colour":"red"}`, []string{
			`rec.json: colour: unknown key: a record's keys are attended, update_by, update, child_voice, plan, ` +
				`parallel_plan, barriers, barrier_other, early_permanence_considered, previous_adopters_considered, ` +
				`decision, actions, next_review, next_review_why, escalation`}},
		{"unknown barrier", `{"barriers":["court_delay","siblings","courts"]}`, []string{
			`rec.json: barriers[2]: "courts": not a barrier: use ` + barrierCodes}},
		{"barrier twice", `{"barriers":["needs","needs"]}`, []string{
			`rec.json: barriers[1]: "needs": listed twice`}},
		{"barrier not text", `{"barriers":[3]}`, []string{
			`rec.json: barriers[0]: 3: not a barrier code: put it in double quotes`}},
		{"barriers not a list", `{"barriers":"court_delay"}`, []string{
			`rec.json: barriers: "court_delay": not a list: barriers is a list of codes, such as ["court_delay", "family_finding"]`}},
		{"bad due date", `{"actions":[{"what":"w","who":"x","due":"2026-13-01"}]}`, []string{
			`rec.json: actions[0].due: "2026-13-01": not a date (YYYY-MM-DD)`}},
		{"UK date", `{"next_review":"12/06/2026"}`, []string{
			`rec.json: next_review: "12/06/2026": not a date (YYYY-MM-DD)`}},
		{"date as a number", `{"next_review":20260612}`, []string{
			`rec.json: next_review: 20260612: not a date (YYYY-MM-DD)`}},
		{"31 February", `{"escalation":{"to":"HoS","why":"w","raised":"2026-02-31"}}`, []string{
			`rec.json: escalation.raised: "2026-02-31": not a date (YYYY-MM-DD)`}},
		{"unknown plan", `{"plan":"foster"}`, []string{
			`rec.json: plan: "foster": not a plan: use adoption, special guardianship, long-term fostering, reunification, ` +
				`child arrangements order, residential step down or other (the plan vocabulary of extract.md)`}},
		{"done without done_on", `{"actions":[{"what":"w","who":"x","due":"2026-04-01","status":"done"}]}`, []string{
			`rec.json: actions[0].done_on: missing: a done action says when it was done (YYYY-MM-DD)`}},
		{"dropped without why", `{"actions":[{"what":"w","who":"x","due":"2026-04-01","status":"dropped"}]}`, []string{
			`rec.json: actions[0].why: missing: a dropped action says why it is no longer needed`}},
		{"done_on on an open action", `{"actions":[{"what":"w","who":"x","due":"2026-04-01","done_on":"2026-03-30"}]}`, []string{
			`rec.json: actions[0].done_on: "2026-03-30": only a done action has a done_on date: set status to done, or leave done_on out`}},
		{"why on a done action", `{"actions":[{"what":"w","who":"x","due":"2026-04-01","status":"done","done_on":"2026-03-30","why":"quick"}]}`, []string{
			`rec.json: actions[0].why: "quick": only a dropped action has a why: set status to dropped, or leave why out`}},
		{"unknown status", `{"actions":[{"what":"w","who":"x","due":"2026-04-01","status":"closed"}]}`, []string{
			`rec.json: actions[0].status: "closed": not a status: use open, done or dropped`}},
		{"action missing its parts", `{"actions":[{"status":"open"}]}`, []string{
			`rec.json: actions[0].what: missing: say what is to be done`,
			`rec.json: actions[0].who: missing: say who is to do it (a name or a role)`,
			`rec.json: actions[0].due: missing: give the date it is due (YYYY-MM-DD)`}},
		{"unknown action key", `{"actions":[{"what":"w","who":"x","due":"2026-04-01","owner":"y"}]}`, []string{
			`rec.json: actions[0].owner: unknown key: the keys of an action are what, who, due, status, done_on, why`}},
		{"action not an object", `{"actions":["phone aunt"]}`, []string{
			`rec.json: actions[0]: "phone aunt": not an action: an action is an object with the keys what, who, due, status, done_on, why`}},
		{"resolved without outcome", `{"escalation":{"to":"HoS","why":"w","raised":"2026-03-01","resolved":"2026-03-20"}}`, []string{
			`rec.json: escalation.outcome: missing: a resolved escalation says its outcome`}},
		{"outcome without resolved", `{"escalation":{"to":"HoS","why":"w","raised":"2026-03-01","outcome":"agreed"}}`, []string{
			`rec.json: escalation.resolved: missing: an escalation with an outcome says when it was resolved (YYYY-MM-DD)`}},
		{"resolved before raised", `{"escalation":{"to":"HoS","why":"w","raised":"2026-03-01","outcome":"agreed","resolved":"2026-02-28"}}`, []string{
			`rec.json: escalation.resolved: "2026-02-28": before the date it was raised (2026-03-01)`}},
		{"escalation missing its parts", `{"escalation":{}}`, []string{
			`rec.json: escalation.to: missing: say to whom the case was escalated (a role)`,
			`rec.json: escalation.why: missing: say why it was escalated`,
			`rec.json: escalation.raised: missing: give the date it was raised (YYYY-MM-DD)`}},
		{"answers", `{"early_permanence_considered":"maybe","previous_adopters_considered":"not_appropriate"}`, []string{
			`rec.json: early_permanence_considered: "maybe": not an answer: use yes, no or not_applicable`,
			`rec.json: previous_adopters_considered: "not_appropriate": not an answer: use yes, no or not_applicable`}},
		{"voice", `{"child_voice":{"gathered":"not_applicable","text":"t","by":"x"}}`, []string{
			// an object's unknown keys first, then its values in key order
			`rec.json: child_voice.by: unknown key: the keys of the child's voice are gathered, text`,
			`rec.json: child_voice.gathered: "not_applicable": not an answer: use yes, no or not_appropriate`}},
		{"voice upper case", `{"child_voice":{"gathered":"Yes"}}`, []string{
			`rec.json: child_voice.gathered: "Yes": not an answer: use yes, no or not_appropriate`}},
		{"attended as text", `{"attended":"yes"}`, []string{
			`rec.json: attended: "yes": not true or false`}},
		{"text as a number", `{"update":42}`, []string{
			`rec.json: update: 42: not text: put it in double quotes`}},
		{"key twice", `{"plan":"adoption","plan":"ltf"}`, []string{
			`rec.json: plan: "ltf": given twice`}},
		{"other barrier, empty text", `{"barriers":["other"],"barrier_other":""}`, []string{
			`rec.json: barrier_other: "": empty: say what the barrier "other" is`}},
		{"other text, no other barrier", `{"barriers":["legal"],"barrier_other":"x"}`, []string{
			`rec.json: barrier_other: "x": describes the barrier "other", which barriers does not list: add "other" to barriers`}},
		{"empty file", "  \n", []string{
			`rec.json: empty: a record file is one JSON object, such as {"plan": "adoption"}`}},
		{"not an object", `["plan"]`, []string{
			`rec.json: not a JSON object: a record file is one object, {...}`}},
		{"broken JSON", "{\n  \"plan\": \"adoption\",\n}", []string{
			`rec.json: not valid JSON: line 3, column 1: invalid character '}' looking for beginning of object key string`}},
		{"cut short", `{"plan": "adoption"`, []string{
			`rec.json: not valid JSON: the file ends before the record does`}},
		{"two objects", `{"plan":"adoption"} {}`, []string{
			`rec.json: more after the record's closing }: a record file is one object`}},
		{"not UTF-8", "{\"update\":\"Ren\xe9e\"}", []string{
			`rec.json: not UTF-8 text: save the file as UTF-8`}},
		{"long value cut short", `{"plan":"` + strings.Repeat("x", 70) + `"}`, []string{
			`rec.json: plan: "` + strings.Repeat("x", 57) + `...": not a plan: use adoption, special guardianship, long-term fostering, ` +
				`reunification, child arrangements order, residential step down or other (the plan vocabulary of extract.md)`}},
		{"every problem, in file order", `{"barriers":["courts"],"colour":1,"actions":[{"what":"w","who":"x","due":"2026-13-01"}],"plan":"foster"}`, []string{
			`rec.json: barriers[0]: "courts": not a barrier: use ` + barrierCodes,
			`rec.json: colour: unknown key: a record's keys are attended, update_by, update, child_voice, plan, ` +
				`parallel_plan, barriers, barrier_other, early_permanence_considered, previous_adopters_considered, ` +
				`decision, actions, next_review, next_review_why, escalation`,
			`rec.json: actions[0].due: "2026-13-01": not a date (YYYY-MM-DD)`,
			`rec.json: plan: "foster": not a plan: use adoption, special guardianship, long-term fostering, reunification, ` +
				`child arrangements order, residential step down or other (the plan vocabulary of extract.md)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseRecordFile("rec.json", []byte(tc.file))
			got := problemsOf(t, err)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if err != nil && len(p.Keys) != 0 {
				t.Errorf("a refused file still gave keys %v", p.Keys)
			}
		})
	}
}

func TestParseRecordFileAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		check      func(r PanelRecord) bool
	}{
		{"byte-order mark", "\xef\xbb\xbf{\"plan\":\"Adoption\"}", func(r PanelRecord) bool { return r.Plan == "Adoption" }},
		{"plan text of the vocabulary", `{"plan":"  Long Term Fostering "}`, func(r PanelRecord) bool {
			return r.PlanCategory() == PlanLongTermFostering
		}},
		{"plan category key", `{"plan":"special_guardianship"}`, func(r PanelRecord) bool {
			return r.PlanCategory() == PlanSpecialGuardianship
		}},
		{"action status defaults to open", `{"actions":[{"what":"w","who":"x","due":"2026-04-01"}]}`, func(r PanelRecord) bool {
			return len(r.Actions) == 1 && r.Actions[0].Status == ActionOpen && r.Actions[0].Due == d("2026-04-01")
		}},
		{"empty dates and answers are none", `{"next_review":"","early_permanence_considered":"","child_voice":{"gathered":null}}`,
			func(r PanelRecord) bool {
				return r.NextReview.IsZero() && r.EarlyPermanenceConsidered == "" && r.ChildVoice == ChildVoice{}
			}},
		{"other barrier with its text", `{"barriers":["other"],"barrier_other":"transport"}`, func(r PanelRecord) bool {
			return len(r.Barriers) == 1 && r.BarrierOther == "transport"
		}},
		{"open escalation", `{"escalation":{"to":"Head of Service","why":"drift","raised":"2026-03-12"}}`, func(r PanelRecord) bool {
			return r.Escalation.Open() && r.Escalation.Raised == d("2026-03-12")
		}},
		{"resolved escalation", `{"escalation":{"to":"HoS","why":"w","raised":"2026-03-12","outcome":"agreed","resolved":"2026-03-12"}}`,
			func(r PanelRecord) bool { return !r.Escalation.Open() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseRecordFile("rec.json", []byte(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var r PanelRecord
			p.Apply(&r)
			if !tc.check(r) {
				t.Errorf("read %+v", r)
			}
		})
	}
}

func TestApplyKeepsAbsentKeys(t *testing.T) {
	r := fullRecord()
	r.MeetingID, r.ChildID = 4, "C9"
	p, err := ParseRecordFile("upd.json", []byte(`{"decision":"Adjourned","barriers":["needs"],"attended":null,"escalation":null,`+
		`"actions":[{"what":"Chase legal","who":"TM","due":"2026-05-01"}],"update":""}`))
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{RecordKeyAttended, RecordKeyUpdate, RecordKeyBarriers, RecordKeyDecision, RecordKeyActions, RecordKeyEscalation}
	if !reflect.DeepEqual(p.Keys, wantKeys) {
		t.Errorf("keys = %v, want %v (record order)", p.Keys, wantKeys)
	}
	if !p.Has(RecordKeyDecision) || p.Has(RecordKeyPlan) {
		t.Error("Has is wrong")
	}
	p.Apply(&r)

	want := fullRecord()
	want.MeetingID, want.ChildID = 4, "C9"
	want.Decision = "Adjourned"
	want.Barriers = []Barrier{BarrierNeeds}                                                             // replaced whole
	want.Actions = []Action{{What: "Chase legal", Who: "TM", Due: d("2026-05-01"), Status: ActionOpen}} // replaced whole
	want.Attended = nil                                                                                 // null empties
	want.Escalation = nil
	want.Update = ""
	if !reflect.DeepEqual(r, want) {
		t.Errorf("after apply:\n got %+v\nwant %+v", r, want)
	}

	// The record shares nothing with the patch.
	p.Values.Barriers[0] = BarrierLegal
	p.Values.Actions[0].What = "changed"
	if r.Barriers[0] != BarrierNeeds || r.Actions[0].What != "Chase legal" {
		t.Error("the record shares its lists with the patch")
	}
	yes := true
	q := RecordPatch{Keys: []string{RecordKeyAttended, RecordKeyEscalation}, Values: PanelRecord{Attended: &yes, Escalation: &Escalation{To: "HoS"}}}
	q.Apply(&r)
	*q.Values.Attended = false
	q.Values.Escalation.To = "changed"
	if !*r.Attended || r.Escalation.To != "HoS" {
		t.Error("the record shares attended or the escalation with the patch")
	}
}

func TestCheckRecordAt(t *testing.T) {
	r := PanelRecord{NextReview: d("2026-04-01")}
	err := CheckRecordAt("rec.json", d("2026-03-12"), &r)
	want := `rec.json: next_review: "2026-04-01": less than a month after the meeting of 12/03/2026: ` +
		`the next review is 1 to 6 months ahead, from 12/04/2026 to 12/09/2026`
	if got := problemsOf(t, err); len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
	r.NextReview = d("2026-06-12")
	if err := CheckRecordAt("rec.json", d("2026-03-12"), &r); err != nil {
		t.Errorf("3 months ahead: %v", err)
	}
	if err := CheckRecordAt("rec.json", d("2026-03-12"), &PanelRecord{}); err != nil {
		t.Errorf("no review date is for the caller to default: %v", err)
	}
}

func TestPlanDiffers(t *testing.T) {
	c := Child{Plan: PlanLongTermFostering}
	for _, tc := range []struct {
		plan string
		want bool
	}{{"", false}, {"LTF", false}, {"long_term_fostering", false}, {"adoption", true}, {"sgo", true}} {
		r := PanelRecord{Plan: tc.plan}
		if got := r.PlanDiffers(&c); got != tc.want {
			t.Errorf("plan %q against long-term fostering: differs = %v, want %v", tc.plan, got, tc.want)
		}
	}
}

// FuzzParseRecordFile: whatever a file holds, reading it never panics; a
// file it accepts gives a record that writes out and reads back, through
// the strict reader and the stored form, to the same record.
func FuzzParseRecordFile(f *testing.F) {
	for _, s := range []string{fullRecordJSON, `{}`, `{"plan":null}`, `{"barriers":["other"],"barrier_other":"x"}`,
		`{"actions":[{"what":"w","who":"x","due":"2026-04-01","status":"done","done_on":"2026-04-02"}]}`,
		`{"child_voice":{"gathered":"","text":""}}`, `{"attended":false}`, `[`, `{"a":1}`, "\xef\xbb\xbf{}", `{"next_review":"  "}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseRecordFile("f.json", b)
		if err != nil {
			if len(problemsOf(t, err)) == 0 {
				t.Fatal("an error with no problems")
			}
			return
		}
		var r PanelRecord
		p.Apply(&r)
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := ParseRecordFile("f.json", out)
		if err != nil {
			t.Fatalf("its own output %s is refused: %v", out, err)
		}
		var r2 PanelRecord
		p2.Apply(&r2)
		var r3 PanelRecord
		if err := json.Unmarshal(out, &r3); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r, r2) || !reflect.DeepEqual(r, r3) {
			t.Fatalf("%s read back as %+v / %+v, want %+v", out, r2, r3, r)
		}
	})
}
