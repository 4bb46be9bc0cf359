package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// ImportMeetings reads a meetings CSV file as ExportMeetings writes it
// (the header names the columns, in any order) into the store, in one
// transaction: each meeting into its host's slot at its time, the slot
// made when there is none, and a file imported twice changes nothing the
// second time. Rows name people by e-mail or badge code and problems name
// rows by line, never by a person's name or address. A bad row stops the
// import unless opt.SkipBad.
func ImportMeetings(ctx context.Context, st *data.Store, r io.Reader, opt Options) (Result, error) {
	text, _, err := decodeText(r)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", opt.fileName(), err)
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", opt.fileName(), err)
	}
	if len(records) == 0 {
		return Result{}, fmt.Errorf("%s: %w", opt.fileName(), reason("the file is empty; it needs a header row naming the columns"))
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range [][]string{{"host_email", "host_booth"}, {"seeker_email", "seeker_badge"}, {"start"}, {"end"}} {
		if !slices.ContainsFunc(need, func(c string) bool { _, ok := col[c]; return ok }) {
			return Result{}, fmt.Errorf("%s: %w", opt.fileName(), reason("no column is named %s; the header needs host_email or host_booth, seeker_email or seeker_badge, start and end", need[0]))
		}
	}
	problems := newRowProblems(opt.fileName())
	return runBatch(ctx, st, opt, problems, func(b *data.ImportTx, res *Result) error {
		for i, rec := range records[1:] {
			if err := cancelled(ctx, i); err != nil {
				return err
			}
			line := i + 2
			cell := func(name string) string {
				if c, ok := col[name]; ok && c < len(rec) {
					return RestoreFormula(strings.TrimSpace(rec[c]))
				}
				return ""
			}
			if blankRecord(rec) {
				continue
			}
			m, ok, err := readMeetingRow(b, line, cell, problems)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			added, err := b.SaveImportedMeeting(&m)
			var fe data.FieldErrors
			switch {
			case errors.As(err, &fe):
				problems.add(line, "%s", FieldProblems(fe))
			case errors.Is(err, data.ErrNotFound):
				problems.add(line, "the host or the job seeker was deleted")
			case err != nil:
				return fmt.Errorf("line %d: %w", line, err)
			case added:
				res.Added++
			default:
				res.Updated++
			}
		}
		return nil
	})
}

// readMeetingRow checks one row and finds its host and seeker.
func readMeetingRow(b *data.ImportTx, line int, cell func(string) string, problems *rowProblems) (data.Meeting, bool, error) {
	var m data.Meeting
	ok := true
	if code := cell("host_booth"); code != "" {
		booth, found, err := b.BoothByCode(code)
		if err != nil {
			return m, false, err
		}
		if !found {
			problems.add(line, "no booth has code %s", code)
			ok = false
		}
		m.Host = data.BoothHost(booth.ID)
	} else {
		p, found, err := b.PersonByKey(cell("host_email"), "")
		if err != nil {
			return m, false, err
		}
		if !found {
			problems.add(line, "no one has the host's e-mail address")
			ok = false
		}
		m.Host = data.PersonHost(p.ID)
	}
	p, found, err := b.PersonByKey(cell("seeker_email"), cell("seeker_badge"))
	if err != nil {
		return m, false, err
	}
	if !found {
		problems.add(line, "no one has the job seeker's e-mail address or badge code")
		ok = false
	}
	m.PersonID = p.ID
	for name, dst := range map[string]*time.Time{"start": &m.Starts, "end": &m.Ends} {
		t, err := time.Parse(time.RFC3339, cell(name))
		if err != nil {
			problems.add(line, "%s %q is not a time in RFC 3339 such as 2026-10-23T11:00:00+01:00", name, cell(name))
			ok = false
		}
		*dst = t
	}
	m.Place, m.Link, m.Reasons = cell("place"), cell("link"), cell("reasons")
	m.State = data.MeetingBooked
	if text := cell("state"); text != "" {
		st, known := data.ParseMeetingState(text)
		if !known {
			problems.add(line, "%q is not a meeting state: choose requested, proposed, booked, declined, cancelled, done or no_show", text)
			ok = false
		}
		m.State = st
	}
	if text := cell("score"); text != "" {
		n, err := strconv.Atoi(text)
		if err != nil {
			problems.add(line, "score %q is not a whole number", text)
			ok = false
		}
		m.Score = n
	}
	return m, ok, nil
}
