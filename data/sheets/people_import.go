package sheets

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// personRow is one checked row of a people file: the fields its cells fill
// (blank ones left out) in the person's own terms.
type personRow struct {
	line   int
	has    [pFullName]bool // which person fields the row fills
	p      data.Person     // their values
	org    orgCells
	custom map[string]string
}

// nameColumns are the fields that can name a person or find them.
var nameColumns = []int{pGiven, pFamily, pKanji, pFullName, pKanjiFamily, pKanjiGiven, pEmail, pBadge}

// checkPeople reads every row of a people file without looking at the
// database: values, e-mail syntax, and repeats within the file.
func checkPeople(ctx context.Context, t *table, problems *rowProblems) ([]personRow, error) {
	if !slices.ContainsFunc(nameColumns, t.has) {
		return nil, fmt.Errorf("no column holds a name or an e-mail address (the columns are: %s); "+
			"call one First Name, Last Name, 氏名 or Email, or choose its field in the mapping", strings.Join(t.headers, ", "))
	}
	rows := make([]personRow, 0, len(t.rows))
	emails := make(map[string]int, len(t.rows)) // lower-case e-mail -> first line
	badges := map[string]int{}
	orgs := orgFacts{}
	roles := roleCache{}
	cells := make([]string, len(peopleFields))
	for i, r := range t.rows {
		if err := cancelled(ctx, i); err != nil {
			return nil, err
		}
		extra := t.cellsInto(r, cells)
		rows = append(rows, personRow{line: r.line, custom: extra})
		pr := &rows[len(rows)-1]
		pr.fill(cells, roles, problems)
		pr.org = orgs.check(r.line, cells[pOrg], cells[pOrgKind], cells[pOrgSector], problems)
		pr.has[pOrg] = cells[pOrg] != ""
		if email := strings.ToLower(pr.p.Email); email != "" {
			if first, dup := emails[email]; dup {
				problems.addField(r.line, pEmail, "e-mail: the same address is also on line %d", first)
			} else {
				emails[email] = r.line
			}
		}
		if badge := strings.ToUpper(pr.p.BadgeCode); badge != "" {
			if first, dup := badges[badge]; dup {
				problems.addField(r.line, pBadge, "badge code %s is also on line %d", pr.p.BadgeCode, first)
			} else {
				badges[badge] = r.line
			}
		}
		if !pr.has[pGiven] && !pr.has[pFamily] && !pr.has[pKanji] && !pr.has[pEmail] && !pr.has[pBadge] {
			problems.add(r.line, "no name, e-mail address or badge code")
		}
	}
	return rows, nil
}

// fill turns a row's cells into person fields, joining and splitting
// names, and reports values that cannot be read.
func (pr *personRow) fill(cells []string, roles roleCache, problems *rowProblems) {
	set := func(f int, dst *string, v string) {
		if v != "" {
			*dst, pr.has[f] = v, true
		}
	}
	p := &pr.p
	set(pGiven, &p.GivenName, cells[pGiven])
	set(pFamily, &p.FamilyName, cells[pFamily])
	set(pKanji, &p.KanjiName, japaneseName(cells[pKanji]))
	set(pKana, &p.KanaName, japaneseName(cells[pKana]))
	if full := cells[pFullName]; full != "" {
		if isJapanese(full) {
			if !pr.has[pKanji] {
				set(pKanji, &p.KanjiName, japaneseName(full))
			}
		} else if !pr.has[pGiven] && !pr.has[pFamily] {
			given, family := splitLatinName(full)
			set(pGiven, &p.GivenName, given)
			set(pFamily, &p.FamilyName, family)
		}
	}
	if !pr.has[pKanji] {
		set(pKanji, &p.KanjiName, joinName(cells[pKanjiFamily], cells[pKanjiGiven]))
	}
	if !pr.has[pKana] {
		set(pKana, &p.KanaName, joinName(cells[pKanaFamily], cells[pKanaGiven]))
	}
	set(pEmail, &p.Email, cells[pEmail])
	if data.CheckEmail(p.Email) != nil {
		// Not data.CheckEmail's words, which quote the address: a
		// problem list must not show anyone's e-mail address.
		problems.addField(pr.line, pEmail, "e-mail: not an e-mail address such as name@example.org")
	}
	set(pPhone, &p.Phone, cells[pPhone])
	set(pJobTitle, &p.JobTitle, cells[pJobTitle])
	set(pProgrammeRole, &p.ProgrammeRole, cells[pProgrammeRole])
	set(pHostPrefecture, &p.HostPrefecture, cells[pHostPrefecture])
	set(pYears, &p.Years, cells[pYears])
	set(pBadge, &p.BadgeCode, strings.ToUpper(cells[pBadge]))
	set(pNotes, &p.Notes, cells[pNotes])
	if v := cells[pRoles]; v != "" {
		set, err := roles.parse(v)
		if err != nil {
			problems.addField(pr.line, pRoles, "roles: %v", err)
		}
		p.Roles, pr.has[pRoles] = set, true
	}
	if v := cells[pInterests]; v != "" {
		p.Interests, pr.has[pInterests] = data.ParseSet(v), true
	}
	if v := cells[pIndustries]; v != "" {
		p.Industries, pr.has[pIndustries] = data.ParseSet(v), true
	}
	if v := cells[pYearReturned]; v != "" {
		year, err := parseCount(v)
		if err == nil && (year < 1950 || year > 2200) {
			err = reason("%d is not a plausible year", year)
		}
		if err != nil {
			problems.addField(pr.line, pYearReturned, "year returned: %v", err)
		}
		p.YearReturned, pr.has[pYearReturned] = year, true
	}
	if v := cells[pConsent]; v != "" {
		yes, err := parseYesNo(v)
		if err != nil {
			problems.addField(pr.line, pConsent, "consent: %v", err)
		}
		p.Consent, pr.has[pConsent] = yes, true
	}
}

// overlay copies the fields the row fills onto p. Roles are added to the
// ones p has; custom fields are merged key by key.
func (pr *personRow) overlay(p *data.Person) {
	src := &pr.p
	copyIf := func(f int, dst *string, v string) {
		if pr.has[f] {
			*dst = v
		}
	}
	copyIf(pGiven, &p.GivenName, src.GivenName)
	copyIf(pFamily, &p.FamilyName, src.FamilyName)
	copyIf(pKanji, &p.KanjiName, src.KanjiName)
	copyIf(pKana, &p.KanaName, src.KanaName)
	copyIf(pEmail, &p.Email, src.Email)
	copyIf(pPhone, &p.Phone, src.Phone)
	copyIf(pJobTitle, &p.JobTitle, src.JobTitle)
	copyIf(pProgrammeRole, &p.ProgrammeRole, src.ProgrammeRole)
	copyIf(pHostPrefecture, &p.HostPrefecture, src.HostPrefecture)
	copyIf(pYears, &p.Years, src.Years)
	copyIf(pBadge, &p.BadgeCode, src.BadgeCode)
	copyIf(pNotes, &p.Notes, src.Notes)
	if pr.has[pRoles] {
		p.Roles = data.NewSet(append(slices.Clone(p.Roles), src.Roles...)...)
	}
	if pr.has[pInterests] {
		p.Interests = src.Interests
	}
	if pr.has[pIndustries] {
		p.Industries = src.Industries
	}
	if pr.has[pYearReturned] {
		p.YearReturned = src.YearReturned
	}
	if pr.has[pConsent] {
		p.Consent = src.Consent
	}
	p.Custom = withCustom(p.Custom, pr.custom)
}

// writePeople adds or updates the good rows, matching people by e-mail or
// badge code, and reports what only the database can tell: a badge code
// that is someone else's, or a new person left without a name.
func writePeople(b *data.ImportTx, rows []personRow, problems *rowProblems, res *Result, opt Options) error {
	orgs := newOrgWriter(b)
	for i := range rows {
		if err := cancelled(b.Context(), i); err != nil {
			return err
		}
		if i%checkEvery == 0 {
			opt.progress(i, len(rows))
		}
		pr := &rows[i]
		if problems.bad[pr.line] {
			continue
		}
		old, found, err := b.PersonByKey(pr.p.Email, pr.p.BadgeCode)
		if err != nil {
			return err
		}
		if pr.has[pBadge] && found && old.BadgeCode != pr.p.BadgeCode {
			other, taken, err := b.PersonByKey("", pr.p.BadgeCode)
			if err != nil {
				return err
			}
			if taken && other.ID != old.ID {
				problems.addField(pr.line, pBadge, "badge code %s belongs to someone else (person %s), not to the person with this e-mail address (person %s)",
					pr.p.BadgeCode, other.ID, old.ID)
				continue
			}
		}
		p := old
		pr.overlay(&p)
		if pr.has[pOrg] {
			if p.OrgID, err = orgs.id(pr.org); err != nil {
				return err
			}
		}
		if errs := p.Check(); len(errs) > 0 {
			problems.add(pr.line, "%s", FieldProblems(errs))
			continue
		}
		if found && samePerson(old, p) {
			res.Unchanged++
			continue
		}
		if err := b.SavePerson(&p); err != nil {
			return fmt.Errorf("line %d: %w", pr.line, err)
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

// samePerson reports whether saving p over old would change nothing.
func samePerson(old, p data.Person) bool {
	return old.GivenName == p.GivenName && old.FamilyName == p.FamilyName && old.KanjiName == p.KanjiName &&
		old.KanaName == p.KanaName && old.Email == p.Email && old.Phone == p.Phone && old.OrgID == p.OrgID &&
		old.JobTitle == p.JobTitle && slices.Equal(old.Roles, p.Roles) && old.ProgrammeRole == p.ProgrammeRole &&
		old.HostPrefecture == p.HostPrefecture && old.Years == p.Years && old.YearReturned == p.YearReturned &&
		slices.Equal(old.Interests, p.Interests) && slices.Equal(old.Industries, p.Industries) &&
		old.BadgeCode == p.BadgeCode && old.Consent == p.Consent && old.Notes == p.Notes && maps.Equal(old.Custom, p.Custom)
}

// withCustom is a record's custom fields with those of an imported row
// laid over them; the record's own map is not changed.
func withCustom(had, imported data.Fields) data.Fields {
	if len(imported) == 0 {
		return had
	}
	merged := maps.Clone(had)
	if merged == nil {
		merged = data.Fields{}
	}
	maps.Copy(merged, imported)
	return merged
}
