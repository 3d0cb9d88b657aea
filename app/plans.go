package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// plansScreen: long-term fostering, care orders with other plans, special
// guardianship, reunification and plans confirmed by the second review,
// with the drift flags on the panel's agenda.
type plansScreen struct {
	u   host
	obj fyne.CanvasObject

	confirmed, ltfApproved                        *ratioRow
	ltfNotApproved, ltfNotPlaced, careOrderNotLTF *measureRow
	sgoPlan, sgoPending, sgoOrders, caoOrders     *measureRow
	sgoMedian                                     *widget.Label
	pwp, pwpOver, discharged                      *measureRow
	drift                                         *breakdown
}

// ratioRow is "12 of 40" with both numbers clickable.
type ratioRow struct {
	label    *widget.Label
	num, den *widget.Hyperlink
	share    *widget.Label
}

func newRatioRow(u host, label string, numKey, denKey data.Key) *ratioRow {
	r := &ratioRow{label: widget.NewLabel(label), share: widget.NewLabel("")}
	r.label.Wrapping = fyne.TextWrapWord
	r.num = countLink(0, func() { u.drillDown(label, numKey) })
	r.den = countLink(0, func() { u.drillDown(measureLabel(u, denKey), denKey) })
	r.share.Importance = widget.LowImportance
	return r
}

func (r *ratioRow) set(num, den int) {
	r.num.SetText(thousands(num))
	r.den.SetText(thousands(den))
	if den > 0 {
		r.share.SetText(fmt.Sprintf("(%d%%)", (200*num+den)/(2*den)))
	} else {
		r.share.SetText("")
	}
}

func (r *ratioRow) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewHBox(r.num, widget.NewLabel("of"), r.den, r.share), r.label)
}

func newPlansScreen(u host) *plansScreen {
	s := &plansScreen{u: u}
	onTap := func(key data.Key) { u.drillDown(measureLabel(u, key), key) }
	row := func(label string) *measureRow { return newMeasureRow(label, onTap) }
	s.confirmed = newRatioRow(u, "Permanence plan confirmed by the second review", data.KeyPlanConfirmedNumerator, data.KeyPlanConfirmedDenominator)
	s.ltfApproved = newRatioRow(u, "LTF plan in an LTF placement: match approved by panel and ratified by the ADM", data.KeyLTFMatchNumerator, data.KeyLTFMatchDenominator)
	s.ltfNotApproved = newMeasureRow("LTF plan in an LTF placement: match not yet approved", func(data.Key) {
		u.showChildren("LTF matches not yet approved", s.notApproved())
	})
	s.ltfNotPlaced = row("LTF plan not recorded as an LTF placement (U1/U4)")
	s.careOrderNotLTF = row("Care order over 6 months with a plan other than LTF")
	s.sgoPlan = row("Plan: special guardianship")
	s.sgoPending = row("SGO applications pending")
	s.sgoOrders = row("Special guardianship orders this period")
	s.caoOrders = row("Child arrangements orders this period")
	s.sgoMedian = note("")
	s.pwp = row("Plan reunification, placed with parents")
	s.pwpOver = row("… over 6 months with no discharge application")
	s.discharged = row("Care orders discharged this period")
	s.drift = newBreakdown(u, 300, "Children with each drift flag", "Drift flag")
	body := container.NewVBox(
		heading("Plans"),
		newGrid(2, 380,
			section("Plans and reviews", s.confirmed.object(), s.careOrderNotLTF.object()),
			section("Long-term fostering", s.ltfApproved.object(), s.ltfNotApproved.object(), s.ltfNotPlaced.object())),
		newGrid(2, 380,
			section("Special guardianship and child arrangements", s.sgoPlan.object(), s.sgoPending.object(), s.sgoOrders.object(), s.caoOrders.object(), s.sgoMedian),
			section("Reunification", s.pwp.object(), s.pwpOver.object(), s.discharged.object())),
		section("Drift on the panel's agenda", s.drift.obj),
	)
	s.obj = container.NewVScroll(container.NewPadded(body))
	return s
}

func (s *plansScreen) name() string              { return "plans" }
func (s *plansScreen) title() string             { return "Plans" }
func (s *plansScreen) icon() fyne.Resource       { return theme.DocumentIcon() }
func (s *plansScreen) object() fyne.CanvasObject { return s.obj }

// notApproved is the LTF placements whose match is not yet approved.
func (s *plansScreen) notApproved() []int {
	snap := s.u.snapshot()
	if snap == nil {
		return nil
	}
	num := map[int]bool{}
	for _, i := range snap.members(data.KeyLTFMatchNumerator) {
		num[i] = true
	}
	var out []int
	for _, i := range snap.members(data.KeyLTFMatchDenominator) {
		if !num[i] {
			out = append(out, i)
		}
	}
	return out
}

func (s *plansScreen) update(snap *snapshot) {
	m := snap.m
	s.confirmed.set(m.Count(data.KeyPlanConfirmedNumerator), m.Count(data.KeyPlanConfirmedDenominator))
	s.ltfApproved.set(m.Count(data.KeyLTFMatchNumerator), m.Count(data.KeyLTFMatchDenominator))
	s.ltfNotApproved.set(data.KeyLTFMatchDenominator, len(s.notApproved()), "")
	set := func(r *measureRow, key data.Key) { r.set(key, m.Count(key), "") }
	set(s.ltfNotPlaced, data.KeyLTFPlanNotInLTFPlacement)
	set(s.careOrderNotLTF, data.KeyCareOrderPlanNotLTF)
	set(s.sgoPlan, data.KeySGOPlan)
	set(s.sgoPending, data.KeySGOApplicationsPending)
	set(s.sgoOrders, data.KeySGOOrders)
	set(s.caoOrders, data.KeyCAOOrders)
	s.sgoMedian.SetText(medianNote(m, data.KeySGOMedianDays, "Median %.0f days from SGO application to order this period."))
	s.careOrderNotLTF.label.SetText(catalogueLabel(m, data.KeyCareOrderPlanNotLTF))
	s.pwpOver.label.SetText(catalogueLabel(m, data.KeyPlacedWithParentsOverLimit))
	set(s.pwp, data.KeyPlacedWithParents)
	set(s.pwpOver, data.KeyPlacedWithParentsOverLimit)
	set(s.discharged, data.KeyCareOrdersDischarged)
	s.drift.set(driftCategories(snap), true)
}

// driftCategories counts the children with each drift flag.
func driftCategories(snap *snapshot) []category {
	cats := make([]category, len(data.DriftKinds))
	for i, k := range data.DriftKinds {
		cats[i].label = k.Label(snap.m.Thresholds)
	}
	for i := range snap.m.Drift {
		for _, f := range snap.m.Drift[i] {
			cats[f.Kind].members = append(cats[f.Kind].members, i)
		}
	}
	return cats
}
