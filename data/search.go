package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// searchBody is what the index holds for a person.
const searchBody = `p.given_name || ' ' || p.family_name || ' ' || p.kanji_name || ' ' || p.kana_name || ' ' ||
	p.email || ' ' || p.badge_code || ' ' || coalesce((SELECT name FROM organisations o WHERE o.id = p.org_id AND o.deleted = 0), '')`

// refreshSearch re-indexes the people this transaction changed, and the
// people of organisations it changed, in two statements, and brings their
// row of people_names up to date in two more. A person whose indexed text
// is what the index holds already is left alone: an edit of job titles or
// notes, the bulk of another laptop's edits, costs a lookup a person
// instead of taking their words out of the index and putting them back.
func (w *writer) refreshSearch() error {
	// Most writes touch no one's name (a check-in, a visit, another
	// laptop's batch of them): one look at two indexes spares them the
	// four statements below.
	var named bool
	if err := w.get(&named, "SELECT EXISTS (SELECT 1 FROM people WHERE seq = ?1) OR EXISTS (SELECT 1 FROM organisations WHERE seq = ?1)", w.seq); err != nil {
		return fmt.Errorf("update search index: %w", err)
	}
	if !named {
		return nil
	}
	if err := w.exec(`DELETE FROM people_names WHERE rowid IN (
		SELECT p.rowid FROM people p JOIN people_names n ON n.rowid = p.rowid WHERE p.seq = ?
		AND (p.deleted <> 0 OR n.family_name IS NOT p.family_name OR n.given_name IS NOT p.given_name))`, w.seq); err != nil {
		return fmt.Errorf("update people's names: %w", err)
	}
	if err := w.exec(`INSERT INTO people_names (rowid, family_name, given_name)
		SELECT p.rowid, p.family_name, p.given_name FROM people p WHERE p.seq = ? AND +p.deleted = 0
		AND NOT EXISTS (SELECT 1 FROM people_names n WHERE n.rowid = p.rowid)`, w.seq); err != nil {
		return fmt.Errorf("update people's names: %w", err)
	}
	touched := `SELECT rowid FROM people WHERE seq = ?1
		UNION SELECT p.rowid FROM people p JOIN organisations o ON o.id = p.org_id WHERE o.seq = ?1`
	if err := w.exec(`DELETE FROM people_fts WHERE rowid IN (
		SELECT p.rowid FROM people p JOIN people_fts f ON f.rowid = p.rowid
		WHERE p.rowid IN (`+touched+`) AND (p.deleted <> 0 OR f.body IS NOT `+searchBody+`))`, w.seq); err != nil {
		return fmt.Errorf("update search index: %w", err)
	}
	// "+p.deleted" keeps the planner off the name index, which would walk
	// every live person instead of the few rows this write touched.
	if err := w.exec("INSERT INTO people_fts (rowid, body) SELECT p.rowid, "+searchBody+
		" FROM people p WHERE +p.deleted = 0 AND p.rowid IN ("+touched+")"+
		" AND NOT EXISTS (SELECT 1 FROM people_fts f WHERE f.rowid = p.rowid)", w.seq); err != nil {
		return fmt.Errorf("update search index: %w", err)
	}
	return nil
}

// emailTokenChars keep an e-mail address in one token; the index is made
// with the same list (migrations/0001_init.sql).
const emailTokenChars = "@._+"

// ftsQuery turns what someone typed into an FTS5 query: every word must
// start a word of the person's names, e-mail, organisation or badge code.
// Kana match in either script, so やまだ finds ヤマダ. It returns "" when
// nothing searchable was typed.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune(emailTokenChars, r)
	})
	var terms []string
	for _, w := range words {
		hira, kata := toHiragana(w), toKatakana(w)
		if hira == kata {
			terms = append(terms, quote(w)+"*")
			continue
		}
		terms = append(terms, "("+quote(hira)+"* OR "+quote(kata)+"*)")
	}
	return strings.Join(terms, " AND ")
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// The katakana block (U+30A1..U+30F6) sits 0x60 above the hiragana one.
const kanaOffset = 0x60

func toHiragana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ァ' && r <= 'ヶ' {
			return r - kanaOffset
		}
		return r
	}, s)
}

func toKatakana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ぁ' && r <= 'ゖ' {
			return r + kanaOffset
		}
		return r
	}, s)
}

// AmbiguousError is returned when a name fits more than one person; the
// desk then shows the matches and asks for a badge code or e-mail.
type AmbiguousError struct {
	Key     string
	Matches []PersonRow
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%d people have that name; use the badge code or e-mail instead", len(e.Matches))
}

// FindPerson finds the one live person a desk means by key: a badge code or
// an e-mail first (what a scanner or a careful typist gives, two index
// lookups), else an exact name in any of its forms (Latin either order,
// kanji, kana; spaces optional).
func (s *Store) FindPerson(ctx context.Context, key string) (PersonRow, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return PersonRow{}, fmt.Errorf("no badge code, e-mail or name given: %w", ErrNotFound)
	}
	p, err := s.personByCode(ctx, key)
	if !errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	matches, err := s.PeopleNamed(ctx, key)
	if err != nil {
		return PersonRow{}, err
	}
	switch len(matches) {
	case 0:
		return PersonRow{}, fmt.Errorf("no one has that badge code, e-mail or name: %w", ErrNotFound)
	case 1:
		return matches[0], nil
	}
	return PersonRow{}, &AmbiguousError{Key: key, Matches: matches}
}

// personByCode finds a live person by e-mail (when key has an @) or badge
// code, on one index. The unary + keeps the planner off the people_sort
// index, whose "deleted = 0" prefix it would otherwise pick and walk every
// live person (200 ms at 100,000 instead of a fraction of a millisecond).
func (s *Store) personByCode(ctx context.Context, key string) (PersonRow, error) {
	where := "p.badge_code <> '' AND p.badge_code = upper(?)"
	if strings.Contains(key, "@") {
		where = "p.email <> '' AND lower(p.email) = lower(?)"
	}
	var p PersonRow
	err := s.reader.GetContext(ctx, &p, "SELECT "+personColumns+personFrom+" WHERE "+where+" AND +p.deleted = 0 ORDER BY p.id LIMIT 1", key)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("find a person by badge code or e-mail: %w", err)
	}
	return p, err
}

// PeopleNamed returns the live people whose name is exactly name, ignoring
// case, spaces and the kana script. The search index finds the candidates,
// so it costs the same at 100 people as at 100,000.
func (s *Store) PeopleNamed(ctx context.Context, name string) ([]PersonRow, error) {
	match := nameQuery(name)
	if match == "" {
		return nil, nil
	}
	var candidates []PersonRow
	err := s.reader.SelectContext(ctx, &candidates, "SELECT "+personColumns+
		` FROM people_fts f CROSS JOIN people p ON p.rowid = f.rowid
		LEFT JOIN organisations o ON o.id = p.org_id AND o.deleted = 0
		WHERE people_fts MATCH ? AND p.deleted = 0 LIMIT 1000`, match)
	if err != nil {
		return nil, fmt.Errorf("find people by name: %w", err)
	}
	want := normalName(name)
	var found []PersonRow
	for _, p := range candidates {
		if slices.Contains(nameForms(p.Person), want) {
			found = append(found, p)
		}
	}
	slices.SortFunc(found, func(a, b PersonRow) int { return strings.Compare(a.ID, b.ID) })
	return found, nil
}

// nameQuery is the search-index query for the candidates of an exact name.
// A name typed without spaces in Japanese (山田太郎) is one word to the
// index, which holds 山田 and 太郎; so every split into two words is tried.
func nameQuery(name string) string {
	match := ftsQuery(name)
	if match == "" {
		return ""
	}
	word := []rune(strings.TrimSpace(name))
	if strings.ContainsFunc(name, unicode.IsSpace) || len(word) > 12 || !strings.ContainsFunc(name, isJapanese) {
		return match
	}
	alternatives := []string{"(" + match + ")"}
	for i := 1; i < len(word); i++ {
		a, b := string(word[:i]), string(word[i:])
		alternatives = append(alternatives, "("+quote(toHiragana(a))+" "+quote(toHiragana(b))+")")
		if toKatakana(a+b) != toHiragana(a+b) {
			alternatives = append(alternatives, "("+quote(toKatakana(a))+" "+quote(toKatakana(b))+")")
		}
	}
	return strings.Join(alternatives, " OR ")
}

func isJapanese(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// normalName folds what may differ between how a name is typed and how it
// is stored: case, spaces (including the ideographic one) and kana script.
func normalName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return toHiragana(strings.ToLower(s))
}

// nameForms are the ways a person's exact name may be typed.
func nameForms(p Person) []string {
	var forms []string
	for _, f := range []string{p.GivenName + p.FamilyName, p.FamilyName + p.GivenName, p.KanjiName, p.KanaName} {
		if f = normalName(f); f != "" {
			forms = append(forms, f)
		}
	}
	return forms
}
