package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// Check reports what is wrong with a person on their own, without looking at
// anyone else: a name is needed, and an e-mail address must be well formed.
func (p *Person) Check() FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(p.GivenName+p.FamilyName+p.KanjiName) == "" {
		errs["given_name"] = problem(ProblemNameNeeded)
	}
	if bad := CheckEmail(p.Email); bad != nil {
		errs["email"] = *bad
	}
	if p.YearReturned != 0 && (p.YearReturned < 1950 || p.YearReturned > 2200) {
		errs["year_returned"] = problem(ProblemYearImplausible, p.YearReturned)
	}
	return errs
}

// CheckEmail says what is wrong with an e-mail address, or nil when it is
// empty or well formed.
func CheckEmail(email string) *Problem {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		bad := problem(ProblemEmailMalformed)
		return &bad
	}
	return nil
}

const personColumns = `p.id, p.given_name, p.family_name, p.kanji_name, p.kana_name, p.email, p.phone, p.org_id,
	p.job_title, p.roles, p.programme_role, p.host_prefecture, p.years, p.year_returned, p.interests,
	p.industries, p.badge_code, p.consent, p.notes, p.custom, p.deleted <> 0 AS deleted,
	coalesce(o.name, '') AS org_name, coalesce(o.kind, '') AS org_kind`

// peopleOrder is the order of the people_sort index.
const peopleOrder = "p.deleted, p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.rowid"

const personFrom = ` FROM people p LEFT JOIN organisations o ON o.id = p.org_id AND o.deleted = 0`

// Person reads one person, deleted or not.
func (s *Store) Person(ctx context.Context, id string) (PersonRow, error) {
	var p PersonRow
	err := s.reader.GetContext(ctx, &p, "SELECT "+personColumns+personFrom+" WHERE p.id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("person %s: %w", id, ErrNotFound)
	}
	return p, err
}

// PersonByKey finds a live person by e-mail (any case) or badge code.
func (s *Store) PersonByKey(ctx context.Context, key string) (PersonRow, error) {
	key = strings.TrimSpace(key)
	var p PersonRow
	if key == "" {
		return p, fmt.Errorf("no e-mail or badge code given: %w", ErrNotFound)
	}
	// Two lookups, one on each index: an OR of the two would scan the table.
	err := s.reader.GetContext(ctx, &p, "SELECT "+personColumns+personFrom+
		" WHERE p.email <> '' AND lower(p.email) = lower(?) AND +p.deleted = 0 ORDER BY p.id LIMIT 1", key)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.reader.GetContext(ctx, &p, "SELECT "+personColumns+personFrom+
			" WHERE p.badge_code <> '' AND p.badge_code = upper(?) AND +p.deleted = 0 ORDER BY p.id LIMIT 1", key)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("no one with that e-mail or badge code: %w", ErrNotFound)
	}
	return p, err
}

// SavePerson adds a person (when ID is empty) or changes one, after checking
// the fields and that no one else has the same e-mail or badge code. A
// missing badge code is generated. On success p.ID and p.BadgeCode are set.
func (s *Store) SavePerson(ctx context.Context, p *Person) error {
	if errs := p.Check(); len(errs) > 0 {
		return errs
	}
	if errs := s.duplicates(ctx, p); len(errs) > 0 {
		return errs
	}
	return s.write(ctx, func(w *writer) error { return w.savePerson(p) })
}

// duplicates reports fields that another live person already has.
func (s *Store) duplicates(ctx context.Context, p *Person) FieldErrors {
	errs := FieldErrors{}
	if p.Email != "" {
		var other []string
		if err := s.reader.SelectContext(ctx, &other, `SELECT given_name || ' ' || family_name FROM people
			WHERE email <> '' AND lower(email) = lower(?) AND id <> ? AND deleted = 0 LIMIT 1`, p.Email, p.ID); err == nil && len(other) > 0 {
			errs["email"] = problem(ProblemEmailTaken, strings.TrimSpace(other[0]))
		}
	}
	if p.BadgeCode != "" {
		var other []string
		if err := s.reader.SelectContext(ctx, &other, `SELECT given_name || ' ' || family_name FROM people
			WHERE badge_code = ? AND id <> ? AND deleted = 0 LIMIT 1`, strings.ToUpper(p.BadgeCode), p.ID); err == nil && len(other) > 0 {
			errs["badge_code"] = problem(ProblemBadgeCodeTaken, strings.TrimSpace(other[0]))
		}
	}
	return errs
}

func (w *writer) savePerson(p *Person) error {
	p.Email = strings.TrimSpace(p.Email)
	p.BadgeCode = strings.ToUpper(strings.TrimSpace(p.BadgeCode))
	if p.BadgeCode == "" {
		code, err := w.newBadgeCode()
		if err != nil {
			return err
		}
		p.BadgeCode = code
	}
	if p.ID == "" {
		p.ID = NewID()
		return w.insert(peopleTable, p.ID, p.values())
	}
	var old Person
	err := w.get(&old, peopleTable.selectByID(), p.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return w.insert(peopleTable, p.ID, p.values())
	}
	if err != nil {
		return fmt.Errorf("read person %s: %w", p.ID, err)
	}
	if _, err := w.update(peopleTable, p.ID, old.values(), p.values()); err != nil {
		return err
	}
	if old.Deleted {
		return w.setDeleted(peopleTable, p.ID, false)
	}
	return nil
}

// BadgeAlphabet leaves out letters that read like digits (I, L, O, U).
const BadgeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newBadgeCode makes a six-character code that no one else has: short
// enough to type, with over a billion to choose from.
func (w *writer) newBadgeCode() (string, error) {
	for {
		b := make([]byte, 6)
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		for i := range b {
			b[i] = BadgeAlphabet[int(b[i])%len(BadgeAlphabet)]
		}
		if w.badges != nil {
			if _, taken := w.badges[string(b)]; !taken {
				return string(b), nil
			}
			continue
		}
		var taken int
		if err := w.tx.Get(&taken, "SELECT count(*) FROM people WHERE badge_code = ?", string(b)); err != nil {
			return "", fmt.Errorf("make badge code: %w", err)
		}
		if taken == 0 {
			return string(b), nil
		}
	}
}

// DeletePerson tombstones a person; RestorePerson undoes it.
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error { return w.setDeleted(peopleTable, id, true) })
}

// RestorePerson brings back a deleted person.
func (s *Store) RestorePerson(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error { return w.setDeleted(peopleTable, id, false) })
}

// PeopleFilter narrows a list of people. Zero fields do not filter.
type PeopleFilter struct {
	Query   string  // words to find in names, e-mail, organisation or badge code
	Role    Role    // only people with this role
	OrgKind OrgKind // only people whose organisation is of this kind
	ID      string  // only this person (a badge for one)
	Sort    PeopleSort
}

// from gives the FROM and WHERE clauses that select the people f lets
// through. With few matches for the search words it reads the matches first
// (then sorts them); with many it walks the name index and keeps the
// matches, which finds the first page without sorting thousands of rows.
func (f PeopleFilter) from(fewMatches bool) (string, []any) {
	from := " FROM people p"
	conds := []string{"p.deleted = 0"}
	var args []any
	if match := ftsQuery(f.Query); match != "" {
		if fewMatches {
			from = " FROM people_fts f CROSS JOIN people p ON p.rowid = f.rowid"
			conds = append(conds, "people_fts MATCH ?")
		} else {
			conds = append(conds, "p.rowid IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)")
		}
		args = append(args, match)
	} else if strings.TrimSpace(f.Query) != "" {
		conds = append(conds, "0")
	}
	if f.Role != "" {
		conds = append(conds, "(';' || replace(p.roles, ' ', '') || ';') LIKE ?")
		args = append(args, "%;"+string(f.Role)+";%")
	}
	if f.ID != "" {
		conds = append(conds, "p.id = ?")
		args = append(args, f.ID)
	}
	if f.OrgKind != "" {
		from += " JOIN organisations o ON o.id = p.org_id AND o.deleted = 0"
		conds = append(conds, "o.kind = ?")
		args = append(args, string(f.OrgKind))
	}
	return from + " WHERE " + strings.Join(conds, " AND "), args
}

// manyMatches is where reading every match and sorting it costs more than
// walking the name index, for a search with other filters, which reads
// the matches' rows.
const manyMatches = 2000

func (s *Store) fewMatches(ctx context.Context, f PeopleFilter) bool {
	match := ftsQuery(f.Query)
	return match != "" && s.fewerMatchesThan(ctx, match, manyMatches)
}

func (s *Store) fewerMatchesThan(ctx context.Context, match string, n int) bool {
	var found int
	err := s.reader.GetContext(ctx, &found, "SELECT count(*) FROM (SELECT 1 FROM people_fts WHERE people_fts MATCH ? LIMIT ?)", match, n)
	return err == nil && found < n
}

// searchesByName: f has search words, the name order and no other filter,
// so that its matches can be put in order by people_names alone.
func (f PeopleFilter) searchesByName() bool {
	return ftsQuery(f.Query) != "" && f.Sort == SortByName && f.Role == "" && f.OrgKind == "" && f.ID == ""
}

// A search by name alone sorts its matches by their names in
// people_names while they are fewer than denseMatches. Words that match
// more ("T", "a", "yu") are looked for among the first firstNames people
// in name order, in one pass over the matches; when the matches crowd at
// the end of the alphabet ("W") and those names hold too few of them, the
// name index is walked.
const (
	denseMatches = 6000
	firstNames   = 1000
)

// namesOrder is the order of people_names, peopleOrder's for the live.
const namesOrder = " ORDER BY n.family_name COLLATE NOCASE, n.given_name COLLATE NOCASE, n.rowid"

// searchPageByName is ListPeople for a filter that searchesByName.
func (s *Store) searchPageByName(ctx context.Context, f PeopleFilter, offset, limit int) ([]PersonRow, error) {
	match := ftsQuery(f.Query)
	const matches = "SELECT n.rowid FROM people_fts f CROSS JOIN people_names n ON n.rowid = f.rowid WHERE people_fts MATCH ?"
	if s.fewerMatchesThan(ctx, match, denseMatches) {
		return s.peoplePage(ctx, peopleOrder, matches+namesOrder+" LIMIT ? OFFSET ?", match, limit, offset)
	}
	if offset+limit <= firstNames {
		// "+f.rowid" keeps the planner from asking the index once for
		// each of the first names.
		rows, err := s.peoplePage(ctx, peopleOrder, matches+" AND +f.rowid IN (SELECT p.rowid FROM people p WHERE p.deleted = 0 ORDER BY "+
			peopleOrder+" LIMIT ?)"+namesOrder+" LIMIT ? OFFSET ?", match, firstNames, limit, offset)
		if err != nil || len(rows) == limit {
			return rows, err
		}
	}
	from, args := f.from(false)
	return s.peoplePage(ctx, peopleOrder, "SELECT p.rowid"+from+" ORDER BY "+peopleOrder+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
}

// CountPeople counts the live people that f lets through.
func (s *Store) CountPeople(ctx context.Context, f PeopleFilter) (int, error) {
	var n int
	var err error
	if match := ftsQuery(f.Query); match != "" && f.Role == "" && f.OrgKind == "" {
		// The index holds exactly the live people.
		err = s.reader.GetContext(ctx, &n, "SELECT count(*) FROM people_fts WHERE people_fts MATCH ?", match)
	} else {
		from, args := f.from(false)
		err = s.reader.GetContext(ctx, &n, "SELECT count(*)"+from, args...)
	}
	if err != nil {
		return 0, fmt.Errorf("count people: %w", err)
	}
	return n, nil
}

// ListPeople returns one page of the live people that f lets through,
// in f's order: by default by family name, then given name, exactly the
// order of the people_sort index, so a page is read off the index, never
// sorted; a search's few thousand matches are sorted by people_names
// (searchPageByName). The other orders (people_sort.go) sort the matches.
func (s *Store) ListPeople(ctx context.Context, f PeopleFilter, offset, limit int) ([]PersonRow, error) {
	if f.searchesByName() {
		return s.searchPageByName(ctx, f, offset, limit)
	}
	from, args := f.from(s.fewMatches(ctx, f))
	return s.peoplePage(ctx, f.order(), "SELECT p.rowid"+from+" ORDER BY "+f.order()+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
}

// peoplePage reads, in order, the people whose rowids page selects. The
// page is found on the indexes alone, then its rows are read: an OFFSET
// over full rows would read every row it skips.
func (s *Store) peoplePage(ctx context.Context, order, page string, args ...any) ([]PersonRow, error) {
	var rows []PersonRow
	err := s.reader.SelectContext(ctx, &rows, "SELECT "+personColumns+personFrom+" WHERE p.rowid IN ("+page+") ORDER BY "+order, args...)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	return rows, nil
}

// SearchPeople returns up to limit people matching text.
func (s *Store) SearchPeople(ctx context.Context, text string, limit int) ([]PersonRow, error) {
	return s.ListPeople(ctx, PeopleFilter{Query: text}, 0, limit)
}
