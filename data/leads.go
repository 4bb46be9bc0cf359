package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Visit is one stop of a person at a booth. Visits are only ever added;
// an undo is a new visit row naming the one it undoes.
type Visit struct {
	ID       string
	BoothID  string
	PersonID string
	Undoes   string
	At       time.Time
	Laptop   string
	Staff    string
}

type visitRecord struct {
	ID       string `db:"id"`
	BoothID  string `db:"booth_id"`
	PersonID string `db:"person_id"`
	Undoes   string `db:"undoes"`
	At       string `db:"at"`
	Laptop   string `db:"laptop"`
	Staff    string `db:"staff"`
}

func (r visitRecord) visit() Visit {
	return Visit{ID: r.ID, BoothID: r.BoothID, PersonID: r.PersonID, Undoes: r.Undoes, At: parseTimeText(r.At), Laptop: r.Laptop, Staff: r.Staff}
}

var visitColumns = visitsTable.selectList()

// VisitResult is what logging a visit did, and who the visitor is, as the
// booth may see them.
type VisitResult struct {
	Visit   Visit
	Visitor PersonRow // contact details blanked unless the person consented
	Visits  int       // this person's visits to the booth, this one included
	// MeetingsDone are the ids of the booked meetings at the booth that the
	// visit marked done: the visitor came for them.
	MeetingsDone []string
}

// Rating is how promising a booth's staff judge a lead.
type Rating string

const (
	RatingHot  Rating = "hot"
	RatingWarm Rating = "warm"
	RatingCold Rating = "cold"
)

// Ratings lists the ratings in display order; the empty rating means none.
var Ratings = []Rating{RatingHot, RatingWarm, RatingCold}

// ParseRating reads a rating; "" is no rating.
func ParseRating(text string) (Rating, bool) {
	r := Rating(strings.ToLower(strings.TrimSpace(text)))
	return r, r == "" || slices.Contains(Ratings, r)
}

// Lead is what a booth's staff note about one visitor. Its fields are
// edited in place (last writer wins per field); its id is booth/person, so
// the same lead noted on two laptops is one row.
type Lead struct {
	ID       string `db:"id"`
	BoothID  string `db:"booth_id"`
	PersonID string `db:"person_id"`
	Notes    string `db:"notes"`
	Rating   Rating `db:"rating"`
	Tags     Set    `db:"tags"`
	FollowUp bool   `db:"follow_up"`
	Deleted  bool   `db:"deleted"`
}

func leadID(boothID, personID string) string { return boothID + "/" + personID }

// VisitorRow is one visitor of a booth with their visits and the booth's
// notes on them. Person has contact details only if they consented.
type VisitorRow struct {
	Person PersonRow
	Visits int
	First  time.Time // zero for a lead noted without a visit
	Last   time.Time
	Lead   Lead
}

// forExhibitors blanks what a booth may not see: the contact details of a
// person who did not consent to share them (custom fields too, as they may
// hold any), and always the organisers' own notes. Every booth-facing read
// goes through it, so no screen or export can show more.
func forExhibitors(p PersonRow) PersonRow {
	p.Notes = ""
	if !p.Consent {
		p.Email, p.Phone, p.Custom = "", "", nil
	}
	return p
}

// BoothByCode finds a live booth by its code, e.g. A01.
func (s *Store) BoothByCode(ctx context.Context, code string) (Booth, error) {
	var b Booth
	err := s.reader.GetContext(ctx, &b, "SELECT id, "+strings.Join(boothsTable.cols, ", ")+", "+isDeleted+
		" FROM booths WHERE code = ? AND deleted = 0 ORDER BY id LIMIT 1", strings.TrimSpace(code))
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("no booth has code %q: %w", code, ErrNotFound)
	}
	if err != nil {
		return b, fmt.Errorf("find booth %s: %w", code, err)
	}
	return b, nil
}

func (s *Store) liveBooth(ctx context.Context, boothID string) error {
	var n int
	if err := s.reader.GetContext(ctx, &n, "SELECT count(*) FROM booths WHERE id = ? AND deleted = 0", boothID); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("booth %s: %w", boothID, ErrNotFound)
	}
	return nil
}

// LogVisit records that the person key names (badge code, e-mail or exact
// name) visited the booth. Repeat visits are recorded too.
func (s *Store) LogVisit(ctx context.Context, boothID, key, staff string) (VisitResult, error) {
	p, err := s.FindPerson(ctx, key)
	if err != nil {
		return VisitResult{}, fmt.Errorf("log visit: %w", err)
	}
	return s.logVisit(ctx, boothID, p, staff)
}

// LogVisitOf records a visit by a person chosen from a list.
func (s *Store) LogVisitOf(ctx context.Context, boothID, personID, staff string) (VisitResult, error) {
	p, err := s.Person(ctx, personID)
	if err == nil && p.Deleted {
		err = fmt.Errorf("person %s was deleted: %w", personID, ErrNotFound)
	}
	if err != nil {
		return VisitResult{}, fmt.Errorf("log visit: %w", err)
	}
	return s.logVisit(ctx, boothID, p, staff)
}

func (s *Store) logVisit(ctx context.Context, boothID string, p PersonRow, staff string) (VisitResult, error) {
	if err := s.liveBooth(ctx, boothID); err != nil {
		return VisitResult{}, fmt.Errorf("log visit: %w", err)
	}
	res := VisitResult{Visitor: forExhibitors(p)}
	err := s.write(ctx, func(w *writer) error {
		r := visitRecord{ID: NewID(), BoothID: boothID, PersonID: p.ID, At: w.nowText(), Laptop: w.laptop(), Staff: strings.TrimSpace(staff)}
		if err := w.insert(visitsTable, r.ID, visitFields.values(r)); err != nil {
			return err
		}
		res.Visit = r.visit()
		done, err := w.markMeetingsDone(boothID, p.ID, w.store.Now())
		if err != nil {
			return err
		}
		res.MeetingsDone = done
		return w.tx.Get(&res.Visits, `SELECT count(*) FROM visits v WHERE v.person_id = ? AND v.booth_id = ? AND v.undoes = '' AND v.deleted = 0
			AND v.id NOT IN (SELECT undoes FROM visits WHERE person_id = v.person_id AND undoes <> '')`, p.ID, boothID)
	})
	if err != nil {
		return VisitResult{}, fmt.Errorf("log visit of person %s: %w", p.ID, err)
	}
	return res, nil
}

// UndoVisit takes back a visit logged by mistake, by recording an undo row
// that names it. It returns the undo row.
func (s *Store) UndoVisit(ctx context.Context, visitID, staff string) (Visit, error) {
	var undo Visit
	err := s.write(ctx, func(w *writer) error {
		var rows []visitRecord
		if err := w.tx.Select(&rows, "SELECT "+visitColumns+" FROM visits WHERE id = ? AND deleted = 0", visitID); err != nil {
			return err
		}
		if len(rows) == 0 {
			return fmt.Errorf("visit %s: %w", visitID, ErrNotFound)
		}
		v := rows[0]
		if v.Undoes != "" {
			return fmt.Errorf("visit %s is itself an undo; log the visit again instead", visitID)
		}
		var undone int
		if err := w.tx.Get(&undone, "SELECT count(*) FROM visits WHERE person_id = ? AND undoes = ?", v.PersonID, v.ID); err != nil {
			return err
		}
		if undone > 0 {
			return fmt.Errorf("visit %s: %w", visitID, ErrAlreadyUndone)
		}
		r := visitRecord{ID: NewID(), BoothID: v.BoothID, PersonID: v.PersonID, Undoes: v.ID, At: w.nowText(), Laptop: w.laptop(), Staff: strings.TrimSpace(staff)}
		undo = r.visit()
		return w.insert(visitsTable, r.ID, visitFields.values(r))
	})
	if err != nil {
		return Visit{}, fmt.Errorf("undo visit: %w", err)
	}
	return undo, nil
}

// Lead reads a booth's notes on a person: an empty lead (with its ids set)
// when there are none yet.
func (s *Store) Lead(ctx context.Context, boothID, personID string) (Lead, error) {
	var l Lead
	err := s.reader.GetContext(ctx, &l, leadsTable.selectByID(), leadID(boothID, personID))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && l.Deleted) {
		return Lead{ID: leadID(boothID, personID), BoothID: boothID, PersonID: personID}, nil
	}
	if err != nil {
		return Lead{}, fmt.Errorf("read lead: %w", err)
	}
	return l, nil
}

// SaveLead writes a booth's notes on a person. Only the fields that changed
// are stamped, so notes edited on one laptop and a rating on another both
// survive a sync.
func (s *Store) SaveLead(ctx context.Context, l *Lead) error {
	rating, ok := ParseRating(string(l.Rating))
	if !ok {
		return FieldErrors{"rating": problem(ProblemRatingUnknown, string(l.Rating))}
	}
	if l.BoothID == "" || l.PersonID == "" {
		return FieldErrors{"person_id": problem(ProblemLeadNeedsBoothAndPerson)}
	}
	l.Rating, l.Tags, l.Notes = rating, NewSet(l.Tags...), strings.TrimSpace(l.Notes)
	l.ID = leadID(l.BoothID, l.PersonID)
	err := s.write(ctx, func(w *writer) error {
		var old Lead
		err := w.get(&old, leadsTable.selectByID(), l.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return w.insert(leadsTable, l.ID, l.values())
		}
		if err != nil {
			return err
		}
		if _, err := w.update(leadsTable, l.ID, old.values(), l.values()); err != nil {
			return err
		}
		if old.Deleted {
			return w.setDeleted(leadsTable, l.ID, false)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save lead: %w", err)
	}
	return nil
}

// liveVisits reads the visits that were not undone, oldest first: of one
// booth (on its index), or of every booth when boothID is empty.
func (s *Store) liveVisits(ctx context.Context, boothID string) ([]visitRecord, error) {
	where, args := "", []any{}
	if boothID != "" {
		where, args = "booth_id = ? AND ", []any{boothID, boothID}
	}
	var rows []visitRecord
	err := s.reader.SelectContext(ctx, &rows, "SELECT "+visitColumns+" FROM visits WHERE "+where+
		"undoes = '' AND deleted = 0 AND id NOT IN (SELECT undoes FROM visits WHERE "+where+"undoes <> '') ORDER BY at, id", args...)
	return rows, err
}

// BoothVisitors lists a booth's visitors and leads, latest visit first,
// with contact details only for those who consented.
func (s *Store) BoothVisitors(ctx context.Context, boothID string) ([]VisitorRow, error) {
	visits, err := s.liveVisits(ctx, boothID)
	if err != nil {
		return nil, fmt.Errorf("list visitors of booth %s: %w", boothID, err)
	}
	var leads []Lead
	if err := s.reader.SelectContext(ctx, &leads, "SELECT id, "+strings.Join(leadsTable.cols, ", ")+", "+isDeleted+
		" FROM leads WHERE booth_id = ? AND deleted = 0", boothID); err != nil {
		return nil, fmt.Errorf("list leads of booth %s: %w", boothID, err)
	}
	rows := map[string]*VisitorRow{}
	row := func(personID string) *VisitorRow {
		r, ok := rows[personID]
		if !ok {
			r = &VisitorRow{Lead: Lead{ID: leadID(boothID, personID), BoothID: boothID, PersonID: personID}}
			rows[personID] = r
		}
		return r
	}
	for _, v := range visits {
		r := row(v.PersonID)
		at := parseTimeText(v.At)
		if r.Visits == 0 {
			r.First = at
		}
		r.Visits++
		r.Last = at
	}
	for _, l := range leads {
		row(l.PersonID).Lead = l
	}
	people, err := peopleByID(ctx, s, slices.Collect(maps.Keys(rows)), func(id string) string { return id })
	if err != nil {
		return nil, fmt.Errorf("list visitors of booth %s: %w", boothID, err)
	}
	var list []VisitorRow
	for id, r := range rows {
		p, ok := people[id]
		if !ok || p.Deleted {
			continue // a person the organisers removed leaves the booth's list too
		}
		r.Person = forExhibitors(p)
		list = append(list, *r)
	}
	slices.SortFunc(list, func(a, b VisitorRow) int {
		if c := b.Last.Compare(a.Last); c != 0 {
			return c
		}
		return strings.Compare(a.Person.ID, b.Person.ID)
	})
	return list, nil
}

// HourCount is one bar of a visitors-per-hour chart.
type HourCount struct {
	Start    time.Time // the start of the hour, in the event's zone
	Visits   int
	Visitors int // different people
}

// LabelCount is one bar of a chart by label (role, interest).
type LabelCount struct {
	Label string
	Count int
}

// BoothStats is what a booth's staff see about their day.
type BoothStats struct {
	Visits        int
	Visitors      int
	PerHour       []HourCount  // every hour from the first visit to the last
	ByRole        map[Role]int // visitors per role
	ByInterest    []LabelCount // visitors per interest, most common first
	HotLeads      int
	FollowUpsOpen int
}

// BoothStats counts a booth's visits and leads; hours are in loc (the
// event's zone, Event.Location()).
func (s *Store) BoothStats(ctx context.Context, boothID string, loc *time.Location) (BoothStats, error) {
	visitors, err := s.BoothVisitors(ctx, boothID)
	if err != nil {
		return BoothStats{}, fmt.Errorf("booth statistics: %w", err)
	}
	visits, err := s.liveVisits(ctx, boothID)
	if err != nil {
		return BoothStats{}, fmt.Errorf("booth statistics: %w", err)
	}
	stats := BoothStats{Visits: len(visits), ByRole: map[Role]int{}, PerHour: perHour(visits, loc)}
	interests := map[string]int{}
	for _, v := range visitors {
		if v.Visits > 0 {
			stats.Visitors++
			for _, r := range v.Person.Roles {
				stats.ByRole[Role(r)]++
			}
			for _, i := range v.Person.Interests {
				interests[i]++
			}
		}
		if v.Lead.Rating == RatingHot {
			stats.HotLeads++
		}
		if v.Lead.FollowUp {
			stats.FollowUpsOpen++
		}
	}
	stats.ByInterest = byCount(interests)
	return stats, nil
}

func byCount(counts map[string]int) []LabelCount {
	var list []LabelCount
	for label, n := range counts {
		list = append(list, LabelCount{label, n})
	}
	slices.SortFunc(list, func(a, b LabelCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Label, b.Label))
	})
	return list
}

// hourOf is the start of the hour t falls in, in loc. Truncating the
// instant would be wrong in zones half an hour off UTC.
func hourOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, loc)
}

// perHour counts visits per hour, with a bar for every hour between the
// first and the last so that a quiet hour shows as a gap in the chart.
func perHour(visits []visitRecord, loc *time.Location) []HourCount {
	if len(visits) == 0 {
		return nil
	}
	index := map[time.Time]int{}
	var hours []HourCount
	first, last := hourOf(parseTimeText(visits[0].At), loc), hourOf(parseTimeText(visits[len(visits)-1].At), loc)
	for h := first; !h.After(last); h = hourOf(h.Add(90*time.Minute), loc) {
		index[h] = len(hours)
		hours = append(hours, HourCount{Start: h})
	}
	seen := map[string]bool{}
	for _, v := range visits {
		i := index[hourOf(parseTimeText(v.At), loc)]
		hours[i].Visits++
		if key := strconv.Itoa(i) + "/" + v.PersonID; !seen[key] {
			seen[key] = true
			hours[i].Visitors++
		}
	}
	return hours
}

// BoothSummary is one booth's line in the organisers' table.
type BoothSummary struct {
	BoothID  string
	Code     string
	Name     string
	OrgName  string
	Visits   int
	Visitors int
	PerHour  []HourCount
}

// AllBoothStats summarises every live booth, most visited first; hours are
// in loc.
func (s *Store) AllBoothStats(ctx context.Context, loc *time.Location) ([]BoothSummary, error) {
	booths, err := s.Booths(ctx)
	if err != nil {
		return nil, fmt.Errorf("booth statistics: %w", err)
	}
	visits, err := s.liveVisits(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("booth statistics: %w", err)
	}
	byBooth := map[string][]visitRecord{}
	for _, v := range visits {
		byBooth[v.BoothID] = append(byBooth[v.BoothID], v)
	}
	list := make([]BoothSummary, len(booths))
	for i, b := range booths {
		vs := byBooth[b.ID]
		people := map[string]bool{}
		for _, v := range vs {
			people[v.PersonID] = true
		}
		list[i] = BoothSummary{BoothID: b.ID, Code: b.Code, Name: b.Name, OrgName: b.OrgName,
			Visits: len(vs), Visitors: len(people), PerHour: perHour(vs, loc)}
	}
	slices.SortStableFunc(list, func(a, b BoothSummary) int { return cmp.Compare(b.Visits, a.Visits) })
	return list, nil
}

// eventLocation is the event's time zone, UTC before an event is set up.
func (s *Store) eventLocation(ctx context.Context) *time.Location {
	e, err := s.Event(ctx)
	if err != nil {
		return time.UTC
	}
	return e.Location()
}
