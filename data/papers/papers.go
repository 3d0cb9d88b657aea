// Package papers writes a panel meeting's papers (panel.md, "Outputs"):
// the agenda as a workbook, a printable PDF and an iCalendar file with one
// event per slot; the minutes as a workbook and a PDF; and each child's
// record as a PDF for their case file. `permanence panel export` and the
// app call WriteMeetingPapers.
//
// Who sees what. The agenda and the minutes go to everyone at the meeting,
// usually by email, so they name each child by initials and child ID only;
// the calendar file, which ends up on phones and shared diaries, carries
// initials alone (no ID, no date of birth), as panel.md asks. A child's
// record PDF goes to their case file, so it shows their name and date of
// birth. Every PDF is A4, set in an embedded Unicode font (the Go fonts, so
// names such as Łukasz or Zoë print as typed), with the authority's name
// and the OFFICIAL-SENSITIVE marking at the top and "Page N of M" at the
// foot of every page; every workbook prints on A4 landscape, fitted to the
// width, its header rows repeated.
package papers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"permanence/data"
	"permanence/data/panel"
	"permanence/data/platform"
	"permanence/data/store"
)

// Marking is the handling marking every paper carries: they hold personal
// data about children (UK Government Security Classifications).
const Marking = "OFFICIAL-SENSITIVE"

// meetingPapers is everything a meeting's papers say, read from the store
// once.
type meetingPapers struct {
	authority       string
	meeting         data.Meeting
	stamps          store.MeetingStamps
	agenda          panel.Agenda
	minutesPerChild int
	items           []item    // the agenda's children in order, then any other child with a record
	now             time.Time // when the papers were made
}

// item is one child at the meeting.
type item struct {
	line     panel.Line
	child    *data.Child       // the child in the latest extract (name, date of birth); nil when no extract holds them
	then     *data.Child       // the child as the extracts had them at the meeting (the case system's plan then)
	rec      *data.PanelRecord // nil: no record written
	versions []data.RecordVersion
}

// draft reports whether the meeting's records may still change (it is not
// closed).
func (p *meetingPapers) draft() bool { return p.meeting.Status != data.MeetingClosed }

// records counts the children with a record.
func (p *meetingPapers) records() int {
	n := 0
	for _, it := range p.items {
		if it.rec != nil {
			n++
		}
	}
	return n
}

// WriteMeetingPapers writes meeting meetingID's papers into dir (created,
// readable by the user alone, when missing) and returns the paths written,
// in this order:
//
//	agenda-YYYY-MM-DD-KIND.xlsx, .pdf and .ics
//	minutes-YYYY-MM-DD-KIND.xlsx and .pdf           (held or closed meetings)
//	record-CHILDID-YYYY-MM-DD.pdf, one per record  (held or closed meetings)
//
// A planned meeting has no records yet: only its agenda is written. A held
// meeting's minutes and records are marked as a draft (the records may
// still change until the meeting is closed). Files of the same names are
// replaced, each atomically and 0600: exporting again is how papers are
// brought up to date. Nothing is written outside dir: a child ID with
// characters a file name cannot hold is written with them replaced and a
// short fingerprint of the ID added (record-A_1-3f2a9c1b-2026-03-20.pdf).
func WriteMeetingPapers(ctx context.Context, svc *panel.Service, meetingID int64, dir string) ([]string, error) {
	if strings.TrimSpace(dir) == "" {
		return nil, errors.New("say which folder to write the papers to")
	}
	p, err := gather(ctx, svc, meetingID)
	if err != nil {
		return nil, err
	}
	if err := makeDir(dir); err != nil {
		return nil, err
	}
	return p.write(dir)
}

// makeDir creates dir 0700 when missing; an existing folder is used as it
// is.
func makeDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return fmt.Errorf("%s is a file, not a folder: give a folder for the papers", dir)
	case err == nil:
		return nil
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("cannot use the folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the folder %s: %w", dir, err)
	}
	return nil
}

// write writes every paper into dir.
func (p *meetingPapers) write(dir string) ([]string, error) {
	base := p.meeting.Date.String() + "-" + safeName(string(p.meeting.Kind))
	type paper struct {
		name  string
		what  string
		write func(path string) error
	}
	papers := []paper{
		{"agenda-" + base + ".xlsx", "the agenda workbook", p.writeAgendaXLSX},
		{"agenda-" + base + ".pdf", "the agenda PDF", p.writeAgendaPDF},
		{"agenda-" + base + ".ics", "the agenda calendar", p.writeAgendaICS},
	}
	if p.meeting.Status != data.MeetingPlanned {
		papers = append(papers,
			paper{"minutes-" + base + ".xlsx", "the minutes workbook", p.writeMinutesXLSX},
			paper{"minutes-" + base + ".pdf", "the minutes PDF", p.writeMinutesPDF})
		for i := range p.items {
			it := &p.items[i]
			if it.rec == nil {
				continue
			}
			papers = append(papers, paper{RecordFileName(it.line.ChildID, p.meeting.Date),
				"child " + it.line.ChildID + "'s record", func(path string) error { return p.writeRecordPDF(path, it) }})
		}
	}
	var out []string
	for _, pp := range papers {
		path := filepath.Join(dir, pp.name)
		if err := pp.write(path); err != nil {
			return out, fmt.Errorf("write %s (%s): %w", pp.what, path, err)
		}
		out = append(out, path)
	}
	return out, nil
}

// RecordFileName is the name of a child's record PDF at a meeting on date:
// record-CHILDID-YYYY-MM-DD.pdf, the ID made safe for a file name.
func RecordFileName(childID string, date data.Date) string {
	return "record-" + safeID(childID) + "-" + date.String() + ".pdf"
}

// safeID is a child ID as it can stand in a file name on any system: the
// ID itself when it holds only letters, digits, '-', '_' and '.' (not at
// either end); otherwise those characters kept, every other replaced by
// '_', and the first 8 hex digits of the ID's SHA-256 added, so that two
// IDs never share a name.
func safeID(id string) string {
	s := safeName(id)
	if s == id {
		return s
	}
	sum := sha256.Sum256([]byte(id))
	return s + "-" + hex.EncodeToString(sum[:4])
}

// safeName is s as a file name every system accepts (platform.SafeFileName:
// ASCII letters, digits, '-', '_' and '.' kept, anything else '_', no dots
// at the ends, never a Windows device name). Never empty.
func safeName(s string) string { return platform.SafeFileName(s) }

// gather reads a meeting's papers from the store.
func gather(ctx context.Context, svc *panel.Service, id int64) (*meetingPapers, error) {
	st := svc.Store()
	ag, err := svc.Agenda(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &meetingPapers{meeting: ag.Meeting, agenda: ag, now: time.Now()}
	if p.authority, err = st.Setting(ctx, store.SettingAuthorityName, ""); err != nil {
		return nil, fmt.Errorf("read the authority's name: %w", err)
	}
	if p.stamps, err = st.MeetingStamps(ctx, id); err != nil {
		return nil, err
	}
	ps, err := st.PanelSettings(ctx)
	if err != nil {
		return nil, err
	}
	p.minutesPerChild = ps.For(p.meeting.Kind).MinutesPerChild
	children, err := latestChildren(ctx, st)
	if err != nil {
		return nil, err
	}
	then, err := childrenAt(ctx, st, p.meeting.Date)
	if err != nil {
		return nil, err
	}
	recs, err := st.Records(ctx, id)
	if err != nil {
		return nil, err
	}
	byChild := map[string]*data.PanelRecord{}
	for i := range recs {
		byChild[recs[i].ChildID] = &recs[i]
	}
	for _, l := range ag.Lines {
		p.items = append(p.items, item{line: l, child: children[l.ChildID], then: then[l.ChildID], rec: byChild[l.ChildID]})
		delete(byChild, l.ChildID)
	}
	// A record whose child is off the agenda cannot be saved (saving puts
	// them on it), but a paper that left a record out would be worse than
	// one that lists it last.
	for i := range recs {
		if byChild[recs[i].ChildID] != nil {
			c := children[recs[i].ChildID]
			l := panel.Line{AgendaLine: data.AgendaLine{ChildID: recs[i].ChildID}}
			if c != nil {
				l.Name, l.Initials, l.SocialWorker, l.Team, l.Plan = c.Name, c.Initials(), c.SocialWorker, c.Team, c.Plan
			}
			p.items = append(p.items, item{line: l, child: c, then: then[l.ChildID], rec: &recs[i]})
		}
	}
	for i := range p.items {
		it := &p.items[i]
		if it.rec == nil {
			continue
		}
		if it.versions, err = st.RecordHistory(ctx, id, it.line.ChildID); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// latestChildren is every child as the latest extract has them, by ID.
func latestChildren(ctx context.Context, st *store.Store) (map[string]*data.Child, error) {
	a, err := st.LatestExtractDate(ctx)
	if err != nil || a.IsZero() {
		return map[string]*data.Child{}, err
	}
	return childrenAt(ctx, st, a)
}

// childrenAt is every child's state as at a, by ID.
func childrenAt(ctx context.Context, st *store.Store, a data.Date) (map[string]*data.Child, error) {
	all, err := st.StateAt(ctx, a)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*data.Child, len(all))
	for i := range all {
		out[all[i].ID] = &all[i]
	}
	return out, nil
}
