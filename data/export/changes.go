package export

// The workbooks' sheets of changes (issue 13): in the panel pack, the
// changes between two dates and the period's disruptions, changes of plan
// and plans the case system has not caught up with; in the board and SLT
// reports, each quarter's disruptions and changes of plan.

import (
	"fmt"
	"sort"

	"permanence/data"
)

// The sheets of changes.
const (
	SheetChanges     = "Changes"
	SheetDisruptions = "Disruptions"
	SheetPlanChanges = "Changes of plan"
	SheetPlanDiffers = "Plan differs from panel"
)

// changeLists are the pack's lists of changes, in order: the changes
// between two dates when the figures hold them, then the period's
// disruptions, changes of plan and plans that differ from the panel's.
func (p *packBuilder) changeLists() []packList {
	var out []packList
	if ch := p.f.Changes; ch != nil {
		out = append(out, packList{p.changes, fmt.Sprintf("What changed from %s: came into care, left care, plans changed, "+
			"drift begun and stopped, proceedings concluded, permanence achieved, disruptions", ch.WindowText())})
	}
	return append(out,
		packList{p.disruptions, label(data.KeyDisruptions, p.m.Thresholds) + ", with the panel's recommendation"},
		packList{p.planChanges, "Changes of permanence plan in the period, with placement orders revoked against " +
			data.MonthsText(p.m.Thresholds.AdoptionEndedMonths)},
		packList{p.planDiffers, label(data.KeyCaseSystemDiffers, p.m.Thresholds)},
	)
}

// childIn is a child's state as at the changes' later date (a bare row
// with the ID should the changes not hold it).
func childIn(ch *data.Changes, id string) *data.Child {
	if ch != nil {
		if c := ch.Child(id); c != nil {
			return c
		}
	}
	return &data.Child{ID: id}
}

// periodChanges are the changes over the period, or none.
func (p *packBuilder) periodChanges() *data.Changes {
	if p.f.PeriodChanges != nil {
		return p.f.PeriodChanges
	}
	return &data.Changes{From: p.m.PeriodStart, To: p.m.AsOf}
}

// changes lists every line of the changes between the two dates, in the
// order of data.Changes.Categories, a row per event.
func (p *packBuilder) changes() xlList {
	ch := p.f.Changes
	th := ch.Thresholds
	var rows [][]any
	add := func(line, id string, d data.Date, detail string) {
		rows = append(rows, p.base(childIn(ch, id), line, dateOrNil(d), detail))
	}
	for _, e := range ch.CameIntoCare {
		add("Came into care", e.ChildID, e.Date, "Entered care")
	}
	for _, e := range ch.LeftCare {
		add("Left care", e.ChildID, e.Date, e.How())
	}
	for _, e := range ch.PlanChanged {
		add("Plan changed", e.ChildID, e.Seen, e.Text()+" (then and now)")
	}
	for _, e := range ch.BecameDrifting {
		add("Began drifting", e.ChildID, e.Since, e.Kind.Label(th))
	}
	for _, e := range ch.StoppedDrifting {
		add("Stopped drifting", e.ChildID, e.Since, e.Kind.Label(th)+" (no longer)")
	}
	for _, e := range ch.ProceedingsConcluded {
		add("Proceedings concluded", e.ChildID, e.Date, "Final hearing")
	}
	for _, e := range ch.AchievedPermanence {
		add("Achieved permanence", e.ChildID, e.Date, e.Label)
	}
	for _, e := range ch.Disruptions {
		add("Disruption", e.ChildID, e.Date, e.Kind.Label()+": "+e.What)
	}
	for _, e := range ch.PlanChanges {
		detail := e.Text()
		if r := e.Revocation; r != nil {
			detail += "; placement order " + string(r.Status(ch.To))
		}
		add("Change of plan", e.ChildID, e.Seen, detail)
	}
	for _, e := range ch.CaseSystemDiffers {
		add("Case system differs", e.ChildID, e.Meeting.Date, differsText(e))
	}
	cols := p.baseCols("Change", "Date", "Detail")
	cols[len(cols)-2].Date = true
	ls := xlList{name: SheetChanges, cols: cols, rows: rows, maxWidth: 64, header: "Changes from " + ch.WindowText()}
	ls.printFirst("Child ID", "Name", "Age", "Team", "Change", "Date", "Detail")
	return ls
}

func dateOrNil(d data.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

func differsText(e data.PlanDiffers) string {
	return fmt.Sprintf("Case system: %s; the panel's plan (%s): %s", e.CaseSystem.Label(), e.Meeting.Date.UK(), e.Panel.Label())
}

// disruptions lists the period's disruptions, oldest first.
func (p *packBuilder) disruptions() xlList {
	ch := p.periodChanges()
	rows := make([][]any, 0, len(ch.Disruptions))
	for _, e := range ch.Disruptions {
		between := ""
		if !e.Since.IsZero() {
			between = e.Since.UK() + " to " + e.Seen.UK()
		}
		var rec any = "None recorded"
		if e.Recommendation != nil {
			rec = e.Recommendation.Meeting.Date
		}
		rows = append(rows, p.base(childIn(ch, e.ChildID), e.Kind.Label(), e.Date, e.Placement, e.Source(), between,
			e.ReasonPlaceChange, e.ReasonPlacedCeased, rec, e.What))
	}
	cols := p.baseCols("Disruption", "Date", "Placement", "Seen in", "Between extracts", "Reason for the change of placement (SSDA903)",
		"Adoption decision reversed (SSDA903)", "Panel recommendation", "What happened")
	cols = markDates(cols, rows)
	ls := xlList{name: SheetDisruptions, cols: cols, rows: rows, maxWidth: 64}
	ls.printFirst("Child ID", "Name", "Age", "Disruption", "Date", "Placement", "Seen in", "Panel recommendation", "What happened")
	return ls
}

// planChanges lists the period's changes of plan, first seen first, with
// the revocation of the placement order of each change away from adoption
// that left one.
func (p *packBuilder) planChanges() xlList {
	ch := p.periodChanges()
	a := p.m.AsOf
	rows := make([][]any, 0, len(ch.PlanChanges))
	for _, e := range ch.PlanChanges {
		extra := []any{e.From.Label(), e.To.Label(), e.Seen}
		if r := e.Revocation; r != nil {
			var days any
			if n, ok := r.Days(); ok {
				days = p.over(n, r.Status(a) == data.RevokedLate)
			}
			extra = append(extra, r.PlacementOrder, r.Changed, r.Target, dateOrNil(r.Revoked), days, string(r.Status(a)))
		}
		rows = append(rows, p.base(childIn(ch, e.ChildID), extra...))
	}
	cols := p.baseCols("Plan from", "Plan to", "First seen", "Placement order", "Change date", "Target for revocation",
		"Placement order revoked", "Days to revocation", "Revocation")
	for i := range cols {
		switch cols[i].Heading {
		case "First seen", "Placement order", "Change date", "Target for revocation", "Placement order revoked":
			cols[i].Date = true
		}
	}
	return xlList{name: SheetPlanChanges, cols: cols, rows: rows}
}

// planDiffers lists the children whose plan changed and whose case
// system plan is not the panel's.
func (p *packBuilder) planDiffers() xlList {
	ch := p.periodChanges()
	list := append([]data.PlanDiffers(nil), ch.CaseSystemDiffers...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Meeting.Date < list[j].Meeting.Date })
	rows := make([][]any, 0, len(list))
	for _, e := range list {
		why := "Plan changed in the case system"
		switch {
		case e.ChangedInCaseSystem && e.EndorsedInWindow:
			why = "Plan changed in the case system; the panel endorsed its plan in the period"
		case e.EndorsedInWindow:
			why = "The panel endorsed its plan in the period"
		}
		rows = append(rows, p.base(childIn(ch, e.ChildID), e.CaseSystem.Label(), e.Panel.Label(), e.Meeting.Date, why))
	}
	cols := p.baseCols("Case system plan", "The panel's plan", "Panel meeting", "Why listed")
	cols[len(cols)-2].Date = true
	return xlList{name: SheetPlanDiffers, cols: cols, rows: rows}
}

// changeRows are the report's Trends rows of each quarter's disruptions
// and changes of plan.
func changeRows(th data.Thresholds) []reportRow {
	disruptions := func(kind data.DisruptionKind) func(q data.QuarterFigures) any {
		return func(q data.QuarterFigures) any {
			n := 0
			for _, d := range q.Disruptions {
				if kind == "" || d.Kind == kind {
					n++
				}
			}
			return n
		}
	}
	plans := func(keep func(c *data.ChangeOfPlan) bool) func(q data.QuarterFigures) any {
		return func(q data.QuarterFigures) any {
			n := 0
			for i := range q.PlanChanges {
				if keep(&q.PlanChanges[i]) {
					n++
				}
			}
			return n
		}
	}
	return []reportRow{
		{label: "Disruptions and changes of plan", group: true},
		{label: "Disruptions: placements meant to be permanent that ended", value: disruptions("")},
		{label: "… adoptive or early permanence placements ended, no adoption order", value: disruptions(data.DisruptionAdoption)},
		{label: "… long-term fostering matches ended", value: disruptions(data.DisruptionLTF)},
		{label: "Changes of permanence plan", value: plans(func(*data.ChangeOfPlan) bool { return true })},
		{label: "… away from adoption", value: plans(func(c *data.ChangeOfPlan) bool { return c.From == data.PlanAdoption })},
		{label: "… away from adoption with a placement order", value: plans(func(c *data.ChangeOfPlan) bool { return c.Revocation != nil })},
		{label: "… placement order revoked within " + data.MonthsText(th.AdoptionEndedMonths) + " (as at the quarter's end)",
			value: func(q data.QuarterFigures) any {
				n := 0
				for _, c := range q.PlanChanges {
					if c.Revocation != nil && c.Revocation.Status(q.End) == data.RevokedWithinTarget {
						n++
					}
				}
				return n
			}},
	}
}
