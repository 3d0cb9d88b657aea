package panel

// The headless interface to the panel's records: `permanence panel ...`
// (panel.md, "Headless"; cli.md). Output is JSON with --json, otherwise a
// readable table; problems with the input are errors (exit 1), mistakes in
// the command line are UsageErrors (exit 2).

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"permanence/data"
	"permanence/data/store"
)

// UsageError is a mistake in the command line itself (exit status 2).
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

func usagef(format string, a ...any) error { return UsageError{fmt.Sprintf(format, a...)} }

// Usage lists the panel subcommands.
const Usage = `  permanence panel new --kind tracking|adoption|all --date YYYY-MM-DD [--chair NAME] [--attendees TEXT]
  permanence panel meetings [--json]
  permanence panel agenda (--meeting ID | --kind KIND --date YYYY-MM-DD) [--json]
  permanence panel add|remove --meeting ID --child ID
  permanence panel move --meeting ID --child ID --to N
  permanence panel hold --meeting ID
  permanence panel record --meeting ID --child ID --file RECORD.json
  permanence panel show --meeting ID [--json]
  permanence panel close --meeting ID
  permanence panel amend --meeting ID --child ID --file RECORD.json --why TEXT
  permanence panel history --meeting ID --child ID [--json]
  permanence panel actions [--open|--overdue] [--as-of YYYY-MM-DD] [--json]
  permanence panel escalations [--open] [--json]
  permanence panel export --meeting ID --out DIR
                                        the agenda (sheet, PDF, calendar file), the minutes (workbook, PDF)
                                        and each child's record PDF
                                        every panel command also takes --db PATH
`

// Opener opens the store at a path ("" for the app's own).
type Opener func(path string) (*store.Store, error)

// Exporter writes a meeting's papers into a folder and returns the files
// written (data/papers.WriteMeetingPapers; passed in, since papers builds
// on this package).
type Exporter func(ctx context.Context, svc *Service, meetingID int64, dir string) ([]string, error)

// Command runs `permanence panel ARGS...`.
func Command(ctx context.Context, args []string, open Opener, export Exporter, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("panel: say what to do: new, meetings, agenda, add, remove, move, hold, record, show, close, amend, history, actions, escalations or export")
	}
	c := &cmd{name: args[0], open: open, export: export, stdout: stdout, who: store.OSUser()}
	c.fs = flag.NewFlagSet("panel "+args[0], flag.ContinueOnError)
	c.fs.SetOutput(stderr)
	c.fs.StringVar(&c.db, "db", "", "the store (default: the app's own)")
	switch args[0] {
	case "new":
		return c.new(ctx, args[1:])
	case "meetings":
		return c.meetings(ctx, args[1:])
	case "agenda":
		return c.agenda(ctx, args[1:])
	case "add", "remove":
		return c.addRemove(ctx, args[1:])
	case "move":
		return c.move(ctx, args[1:])
	case "hold", "close":
		return c.holdOrClose(ctx, args[1:])
	case "record", "amend":
		return c.record(ctx, args[1:])
	case "show":
		return c.show(ctx, args[1:])
	case "history":
		return c.history(ctx, args[1:])
	case "actions":
		return c.actions(ctx, args[1:])
	case "escalations":
		return c.escalations(ctx, args[1:])
	case "export":
		return c.exportPapers(ctx, args[1:])
	}
	return usagef("panel: unknown command %q: use new, meetings, agenda, add, remove, move, hold, record, show, close, amend, history, actions, escalations or export", args[0])
}

type cmd struct {
	name   string
	fs     *flag.FlagSet
	db     string
	open   Opener
	export Exporter
	stdout io.Writer
	who    string

	store *store.Store
	svc   *Service

	meeting *int64  // --meeting, when the command takes it
	child   *string // --child, when the command takes it
	// needMeeting and needChild: parse refuses the command without them.
	needMeeting, needChild bool
}

// parse reads the flags (no other arguments are taken), runs the
// command's own checks of them, and only then opens the store: a mistake
// in the command line touches no store.
func (c *cmd) parse(args []string, checks ...func() error) error {
	if err := c.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("panel %s: %v", c.name, err)
	}
	if c.fs.NArg() > 0 {
		return usagef("panel %s takes no argument %q: every value goes with a flag (--meeting, --child...)", c.name, c.fs.Arg(0))
	}
	if c.needMeeting && *c.meeting <= 0 {
		return usagef("panel %s: say which meeting with --meeting ID (panel meetings lists them)", c.name)
	}
	if c.needChild && strings.TrimSpace(*c.child) == "" {
		return usagef("panel %s: say which child with --child ID", c.name)
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	s, err := c.open(c.db)
	if err != nil {
		return err
	}
	c.store, c.svc = s, New(s, nil)
	return nil
}

func (c *cmd) done() {
	if c.store != nil {
		c.store.Close()
	}
}

// dateValue is a YYYY-MM-DD flag.
type dateValue struct{ d data.Date }

func (f *dateValue) String() string { return f.d.String() }
func (f *dateValue) Set(s string) error {
	d, err := data.ParseDate(s)
	if err != nil || d.IsZero() {
		return fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	f.d = d
	return nil
}

// meetingFlag registers --meeting, which the command needs unless
// optional.
func (c *cmd) meetingFlag(optional ...bool) *int64 {
	c.meeting = c.fs.Int64("meeting", 0, "the meeting's id (panel meetings lists them)")
	c.needMeeting = len(optional) == 0
	return c.meeting
}

// childFlag registers --child, which the command needs.
func (c *cmd) childFlag() *string {
	c.child = c.fs.String("child", "", "the child's ID, as in the extracts")
	c.needChild = true
	return c.child
}
func (c *cmd) jsonFlag() *bool { return c.fs.Bool("json", false, "print JSON") }

func (c *cmd) writeJSON(v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "%s\n", b)
	return err
}

func (c *cmd) new(ctx context.Context, args []string) error {
	kind := c.fs.String("kind", "", "tracking, adoption or all")
	var date dateValue
	c.fs.Var(&date, "date", "the meeting's date, YYYY-MM-DD")
	chair := c.fs.String("chair", "", "who chairs it")
	attendees := c.fs.String("attendees", "", "who attends (roles and names)")
	var k data.PanelKind
	err := c.parse(args, func() (err error) {
		if k, err = data.ParsePanelKind(*kind); err != nil {
			return usagef("panel new: --kind: %v", err)
		}
		if date.d.IsZero() {
			return usagef("panel new: give the meeting's date with --date YYYY-MM-DD")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer c.done()
	id, err := c.store.CreateMeeting(ctx, data.Meeting{Date: date.d, Kind: k, Chair: *chair, Attendees: *attendees}, c.who)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.stdout, id)
	return err
}

// meetingJSON is a meeting as JSON.
type meetingJSON struct {
	ID        int64  `json:"id"`
	Date      string `json:"date"`
	Kind      string `json:"kind"`
	Chair     string `json:"chair"`
	Attendees string `json:"attendees"`
	Status    string `json:"status"`
}

func toMeetingJSON(m data.Meeting) meetingJSON {
	return meetingJSON{ID: m.ID, Date: m.Date.String(), Kind: string(m.Kind), Chair: m.Chair, Attendees: m.Attendees, Status: string(m.Status)}
}

func (c *cmd) meetings(ctx context.Context, args []string) error {
	asJSON := c.jsonFlag()
	if err := c.parse(args); err != nil {
		return err
	}
	defer c.done()
	ms, err := c.store.Meetings(ctx)
	if err != nil {
		return err
	}
	return writeList(c, *asJSON, ms, toMeetingJSON,
		"No meetings yet: 'permanence panel new --kind tracking --date YYYY-MM-DD' plans one.",
		"ID\tDate\tKind\tStatus\tChair", func(m data.Meeting) string {
			return fmt.Sprintf("%d\t%s\t%s\t%s\t%s", m.ID, m.Date, m.Kind, m.Status, m.Chair)
		})
}

// writeList prints a list: as a JSON array of toJSON's objects with
// asJSON, else a table under heading (columns split by tabs), a row a
// line, or empty when there is nothing.
func writeList[T, J any](c *cmd, asJSON bool, list []T, toJSON func(T) J, empty, heading string, row func(T) string) error {
	if asJSON {
		out := make([]J, 0, len(list))
		for _, x := range list {
			out = append(out, toJSON(x))
		}
		return c.writeJSON(out)
	}
	if len(list) == 0 {
		_, err := fmt.Fprintln(c.stdout, empty)
		return err
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, heading)
	for _, x := range list {
		fmt.Fprintln(tw, row(x))
	}
	return tw.Flush()
}

// agendaLineJSON is one line of `panel agenda --json` (panel.md).
type agendaLineJSON struct {
	ChildID      string   `json:"child_id"`
	Reasons      []string `json:"reasons"`
	Time         string   `json:"time"`
	SocialWorker string   `json:"social_worker"`
	Team         string   `json:"team"`
}

func agendaJSON(ag Agenda) []agendaLineJSON {
	out := make([]agendaLineJSON, 0, len(ag.Lines))
	for _, l := range ag.Lines {
		j := agendaLineJSON{ChildID: l.ChildID, Reasons: []string{}, Time: l.Time, SocialWorker: l.SocialWorker, Team: l.Team}
		for _, r := range l.Reasons {
			j.Reasons = append(j.Reasons, string(r))
		}
		out = append(out, j)
	}
	return out
}

func (c *cmd) agenda(ctx context.Context, args []string) error {
	id := c.meetingFlag(true)
	kind := c.fs.String("kind", "", "tracking, adoption or all (with --date, for a meeting not stored)")
	var date dateValue
	c.fs.Var(&date, "date", "the meeting's date (with --kind)")
	asJSON := c.jsonFlag()
	var k data.PanelKind
	err := c.parse(args, func() (err error) {
		switch {
		case *id > 0 && (*kind != "" || !date.d.IsZero()):
			return usagef("panel agenda: give --meeting ID, or --kind and --date for a meeting not stored, not both")
		case *id > 0:
			return nil
		case *kind != "" && !date.d.IsZero():
			if k, err = data.ParsePanelKind(*kind); err != nil {
				return usagef("panel agenda: --kind: %v", err)
			}
			return nil
		}
		return usagef("panel agenda: give --meeting ID, or --kind KIND and --date YYYY-MM-DD")
	})
	if err != nil {
		return err
	}
	defer c.done()
	var ag Agenda
	if *id > 0 {
		ag, err = c.svc.Agenda(ctx, *id)
	} else {
		ag, err = c.svc.Suggest(ctx, k, date.d)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(agendaJSON(ag))
	}
	return writeAgenda(c.stdout, ag)
}

// writeAgenda prints an agenda as a table, with the children never
// reviewed by the panel listed apart. Child IDs only: no names.
func writeAgenda(w io.Writer, ag Agenda) error {
	m := ag.Meeting
	fmt.Fprintf(w, "%s (%s)", m.Kind.Label(), m.Date.UK())
	if m.ID > 0 {
		fmt.Fprintf(w, ", meeting %d, %s", m.ID, m.Status)
	}
	fmt.Fprintf(w, "; changes since %s\n", ag.Since.UK())
	if len(ag.Lines) == 0 {
		fmt.Fprintln(w, "No child is suggested: nobody in the cohort has a reason to come to this meeting.")
	} else {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "Time\tChild\tSocial worker\tTeam\tReasons")
		for _, l := range ag.Lines {
			var rs []string
			for _, r := range l.Reasons {
				rs = append(rs, r.Label())
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.Time, l.ChildID, dash(l.SocialWorker), dash(l.Team), strings.Join(rs, "; "))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if ag.Warning != "" {
		fmt.Fprintf(w, "\nNote: %s.\n", ag.Warning)
	}
	if len(ag.NeverReviewed) > 0 {
		var ids []string
		for _, l := range ag.NeverReviewed {
			ids = append(ids, l.ChildID)
		}
		more := ""
		if len(ids) > 20 {
			more = fmt.Sprintf(" and %d more", len(ids)-20)
			ids = ids[:20]
		}
		fmt.Fprintf(w, "\nNever reviewed by the panel, in care over 4 months (%d, longest in care first): %s%s\n", len(ag.NeverReviewed), strings.Join(ids, ", "), more)
	}
	if len(ag.Removed) > 0 {
		fmt.Fprintf(w, "Removed by hand: %s\n", strings.Join(ag.Removed, ", "))
	}
	return nil
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func (c *cmd) addRemove(ctx context.Context, args []string) error {
	id, child := c.meetingFlag(), c.childFlag()
	if err := c.parse(args); err != nil {
		return err
	}
	defer c.done()
	if c.name == "add" {
		if err := c.svc.AddToAgenda(ctx, *id, *child); err != nil {
			return err
		}
		_, err := fmt.Fprintf(c.stdout, "Child %s is on the agenda of meeting %d.\n", *child, *id)
		return err
	}
	if err := c.store.RemoveFromAgenda(ctx, *id, *child); err != nil {
		return err
	}
	_, err := fmt.Fprintf(c.stdout, "Child %s is off the agenda of meeting %d (and stays off unless added again).\n", *child, *id)
	return err
}

func (c *cmd) move(ctx context.Context, args []string) error {
	id, child := c.meetingFlag(), c.childFlag()
	to := c.fs.Int("to", 0, "the child's new place on the agenda, from 1")
	err := c.parse(args, func() error {
		if *to < 1 {
			return usagef("panel move: give the new place with --to N (1 is first)")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer c.done()
	ag, err := c.svc.Agenda(ctx, *id)
	if err != nil {
		return err
	}
	var order []string
	for _, l := range ag.Lines {
		if l.ChildID != *child {
			order = append(order, l.ChildID)
		}
	}
	if len(order) == len(ag.Lines) {
		return fmt.Errorf("child %s is not on the agenda of meeting %d: add them first", *child, *id)
	}
	at := min(*to-1, len(order))
	order = append(order[:at], append([]string{*child}, order[at:]...)...)
	if err := c.store.SetAgendaOrder(ctx, *id, order); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "Child %s is number %d on the agenda of meeting %d.\n", *child, at+1, *id)
	return err
}

// holdOrClose is `panel hold` and `panel close`.
func (c *cmd) holdOrClose(ctx context.Context, args []string) error {
	id := c.meetingFlag()
	if err := c.parse(args); err != nil {
		return err
	}
	defer c.done()
	change, said := c.svc.Hold, "is held: its agenda is kept as it is now, and records can be written"
	if c.name == "close" {
		change, said = c.svc.Close, "is closed: its records are final; a change is an amendment with a reason ('panel amend')"
	}
	if err := change(ctx, *id, c.who); err != nil {
		return err
	}
	_, err := fmt.Fprintf(c.stdout, "Meeting %d %s.\n", *id, said)
	return err
}

func (c *cmd) record(ctx context.Context, args []string) error {
	id, child := c.meetingFlag(), c.childFlag()
	file := c.fs.String("file", "", "the record, a JSON file (panel.md); - for standard input")
	why := ""
	if c.name == "amend" {
		c.fs.StringVar(&why, "why", "", "why the closed meeting's record changes")
	}
	err := c.parse(args, func() error {
		if *file == "" {
			return usagef("panel %s: give the record with --file RECORD.json", c.name)
		}
		if c.name == "amend" && strings.TrimSpace(why) == "" {
			return usagef("panel amend: say why the record of a closed meeting changes with --why TEXT")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer c.done()
	var b []byte
	if *file == "-" {
		b, err = io.ReadAll(os.Stdin)
	} else {
		b, err = os.ReadFile(*file)
	}
	if err != nil {
		return fmt.Errorf("read the record file: %w", err)
	}
	patch, err := data.ParseRecordFile(*file, b)
	if err != nil {
		return err
	}
	var saved bool
	if c.name == "amend" {
		saved, err = c.svc.Amend(ctx, *id, *child, *file, patch, c.who, why)
	} else {
		saved, err = c.svc.Save(ctx, *id, *child, *file, patch, c.who)
	}
	if err != nil {
		return err
	}
	switch {
	case !saved:
		_, err = fmt.Fprintf(c.stdout, "Child %s's record at meeting %d is unchanged: it already says that.\n", *child, *id)
	case c.name == "amend":
		_, err = fmt.Fprintf(c.stdout, "Child %s's record at meeting %d is amended (by %s: %s); 'panel history' shows every version.\n", *child, *id, c.who, why)
	default:
		_, err = fmt.Fprintf(c.stdout, "Child %s's record at meeting %d is saved (by %s).\n", *child, *id, c.who)
	}
	return err
}

// recordJSON is a child's record in `panel show --json`: the record file's
// keys (panel.md) with the child's ID.
func recordJSON(r data.PanelRecord) (map[string]any, error) {
	b, err := json.Marshal(&r)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	out["child_id"] = r.ChildID
	return out, nil
}

func (c *cmd) show(ctx context.Context, args []string) error {
	id := c.meetingFlag()
	asJSON := c.jsonFlag()
	if err := c.parse(args); err != nil {
		return err
	}
	defer c.done()
	ag, err := c.svc.Agenda(ctx, *id)
	if err != nil {
		return err
	}
	recs, err := c.store.Records(ctx, *id)
	if err != nil {
		return err
	}
	if *asJSON {
		out := struct {
			Meeting meetingJSON      `json:"meeting"`
			Agenda  []agendaLineJSON `json:"agenda"`
			Records []map[string]any `json:"records"`
		}{Meeting: toMeetingJSON(ag.Meeting), Agenda: agendaJSON(ag), Records: []map[string]any{}}
		for _, r := range recs {
			j, err := recordJSON(r)
			if err != nil {
				return err
			}
			out.Records = append(out.Records, j)
		}
		return c.writeJSON(out)
	}
	m := ag.Meeting
	fmt.Fprintf(c.stdout, "Meeting %d: %s, %s\nChair: %s\nAttendees: %s\n\n", m.ID, m.Title(), m.Status, dash(m.Chair), dash(strings.ReplaceAll(m.Attendees, "\n", "; ")))
	if err := writeAgenda(c.stdout, ag); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "\nRecords (%d):\n", len(recs))
	for _, r := range recs {
		writeRecord(c.stdout, r)
	}
	return nil
}

// writeRecord prints a record's fields that are filled in, a line each.
func writeRecord(w io.Writer, r data.PanelRecord) {
	fmt.Fprintf(w, "\n  Child %s\n", r.ChildID)
	line := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			fmt.Fprintf(w, "    %s: %s\n", label, strings.ReplaceAll(strings.TrimSpace(v), "\n", "\n      "))
		}
	}
	if r.Attended != nil {
		line("Social worker attended", map[bool]string{true: "yes", false: "no"}[*r.Attended])
	}
	line("Update by", r.UpdateBy)
	line("Update", r.Update)
	if r.ChildVoice.Gathered != "" || r.ChildVoice.Text != "" {
		line("Child's voice", strings.TrimSpace(strings.ReplaceAll(string(r.ChildVoice.Gathered), "_", " ")+": "+r.ChildVoice.Text))
	}
	line("Plan endorsed", r.Plan)
	line("Parallel plan", r.ParallelPlan)
	var bs []string
	for _, b := range r.Barriers {
		t := b.Label()
		if b == data.BarrierOther && r.BarrierOther != "" {
			t += " (" + r.BarrierOther + ")"
		}
		bs = append(bs, t)
	}
	line("Barriers", strings.Join(bs, "; "))
	line("Early permanence considered", strings.ReplaceAll(string(r.EarlyPermanenceConsidered), "_", " "))
	line("Contact with earlier adopters considered", strings.ReplaceAll(string(r.PreviousAdoptersConsidered), "_", " "))
	line("Decision", r.Decision)
	for i, a := range r.Actions {
		t := fmt.Sprintf("%s — %s, due %s, %s", a.What, dash(a.Who), a.Due.UK(), a.Status)
		if a.Status == data.ActionDone {
			t += " " + a.DoneOn.UK()
		}
		if a.Why != "" {
			t += " (" + a.Why + ")"
		}
		line("Action "+strconv.Itoa(i+1), t)
	}
	if !r.NextReview.IsZero() {
		line("Next review", r.NextReview.UK()+" "+r.NextReviewWhy)
	}
	if e := r.Escalation; e != nil {
		t := fmt.Sprintf("to %s on %s: %s", e.To, e.Raised.UK(), e.Why)
		if !e.Open() {
			t += fmt.Sprintf("; outcome (%s): %s", e.Resolved.UK(), e.Outcome)
		}
		line("Escalation", t)
	}
}

func (c *cmd) history(ctx context.Context, args []string) error {
	id, child := c.meetingFlag(), c.childFlag()
	asJSON := c.jsonFlag()
	if err := c.parse(args); err != nil {
		return err
	}
	defer c.done()
	vs, err := c.store.RecordHistory(ctx, *id, *child)
	if err != nil {
		return err
	}
	if *asJSON {
		type versionJSON struct {
			Version int            `json:"version"`
			Who     string         `json:"who"`
			At      string         `json:"at"`
			Why     string         `json:"why,omitempty"`
			Record  map[string]any `json:"record"`
		}
		out := []versionJSON{}
		for _, v := range vs {
			r, err := recordJSON(v.Record)
			if err != nil {
				return err
			}
			out = append(out, versionJSON{v.Version, v.Who, v.At, v.Why, r})
		}
		return c.writeJSON(out)
	}
	if len(vs) == 0 {
		_, err := fmt.Fprintf(c.stdout, "Child %s has no record at meeting %d.\n", *child, *id)
		return err
	}
	for _, v := range vs {
		fmt.Fprintf(c.stdout, "Version %d, saved by %s at %s", v.Version, v.Who, v.At)
		if v.Why != "" {
			fmt.Fprintf(c.stdout, " — amended: %s", v.Why)
		}
		fmt.Fprintln(c.stdout)
		writeRecord(c.stdout, v.Record)
		fmt.Fprintln(c.stdout)
	}
	return nil
}

// actionJSON is one action of `panel actions --json`.
type actionJSON struct {
	ChildID     string `json:"child_id"`
	MeetingID   int64  `json:"meeting_id"`
	MeetingDate string `json:"meeting_date"`
	What        string `json:"what"`
	Who         string `json:"who"`
	Due         string `json:"due,omitempty"`
	Status      string `json:"status"`
	DoneOn      string `json:"done_on,omitempty"`
	Why         string `json:"why,omitempty"`
	Overdue     bool   `json:"overdue"`
}

func dateText(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (c *cmd) actions(ctx context.Context, args []string) error {
	open := c.fs.Bool("open", false, "only actions still open")
	overdue := c.fs.Bool("overdue", false, "only open actions past their due date")
	var asOf dateValue
	c.fs.Var(&asOf, "as-of", "the date overdue is judged at (default: today)")
	asJSON := c.jsonFlag()
	err := c.parse(args, func() error {
		if *open && *overdue {
			return usagef("panel actions: --open or --overdue, not both (overdue actions are open)")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer c.done()
	at := asOf.d
	if at.IsZero() {
		at = data.Today()
	}
	recs, err := c.store.AllRecords(ctx)
	if err != nil {
		return err
	}
	var list []data.ChildAction
	for _, a := range data.Actions(recs) {
		switch {
		case *open && a.Action.Status != data.ActionOpen:
		case *overdue && !a.Action.OverdueAt(at):
		default:
			list = append(list, a)
		}
	}
	data.SortActions(list, at)
	return writeList(c, *asJSON, list, func(a data.ChildAction) actionJSON {
		return actionJSON{ChildID: a.ChildID, MeetingID: a.Meeting.ID, MeetingDate: a.Meeting.Date.String(),
			What: a.Action.What, Who: a.Action.Who, Due: dateText(a.Action.Due), Status: string(a.Action.Status),
			DoneOn: dateText(a.Action.DoneOn), Why: a.Action.Why, Overdue: a.Action.OverdueAt(at)}
	}, "No actions.", "Due\tWho\tChild\tAction\tStatus\tSet at", func(a data.ChildAction) string {
		st := string(a.Action.Status)
		if a.Action.OverdueAt(at) {
			st = fmt.Sprintf("OVERDUE (%d days)", data.Days(a.Action.Due, at))
		}
		return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\tmeeting %d, %s", a.Action.Due.UK(), dash(a.Action.Who), a.ChildID, a.Action.What, st, a.Meeting.ID, a.Meeting.Date.UK())
	})
}

// escalationJSON is one escalation of `panel escalations --json`.
type escalationJSON struct {
	ChildID     string `json:"child_id"`
	MeetingID   int64  `json:"meeting_id"`
	MeetingDate string `json:"meeting_date"`
	To          string `json:"to"`
	Why         string `json:"why"`
	Raised      string `json:"raised,omitempty"`
	Outcome     string `json:"outcome,omitempty"`
	Resolved    string `json:"resolved,omitempty"`
	Open        bool   `json:"open"`
}

func (c *cmd) escalations(ctx context.Context, args []string) error {
	open := c.fs.Bool("open", false, "only escalations with no outcome yet")
	asJSON := c.jsonFlag()
	if err := c.parse(args); err != nil {
		return err
	}
	defer c.done()
	recs, err := c.store.AllRecords(ctx)
	if err != nil {
		return err
	}
	var list []data.ChildEscalation
	for _, e := range data.Escalations(recs) {
		if !*open || e.Escalation.Open() {
			list = append(list, e)
		}
	}
	return writeList(c, *asJSON, list, func(e data.ChildEscalation) escalationJSON {
		x := e.Escalation
		return escalationJSON{ChildID: e.ChildID, MeetingID: e.Meeting.ID, MeetingDate: e.Meeting.Date.String(),
			To: x.To, Why: x.Why, Raised: dateText(x.Raised), Outcome: x.Outcome, Resolved: dateText(x.Resolved), Open: x.Open()}
	}, "No escalations.", "Raised\tChild\tTo\tWhy\tOutcome", func(e data.ChildEscalation) string {
		x := e.Escalation
		outcome := "open"
		if !x.Open() {
			outcome = x.Resolved.UK() + ": " + x.Outcome
		}
		return fmt.Sprintf("%s\t%s\t%s\t%s\t%s", x.Raised.UK(), e.ChildID, x.To, x.Why, outcome)
	})
}

func (c *cmd) exportPapers(ctx context.Context, args []string) error {
	c.meetingFlag()
	out := c.fs.String("out", "", "the folder to write the papers into (made if missing)")
	err := c.parse(args, func() error {
		if strings.TrimSpace(*out) == "" {
			return usagef("panel export: say which folder with --out DIR")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer c.done()
	paths, err := c.export(ctx, c.svc, *c.meeting, *out)
	for _, p := range paths {
		fmt.Fprintln(c.stdout, p)
	}
	return err
}
