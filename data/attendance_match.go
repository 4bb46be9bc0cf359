package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// peopleIndex finds the person a report row names. Sure matches are an
// e-mail address (case folded) or an exact name in any of the forms a
// desk accepts (nameForms); everything looser is a near-match, shown to
// the organiser and never applied on its own, because a video platform's
// display name is whatever the participant typed.
type peopleIndex struct {
	people  []Person
	byEmail map[string][]int
	byName  map[string][]int
	byLoose map[string][]int // names without accents or punctuation
	byLocal map[string][]int // e-mail before the @
	// byLength holds the loose names by their length in letters, for
	// nearest: a name one or two edits away is within two letters long.
	byLength map[int][]looseForm
}

type looseForm struct {
	name   []rune
	people []int
}

func newPeopleIndex(people []Person) *peopleIndex {
	idx := &peopleIndex{people: people, byEmail: map[string][]int{}, byName: map[string][]int{},
		byLoose: map[string][]int{}, byLocal: map[string][]int{}}
	defer idx.indexLengths()
	for i, p := range people {
		if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
			idx.byEmail[e] = append(idx.byEmail[e], i)
			if local, _, ok := strings.Cut(e, "@"); ok && len(local) >= 3 {
				idx.byLocal[local] = appendOnce(idx.byLocal[local], i)
			}
		}
		for _, f := range nameForms(p) {
			idx.byName[f] = appendOnce(idx.byName[f], i)
			idx.byLoose[looseName(f)] = appendOnce(idx.byLoose[looseName(f)], i)
		}
	}
	return idx
}

func appendOnce(list []int, i int) []int {
	if len(list) > 0 && list[len(list)-1] == i {
		return list
	}
	return append(list, i)
}

// match finds the person of one row. kind is "" when it found no one, and
// unknown then says why.
func (idx *peopleIndex) match(row ReportRow) (Person, MatchKind, NearReason, UnknownRow) {
	email := strings.ToLower(strings.TrimSpace(row.Email))
	names := nonEmpty(normalName(row.Name), normalName(row.OriginalName))
	if email == "" && len(names) == 0 {
		return Person{}, "", "", UnknownRow{Row: row, Reason: UnknownBlank}
	}
	if found := idx.byEmail[email]; email != "" && len(found) == 1 {
		return idx.people[found[0]], MatchEmail, "", UnknownRow{}
	}
	several := 0
	for _, n := range names {
		switch found := idx.byName[n]; {
		case len(found) == 1:
			return idx.people[found[0]], MatchName, "", UnknownRow{}
		case len(found) > 1:
			several = max(several, len(found))
		}
	}
	if several > 0 {
		return Person{}, "", "", UnknownRow{Row: row, Reason: UnknownSeveral, Count: several}
	}
	for _, n := range names {
		if found := idx.byLoose[looseName(n)]; len(found) == 1 {
			return idx.people[found[0]], MatchNear, NearAccents, UnknownRow{}
		} else if len(found) > 1 {
			several = max(several, len(found))
		}
	}
	for _, n := range names {
		if found := idx.nearest(looseName(n)); len(found) == 1 {
			return idx.people[found[0]], MatchNear, NearSpelling, UnknownRow{}
		} else if len(found) > 1 {
			several = max(several, len(found))
		}
	}
	if local, _, ok := strings.Cut(email, "@"); ok {
		if found := idx.byLocal[local]; len(found) == 1 {
			return idx.people[found[0]], MatchNear, NearEmailDomain, UnknownRow{}
		}
	}
	if several > 0 {
		return Person{}, "", "", UnknownRow{Row: row, Reason: UnknownSeveral, Count: several}
	}
	return Person{}, "", "", UnknownRow{Row: row, Reason: UnknownNoOne}
}

func (idx *peopleIndex) indexLengths() {
	idx.byLength = map[int][]looseForm{}
	for form, people := range idx.byLoose {
		r := []rune(form)
		idx.byLength[len(r)] = append(idx.byLength[len(r)], looseForm{name: r, people: people})
	}
}

// nearest lists the people whose name is fewest edits from name, within
// one edit for a short name and two for a name of eight letters or more;
// none for a name too short to tell.
func (idx *peopleIndex) nearest(name string) []int {
	n := len([]rune(name))
	limit := 1
	switch {
	case n < 4:
		return nil
	case n >= 8:
		limit = 2
	}
	best, found := limit+1, []int(nil)
	word := []rune(name)
	buf := make([]int, 2*(n+limit+1))
	for length := n - limit; length <= n+limit; length++ {
		for _, form := range idx.byLength[length] {
			switch d := editDistance(word, form.name, best, buf); {
			case d < best:
				best, found = d, append([]int(nil), form.people...)
			case d == best:
				for _, p := range form.people {
					found = appendOnce(found, p)
				}
			}
		}
	}
	return found
}

// looseName drops what people leave out when they type their name into a
// video call: accents (José, Jose), punctuation and hyphens (O'Brien,
// Jean-Luc). Its input is already a normalName.
func looseName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// editDistance is the Levenshtein distance of x and y in letters, or
// anything above limit once it is sure to exceed it. buf holds at least
// twice len(y)+1 ints, reused across calls.
func editDistance(x, y []rune, limit int, buf []int) int {
	prev, cur := buf[:len(y)+1], buf[len(y)+1:2*(len(y)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

func nonEmpty(list ...string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
