package demo

import (
	"context"
	"reflect"
	"testing"

	"permanence/data"
	"permanence/data/internal/testkit"
)

// TestDemoLeavesPanelRecords: loading the demo again leaves the panel's
// records made in the demo's store as they were (the demo's own and one
// typed since); a store holding a panel's records and no demo
// extract (a real store) is refused, and left without demo data.
func TestDemoLeavesPanelRecords(t *testing.T) {
	ctx := context.Background()
	s := testkit.OpenStore(t)
	o := DemoOptions{Children: 60, Months: 3, Seed: 3, End: testkit.D("2026-03-31")}
	if err := LoadDemo(ctx, s, o, nil); err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateMeeting(ctx, data.Meeting{Date: testkit.D("2026-04-10"), Kind: data.PanelAll, Chair: "Demo chair"}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	rec := data.PanelRecord{MeetingID: id, ChildID: "demo child", Decision: "Endorse the plan", Barriers: []data.Barrier{data.BarrierCourtDelay}}
	if _, err := s.SaveRecord(ctx, rec, "tester"); err != nil {
		t.Fatal(err)
	}
	read := func() ([]data.MeetingRecord, []data.RecordVersion) {
		t.Helper()
		all, err := s.AllRecords(ctx)
		if err != nil {
			t.Fatal(err)
		}
		hist, err := s.RecordHistory(ctx, id, "demo child")
		if err != nil {
			t.Fatal(err)
		}
		return all, hist
	}
	recs, hist := read()
	kept := 0
	for _, mr := range recs {
		if mr.Record.ChildID == "demo child" && mr.Record.Decision == "Endorse the plan" {
			kept++
		}
	}
	if kept != 1 || len(hist) != 1 {
		t.Fatalf("the record to keep: %d of %d records, history %+v", kept, len(recs), hist)
	}
	if err := LoadDemo(ctx, s, o, nil); err != nil {
		t.Fatal(err)
	}
	if r, h := read(); !reflect.DeepEqual(r, recs) || !reflect.DeepEqual(h, hist) {
		t.Errorf("loading the demo again changed the panel's records:\n%+v\n%+v", r, h)
	}

	real := testkit.OpenStore(t)
	if _, err := real.CreateMeeting(ctx, data.Meeting{Date: testkit.D("2026-04-10"), Kind: data.PanelTracking}, "coordinator"); err != nil {
		t.Fatal(err)
	}
	if err := LoadDemo(ctx, real, o, nil); err != ErrRealData {
		t.Errorf("the demo into a store with a panel's records: %v, want ErrRealData", err)
	}
	if xs, _ := real.Extracts(ctx); len(xs) != 0 {
		t.Errorf("the refused demo stored %d extracts", len(xs))
	}
}
