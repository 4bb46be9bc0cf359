package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// The golden files hold the People screen as markup: the list with its
// search and filters, and the person form. Regenerate with
// `go test -tags ci ./ui/ -run Golden` and copy testdata/failed/*.xml over
// the files here after looking at the difference.
func TestPeopleListGolden(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	s, q := newTestPeopleScreen(t, st)
	s.refresh()
	q.waitFor(t, "everyone listed", func() bool { return s.count.Text == "5 people" && len(visibleNames(s)) == 5 })
	s.win.Resize(fyne.NewSize(1000, 600))
	test.AssertRendersToMarkup(t, "people_list.xml", s.win.Canvas())
}

func TestPersonFormGolden(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	s, q := newTestPeopleScreen(t, st)
	s.win.Resize(fyne.NewSize(1000, 1400)) // tall enough to show every field
	openPerson(t, s, q, "hanako")
	q.waitFor(t, "her meetings read", func() bool { return s.form.meetings.shownID == s.form.person.ID })
	test.AssertRendersToMarkup(t, "person_form.xml", s.win.Canvas())

	s.form.email.SetText("taro@example.jp")
	test.Tap(s.form.save)
	q.waitFor(t, "duplicate flagged", func() bool { return s.form.problemAt(colEmail) != "" })
	test.AssertRendersToMarkup(t, "person_form_problem.xml", s.win.Canvas())
}
