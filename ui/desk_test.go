package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// secretEmail belongs to Hanako, who did not agree to share it with
// exhibitors: no booth screen may show it.
const secretEmail = "hanako.private@example.jp"

type deskFixture struct {
	st     *data.Store
	clock  *datatest.Clock
	people map[string]data.Person // by badge code
	booth  data.Booth
}

// newDeskFixture is an event in London on the fair day with a laptop named
// desk-1, six people with fixed badge codes (two called Ken Mori), and
// booth A01 of Tanaka Trading.
func newDeskFixture(t *testing.T) *deskFixture {
	t.Helper()
	ctx := context.Background()
	clock := datatest.NewClock(datatest.FairDay(11, 5))
	st := datatest.Open(t, clock.Now)
	event := data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London", Starts: datatest.FairDay(11, 0), Ends: datatest.FairDay(16, 0)}
	if err := st.SaveEvent(ctx, &event); err != nil {
		t.Fatal(err)
	}
	if err := st.SetLaptopName(ctx, "desk-1"); err != nil {
		t.Fatal(err)
	}
	org := data.Organisation{Name: "Tanaka Trading", Kind: data.OrgJapaneseCompany}
	if err := st.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	people := savePeople(t, st,
		data.Person{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎", Email: "taro@example.jp", Consent: true,
			Roles: data.NewSet(string(data.RoleMentor)), Interests: data.NewSet("finance"), BadgeCode: "K00001"},
		data.Person{GivenName: "Hanako", FamilyName: "Sato", KanjiName: "佐藤 花子", Email: secretEmail, Phone: "+81 90 0000 0000",
			Roles: data.NewSet(string(data.RoleJobSeeker)), Interests: data.NewSet("finance", "engineering"), BadgeCode: "K00002"},
		data.Person{GivenName: "Emma", FamilyName: "Brown", Email: "emma@example.co.uk", Consent: true,
			Roles: data.NewSet(string(data.RoleJobSeeker)), BadgeCode: "K00003"},
		data.Person{GivenName: "Ken", FamilyName: "Mori", Email: "ken1@example.jp", Roles: data.NewSet(string(data.RoleRecruiter)), OrgID: org.ID, BadgeCode: "K00004"},
		data.Person{GivenName: "Ken", FamilyName: "Mori", Email: "ken2@example.jp", Roles: data.NewSet(string(data.RoleJobSeeker)), BadgeCode: "K00005"},
		data.Person{GivenName: "Aiko", FamilyName: "Ito", KanjiName: "伊藤 愛子", Roles: data.NewSet(string(data.RoleExhibitorStaff)), OrgID: org.ID, BadgeCode: "K00006"},
	)
	f := &deskFixture{st: st, clock: clock, people: map[string]data.Person{}}
	for _, p := range people {
		f.people[p.BadgeCode] = p
	}
	f.booth = data.Booth{Code: "A01", Name: "Tanaka Trading", OrgID: org.ID, Location: "Hall A"}
	if err := st.SaveBooth(ctx, &f.booth, []string{f.people["K00006"].ID}); err != nil {
		t.Fatal(err)
	}
	return f
}

// scan types code where the cursor is and presses Enter, as a USB badge
// scanner does: no click first.
func scan(t *testing.T, c fyne.Canvas, code string) {
	t.Helper()
	focused := c.Focused()
	if focused == nil {
		t.Fatalf("nothing has the cursor to scan %s into", code)
	}
	for _, r := range code {
		focused.TypedRune(r)
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func newTestCheckIn(t *testing.T, f *deskFixture) (*checkInScreen, fyne.Window, *uiQueue) {
	t.Helper()
	test.NewTempApp(t)
	q := newUIQueue()
	w := test.NewWindow(widget.NewLabel(""))
	s := newCheckInScreen(checkInDeps{screenEnv: q.env(context.Background()), store: f.st, focus: w.Canvas().Focus})
	s.now = f.clock.Now
	s.operator = "Alice"
	w.SetContent(s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "counts read", func() bool { return s.recent.Text != "" && s.loc.String() == "Europe/London" })
	return s, w, q
}

func TestCheckInByScanAlreadyInUndoAndCheckOut(t *testing.T) {
	f := newDeskFixture(t)
	s, w, q := newTestCheckIn(t, f)
	c := w.Canvas()
	if c.Focused() != s.entry {
		t.Fatal("the check-in entry does not have the cursor when the screen shows")
	}

	scan(t, c, "k00001") // lower case, as a hand types it
	q.waitFor(t, "Taro checked in", func() bool { return s.headline.Text == "Checked in" })
	taro := f.people["K00001"]
	if s.name.Text != "Taro Yamada" || s.kanji.Text != "山田 太郎" || s.details.Text != "Mentor" {
		t.Errorf("shows %q / %q / %q", s.name.Text, s.kanji.Text, s.details.Text)
	}
	if s.name.TextSize < 40 {
		t.Errorf("the name is drawn at %v points: not large", s.name.TextSize)
	}
	rows := datatest.CheckIns(t, f.st, taro.ID)
	if len(rows) != 1 || rows[0].Action != data.CheckedIn || rows[0].Operator != "Alice" || rows[0].Laptop != "desk-1" {
		t.Fatalf("check-ins of Taro: %+v", rows)
	}
	if c.Focused() != s.entry || s.entry.Text != "" {
		t.Errorf("after a check-in: focus on %T, entry %q", c.Focused(), s.entry.Text)
	}
	q.waitFor(t, "count 1", func() bool { return s.stats.In == 1 && s.inNow.Text == "1" })
	if !strings.Contains(s.recent.Text, "11:05  Taro Yamada  山田 太郎") {
		t.Errorf("last check-ins %q", s.recent.Text)
	}

	// The same badge again: a clear warning, nothing recorded.
	f.clock.Set(datatest.FairDay(11, 20))
	scan(t, c, "K00001")
	q.waitFor(t, "already in", func() bool { return strings.HasPrefix(s.headline.Text, "Already") })
	if s.headline.Text != "Already checked in at 11:05 on desk-1" || s.headline.ColorName != "warning" {
		t.Errorf("headline %q in %q", s.headline.Text, s.headline.ColorName)
	}
	if !s.undo.Disabled() {
		t.Error("Undo offered when nothing was recorded")
	}
	if rows := datatest.CheckIns(t, f.st, taro.ID); len(rows) != 1 {
		t.Errorf("a second check-in was recorded: %+v", rows)
	}

	// A slip: Emma checked in by mistake, undone.
	scan(t, c, "emma@example.co.uk")
	q.waitFor(t, "Emma checked in", func() bool { return s.headline.Text == "Checked in" && s.name.Text == "Emma Brown" })
	test.Tap(s.undo)
	q.waitFor(t, "undone", func() bool { return strings.HasPrefix(s.headline.Text, "Check-in undone") })
	if datatest.CheckedIn(t, f.st, f.people["K00003"].ID) {
		t.Error("Emma is still checked in after Undo")
	}
	if c.Focused() != s.entry {
		t.Error("the entry lost the cursor after Undo")
	}

	// Check Taro out, then back in by name.
	scan(t, c, "K00001")
	q.waitFor(t, "Taro shown", func() bool { return s.person.ID == taro.ID && !s.checkOut.Disabled() })
	test.Tap(s.checkOut)
	q.waitFor(t, "checked out", func() bool { return s.headline.Text == "Checked out at 11:20" })
	if datatest.CheckedIn(t, f.st, taro.ID) {
		t.Error("Taro is still in after Check out")
	}
	scan(t, c, "山田太郎")
	q.waitFor(t, "in by kanji name", func() bool { return s.headline.Text == "Checked in" && s.person.ID == taro.ID })
}

func TestCheckInPicksAmongNamesakesAndRegistersWalkIn(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	s, w, q := newTestCheckIn(t, f)
	c := w.Canvas()

	scan(t, c, "Ken Mori")
	q.waitFor(t, "two matches", func() bool { return len(s.matchRows) == 2 && s.matchBox.Visible() })
	if s.headline.Text != "2 people match “Ken Mori”" {
		t.Errorf("headline %q", s.headline.Text)
	}
	s.matches.Select(1)
	q.waitFor(t, "the second Ken checked in", func() bool { return s.headline.Text == "Checked in" })
	if !datatest.CheckedIn(t, f.st, f.people["K00005"].ID) {
		t.Error("the chosen Ken Mori is not checked in")
	}
	if datatest.CheckedIn(t, f.st, f.people["K00004"].ID) {
		t.Error("the other Ken Mori was checked in")
	}

	// Someone not registered: the desk offers a walk-in.
	scan(t, c, "Sophie Martin")
	q.waitFor(t, "unknown", func() bool { return strings.HasPrefix(s.headline.Text, "No one found") })
	test.Tap(s.walkIn)
	form := s.walkForm
	if form == nil || form.name.Text != "Sophie Martin" {
		t.Fatal("the walk-in form did not open with the typed name")
	}
	test.Type(form.email, "sophie@example.fr")
	test.Type(form.org, "Paris Consulting")
	form.email.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves
	q.waitFor(t, "walk-in checked in", func() bool { return s.headline.Text == "Registered and checked in" })
	p, err := f.st.FindPerson(ctx, "sophie@example.fr")
	if err != nil || p.GivenName != "Sophie" || p.FamilyName != "Martin" || p.OrgName != "Paris Consulting" || !p.HasRole(data.RoleJobSeeker) || p.BadgeCode == "" {
		t.Fatalf("walk-in stored as %+v (%v)", p, err)
	}
	if !datatest.CheckedIn(t, f.st, p.ID) {
		t.Error("the walk-in is not checked in")
	}
	if s.walkForm != nil || c.Focused() != s.entry {
		t.Error("after the walk-in the entry does not have the cursor again")
	}
	q.waitFor(t, "count 2", func() bool { return s.stats.In == 2 })
}

func TestCheckInGolden(t *testing.T) {
	f := newDeskFixture(t)
	s, w, q := newTestCheckIn(t, f)
	scan(t, w.Canvas(), "K00002")
	q.waitFor(t, "Hanako checked in", func() bool { return s.headline.Text == "Checked in" })
	q.waitFor(t, "count 1", func() bool { return s.stats.In == 1 })
	test.AssertRendersToMarkup(t, "checkin.xml", w.Canvas())
	scan(t, w.Canvas(), "K00002")
	q.waitFor(t, "already in", func() bool { return strings.HasPrefix(s.headline.Text, "Already") })
	test.AssertRendersToMarkup(t, "checkin_already.xml", w.Canvas())
}

func TestSessionDoorMarksAttendanceByScanAndSignUp(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	sess := saveSession(t, f.st, data.Session{Title: "CV clinic", Starts: datatest.FairDay(13, 0), Ends: datatest.FairDay(13, 45), Room: "Room A", Capacity: 2})
	s, w, q := newTestCheckIn(t, f)
	s.tabs.SelectIndex(1)
	a := s.attendance
	q.waitFor(t, "sessions read", func() bool { return len(a.sessions) == 1 })
	a.session.SetSelectedIndex(0)
	if w.Canvas().Focused() != a.entry {
		t.Fatal("the door entry does not have the cursor once a session is chosen")
	}
	scan(t, w.Canvas(), "K00003")
	q.waitFor(t, "marked", func() bool { return a.headline.Text == "Marked present" })
	if a.count.Text != "1 / 2 present" {
		t.Errorf("count %q", a.count.Text)
	}
	scan(t, w.Canvas(), "K00001")
	q.waitFor(t, "full", func() bool { return a.count.Text == "2 / 2 present · full" })
	att, err := f.st.Attendance(ctx, sess.ID)
	if err != nil || att.Count != 2 {
		t.Fatalf("attendance %+v (%v)", att, err)
	}
	test.Tap(a.undo)
	q.waitFor(t, "undone", func() bool { return a.headline.Text == "Mark undone" && a.att.Count == 1 })
}

func newTestVisitors(t *testing.T, f *deskFixture) (*visitorsScreen, fyne.Window, *uiQueue) {
	t.Helper()
	test.NewTempApp(t)
	q := newUIQueue()
	w := test.NewWindow(widget.NewLabel(""))
	s := newVisitorsScreen(visitorsDeps{screenEnv: q.env(context.Background()), store: f.st, focus: w.Canvas().Focus})
	s.setBooth(f.booth.ID, "Ben")
	w.SetContent(s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	s.refresh()
	q.waitFor(t, "visitors read", func() bool { return s.count.Text != "" })
	return s, w, q
}

// shownText is every piece of text drawn in o: labels, entries, charts.
func shownText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		switch t := o.(type) {
		case *canvas.Text:
			b.WriteString(t.Text + "\n")
		case *widget.Label:
			b.WriteString(t.Text + "\n")
		case *widget.Entry:
			b.WriteString(t.Text + "\n")
		}
	})
	return b.String()
}

func TestExhibitorLogsVisitAnnotatesAndNeverShowsUnsharedContact(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	s, w, q := newTestVisitors(t, f)
	c := w.Canvas()
	if c.Focused() != s.entry {
		t.Fatal("the visitor entry does not have the cursor")
	}
	hanako, taro := f.people["K00002"], f.people["K00001"]

	// One keystroke after the scan logs the visit.
	scan(t, c, "K00002")
	q.waitFor(t, "visit logged", func() bool { return s.headline.Text == "Visit logged (first visit)" && s.editor.Visible() })
	visitors, err := f.st.BoothVisitors(ctx, f.booth.ID)
	if err != nil || len(visitors) != 1 || visitors[0].Person.ID != hanako.ID || visitors[0].Visits != 1 {
		t.Fatalf("booth visitors %+v (%v)", visitors, err)
	}
	if !strings.Contains(s.who.Text, "no contact details shared") {
		t.Errorf("who %q", s.who.Text)
	}

	// Notes, a rating, a tag and a follow-up.
	test.Type(s.notes, "Wants an internship in Osaka")
	s.rating.SetSelected("Hot")
	s.tags.SetSelected([]string{"internship"})
	s.followUp.SetChecked(true)
	test.Tap(s.saveLead)
	q.waitFor(t, "lead saved", func() bool { return s.saved.Text == "Saved." })
	lead, err := f.st.Lead(ctx, f.booth.ID, hanako.ID)
	if err != nil || lead.Notes != "Wants an internship in Osaka" || lead.Rating != data.RatingHot ||
		strings.Join(lead.Tags, ",") != "internship" || !lead.FollowUp {
		t.Fatalf("stored lead %+v (%v)", lead, err)
	}

	// A consenting visitor's e-mail shows; a second visit counts.
	scan(t, c, "K00001")
	q.waitFor(t, "Taro logged", func() bool { return s.lead.PersonID == taro.ID })
	if !strings.Contains(s.who.Text, "taro@example.jp") {
		t.Errorf("a consenting visitor's contact is not shown: %q", s.who.Text)
	}
	scan(t, c, "K00002")
	q.waitFor(t, "second visit", func() bool { return s.headline.Text == "Visit logged (2nd visit)" })
	q.waitFor(t, "two visitors listed", func() bool { return len(s.visitors) == 2 })

	// A name typed in part finds people by name and organisation only.
	scan(t, c, "Hanako")
	q.waitFor(t, "search matches", func() bool { return s.matchBox.Visible() && len(s.matchRows) == 1 })

	// A walk-in lead: saved, with a visit.
	s.onAdd()
	form := s.walkForm
	test.Type(form.name, "Yuki Tanaka")
	test.Type(form.email, "yuki@example.jp")
	form.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q.waitFor(t, "walk-in lead listed", func() bool { return len(s.visitors) == 3 })
	yuki, err := f.st.FindPerson(ctx, "yuki@example.jp")
	if err != nil || !yuki.Consent {
		t.Fatalf("walk-in lead %+v (%v)", yuki, err)
	}

	// Open Hanako's row: her notes come back, her e-mail does not show.
	for i, v := range s.visitors {
		if v.Person.ID == hanako.ID {
			s.list.Select(i)
		}
	}
	q.waitFor(t, "Hanako's lead open", func() bool { return s.lead.PersonID == hanako.ID && s.notes.Text != "" })
	s.list.ScrollToTop()
	if text := shownText(c.Content()); strings.Contains(text, secretEmail) || strings.Contains(text, "+81 90") {
		t.Errorf("the visitors screen shows Hanako's unshared contact details:\n%s", text)
	}
	if !strings.Contains(shownText(c.Content()), "Wants an internship in Osaka") {
		t.Error("the walk did not reach the notes: the check above proves nothing")
	}

	// My booth: the counts and charts, and still no unshared contact.
	m := newMyBoothScreen(myBoothDeps{screenEnv: q.env(ctx), store: f.st})
	m.setBooth(f.booth.ID, "Ben")
	w.SetContent(m.content)
	m.refresh()
	q.waitFor(t, "booth stats", func() bool { return m.visits.Title == "4" })
	if m.visitors.Title != "3" || m.hot.Title != "1" || m.followUps.Title != "1" {
		t.Errorf("cards: %s visitors, %s hot, %s follow-ups", m.visitors.Title, m.hot.Title, m.followUps.Title)
	}
	if got := m.byInterest.chart.chartText(); got != "finance: 2\nengineering: 1\n" {
		t.Errorf("by interest:\n%s", got)
	}
	if text := shownText(w.Canvas().Content()); strings.Contains(text, secretEmail) || !strings.Contains(text, "A01 · Tanaka Trading") {
		t.Errorf("my booth shows:\n%s", text)
	}

	// The export has the consented e-mail only, through a temporary file.
	path := filepath.Join(t.TempDir(), "leads.csv")
	err = writeViaTemp(path, func(out io.Writer) error {
		_, err := f.st.ExportLeads(ctx, f.booth.ID, "Ben", out, sheets.WriteLeadsCSV)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(path)
	if strings.Contains(string(csv), secretEmail) || !strings.Contains(string(csv), "taro@example.jp") {
		t.Errorf("leads export:\n%s", csv)
	}
}

func TestBoothChartGolden(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	for i, at := range []time.Time{datatest.FairDay(11, 10), datatest.FairDay(11, 40), datatest.FairDay(12, 5), datatest.FairDay(14, 30), datatest.FairDay(14, 35), datatest.FairDay(14, 50)} {
		f.clock.Set(at)
		code := []string{"K00001", "K00002", "K00003", "K00001", "K00004", "K00005"}[i]
		if _, err := f.st.LogVisit(ctx, f.booth.ID, code, "Ben"); err != nil {
			t.Fatal(err)
		}
	}
	test.NewTempApp(t)
	q := newUIQueue()
	m := newMyBoothScreen(myBoothDeps{screenEnv: q.env(ctx), store: f.st})
	m.setBooth(f.booth.ID, "Ben")
	screen := test.NewWindow(m.content)
	t.Cleanup(screen.Close)
	m.refresh()
	q.waitFor(t, "chart drawn", func() bool { return m.visits.Title == "6" })
	want := "11:00–12:00: 2\n12:00–13:00: 1\n13:00–14:00: 0\n14:00–15:00: 3\n"
	if got := m.perHour.chart.chartText(); got != want {
		t.Errorf("per hour:\n%s\nwant\n%s", got, want)
	}
	// The same bars drawn on their own, as the golden image.
	chart := newBarChart()
	chart.setBars(hourBars(m.stats.PerHour, london))
	w := test.NewWindow(chart)
	w.Resize(fyne.NewSize(420, 200))
	t.Cleanup(w.Close)
	test.AssertRendersToImage(t, "boothchart.png", w.Canvas())
}

func TestBoothVisitsTableSortsAndExhibitorModeShowsItsScreens(t *testing.T) {
	f := newDeskFixture(t)
	ctx := context.Background()
	other := data.Booth{Code: "B02", Name: "Embassy"}
	if err := f.st.SaveBooth(ctx, &other, nil); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"K00001", "K00002"} {
		if _, err := f.st.LogVisit(ctx, other.ID, code, "Zoe"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.st.LogVisit(ctx, f.booth.ID, "K00003", "Ben"); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	q := newUIQueue()
	b := newBoothStatsScreen(boothStatsDeps{screenEnv: q.env(ctx), store: f.st})
	w := test.NewWindow(b.content)
	w.Resize(fyne.NewSize(1000, 500))
	b.refresh()
	q.waitFor(t, "booths read", func() bool { return len(b.rows) == 2 })
	if b.rows[0].Code != "B02" || b.rows[0].Visits != 2 || b.summary.Text != "3 visits at 2 booths. Click a heading to sort." {
		t.Errorf("first row %+v, summary %q", b.rows[0], b.summary.Text)
	}
	b.onSort(boothColVisits) // the same heading again: fewest first
	if b.rows[0].Code != "A01" {
		t.Errorf("after sorting again the first booth is %s", b.rows[0].Code)
	}
	w.Close()

	// A laptop at booth A01: its four screens, and Ctrl+F finds visitors.
	saveMode(a.Preferences(), appMode{Exhibitor: true, BoothID: f.booth.ID, Name: "Ben"})
	mw := newMainWindow(a, Config{Store: f.st}, q.do)
	t.Cleanup(mw.win.Close)
	mw.start()
	q.waitFor(t, "my booth shown", func() bool { return mw.current == navMyBooth })
	var titles []string
	for _, id := range mw.visible {
		titles = append(titles, mw.entries[id].title)
	}
	if got := strings.Join(titles, ", "); !strings.HasPrefix(got, "My booth, Visitors and leads, Agenda") || strings.Contains(got, "People") || strings.Contains(got, "Check-in") {
		t.Errorf("exhibitor sidebar: %s", got)
	}
	if mw.desk.modeDialog != nil {
		t.Error("asked for the mode again although it was saved")
	}
	mw.onFindShortcut(nil)
	if mw.current != navVisitors || mw.win.Canvas().Focused() != mw.desk.visitors.entry {
		t.Error("Ctrl+F in exhibitor mode did not go to the visitor entry")
	}
	q.waitFor(t, "only this booth's visitors", func() bool { return len(mw.desk.visitors.visitors) == 1 })
}
