package match

import (
	"slices"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

func TestScoreSaysWhy(t *testing.T) {
	w := DefaultWeights()
	seeker := PersonProfile(data.Person{Industries: data.NewSet("Finance"), Interests: data.NewSet("public sector", "Translation", "Teaching"),
		YearReturned: 2019}, data.Organisation{})
	council := data.Organisation{Sector: "Public administration", Kind: data.OrgPublicSector}
	mentor := PersonProfile(data.Person{Industries: data.NewSet("finance"), Interests: data.NewSet("Teaching"), YearReturned: 2020}, council)

	got := Score(seeker, mentor, w)
	want := []string{"both: Finance, Teaching", "asked for public sector", "returned a year apart"}
	if !slices.Equal(got.Reasons, want) {
		t.Fatalf("reasons %q, want %q", got.Reasons, want)
	}
	if got.Score != w.SharedIndustry+w.SharedInterest+w.Kind+w.YearReturned {
		t.Errorf("score %d", got.Score)
	}
	if got.String() != "both: Finance, Teaching; asked for public sector; returned a year apart" {
		t.Errorf("stored as %q", got.String())
	}

	// A Japanese bank whose sector the seeker named, at a booth: the
	// sector and the language count; the booth has no year of return.
	bank := data.Organisation{Sector: "Banking", Kind: data.OrgJapaneseCompany}
	seeker2 := PersonProfile(data.Person{Interests: data.NewSet("banking", "Japanese companies", "Interpreting")}, data.Organisation{})
	booth := BoothProfile(bank, []data.Person{{Interests: data.NewSet("Golf")}, {Industries: data.NewSet("Insurance")}, {YearReturned: 2019}})
	got = Score(seeker2, booth, w)
	want = []string{"asked for Banking", "asked for Japanese companies", "Japanese-language work"}
	if !slices.Equal(got.Reasons, want) || got.Score != w.Sector+w.Kind+w.JapaneseWork {
		t.Errorf("booth: %d %q, want %q", got.Score, got.Reasons, want)
	}

	// Nothing in common is nothing.
	if got := Score(seeker2, mentor, w); got.Score != 0 || len(got.Reasons) != 0 {
		t.Errorf("no match scored %d %q", got.Score, got.Reasons)
	}
	// Too far apart in years, or not an alumnus, adds nothing.
	if got := Score(PersonProfile(data.Person{YearReturned: 2010}, data.Organisation{}), mentor, w); got.Score != 0 {
		t.Errorf("ten years apart scored %d %q", got.Score, got.Reasons)
	}
}

func TestWeightsChangeTheScore(t *testing.T) {
	seeker := Profile{Industries: data.NewSet("Finance")}
	host := Profile{Industries: data.NewSet("Finance")}
	w := DefaultWeights()
	w.SharedIndustry = 10
	if got := Score(seeker, host, w); got.Score != 10 {
		t.Errorf("shared industry weighted 10 scored %d", got.Score)
	}
	w.SharedIndustry = 0
	if got := Score(seeker, host, w); got.Score != 0 || len(got.Reasons) != 0 {
		t.Errorf("a reason worth nothing is shown: %d %q", got.Score, got.Reasons)
	}
}

func TestRequestRankAndWantedAdd(t *testing.T) {
	w := DefaultWeights()
	base := Result{Score: 2, Reasons: []string{"both: Finance"}}
	first := base.Request(1, true, w)
	if first.Score != 2+w.FirstChoice+w.Wanted || !slices.Equal(first.Reasons, []string{"both: Finance", "choice 1", "the host wants to meet them"}) {
		t.Errorf("first choice, wanted: %+v", first)
	}
	if len(base.Reasons) != 1 {
		t.Errorf("Request changed the result it was given: %q", base.Reasons)
	}
	third := base.Request(3, false, w)
	if third.Score != 2+w.FirstChoice-2 {
		t.Errorf("third choice: %+v", third)
	}
	if far := base.Request(50, false, w); far.Score != 3 {
		t.Errorf("a low rank still counts 1, got %d", far.Score-2)
	}
	if none := base.Request(0, false, w); none.Score != 2 || len(none.Reasons) != 1 {
		t.Errorf("no request added %+v", none)
	}
}
