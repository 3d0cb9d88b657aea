package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data/store"
)

// settingsScreen: the authority's name and every threshold, as
// `permanence settings` lists them. Saving checks every value first, stores
// them together, and every screen is worked out again with them.
type settingsScreen struct {
	store   *store.Store
	bridge  *bridge
	onSaved func() // works every figure out again
	theme   *widget.Select
	onTheme func(choice string) // light, dark or the computer's
	obj     fyne.CanvasObject
	form    *fyne.Container
	entries map[string]*widget.Entry
	loaded  []store.Setting
	message *widget.Label
	save    *widget.Button
	dirty   bool // typed into since the settings were read
}

func newSettingsScreen(st *store.Store, b *bridge, onSaved func()) *settingsScreen {
	s := &settingsScreen{store: st, bridge: b, onSaved: onSaved, entries: map[string]*widget.Entry{}}
	s.form = container.New(newFormLayout())
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButtonWithIcon("Save settings", theme.DocumentSaveIcon(), s.saveChanges)
	s.save.Importance = widget.HighImportance
	s.save.Disable()
	defaults := widget.NewButton("Put every threshold back to its default", s.restoreDefaults)
	s.theme = widget.NewSelect(themeLabels, func(string) {
		if s.onTheme != nil {
			s.onTheme(themeChoices[s.theme.SelectedIndex()])
		}
	})
	body := container.NewVBox(
		heading("Settings"),
		section("Appearance on this computer", container.NewHBox(widget.NewLabel("Colours"), fixed(s.theme, 260))),
		note("The authority's name appears on every screen and paper. The thresholds decide every measure, label, "+
			"red/amber/green status and drift flag on screen, on the slides, on the command line and in the spreadsheets. "+
			"Leave a threshold empty to use its default."),
		s.form,
		container.NewHBox(s.save, defaults),
		s.message,
	)
	s.obj = container.NewVScroll(container.NewPadded(body))
	return s
}

func (s *settingsScreen) name() string              { return "settings" }
func (s *settingsScreen) title() string             { return "Settings" }
func (s *settingsScreen) icon() fyne.Resource       { return theme.SettingsIcon() }
func (s *settingsScreen) object() fyne.CanvasObject { return s.obj }

// update reads the settings again (off the UI goroutine), unless the user
// has typed something not yet saved.
func (s *settingsScreen) update(*snapshot) {
	if s.dirty {
		return
	}
	st := s.store
	run(s.bridge, func(ctx context.Context) ([]store.Setting, error) {
		return st.Settings(ctx)
	}, func(all []store.Setting, err error) {
		if err != nil {
			s.message.SetText("The settings could not be read: " + err.Error())
			return
		}
		if !s.dirty {
			s.show(all)
		}
	})
}

// show fills the form with the stored settings.
func (s *settingsScreen) show(all []store.Setting) {
	s.loaded = all
	if len(s.entries) == 0 {
		for _, st := range all {
			e := widget.NewEntry()
			e.OnChanged = func(string) { s.changed() }
			s.entries[st.Key] = e
			label := widget.NewLabel(st.Label)
			label.Wrapping = fyne.TextWrapWord
			hint := ""
			if st.Default != "" {
				hint = "default " + st.Default
			}
			e.SetPlaceHolder(hint)
			s.form.Add(label)
			s.form.Add(e)
		}
	}
	for _, st := range all {
		e := s.entries[st.Key]
		e.OnChanged = nil
		e.SetText(st.Value)
		if st.Default != "" && st.Value == st.Default {
			e.SetText("")
		}
		e.OnChanged = func(string) { s.changed() }
	}
	s.dirty = false
	s.save.Disable()
}

func (s *settingsScreen) changed() {
	s.dirty = true
	s.save.Enable()
	s.message.SetText("")
}

// restoreDefaults empties every threshold: saving then uses the defaults.
func (s *settingsScreen) restoreDefaults() {
	for _, st := range s.loaded {
		if st.Default != "" {
			s.entries[st.Key].SetText("")
		}
	}
	s.changed()
}

// saveChanges stores every setting whose text differs from what was read,
// all together or none, then works the figures out again.
func (s *settingsScreen) saveChanges() {
	var changes [][2]string
	for _, st := range s.loaded {
		text := s.entries[st.Key].Text
		shown := st.Value
		if st.Default != "" && st.Value == st.Default {
			shown = ""
		}
		if text != shown {
			changes = append(changes, [2]string{st.Key, text})
		}
	}
	if len(changes) == 0 {
		s.dirty = false
		s.save.Disable()
		return
	}
	st := s.store
	s.save.Disable()
	run(s.bridge, func(ctx context.Context) ([]store.Setting, error) {
		if err := st.ChangeSettings(ctx, changes); err != nil {
			return nil, err
		}
		return st.Settings(ctx)
	}, func(all []store.Setting, err error) {
		if err != nil {
			s.message.SetText("Nothing was saved: " + err.Error())
			s.save.Enable()
			return
		}
		s.dirty = false
		s.show(all)
		s.message.SetText(fmt.Sprintf("Saved %d setting(s). Every screen now uses them.", len(changes)))
		s.onSaved()
	})
}

// formLayout puts labels and entries in two columns, the entries a
// comfortable width.
type formLayout struct{}

func newFormLayout() fyne.Layout { return formLayout{} }

const settingsEntryWidth, settingsLabelWidth = 220, 480

func (formLayout) rows(objs []fyne.CanvasObject) [][2]fyne.CanvasObject {
	var out [][2]fyne.CanvasObject
	for i := 0; i+1 < len(objs); i += 2 {
		out = append(out, [2]fyne.CanvasObject{objs[i], objs[i+1]})
	}
	return out
}

func (l formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	pad := theme.Padding()
	for _, r := range l.rows(objs) {
		lw := r[0].MinSize()
		w = max(w, lw.Width+pad+settingsEntryWidth)
		h += max(lw.Height, r[1].MinSize().Height) + pad
	}
	return fyne.NewSize(w, h)
}

func (l formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	// Entries sit beside their labels, not across a wide window.
	labelW := min(size.Width-settingsEntryWidth-pad, settingsLabelWidth)
	y := float32(0)
	for _, r := range l.rows(objs) {
		r[0].Resize(fyne.NewSize(labelW, r[0].MinSize().Height))
		h := max(r[0].MinSize().Height, r[1].MinSize().Height)
		r[0].Move(fyne.NewPos(0, y))
		r[1].Resize(fyne.NewSize(settingsEntryWidth, r[1].MinSize().Height))
		r[1].Move(fyne.NewPos(labelW+pad, y))
		y += h + pad
	}
}

// The theme choices as Settings offers them.
var (
	themeChoices = []string{themeSystem, themeLight, themeDark}
	themeLabels  = []string{"Follow the computer", "Light", "Dark"}
)

// themeIndex is a choice's place in themeChoices.
func themeIndex(choice string) int {
	for i, c := range themeChoices {
		if c == choice {
			return i
		}
	}
	return 0
}
