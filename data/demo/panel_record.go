package demo

// What the demo panel writes for a child: the record of panel.md, made up
// from the child's state as at the meeting (stage, plan, legal status,
// placement, court) and the reasons the rules put them on the agenda.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"permanence/data"
)

// panelStaff are the made-up people who sit on the demo panels.
type panelStaff struct {
	head, deputy, iro, legal, adoption, fostering, raa, coordinator string
}

func newPanelStaff(seed int64) panelStaff {
	r := rand.New(rand.NewPCG(uint64(seed)^0x73746166, 0x66))
	seen := map[string]bool{}
	name := func() string {
		for {
			n := workerFirstNames[r.IntN(len(workerFirstNames))] + " " + workerLastNames[r.IntN(len(workerLastNames))]
			if !seen[n] {
				seen[n] = true
				return n
			}
		}
	}
	return panelStaff{head: name(), deputy: name(), iro: name(), legal: name(), adoption: name(),
		fostering: name(), raa: name(), coordinator: name()}
}

// attendees are a meeting's chair and attendees (roles and names, one a
// line): the head of service chairs, now and then the service manager.
func (p panelStaff) attendees(kind data.PanelKind, r *rand.Rand) (chair, attendees string) {
	lines := []string{}
	if r.IntN(6) == 0 {
		chair = p.deputy + " (Service Manager, deputising)"
		lines = append(lines, "Service Manager (Chair): "+p.deputy)
	} else {
		chair = p.head + " (Head of Service)"
		lines = append(lines, "Head of Service (Chair): "+p.head)
	}
	if kind == data.PanelAdoption {
		lines = append(lines, "Adoption Team Manager: "+p.adoption, "Regional adoption agency, family finding: "+p.raa)
	} else {
		lines = append(lines, "Fostering Team Manager: "+p.fostering)
	}
	lines = append(lines, "IRO Manager: "+p.iro)
	if r.IntN(5) == 0 {
		lines = append(lines, "Apologies: Legal")
	} else {
		lines = append(lines, "Legal: "+p.legal+", senior solicitor")
	}
	lines = append(lines, "Panel co-ordinator: "+p.coordinator)
	return chair, strings.Join(lines, "\n")
}

// childFacts is what the record of one child is made from.
type childFacts struct {
	m       data.Meeting
	c       *data.Child
	reasons []data.Reason
	age     int // whole years at the meeting
	openEsc bool
	overdue bool
	latest  data.Date
}

func (f *childFacts) has(r data.Reason) bool { return slices.Contains(f.reasons, r) }

// inProceedings: care proceedings issued and not concluded by the meeting.
func (f *childFacts) inProceedings() bool {
	return f.c.ProceedingsIssued.By(f.m.Date) && !f.c.FinalHearing.By(f.m.Date)
}

func (f *childFacts) by(d data.Date) bool { return d.By(f.m.Date) }

// lowerFirst lower-cases a label's first letter for the middle of a
// sentence, unless it begins an abbreviation ("LTF match").
func lowerFirst(s string) string {
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// he, his are the child's pronouns.
func (f *childFacts) he() string {
	if f.c.Sex == "Female" {
		return "she"
	}
	return "he"
}

func (f *childFacts) his() string {
	if f.c.Sex == "Female" {
		return "her"
	}
	return "his"
}

func yearsAt(dob, a data.Date) int {
	if dob.IsZero() {
		return 10
	}
	y1, m1, d1 := dob.YMD()
	y2, m2, d2 := a.YMD()
	n := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		n--
	}
	return max(n, 0)
}

// monthsText is "1 year 3 months", "7 months", "2 weeks".
func monthsText(from, to data.Date) string {
	days := data.Days(from, to)
	months := days * 12 / 365
	switch {
	case days < 60:
		return plural(days/7, "week")
	case months < 12:
		return plural(months, "month")
	case months%12 == 0:
		return plural(months/12, "year")
	}
	return plural(months/12, "year") + " " + plural(months%12, "month")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func (g *panelGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *panelGen) oneOf(s ...string) string { return s[g.r.IntN(len(s))] }

// record makes child f.c's record at meeting f.m.
func (g *panelGen) record(f *childFacts) data.PanelRecord {
	c := f.c
	rec := data.PanelRecord{MeetingID: f.m.ID, ChildID: c.ID}
	attended := g.chance(0.88)
	rec.Attended = &attended
	switch {
	case attended && c.SocialWorker != "":
		rec.UpdateBy = c.SocialWorker
	case attended:
		rec.UpdateBy = "SW"
	default:
		rec.UpdateBy = g.oneOf("Team manager", "Deputy team manager", "Senior practitioner")
	}
	rec.Plan = g.endorsedPlan(f)
	plan := rec.PlanCategory()
	rec.Update = g.update(f, plan)
	rec.ChildVoice = g.voice(f, plan)
	rec.ParallelPlan = g.parallelPlan(f, plan)
	rec.Barriers, rec.BarrierOther = g.barriers(f, plan)
	if plan == data.PlanAdoption {
		rec.EarlyPermanenceConsidered, rec.PreviousAdoptersConsidered = g.adoptionAnswers(f)
	}
	rec.Decision = g.decision(f, plan, rec.PlanDiffers(c))
	rec.Actions = g.actions(f, plan, rec.Barriers, rec.PlanDiffers(c))
	rec.Escalation = g.escalation(f, rec.Barriers)
	rec.NextReview = g.nextReview(f)
	switch {
	case rec.Escalation != nil:
		rec.NextReview = f.m.Date.AddMonths(3)
	case g.chance(0.07):
		rec.NextReview = f.m.Date.AddMonths(2)
		switch {
		case f.inProceedings():
			rec.NextReviewWhy = "Final hearing expected within weeks: the panel will look at the outcome"
		case c.Match.By(f.m.Date) && !c.PlacedForAdoption.By(f.m.Date):
			rec.NextReviewWhy = "Introductions planned: review once the child has moved"
		default:
			rec.NextReviewWhy = g.oneOf("Placement fragile: the panel wants an early update",
				"Assessment due to report next month", "Plan to be confirmed at the child's next looked-after review")
		}
	}
	return rec
}

// endorsedPlan is the plan the panel endorses: the extract's, in its own
// words, or now and then another (the case system then needs updating).
func (g *panelGen) endorsedPlan(f *childFacts) string {
	c := f.c
	p := c.Plan
	if p == data.PlanNotRecorded {
		switch {
		case c.PlacementType == "P1":
			return "Reunification"
		case c.PlacementType == "K2" || c.PlacementType == "R1":
			return "Residential step down"
		case f.age >= 16:
			return "Independence"
		case f.age < 5:
			return g.oneOf("Reunification", "Special guardianship")
		}
		return "Long-term fostering"
	}
	if g.chance(0.06) {
		switch p {
		case data.PlanAdoption:
			if f.age >= 4 {
				return "Long-term fostering"
			}
			return "Special guardianship"
		case data.PlanReunification:
			if f.age < 2 && f.m.Kind == data.PanelTracking {
				return "Adoption"
			}
			return g.oneOf("Special guardianship", "Long-term fostering")
		case data.PlanLongTermFostering, data.PlanChildArrangementsOrder:
			return "Special guardianship"
		case data.PlanSpecialGuardianship:
			return g.oneOf("Long-term fostering", "Child arrangements order")
		case data.PlanResidentialStepDown:
			return "Long-term fostering"
		}
	}
	if _, known := data.ParsePlan(c.PlanText); known && strings.TrimSpace(c.PlanText) != "" {
		return c.PlanText
	}
	return p.Label()
}

// update is the key points discussed, from the child's state.
func (g *panelGen) update(f *childFacts, plan data.Plan) string {
	c, m := f.c, f.m.Date
	var s []string
	first := fmt.Sprintf("Aged %d, in care %s (since %s)", f.age, monthsText(c.EnteredCare, m), c.EnteredCare.UK())
	if ls := data.LegalStatuses[c.LegalStatus]; ls != "" {
		first += ", " + lowerFirst(ls)
	}
	if pl := data.Placements[c.PlacementType]; pl != "" {
		first += "; " + lowerFirst(pl) + " (" + c.PlacementType + ")"
		if !c.PlacementStart.IsZero() && c.PlacementStart.By(m) {
			first += " since " + c.PlacementStart.UK()
		}
	}
	s = append(s, first+".")
	if stage, when := data.CurrentStage(c, m); !when.IsZero() && stage != "Entered care" {
		s = append(s, fmt.Sprintf("Latest milestone: %s, %s.", lowerFirst(stage), when.UK()))
	}
	switch {
	case f.inProceedings():
		wk := data.Days(c.ProceedingsIssued, m) / 7
		line := fmt.Sprintf("Care proceedings issued %s, now week %d", c.ProceedingsIssued.UK(), wk)
		if wk > 26 {
			line += " (past 26 weeks; extension granted)"
		}
		s = append(s, line+".")
	case c.PreProceedingsStart.By(m) && !c.PreProceedingsEnd.By(m) && !c.ProceedingsIssued.By(m):
		s = append(s, fmt.Sprintf("In PLO pre-proceedings since %s.", c.PreProceedingsStart.UK()))
	}
	s = append(s, g.planUpdate(f, plan))
	if f.has(data.ReasonDisruption) {
		s = append(s, "The placement meant to be permanent has ended; the panel heard how "+f.he()+" is and what the plan is now.")
	}
	if f.has(data.ReasonPlanChanged) {
		s = append(s, "Plan changed since the last panel, following the looked-after review.")
	}
	if f.has(data.ReasonActionOverdue) {
		s = append(s, "Actions from the last panel are not yet complete.")
	}
	if f.has(data.ReasonEscalationOpen) {
		s = append(s, "The escalation raised earlier is still awaiting a response.")
	}
	return strings.Join(s, " ")
}

// planUpdate is the plan's progress, one or two sentences.
func (g *panelGen) planUpdate(f *childFacts, plan data.Plan) string {
	c := f.c
	switch plan {
	case data.PlanAdoption:
		switch {
		case f.by(c.AdoptionApplication):
			return fmt.Sprintf("Placed with adopters; adoption application lodged %s, awaiting a hearing date.", c.AdoptionApplication.UK())
		case f.by(c.PlacedForAdoption):
			return fmt.Sprintf("Placed with %s adopters since %s and settling well; adoption support plan agreed.", f.his(), c.PlacedForAdoption.UK())
		case f.by(c.Match):
			return fmt.Sprintf("Matched with adopters on %s; introductions being planned.", c.Match.UK())
		case f.by(c.EarlyPermanence):
			return fmt.Sprintf("In an early permanence placement since %s with carers approved as adopters.", c.EarlyPermanence.UK())
		case f.by(c.PlacementOrder):
			return fmt.Sprintf("Placement order made %s (%s ago); family finding under way with the regional adoption agency, %s.",
				c.PlacementOrder.UK(), monthsText(c.PlacementOrder, f.m.Date),
				g.oneOf("two families expressed interest at the exchange day", "no link identified yet", "one family being considered", "profile shared on Link Maker"))
		case f.by(c.ADMAdoption):
			return fmt.Sprintf("Agency decision maker agreed adoption on %s; placement order application before the court.", c.ADMAdoption.UK())
		}
		return "Adoption is the plan subject to the court's decision; child permanence report being written."
	case data.PlanLongTermFostering:
		switch {
		case f.by(c.LTFADM):
			return fmt.Sprintf("Long-term match ratified by the ADM on %s; %s is settled with %s carers.", c.LTFADM.UK(), f.he(), f.his())
		case f.by(c.LTFPanel):
			return fmt.Sprintf("Long-term match approved at fostering panel on %s; awaiting ADM ratification.", c.LTFPanel.UK())
		case data.IsLTFPlacement(c.PlacementType) || c.PlacementType == "U6" || c.PlacementType == "U3":
			return "Current carers wish to care for " + f.him() + " long term; matching report being written for fostering panel."
		}
		return "No long-term carers identified yet; search with the placements team continues."
	case data.PlanSpecialGuardianship:
		if f.by(c.SGOApplication) {
			return fmt.Sprintf("SGO application made %s; special guardianship assessment positive; support plan being finalised.", c.SGOApplication.UK())
		}
		return "Special guardianship assessment of " + g.oneOf("the maternal grandmother", "a paternal aunt", "the current foster carers", "the maternal aunt and uncle", "a family friend") +
			" " + g.oneOf("under way, due to report in six weeks", "positive so far", "delayed by a change of assessor") + "."
	case data.PlanReunification:
		switch {
		case f.by(c.DischargeApplication):
			return fmt.Sprintf("Placed with parents; application to discharge the care order made %s.", c.DischargeApplication.UK())
		case f.by(c.PlacedWithParents):
			return fmt.Sprintf("Placed with parents since %s under the care order; progress good, discharge being considered.", c.PlacedWithParents.UK())
		}
		return "Rehabilitation plan: contact with " + g.oneOf("mother", "father", "parents") + " increasing; " +
			g.oneOf("parenting assessment under way.", "parents engaging with the support plan.", "family group conference held.")
	case data.PlanChildArrangementsOrder:
		return "Assessment of " + g.oneOf("father's", "the paternal grandparents'", "an aunt's") + " household for a child arrangements order under way."
	case data.PlanResidentialStepDown:
		return "Stable in residential care; step-down to a foster family being explored with the placements team."
	case data.PlanOther:
		if f.age >= 16 {
			return "Pathway plan in place; preparing for supported accommodation at 18."
		}
		return "Plan to be clarified at the next looked-after review."
	}
	return "Plan not recorded on the case system."
}

func (f *childFacts) him() string {
	if f.c.Sex == "Female" {
		return "her"
	}
	return "him"
}

// voice is the child's wishes and feelings.
func (g *panelGen) voice(f *childFacts, plan data.Plan) data.ChildVoice {
	if f.age < 4 {
		v := data.ChildVoice{Gathered: data.AnswerNotAppropriate}
		if g.chance(0.5) {
			v.Text = "Observed to be " + g.oneOf("settled and responsive with carers", "meeting milestones and attached to carers",
				"happy at nursery", "enjoying family time")
		}
		return v
	}
	if g.chance(0.12) {
		return data.ChildVoice{Gathered: data.AnswerNo, Text: g.oneOf("Not seen alone since the last review: visit booked",
			"Declined to meet the social worker this month", "")}
	}
	var t string
	switch {
	case plan == data.PlanReunification && g.chance(0.6):
		t = g.oneOf("Misses home and looks forward to contact", "Wants to go home; asks how long it will take",
			"Says "+f.he()+" wants to live with "+f.his()+" family again but likes "+f.his()+" carers")
	case f.age < 10:
		t = g.oneOf("Says "+f.he()+" likes living with "+f.his()+" carers and wants to keep seeing "+f.his()+" brother",
			"Enjoys school and football; asks when "+f.he()+" will see mum",
			"Drew a picture of "+f.his()+" carers' home and said it is "+f.his()+" home",
			"Wants to stay where "+f.he()+" is; worries about moving school")
	case f.age < 16:
		t = g.oneOf("Wants to stay with "+f.his()+" carers until "+f.he()+" is 18",
			"Would like more contact with "+f.his()+" family and a say in where "+f.he()+" lives",
			"Happy at school; does not want the plan discussed at school",
			"Wants to go home; understands why that is not possible yet",
			"Asked for an advocate to help "+f.him()+" share "+f.his()+" views")
	default:
		t = g.oneOf("Wants to stay put with "+f.his()+" carers after 18",
			"Wants "+f.his()+" own flat near college",
			"Happy with the pathway plan; worried about money")
	}
	if plan == data.PlanAdoption && f.age < 8 {
		t += "; life story work started"
	}
	return data.ChildVoice{Gathered: data.AnswerYes, Text: t}
}

// parallelPlan is the parallel or contingency plan, when there is one.
func (g *panelGen) parallelPlan(f *childFacts, plan data.Plan) string {
	p := 0.2
	if (plan == data.PlanAdoption || plan == data.PlanReunification) && f.age < 5 {
		p = 0.55
	}
	if !g.chance(p) {
		return ""
	}
	switch plan {
	case data.PlanAdoption:
		return g.oneOf("Long-term fostering", "Special guardianship should a connected person be assessed positively")
	case data.PlanReunification:
		return g.oneOf("Special guardianship with the maternal grandparents", "Long-term fostering", "Adoption")
	case data.PlanSpecialGuardianship:
		return "Long-term fostering with the current carers"
	case data.PlanLongTermFostering:
		return "Special guardianship with the current carers in time"
	case data.PlanChildArrangementsOrder:
		return "Special guardianship"
	case data.PlanResidentialStepDown:
		return "Supported accommodation at 16"
	}
	return ""
}

// barriers draws the barriers seen: about three records in ten have
// none; the rest one to three, weighted by the plan and the child's stage
// (court delay and family finding for adoption, placement sufficiency and
// assessment delay for the other plans).
func (g *panelGen) barriers(f *childFacts, plan data.Plan) ([]data.Barrier, string) {
	if g.chance(0.3) {
		return nil, ""
	}
	c, m := f.c, f.m.Date
	w := map[data.Barrier]float64{
		data.BarrierNeeds: 1, data.BarrierResources: 0.6, data.BarrierSiblings: 0.5,
		data.BarrierLegal: 0.4, data.BarrierParentalChallenge: 0.4, data.BarrierOther: 0.25,
	}
	if f.inProceedings() {
		w[data.BarrierCourtDelay] += 3
	}
	switch plan {
	case data.PlanAdoption:
		w[data.BarrierCourtDelay] += 1.5
		w[data.BarrierFamilyFinding] += 2
		if f.by(c.PlacementOrder) && !f.by(c.Match) && !f.by(c.EarlyPermanence) {
			w[data.BarrierFamilyFinding] += 4
		}
		w[data.BarrierSiblings] += 1
		w[data.BarrierSupportPlan] += 0.6
		if f.by(c.PlacedForAdoption) {
			w[data.BarrierParentalChallenge] += 1.5
		}
	case data.PlanLongTermFostering, data.PlanResidentialStepDown:
		w[data.BarrierPlacementSufficiency] += 4
		w[data.BarrierChildWishes] += 1
		w[data.BarrierAssessmentDelay] += 0.8
	case data.PlanSpecialGuardianship, data.PlanChildArrangementsOrder:
		w[data.BarrierAssessmentDelay] += 4
		w[data.BarrierSupportPlan] += 1.5
		w[data.BarrierPlacementSufficiency] += 0.5
	case data.PlanReunification:
		w[data.BarrierAssessmentDelay] += 2.5
		w[data.BarrierLegal] += 1
		if f.by(c.PlacedWithParents) && !f.by(c.DischargeApplication) {
			w[data.BarrierLegal] += 2
		}
		w[data.BarrierPlacementSufficiency] += 0.8
	default:
		w[data.BarrierPlacementSufficiency] += 2.5
		w[data.BarrierAssessmentDelay] += 1.5
	}
	if f.age >= 10 {
		w[data.BarrierChildWishes] += 1.2
	}
	if c.PreProceedingsStart.By(m) && !c.ProceedingsIssued.By(m) && !c.PreProceedingsEnd.By(m) {
		w[data.BarrierLegal] += 1
	}
	n := 1
	switch u := g.r.Float64(); {
	case u < 0.12:
		n = 3
	case u < 0.47:
		n = 2
	}
	var out []data.Barrier
	for len(out) < n {
		total := 0.0
		for _, b := range data.Barriers {
			if !slices.Contains(out, b) {
				total += w[b]
			}
		}
		u := g.r.Float64() * total
		for _, b := range data.Barriers {
			if slices.Contains(out, b) || w[b] == 0 {
				continue
			}
			if u < w[b] {
				out = append(out, b)
				break
			}
			u -= w[b]
		}
	}
	slices.SortFunc(out, func(a, b data.Barrier) int { return slices.Index(data.Barriers, a) - slices.Index(data.Barriers, b) })
	other := ""
	if slices.Contains(out, data.BarrierOther) {
		other = g.oneOf("Immigration status to be resolved", "Awaiting the outcome of criminal proceedings",
			"Carer's health: placement on hold", "Family's housing not yet suitable", "Paternity testing outstanding")
	}
	return out, other
}

// adoptionAnswers: early permanence considered, and contact with an
// earlier adoptive family considered.
func (g *panelGen) adoptionAnswers(f *childFacts) (early, previous data.Answer) {
	switch {
	case !f.c.EarlyPermanence.IsZero():
		early = data.AnswerYes
	case f.age < 2:
		early = data.AnswerYes
		if g.chance(0.4) {
			early = data.AnswerNo
		}
	case g.chance(0.3):
		early = data.AnswerNo
	default:
		early = data.AnswerNotApplicable
	}
	switch u := g.r.Float64(); {
	case u < 0.12:
		previous = data.AnswerYes
	case u < 0.2:
		previous = data.AnswerNo
	default:
		previous = data.AnswerNotApplicable
	}
	return early, previous
}

// decision is the panel's decision, a sentence or two.
func (g *panelGen) decision(f *childFacts, plan data.Plan, differs bool) string {
	c := f.c
	var d string
	switch plan {
	case data.PlanAdoption:
		switch {
		case f.by(c.PlacedForAdoption):
			d = "Adoption endorsed; the panel supports the adopters' application and the adoption support plan."
		case f.by(c.Match):
			d = "Adoption endorsed; the match is supported and the child should move within the planned introductions."
		case f.by(c.EarlyPermanence):
			d = "Adoption by the early permanence carers endorsed; the match to go to adoption panel once the placement order is made."
		case f.by(c.PlacementOrder):
			d = "Adoption endorsed; family finding to widen beyond the regional agency if no link within eight weeks."
		default:
			d = "Adoption endorsed as the plan to put before the court, with the parallel plan kept open."
		}
	case data.PlanLongTermFostering:
		if f.by(c.LTFADM) {
			d = "Permanence achieved through long-term fostering; the panel will review stability."
		} else {
			d = "Long-term fostering endorsed; the match should go to fostering panel without delay."
		}
	case data.PlanSpecialGuardianship:
		d = "Special guardianship endorsed; the support plan and allowance to be agreed before the application is filed."
	case data.PlanReunification:
		if f.by(c.PlacedWithParents) {
			d = "Reunification endorsed; the care order should be discharged once the support plan is in place."
		} else {
			d = "Reunification endorsed subject to the assessment; the parallel plan to be progressed alongside."
		}
	case data.PlanChildArrangementsOrder:
		d = "Child arrangements order endorsed subject to a positive assessment."
	case data.PlanResidentialStepDown:
		d = "Step-down to a foster family endorsed; a matching plan to be agreed with the placements team."
	default:
		d = "The plan is endorsed; the panel will review progress."
	}
	if differs {
		d += " The plan endorsed differs from the case system's (" + c.Plan.Label() + "): the case system needs updating."
	}
	return d
}

// actionChoice is an action the panel may set.
type actionChoice struct{ what, who string }

var (
	barrierActions = map[data.Barrier][]actionChoice{
		data.BarrierAssessmentDelay: {{"Chase the assessment and report to the panel when it is filed", "Team manager"},
			{"Commission an independent special guardianship assessment", "Service manager"}},
		data.BarrierFamilyFinding: {{"Widen family finding: Link Maker profile and the next exchange day", "Family finding social worker"},
			{"Consider a national search and an activity day", "Adoption Team Manager"}},
		data.BarrierPlacementSufficiency: {{"Referral to the placements team for a long-term match", "Team manager"},
			{"Ask the fostering service for an in-house carer able to offer permanence", "Fostering Team Manager"}},
		data.BarrierSiblings: {{"Complete a together-or-apart sibling assessment", "Social worker"}},
		data.BarrierSupportPlan: {{"Agree the support plan and the allowance", "Team manager"},
			{"Adoption support needs assessment", "Adoption support social worker"}},
		data.BarrierLegal: {{"Legal planning meeting on the application to be made", "Team manager"},
			{"Legal advice on discharging the care order", "Legal"}},
		data.BarrierNeeds: {{"Referral for therapeutic support", "Social worker"},
			{"Ask the virtual school for a review of the education plan", "Virtual school"}},
		data.BarrierChildWishes: {{"Independent advocate to meet the young person", "IRO"},
			{"Direct work on the plan with the young person", "Social worker"}},
		data.BarrierParentalChallenge: {{"Legal advice on the parents' application for leave to oppose", "Legal"}},
		data.BarrierResources:         {{"Allocate a permanent social worker", "Team manager"}},
		data.BarrierOther:             {{"Report back on the outstanding issue", "Social worker"}},
	}
	planActions = map[data.Plan][]actionChoice{
		data.PlanAdoption: {{"Complete the child permanence report", "Social worker"},
			{"Later life letter and life story book", "Social worker"}},
		data.PlanLongTermFostering:   {{"Present the long-term match to fostering panel", "Supervising social worker"}},
		data.PlanSpecialGuardianship: {{"Family group conference with the proposed special guardians", "FGC co-ordinator"}},
		data.PlanReunification: {{"Complete the reunification assessment", "Social worker"},
			{"Review the safety plan with the family", "Social worker"}},
		data.PlanChildArrangementsOrder: {{"Complete the viability assessment", "Social worker"}},
		data.PlanResidentialStepDown:    {{"Agree a step-down plan with the residential provider", "Team manager"}},
		data.PlanOther:                  {{"Update the pathway plan", "Personal adviser"}},
		data.PlanNotRecorded:            {{"Confirm the plan at the looked-after review", "IRO"}},
	}
)

// courtActions lift a court delay: in proceedings, keep the timetable;
// otherwise get the hearing the plan waits for.
func courtActions(f *childFacts) []actionChoice {
	switch {
	case f.inProceedings():
		return []actionChoice{{"Seek an urgent case management hearing to protect the final hearing date", "Legal"},
			{"File the outstanding evidence so the timetable holds", "Social worker"}}
	case f.by(f.c.AdoptionApplication):
		return []actionChoice{{"Ask the court to list the adoption hearing", "Legal"}}
	case f.by(f.c.SGOApplication):
		return []actionChoice{{"Ask the court to list the special guardianship hearing", "Legal"}}
	}
	return []actionChoice{{"Chase the court for a hearing date", "Legal"}}
}

// actions are one to three actions, due 2 to 8 weeks after the meeting,
// each in its state at the latest extract: most done by then (some after
// their due date), some no longer needed, and some still open, overdue
// when due before the latest extract.
func (g *panelGen) actions(f *childFacts, plan data.Plan, barriers []data.Barrier, differs bool) []data.Action {
	var pool []actionChoice
	if differs {
		pool = append(pool, actionChoice{"Update the plan on the case system", "Social worker"})
	}
	for _, b := range barriers {
		if b == data.BarrierCourtDelay {
			pool = append(pool, courtActions(f)...)
		}
		pool = append(pool, barrierActions[b]...)
	}
	pool = append(pool, planActions[plan]...)
	pool = append(pool, actionChoice{"Share the panel's decision with the IRO", "Panel co-ordinator"})
	n := 1
	switch u := g.r.Float64(); {
	case u < 0.2:
		n = 3
	case u < 0.65:
		n = 2
	}
	n = min(n, len(pool))
	// The first pressing action (a plan to correct, a barrier to lift)
	// comes first; the rest are drawn.
	picked := []actionChoice{pool[0]}
	rest := pool[1:]
	for len(picked) < n {
		i := g.r.IntN(len(rest))
		picked = append(picked, rest[i])
		rest = slices.Delete(slices.Clone(rest), i, i+1)
	}
	m, latest := f.m.Date, f.latest
	var out []data.Action
	for _, a := range picked {
		due := m.AddDays(7 * (2 + g.r.IntN(7)))
		act := data.Action{What: a.what, Who: a.who, Due: due, Status: data.ActionOpen}
		span := data.Days(m, due)
		if due <= latest {
			late := data.Days(due, latest)
			pOpen := 0.06
			if late < 60 {
				pOpen = 0.3
			}
			switch u := g.r.Float64(); {
			case u < pOpen:
			case u < pOpen+0.07:
				act.Status, act.Why = data.ActionDropped, g.oneOf("No longer needed: the plan has changed",
					"Overtaken by the court's directions", "The child has moved placement", "Done another way at the looked-after review")
			default:
				act.Status = data.ActionDone
				if g.chance(0.75) {
					act.DoneOn = m.AddDays(1 + g.r.IntN(span))
				} else {
					act.DoneOn = min(due.AddDays(1+g.r.IntN(35)), latest)
				}
			}
		} else if elapsed := data.Days(m, latest); g.chance(0.6 * float64(elapsed) / float64(span)) {
			act.Status = data.ActionDone
			act.DoneOn = m.AddDays(1 + g.r.IntN(elapsed))
		}
		out = append(out, act)
	}
	return out
}

// escalation is raised for about one record in twelve, more often for a
// child whose case is drifting, whose placement ended or whose actions
// are overdue; most are resolved within 2 to 8 weeks,
// the rest (and those raised lately) are still open at the latest
// extract.
func (g *panelGen) escalation(f *childFacts, barriers []data.Barrier) *data.Escalation {
	if f.openEsc {
		return nil
	}
	p := 0.04
	for _, r := range []data.Reason{data.ReasonDisruption, data.ReasonActionOverdue} {
		if f.has(r) {
			p += 0.08
		}
	}
	if f.has(data.ReasonNewDrift) {
		p += 0.02
	}
	if !g.chance(p) {
		return nil
	}
	e := &data.Escalation{Raised: f.m.Date}
	var outcomes []string
	switch {
	case slices.Contains(barriers, data.BarrierCourtDelay) || slices.Contains(barriers, data.BarrierLegal) || slices.Contains(barriers, data.BarrierParentalChallenge):
		e.To = "Legal"
		e.Why = g.oneOf("Proceedings past 26 weeks with no final hearing listed", "Application not made despite the panel's earlier direction",
			"Advice needed on the parents' challenge before the match")
		outcomes = []string{"Legal planning meeting held; the application is to be filed", "Legal wrote to the court; hearing listed",
			"Advice given; the plan can proceed"}
	case slices.Contains(barriers, data.BarrierPlacementSufficiency) || slices.Contains(barriers, data.BarrierFamilyFinding) || slices.Contains(barriers, data.BarrierResources):
		e.To = "Head of Service"
		e.Why = g.oneOf("No suitable placement found after three months of searching", "Agreement needed to fund an external placement",
			"Case unallocated for over four weeks", "Family finding has not identified a link: a national search needs funding")
		outcomes = []string{"Funding agreed for an external placement search", "Social worker allocated from the agency pool",
			"National search agreed with the regional adoption agency"}
	default:
		e.To = "IRO Manager"
		e.Why = g.oneOf("Plan drifting: not confirmed at the second review", "Actions from two panels outstanding",
			"Child's wishes not reflected in the care plan")
		outcomes = []string{"IRO met the team manager; timescales agreed", "Plan confirmed at an early looked-after review",
			"Care plan revised with the child's views"}
	}
	resolved := e.Raised.AddDays(14 + g.r.IntN(43))
	if resolved <= f.latest && g.chance(0.9) {
		e.Resolved = resolved
		e.Outcome = g.oneOf(outcomes...)
	}
	return e
}
