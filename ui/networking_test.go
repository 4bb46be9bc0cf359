package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/networking"
)

// networkingSession is a networking session with n people signed up, the
// first four of them mentors.
func networkingSession(t *testing.T, st *data.Store, n int) data.Session {
	t.Helper()
	ctx := context.Background()
	sess := saveSession(t, st, data.Session{Title: "Meet the mentors", Kind: data.SessionNetworking, Starts: datatest.FairDay(12, 15), Ends: datatest.FairDay(13, 0)})
	for i := range n {
		role := "job_seeker"
		if i < 4 {
			role = "mentor"
		}
		p := savePeople(t, st, data.Person{GivenName: "Guest", FamilyName: fmt.Sprintf("Number%02d", i), Roles: data.NewSet(role)})[0]
		datatest.Must(t, st.SignUp(ctx, sess.ID, p.ID, true))
	}
	return sess
}

// The Agenda offers the table plan on networking sessions only, and not
// to booth staff.
func TestAgendaOffersATablePlanOnNetworkingSessions(t *testing.T) {
	st, _ := agendaFixture(t)
	sess := networkingSession(t, st, 6)
	talk := saveSession(t, st, data.Session{Title: "Welcome", Starts: datatest.FairDay(11, 0)})
	test.NewTempApp(t)
	q := newUIQueue()
	var asked []string
	s := newAgendaScreen(agendaDeps{screenEnv: q.env(context.Background()), store: st, local: london,
		onTablePlan: func(r data.SessionRow) { asked = append(asked, r.ID) }})
	w := test.NewWindow(s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "agenda read", func() bool { return s.rows != nil })
	if s.rows[talk.ID].tablePlan != nil {
		t.Error("a talk offers a table plan")
	}
	b := s.rows[sess.ID].tablePlan
	if b == nil || b.Text != "Table plan…" {
		t.Fatalf("the networking session's button: %+v", b)
	}
	test.Tap(b)
	if !slices.Equal(asked, []string{sess.ID}) {
		t.Errorf("tapping asked for %v", asked)
	}
	s.setReadOnly(true)
	if s.rows[sess.ID].tablePlan != nil {
		t.Error("booth staff are offered the table plan")
	}
}

// The dialog reads who signed up, suggests tables and rounds that seat
// everyone, says what the plan is as numbers are typed, and hands the plan
// to save only when it can be made.
func TestTablePlanDialogPlansAsYouType(t *testing.T) {
	st := datatest.Open(t, nil)
	networkingSession(t, st, 20)
	rows, err := st.Sessions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	q := newUIQueue()
	win := test.NewWindow(nil)
	win.Resize(fyne.NewSize(800, 600))
	t.Cleanup(win.Close)
	d := newTablePlanDialog(context.Background(), q.do, st, rows[0], win)
	var saved []string
	d.onSave = func(plan networking.Plan, people []data.NetworkingParticipant, ext string) {
		saved = append(saved, fmt.Sprintf("%d people, %d tables, %d rounds, %s", len(people), plan.Tables, len(plan.Rounds), ext))
	}
	d.dlg.Show()
	d.load()
	q.waitFor(t, "who takes part", func() bool { return d.planned })
	if d.who.Text != "20 people signed up for this session take part." {
		t.Errorf("who: %q", d.who.Text)
	}
	// 20 people: 5 tables of 4 (5 is prime and no smaller than a table).
	if d.tables.Text != "5" || d.rounds.Text != "4" || !strings.Contains(d.preview.Text, "Everyone is seated every round") {
		t.Errorf("suggested %s tables, %s rounds: %q", d.tables.Text, d.rounds.Text, d.preview.Text)
	}
	test.Tap(d.save)
	d.tables.SetText("2")
	if !strings.Contains(d.preview.Text, "Tables of 10 people, 4 rounds.") ||
		!strings.Contains(d.preview.Text, "\nAfter the first round a table can take only one person from each of the 2 tables of the round before") {
		t.Errorf("2 tables of 10: %q", d.preview.Text)
	}
	d.rounds.SetText("many")
	if d.save.Disabled() == false || !strings.HasPrefix(d.preview.Text, "Type the number of tables") {
		t.Errorf("rounds “many”: save enabled %v, %q", !d.save.Disabled(), d.preview.Text)
	}
	d.onSaveTapped()
	d.rounds.SetText("1")
	d.format.SetSelected("CSV, for a spreadsheet")
	test.Tap(d.save)
	want := []string{"20 people, 5 tables, 4 rounds, .pdf", "20 people, 2 tables, 1 rounds, .csv"}
	if !slices.Equal(saved, want) {
		t.Errorf("saved %q, want %q", saved, want)
	}
}

// Every warning a plan can carry has its Japanese, with the same values.
func TestTablePlanWarningsAreTranslated(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	for _, format := range []string{networking.WarnFewerTables, networking.WarnTooManyRounds, networking.WarnTablesTooLarge, networking.WarnSittingOut} {
		text, ok := translation(ja[format])
		if !ok || text == format {
			t.Errorf("no Japanese for %q", format)
			continue
		}
		if strings.Count(text, "%d") != strings.Count(format, "%d") {
			t.Errorf("%q: the Japanese has other values: %q", format, text)
		}
	}
}

// Escape in the tables field cancels the dialog, as in every other
// dialog: a plain entry kept it for itself.
func TestEscapeInTheTablesFieldCancelsTheTablePlan(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	networkingSession(t, st, 8)
	w, q := peopleWindow(t, Config{Store: st})
	rows, err := st.Sessions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d := w.openTablePlan(rows[0])
	q.waitFor(t, "the plan", func() bool { return d.planned })
	c := w.win.Canvas()
	c.Focus(d.tables)
	pressEscape(t, c)
	if _, open := w.dialogs.top(); open {
		t.Fatal("Escape in the tables field left the table plan open")
	}
}
