package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestPeopleFilterByRoleAndOrganisationKind(t *testing.T) {
	st := datatest.Open(t, nil)
	ctx := context.Background()
	people := fairPeople()
	if err := st.SavePersonInOrganisation(ctx, &people[0], "Sakura KK"); err != nil {
		t.Fatal(err)
	}
	orgs, _ := st.Organisations(ctx)
	orgs[0].Kind = data.OrgJapaneseCompany
	if err := st.SaveOrganisation(ctx, &orgs[0]); err != nil {
		t.Fatal(err)
	}
	savePeople(t, st, people[1:]...)
	s, q := newTestPeopleScreen(t, st)
	s.refresh()
	q.waitFor(t, "everyone", func() bool { return len(visibleNames(s)) == 5 })

	s.role.SetSelected("Job seeker")
	q.waitFor(t, "job seekers", func() bool {
		return slices.Equal(visibleNames(s), []string{"Emma Brown", "鈴木 一郎"}) && s.count.Text == "2 people"
	})
	test.Type(s.search, "emma")
	q.waitFor(t, "job seekers called Emma", func() bool { return slices.Equal(visibleNames(s), []string{"Emma Brown"}) })

	s.search.SetText("")
	s.role.SetSelectedIndex(0)
	s.orgKind.SetSelected("Japanese company")
	q.waitFor(t, "people of Japanese companies", func() bool { return slices.Equal(visibleNames(s), []string{"Taro Yamada 山田 太郎"}) })
	s.role.SetSelected("Organiser")
	q.waitFor(t, "no organisers at Japanese companies", func() bool {
		return len(visibleNames(s)) == 0 && s.count.Text == "No one with these filters"
	})
}

func TestAddPersonWithTheForm(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	s, q := newTestPeopleScreen(t, st)
	s.refresh()
	q.waitFor(t, "list", func() bool { return s.total == 5 })

	test.Tap(s.add)
	if !s.form.open || s.form.heading.Text != "New person" || s.form.delete.Visible() {
		t.Fatal("Add did not open an empty form")
	}
	f := s.form
	test.Type(f.given, "Jiro")
	test.Type(f.family, "Kato")
	test.Type(f.kanji, "加藤 次郎")
	test.Type(f.kana, "かとう じろう")
	test.Type(f.email, "jiro@example.jp")
	test.Type(f.phone, "+81 3 0000 0000")
	test.Type(f.org, "Hokkaido Bank")
	test.Type(f.jobTitle, "Analyst")
	test.Tap(f.roles[data.RoleJobSeeker])
	test.Tap(f.roles[data.RoleMentor])
	test.Type(f.programmeRole, "ALT")
	test.Type(f.hostPrefecture, "Hokkaido")
	test.Type(f.years, "2016-2019")
	test.Type(f.yearReturned, "2019")
	test.Type(f.interests, "finance; translation")
	test.Type(f.industries, "banking")
	test.Type(f.badge, "j00042")
	test.Tap(f.consent)
	test.Type(f.notes, "Prefers mornings")
	f.email.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves

	q.waitFor(t, "saved and listed", func() bool { return f.status.Text == "Saved." && s.total == 6 })
	p, err := st.PersonByKey(context.Background(), "jiro@example.jp")
	if err != nil {
		t.Fatal(err)
	}
	want := data.Person{ID: p.ID, GivenName: "Jiro", FamilyName: "Kato", KanjiName: "加藤 次郎", KanaName: "かとう じろう",
		Email: "jiro@example.jp", Phone: "+81 3 0000 0000", OrgID: p.OrgID, JobTitle: "Analyst",
		Roles: data.NewSet("job_seeker", "mentor"), ProgrammeRole: "ALT", HostPrefecture: "Hokkaido", Years: "2016-2019",
		YearReturned: 2019, Interests: data.NewSet("finance", "translation"), Industries: data.NewSet("banking"),
		BadgeCode: "J00042", Consent: true, Notes: "Prefers mornings"}
	if !samePersonFields(p.Person, want) || p.OrgName != "Hokkaido Bank" {
		t.Errorf("saved\n%+v (org %q)\nwant\n%+v", p.Person, p.OrgName, want)
	}
	if f.heading.Text != "Jiro Kato  加藤 次郎" || !f.delete.Visible() {
		t.Errorf("after saving the form reads %q", f.heading.Text)
	}
}

func samePersonFields(a, b data.Person) bool {
	a.Custom, b.Custom = nil, nil
	return a.ID == b.ID && a.GivenName == b.GivenName && a.FamilyName == b.FamilyName && a.KanjiName == b.KanjiName &&
		a.KanaName == b.KanaName && a.Email == b.Email && a.Phone == b.Phone && a.OrgID == b.OrgID && a.JobTitle == b.JobTitle &&
		slices.Equal(a.Roles, b.Roles) && a.ProgrammeRole == b.ProgrammeRole && a.HostPrefecture == b.HostPrefecture &&
		a.Years == b.Years && a.YearReturned == b.YearReturned && slices.Equal(a.Interests, b.Interests) &&
		slices.Equal(a.Industries, b.Industries) && a.BadgeCode == b.BadgeCode && a.Consent == b.Consent && a.Notes == b.Notes
}

// openPerson selects the one person the search finds.
func openPerson(t *testing.T, s *peopleScreen, q *uiQueue, search string) {
	t.Helper()
	s.search.SetText(search)
	q.waitFor(t, search+" found", func() bool { return s.knownTotal == 1 && len(visibleNames(s)) == 1 })
	s.list.Select(0)
	if !s.form.open {
		t.Fatal("selecting did not open the form")
	}
}

func TestEditPerson(t *testing.T) {
	st := datatest.Open(t, nil)
	people := savePeople(t, st, fairPeople()...)
	s, q := newTestPeopleScreen(t, st)
	openPerson(t, s, q, "taro@")

	s.form.jobTitle.SetText("")
	test.Type(s.form.jobTitle, "Senior engineer")
	test.Tap(s.form.roles[data.RoleSpeaker])
	test.Tap(s.form.save)
	q.waitFor(t, "saved", func() bool { return s.form.status.Text == "Saved." })

	p, err := st.Person(context.Background(), people[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.JobTitle != "Senior engineer" || !slices.Equal(p.Roles, data.Set{"mentor", "speaker"}) || p.BadgeCode != "B00001" || p.KanjiName != "山田 太郎" {
		t.Errorf("after the edit: %+v", p.Person)
	}
	if n, _ := st.CountPeople(context.Background(), data.PeopleFilter{}); n != 5 {
		t.Errorf("%d people after an edit, want 5", n)
	}
}

// addingNobu is the people screen over the fair's five people, the form
// open to add Nobu.
func addingNobu(t *testing.T) (st *data.Store, people []data.Person, s *peopleScreen, q *uiQueue) {
	t.Helper()
	st = datatest.Open(t, nil)
	people = savePeople(t, st, fairPeople()...)
	s, q = newTestPeopleScreen(t, st)
	s.refresh()
	q.waitFor(t, "list", func() bool { return s.total == 5 })
	test.Tap(s.add)
	test.Type(s.form.given, "Nobu")
	return st, people, s, q
}

func TestFormShowsProblemsBesideTheFieldAndSavesNothing(t *testing.T) {
	st, people, s, q := addingNobu(t)
	test.Type(s.form.email, "nobu@example")
	test.Type(s.form.yearReturned, "soon")
	test.Tap(s.form.save)
	if got := s.form.problemAt(colEmail); got != "The e-mail address is not well formed (it needs a name, @ and a domain such as example.com)." {
		t.Errorf("under the e-mail: %q", got)
	}
	if got := s.form.problemAt(colYearReturned); got != "Type a year such as 2018." {
		t.Errorf("under the year: %q", got)
	}
	if s.form.problemAt(colGiven) != "" {
		t.Error("a problem shows under the given name")
	}

	s.form.email.SetText("TARO@example.jp")
	s.form.yearReturned.SetText("")
	test.Type(s.form.badge, "b00002")
	test.Tap(s.form.save)
	q.waitFor(t, "duplicates flagged", func() bool {
		return s.form.problemAt(colEmail) == "Taro Yamada already has this e-mail address." &&
			s.form.problemAt(colBadge) == "Hanako Sato already has this badge code."
	})
	if s.form.problemAt(colYearReturned) != "" {
		t.Error("the year's problem stays after it was put right")
	}
	if n, _ := st.CountPeople(context.Background(), data.PeopleFilter{}); n != 5 {
		t.Errorf("%d people, want 5: something was saved", n)
	}

	// The same checks when editing: nothing changes in the database.
	openPerson(t, s, q, "emma")
	s.form.email.SetText("hanako@example.jp")
	s.form.email.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q.waitFor(t, "duplicate flagged", func() bool { return s.form.problemAt(colEmail) == "Hanako Sato already has this e-mail address." })
	if p, _ := st.Person(context.Background(), people[3].ID); p.Email != "emma@example.co.uk" {
		t.Errorf("Emma's e-mail is now %q", p.Email)
	}
}

// tapButton taps the button with this text in the top overlay (a dialog).
func tapButton(t *testing.T, c fyne.Canvas, text string) {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog shows to tap %q in", text)
	}
	var found *widget.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	test.Tap(found)
}

func TestDeleteAsksFirstAndCanBeUndone(t *testing.T) {
	st := datatest.Open(t, nil)
	people := savePeople(t, st, fairPeople()...)
	s, q := newTestPeopleScreen(t, st)
	s.notice.after = func(d time.Duration, fn func()) {} // the notice stays for the test
	openPerson(t, s, q, "liam")

	test.Tap(s.form.delete)
	tapButton(t, s.win.Canvas(), "Keep")
	q.settle()
	if n, _ := st.CountPeople(context.Background(), data.PeopleFilter{}); n != 5 {
		t.Fatal("deleted although the user chose Keep")
	}

	test.Tap(s.form.delete)
	tapButton(t, s.win.Canvas(), "Delete")
	q.waitFor(t, "deleted", func() bool { return s.notice.Visible() && s.notice.text.Text == "Deleted Liam Taylor." })
	if n, _ := st.CountPeople(context.Background(), data.PeopleFilter{}); n != 4 {
		t.Fatalf("%d people after deleting, want 4", n)
	}
	q.waitFor(t, "list without Liam", func() bool { return s.total == 0 })

	test.Tap(s.notice.action) // Undo
	q.waitFor(t, "restored", func() bool { return s.notice.text.Text == "Liam Taylor is back." && s.total == 1 })
	p, err := st.Person(context.Background(), people[4].ID)
	if err != nil || p.Deleted {
		t.Fatalf("Liam after undo: deleted=%v (%v)", p.Deleted, err)
	}
	if !s.form.open || s.form.email.Text != "liam@example.com" {
		t.Error("the form does not show Liam again after undo")
	}
}
