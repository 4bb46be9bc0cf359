package ui

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// privacyFixture is the people screen over a real database at a path, so
// that backups sit beside it as they do on a laptop.
type privacyFixture struct {
	st     *data.Store
	path   string
	people []data.Person
	s      *peopleScreen
	q      *uiQueue
}

func newPrivacyFixture(t *testing.T, deps func(*peopleDeps)) *privacyFixture {
	t.Helper()
	test.NewTempApp(t)
	f := &privacyFixture{path: filepath.Join(t.TempDir(), "event.db"), q: newUIQueue()}
	f.st = datatest.OpenAt(t, f.path, nil)
	f.people = savePeople(t, f.st, fairPeople()...)
	w := test.NewWindow(widget.NewLabel(""))
	d := peopleDeps{screenEnv: f.q.env(context.Background()), store: f.st, win: w}
	if deps != nil {
		deps(&d)
	}
	f.s = newPeopleScreen(d)
	w.SetContent(f.s.content)
	w.Resize(fyne.NewSize(1000, 700))
	t.Cleanup(w.Close)
	f.s.refresh()
	f.q.waitFor(t, "list", func() bool { return f.s.total == 5 })
	return f
}

// dialogText is every text of the dialog on top.
func dialogText(c fyne.Canvas) string {
	top := c.Overlays().Top()
	if top == nil {
		return ""
	}
	return shownText(top)
}

func TestEraseSaysWhatHappensAndKeepChangesNothing(t *testing.T) {
	f := newPrivacyFixture(t, nil)
	openPerson(t, f.s, f.q, "taro")
	f.q.waitFor(t, "privacy buttons", func() bool { return f.s.form.privacy.box.Visible() })
	if f.s.form.privacy.erase.Importance != widget.DangerImportance {
		t.Error("Erase this person… is not a danger button")
	}

	test.Tap(f.s.form.privacy.erase)
	text := dialogText(f.s.win.Canvas())
	for _, want := range []string{"Erase Taro Yamada (badge B00001)?",
		"Every laptop of the event removes Taro Yamada at its next sync",
		"history, conflicts, notifications and search entries", "visits and leads at every booth",
		"The shared folder's files are rewritten without them.",
		"Lead files a booth has already exported", "the exhibitor's responsibility",
		"This cannot be undone."} {
		if !strings.Contains(text, want) {
			t.Errorf("the confirmation does not say %q:\n%s", want, text)
		}
	}
	tapButton(t, f.s.win.Canvas(), "Keep")
	f.q.settle()
	if _, err := f.st.Person(context.Background(), f.people[0].ID); err != nil {
		t.Fatalf("Keep erased the person: %v", err)
	}
	if erased, _ := f.st.Erased(context.Background()); len(erased) != 0 {
		t.Errorf("Keep recorded an erasure: %v", erased)
	}
	if !f.s.form.open || f.s.form.person.ID != f.people[0].ID {
		t.Error("Keep closed the person's form")
	}
}

func TestEraseRemovesThePersonAndOffersToDeleteOlderBackups(t *testing.T) {
	ctx := context.Background()
	f := newPrivacyFixture(t, nil)
	backup, err := f.st.DailyBackup(ctx, data.BackupDir(f.path), time.Now(), 5)
	datatest.Must(t, err)
	hourAgo := time.Now().Add(-time.Hour)
	datatest.Must(t, os.Chtimes(backup, hourAgo, hourAgo))

	openPerson(t, f.s, f.q, "taro")
	f.q.waitFor(t, "privacy buttons", func() bool { return f.s.form.privacy.box.Visible() })
	test.Tap(f.s.form.privacy.erase)
	tapButton(t, f.s.win.Canvas(), "Erase")
	f.q.waitFor(t, "backups offered", func() bool { return f.s.backupsOffer != nil })

	if _, err := f.st.Person(ctx, f.people[0].ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the person is still in the store: %v", err)
	}
	f.s.search.SetText("")
	f.q.waitFor(t, "the person left the list", func() bool {
		return f.s.knownTotal == 4 && !strings.Contains(strings.Join(visibleNames(f.s), ","), "Taro")
	})
	if f.s.form.open {
		t.Error("the erased person's form is still open")
	}
	if text := dialogText(f.s.win.Canvas()); !strings.Contains(text, backup) || !strings.Contains(text, "made before the erasure") {
		t.Errorf("the offer does not list %s:\n%s", backup, text)
	}
	tapButton(t, f.s.win.Canvas(), "Delete backups")
	f.q.waitFor(t, "backup deleted", func() bool { _, err := os.Stat(backup); return os.IsNotExist(err) })
	f.q.waitFor(t, "told", func() bool {
		return strings.Contains(f.s.notice.text.Text, "Deleted 1 backup made before the erasure.")
	})
}

// Booth-staff mode and a booth laptop offer neither request, and asking
// anyway (a handler called directly) does nothing.
func TestBoothModeAndBoothLaptopOfferNeitherPrivacyAction(t *testing.T) {
	ctx := context.Background()
	t.Run("booth-staff mode", func(t *testing.T) {
		f := newPrivacyFixture(t, func(d *peopleDeps) { d.boothStaff = func() bool { return true } })
		checkNoPrivacyActions(t, f)
	})
	t.Run("booth laptop", func(t *testing.T) {
		f := newPrivacyFixture(t, nil)
		booth := data.Booth{Code: "B02", Name: "Start-up"}
		datatest.Must(t, f.st.SaveBooth(ctx, &booth, nil))
		datatest.Must(t, f.st.SetLocalRole(ctx, data.BoothLaptop(booth.ID)))
		f.s.refresh()
		f.q.settle()
		checkNoPrivacyActions(t, f)
	})
}

func checkNoPrivacyActions(t *testing.T, f *privacyFixture) {
	t.Helper()
	openPerson(t, f.s, f.q, "taro")
	f.q.settle()
	if f.s.form.privacy.box.Visible() {
		t.Error("the privacy buttons show")
	}
	chosen := false
	f.s.chooseFile = func(string, func(string)) { chosen = true }
	f.s.onEraseRequested(f.s.form.person)
	f.s.onExportRequested(f.s.form.person)
	if f.s.win.Canvas().Overlays().Top() != nil || chosen {
		t.Errorf("asked anyway: a dialog %v, a file chosen %v", f.s.win.Canvas().Overlays().Top() != nil, chosen)
	}
}

func TestExportEverythingAboutAPersonWritesTheirRecords(t *testing.T) {
	out := filepath.Join(t.TempDir(), "chosen.json")
	var offered string
	f := newPrivacyFixture(t, func(d *peopleDeps) {
		d.chooseFile = func(name string, then func(string)) { offered = name; then(out) }
	})
	taro := f.people[0]
	openPerson(t, f.s, f.q, "taro")
	f.q.waitFor(t, "privacy buttons", func() bool { return f.s.form.privacy.box.Visible() })
	test.Tap(f.s.form.privacy.exportAll)
	if offered != "person-B00001.json" {
		t.Errorf("offered the name %q, want the badge code's", offered)
	}
	f.q.waitFor(t, "saved", func() bool { return strings.Contains(f.s.notice.text.Text, "Saved everything") })

	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the export: %v, %v; want mode 0600", fi, err)
	}
	body, _ := os.ReadFile(out)
	var doc data.SubjectAccess
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("the export is not JSON: %v", err)
	}
	if doc.PersonID != taro.ID || len(doc.Records["people"]) != 1 || doc.Records["people"][0]["email"] != taro.Email {
		t.Errorf("the export names %q with people records %v", doc.PersonID, doc.Records["people"])
	}
	if strings.Contains(string(body), "hanako@example.jp") {
		t.Error("the export holds someone else's e-mail")
	}
}

// The two buttons fit beside the list on an 800x600 screen: the longer
// words first chosen made People 76 points wider than its room.
func TestPrivacyButtonsKeepPeopleWithinASmallScreen(t *testing.T) {
	f := newPrivacyFixture(t, nil)
	openPerson(t, f.s, f.q, "taro")
	f.q.waitFor(t, "privacy buttons", func() bool { return f.s.form.privacy.box.Visible() })
	with := f.s.content.MinSize().Width
	f.s.form.privacy.box.Hide()
	if without := f.s.content.MinSize().Width; with > without {
		t.Errorf("the privacy buttons widen People from %.0f to %.0f", without, with)
	}
}

// In English too, People with a person open, the privacy buttons shown,
// fits an 800x600 screen: the form's Save, Cancel and Delete, each with an
// icon, made it 801 wide.
func TestPeopleWithAFormOpenFitAn800x600Screen(t *testing.T) {
	f := newDeskFixture(t)
	room := usableSize(&Screen{Width: 800, Height: 600}, 1)
	w, q := japaneseWindow(t, f.st, appMode{Name: "Ann"}, room)
	w.selectScreen(navPeople)
	q.waitFor(t, "the people listed", func() bool { return w.people.firstShown && w.people.total > 0 })
	w.people.list.Select(0)
	q.waitFor(t, "the form open", func() bool { return w.people.form.open && w.people.form.privacy.box.Visible() })
	if min := w.win.Canvas().Content().MinSize(); min.Width > room.Width {
		t.Errorf("People with a person open needs a window %.0f wide; an 800x600 screen has room for %.0f", min.Width, room.Width)
	}
}
