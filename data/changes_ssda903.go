package data

import "fmt"

// SSDA903Episode is one episode of care of an SSDA903 return, as the
// store keeps it beside the return's children.
type SSDA903Episode struct {
	Start             Date // DECOM
	End               Date // DEC; NoDate while the episode is open
	RNE, LS, Place    string
	REC               string
	ReasonPlaceChange string // REASON_PLACE_CHANGE
	Period            int    // the period of care (1 = the first in the data; 0 = after the return's date)
}

// AdoptionDecision is a row of a return's placed_for_adoption table: the
// decision that the child should be placed for adoption (DATE_PLACED) and
// its reversal (DATE_PLACED_CEASED, REASON_PLACED_CEASED).
type AdoptionDecision struct {
	Placed, Ceased Date
	Reason         string
}

// SSDA903History is one child's episodes (by DECOM) and adoption decisions
// (by DATE_PLACED) from one SSDA903 return.
type SSDA903History struct {
	ChildID   string
	Return    Extract
	Episodes  []SSDA903Episode
	Decisions []AdoptionDecision
}

// adoptiveRun is a run of a return's episodes that is one placement meant
// to be permanent: episodes first to last of one period of care, each
// placed for adoption (A3–A6) or in early permanence (U2, U5), each after
// the first starting on the day the one before ended and keeping the
// carers (RNE L, U or B), or going from early permanence to placed for
// adoption with the current foster carer (U2/U5 to A3/A5).
type adoptiveRun struct{ first, last int }

func continuesPlacement(a, b *SSDA903Episode) bool {
	if b.Period != a.Period || a.End.IsZero() || b.Start != a.End || !adoptiveOrEarly(b.Place) {
		return false
	}
	switch b.RNE {
	case "L", "U", "B":
		return true
	}
	return (a.Place == "U2" || a.Place == "U5") && (b.Place == "A3" || b.Place == "A5")
}

func adoptiveRuns(eps []SSDA903Episode) []adoptiveRun {
	var out []adoptiveRun
	for i := 0; i < len(eps); {
		if eps[i].Period == 0 || !adoptiveOrEarly(eps[i].Place) {
			i++
			continue
		}
		j := i
		for j+1 < len(eps) && continuesPlacement(&eps[j], &eps[j+1]) {
			j++
		}
		out = append(out, adoptiveRun{i, j})
		i = j + 1
	}
	return out
}

// SSDA903Disruptions are the adoptive placements a return shows ending in
// from < d ≤ to without an adoption order (docs/measures-panel.md,
// "Disruptions"). For each run of episodes that is one adoptive placement
// (placed for adoption, A3–A6, or early permanence, U2/U5):
//
//   - it ended on the DEC of its last episode when that DEC is present,
//     its REC is not E11 or E12 (adopted), and either the next episode of
//     the same period of care starts that day (a placement that is not
//     the same one) or the REC is not X1 (the child left care);
//   - the decision that the child should be placed for adoption was
//     reversed during it when a decision made on or before its end (any,
//     while it is open) has a DATE_PLACED_CEASED on or after its start,
//     on or before its end and on or before to;
//   - it is a disruption dated the earlier of the two, when that date is
//     in the window, unless its last episode's REC is E11 or E12.
//
// The reason for the change of placement is the next episode's
// REASON_PLACE_CHANGE; the reason the decision was reversed is the
// REASON_PLACED_CEASED of the decision in force during the placement
// (DATE_PLACED on or before the placement's end, reversed on or after its
// start, by to).
func SSDA903Disruptions(h *SSDA903History, from, to Date) []Disruption {
	var out []Disruption
	eps := h.Episodes
	for _, r := range adoptiveRuns(eps) {
		first, last := &eps[r.first], &eps[r.last]
		var next *SSDA903Episode
		if r.last+1 < len(eps) && eps[r.last+1].Period == last.Period && eps[r.last+1].Start == last.End && !last.End.IsZero() {
			next = &eps[r.last+1]
		}
		dec := decisionDuring(h.Decisions, first.Start, last.End, to)
		d := Disruption{ChildID: h.ChildID, Kind: DisruptionAdoption, FromSSDA903: true, Placement: last.Place}
		was := fmt.Sprintf("%s from %s", placementName(first.Place), first.Start.UK())
		if dec != nil {
			d.ReasonPlacedCeased = dec.Reason
		}
		if last.REC == "E11" || last.REC == "E12" {
			continue // adopted
		}
		ended := !last.End.IsZero() && (next != nil || last.REC != "X1")
		var date Date
		if ended {
			date = last.End
		}
		reversed := dec != nil && (date.IsZero() || dec.Ceased < date)
		if reversed {
			date = dec.Ceased
		}
		if !date.In(from, to) {
			continue
		}
		d.Date = date
		switch {
		case reversed:
			d.What = fmt.Sprintf("%s; the decision to place for adoption was reversed %s%s", was, dec.Ceased.UK(),
				codeNote("REASON_PLACED_CEASED", dec.Reason))
		case next != nil:
			d.ReasonPlaceChange = next.ReasonPlaceChange
			d.What = fmt.Sprintf("%s; ended %s, next placement %s%s, no adoption order", was, last.End.UK(), next.Place,
				codeNote("REASON_PLACE_CHANGE", next.ReasonPlaceChange))
		default:
			d.What = fmt.Sprintf("%s; left care %s%s, no adoption order", was, last.End.UK(), codeNote("REC", last.REC))
		}
		if dec != nil && !reversed {
			d.What += fmt.Sprintf("; decision to place for adoption reversed %s%s", dec.Ceased.UK(), codeNote("REASON_PLACED_CEASED", dec.Reason))
		}
		out = append(out, d)
	}
	return out
}

// decisionDuring is the decision to place for adoption in force during a
// placement from start to end (NoDate: still open): made on or before its
// end, reversed on or after its start and on or before to.
func decisionDuring(ds []AdoptionDecision, start, end, to Date) *AdoptionDecision {
	for i := range ds {
		d := &ds[i]
		if d.Ceased.IsZero() || d.Ceased < start || d.Ceased > to || (!end.IsZero() && d.Placed > end) {
			continue
		}
		return d
	}
	return nil
}

func placementName(place string) string {
	if place == "U2" || place == "U5" {
		return "early permanence placement (" + place + ")"
	}
	return "placed for adoption (" + place + ")"
}

func codeNote(field, code string) string {
	if code == "" {
		return ""
	}
	return " (" + field + " " + code + ")"
}
