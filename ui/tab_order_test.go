package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// tabCycle presses Tab from nothing focused until the focus comes round
// again, and returns what had it, in order.
func tabCycle(t *testing.T, c fyne.Canvas) []fyne.Focusable {
	t.Helper()
	c.Unfocus()
	var order []fyne.Focusable
	for range 200 {
		test.FocusNext(c)
		f := c.Focused()
		if f == nil || (len(order) > 0 && f == order[0]) {
			return order
		}
		order = append(order, f)
	}
	t.Fatal("Tab never came round")
	return nil
}

// inOrder fails unless Tab reaches each of want, in the order given.
func inOrder(t *testing.T, cycle []fyne.Focusable, names []string, want ...fyne.Focusable) {
	t.Helper()
	last := -1
	for i, w := range want {
		at := slices.Index(cycle, w)
		if at < 0 {
			t.Errorf("Tab never reaches %s", names[i])
			continue
		}
		if at < last {
			t.Errorf("Tab reaches %s (stop %d) before %s (stop %d)", names[i], at, names[i-1], last)
		}
		last = at
	}
}

func TestTabFollowsTheLayout(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	w, _ := peopleWindow(t, Config{Store: st})
	s, f := w.people, w.people.form
	// The sidebar, then the search above the list, the list, then the form
	// from its heading's history button down to its buttons.
	inOrder(t, tabCycle(t, w.win.Canvas()),
		[]string{"the sidebar", "the search", "the people list", "the history button", "Given name", "Notes", "Save", "Delete"},
		w.nav, s.search, s.list, f.history, f.given, f.notes, f.save, f.delete)
}

func TestTabInTheBoothVisitorLogGoesFromTheScanToTheNotes(t *testing.T) {
	f := newDeskFixture(t)
	s, w, q := newTestVisitors(t, f)
	scan(t, w.Canvas(), "K00001")
	q.waitFor(t, "the visit logged", func() bool { return s.editor.Visible() && !s.undo.Disabled() })
	inOrder(t, tabCycle(t, w.Canvas()),
		[]string{"the scan field", "Undo visit", "the notes", "Follow up", "Save notes"},
		s.entry, s.undo, s.notes, s.followUp, s.saveLead)
}
