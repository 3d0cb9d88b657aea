package panel

import (
	"reflect"
	"testing"

	"permanence/data"
	"permanence/data/store"
)

func lines(ids ...string) []data.AgendaLine {
	out := make([]data.AgendaLine, len(ids))
	for i, id := range ids {
		out[i] = data.AgendaLine{ChildID: id, Reasons: []data.Reason{data.ReasonReviewDue}}
	}
	return out
}

func ids(ls []data.AgendaLine) []string {
	out := []string{}
	for _, l := range ls {
		out = append(out, l.ChildID)
	}
	return out
}

// How a planned meeting's agenda puts the suggestions and what people did
// by hand together.
func TestMerge(t *testing.T) {
	for _, c := range []struct {
		name      string
		suggested []data.AgendaLine
		entries   []store.AgendaEntry
		want      []string
	}{
		{"suggestions alone", lines("A", "B", "C"), nil, []string{"A", "B", "C"}},
		{"added by hand go after the suggestions", lines("A", "B"),
			[]store.AgendaEntry{{ChildID: "X", Position: 0, Added: true}}, []string{"A", "B", "X"}},
		{"a removed suggestion stays off", lines("A", "B", "C"),
			[]store.AgendaEntry{{ChildID: "B", Removed: true}}, []string{"A", "C"}},
		{"an order set by hand is kept; a new suggestion follows it", lines("A", "B", "C", "D"),
			[]store.AgendaEntry{{ChildID: "C", Position: 0}, {ChildID: "X", Position: 1, Added: true}, {ChildID: "A", Position: 2}, {ChildID: "B", Position: 3}},
			[]string{"C", "X", "A", "B", "D"}},
		{"a placed suggestion with no reason left drops off", lines("A"),
			[]store.AgendaEntry{{ChildID: "Z", Position: 0}, {ChildID: "A", Position: 1}}, []string{"A"}},
	} {
		got := ids(merge(c.suggested, c.entries))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// A suggested child also added by hand keeps their reasons and says added.
	got := merge(lines("A"), []store.AgendaEntry{{ChildID: "A", Added: true}})
	if len(got) != 1 || !reflect.DeepEqual(got[0].Reasons, []data.Reason{data.ReasonReviewDue, data.ReasonAdded}) {
		t.Errorf("suggested and added: %+v", got)
	}
}
