package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// attendanceDetails is what fairctl help import says of attendance.
const attendanceDetails = `import attendance FILE --session TITLE|--booth CODE reads a Zoom participant
report or a Teams attendance list and records who came: to the session, or as
visits to the booth's online meeting room. People are matched by e-mail, then
by exact name; near-matches are recorded only with --accept-near, rows that
match no one never. --dry-run lists each row's match by line and person id.`

// attendanceFlags are import attendance's own: what the report is the
// attendance of, and whether to apply the near-matches.
type attendanceFlags struct {
	session, booth string
	acceptNear     bool
}

func (a *attendanceFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&a.session, "session", "", "for import attendance: the session's `TITLE` (or id) the report is of")
	fs.StringVar(&a.booth, "booth", "", "for import attendance: the `CODE` of the booth whose meeting room the report is of; its rows become visits")
	fs.BoolVar(&a.acceptNear, "accept-near", false, "for import attendance: record the near-matches too (check them first with --dry-run)")
}

// runImportAttendance imports a Zoom or Teams attendance report. It
// prints what it matched by report line and person id, never by name or
// e-mail: the file holds personal data and this output ends up in logs.
func runImportAttendance(ctx context.Context, e *env, file string, a attendanceFlags, dryRun bool) error {
	if (a.session == "") == (a.booth == "") {
		return misusef("say what the report is the attendance of: --session TITLE or --booth CODE")
	}
	target, what, err := attendanceTarget(ctx, e.store, a)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := data.ReadAttendanceReport(f)
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", file, err)
	}
	prev, err := e.store.PreviewAttendance(ctx, rep, target)
	if err != nil {
		return err
	}
	printAttendancePreview(e.stdout, prev, a.acceptNear)
	if dryRun {
		fmt.Fprintf(e.stdout, "would record (dry run, nothing changed) %s of %s: %d matched, %d near, %d unknown of %d rows\n",
			attendanceNoun(target), what, len(prev.Matched), len(prev.Near), len(prev.Unknown), prev.Rows)
		return nil
	}
	var accept []string
	if a.acceptNear {
		for _, m := range prev.Near {
			accept = append(accept, m.Person.ID)
		}
	}
	res, err := e.store.ApplyAttendance(ctx, prev, accept, "fairctl")
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", file, err)
	}
	fmt.Fprintf(e.stdout, "recorded %s of %s: %d added, %d already recorded; %d near-matches %s, %d unknown rows left out\n",
		attendanceNoun(target), what, res.Added, res.Recorded, len(prev.Near), nearVerb(a.acceptNear), len(prev.Unknown))
	if res.MeetingsDone > 0 {
		fmt.Fprintf(e.stdout, "%d booked meetings at the booth marked done\n", res.MeetingsDone)
	}
	return nil
}

func attendanceNoun(t data.AttendanceTarget) string {
	if t.BoothID != "" {
		return "visits"
	}
	return "attendance"
}

func nearVerb(accepted bool) string {
	if accepted {
		return "accepted"
	}
	return "left out (--accept-near records them)"
}

// attendanceTarget finds the session by title or id, or the booth by code.
func attendanceTarget(ctx context.Context, st *data.Store, a attendanceFlags) (data.AttendanceTarget, string, error) {
	if a.booth != "" {
		b, err := st.BoothByCode(ctx, a.booth)
		if err != nil {
			return data.AttendanceTarget{}, "", err
		}
		return data.AttendanceTarget{BoothID: b.ID}, "booth " + b.Code, nil
	}
	sessions, err := st.Sessions(ctx)
	if err != nil {
		return data.AttendanceTarget{}, "", err
	}
	var found []data.SessionRow
	for _, s := range sessions {
		if s.ID == a.session {
			return data.AttendanceTarget{SessionID: s.ID}, fmt.Sprintf("%q", s.Title), nil
		}
		if strings.EqualFold(strings.TrimSpace(s.Title), strings.TrimSpace(a.session)) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return data.AttendanceTarget{}, "", fmt.Errorf("no session is titled %q: fairctl export sessions lists them", a.session)
	case 1:
		return data.AttendanceTarget{SessionID: found[0].ID}, fmt.Sprintf("%q", found[0].Title), nil
	}
	var ids []string
	for _, s := range found {
		ids = append(ids, s.ID)
	}
	return data.AttendanceTarget{}, "", fmt.Errorf("%d sessions are titled %q: give one's id with --session (%s)", len(found), a.session, strings.Join(ids, ", "))
}

// printAttendancePreview is one line a report row: what it matched, by
// person id and badge code.
func printAttendancePreview(w io.Writer, prev data.AttendancePreview, acceptNear bool) {
	for _, m := range prev.Matched {
		fmt.Fprintf(w, "matched\tline %s\tperson %s\t%s\tby %s%s\n", rowLines(m.Rows), m.Person.ID, orDash(m.Person.BadgeCode), m.By, recordedNote(m))
	}
	for _, m := range prev.Near {
		note := "not applied"
		if acceptNear {
			note = "accepted"
		}
		fmt.Fprintf(w, "near\tline %s\tperson %s\t%s\t%s, %s%s\n", rowLines(m.Rows), m.Person.ID, orDash(m.Person.BadgeCode), nearText[m.Near], note, recordedNote(m))
	}
	for _, u := range prev.Unknown {
		fmt.Fprintf(w, "unknown\tline %d\t-\t-\t%s\n", u.Row.Line, unknownText(u))
	}
}

var nearText = map[data.NearReason]string{
	data.NearAccents:     "the name differs in accents or punctuation",
	data.NearSpelling:    "the name is spelt differently",
	data.NearEmailDomain: "the same e-mail name at another domain",
}

func unknownText(u data.UnknownRow) string {
	switch u.Reason {
	case data.UnknownSeveral:
		return fmt.Sprintf("%d people have this name or one as near", u.Count)
	case data.UnknownBlank:
		return "no name or e-mail"
	}
	return "no one has this e-mail or name"
}

func recordedNote(m data.AttendanceMatch) string {
	if m.Recorded {
		return " (already recorded)"
	}
	return ""
}

func rowLines(rows []data.ReportRow) string {
	var lines []string
	for _, r := range rows {
		lines = append(lines, fmt.Sprint(r.Line))
	}
	return strings.Join(lines, ",")
}
