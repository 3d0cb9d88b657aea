package app

import (
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// host is what a figures screen may ask of the dashboard around it: the
// latest snapshot, drill-downs to the children behind a count, a child's
// timeline, the export buttons of its lists and charts, and whether names
// are hidden. Screens get this, not the whole ui.
type host interface {
	snapshot() *snapshot
	drillDown(title string, key data.Key)
	showChildren(title string, idx []int)
	openChild(i int)
	listButton(list func() shownList) *widget.Button
	exportableChart(c *chartView, name string, figures func() shownList)
	names() bool
}

// snapshot is the figures on screen (nil until the first are worked out).
func (u *ui) snapshot() *snapshot { return u.snap }

var _ host = (*ui)(nil)
