package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"permanence/data"
)

// settingsIndex is the Settings screen's place in the navigation.
func settingsIndex(u *ui) int {
	for i, s := range u.screens {
		if s == u.settings {
			return i
		}
	}
	return -1
}

// screenIndex is the place in the navigation of the screen named name
// (its short key: "quality"), so that tests do not move when a screen is
// added.
func screenIndex(u *ui, name string) int {
	for i, s := range u.screens {
		if s.name() == name {
			return i
		}
	}
	panic("no screen named " + name)
}

// A user changes two thresholds on the Settings screen and saves: the
// store holds them, and the Court and Plans screens say and count with the
// new limits straight away.
func TestSettingsChangeRefreshesEveryScreen(t *testing.T) {
	s := demoStore(t)
	u, _ := newTestUI(t, s)
	u.bridge.wait()
	u.show(settingsIndex(u))
	u.bridge.wait()
	sc := u.settings
	if sc.entries["threshold.proceedings_days"] == nil || sc.save.Disabled() == false {
		t.Fatal("the settings form is not filled, or Save is enabled before anything was typed")
	}
	test.Type(sc.entries["threshold.proceedings_days"], "175")
	test.Type(sc.entries["threshold.care_order_months"], "9")
	sc.entries[storeAuthority].SetText("Demo Borough Council (test)")
	test.Tap(sc.save)
	u.bridge.wait()
	u.bridge.wait()
	if !strings.Contains(sc.message.Text, "Saved 3 setting(s)") {
		t.Fatalf("message = %q", sc.message.Text)
	}
	th, err := s.Thresholds(context.Background())
	if err != nil || th.ProceedingsDays != 175 || th.CareOrderMonths != 9 {
		t.Fatalf("stored thresholds = %+v, %v", th, err)
	}

	u.show(1)
	if got := u.court.over26.caption.Text; got != "Proceedings past 25 weeks" {
		t.Errorf("court tile caption = %q", got)
	}
	// Worked out here from the children's dates: in proceedings at A and
	// more than 175 days since issue.
	m := u.snap.m
	over := 0
	for i := range m.Children {
		c := &m.Children[i]
		if c.ProceedingsIssued.By(m.AsOf) && !c.FinalHearing.By(m.AsOf) && data.Days(c.ProceedingsIssued, m.AsOf) > 175 {
			over++
		}
	}
	if got := u.court.over26.value.Text; got != thousands(over) {
		t.Errorf("court tile = %s, want %d children over 175 days", got, over)
	}
	u.show(3)
	if got := u.plans.careOrderNotLTF.label.Text; got != "Care order over 9 months, plan not LTF" {
		t.Errorf("plans label = %q", got)
	}
	if !strings.HasSuffix(u.title.Text, "(test)") {
		t.Errorf("title = %q: the authority's new name should show at once", u.title.Text)
	}
}

// A value out of range saves nothing, not even the good values typed with it.
func TestSettingsBadValueSavesNothing(t *testing.T) {
	s := demoStore(t)
	u, _ := newTestUI(t, s)
	u.bridge.wait()
	u.show(settingsIndex(u))
	u.bridge.wait()
	sc := u.settings
	test.Type(sc.entries["threshold.a1_days"], "300")
	test.Type(sc.entries["threshold.a2_days"], "four months")
	test.Tap(sc.save)
	u.bridge.wait()
	if !strings.Contains(sc.message.Text, "Nothing was saved") || !strings.Contains(sc.message.Text, "threshold.a2_days") {
		t.Errorf("message = %q", sc.message.Text)
	}
	th, _ := s.Thresholds(context.Background())
	if th != data.DefaultThresholds() {
		t.Errorf("thresholds changed after a refused save: %+v", th)
	}
}

const storeAuthority = "authority_name"

// The Help screen lists the keyboard shortcuts, Ctrl+H among them; the
// colours can be set to dark whatever the computer's, and are remembered.
func TestHelpAndTheme(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.bridge.wait()
	for i, sc := range u.screens {
		if sc.name() == "help" {
			u.show(i)
		}
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Keyboard shortcuts", "Ctrl+H", "Hide or show children's names"} {
		if !strings.Contains(markup, want) {
			t.Errorf("Help should show %q", want)
		}
	}
	u.show(settingsIndex(u))
	u.settings.theme.SetSelected("Dark")
	if got := u.app.Preferences().String(prefTheme); got != themeDark || currentVariant() != theme.VariantDark {
		t.Errorf("dark chosen: preference %q, variant %v", got, currentVariant())
	}
	u.settings.theme.SetSelected("Follow the computer")
	if got := u.app.Preferences().String(prefTheme); got != themeSystem {
		t.Errorf("preference %q after following the computer", got)
	}
}

func TestDurationText(t *testing.T) {
	for days, want := range map[int]string{0: "0.0 weeks", 182: "26.0 weeks", 364: "52.0 weeks", 365: "1 year",
		400: "1 year 1 month", 6124: "16 years 9 months", 730: "2 years"} {
		if got := durationText(days); got != want {
			t.Errorf("durationText(%d) = %q, want %q", days, got, want)
		}
	}
}

// Boards report by financial year: with quarters = financial, the Court
// screen's quarters are named 2025/26 Q1 and so on (the figures are the
// same quarters).
func TestFinancialQuartersOnScreen(t *testing.T) {
	s := demoStore(t)
	u, w := newTestUI(t, s)
	u.bridge.wait()
	calendar := u.snap.m.Quarters
	u.show(settingsIndex(u))
	u.bridge.wait()
	test.Type(u.settings.entries["quarters"], "financial")
	test.Tap(u.settings.save)
	u.bridge.wait()
	u.bridge.wait()
	u.show(1)
	qs := u.snap.m.Quarters
	if len(qs) != len(calendar) || qs[len(qs)-1].Start != calendar[len(calendar)-1].Start {
		t.Fatalf("the quarters themselves should not change: %v, then %v", calendar, qs)
	}
	// testAsAt is 31 March 2026: the last quarter is January–March 2026,
	// the fourth of the financial year 2025/26.
	if got := qs[len(qs)-1].Name; got != "2025/26 Q4" {
		t.Errorf("last quarter named %q, want 2025/26 Q4", got)
	}
	if markup := test.RenderToMarkup(w.Canvas()); !strings.Contains(markup, "2025/26 Q4") || strings.Contains(markup, ">2026-Q1<") {
		t.Error("the Court screen's quarterly table should name quarters by the financial year")
	}
}
