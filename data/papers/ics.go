package papers

// The agenda as an iCalendar file (RFC 5545): one event per slot, for the
// co-ordinator to attach to invitations. Each event carries the child's
// initials, the social worker, the team and the reasons (panel.md), never
// a name, a child ID or a date of birth: calendars travel to phones and
// shared diaries. Times are local UK times (TZID=Europe/London, with the
// zone's rules in a VTIMEZONE, so a client anywhere places them right
// either side of the clocks changing). Each event's UID is a fingerprint
// of the authority, the meeting and the child, the same every export, so
// importing a newer file updates the events rather than doubling them.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"permanence/data/export"
)

// icsMaxOctets is the longest a line may be, CRLF aside (RFC 5545 3.1).
const icsMaxOctets = 75

// icsTimezone is Europe/London since 1996: BST from 01:00 UTC on the last
// Sunday of March, GMT from 01:00 UTC on the last Sunday of October.
var icsTimezone = []string{
	"BEGIN:VTIMEZONE",
	"TZID:Europe/London",
	"BEGIN:DAYLIGHT",
	"TZOFFSETFROM:+0000",
	"TZOFFSETTO:+0100",
	"TZNAME:BST",
	"DTSTART:19810329T010000",
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD",
	"TZOFFSETFROM:+0100",
	"TZOFFSETTO:+0000",
	"TZNAME:GMT",
	"DTSTART:19961027T020000",
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD",
	"END:VTIMEZONE",
}

// icsWriter writes content lines, folded, with CRLF line ends.
type icsWriter struct{ b bytes.Buffer }

// line writes one content line ("NAME;PARAMS:value"), folded at 75
// octets.
func (w *icsWriter) line(s string) { w.b.WriteString(icsFold(s)) }

// icsFold folds a content line (RFC 5545 3.1): lines of at most 75 octets,
// each after the first starting with a space, never splitting a UTF-8
// character; every line ends CRLF.
func icsFold(s string) string {
	var b strings.Builder
	limit := icsMaxOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = icsMaxOctets - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

// icsText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma and line ends; other control characters are dropped.
func icsText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7F:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsSlot is a slot's start and end on the meeting's date as iCalendar
// local times ("20260320T100000"); ok is false for a line with no time.
func icsSlot(date time.Time, hhmm string, minutes int) (start, end string, ok bool) {
	h, m, found := strings.Cut(hhmm, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !found || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return "", "", false
	}
	// Wall-clock arithmetic, in UTC so that no zone's rules move it: the
	// slot is minutes long on the clock, whatever the clocks do that night.
	t := time.Date(date.Year(), date.Month(), date.Day(), hh, mm, 0, 0, time.UTC)
	const layout = "20060102T150405"
	return t.Format(layout), t.Add(time.Duration(max(minutes, 1)) * time.Minute).Format(layout), true
}

// icsUID is an event's UID: a fingerprint of the authority, the meeting
// and the child, which says nothing of the child.
func (p *meetingPapers) icsUID(child string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("permanence panel slot\x00%s\x00%d\x00%s", p.authority, p.meeting.ID, child)))
	return "panel-" + strconv.FormatInt(p.meeting.ID, 10) + "-" + hex.EncodeToString(sum[:12]) + "@permanence"
}

// agendaICS is the agenda's calendar.
func (p *meetingPapers) agendaICS() []byte {
	m := p.meeting
	w := &icsWriter{}
	for _, l := range []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//permanence//Permanence panel papers//EN",
		"CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(m.Title()), "X-WR-TIMEZONE:Europe/London"} {
		w.line(l)
	}
	for _, l := range icsTimezone {
		w.line(l)
	}
	stamp := p.now.UTC().Format("20060102T150405Z")
	for _, it := range p.items {
		l := it.line
		start, end, ok := icsSlot(m.Date.Time(), l.Time, p.minutesPerChild)
		if !ok {
			continue // past the day's end: the agenda says so
		}
		who := initials(l)
		if who == "" {
			who = "Child (no name recorded)"
		}
		reasons := reasonsText(l.Reasons)
		desc := strings.Join([]string{
			m.Title(),
			"Child: " + who,
			"Social worker: " + orNotRecorded(l.SocialWorker),
			"Team: " + orNotRecorded(l.Team),
			"Reasons: " + orNotRecorded(reasons),
			Marking + ": personal data about a child. Do not forward.",
		}, "\n")
		for _, s := range []string{
			"BEGIN:VEVENT",
			"UID:" + p.icsUID(l.ChildID),
			"DTSTAMP:" + stamp,
			"DTSTART;TZID=Europe/London:" + start,
			"DTEND;TZID=Europe/London:" + end,
			"SUMMARY:" + icsText("Panel: "+who+" – "+orNotRecorded(reasons)),
			"DESCRIPTION:" + icsText(desc),
			"CATEGORIES:" + icsText(m.Kind.Label()),
			"CLASS:CONFIDENTIAL",
			"TRANSP:OPAQUE",
			"END:VEVENT",
		} {
			w.line(s)
		}
	}
	w.line("END:VCALENDAR")
	return w.b.Bytes()
}

// writeAgendaICS writes the agenda's calendar to path (0600, atomically).
func (p *meetingPapers) writeAgendaICS(path string) error {
	b := p.agendaICS()
	return export.WritePrivateFile(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
