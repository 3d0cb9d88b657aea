package store

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"permanence/data"
)

func TestPanelSettingsDefaults(t *testing.T) {
	s := openTemp(t)
	ps, err := s.PanelSettings(context.Background())
	want := data.PanelSettings{Kinds: []data.PanelKindSettings{
		{Kind: data.PanelTracking, Cadence: "monthly", StartTime: "10:00", MinutesPerChild: 20},
		{Kind: data.PanelAdoption, Cadence: "monthly", StartTime: "10:00", MinutesPerChild: 20},
	}}
	if err != nil || !reflect.DeepEqual(ps, want) {
		t.Errorf("a new store's panel settings: %+v (%v), want %+v", ps, err, want)
	}
}

func TestPanelSettingsChanged(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	err := s.ChangeSettings(ctx, [][2]string{
		{"panel.kinds", " Adoption , tracking "},
		{"panel.adoption.cadence", "Fortnightly"},
		{"panel.adoption.start_time", "9:30"},
		{"panel.adoption.minutes_per_child", "45"},
		{"panel.tracking.cadence", "weekly"},
		{"panel.all.minutes_per_child", "5"},
	})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.PanelSettings(ctx)
	want := data.PanelSettings{Kinds: []data.PanelKindSettings{
		{Kind: data.PanelAdoption, Cadence: "fortnightly", StartTime: "09:30", MinutesPerChild: 45},
		{Kind: data.PanelTracking, Cadence: "weekly", StartTime: "10:00", MinutesPerChild: 20},
	}}
	if err != nil || !reflect.DeepEqual(ps, want) {
		t.Errorf("panel settings %+v (%v), want %+v", ps, err, want)
	}
	// Settings lists every panel setting, of every kind, in force and default.
	all, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, st := range all {
		got[st.Key] = st.Value + " (default " + st.Default + ")"
	}
	for key, v := range map[string]string{
		"panel.kinds":                      "adoption,tracking (default tracking,adoption)",
		"panel.adoption.start_time":        "09:30 (default 10:00)",
		"panel.tracking.cadence":           "weekly (default monthly)",
		"panel.all.minutes_per_child":      "5 (default 20)",
		"panel.all.cadence":                "monthly (default monthly)",
		"panel.tracking.minutes_per_child": "20 (default 20)",
		"threshold.proceedings_days":       "182 (default 182)",
	} {
		if got[key] != v {
			t.Errorf("Settings: %s = %q, want %q", key, got[key], v)
		}
	}
	// An empty value puts a setting back to its default.
	if err := s.ChangeSettings(ctx, [][2]string{{"panel.kinds", ""}, {"panel.adoption.start_time", ""}}); err != nil {
		t.Fatal(err)
	}
	ps, _ = s.PanelSettings(ctx)
	if len(ps.Kinds) != 2 || ps.Kinds[0].Kind != data.PanelTracking || ps.Kinds[1].StartTime != "10:00" || ps.Kinds[1].Cadence != "fortnightly" {
		t.Errorf("after emptying two settings: %+v", ps)
	}
}

func TestPanelSettingsRefused(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, tc := range []struct{ key, value, says string }{
		{"panel.kinds", "fostering", "not a panel kind"},
		{"panel.kinds", "tracking,,adoption", "not a panel kind"},
		{"panel.kinds", "tracking, tracking", "listed twice"},
		{"panel.kinds", "all,adoption", "run it alone"},
		{"panel.tracking.cadence", "daily", "weekly, fortnightly or monthly"},
		{"panel.tracking.start_time", "25:00", "not a time of day"},
		{"panel.tracking.start_time", "9.30", "not a time of day"},
		{"panel.tracking.start_time", "10:5", "not a time of day"},
		{"panel.tracking.start_time", "10:60", "not a time of day"},
		{"panel.adoption.minutes_per_child", "4", "from 5 to 120"},
		{"panel.adoption.minutes_per_child", "121", "from 5 to 120"},
		{"panel.adoption.minutes_per_child", "twenty", "from 5 to 120"},
		{"panel.tracking.colour", "blue", "no setting called"},
		{"panel.fostering.cadence", "monthly", "no setting called"},
	} {
		// Each with a good change beside it: none is stored.
		err := s.ChangeSettings(ctx, [][2]string{{"panel.all.cadence", "weekly"}, {tc.key, tc.value}})
		if err == nil || !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), tc.key) {
			t.Errorf("%s = %q: %v, want an error naming the key and saying %q", tc.key, tc.value, err, tc.says)
		}
	}
	if v, _ := s.Setting(ctx, "panel.all.cadence", "none"); v != "none" {
		t.Errorf("a refused batch stored panel.all.cadence = %q", v)
	}
	// A value that is not usable, stored by other means, is an error.
	mustExec(t, s.db, "INSERT INTO settings (key, value) VALUES ('panel.tracking.minutes_per_child', '500')")
	if _, err := s.PanelSettings(ctx); err == nil || !strings.Contains(err.Error(), "panel.tracking.minutes_per_child") {
		t.Errorf("a stored bad value: %v", err)
	}
}

func TestQuartersSetting(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	th, err := s.Thresholds(ctx)
	if err != nil || th.FinancialQuarters {
		t.Fatalf("default: financial %v, %v", th.FinancialQuarters, err)
	}
	if err := s.ChangeSetting(ctx, SettingQuarters, "Financial"); err != nil {
		t.Fatal(err)
	}
	if th, _ := s.Thresholds(ctx); !th.FinancialQuarters {
		t.Error("quarters = financial should name quarters by the financial year")
	}
	err = s.ChangeSetting(ctx, SettingQuarters, "fiscal")
	if err == nil || !strings.Contains(err.Error(), "use calendar (Q1 is January–March) or financial") {
		t.Errorf("a bad value should say what is allowed: %v", err)
	}
	if th, _ := s.Thresholds(ctx); !th.FinancialQuarters {
		t.Error("a refused value should leave the setting as it was")
	}
	if err := s.ChangeSetting(ctx, SettingQuarters, ""); err != nil {
		t.Fatal(err)
	}
	if th, _ := s.Thresholds(ctx); th.FinancialQuarters {
		t.Error("an empty value puts the default (calendar) back")
	}
}
