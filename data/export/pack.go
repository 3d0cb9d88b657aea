package export

import (
	"errors"
	"fmt"
	"permanence/data"
	"runtime"
	"sort"

	"github.com/xuri/excelize/v2"
)

// The panel pack's list sheets, in order. Two sheets are named after a
// threshold: see SheetOverLimit and SheetPlacedWithParentsOver.
const (
	SheetInProceedings   = "In proceedings"
	SheetPreProceedings  = "Pre-proceedings"
	SheetAdoptionJourney = "Adoption journey"
	SheetLTFNotMatched   = "LTF not matched"
	SheetAwaitingRevoke  = "PO awaiting revocation"
	SheetDrift           = "Drift flags"
	SheetCelebrations    = "Celebrations"
)

// SheetOverLimit is the name of the pack's sheet of proceedings over the
// limit in force: "Over 26 weeks".
func SheetOverLimit(th data.Thresholds) string { return "Over " + data.WeeksText(th.ProceedingsDays) }

// SheetPlacedWithParentsOver is the name of the pack's sheet of children
// placed with parents over the limit in force: "Placed with parents 6m+".
func SheetPlacedWithParentsOver(th data.Thresholds) string {
	return fmt.Sprintf("Placed with parents %dm+", th.PlacedWithParentsMonths)
}

// WritePanelPack writes the monthly panel pack for the figures f: a cover,
// the Measures sheet (every item of the data set with its numerator,
// denominator, threshold and red/amber/green status), the Trends sheet
// with native charts, one sheet per list the panel works from and a
// Celebrations sheet (initials only). Labels and thresholds are the
// catalogue's with f's thresholds. The authority and the extract used come
// from f unless o names them. With o.HideNames, child lists show IDs only.
// Big lists are streamed; the file is written 0600.
func WritePanelPack(path string, f *data.Figures, o ExportOptions) error {
	if f == nil || f.Measures == nil {
		return errors.New("no figures to export: compute them first")
	}
	m := f.Measures
	o = o.withFigures(f)
	wb, st, err := xlNewWorkbook(SheetCover)
	if err != nil {
		return err
	}
	defer wb.Close()
	page := xlPage{authority: o.Authority, asOf: m.AsOf, marking: "OFFICIAL-SENSITIVE"}
	if o.HideNames {
		page.marking = "OFFICIAL-SENSITIVE (names hidden)"
	}
	p := &packBuilder{m: m, f: f, o: o, st: st}
	// Sheets appear in the order they are created; the cover (the first
	// sheet) is written last, when the size of every list is known.
	if err := xlWriteList(wb, st, measuresList(m, st), page); err != nil {
		return fmt.Errorf("write the Measures sheet: %w", err)
	}
	if err := xlWriteList(wb, st, benchmarksList(m), page); err != nil {
		return fmt.Errorf("write the Benchmarks sheet: %w", err)
	}
	if err := xlPackTrends(wb, st, m, page); err != nil {
		return fmt.Errorf("write the Trends sheet: %w", err)
	}
	contents, err := p.writeLists(wb, page)
	if err != nil {
		return err
	}
	if err := xlWriteCover(wb, st, p.cover(f, contents), page); err != nil {
		return fmt.Errorf("write the cover: %w", err)
	}
	if err := wb.SetDocProps(&excelize.DocProperties{Title: "Permanence panel pack as at " + m.AsOf.UK(),
		Subject: o.Authority, Creator: "permanence", Category: "OFFICIAL-SENSITIVE"}); err != nil {
		return err
	}
	return xlSave(wb, path)
}

// writeLists writes the pack's list sheets and returns the cover's
// contents: the Measures and Trends sheets, then each list with its size.
// Each list is built, streamed and dropped in turn, so a national-scale
// pack never holds more than one list in memory.
func (p *packBuilder) writeLists(wb *excelize.File, page xlPage) ([][2]string, error) {
	th := p.m.Thresholds
	contents := [][2]string{
		{SheetMeasures, "Every item of the panel's data set: value, numerator and denominator, threshold and status, England's figure and the authority's comparators beside it"},
		{SheetBenchmarks, "The published figures beside the panel's own: source, address, period, age and how each differs from the local measure"},
		{SheetTrends, "Quarterly trends with charts: time to final hearing, time to placement order, children by plan"},
	}
	sinceGC, collected := 0, false
	lists := []packList{
		{p.inProceedings, "Children in care proceedings, with weeks since issue"},
		{p.overLimit, label(data.KeyProceedingsOver26Weeks, th)},
		{p.preProceedings, "Children in pre-proceedings (PLO), with weeks so far"},
		{p.adoptionJourney, "Adoption plans and adoptions in the period: stage dates and days between them"},
		{p.ltfNotMatched, "Long-term fostering plans without a ratified match"},
		{p.placedWithParents, data.DriftPlacedWithParents.Label(th)},
		{p.awaitingRevocation, "Placement orders where adoption is no longer the plan, awaiting revocation"},
		{p.drift, "Every drift flag, with the date it started and the days it has run"},
		{p.celebrations, "Successes in the period, by initials only"},
	}
	for _, l := range append(lists, p.changeLists()...) {
		list := l.build()
		if err := xlWriteList(wb, p.st, list, page); err != nil {
			return nil, fmt.Errorf("write the %s sheet: %w", list.name, err)
		}
		contents = append(contents, [2]string{list.name, fmt.Sprintf("%s (%d)", l.what, len(list.rows))})
		// Writing a big list leaves several times its size in garbage
		// while the streamed sheets themselves stay in memory until the
		// file is saved. Collecting after each big list keeps the peak
		// near what is live (about 2x less at national scale) for a few
		// milliseconds each; small packs never pay for it.
		sinceGC += len(list.rows) * len(list.cols)
		if sinceGC >= 200000 {
			runtime.GC()
			sinceGC, collected = 0, true
		}
	}
	if collected {
		runtime.GC() // before the save, which compresses every sheet
	}
	return contents, nil
}

// cover is what the pack's cover says.
func (p *packBuilder) cover(f *data.Figures, contents [][2]string) xlCover {
	m, o := p.m, p.o
	names := "Shown"
	if o.HideNames {
		names = "Hidden: child IDs only"
	}
	return xlCover{
		title: "Permanence panel pack",
		details: [][2]any{
			{"Authority", textOr(o.Authority, "not set")},
			{"As at", m.AsOf},
			{"Period", periodText(m)},
			{"Filter", filterText(f.Filter)},
			{"Thresholds", thresholdsText(m.Thresholds)},
			{"Extract used", textOr(o.Extract, "not recorded")},
			{"Prepared", data.Today()},
			{"Names", names},
			{"Handling", "OFFICIAL-SENSITIVE: personal data about children. Keep on the authority's systems; do not email outside the secure network."},
		},
		glance:   m,
		contents: contents,
		notes: withNote([]string{
			"Proportions are shown as numerator and denominator. Red, amber and green follow the rule written beside each measure on the Measures sheet.",
			"Medians and means are rounded to one decimal place; weeks are days divided by 7; months are calendar months.",
		}, populationNote(f)),
	}
}

// withNote is notes with note added, when there is one.
func withNote(notes []string, note string) []string {
	if note == "" {
		return notes
	}
	return append(notes, note)
}

// packBuilder makes the pack's lists from the measures (and the changes
// the figures hold).
type packBuilder struct {
	m  *data.Measures
	f  *data.Figures
	o  ExportOptions
	st *xlStyles
}

// packList is one of the pack's lists: how to build it, and what the
// cover says it holds.
type packList struct {
	build func() xlList
	what  string
}

// baseCols are the columns that start every child list: the child's ID,
// then (unless names are hidden) their name, age, team and social worker.
func (p *packBuilder) baseCols(extra ...string) []ListColumn {
	cols := []ListColumn{{Heading: "Child ID"}}
	if !p.o.HideNames {
		cols = append(cols, ListColumn{Heading: "Name"})
	}
	cols = append(cols, ListColumn{Heading: "Age"}, ListColumn{Heading: "Team"})
	if !p.o.HideNames {
		cols = append(cols, ListColumn{Heading: "Social worker"})
	}
	for _, h := range extra {
		cols = append(cols, ListColumn{Heading: h})
	}
	return cols
}

// markDates flags the columns whose values are dates.
func markDates(cols []ListColumn, rows [][]any) []ListColumn {
	if len(rows) == 0 {
		return cols
	}
	for i := range cols {
		for _, r := range rows {
			if i < len(r) && r[i] != nil {
				_, cols[i].Date = r[i].(data.Date)
				break
			}
		}
	}
	return cols
}

func (p *packBuilder) base(c *data.Child, extra ...any) []any {
	row := make([]any, 0, 5+len(extra))
	row = append(row, c.ID)
	if !p.o.HideNames {
		row = append(row, c.Name)
	}
	var age any
	if a := c.AgeAt(p.m.AsOf); a >= 0 {
		age = a
	}
	row = append(row, age, c.Team)
	if !p.o.HideNames {
		row = append(row, c.SocialWorker)
	}
	return append(row, extra...)
}

// by returns d when it is on or before the as-at date, else no date.
func (p *packBuilder) by(d data.Date) data.Date {
	if d.By(p.m.AsOf) {
		return d
	}
	return data.NoDate
}

func weeksOf(days int) float64 { return data.RoundRatio(int64(days), 7) }

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// over styles a figure red when it is over its limit.
func (p *packBuilder) over(v any, over bool) any {
	if !over {
		return v
	}
	switch v.(type) {
	case float64:
		return excelize.Cell{StyleID: p.st.redWeeks, Value: v}
	case int:
		return excelize.Cell{StyleID: p.st.redInt, Value: v}
	}
	return v
}

// sortedMembers returns the children behind key, ordered by less.
func (p *packBuilder) sortedMembers(key data.Key, less func(a, b *data.Child) bool) []*data.Child {
	cs := p.m.ChildrenOf(key)
	sort.SliceStable(cs, func(i, j int) bool { return less(cs[i], cs[j]) })
	return cs
}

func (p *packBuilder) inProceedings() xlList {
	a, lim := p.m.AsOf, p.m.Thresholds.ProceedingsDays
	cs := p.sortedMembers(data.KeyProceedings, func(x, y *data.Child) bool { return x.ProceedingsIssued < y.ProceedingsIssued })
	rows := make([][]any, len(cs))
	for i, c := range cs {
		days := data.Days(c.ProceedingsIssued, a)
		rows[i] = p.base(c, c.Plan.Label(), c.LegalStatus, c.ProceedingsIssued, days,
			p.over(weeksOf(days), days > lim), yesNo(days > lim))
	}
	cols := p.baseCols("Permanence plan", "Legal status", "Proceedings issued", "Days since issue", "Weeks since issue",
		"Over "+data.WeeksText(lim))
	return xlList{name: SheetInProceedings, cols: markDates(cols, rows), rows: rows}
}

// overLimit lists the proceedings running over the limit in force.
func (p *packBuilder) overLimit() xlList {
	a := p.m.AsOf
	cs := p.sortedMembers(data.KeyProceedingsOver26Weeks, func(x, y *data.Child) bool { return x.ProceedingsIssued < y.ProceedingsIssued })
	rows := make([][]any, len(cs))
	for i, c := range cs {
		days := data.Days(c.ProceedingsIssued, a)
		w := weeksOf(days)
		rows[i] = p.base(c, c.Plan.Label(), c.LegalStatus, c.ProceedingsIssued, p.over(w, true),
			data.RoundRatio(int64(days)-int64(p.m.Thresholds.ProceedingsDays), 7), p.by(c.CareOrder))
	}
	cols := p.baseCols("Permanence plan", "Legal status", "Proceedings issued", "Weeks since issue", "Weeks over the limit", "Interim or care order")
	return xlList{name: SheetOverLimit(p.m.Thresholds), cols: markDates(cols, rows), rows: rows}
}

func (p *packBuilder) preProceedings() xlList {
	a, lim := p.m.AsOf, p.m.Thresholds.PreProceedingsDays
	cs := p.sortedMembers(data.KeyPreProceedings, func(x, y *data.Child) bool { return x.PreProceedingsStart < y.PreProceedingsStart })
	rows := make([][]any, len(cs))
	for i, c := range cs {
		days := data.Days(c.PreProceedingsStart, a)
		rows[i] = p.base(c, c.Plan.Label(), c.PreProceedingsStart, days, p.over(weeksOf(days), days > lim), yesNo(days > lim))
	}
	cols := p.baseCols("Permanence plan", "Pre-proceedings start", "Days so far", "Weeks so far", "Over "+data.WeeksText(lim))
	return xlList{name: SheetPreProceedings, cols: markDates(cols, rows), rows: rows}
}

// adoptionStage says where a child is on the adoption journey as at a.
func adoptionStage(c *data.Child, a data.Date) string {
	switch {
	case c.AdoptionOrder.By(a):
		return "Adopted"
	case c.AdoptionApplication.By(a):
		return "Application made, awaiting adoption order"
	case c.PlacedForAdoption.By(a):
		return "Placed, awaiting application"
	case c.Match.By(a):
		return "Matched, awaiting placement"
	case c.PlacementOrder.By(a):
		return "Placement order, awaiting match"
	case c.ADMAdoption.By(a):
		return "ADM decision, awaiting placement order"
	}
	return "Plan adoption, awaiting ADM decision"
}

func (p *packBuilder) adoptionJourney() xlList {
	a, th := p.m.AsOf, p.m.Thresholds
	seen := map[int]bool{}
	var idx []int
	for _, k := range []data.Key{data.CohortKey(data.PlanAdoption), data.KeyAdoptionOrders} {
		for _, i := range p.m.Members[k] {
			if !seen[i] {
				seen[i] = true
				idx = append(idx, i)
			}
		}
	}
	cs := make([]*data.Child, len(idx))
	for i, j := range idx {
		cs[i] = &p.m.Children[j]
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].EnteredCare != cs[j].EnteredCare {
			return cs[i].EnteredCare < cs[j].EnteredCare
		}
		return cs[i].ID < cs[j].ID
	})
	span := func(from, to data.Date) any {
		from, to = p.by(from), p.by(to)
		if from.IsZero() || to.IsZero() {
			return nil
		}
		return data.Days(from, to)
	}
	rows := make([][]any, len(cs))
	for i, c := range cs {
		var a1, a2 any
		if d := span(c.EnteredCare, c.PlacedForAdoption); d != nil {
			a1 = p.over(d, d.(int) > th.A1Days)
		}
		if !p.by(c.PlacementOrder).IsZero() && !p.by(c.Match).IsZero() {
			d := data.A2Days(c)
			a2 = p.over(d, d > th.A2Days)
		}
		end := a
		if c.AdoptionOrder.By(a) {
			end = c.AdoptionOrder
		}
		rows[i] = p.base(c, adoptionStage(c, a),
			p.by(c.EnteredCare), p.by(c.ADMAdoption), p.by(c.PlacementOrder), p.by(c.Match),
			p.by(c.PlacedForAdoption), p.by(c.AdoptionApplication), p.by(c.AdoptionOrder), p.by(c.EarlyPermanence),
			span(c.EnteredCare, c.ADMAdoption), span(c.ADMAdoption, c.PlacementOrder), a2, a1,
			span(c.PlacedForAdoption, c.AdoptionOrder), span(c.EnteredCare, end))
	}
	cols := p.baseCols("Stage", "Entered care", "ADM decision", "Placement order", "Matched", "Placed for adoption",
		"Adoption application", "Adoption order", "Early permanence",
		"Days: care to ADM", "Days: ADM to placement order", "Days: placement order to match (A2)",
		"Days: care to placed (A1)", "Days: placed to adoption order", "Days in care")
	dates := map[string]bool{"Entered care": true, "ADM decision": true, "Placement order": true, "Matched": true,
		"Placed for adoption": true, "Adoption application": true, "Adoption order": true, "Early permanence": true}
	for i := range cols {
		cols[i].Date = dates[cols[i].Heading]
	}
	ls := xlList{name: SheetAdoptionJourney, cols: cols, rows: rows}
	// On paper: who, where they are, the stage dates and the scorecard's
	// A2 and A1, 13 columns at 9 pt; the team, the application and early
	// permanence dates and the other spans follow, on screen.
	ls.printFirst("Child ID", "Name", "Age", "Social worker", "Stage", "Entered care", "ADM decision", "Placement order",
		"Matched", "Placed for adoption", "Adoption order",
		"Days: placement order to match (A2)", "Days: care to placed (A1)")
	return ls
}

// ltfNotMatched lists the children in care with a long-term fostering
// plan and no match both approved by panel and ratified by the ADM: the
// working list Compute keeps.
func (p *packBuilder) ltfNotMatched() xlList {
	a := p.m.AsOf
	cs := p.m.ChildrenOf(data.ListLTFWithoutRatifiedMatch)
	since := func(c *data.Child) data.Date {
		if c.PlanConfirmed.By(a) {
			return c.PlanConfirmed
		}
		return data.NoDate
	}
	sort.SliceStable(cs, func(i, j int) bool {
		x, y := since(cs[i]), since(cs[j])
		if x.IsZero() != y.IsZero() {
			return !x.IsZero()
		}
		return x < y
	})
	rows := make([][]any, len(cs))
	for i, c := range cs {
		var days any
		if d := since(c); !d.IsZero() {
			days = data.Days(d, a)
		}
		rows[i] = p.base(c, c.PlacementType, yesNo(data.IsLTFPlacement(c.PlacementType)), p.by(c.PlacementStart),
			p.by(c.PlanConfirmed), p.by(c.LTFPanel), p.by(c.LTFADM), days)
	}
	cols := p.baseCols("Placement", "Long-term placement (U1/U4)", "Placement start", "Plan confirmed",
		"LTF panel", "LTF ADM", "Days since plan confirmed")
	for _, i := range []int{2, 3, 4, 5} {
		cols[len(cols)-7+i].Date = true
	}
	return xlList{name: SheetLTFNotMatched, cols: cols, rows: rows}
}

func (p *packBuilder) placedWithParents() xlList {
	a := p.m.AsOf
	cs := p.sortedMembers(data.KeyPlacedWithParentsOverLimit, func(x, y *data.Child) bool { return x.PlacedWithParents < y.PlacedWithParents })
	rows := make([][]any, len(cs))
	for i, c := range cs {
		rows[i] = p.base(c, c.LegalStatus, p.by(c.CareOrder), c.PlacedWithParents, data.Days(c.PlacedWithParents, a))
	}
	cols := p.baseCols("Legal status", "Care order", "Placed with parents", "Days placed with parents")
	n := len(cols)
	cols[n-3].Date, cols[n-2].Date = true, true
	return xlList{name: SheetPlacedWithParentsOver(p.m.Thresholds), cols: cols, rows: rows}
}

func (p *packBuilder) awaitingRevocation() xlList {
	a := p.m.AsOf
	cut := a.AddMonths(-p.m.Thresholds.AdoptionEndedMonths)
	cs := p.sortedMembers(data.KeyAwaitingRevocation, func(x, y *data.Child) bool { return x.AdoptionPlanEnded < y.AdoptionPlanEnded })
	rows := make([][]any, len(cs))
	for i, c := range cs {
		long := c.AdoptionPlanEnded <= cut
		rows[i] = p.base(c, c.Plan.Label(), c.PlacementOrder, c.AdoptionPlanEnded,
			p.over(data.Days(c.AdoptionPlanEnded, a), long), yesNo(long))
	}
	cols := p.baseCols("Permanence plan now", "Placement order", "Adoption plan ended", "Days since plan ended",
		"Over "+data.MonthsText(p.m.Thresholds.AdoptionEndedMonths))
	n := len(cols)
	cols[n-4].Date, cols[n-3].Date = true, true
	return xlList{name: SheetAwaitingRevoke, cols: cols, rows: rows}
}

func (p *packBuilder) drift() xlList {
	type item struct {
		c *data.Child
		f data.DriftFlag
	}
	var items []item
	for i := range p.m.Children {
		if i >= len(p.m.Drift) {
			break
		}
		for _, f := range p.m.Drift[i] {
			items = append(items, item{&p.m.Children[i], f})
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].f.Kind != items[j].f.Kind {
			return items[i].f.Kind < items[j].f.Kind
		}
		return items[i].f.Days > items[j].f.Days
	})
	rows := make([][]any, len(items))
	for i, it := range items {
		rows[i] = p.base(it.c, it.c.Plan.Label(), it.f.Kind.Label(p.m.Thresholds), it.f.Since, it.f.Days)
	}
	cols := p.baseCols("Permanence plan", "Drift flag", "Since", "Days")
	cols[len(cols)-2].Date = true
	return xlList{name: SheetDrift, cols: cols, rows: rows, maxWidth: 64}
}

// celebrations lists each success in the period by the child's initials
// only (never a name or an ID: this sheet is made to be shared), with the
// child's age band at the date: exactly the successes celebrations.total
// adds up (data.SuccessKinds), one row for each it counts.
func (p *packBuilder) celebrations() xlList {
	type item struct {
		c     *data.Child
		label string
		d     data.Date
	}
	var items []item
	for _, k := range data.SuccessKinds {
		for _, c := range p.m.ChildrenOf(k.Key) {
			items = append(items, item{c, k.Label, k.Date(c)})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].d < items[j].d })
	rows := make([][]any, len(items))
	for i, it := range items {
		ini := ""
		if it.c.Name != "" {
			ini = it.c.Initials()
		}
		rows[i] = []any{ini, it.c.AgeBand(it.d), it.label, it.d}
	}
	cols := []ListColumn{{Heading: "Initials"}, {Heading: "Age"}, {Heading: "Success"}, {Heading: "Date", Date: true}}
	return xlList{name: SheetCelebrations, cols: cols, rows: rows}
}
