package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestScreensFitASmallLaptop: at 1024×700 every screen fits beside the
// navigation without the window growing past the screen (which hides
// Hide names and cuts off the right of the screen).
func TestScreensFitASmallLaptop(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	w.Resize(fyne.NewSize(1024, 700))
	for i := range u.screens {
		u.show(i)
		u.bridge.wait()
		if min := w.Content().MinSize(); min.Width > 1024 || min.Height > 700 {
			t.Errorf("%s needs %.0f×%.0f, more than a 1024×700 window", u.screens[i].title(), min.Width, min.Height)
		}
	}
}
