package data

import (
	"context"
	"fmt"
	"testing"
)

// A write's statements are prepared once and kept for the next write,
// no more of them than maxPrepared, and a kept statement reads what later
// writes wrote.
func TestTheWriterKeepsItsStatementsPreparedAcrossWrites(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t, nil)
	first := Person{GivenName: "Aoi", FamilyName: "Mori"}
	if err := st.SavePerson(ctx, &first); err != nil {
		t.Fatal(err)
	}
	kept := len(st.prepared.kept)
	if kept == 0 {
		t.Fatal("no statement was kept after a write")
	}
	second := Person{GivenName: "Ben", FamilyName: "Mori"}
	if err := st.SavePerson(ctx, &second); err != nil {
		t.Fatal(err)
	}
	if len(st.prepared.kept) != kept {
		t.Fatalf("a second write of the same kind kept %d statements, the first %d", len(st.prepared.kept), kept)
	}
	if found, err := st.SearchPeople(ctx, "mori", 10); err != nil || len(found) != 2 {
		t.Fatalf("after two writes through kept statements a search finds %d (%v), want 2", len(found), err)
	}

	// Queries that differ with the data do not grow the set without end.
	for i := range maxPrepared + 20 {
		err := st.write(ctx, func(w *writer) error {
			var n int
			return w.get(&n, fmt.Sprintf("SELECT count(*) + %d FROM people", i))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(st.prepared.kept) > maxPrepared {
		t.Fatalf("the writer keeps %d statements, more than %d", len(st.prepared.kept), maxPrepared)
	}
}
