// Package match scores how well a job seeker and a host (a mentor, a
// recruiter or a booth) suit each other, and says why in plain words.
// It is a pure function of what the directory and the alumni programme
// know of both: the scheduler (data/schedule) maximises the sum of these
// scores, and every proposal shows its reasons, so the organiser can see
// what the score is made of rather than trust a black box.
package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// Weights are the points each reason is worth. Settings will edit them;
// DefaultWeights are the starting values.
type Weights struct {
	SharedIndustry int // per industry both name among their industries
	SharedInterest int // per other label both name (an interest, or an industry of one and interest of the other)
	Sector         int // the host's sector is one the seeker named
	Kind           int // the host's kind of organisation is one the seeker asked for (public sector, start-ups...)
	JapaneseWork   int // the seeker looks for work in Japanese and the host offers it
	YearReturned   int // both returned from the programme within YearWindow years of each other
	YearWindow     int
	FirstChoice    int // a request ranked 1 adds this, each rank after it one less, never under 1
	Wanted         int // the host marked the seeker "want to meet"
}

// DefaultWeights favour what the seeker asked for (their ranked requests),
// then a shared industry, then the rest.
func DefaultWeights() Weights {
	return Weights{SharedIndustry: 3, SharedInterest: 2, Sector: 3, Kind: 3, JapaneseWork: 2,
		YearReturned: 1, YearWindow: 2, FirstChoice: 5, Wanted: 3}
}

// Profile is what the score reads of one side.
type Profile struct {
	Industries   data.Set
	Interests    data.Set
	Sector       string       // the organisation's sector, for a host
	Kind         data.OrgKind // the organisation's kind, for a host
	YearReturned int          // 0 when not an alumnus
}

// PersonProfile is a person with their organisation (zero when none).
func PersonProfile(p data.Person, org data.Organisation) Profile {
	return Profile{Industries: p.Industries, Interests: p.Interests, Sector: org.Sector, Kind: org.Kind, YearReturned: p.YearReturned}
}

// BoothProfile is a booth as a host: its organisation, and what its staff
// name between them. A booth has no year of return: it is many people.
func BoothProfile(org data.Organisation, staff []data.Person) Profile {
	var ind, intr []string
	for _, p := range staff {
		ind, intr = append(ind, p.Industries...), append(intr, p.Interests...)
	}
	return Profile{Industries: data.NewSet(ind...), Interests: data.NewSet(intr...), Sector: org.Sector, Kind: org.Kind}
}

// Result is a score and its reasons, in the order they were counted.
type Result struct {
	Score   int
	Reasons []string
}

func (r *Result) add(points int, reason string) {
	if points > 0 {
		r.Score += points
		r.Reasons = append(r.Reasons, reason)
	}
}

// String is the reasons joined as a meeting stores them.
func (r Result) String() string { return strings.Join(r.Reasons, "; ") }

// kindWords are how a seeker names a kind of organisation among their
// interests or industries, and how a reason names it back.
var kindWords = map[data.OrgKind]struct {
	words []string
	label string
}{
	data.OrgPublicSector:       {[]string{"public sector", "government", "civil service", "local government"}, "public sector"},
	data.OrgStartup:            {[]string{"start-ups", "start-up", "startups", "startup"}, "start-ups"},
	data.OrgJapaneseCompany:    {[]string{"japanese company", "japanese companies", "japanese employers"}, "Japanese companies"},
	data.OrgNonJapaneseCompany: {[]string{"international company", "international companies", "non-japanese companies"}, "international companies"},
}

// japaneseWords mark work in Japanese, on either side.
var japaneseWords = []string{"japanese", "translation", "interpreting", "日本語", "通訳", "翻訳"}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func labels(p Profile) []string {
	return data.NewSet(append(slices.Clone(p.Industries), p.Interests...)...)
}

func hasLabel(set []string, label string) bool {
	return slices.ContainsFunc(set, func(s string) bool { return fold(s) == fold(label) })
}

func mentions(set []string, words []string) bool {
	return slices.ContainsFunc(set, func(s string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(fold(s), w) })
	})
}

// Score is how well seeker and host suit each other, by w.
func Score(seeker, host Profile, w Weights) Result {
	var r Result
	mine, theirs := labels(seeker), labels(host)
	var shared []string
	points := 0
	for _, l := range mine {
		if !hasLabel(theirs, l) {
			continue
		}
		shared = append(shared, l)
		if hasLabel(seeker.Industries, l) && hasLabel(host.Industries, l) {
			points += w.SharedIndustry
		} else {
			points += w.SharedInterest
		}
	}
	r.add(points, "both: "+strings.Join(shared, ", "))
	if host.Sector != "" && hasLabel(mine, host.Sector) && !hasLabel(shared, host.Sector) {
		r.add(w.Sector, "asked for "+host.Sector)
	}
	if k, ok := kindWords[host.Kind]; ok && mentions(mine, k.words) {
		r.add(w.Kind, "asked for "+k.label)
	}
	offers := host.Kind == data.OrgJapaneseCompany || mentions(theirs, japaneseWords)
	if offers && mentions(mine, japaneseWords) {
		r.add(w.JapaneseWork, "Japanese-language work")
	}
	if a, b := seeker.YearReturned, host.YearReturned; a > 0 && b > 0 && abs(a-b) <= w.YearWindow {
		switch abs(a - b) {
		case 0:
			r.add(w.YearReturned, "returned the same year")
		case 1:
			r.add(w.YearReturned, "returned a year apart")
		default:
			r.add(w.YearReturned, fmt.Sprintf("returned %d years apart", abs(a-b)))
		}
	}
	return r
}

// Request adds what the seeker's own request says: its rank (1 is the
// first choice), or nothing for rank 0 (no request), and the host's
// "want to meet".
func (r Result) Request(rank int, wanted bool, w Weights) Result {
	r.Reasons = slices.Clone(r.Reasons)
	if rank > 0 {
		r.add(max(w.FirstChoice-(rank-1), 1), fmt.Sprintf("choice %d", rank))
	}
	if wanted {
		r.add(w.Wanted, "the host wants to meet them")
	}
	return r
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
