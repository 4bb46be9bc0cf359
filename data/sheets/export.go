package sheets

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// exportPage is how many people are read at a time: big enough that the
// query cost per row is small, small enough that 100,000 people are never
// in memory at once.
const exportPage = 5000

// header is the exported field names followed by the custom keys.
func header(fields []field, customKeys []string) []string {
	var names []string
	for _, f := range fields {
		if f.exported {
			names = append(names, f.name)
		}
	}
	return append(names, customKeys...)
}

// appendCustom adds one cell per custom key.
func appendCustom(cells []string, fields data.Fields, keys []string) []string {
	for _, k := range keys {
		cells = append(cells, fields[k])
	}
	return cells
}

func countText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// organisationsByID reads every organisation once, for their kind and sector.
func organisationsByID(ctx context.Context, st *data.Store) (map[string]data.Organisation, error) {
	list, err := st.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]data.Organisation, len(list))
	for _, o := range list {
		byID[o.ID] = o
	}
	return byID, nil
}

// eachPersonPage calls fn with every page of the live people filter lets
// through, in list order.
func eachPersonPage(ctx context.Context, st *data.Store, filter data.PeopleFilter, fn func([]data.PersonRow) error) error {
	for offset := 0; ; offset += exportPage {
		page, err := st.ListPeople(ctx, filter, offset, exportPage)
		if err != nil {
			return err
		}
		if err := fn(page); err != nil {
			return err
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

// ExportPeople writes every live person as CSV, ordered by family name.
// People are read a page at a time; the custom columns take one extra pass.
func ExportPeople(ctx context.Context, st *data.Store, w io.Writer) error {
	return ExportPeopleAs(ctx, st, w, data.PeopleFilter{})
}

// ExportPeopleAs writes the people filter lets through, in its order: the
// People list as the user filtered and sorted it.
func ExportPeopleAs(ctx context.Context, st *data.Store, w io.Writer, filter data.PeopleFilter) error {
	if err := exportPeople(ctx, st, w, filter); err != nil {
		return fmt.Errorf("export people: %w", err)
	}
	return nil
}

func exportPeople(ctx context.Context, st *data.Store, w io.Writer, filter data.PeopleFilter) error {
	orgs, err := organisationsByID(ctx, st)
	if err != nil {
		return err
	}
	keys := map[string]bool{}
	err = eachPersonPage(ctx, st, filter, func(page []data.PersonRow) error {
		for _, p := range page {
			for k := range p.Custom {
				keys[k] = true
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	customKeys := slices.Sorted(maps.Keys(keys))
	sw := NewSheetWriter(w)
	if err := sw.Write(header(peopleFields, customKeys)); err != nil {
		return err
	}
	cells := make([]string, 0, len(peopleFields)+len(customKeys))
	err = eachPersonPage(ctx, st, filter, func(page []data.PersonRow) error {
		for _, p := range page {
			org := orgs[p.OrgID]
			year := ""
			if p.YearReturned != 0 {
				year = strconv.Itoa(p.YearReturned)
			}
			cells = append(cells[:0], p.GivenName, p.FamilyName, p.KanjiName, p.KanaName, p.Email, p.Phone,
				org.Name, string(org.Kind), org.Sector, p.JobTitle, p.Roles.String(), p.ProgrammeRole,
				p.HostPrefecture, p.Years, year, p.Interests.String(), p.Industries.String(), p.BadgeCode,
				YesNo(p.Consent), p.Notes)
			if err := sw.Write(appendCustom(cells, p.Custom, customKeys)); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// personKey is how exports name a person in a list: the e-mail address,
// or the badge code for someone without one.
func personKey(p data.Person) string {
	if p.Email != "" {
		return p.Email
	}
	return p.BadgeCode
}

// joinKeys sorts keys so that a list reads the same however it was stored.
func joinKeys(keys []string) string {
	slices.Sort(keys)
	return strings.Join(keys, "; ")
}

// ExportSessions writes every live session as CSV in start order. Times
// carry their offset (RFC 3339 in the event's zone), so they read back the
// same in any database; speakers are listed by e-mail or badge code.
func ExportSessions(ctx context.Context, st *data.Store, w io.Writer) error {
	if err := exportSessions(ctx, st, w); err != nil {
		return fmt.Errorf("export sessions: %w", err)
	}
	return nil
}

func exportSessions(ctx context.Context, st *data.Store, w io.Writer) error {
	loc, err := eventLocation(ctx, st)
	if err != nil {
		return err
	}
	sessions, err := st.Sessions(ctx)
	if err != nil {
		return err
	}
	keys := map[string]bool{}
	for _, s := range sessions {
		for k := range s.Custom {
			keys[k] = true
		}
	}
	customKeys := slices.Sorted(maps.Keys(keys))
	sw := NewSheetWriter(w)
	if err := sw.Write(header(sessionFields, customKeys)); err != nil {
		return err
	}
	for _, s := range sessions {
		var speakers []string
		for _, p := range s.Speakers {
			speakers = append(speakers, personKey(p))
		}
		cells := []string{s.ID, s.Title, string(s.Kind), timeCell(s.Starts, loc), timeCell(s.Ends, loc), s.Room, s.Link,
			countText(s.Capacity), joinKeys(speakers), s.Description, s.RecordingLink}
		if err := sw.Write(appendCustom(cells, s.Custom, customKeys)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func timeCell(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// ExportBooths writes every live booth as CSV by code, with its staff by
// e-mail or badge code.
func ExportBooths(ctx context.Context, st *data.Store, w io.Writer) error {
	if err := exportBooths(ctx, st, w); err != nil {
		return fmt.Errorf("export booths: %w", err)
	}
	return nil
}

func exportBooths(ctx context.Context, st *data.Store, w io.Writer) error {
	orgs, err := organisationsByID(ctx, st)
	if err != nil {
		return err
	}
	booths, err := st.Booths(ctx)
	if err != nil {
		return err
	}
	keys := map[string]bool{}
	for _, b := range booths {
		for k := range b.Custom {
			keys[k] = true
		}
	}
	customKeys := slices.Sorted(maps.Keys(keys))
	sw := NewSheetWriter(w)
	if err := sw.Write(header(boothFields, customKeys)); err != nil {
		return err
	}
	for _, b := range booths {
		var staff []string
		for _, id := range b.Staff {
			p, err := st.Person(ctx, id)
			if err != nil {
				return err
			}
			staff = append(staff, personKey(p.Person))
		}
		org := orgs[b.OrgID]
		cells := []string{b.Code, b.Name, org.Name, string(org.Kind), org.Sector, b.Location, joinKeys(staff), b.Link}
		if err := sw.Write(appendCustom(cells, b.Custom, customKeys)); err != nil {
			return err
		}
	}
	return sw.Flush()
}
