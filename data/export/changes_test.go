package export

import (
	"path/filepath"
	"strings"
	"testing"

	"permanence/data"
)

// exportChangesFigures are exportHandChildren's figures (8 quarters) with
// hand-made changes: over the period, G's adoptive placement ended on 3
// Feb 2026 (the panel's recommendation recorded on 20 Feb) and H's
// long-term fostering match on 10 Mar (seen in an SSDA903 return); G's
// plan changed from adoption in 2025-Q4 (its placement order revoked 27
// days after the change, 1 Feb 2026: within 3 months) and H's from
// reunification to SGO in 2026-Q1; F's case system plan differs from the
// panel's. Since 31 Dec 2025: B left care adopted, G began drifting, and
// G's disruption. The panel's half-year is made by hand too.
func exportChangesFigures(t *testing.T) *data.Figures {
	t.Helper()
	d := data.MustDate
	a := d("2026-03-31")
	fg := exportFiguresOf(exportHandChildren(), a, data.NoDate, data.DefaultThresholds(), 8)
	kids := map[string]data.Child{}
	for _, c := range exportHandChildren() {
		kids[c.ID] = c
	}
	gDis := data.Disruption{ChildID: "G", Kind: data.DisruptionAdoption, Date: d("2026-02-03"), Since: d("2025-12-31"), Seen: a,
		FromSnapshots: true, Placement: "A4", What: "placed for adoption on 01/12/2025 (A4); now in placement U6 from 03/02/2026, no adoption order",
		Recommendation: &data.MeetingRecord{Meeting: data.Meeting{ID: 3, Date: d("2026-02-20"), Kind: data.PanelAdoption, Status: data.MeetingHeld}}}
	hDis := data.Disruption{ChildID: "H", Kind: data.DisruptionLTF, Date: d("2026-03-10"), FromSSDA903: true, Placement: "U4",
		ReasonPlaceChange: "CREQB", What: "long-term fostering match ended"}
	gPlan := data.ChangeOfPlan{ChildID: "G", From: data.PlanAdoption, To: data.PlanLongTermFostering, Seen: d("2025-12-31"),
		Since: d("2025-09-30"), Revocation: &data.Revocation{PlacementOrder: d("2025-12-01"), Changed: d("2026-01-05"),
			Target: d("2026-04-05"), Revoked: d("2026-02-01")}}
	hPlan := data.ChangeOfPlan{ChildID: "H", From: data.PlanReunification, To: data.PlanSpecialGuardianship, Seen: a, Since: d("2025-12-31")}
	fg.PeriodChanges = &data.Changes{From: fg.PeriodStart, To: a, Thresholds: fg.Thresholds,
		Disruptions: []data.Disruption{gDis, hDis}, PlanChanges: []data.ChangeOfPlan{gPlan, hPlan},
		CaseSystemDiffers: []data.PlanDiffers{{ChildID: "F", CaseSystem: data.PlanLongTermFostering, Panel: data.PlanSpecialGuardianship,
			Meeting: data.Meeting{Date: d("2026-02-10")}, EndorsedInWindow: true}},
		Children: []data.Child{kids["F"], kids["G"], kids["H"]}}
	if err := fg.Measures.AddChanges(fg.PeriodChanges); err != nil {
		t.Fatal(err)
	}
	fg.Changes = &data.Changes{From: d("2025-12-31"), To: a, Thresholds: fg.Thresholds, View: true,
		LeftCare:       []data.LeftCare{{ChildID: "B", Date: d("2026-01-20"), Reason: "E12"}},
		BecameDrifting: []data.DriftChange{{ChildID: "G", Kind: data.DriftPlacementOrderNoMatch, Since: d("2025-12-01")}},
		Disruptions:    []data.Disruption{gDis},
		Children:       []data.Child{kids["B"], kids["G"]}}
	q := fg.Quarterly
	q[6].PlanChanges = []data.ChangeOfPlan{gPlan}
	q[7].PlanChanges, q[7].Disruptions = []data.ChangeOfPlan{hPlan}, []data.Disruption{gDis, hDis}
	fg.Panel = &data.PanelFigures{From: d("2025-09-30"), To: a,
		MeetingsHeld:      []data.KindCount{{Kind: data.PanelTracking, Count: 5}, {Kind: data.PanelAdoption, Count: 3}, {Kind: data.PanelAll}},
		Reviews:           17,
		ChildrenReviewed:  12,
		EscalationsRaised: 3, EscalationsResolved: 2, DaysToResolve: []int{10, 31},
		ActionsDue: 9, ActionsDoneByDue: 6, ReviewsMissed: 2}
	for _, k := range data.SuccessKinds {
		fg.Panel.PermanenceSince = append(fg.Panel.PermanenceSince, data.RouteCount{Route: k.Key, Label: k.Label,
			Count: map[data.Key]int{data.KeyAdoptionOrders: 1, data.KeySGOOrders: 2}[k.Key]})
	}
	for _, b := range data.Barriers {
		fg.Panel.Barriers = append(fg.Panel.Barriers, data.BarrierCount{Barrier: b,
			Records: map[data.Barrier]int{data.BarrierCourtDelay: 4, data.BarrierFamilyFinding: 6}[b]})
	}
	return fg
}

// rowsByFirst are a sheet's rows after its heading, as maps by heading.
func rowsByHeading(t *testing.T, rows [][]string) []map[string]string {
	t.Helper()
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// The pack's sheets of changes: the changes since 31 Dec 2025, and the
// period's disruptions, changes of plan and plans that differ.
func TestExportPackChanges(t *testing.T) {
	fg := exportChangesFigures(t)
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := WritePanelPack(path, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	f := exportOpen(t, path)
	if got := strings.Join(f.GetSheetList()[13:], "|"); got != "Changes|Disruptions|Changes of plan|Plan differs from panel" {
		t.Fatalf("sheets of changes: %s", got)
	}
	var lines []string
	for _, r := range rowsByHeading(t, exportRows(t, f, SheetChanges)) {
		lines = append(lines, r["Child ID"]+" "+r["Name"]+" "+r["Change"]+" "+r["Date"]+" "+r["Detail"])
	}
	if g := strings.Join(lines, "\n"); g != "B Ben Birch Left care 20/01/2026 Adopted (placement order) (E12)\n"+
		"G Gus Gray Began drifting 01/12/2025 Placement order over 121 days with no match\n"+
		"G Gus Gray Disruption 03/02/2026 Adoptive placement ended: "+fg.Changes.Disruptions[0].What {
		t.Errorf("Changes:\n%s", g)
	}
	dis := rowsByHeading(t, exportRows(t, f, SheetDisruptions))
	if len(dis) != 2 || dis[0]["Child ID"] != "G" || dis[0]["Date"] != "03/02/2026" || dis[0]["Panel recommendation"] != "20/02/2026" ||
		dis[0]["Seen in"] != "extracts" || dis[0]["Between extracts"] != "31/12/2025 to 31/03/2026" ||
		dis[1]["Disruption"] != "Long-term fostering match ended" || dis[1]["Panel recommendation"] != "None recorded" ||
		dis[1]["Seen in"] != "SSDA903" || dis[1]["Reason for the change of placement (SSDA903)"] != "CREQB" {
		t.Errorf("Disruptions: %v", dis)
	}
	pc := rowsByHeading(t, exportRows(t, f, SheetPlanChanges))
	if len(pc) != 2 || pc[0]["Plan from"] != "Adoption" || pc[0]["Plan to"] != "Long-term fostering" || pc[0]["First seen"] != "31/12/2025" ||
		pc[0]["Change date"] != "05/01/2026" || pc[0]["Target for revocation"] != "05/04/2026" || pc[0]["Days to revocation"] != "27" ||
		pc[0]["Revocation"] != "revoked within target" || pc[1]["Plan to"] != "Special guardianship" || pc[1]["Revocation"] != "" {
		t.Errorf("Changes of plan: %v", pc)
	}
	pd := rowsByHeading(t, exportRows(t, f, SheetPlanDiffers))
	if len(pd) != 1 || pd[0]["Child ID"] != "F" || pd[0]["Case system plan"] != "Long-term fostering" ||
		pd[0]["The panel's plan"] != "Special guardianship" || pd[0]["Why listed"] != "The panel endorsed its plan in the period" {
		t.Errorf("Plan differs: %v", pd)
	}
	if r := exportMeasureRow(t, f, data.KeyDisruptionsRecommendation); r["Value"] != "1" || r["Numerator"] != "1" || r["Denominator"] != "2" {
		t.Errorf("Measures: %v", r)
	}
	// Names hidden: IDs only.
	if err := WritePanelPack(path, fg, ExportOptions{HideNames: true}); err != nil {
		t.Fatal(err)
	}
	f = exportOpen(t, path)
	for _, sh := range []string{SheetChanges, SheetDisruptions, SheetPlanChanges, SheetPlanDiffers} {
		for _, r := range exportRows(t, f, sh) {
			if strings.Contains(strings.Join(r, "|"), "Gus Gray") {
				t.Errorf("%s shows a name with names hidden", sh)
			}
		}
	}
}

// The board summary's and SLT report's rows of disruptions and changes of
// plan, quarter by quarter; the SLT report's Panel sheet.
func TestExportReportsChanges(t *testing.T) {
	fg := exportChangesFigures(t)
	dir := t.TempDir()
	board, slt := filepath.Join(dir, "board.xlsx"), filepath.Join(dir, "slt.xlsx")
	if err := WriteBoardSummary(board, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteSLTReport(slt, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	fb := exportOpen(t, board)
	for _, w := range []struct{ row, want string }{
		{"Disruptions: placements meant to be permanent that ended", "0|0|0|2"},
		{"… adoptive or early permanence placements ended, no adoption order", "0|0|0|1"},
		{"… long-term fostering matches ended", "0|0|0|1"},
		{"Changes of permanence plan", "0|0|1|1"},
		{"… away from adoption", "0|0|1|0"},
		{"… away from adoption with a placement order", "0|0|1|0"},
		// G's order was revoked on 1 Feb 2026: not yet at 2025-Q4's end.
		{"… placement order revoked within 3 months (as at the quarter's end)", "0|0|0|0"},
	} {
		if got := strings.Join(exportRowLabelled(t, fb, w.row, 4), "|"); got != w.want {
			t.Errorf("board %q: %s, want %s", w.row, got, w.want)
		}
	}
	cover := exportRows(t, fb, SheetCover)
	glance := map[string]string{}
	for _, r := range cover {
		if len(r) > 1 {
			glance[r[0]] = r[1]
		}
	}
	if glance[label(data.KeyDisruptions, fg.Thresholds)] != "2" || glance[label(data.KeyPlanChanges, fg.Thresholds)] != "2" {
		t.Errorf("the board's cover does not give the disruptions and changes of plan: %v", glance)
	}

	fs := exportOpen(t, slt)
	rows := exportRows(t, fs, SheetPanel)
	if rows[0][0] != "The panel's half-year: 01/10/2025 to 31/03/2026" {
		t.Errorf("title %q", rows[0][0])
	}
	fig := map[string][]string{}
	barriers := map[string]string{}
	for _, r := range rows[3:] {
		r = append(r, "", "", "", "", "", "")
		if r[0] != "" {
			fig[r[0]] = r[1:3]
		}
		if r[4] != "" {
			barriers[r[4]] = r[5]
		}
	}
	for label, want := range map[string]string{
		"Permanence tracking panel": "5|", "Adoption tracking panel": "3|", "All meetings held": "8|",
		"Children reviewed (each counted once)": "12|", "Reviews in all": "17|",
		"Children whose review date passed without a review (not heard at the next meeting)": "2|",
		"Adoption order": "1|", "Special guardianship order": "2|",
		"Raised in the half-year": "3|", "Resolved in the half-year": "2|", "Median days from raised to resolved": "20.5|",
		"Due in the half-year": "9|", "Done by their due date": "6|of 9",
	} {
		if got := strings.Join(fig[label], "|"); got != want {
			t.Errorf("Panel %q: %q, want %q", label, got, want)
		}
	}
	if barriers["Barrier"] != "Records" || barriers["Family finding / no match"] != "6" || barriers["Court delay"] != "4" ||
		barriers["Other"] != "0" || len(barriers) != 1+len(data.Barriers) {
		t.Errorf("barriers: %v", barriers)
	}
	charts := 0
	for name, body := range exportZipParts(t, slt) {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.Contains(body, "Barriers by theme") {
			charts++
		}
	}
	if charts != 1 {
		t.Errorf("%d charts of the barriers", charts)
	}
}
