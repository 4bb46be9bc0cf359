package sheets

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// sessionRow is one checked row of a sessions file.
type sessionRow struct {
	line     int
	has      [sDuration]bool
	s        data.Session
	speakers []string // e-mail addresses or badge codes; nil when the cell is blank
	custom   map[string]string
}

// checkSessions reads every row of a sessions file without looking at the
// database: times in loc, kinds, numbers, and repeats within the file.
func checkSessions(ctx context.Context, t *table, loc *time.Location, problems *rowProblems) ([]sessionRow, error) {
	if !t.has(sTitle) && !t.has(sID) {
		return nil, fmt.Errorf("no column holds the session title (the columns are: %s); call one Title, or choose its field in the mapping", strings.Join(t.headers, ", "))
	}
	rows := make([]sessionRow, 0, len(t.rows))
	seen := map[string]int{} // id, or title and start -> first line
	for i, r := range t.rows {
		if err := cancelled(ctx, i); err != nil {
			return nil, err
		}
		cells, extra := t.cellsOf(r, len(sessionFields))
		sr := sessionRow{line: r.line, custom: extra}
		sr.fill(cells, loc, problems)
		key := sr.s.ID
		if key == "" {
			key = sr.s.Title + "\x00" + data.SessionStartText(sr.s.Starts)
		}
		if first, dup := seen[key]; dup && (sr.has[sID] || sr.has[sTitle]) {
			problems.add(r.line, "the same session is on line %d", first)
		} else {
			seen[key] = r.line
		}
		if !sr.has[sID] && !sr.has[sTitle] {
			problems.add(r.line, "no title")
		}
		rows = append(rows, sr)
	}
	return rows, nil
}

func (sr *sessionRow) fill(cells []string, loc *time.Location, problems *rowProblems) {
	s := &sr.s
	set := func(f int, dst *string, v string) {
		if v != "" {
			*dst, sr.has[f] = v, true
		}
	}
	set(sID, &s.ID, cells[sID])
	set(sTitle, &s.Title, cells[sTitle])
	set(sRoom, &s.Room, cells[sRoom])
	set(sLink, &s.Link, cells[sLink])
	set(sDescription, &s.Description, cells[sDescription])
	set(sRecording, &s.RecordingLink, cells[sRecording])
	if v := cells[sKind]; v != "" {
		kind, ok := data.ParseSessionKind(v)
		if !ok {
			problems.addField(sr.line, sKind, "%q is not a kind of session (talk, panel, breakout, networking)", v)
		}
		s.Kind, sr.has[sKind] = kind, true
	}
	if v := cells[sCapacity]; v != "" {
		n, err := parseCount(v)
		if err == nil && n < 0 {
			err = reason("capacity cannot be negative")
		}
		if err != nil {
			problems.addField(sr.line, sCapacity, "capacity: %v", err)
		}
		s.Capacity, sr.has[sCapacity] = n, true
	}
	if v := cells[sSpeakers]; v != "" {
		sr.speakers, sr.has[sSpeakers] = splitKeys(v), true
	}
	sr.fillTimes(cells, loc, problems)
}

// fillTimes reads start and end, allowing a date column with times of
// day, an end given as a time of day, or a duration instead of an end.
func (sr *sessionRow) fillTimes(cells []string, loc *time.Location, problems *rowProblems) {
	var day time.Time
	if v := cells[sDate]; v != "" {
		d, err := parseDay(v, loc)
		if err != nil {
			problems.addField(sr.line, sDate, "date: %v", err)
			return
		}
		day = d
	}
	if v := cells[sStarts]; v != "" {
		t, err := parseTime(v, loc, day)
		if err != nil {
			problems.addField(sr.line, sStarts, "start: %v", err)
			return
		}
		sr.s.Starts, sr.has[sStarts] = t, true
	}
	if !sr.s.Starts.IsZero() {
		day = sr.s.Starts
	}
	if v := cells[sEnds]; v != "" {
		t, err := parseTime(v, loc, day)
		if err != nil {
			problems.addField(sr.line, sEnds, "end: %v", err)
			return
		}
		sr.s.Ends, sr.has[sEnds] = t, true
	}
	if v := cells[sDuration]; v != "" {
		d, err := parseDuration(v)
		if err != nil {
			problems.addField(sr.line, sDuration, "duration: %v", err)
			return
		}
		if sr.s.Starts.IsZero() {
			problems.add(sr.line, "a duration needs a start time")
			return
		}
		if sr.has[sEnds] && !sr.s.Ends.Equal(sr.s.Starts.Add(d)) {
			problems.add(sr.line, "the end and the duration disagree")
			return
		}
		sr.s.Ends, sr.has[sEnds] = sr.s.Starts.Add(d), true
	}
	if sr.has[sStarts] && sr.has[sEnds] && !sr.s.Ends.After(sr.s.Starts) {
		if cells[sEnds] == "" {
			problems.addField(sr.line, sDuration, "duration: %q is no time at all; a session must end after it starts", cells[sDuration])
			return
		}
		problems.addField(sr.line, sEnds, "%s", endNotAfterStart(cells[sStarts], cells[sEnds], sr.s.Starts, sr.s.Ends, loc))
	}
}

// endNotAfterStart says why an end is not after its start, in the event's
// zone, and points at a start and an end written in different zones: an
// end of 11:00 after a start of 10:00Z is the same instant in London in
// summer.
func endNotAfterStart(startCell, endCell string, start, end time.Time, loc *time.Location) Reason {
	startOffset, endOffset := hasOffset(startCell), hasOffset(endCell)
	describe := func(cell string, t time.Time, offset bool) any {
		local := t.In(loc).Format("2006-01-02 15:04")
		switch {
		case offset:
			return reason("%s (%s in %s)", cell, local, loc.String())
		case startOffset || endOffset:
			return reason("%s (%s)", local, loc.String())
		}
		return local
	}
	var advice Reason
	switch {
	case startOffset && !endOffset:
		advice = reason("the start has an offset and the end has none, so the end is read in the event's zone, %s: write both the same way", loc.String())
	case endOffset && !startOffset:
		advice = reason("the end has an offset and the start has none, so the start is read in the event's zone, %s: write both the same way", loc.String())
	default:
		advice = reason("a session must end after it starts")
	}
	endText, startText := describe(endCell, end, endOffset), describe(startCell, start, startOffset)
	if end.Equal(start) {
		return reason("end: %s is the same time as the start, %s; %s", endText, startText, advice)
	}
	return reason("end: %s is before the start, %s; %s", endText, startText, advice)
}

// overlay copies the fields the row fills onto s.
func (sr *sessionRow) overlay(s *data.Session) {
	src := &sr.s
	copyIf := func(f int, dst *string, v string) {
		if sr.has[f] {
			*dst = v
		}
	}
	copyIf(sTitle, &s.Title, src.Title)
	copyIf(sRoom, &s.Room, src.Room)
	copyIf(sLink, &s.Link, src.Link)
	copyIf(sDescription, &s.Description, src.Description)
	copyIf(sRecording, &s.RecordingLink, src.RecordingLink)
	if sr.has[sKind] {
		s.Kind = src.Kind
	}
	if sr.has[sStarts] {
		s.Starts = src.Starts
	}
	if sr.has[sEnds] {
		s.Ends = src.Ends
	}
	if sr.has[sCapacity] {
		s.Capacity = src.Capacity
	}
	s.Custom = withCustom(s.Custom, sr.custom)
}

// writeSessions adds or updates the good rows, matching by id or else by
// title and start, and resolves speakers to people already registered.
func writeSessions(b *data.ImportTx, rows []sessionRow, problems *rowProblems, res *Result, opt Options) error {
	for i := range rows {
		if err := cancelled(b.Context(), i); err != nil {
			return err
		}
		if i%checkEvery == 0 {
			opt.progress(i, len(rows))
		}
		sr := &rows[i]
		if problems.bad[sr.line] {
			continue
		}
		old, found, err := b.SessionMatching(sr.s.ID, sr.s.Title, data.SessionStartText(sr.s.Starts))
		if err != nil {
			return fmt.Errorf("line %d: find session: %w", sr.line, err)
		}
		speakers, ok, err := resolvePeople(b, sr.speakers, reason("speaker"), sSpeakers, sr.line, problems)
		if err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		s := old
		if !found {
			s.ID = sr.s.ID // a new session keeps the id the file gives it, so exports round-trip
		}
		sr.overlay(&s)
		if errs := s.Check(); len(errs) > 0 {
			problems.add(sr.line, "%s", FieldProblems(errs))
			continue
		}
		if err := b.SaveSession(&s, speakers); err != nil {
			return fmt.Errorf("line %d: %w", sr.line, err)
		}
		if found {
			res.Updated++
		} else {
			res.Added++
		}
	}
	opt.progress(len(rows), len(rows))
	return nil
}

// resolvePeople turns e-mail addresses or badge codes into person ids; an
// unknown one is a problem of the row, named by its place in the cell
// (field f), not by the address. It returns nil ids for nil keys, so that
// a blank cell leaves speakers or staff as they are.
func resolvePeople(b *data.ImportTx, keys []string, what Reason, f, line int, problems *rowProblems) ([]string, bool, error) {
	if keys == nil {
		return nil, true, nil
	}
	ids := []string{}
	ok := true
	for i, key := range keys {
		p, found, err := b.PersonByKey(key, key)
		if err != nil {
			return nil, false, fmt.Errorf("line %d: find %s %d: %w", line, what, i+1, err)
		}
		if !found {
			problems.addField(line, f, "%s %d of %d is not anyone registered (no one has that e-mail address or badge code)", what, i+1, len(keys))
			ok = false
			continue
		}
		ids = append(ids, p.ID)
	}
	return ids, ok, nil
}
