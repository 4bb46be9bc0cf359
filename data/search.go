package data

import (
	"fmt"
	"strings"
	"unicode"
)

// searchBody is what the index holds for a person.
const searchBody = `p.given_name || ' ' || p.family_name || ' ' || p.kanji_name || ' ' || p.kana_name || ' ' ||
	p.email || ' ' || p.badge_code || ' ' || coalesce((SELECT name FROM organisations o WHERE o.id = p.org_id AND o.deleted = 0), '')`

// refreshSearch re-indexes the people this transaction changed, and the
// people of organisations it changed, in two statements.
func (w *writer) refreshSearch() error {
	touched := `SELECT rowid FROM people WHERE seq = ?1
		UNION SELECT p.rowid FROM people p JOIN organisations o ON o.id = p.org_id WHERE o.seq = ?1`
	if _, err := w.tx.Exec("DELETE FROM people_fts WHERE rowid IN ("+touched+")", w.seq); err != nil {
		return fmt.Errorf("update search index: %w", err)
	}
	// "+p.deleted" keeps the planner off the name index, which would walk
	// every live person instead of the few rows this write touched.
	if _, err := w.tx.Exec("INSERT INTO people_fts (rowid, body) SELECT p.rowid, "+searchBody+
		" FROM people p WHERE +p.deleted = 0 AND p.rowid IN ("+touched+")", w.seq); err != nil {
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
