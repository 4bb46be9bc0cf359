package data

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// A search by name finds its page in one of three ways, by how many
// people its words match and where they sit in name order. Each must give
// the page that walking the whole name index gives, at every offset.
func TestASearchByNameGivesTheWalksPageWhicheverWayItIsFound(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t, nil)
	// Family names crowd at the two ends of the alphabet, and given names
	// spread over both, so that "A" and "W" each match over denseMatches
	// people: "A" among the first names, "W" only at the end.
	families := []string{"Abe", "Adams", "Ando", "Watanabe", "Wilson", "Wright", "Walker"}
	givens := []string{"Aiko", "Ben", "Chloe", "Daisuke", "Emma", "Hana", "Kenji"}
	people := 2*denseMatches + 500
	err := st.ImportTx(ctx, func(b *ImportTx) error {
		for i := range people {
			p := Person{FamilyName: families[i%len(families)], GivenName: givens[(i/len(families))%len(givens)],
				Email: fmt.Sprintf("p%05d@example.org", i)}
			if err := b.SavePerson(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	walk := func(query string, offset, limit int) []PersonRow {
		t.Helper()
		f := PeopleFilter{Query: query}
		from, args := f.from(false)
		rows, err := st.peoplePage(ctx, peopleOrder, "SELECT p.rowid"+from+" ORDER BY "+peopleOrder+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	ids := func(rows []PersonRow) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	for _, query := range []string{"Wilson", "Wilson Emma", "Ken", "A", "W", "Watanabe Hana", "p0001", "Zed"} {
		n := found(t, st, query)
		for _, offset := range []int{0, 50, firstNames - 50, firstNames, n - 10} {
			if offset < 0 {
				continue
			}
			got, err := st.ListPeople(ctx, PeopleFilter{Query: query}, offset, 50)
			if err != nil {
				t.Fatal(err)
			}
			want := walk(query, offset, 50)
			if !slices.Equal(ids(got), ids(want)) {
				t.Fatalf("%q (%d matches) at %d: the page has %d people, %v..., the walk's %d, %v...",
					query, n, offset, len(got), ids(got)[:min(3, len(got))], len(want), ids(want)[:min(3, len(want))])
			}
		}
	}
	if n := found(t, st, "A"); n < denseMatches {
		t.Fatalf(`"A" matches %d people, fewer than the %d that make a search dense`, n, denseMatches)
	}
	if n := found(t, st, "W"); n < denseMatches {
		t.Fatalf(`"W" matches %d people, fewer than the %d that make a search dense`, n, denseMatches)
	}
}
