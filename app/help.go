package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcuts are the keys the app answers to, as the Help screen lists them.
var shortcuts = [][2]string{
	{"Ctrl+1 … Ctrl+9", "Go to one of the first nine screens of the list on the left (Overview … Escalations)"},
	{"Ctrl+H", "Hide or show children's names"},
	{"Ctrl+I", "Import an extract"},
	{"Ctrl+E", "Export the panel pack, board summary, SLT report, a list or a chart"},
	{"Ctrl+P", "Present: full screen, one chart per slide, names hidden"},
	{"← → Space, Page Up, Page Down", "In presentation: the next or previous slide (what a clicker sends)"},
	{"Home, End", "In presentation: the first or last slide"},
	{"A", "In presentation: advance by itself every 20 seconds, on or off"},
	{"Esc", "Leave presentation; close a list of children"},
	{"Ctrl+Q", "Quit"},
}

// helpScreen lists the keyboard shortcuts and where things are.
type helpScreen struct{ obj fyne.CanvasObject }

func newHelpScreen() *helpScreen {
	grid := container.New(newFormLayout())
	for _, s := range shortcuts {
		k := widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		grid.Add(widget.NewLabel(s[1]))
		grid.Add(k)
	}
	body := container.NewVBox(
		heading("Help"),
		note("Every number and bar can be clicked to see the children behind it, and a child to see their timeline. "+
			"The as-at date, period and filters at the top apply to every screen, slide and export."),
		section("Keyboard shortcuts", grid),
	)
	return &helpScreen{obj: container.NewVScroll(container.NewPadded(body))}
}

func (s *helpScreen) name() string              { return "help" }
func (s *helpScreen) title() string             { return "Help" }
func (s *helpScreen) icon() fyne.Resource       { return theme.HelpIcon() }
func (s *helpScreen) object() fyne.CanvasObject { return s.obj }
func (s *helpScreen) update(*snapshot)          {}
