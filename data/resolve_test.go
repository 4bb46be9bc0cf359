package data

import (
	"context"
	"testing"
	"time"
)

func openConflicts(t *testing.T, r *replica) []Conflict {
	t.Helper()
	cs, err := r.st.Conflicts(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestResolveFieldConflictReachesTheOtherLaptop(t *testing.T) {
	ctx := context.Background()
	for _, choice := range []string{ChoiceKept, ChoiceOther} {
		t.Run(choice, func(t *testing.T) {
			a, b := newReplica(t, nil), newReplica(t, nil)
			p := Person{GivenName: "Yui", FamilyName: "Sato", Email: "yui@example.jp", YearReturned: 2015}
			if err := a.st.SavePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
			exchangeAll(t, []*replica{a, b})
			pa, pb := p, p
			pa.JobTitle, pb.JobTitle = "Analyst", "Translator"
			pa.YearReturned, pb.YearReturned = 2016, 2017
			a.st.SavePerson(ctx, &pa)
			b.st.SavePerson(ctx, &pb)
			exchangeAll(t, []*replica{a, b})
			cs := openConflicts(t, b)
			if len(cs) != 2 {
				t.Fatalf("want two open conflicts on b, got %+v", cs)
			}
			want := map[string]string{}
			for _, c := range cs {
				v := c.Kept
				if choice == ChoiceOther {
					v = c.Other
				}
				want[c.Col] = v
				// Resolve on b, the laptop whose value may have lost.
				if err := b.st.ResolveConflict(ctx, c.ID, choice); err != nil {
					t.Fatal(err)
				}
			}
			if n := len(openConflicts(t, b)); n != 0 {
				t.Fatalf("%d conflicts still open on b after resolving", n)
			}
			if n := len(openConflicts(t, a)); n != 2 {
				t.Fatalf("a should still see both before syncing, sees %d", n)
			}
			exchangeAll(t, []*replica{a, b})
			for _, r := range []*replica{a, b} {
				if n := len(openConflicts(t, r)); n != 0 {
					t.Errorf("%d conflicts open after sync", n)
				}
				got, err := r.st.Person(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.JobTitle != want["job_title"] || want["year_returned"] != itoa(got.YearReturned) {
					t.Errorf("person has %q, %d; want %v", got.JobTitle, got.YearReturned, want)
				}
				all, _ := r.st.Conflicts(ctx, true)
				for _, c := range all {
					if c.Resolution != choice {
						t.Errorf("resolution %q, want %q", c.Resolution, choice)
					}
				}
			}
			if a.dump(t) != b.dump(t) {
				t.Fatal("replicas differ after resolving")
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return string(rune('0'+n/1000)) + string(rune('0'+n/100%10)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

func TestResolveEditAgainstDelete(t *testing.T) {
	ctx := context.Background()
	for _, choice := range []string{ChoiceKeepRow, ChoiceDeleteRow} {
		t.Run(choice, func(t *testing.T) {
			a, b := newReplica(t, nil), newReplica(t, nil)
			p := Person{GivenName: "Ren", FamilyName: "Ito"}
			a.st.SavePerson(ctx, &p)
			exchangeAll(t, []*replica{a, b})
			edited := p
			edited.Notes = "wants an internship"
			if err := b.st.SavePerson(ctx, &edited); err != nil {
				t.Fatal(err)
			}
			if err := a.st.DeletePerson(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
			exchangeAll(t, []*replica{a, b})
			cs := openConflicts(t, a)
			if len(cs) != 1 || cs[0].Kind != "delete" {
				t.Fatalf("want one delete conflict, got %+v", cs)
			}
			if err := a.st.ResolveConflict(ctx, cs[0].ID, ChoiceKept); err == nil {
				t.Error("a field choice settled a delete conflict")
			}
			if err := a.st.ResolveConflict(ctx, cs[0].ID, choice); err != nil {
				t.Fatal(err)
			}
			exchangeAll(t, []*replica{a, b})
			for _, r := range []*replica{a, b} {
				if n := len(openConflicts(t, r)); n != 0 {
					t.Errorf("%d conflicts open after sync", n)
				}
				got, err := r.st.Person(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Deleted != (choice == ChoiceDeleteRow) {
					t.Errorf("deleted = %v after %s", got.Deleted, choice)
				}
			}
			if a.dump(t) != b.dump(t) {
				t.Fatal("replicas differ after resolving")
			}
		})
	}
}

func TestMergeDuplicatePeople(t *testing.T) {
	ctx := context.Background()
	a, b := newReplica(t, nil), newReplica(t, nil)
	s := Session{Title: "Careers in Japan", Kind: "panel", Starts: time.Date(2026, 10, 23, 11, 0, 0, 0, time.UTC), Ends: time.Date(2026, 10, 23, 12, 0, 0, 0, time.UTC)}
	if err := a.st.SaveSession(ctx, &s, nil); err != nil {
		t.Fatal(err)
	}
	exchangeAll(t, []*replica{a, b})
	pa := Person{GivenName: "Aiko", FamilyName: "Mori", Email: "aiko@example.jp", Roles: NewSet("mentor")}
	pb := Person{GivenName: "Aiko", FamilyName: "Mori", Email: "AIKO@example.jp", Phone: "+44 20 7946 0000", JobTitle: "Engineer", Roles: NewSet("speaker")}
	savePersonOrFail(t, a.st, &pa)
	savePersonOrFail(t, b.st, &pb)
	if err := b.st.SaveSession(ctx, &s, []string{pb.ID}); err != nil {
		t.Fatal(err)
	}
	exchangeAll(t, []*replica{a, b})
	cs := openConflicts(t, a)
	if len(cs) != 1 || cs[0].Kind != "duplicate" {
		t.Fatalf("want one duplicate conflict, got %+v", cs)
	}
	if err := a.st.MergePeople(ctx, pa.ID, pb.ID); err != nil {
		t.Fatal(err)
	}
	exchangeAll(t, []*replica{a, b})
	for _, r := range []*replica{a, b} {
		if n := len(openConflicts(t, r)); n != 0 {
			t.Errorf("%d conflicts open after merging", n)
		}
		kept, err := r.st.Person(ctx, pa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if kept.Deleted || kept.Phone != pb.Phone || kept.JobTitle != "Engineer" || kept.Email != "aiko@example.jp" ||
			!kept.HasRole(RoleMentor) || !kept.HasRole(RoleSpeaker) {
			t.Errorf("kept person %+v", kept.Person)
		}
		dropped, _ := r.st.Person(ctx, pb.ID)
		if !dropped.Deleted {
			t.Error("the merged-away person is still live")
		}
		sessions, err := r.st.Sessions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(sessions) != 1 || len(sessions[0].Speakers) != 1 || sessions[0].Speakers[0].ID != pa.ID {
			t.Errorf("speakers after merge: %+v", sessions)
		}
	}
	if a.dump(t) != b.dump(t) {
		t.Fatal("replicas differ after merging")
	}
}

func savePersonOrFail(t *testing.T, st *Store, p *Person) {
	t.Helper()
	if err := st.SavePerson(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

// A laptop that resolves a conflict before the other laptop has even
// found it: the other's own record of the conflict must not reopen it.
func TestResolutionBeforeTheOtherLaptopFindsTheConflict(t *testing.T) {
	ctx := context.Background()
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Yui", FamilyName: "Sato"}
	savePersonOrFail(t, a.st, &p)
	exchangeAll(t, []*replica{a, b})
	pa, pb := p, p
	pa.JobTitle, pb.JobTitle = "Analyst", "Translator"
	savePersonOrFail(t, a.st, &pa)
	savePersonOrFail(t, b.st, &pb)
	a.publish(t)
	b.publish(t)
	b.pull(t, a)
	cs := openConflicts(t, b)
	if len(cs) != 1 {
		t.Fatalf("b found %d conflicts", len(cs))
	}
	if err := b.st.ResolveConflict(ctx, cs[0].ID, ChoiceOther); err != nil {
		t.Fatal(err)
	}
	b.publish(t)
	a.pull(t, b)
	exchangeAll(t, []*replica{a, b})
	for _, r := range []*replica{a, b} {
		open, err := r.st.Conflicts(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 0 {
			t.Errorf("open conflicts after resolving: %+v", open)
		}
		got, _ := r.st.Person(ctx, p.ID)
		if got.JobTitle != cs[0].Other {
			t.Errorf("job title %q, want %q", got.JobTitle, cs[0].Other)
		}
	}
	if a.dump(t) != b.dump(t) {
		t.Fatal("replicas differ")
	}
}
