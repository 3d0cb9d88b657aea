package data

import "strings"

// SSDA903 code lists (domain.md) used to check extract cells and to label
// legal statuses and placements on screen.
var (
	LegalStatuses = map[string]string{
		"C1": "Interim care order", "C2": "Full care order", "D1": "Freeing order",
		"E1": "Placement order", "V2": "Section 20", "V3": "Short breaks (single)",
		"V4": "Short breaks (series)", "L1": "Police protection", "L2": "Emergency protection order",
		"L3": "Child assessment order", "J1": "Remanded to LA accommodation", "J2": "PACE transfer",
		"J3": "Youth justice order",
	}
	Placements = map[string]string{
		"A3": "Placed for adoption with parental consent, with current foster carer",
		"A4": "Placed for adoption with parental consent, not with current foster carer",
		"A5": "Placed for adoption under a placement order, with current foster carer",
		"A6": "Placed for adoption under a placement order, not with current foster carer",
		"U1": "Long-term fostering with relative or friend", "U2": "Foster for adoption with relative or friend",
		"U3": "Other fostering with relative or friend", "U4": "Long-term fostering",
		"U5": "Foster for adoption / concurrent planning", "U6": "Other fostering",
		"P1": "Placed with parents", "P2": "Independent living", "P3": "Residential employment",
		"K1": "Secure children's home", "K2": "Children's home", "K3": "Supported accommodation",
		"R1": "Residential care home", "R2": "NHS / health trust", "R3": "Family centre",
		"R5": "Young offender institution or prison", "S1": "Residential school",
		"H5": "Semi-independent living", "T0": "Temporary: all types", "T1": "Temporary: school holidays",
		"T2": "Temporary: other accommodation", "T3": "Temporary: holiday", "T4": "Temporary: hospital",
		"Z1": "Other placement", "Z11": "Other placement", "Z12": "Other placement",
		"Z13": "Other placement", "Z14": "Other placement",
	}
	ReasonsCeased = map[string]string{
		"E11": "Adopted (consent)", "E12": "Adopted (placement order)", "E13": "Left care to live with family without PR",
		"E14": "Accommodation on remand ended", "E15": "Age assessment: over 18", "E16": "Child moved abroad",
		"E17": "Aged 18 or over, remained with foster carers", "E2": "Died", "E3": "Care taken by another authority",
		"E41": "Child arrangements order", "E43": "Special guardianship (former foster carer)",
		"E44": "Special guardianship (relative or friend)", "E45": "Special guardianship (former foster carer)",
		"E46": "Special guardianship (not former foster carer)", "E47": "Special guardianship (relative or friend, former foster carer)",
		"E48": "Special guardianship (relative or friend, not former foster carer)",
		"E4A": "Returned home as part of the care plan", "E4B": "Returned home not as part of the care plan",
		"E5": "Moved to independent living", "E6": "Transferred to adult services", "E7": "Custody",
		"E8": "Other reason", "E9": "Sentenced to custody", "X1": "Episode continues",
	}
)

// NormaliseCode upper-cases and trims an SSDA903 code.
func NormaliseCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// KnownCode reports whether code is a known SSDA903 code for the field
// (legal_status, placement_type or reason_ceased). Empty is known.
func KnownCode(field, code string) bool {
	if code == "" {
		return true
	}
	var m map[string]string
	switch field {
	case "legal_status":
		m = LegalStatuses
	case "placement_type":
		m = Placements
	case "reason_ceased":
		m = ReasonsCeased
	default:
		return true
	}
	_, ok := m[code]
	return ok
}

// IsShortBreak reports whether a legal status is a V3/V4 short break,
// which is not counted as looked after.
func IsShortBreak(ls string) bool { return ls == "V3" || ls == "V4" }

// IsLTFPlacement reports whether a placement code is long-term fostering.
func IsLTFPlacement(place string) bool { return place == "U1" || place == "U4" }

// IsAdoptivePlacement reports whether a placement code is placed for adoption.
func IsAdoptivePlacement(place string) bool {
	return place == "A3" || place == "A4" || place == "A5" || place == "A6"
}

// LegalStatusGroup groups a legal status the way the panel reads them.
func LegalStatusGroup(ls string) string {
	switch ls {
	case "C1":
		return "Interim care order"
	case "C2":
		return "Full care order"
	case "E1", "D1":
		return "Placement order"
	case "V2":
		return "Section 20"
	case "V3", "V4":
		return "Short breaks"
	case "":
		return "Not recorded"
	case "J1", "J2", "J3":
		return "Youth justice"
	case "L1", "L2", "L3":
		return "Emergency / police protection"
	}
	return "Other"
}

// LegalStatusGroups is the display order of LegalStatusGroup's results.
var LegalStatusGroups = []string{"Full care order", "Interim care order", "Placement order",
	"Section 20", "Emergency / police protection", "Youth justice", "Short breaks", "Other", "Not recorded"}
