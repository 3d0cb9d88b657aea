package app

import (
	"permanence/data"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestPresentationKeys(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	p := u.present
	u.present.open(0)
	if w.Content() != p.obj || !w.FullScreen() {
		t.Fatal("presentation mode should fill the screen")
	}
	if !u.hideNames {
		t.Error("names should be hidden in presentation mode by default")
	}
	test.AssertRendersToMarkup(t, "present.xml", w.Canvas())
	key := func(k fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	n := len(p.slides)
	for _, step := range []struct {
		key  fyne.KeyName
		want int
	}{
		{fyne.KeyRight, 1}, {fyne.KeySpace, 2}, {fyne.KeyPageDown, 3}, {fyne.KeyLeft, 2},
		{fyne.KeyPageUp, 1}, {fyne.KeyDown, 2}, {fyne.KeyUp, 1}, {fyne.KeyHome, 0},
		{fyne.KeyPageUp, n - 1}, {fyne.KeyPageDown, 0}, {fyne.KeyEnd, n - 1},
	} {
		key(step.key)
		if p.index != step.want {
			t.Errorf("after %s slide %d, want %d", step.key, p.index, step.want)
		}
	}
	if !strings.Contains(p.title.Text, "Successes") {
		t.Errorf("the last slide is %q, want the celebrations", p.title.Text)
	}
	key(fyne.KeyA)
	if !p.auto || !strings.Contains(p.footer.Text, "auto-advance on") {
		t.Error("A should turn auto-advance on")
	}
	key(fyne.KeyEscape)
	if p.active() || w.Content() != u.dashboard || w.FullScreen() {
		t.Error("Esc should leave presentation mode")
	}
	if p.auto {
		t.Error("leaving should stop auto-advance")
	}
	if !u.hideNames || !u.hide.Checked {
		t.Error("the shared screen is still showing: names stay hidden after presenting, until someone shows them")
	}
}

// Hide names is remembered across restarts, and Ctrl+H turns it on and off.
func TestHideNamesRemembered(t *testing.T) {
	s := demoStore(t)
	u, w := newTestUI(t, s)
	if u.hideNames {
		t.Fatal("names are shown by default")
	}
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault})
	if !u.hideNames || !u.hide.Checked {
		t.Fatal("Ctrl+H should hide names")
	}
	again := newUI(u.app, w, s, Options{})
	if !again.hideNames || !again.hide.Checked {
		t.Error("a new start of the app should keep names hidden")
	}
}

func TestPresentationKeepsNamesHiddenIfChosen(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.hide.SetChecked(true)
	u.present.open(0)
	u.present.close()
	if !u.hideNames {
		t.Error("names hidden before presenting should stay hidden")
	}
}

func TestPresentationSlidesNeverShowNames(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.present.open(0)
	for i := range u.present.slides {
		u.present.show(i)
		markup := test.RenderToMarkup(w.Canvas())
		for j := range u.snap.m.Children[:50] {
			if name := u.snap.m.Children[j].Name; name != "" && strings.Contains(markup, name) {
				t.Fatalf("slide %d shows the name %s", i, name)
			}
		}
	}
}

// Every slide says which children it shows when a filter is on, and a
// trend whose last quarter is part-finished says "so far".
func TestSlidesSayFilterAndPartQuarter(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.bridge.wait()
	u.view.filter.Team = u.snap.teams[0]
	u.setAsAt(data.MustDate("2026-02-15"))
	u.bridge.wait()
	u.present.open(0)
	for i := range u.present.slides {
		u.present.show(i)
		if !strings.Contains(u.present.section.Text, "children shown: "+u.snap.teams[0]) {
			t.Errorf("slide %d does not say it is filtered: %q", i, u.present.section.Text)
		}
	}
	u.present.show(1) // median weeks to final hearing, by quarter
	if !strings.Contains(u.present.title.Text, "2026-Q1 so far") {
		t.Errorf("a trend slide as at 15 Feb 2026 should say 2026-Q1 so far: %q", u.present.title.Text)
	}
}

// The court slides put England and Wales's figure beside ours, from the
// benchmark table: as at 31 March 2026 the newest national quarter ended by
// then is April–June 2025 (38 weeks, 36% within 26 weeks).
func TestSlidesCarryTheNationalFigure(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.present.open(1)
	if got := u.present.headline.Text; !strings.Contains(got, "England and Wales: 38") || !strings.Contains(got, "Apr") {
		t.Errorf("the median weeks slide should carry the national figure and its period: %q", got)
	}
	u.present.open(2)
	if got := u.present.headline.Text; !strings.Contains(got, "England and Wales: 36") {
		t.Errorf("the within-26-weeks slide should carry the national share: %q", got)
	}
	u.present.close()
}
