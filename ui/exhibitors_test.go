package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
)

func TestExhibitorsAddOrganisationAndBoothWithStaff(t *testing.T) {
	st, people := agendaFixture(t)
	ctx := context.Background()
	test.NewTempApp(t)
	q := newUIQueue()
	s := newExhibitorsScreen(exhibitorsDeps{screenEnv: q.env(ctx), store: st})
	w := test.NewWindow(s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "booths read", func() bool { return s.boothsOf != nil })

	// An organisation: a name is needed.
	s.onAddOrganisation()
	f := s.orgForm
	test.Tap(f.dlg.save)
	q.waitFor(t, "missing name refused", func() bool { return f.dlg.items["name"].HintText != "" })
	test.Type(f.name, "Sakura Robotics")
	f.kind.SetSelected("Start-up")
	test.Type(f.sector, "Engineering")
	test.Tap(f.dlg.save)
	q.waitFor(t, "organisation listed", func() bool { return len(s.orgRows) == 1 })
	orgs, err := st.Organisations(ctx)
	if err != nil || len(orgs) != 1 || orgs[0].Name != "Sakura Robotics" || orgs[0].Kind != data.OrgStartup || orgs[0].Sector != "Engineering" {
		t.Fatalf("stored organisations %+v (%v)", orgs, err)
	}
	org := orgs[0]

	// A booth for it, with two staff found by name.
	s.onAddBooth()
	b := s.boothForm
	test.Type(b.code, "a12")
	b.org.SetSelected("Sakura Robotics")
	test.Type(b.location, "Virtual hall 2")
	test.Type(b.link, "https://zoom.example/j/81234567890")
	test.Type(b.staff.search, "sato")
	q.waitFor(t, "Hanako found", func() bool { return len(b.staff.found) == 1 })
	b.staff.results.Select(0)
	test.Type(b.staff.search, "山田")
	q.waitFor(t, "Taro found", func() bool { return len(b.staff.found) == 1 })
	b.staff.results.Select(0)
	test.Tap(b.dlg.save)
	q.waitFor(t, "booth listed", func() bool { return len(s.boothRows) == 1 })
	booths, err := st.Booths(ctx)
	if err != nil || len(booths) != 1 {
		t.Fatalf("booths %+v (%v)", booths, err)
	}
	got := booths[0]
	if got.Code != "A12" || got.OrgID != org.ID || got.Name != "Sakura Robotics" || got.Location != "Virtual hall 2" || len(got.Staff) != 2 ||
		got.Link != "https://zoom.example/j/81234567890" {
		t.Fatalf("stored booth %+v", got)
	}
	if d := s.boothDetails(s.boothRows[0]); d != "Start-up · Virtual hall 2 · zoom.example · Staff: Hanako Sato, Taro Yamada" {
		t.Errorf("booth row says %q", d)
	}
	if d := s.organisationDetails(s.orgRows[0]); d != "Start-up · Engineering · 1 booth" {
		t.Errorf("organisation row says %q", d)
	}

	// A second booth may not take the same code.
	s.onAddBooth()
	b = s.boothForm
	test.Type(b.code, "A12")
	test.Tap(b.dlg.save)
	q.waitFor(t, "duplicate code refused", func() bool { return strings.Contains(b.dlg.items["code"].HintText, "already has code A12") })
	b.dlg.hide()

	// Edit the booth from its row: take Hanako off.
	s.booths.Select(0)
	b = s.boothForm
	if b.code.Text != "A12" || len(b.staff.picked) != 2 {
		t.Fatalf("edit form shows %q with %d staff", b.code.Text, len(b.staff.picked))
	}
	b.staff.remove(people[1].ID)
	test.Tap(b.dlg.save)
	q.waitFor(t, "staff changed", func() bool { return len(s.boothRows) == 1 && len(s.boothRows[0].Staff) == 1 })

	// Delete the booth, then the organisation; each asks first.
	s.booths.Select(0)
	test.Tap(s.boothForm.dlg.delete)
	test.Tap(s.confirm.confirm)
	q.waitFor(t, "booth gone", func() bool { return len(s.boothRows) == 0 })
	s.onAdd() // on the booths tab: a booth form
	if s.tabs.SelectedIndex() != 0 || s.boothForm.editing.ID != "" {
		t.Error("Ctrl+N on the booths tab did not open a new booth")
	}
	s.boothForm.dlg.hide()
	s.orgs.Select(0)
	test.Tap(s.orgForm.dlg.delete)
	test.Tap(s.confirm.confirm)
	q.waitFor(t, "organisation gone", func() bool { return len(s.orgRows) == 0 })
	if orgs, _ := st.Organisations(ctx); len(orgs) != 0 {
		t.Errorf("organisations left: %+v", orgs)
	}
}
