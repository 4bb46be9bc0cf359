package data

import (
	"context"
	"testing"
)

// found counts the people a search finds.
func found(t *testing.T, s *Store, query string) int {
	t.Helper()
	n, err := s.CountPeople(context.Background(), PeopleFilter{Query: query})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The search index is refreshed only for people whose indexed text
// changed; every way that text changes must still reach it, here and on a
// laptop that merges the change.
func TestSearchIndexFollowsEveryChangeOfIndexedText(t *testing.T) {
	ctx := context.Background()
	a, b := newReplica(t, nil), newReplica(t, nil)
	org := Organisation{Name: "Kestrel Bank"}
	if err := a.st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	p := Person{GivenName: "Haruto", FamilyName: "Okada", OrgID: org.ID}
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	check := func(step string, want map[string]int) {
		t.Helper()
		for _, r := range []*replica{a, b} {
			for q, n := range want {
				if got := found(t, r.st, q); got != n {
					t.Fatalf("%s: %q finds %d on laptop %s, want %d", step, q, got, r.st.DeviceID(), n)
				}
				page, err := r.st.ListPeople(ctx, PeopleFilter{Query: q}, 0, 10)
				if err != nil || len(page) != n {
					t.Fatalf("%s: %q lists %d on laptop %s (%v), want %d", step, q, len(page), r.st.DeviceID(), err, n)
				}
			}
			namesFollowPeople(t, r.st)
		}
	}
	check("added", map[string]int{"haruto": 1, "kestrel": 1})

	p.JobTitle = "Analyst" // not indexed
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	check("job title edited", map[string]int{"haruto": 1, "kestrel": 1})

	p.GivenName = "Minato"
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	check("renamed", map[string]int{"haruto": 0, "minato": 1})

	org.Name = "Osprey Trust"
	if err := a.st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	exchangeAll(t, []*replica{a, b})
	check("organisation renamed", map[string]int{"kestrel": 0, "osprey": 1})

	a.delete(t, p.ID)
	exchangeAll(t, []*replica{a, b})
	check("deleted", map[string]int{"minato": 0})

	if err := a.st.RestorePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	exchangeAll(t, []*replica{a, b})
	check("restored", map[string]int{"minato": 1, "osprey": 1})
}

// namesFollowPeople fails unless people_names holds exactly the names of
// the live people.
func namesFollowPeople(t *testing.T, s *Store) {
	t.Helper()
	var differ int
	if err := s.reader.Get(&differ, `SELECT count(*) FROM (
		SELECT * FROM (SELECT rowid, family_name, given_name FROM people WHERE deleted = 0
			EXCEPT SELECT rowid, family_name, given_name FROM people_names)
		UNION ALL SELECT * FROM (SELECT rowid, family_name, given_name FROM people_names
			EXCEPT SELECT rowid, family_name, given_name FROM people WHERE deleted = 0))`); err != nil {
		t.Fatal(err)
	}
	if differ != 0 {
		t.Fatalf("people_names and the live people differ in %d rows on laptop %s", differ, s.DeviceID())
	}
}
