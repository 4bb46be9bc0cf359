package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/sheets"
)

func newTestImport(t *testing.T, st *data.Store) (*importFlow, *uiQueue, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	q := newUIQueue()
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 760))
	t.Cleanup(w.Close)
	var dialogs dialogStack
	return newImportFlow(importDeps{screenEnv: q.env(context.Background()), store: st, win: w, dialogs: &dialogs}), q, w
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportPreviewShowsMappingAndProblemsOfABrokenFile(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	f, q, _ := newTestImport(t, st)
	f.open("people_bad.csv", readTestdata(t, "people_bad.csv"))
	q.waitFor(t, "preview", func() bool { return len(f.columns) == 6 })

	var mapped []string
	for _, c := range f.columns {
		mapped = append(mapped, c.Selected)
	}
	want := []string{"Given name", "Family name", "Email", "Notes", "Year returned", "Consent"}
	if !slices.Equal(mapped, want) {
		t.Errorf("mapping %q, want %q", mapped, want)
	}
	wantProblems := []string{
		`Line 5: no name, e-mail address or badge code`,
		`Line 6: e-mail: not an e-mail address such as name@example.org`,
		`Line 7: year returned: 1850 is not a plausible year`,
		`Line 7: consent: "maybe" is not yes or no`,
		`Line 9: e-mail: the same address is also on line 2`,
		`Line 10: 7 cells, but the header row has 6 columns`,
	}
	if !slices.Equal(f.problems.lines, wantProblems) {
		t.Errorf("problems:\n%q\nwant\n%q", f.problems.lines, wantProblems)
	}
	if !f.importButton.Disabled() || !f.skipBad.Visible() {
		t.Error("a broken file can be imported without ticking “Import only the good rows”")
	}
	if rows, cols := f.table.Length(); rows != previewRows+1 || cols != 6 {
		t.Errorf("table %d×%d, want a header and %d rows of 6 columns", rows, cols, previewRows)
	}

	// Changing a column's field previews again with the new mapping.
	f.columns[3].SetSelected("Keep as custom field")
	q.waitFor(t, "mapping changed", func() bool {
		return len(f.columns) == 6 && f.columns[3].Selected == "Keep as custom field" && f.mapping[3] == ""
	})

	// Importing anyway changes nothing.
	f.onImport()
	q.waitFor(t, "import refused", func() bool { return f.summary.Visible() && !f.running })
	if n, _ := st.CountPeople(context.Background(), data.PeopleFilter{}); n != 5 {
		t.Errorf("%d people after a refused import, want 5", n)
	}
	if f.summary.Text != "Nothing was imported. Correct the rows listed, or tick “Import only the good rows” and import again." {
		t.Errorf("summary %q", f.summary.Text)
	}

	// With the box ticked, the good rows come in.
	test.Tap(f.skipBad)
	if f.importButton.Disabled() {
		t.Fatal("Import stays disabled with “Import only the good rows” ticked")
	}
	test.Tap(f.importButton)
	q.waitFor(t, "good rows imported", func() bool { return f.finished })
	if f.summary.Text != "Imported: 2 added, 0 updated, 0 unchanged, 5 skipped." {
		t.Errorf("summary %q", f.summary.Text)
	}
}

func TestCleanImportShowsTheSummary(t *testing.T) {
	st := datatest.Open(t, nil)
	done := false
	f, q, _ := newTestImport(t, st)
	f.onDone = func() { done = true }
	f.open("registrations.csv", readTestdata(t, "people_clean.csv"))
	q.waitFor(t, "preview", func() bool { return len(f.columns) == 7 && !f.importButton.Disabled() })
	if len(f.problems.lines) != 0 || f.problemsTitle.Text != "No problems found." {
		t.Errorf("problems in a clean file: %q", f.problems.lines)
	}
	if f.columns[6].Selected != "Keep as custom field" || f.columns[4].Selected != "Roles" {
		t.Errorf("Dietary Needs -> %q, Ticket Type -> %q", f.columns[6].Selected, f.columns[4].Selected)
	}
	test.Tap(f.importButton)
	q.waitFor(t, "imported", func() bool { return f.finished })
	if f.summary.Text != "Imported: 3 added, 0 updated, 0 unchanged, 0 skipped." || !done {
		t.Errorf("summary %q, screens told: %v", f.summary.Text, done)
	}
	p, err := st.PersonByKey(context.Background(), "C00002")
	if err != nil || p.GivenName != "Ken" || p.OrgName != "Sakura KK" || p.Custom["Dietary Needs"] != "" {
		t.Errorf("Ken imported as %+v (%v)", p, err)
	}
	if f.importButton.Visible() || f.closeButton.Text != "Close" {
		t.Error("after the import the dialog still offers Import")
	}

	// The same file again changes nothing.
	f.open("registrations.csv", readTestdata(t, "people_clean.csv"))
	q.waitFor(t, "preview again", func() bool { return len(f.columns) == 7 && !f.importButton.Disabled() })
	test.Tap(f.importButton)
	q.waitFor(t, "imported again", func() bool { return f.finished })
	if f.summary.Text != "Imported: 0 added, 0 updated, 3 unchanged, 0 skipped." {
		t.Errorf("summary of a re-import %q", f.summary.Text)
	}
}

func TestExportWritesThroughATemporaryFile(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	path := filepath.Join(t.TempDir(), "people.csv")
	if err := exportFile(context.Background(), st, exportPeople, path, sheets.AgendaOptions{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 100 {
		t.Fatalf("export wrote %d bytes (%v)", len(b), err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files left beside the export: %d", len(entries))
	}
	panel := data.Session{Title: "Panel", Starts: time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC)}
	if err := st.SaveSession(context.Background(), &panel, nil); err != nil {
		t.Fatal(err)
	}
	ics := filepath.Join(filepath.Dir(path), "agenda.ics")
	if err := exportFile(context.Background(), st, exportAgenda, ics, sheets.AgendaOptions{AlarmBefore: 15 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(ics); !strings.Contains(string(b), "TRIGGER:-PT15M") {
		t.Error("the agenda file lacks the 15-minute reminders")
	}
}

func TestFailedExportOverAnExistingFileLeavesItWhole(t *testing.T) {
	test.NewTempApp(t)
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	path := filepath.Join(t.TempDir(), "people.csv")
	const old = "the export of yesterday\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	// What the save dialog does with the file chosen to be replaced: it
	// opens it for writing and hands the writer over, which is closed
	// unwritten.
	keepChosenFilesUntilWritten()
	wc, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	wc.Close()
	if b, _ := os.ReadFile(path); string(b) != old {
		t.Fatalf("choosing the file in the save dialog emptied it: %q", b)
	}
	// The export then fails half way (here: the window closes under it).
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := exportFile(ctx, st, exportPeople, withExt(path, ".csv"), sheets.AgendaOptions{}); err == nil {
		t.Fatal("an export whose writing fails reported success")
	}
	if b, _ := os.ReadFile(path); string(b) != old {
		t.Fatalf("a failed export changed the file it was to replace: %q", b)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("a failed export left files beside it: %v", entries)
	}
}
