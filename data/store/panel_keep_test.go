package store

import (
	"context"
	"reflect"
	"testing"

	"permanence/data"
)

// panelState is everything the panel typed, as the store returns it.
type panelState struct {
	Meetings []data.Meeting
	Agendas  [][]AgendaEntry
	Records  []data.MeetingRecord
	History  [][]data.RecordVersion
}

// readPanel reads every meeting, agenda, record and history.
func readPanel(t *testing.T, s *Store) panelState {
	t.Helper()
	ctx := context.Background()
	var p panelState
	var err error
	if p.Meetings, err = s.Meetings(ctx); err != nil {
		t.Fatal(err)
	}
	for _, m := range p.Meetings {
		a, err := s.StoredAgenda(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.Agendas = append(p.Agendas, a)
	}
	if p.Records, err = s.AllRecords(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Records {
		h, err := s.RecordHistory(ctx, r.Meeting.ID, r.Record.ChildID)
		if err != nil {
			t.Fatal(err)
		}
		p.History = append(p.History, h)
	}
	return p
}

// TestImportsLeavePanelRecords: imports, an import that replaces the
// extract of a date (--replace) with one where the child is gone, and
// deleting every extract leave every meeting, agenda line, record and
// version as it was, for children in the extracts and out of them.
func TestImportsLeavePanelRecords(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"}, data.Child{ID: "B"})
	held := newMeeting(t, s, "2026-02-10", data.PanelTracking)
	closed := newMeeting(t, s, "2026-01-12", data.PanelAdoption)
	for _, r := range []data.PanelRecord{fullRecord(held, "A", "1"), fullRecord(held, "A", "2"), fullRecord(held, "GONE", "1"), fullRecord(closed, "B", "1")} {
		if _, err := s.SaveRecord(ctx, r, "sw"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RemoveFromAgenda(ctx, held, "S"); err != nil {
		t.Fatal(err)
	}
	moveMeeting(t, s, held, data.MeetingHeld)
	moveMeeting(t, s, closed, data.MeetingHeld)
	moveMeeting(t, s, closed, data.MeetingClosed)
	before := readPanel(t, s)
	if len(before.Records) != 3 || len(before.History[1]) != 2 {
		t.Fatalf("the panel's records to keep: %+v", before)
	}
	check := func(after string) {
		t.Helper()
		if got := readPanel(t, s); !reflect.DeepEqual(got, before) {
			t.Errorf("after %s the panel's records changed:\n%+v\nwere\n%+v", after, got, before)
		}
	}

	saveRows(t, s, data.KindTracker, "feb.csv", d("2026-02-28"), data.Child{ID: "A"})
	check("an import")
	// jan.csv replaced by a file of the same date without A or B.
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "jan v2.csv", SHA256: "jan v2", Date: d("2026-01-31"), Children: []data.Child{{ID: "C"}}}
	if r, err := s.SaveExtract(ctx, x, true, nil); err != nil || r.Replaced == nil {
		t.Fatalf("replace: %+v %v", r, err)
	}
	check("--replace")
	xs, _ := s.Extracts(ctx)
	for _, x := range xs {
		if err := s.DeleteExtract(ctx, x.ID); err != nil {
			t.Fatal(err)
		}
	}
	if xs, _ := s.Extracts(ctx); len(xs) != 0 {
		t.Fatalf("%d extracts left", len(xs))
	}
	check("deleting every extract")
	saveRows(t, s, data.KindTracker, "mar.csv", d("2026-03-31"), data.Child{ID: "B"})
	check("an import into the emptied store")
}
