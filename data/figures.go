package data

import "strings"

// Figures are the panel's figures as at one date, for one period and one
// filter: what the CLI prints, every screen draws and every export writes.
// The figures service (data/figures) builds them from the store, with the
// thresholds and settings the store holds; nothing downstream reads the
// store again.
type Figures struct {
	Authority string    // the authority's name, from the settings ("" when not set)
	Extract   string    // the latest extract on or before the as-at date: "file (extract of 31 Mar 2026)"
	Extracts  []Extract // every extract in the store, oldest first
	Filter    Filter
	// All is every child's state as at the date, unfiltered (shared: read only).
	All []Child
	// Measures are over the filtered children, as at the date, for the period.
	*Measures
	// Successes are the celebrations of each trend quarter.
	Successes []QuarterSuccesses
	// Quarterly holds, when asked for, the data set at the end of each of
	// the last n quarters, over that quarter (the board and SLT reports).
	Quarterly []QuarterFigures
	// PeriodChanges are the changes over the measures' period (PeriodStart
	// < d ≤ AsOf) of the children the filter keeps that the change
	// measures count (AddChanges): disruptions, changes of plan with their
	// revocations, plans differing from the panel's. The view's other
	// lines are not worked out (Changes.View is false).
	PeriodChanges *Changes
	// Changes are, when asked for, every line of the changes between two
	// dates (the last two meetings of a kind, the last two extracts, or
	// any two), of the children the filter keeps.
	Changes *Changes
	// Panel holds the panel's own figures over the half-year to the as-at
	// date (the SLT report), for every child whatever the filter.
	Panel *PanelFigures
}

// QuarterFigures are the measures at one quarter's end, over that quarter.
type QuarterFigures struct {
	Quarter Quarter
	End     Date // the quarter's last day, or the as-at date for the current quarter
	*Measures
	// Disruptions and PlanChanges are those dated (disruptions) or first
	// seen (changes of plan) in the quarter, up to End, of the children
	// the filter keeps.
	Disruptions []Disruption
	PlanChanges []ChangeOfPlan
}

// Filter narrows the children the measures count; the zero Filter keeps
// every child.
type Filter struct {
	Team    string
	Plan    string // a plan label ("Adoption"), or "" for every plan
	AgeBand string // a DfE age band, or "" for every age
}

// Active reports whether the filter narrows the children.
func (f Filter) Active() bool { return f.Team != "" || f.Plan != "" || f.AgeBand != "" }

// Keeps reports whether the filter keeps a child, with its age at a.
func (f Filter) Keeps(c *Child, a Date) bool {
	return (f.Team == "" || c.Team == f.Team) && (f.Plan == "" || c.Plan.Label() == f.Plan) &&
		(f.AgeBand == "" || c.AgeBand(a) == f.AgeBand)
}

// Text says the filter in words: "Team: North; Plan: Adoption", or "".
func (f Filter) Text() string {
	var parts []string
	for _, p := range [][2]string{{"Team", f.Team}, {"Plan", f.Plan}, {"Age", f.AgeBand}} {
		if p[1] != "" {
			parts = append(parts, p[0]+": "+p[1])
		}
	}
	return strings.Join(parts, "; ")
}

// Apply returns the children the filter keeps (the same slice when it
// keeps every child).
func (f Filter) Apply(all []Child, a Date) []Child {
	if !f.Active() {
		return all
	}
	out := make([]Child, 0, len(all))
	for i := range all {
		if f.Keeps(&all[i], a) {
			out = append(out, all[i])
		}
	}
	return out
}

// QuarterSuccesses counts the celebrations of one trend quarter, one count
// per key of SuccessKeys.
type QuarterSuccesses struct {
	Quarter Quarter
	Partial bool // the as-at date is before the quarter's end
	Counts  []int
}

// Total is the quarter's celebrations.total.
func (q QuarterSuccesses) Total() int {
	n := 0
	for _, c := range q.Counts {
		n += c
	}
	return n
}

// Text is the quarter as tables show it: "2026-Q4 so far" for a part quarter.
func (q QuarterSuccesses) Text() string {
	if q.Partial {
		return q.Quarter.Name + " so far"
	}
	return q.Quarter.Name
}

// SuccessesByQuarter counts the celebrations in each trend quarter of m,
// computing the same measures over each quarter as the period, so a
// quarter's total is what celebrations.total would be for it.
func SuccessesByQuarter(m *Measures) []QuarterSuccesses {
	// Only children with a success date can count: compute over those.
	var few []Child
	for i := range m.Children {
		c := &m.Children[i]
		for _, k := range SuccessKinds {
			if !k.Date(c).IsZero() {
				few = append(few, *c)
				break
			}
		}
	}
	out := make([]QuarterSuccesses, len(m.Quarters))
	for i, q := range m.Quarters {
		end := q.End
		if end > m.AsOf {
			end = m.AsOf
		}
		qm := Compute(few, end, q.Start.AddDays(-1), m.Thresholds)
		out[i] = QuarterSuccesses{Quarter: q, Partial: m.AsOf < q.End, Counts: make([]int, len(SuccessKeys))}
		for j, k := range SuccessKeys {
			out[i].Counts[j] = qm.Count(k)
		}
	}
	return out
}

// FinancialYearStart is the day before the financial year holding a
// begins: 31 March (the period is from < d <= a).
func FinancialYearStart(a Date) Date {
	y, m, _ := a.YMD()
	if m <= 3 {
		y--
	}
	return NewDate(y, 3, 31)
}
