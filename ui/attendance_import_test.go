package ui

import (
	"context"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// zoomReport is a Zoom participant report of the agenda fixture's people:
// Taro by name (he joined twice), Hanako and Emma misspelt, and a phone.
const zoomReport = "\ufeffName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\n" +
	"Taro Yamada,,10/23/2026 11:16:00 AM,10/23/2026 11:40:00 AM,24\r\n" +
	"Taro Yamada,,10/23/2026 11:45:00 AM,10/23/2026 12:15:00 PM,30\r\n" +
	"Hanako Satou,,10/23/2026 11:17:00 AM,10/23/2026 12:15:00 PM,58\r\n" +
	"Emma Browne,,10/23/2026 11:18:00 AM,10/23/2026 12:15:00 PM,57\r\n" +
	"iPad,,10/23/2026 11:19:00 AM,10/23/2026 11:20:00 AM,1\r\n"

func reportFile(text string) io.ReadCloser { return io.NopCloser(strings.NewReader(text)) }

// From the agenda's row: the report's matches show, nothing is recorded
// until Record, a near-match counts only once ticked, and Record records
// the matched and the ticked in one go.
func TestImportAttendanceConfirmDialog(t *testing.T) {
	st, people := agendaFixture(t)
	ctx := context.Background()
	taro, hanako := people[0], people[1]
	panel := saveSession(t, st, data.Session{Title: "Building a career with Japanese", Kind: data.SessionPanel,
		Starts: datatest.FairDay(11, 15), Ends: datatest.FairDay(12, 15), Link: "https://zoom.example/j/1"})
	s, q, w := newTestAgenda(t, st, fyne.NewSize(1000, 700))

	test.Tap(s.rows[panel.ID].attendance)
	imp := s.imports
	if imp == nil || imp.target.SessionID != panel.ID {
		t.Fatal("the row's button did not start an import of its session")
	}
	imp.load("zoom.csv", reportFile(zoomReport))
	q.waitFor(t, "preview shown", func() bool { return imp.dlg != nil })
	if want := "zoom.csv (Zoom): 5 rows. 1 matched, 2 near-matches, 1 not matched."; !strings.HasPrefix(imp.summary.Text, want) {
		t.Errorf("summary %q, want it to begin %q", imp.summary.Text, want)
	}
	shown := shownText(w.Canvas().Overlays().Top())
	for _, want := range []string{"Taro Yamada  山田 太郎 · by name · 54 min · joined 2 times, counted once", "Line 6: iPad · no one registered has this e-mail or name"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, shown)
		}
	}
	if len(imp.near) != 2 || imp.nearText[0].Text != "“Hanako Satou” is Hanako Sato  佐藤 花子? · spelt differently · S00002" || imp.near[0].Checked {
		t.Fatalf("near-matches %d, first %q", len(imp.near), imp.nearText[0].Text)
	}
	if imp.record.Text != "Record 1 present" {
		t.Errorf("record button %q before ticking", imp.record.Text)
	}
	if att, _ := st.Attendance(ctx, panel.ID); att.Count != 0 {
		t.Fatal("the preview recorded attendance")
	}

	test.Tap(imp.near[0])
	if imp.record.Text != "Record 2 present" {
		t.Errorf("record button %q after ticking Hanako", imp.record.Text)
	}
	test.Tap(imp.record)
	q.waitFor(t, "recorded", func() bool {
		return strings.Contains(shownText(w.Canvas().Overlays().Top()), "Marked 2 present at “Building a career with Japanese”; 0 were marked already.")
	})
	att, err := st.Attendance(ctx, panel.ID)
	if err != nil || att.Count != 2 {
		t.Fatalf("attendance %+v (%v), want Taro and Hanako", att, err)
	}
	for _, a := range att.Present {
		if a.Person.ID != taro.ID && a.Person.ID != hanako.ID {
			t.Errorf("%s was recorded, though only Taro and the ticked Hanako should be", a.Person.ID)
		}
	}
}

// A broken report is refused with what and where, and nothing changes.
func TestImportAttendanceRefusesABrokenReport(t *testing.T) {
	st, _ := agendaFixture(t)
	panel := saveSession(t, st, data.Session{Title: "Panel", Starts: datatest.FairDay(11, 15), Ends: datatest.FairDay(12, 15)})
	s, q, w := newTestAgenda(t, st, fyne.NewSize(800, 600))
	before := st.LastSeq()
	test.Tap(s.rows[panel.ID].attendance)
	s.imports.load("people.csv", reportFile("given_name,family_name\nTaro,Yamada\n"))
	want := "“people.csv”: no participant list"
	q.waitFor(t, "error shown", func() bool { return strings.Contains(shownText(w.Canvas().Overlays().Top()), want) })
	if s.imports.dlg != nil || st.LastSeq() != before {
		t.Error("a file of the wrong shape got as far as the preview, or changed the database")
	}
	s.imports.load("zoom.csv", reportFile("Name,Email\nTaro,\n\"Hanako,x\n"))
	want = "“zoom.csv”, line 3: the file is not readable CSV"
	q.waitFor(t, "error shown", func() bool { return strings.Contains(shownText(w.Canvas().Overlays().Top()), want) })
}

// The report's problems and the near-match reasons come from maps and
// data, which the scan of lang.L calls cannot see: each has its Japanese.
func TestAttendanceImportTextsHaveJapanese(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	keys := []string{}
	keys = append(keys, data.ReportProblems...)
	for _, r := range nearReasons {
		keys = append(keys, r)
	}
	for _, k := range keys {
		if _, ok := translation(ja[k]); !ok {
			t.Errorf("no Japanese for %q in assets/translations/ja.json", k)
		}
	}
}
