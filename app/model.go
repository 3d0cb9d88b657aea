package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"permanence/charts"
	"permanence/data"
	"permanence/data/figures"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// This file holds the app's view of the store: the state of every child as
// at a date (cached per date), the filters, and the snapshot each screen
// draws. Nothing here touches a widget; it all runs off the UI goroutine.

// periodChoices are months before the as-at date: periodSetting is the
// authority's reporting period (setting threshold.period_months), and 0
// the financial year to date.
var periodChoices = []struct {
	label  string
	months int
}{
	{"Usual period", periodSetting},
	{"Last 12 months", 12},
	{"Last 6 months", 6},
	{"Last 3 months", 3},
	{"Last month", 1},
	{"Financial year to date", 0},
	{"Last complete quarter", periodLastQuarter},
}

const (
	periodSetting     = -1
	periodLastQuarter = -2 // the latest quarter ended by the as-at date, as at its end
)

// lastCompleteQuarter is the latest quarter that ends on or before a: its
// first and last day.
func lastCompleteQuarter(a data.Date) (start, end data.Date) {
	end = a.QuarterStart().AddMonths(3).AddDays(-1)
	if end != a {
		end = a.QuarterStart().AddDays(-1)
	}
	return end.QuarterStart(), end
}

const (
	allTeams = "All teams"
	allPlans = "All plans"
	allAges  = "All ages"
)

// view is everything that decides what the screens show: the as-at date,
// the period and the filters.
type view struct {
	asAt         data.Date
	periodMonths int // periodSetting: the authority's reporting period; 0: financial year to date
	filter       data.Filter
}

// request is the figures service's request for the view.
func (v view) request() figures.Request {
	r := figures.Request{AsOf: v.asAt, Filter: v.filter, FinancialYear: v.periodMonths == 0, Successes: true}
	switch {
	case v.periodMonths > 0:
		r.PeriodMonths = v.periodMonths
	case v.periodMonths == periodLastQuarter && !v.asAt.IsZero():
		// The quarter's figures as at its end: what a board's quarterly
		// report shows.
		start, end := lastCompleteQuarter(v.asAt)
		r.AsOf, r.From = end, start.AddDays(-1)
	}
	return r
}

// filtered reports whether any filter narrows the children.
func (v view) filtered() bool { return v.filter.Active() }

// childRow is what lists show of a child beyond the record itself.
type childRow struct {
	stage     string // the latest milestone by the as-at date
	stageDate data.Date
	stageDays int // days since it (-1 when there is no dated milestone)
	ageBand   string
	legal     string // legal status group
	inCare    bool
	drift     string // short drift labels, joined
	driftDays int    // days the longest-running drift flag has run
}

// snapshot is one computed state of the dashboard: every screen draws from
// it, and it is never changed once built.
type snapshot struct {
	view      view
	seq       int
	fig       *data.Figures
	m         *data.Measures // over the filtered children
	all       []data.Child   // every child's state, unfiltered, by ID (shared: read only)
	rows      []childRow     // per m.Children
	inCare    []int          // indices of children in care at the as-at date
	teams     []string       // every team in the unfiltered state
	quarters  []data.QuarterSuccesses
	authority string
	extracts  []data.Extract
}

// child returns the i-th child of the snapshot.
func (s *snapshot) child(i int) *data.Child { return &s.m.Children[i] }

// members is the children behind a count key.
func (s *snapshot) members(key data.Key) []int { return s.m.Members[key] }

// periodText says the period in words: "1 Apr 2025 to 31 Mar 2026".
func (s *snapshot) periodText() string {
	return ukDate(s.m.PeriodStart.AddDays(1)) + " to " + ukDate(s.m.AsOf)
}

// buildSnapshot asks the figures service for the view's figures and adds
// what the lists show of each child.
func buildSnapshot(ctx context.Context, svc *figures.Service, v view) (*snapshot, error) {
	f, err := svc.Figures(ctx, v.request())
	if err != nil {
		return nil, err
	}
	ms := f.Measures
	// Screens read the snapshot's as-at date: the date the figures are as
	// at (the quarter's end for "Last complete quarter").
	v.asAt = ms.AsOf
	s := &snapshot{view: v, fig: f, m: ms, all: f.All, teams: teamsOf(f.All), rows: make([]childRow, len(ms.Children)),
		quarters: f.Successes, authority: f.Authority, extracts: f.Extracts}
	for i := range ms.Children {
		c := &ms.Children[i]
		r := &s.rows[i]
		r.stage, r.stageDate = data.CurrentStage(c, v.asAt)
		r.stageDays = -1
		if !r.stageDate.IsZero() {
			r.stageDays = data.Days(r.stageDate, v.asAt)
		}
		r.ageBand = c.AgeBand(v.asAt)
		r.legal = data.LegalStatusGroup(c.LegalStatus)
		r.inCare = data.InCare(c, v.asAt)
		if r.inCare {
			s.inCare = append(s.inCare, i)
		}
		if fl := ms.Drift[i]; len(fl) > 0 {
			parts := make([]string, len(fl))
			for j, f := range fl {
				parts[j] = f.Kind.Short(ms.Thresholds)
				if f.Days > r.driftDays {
					r.driftDays = f.Days
				}
			}
			r.drift = strings.Join(parts, ", ")
		}
	}
	return s, nil
}

// teamsOf lists every team named in the children's records, sorted.
func teamsOf(all []data.Child) []string {
	set := map[string]bool{}
	for i := range all {
		if t := all[i].Team; t != "" {
			set[t] = true
		}
	}
	teams := make([]string, 0, len(set))
	for t := range set {
		teams = append(teams, t)
	}
	sort.Strings(teams)
	return teams
}

// quarterLabel is a trend quarter as tables show it: "2026-Q4 so far"
// while the as-at date is before the quarter's end, so that a part quarter
// is not read as a fall. (Charts keep the short label, which fits under a
// bar; a chart of counts says so in its title.)
func quarterLabel(q data.Quarter, asAt data.Date) string {
	if asAt < q.End {
		return q.Name + " so far"
	}
	return q.Name
}

// ukDate writes a date the way the panel's papers do: "31 Mar 2026".
func ukDate(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 Jan 2006")
}

// plural writes "1 child" or "3 children".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", thousands(n), many)
}

// thousands writes n with commas: 12,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// weeks writes days as weeks to one decimal place.
func weeks(days int) string { return fmt.Sprintf("%.1f", float64(days)/7) }

// limitText is the care proceedings limit in words: "26 weeks".
func limitText(th data.Thresholds) string { return data.WeeksText(th.ProceedingsDays) }

// limitLine is the proceedings limit drawn across a chart of weeks.
func limitLine(th data.Thresholds) charts.Threshold {
	return charts.Threshold{Value: float64(th.ProceedingsDays) / 7, Label: limitText(th) + " limit"}
}

// ragColour is the colour of a red/amber/green status, the same on every
// screen and slide as in the reports' status column.
func ragColour(st data.RAG) fyne.ThemeColorName {
	switch st {
	case data.RAGGreen:
		return theme.ColorNameSuccess
	case data.RAGAmber:
		return colorNameAmber
	case data.RAGRed:
		return colorNameWarning
	}
	return theme.ColorNamePrimary
}

// catalogueLabel is a measure's label from the catalogue, with the
// thresholds in force ("Care order over 9 months, plan not LTF").
func catalogueLabel(m *data.Measures, key data.Key) string {
	e, err := data.Lookup(key)
	if err != nil {
		return string(key)
	}
	return e.Label(m.Thresholds)
}

// hasCourtDates reports whether any child's record holds a court date: an
// SSDA903 return records none, and its zeros must not read as "none".
func (s *snapshot) hasCourtDates() bool {
	for i := range s.all {
		c := &s.all[i]
		if !c.PreProceedingsStart.IsZero() || !c.ProceedingsIssued.IsZero() || !c.FinalHearing.IsZero() {
			return true
		}
	}
	return false
}

// durationText is a time a child has waited, as a person says it: weeks
// under a year ("38.4 weeks"), years and months beyond ("2 years 3 months").
func durationText(days int) string {
	if days < 365 {
		return weeks(days) + " weeks"
	}
	months := days * 12 / 365
	y, m := months/12, months%12
	out := plural(y, "year", "years")
	if m > 0 {
		out += " " + plural(m, "month", "months")
	}
	return out
}
