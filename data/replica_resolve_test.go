package data

import (
	"context"
	"testing"
	"time"
)

func TestResolveFieldConflictReachesTheOtherLaptop(t *testing.T) {
	ctx := context.Background()
	for _, choice := range []string{ChoiceKept, ChoiceOther} {
		t.Run(choice, func(t *testing.T) {
			a, b := newReplica(t, nil), newReplica(t, nil)
			p := Person{GivenName: "Yui", FamilyName: "Sato", Email: "yui@example.jp", YearReturned: 2015}
			a.save(t, &p)
			exchangeAll(t, []*replica{a, b})
			pa, pb := p, p
			pa.JobTitle, pb.JobTitle = "Analyst", "Translator"
			pa.YearReturned, pb.YearReturned = 2016, 2017
			a.save(t, &pa)
			b.save(t, &pb)
			exchangeAll(t, []*replica{a, b})
			cs := b.conflicts(t, false)
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
			if n := len(b.conflicts(t, false)); n != 0 {
				t.Fatalf("%d conflicts still open on b after resolving", n)
			}
			if n := len(a.conflicts(t, false)); n != 2 {
				t.Fatalf("a should still see both before syncing, sees %d", n)
			}
			exchangeAll(t, []*replica{a, b})
			for _, r := range []*replica{a, b} {
				if n := len(r.conflicts(t, false)); n != 0 {
					t.Errorf("%d conflicts open after sync", n)
				}
				got := r.person(t, p.ID)
				if got.JobTitle != want["job_title"] || want["year_returned"] != itoa(got.YearReturned) {
					t.Errorf("person has %q, %d; want %v", got.JobTitle, got.YearReturned, want)
				}
				for _, c := range r.conflicts(t, true) {
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
			a.save(t, &p)
			exchangeAll(t, []*replica{a, b})
			edited := p
			edited.Notes = "wants an internship"
			b.save(t, &edited)
			a.delete(t, p.ID)
			exchangeAll(t, []*replica{a, b})
			cs := a.conflicts(t, false)
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
				if n := len(r.conflicts(t, false)); n != 0 {
					t.Errorf("%d conflicts open after sync", n)
				}
				if got := r.person(t, p.ID); got.Deleted != (choice == ChoiceDeleteRow) {
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
	a.save(t, &pa)
	b.save(t, &pb)
	if err := b.st.SaveSession(ctx, &s, []string{pb.ID}); err != nil {
		t.Fatal(err)
	}
	exchangeAll(t, []*replica{a, b})
	cs := a.conflicts(t, false)
	if len(cs) != 1 || cs[0].Kind != "duplicate" {
		t.Fatalf("want one duplicate conflict, got %+v", cs)
	}
	if err := a.st.MergePeople(ctx, pa.ID, pb.ID); err != nil {
		t.Fatal(err)
	}
	exchangeAll(t, []*replica{a, b})
	for _, r := range []*replica{a, b} {
		if n := len(r.conflicts(t, false)); n != 0 {
			t.Errorf("%d conflicts open after merging", n)
		}
		kept := r.person(t, pa.ID)
		if kept.Deleted || kept.Phone != pb.Phone || kept.JobTitle != "Engineer" || kept.Email != "aiko@example.jp" ||
			!kept.HasRole(RoleMentor) || !kept.HasRole(RoleSpeaker) {
			t.Errorf("kept person %+v", kept.Person)
		}
		if !r.person(t, pb.ID).Deleted {
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

// A laptop that resolves a conflict before the other laptop has even
// found it: the other's own record of the conflict must not reopen it.
func TestResolutionBeforeTheOtherLaptopFindsTheConflict(t *testing.T) {
	ctx := context.Background()
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Yui", FamilyName: "Sato"}
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	pa, pb := p, p
	pa.JobTitle, pb.JobTitle = "Analyst", "Translator"
	a.save(t, &pa)
	b.save(t, &pb)
	a.publish(t)
	b.publish(t)
	b.pull(t, a)
	cs := b.conflicts(t, false)
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
		if open := r.conflicts(t, false); len(open) != 0 {
			t.Errorf("open conflicts after resolving: %+v", open)
		}
		if got := r.person(t, p.ID); got.JobTitle != cs[0].Other {
			t.Errorf("job title %q, want %q", got.JobTitle, cs[0].Other)
		}
	}
	if a.dump(t) != b.dump(t) {
		t.Fatal("replicas differ")
	}
}
