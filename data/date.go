package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with no time of day or zone, stored as the number
// of days since 1 January 1970 plus dateOffset, so that the zero value
// (a day before year 1) means "no date" and dates compare with < and ==.
type Date int32

// dateOffset keeps every real date (years 1 to 9999) above zero.
const dateOffset = 800000

// NoDate is the empty date.
const NoDate Date = 0

// epochDays converts a civil date to days since 1970-01-01 (Howard Hinnant's
// days_from_civil), valid for every proleptic Gregorian date.
func epochDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// NewDate returns the date y-m-d. Out-of-range months and days are not
// normalised: use ValidDate to check input first.
func NewDate(y, m, d int) Date { return Date(epochDays(y, m, d) + dateOffset) }

// ValidDate reports whether y-m-d is a real calendar date.
func ValidDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || y < 1 || y > 9999 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, int(m), d)
}

// Today is the local calendar date now.
func Today() Date { return DateOf(time.Now()) }

// IsZero reports whether d is the empty date.
func (d Date) IsZero() bool { return d == NoDate }

// YMD returns the year, month and day of d (civil_from_days).
func (d Date) YMD() (y, m, day int) {
	z := int(d) - dateOffset + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, day
}

// Time returns midnight UTC on d (the zero time for NoDate).
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	y, m, day := d.YMD()
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// String formats d as YYYY-MM-DD, or "" for NoDate.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	b := make([]byte, 0, 10)
	b = appendPadded(b, y, 4)
	b = append(b, '-')
	b = appendPadded(b, m, 2)
	b = append(b, '-')
	b = appendPadded(b, day, 2)
	return string(b)
}

// UK formats d as DD/MM/YYYY, the way panel papers show dates.
func (d Date) UK() string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	return fmt.Sprintf("%02d/%02d/%04d", day, m, y)
}

func appendPadded(b []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// AddDays returns d moved by n days (NoDate stays NoDate).
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	return d + Date(n)
}

// AddMonths returns d moved by n calendar months; a day past the end of the
// target month is clamped to its last day (31 August + 6 months = 28/29
// February), which is how "6 calendar months" is read in the measures.
func (d Date) AddMonths(n int) Date {
	if d.IsZero() {
		return d
	}
	y, m, day := d.YMD()
	total := y*12 + (m - 1) + n
	ny, nm := total/12, total%12+1
	if nm < 1 {
		nm += 12
		ny--
	}
	if last := daysIn(ny, nm); day > last {
		day = last
	}
	return NewDate(ny, nm, day)
}

// Days returns the calendar days from a to b (b minus a).
func Days(a, b Date) int { return int(b) - int(a) }

// By reports whether d is present and on or before a ("by A").
func (d Date) By(a Date) bool { return !d.IsZero() && d <= a }

// In reports whether d lies in the period after from and up to and
// including to (from < d <= to).
func (d Date) In(from, to Date) bool { return !d.IsZero() && d > from && d <= to }

// Quarter returns the calendar quarter label of d, such as "2025-Q2".
func (d Date) Quarter() string {
	y, m, _ := d.YMD()
	return fmt.Sprintf("%d-Q%d", y, (m-1)/3+1)
}

// QuarterStart returns the first day of the quarter that contains d.
func (d Date) QuarterStart() Date {
	y, m, _ := d.YMD()
	return NewDate(y, (m-1)/3*3+1, 1)
}

var monthNames = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// ParseDate reads a date in any of the forms an extract may hold: ISO
// 2025-03-31, UK 31/03/2025 or 31/3/2025 (slashes are always day/month/year),
// 31-03-2025, 31.03.2025, 31 Mar 2025, 31-Mar-2025 and 31 March 2025. A time
// part after the date ("2025-03-31 00:00:00", "2025-03-31T10:00") is dropped.
// An empty or blank string is NoDate with no error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return NoDate, nil
	}
	// Drop a time part: ISO "T", or a space followed by hh:mm.
	if i := strings.IndexByte(s, 'T'); i == 10 && len(s) > 10 {
		s = s[:10]
	}
	if strings.Contains(s, ":") {
		// "31/03/2025 14:30", "31 Mar 2025 10:00:00", "31 March 2025 2:15 pm":
		// keep the words before the first one holding a colon.
		words := strings.Fields(s)
		for i, w := range words {
			if strings.Contains(w, ":") {
				words = words[:i]
				break
			}
		}
		s = strings.Join(words, " ")
	}
	var y, m, d int
	ok := false
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d, ok = atoi(s[0:4]), atoi(s[5:7]), atoi(s[8:10]), true
	case len(s) == 10 && s[2] == '/' && s[5] == '/':
		d, m, y, ok = atoi(s[0:2]), atoi(s[3:5]), atoi(s[6:10]), true
	default:
		parts := splitDate(s)
		if len(parts) == 3 {
			d = atoi(parts[0])
			if mn, isName := monthNames[strings.ToLower(parts[1])]; isName {
				m = mn
			} else {
				m = atoi(parts[1])
			}
			y = atoi(parts[2])
			ok = len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[0]) > 0
		}
	}
	if !ok || !ValidDate(y, m, d) {
		return NoDate, fmt.Errorf("not a date (use 31/03/2025 or 2025-03-31)")
	}
	return NewDate(y, m, d), nil
}

func splitDate(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '/' || r == '-' || r == '.' || r == ' ' || r == ','
	})
}

// atoi parses a run of ASCII digits; anything else gives -1.
func atoi(s string) int {
	if s == "" || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// MustDate parses an ISO date and panics on a bad one; for tests and
// constants only.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil || d.IsZero() {
		panic("bad date " + s)
	}
	return d
}

// DateFromExcelSerial converts an Excel serial day number (1900 date system)
// to a date; the fractional time of day is dropped.
func DateFromExcelSerial(v float64) (Date, bool) {
	if v < 1 || v > 2958465 || math.IsNaN(v) {
		return NoDate, false
	}
	days := int(math.Floor(v))
	// Serial 25569 is 1970-01-01; serials below 61 are shifted by Excel's
	// fictitious 29 February 1900.
	if days < 61 {
		days++
	}
	return Date(days - 25569 + dateOffset), true
}

// ExcelSerial is the Excel serial day number of d.
func (d Date) ExcelSerial() float64 { return float64(int(d) - dateOffset + 25569) }
