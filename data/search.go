package data

import (
	"strings"
	"unicode"
)

// ftsQuery turns what someone typed into an FTS5 query: every word must
// start a word of the person's names, e-mail, organisation or badge code.
// Kana match in either script, so やまだ finds ヤマダ. It returns "" when
// nothing searchable was typed.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
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
