//go:build tour

package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/importer"
	"time"
)

// The screenshot tour (.ci/screenshots.sh builds with -tags tour): it
// prints "tour: NAME" once each screen is drawn and waits for a line on
// standard input before the next.

func init() {
	tour = func(u *ui, atWelcome bool) {
		if atWelcome {
			u.runTour([]tourStep{{"welcome", func() {}}}, nil)
			return
		}
		u.startTour()
	}
}

// tourStep is one screen of the tour.
type tourStep struct {
	name string
	do   func()
}

// startTour walks the screens for the screenshot script (Options.Tour).
func (u *ui) startTour() {
	steps := []tourStep{
		{"overview", func() { u.showScreen("overview") }},
		{"court", func() { u.showScreen("court") }},
		{"adoption", func() { u.showScreen("adoption") }},
		{"plans", func() { u.showScreen("plans") }},
		{"celebrations", func() { u.showScreen("celebrations") }},
		{"children", func() { u.showScreen("children") }},
		{"timeline", func() { u.openChildID(u.tourChild()) }},
		{"drilldown", func() {
			u.showScreen("court")
			u.drillDown("Children in care proceedings", data.KeyProceedings)
		}},
		{"quality", func() {
			if u.drill != nil {
				u.drill.Hide()
			}
			u.showScreen("quality")
		}},
		{"settings", func() { u.showScreen("settings") }},
		{"panel", func() { u.showScreen("panel") }},
		{"panel-agenda", func() { u.panel.openMeeting(u.tourMeeting(data.MeetingPlanned)) }},
		{"panel-meeting", func() { u.panel.openMeeting(u.tourMeeting(data.MeetingHeld)) }},
		{"actions", func() { u.showScreen("actions") }},
		{"escalations", func() { u.showScreen("escalations") }},
		{"changes", func() { u.showScreen("changes") }},
		{"import-problems", func() { u.importer.showDemoReport() }},
		{"present-overview", func() { u.importer.closeReport(); u.present.open(0) }},
		{"present-court", func() { u.present.open(1) }},
		{"present-adoption", func() { u.present.open(3) }},
		{"present-celebrations", func() { u.present.open(len(u.present.slides) - 1) }},
	}
	drawn := make(chan struct{}, 1)
	u.overview.plan.chart.onDrawn = func() { drawn <- struct{}{} }
	u.overview.plan.chart.redraw()
	u.runTour(steps, drawn)
}

// runTour prints when the first view is drawn, then takes each step, says
// so on standard output and waits for a line on standard input.
func (u *ui) runTour(steps []tourStep, drawn chan struct{}) {
	first := "overview"
	if drawn == nil {
		first = steps[0].name
		drawn = make(chan struct{}, 1)
		u.bridge.after(500*time.Millisecond, func() { drawn <- struct{}{} })
	}
	go func() {
		select {
		case <-drawn:
		case <-time.After(20 * time.Second):
		}
		fmt.Printf("ready: %s drawn after %d ms\n", first, time.Since(u.started).Milliseconds())
		in := newLineReader(os.Stdin)
		for _, s := range steps {
			u.bridge.ui(s.do)
			time.Sleep(200 * time.Millisecond)
			u.bridge.wait()
			fmt.Printf("tour: %s\n", s.name)
			if !in.next() {
				break
			}
		}
		fmt.Println("tour: done")
		u.bridge.ui(u.app.Quit)
	}()
}

// showScreen shows the screen whose name() is name.
func (u *ui) showScreen(name string) {
	for i, sc := range u.screens {
		if sc.name() == name {
			u.show(i)
			return
		}
	}
}

// tourMeeting is the demo's latest meeting with the status given (the
// upcoming adoption panel, the meeting last held), or 0.
func (u *ui) tourMeeting(status data.MeetingStatus) int64 {
	ms, err := u.store.Meetings(context.Background())
	if err != nil {
		return 0
	}
	var id int64
	for _, m := range ms {
		if m.Status == status {
			id = m.ID
		}
	}
	return id
}

// lineReader reads lines (the tour's "next" signal).
type lineReader struct{ s *bufio.Scanner }

func newLineReader(r io.Reader) *lineReader { return &lineReader{s: bufio.NewScanner(r)} }

func (l *lineReader) next() bool { return l.s.Scan() }

// showDemoReport imports a small broken file for the tour's screenshot, so
// the report of fatal problems can be seen; nothing is written.
func (f *importFlow) showDemoReport() {
	dir, err := os.MkdirTemp("", "permanence-tour")
	if err != nil {
		f.u.showError(err)
		return
	}
	path := filepath.Join(dir, "tracker-march.csv")
	csv := "Child ID,Name,Date of Birth,CLA Start Date,Permanence Plan,Legal Status,Team\n" +
		"C001,Amelia Smith,12/04/2019,01/02/2024,Adoption,C2,North\n" +
		"C002,Jack Jones,31/02/2018,15/06/2023,Long term fostering,C2,South\n" +
		"C001,Amelia Smith,12/04/2019,01/02/2024,Adoption,C2,North\n" +
		",,,,SGO,V2,East\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		f.u.showError(err)
		return
	}
	f.start([]string{path}, importer.ImportOptions{ExtractDate: data.Today()})
	f.u.bridge.after(2*time.Second, func() { os.RemoveAll(dir) })
}

// tourChild is a child with a full timeline, for the tour.
func (u *ui) tourChild() string {
	best, most := "", -1
	if u.snap == nil {
		return ""
	}
	for i := range u.snap.m.Children {
		c := &u.snap.m.Children[i]
		n := data.Milestones(c)
		if n > most {
			best, most = c.ID, n
		}
	}
	return best
}
