package seed

import (
	"bytes"
	"context"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func seeded(t testing.TB, people int, s uint64) *data.Store {
	t.Helper()
	st := datatest.Open(t, nil)
	if err := Generate(context.Background(), st, Options{People: people, Seed: s}); err != nil {
		t.Fatal(err)
	}
	return st
}

func dump(t testing.TB, st *data.Store) []byte {
	var b bytes.Buffer
	if err := st.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSameSeedSameData(t *testing.T) {
	a, b, c := dump(t, seeded(t, 300, 7)), dump(t, seeded(t, 300, 7)), dump(t, seeded(t, 300, 8))
	if !bytes.Equal(a, b) {
		t.Error("two databases seeded with 7 dump differently")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 7 and 8 made the same data")
	}
}

func TestSeedCoversEveryRoleAndKind(t *testing.T) {
	ctx := context.Background()
	st := seeded(t, 500, 3)
	for _, r := range data.Roles {
		if n, err := st.CountPeople(ctx, data.PeopleFilter{Role: r}); err != nil || n == 0 {
			t.Errorf("no %s among 500 seeded people (%v)", r, err)
		}
	}
	for _, k := range data.OrgKinds {
		if n, err := st.CountPeople(ctx, data.PeopleFilter{OrgKind: k}); err != nil || n == 0 {
			t.Errorf("no one from a %s organisation (%v)", k, err)
		}
	}
	if n, _ := st.CountPeople(ctx, data.PeopleFilter{Query: "山"}); n == 0 {
		t.Error("no kanji names among the seeded people")
	}
}

// Seeding an event that has booths already (the demo, or one seeded
// before) gives the new booths codes of their own: `fairctl visit --booth`
// and the check-in desk find a booth by its code.
func TestSeedingAgainGivesNewBoothsFreeCodes(t *testing.T) {
	ctx := context.Background()
	st := seeded(t, 100, 1)
	datatest.Must(t, Generate(ctx, st, Options{People: 100, Seed: 2}))
	booths, err := st.Booths(ctx)
	datatest.Must(t, err)
	seen := map[string]bool{}
	for _, b := range booths {
		if seen[b.Code] {
			t.Errorf("two booths have code %s", b.Code)
		}
		seen[b.Code] = true
	}
	if len(seen) < 2 {
		t.Fatalf("only %d booths to compare", len(seen))
	}
}
