package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// testLaptops is the real roster over the folder st remembers, as
// cmd/fairdesk's is.
type testLaptops struct{ st *data.Store }

func (l testLaptops) dir(ctx context.Context) (fdsync.Folder, error) {
	dir := fdsync.RememberedFolder(ctx, l.st)
	if dir == "" {
		return nil, ErrNotShared
	}
	return fdsync.Dir{Root: dir}, nil
}

func (l testLaptops) List(ctx context.Context) ([]fdsync.LaptopInfo, error) {
	f, err := l.dir(ctx)
	if err != nil {
		return nil, err
	}
	return fdsync.Laptops(ctx, l.st, f)
}

func (l testLaptops) Invite(ctx context.Context, role data.LaptopRole, name, passphrase string) ([]byte, string, error) {
	f, err := l.dir(ctx)
	if err != nil {
		return nil, "", err
	}
	return fdsync.Invite(ctx, l.st, f, role, name, passphrase)
}

func (l testLaptops) Remove(ctx context.Context, id string) error {
	f, err := l.dir(ctx)
	if err != nil {
		return err
	}
	return fdsync.RemoveLaptop(ctx, l.st, f, id)
}

// laptopsUnderTest is the section over st in a test window, with the
// dialogs it opened.
type laptopsUnderTest struct {
	*laptopsSection
	q       *uiQueue
	dialogs []dialog.Dialog
}

func newTestLaptops(t *testing.T, st *data.Store) *laptopsUnderTest {
	t.Helper()
	q := newUIQueue()
	win := test.NewWindow(nil)
	win.Resize(fyne.NewSize(900, 700))
	t.Cleanup(win.Close)
	u := &laptopsUnderTest{q: q}
	u.laptopsSection = newLaptopsSection(laptopsDeps{screenEnv: q.env(context.Background()), laptops: testLaptops{st}, store: st, win: win,
		show: func(d dialog.Dialog) { u.dialogs = append(u.dialogs, d); d.Show() }})
	win.SetContent(u.content)
	return u
}

// text is everything the section's labels say.
func (u *laptopsUnderTest) text() string {
	var b strings.Builder
	walk(u.content, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func syncOnce(t *testing.T, st *data.Store, dir string) {
	t.Helper()
	r, err := (&fdsync.Engine{Store: st, Folder: fdsync.Dir{Root: dir}}).Sync(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 {
		t.Logf("sync: %v", r.Problems)
	}
}

// The organiser invites a booth laptop from Settings → Sync (a passphrase
// made for them, the code copied and the file saved), the booth laptop
// joins with it and shows in the list with its booth and last sync; then
// the organiser removes it, after a confirmation that says what happens,
// and it reads nothing written afterwards. The booth laptop's own
// Settings show none of these controls.
func TestInviteListAndRemoveALaptopInSettings(t *testing.T) {
	ctx := context.Background()
	test.NewTempApp(t)
	shared := t.TempDir()
	stA := datatest.Open(t, nil)
	org := data.Organisation{Name: "Kaisha KK", Kind: data.OrgJapaneseCompany}
	if err := stA.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	if err := stA.SaveOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	booth := data.Booth{Code: "A12", Name: "Kaisha KK", OrgID: org.ID}
	if err := stA.SaveBooth(ctx, &booth, nil); err != nil {
		t.Fatal(err)
	}

	visitor := savePeople(t, stA, data.Person{GivenName: "Yui", FamilyName: "Sato"})[0]
	a := newTestLaptops(t, stA)
	a.refresh()
	a.q.waitFor(t, "not shared yet", func() bool { return strings.Contains(a.text(), "Share this event first") })
	if a.invite.Visible() {
		t.Error("an event not shared offers invitations")
	}
	if _, err := fdsync.Share(ctx, stA, shared); err != nil {
		t.Fatal(err)
	}
	a.refresh()
	a.q.waitFor(t, "this laptop listed", func() bool { return len(a.listed) == 1 && a.invite.Visible() })
	if got := a.text(); !strings.Contains(got, "Organiser") || !strings.Contains(got, "this laptop") {
		t.Errorf("the list says:\n%s", got)
	}

	// Invite: a booth laptop, with passphrases that differ first.
	test.Tap(a.invite)
	f := a.inv
	f.role.SetSelected(f.role.Options[1])
	f.booth.SetSelected("A12 Kaisha KK")
	test.Type(f.name, "Booth A12 laptop")
	test.Type(f.passphrase, "correct horse")
	test.Type(f.again, "correct horsf")
	test.Tap(f.create)
	if !strings.Contains(f.status.Text, "differ") {
		t.Fatalf("different passphrases: %q", f.status.Text)
	}
	if list, _ := (testLaptops{stA}).List(ctx); len(list) != 1 {
		t.Fatalf("a refused invitation listed a laptop: %d", len(list))
	}
	test.Tap(f.generate)
	passphrase := f.passphrase.Text
	if len(passphrase) != 24 || passphrase != f.again.Text || !strings.Contains(f.made.Text, passphrase) {
		t.Fatalf("the passphrase made: %q, %q, shown %q", passphrase, f.again.Text, f.made.Text)
	}
	test.Tap(f.create)
	a.q.waitFor(t, "the invitation", func() bool { return f.code != nil })
	code := f.code.Text
	test.Tap(f.copy)
	if got := fyne.CurrentApp().Clipboard().Content(); got != code || !strings.HasPrefix(code, "FAIRDESK-INVITE-") {
		t.Errorf("copied %q, shown %q", got, code)
	}
	file := filepath.Join(t.TempDir(), "booth.invite")
	a.chooseFile = func(then func(string)) { then(file) }
	test.Tap(f.save)
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the saved invitation: %v %v", fi, err)
	}
	saved, _ := os.ReadFile(file)
	for _, b := range [][]byte{[]byte(code), saved} {
		inv, err := fdsync.OpenInvitation(b, passphrase)
		if err != nil || inv.Role() != data.BoothLaptop(booth.ID) {
			t.Fatalf("the invitation opens as %v (%v)", inv.Role(), err)
		}
	}

	// The booth laptop joins with the file and syncs; the list shows it.
	inv, _ := fdsync.OpenInvitation(saved, passphrase)
	stB, _, err := fdsync.Join(ctx, filepath.Join(t.TempDir(), "booth.db"), shared, inv)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stB.Close() })
	syncOnce(t, stB, shared)
	if _, err := stB.LogVisitOf(ctx, booth.ID, visitor.ID, ""); err != nil { // so that it has a batch to send
		t.Fatal(err)
	}
	syncOnce(t, stB, shared)
	syncOnce(t, stA, shared)
	a.refresh()
	a.q.waitFor(t, "the booth laptop listed with its sync", func() bool {
		return len(a.listed) == 2 && !a.listed[0].LastSync.IsZero() && !a.listed[1].LastSync.IsZero()
	})
	var boothLaptop fdsync.LaptopInfo
	for _, l := range a.listed {
		if !l.This {
			boothLaptop = l
		}
	}
	got := a.text()
	if boothLaptop.Name != "Booth A12 laptop" || !strings.Contains(got, "Staff of booth A12 Kaisha KK · last sync ") || a.rows[boothLaptop.ID] == nil {
		t.Fatalf("the list says:\n%s", got)
	}

	// Its own Settings: no list, no invitation, no removal.
	b := newTestLaptops(t, stB)
	b.refresh()
	b.q.waitFor(t, "the booth laptop's section", func() bool { return strings.Contains(b.text(), "Only an organiser's laptop") })
	if b.invite.Visible() || len(b.list.Objects) != 0 {
		t.Error("a booth laptop shows the organisers' controls")
	}

	// Remove it: the confirmation first.
	before := len(a.dialogs)
	test.Tap(a.rows[boothLaptop.ID])
	if len(a.dialogs) != before+1 {
		t.Fatal("removing did not ask first")
	}
	asked := ""
	walk(a.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			asked += l.Text + "\n"
		}
	})
	for _, want := range []string{"Booth A12 laptop", "cannot read anything written from now on", "carry on"} {
		if !strings.Contains(asked, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, asked)
		}
	}
	a.remove(boothLaptop) // what the confirmation's Remove does
	a.q.waitFor(t, "removed", func() bool { return strings.Contains(a.note.Text, "is removed") })
	if got := a.text(); !strings.Contains(got, "removed: it cannot read") || a.rows[boothLaptop.ID] != nil {
		t.Errorf("after the removal the list says:\n%s", got)
	}
	visit := data.Person{GivenName: "Written", FamilyName: "Afterwards"}
	savePeople(t, stA, visit)
	syncOnce(t, stA, shared)
	(&fdsync.Engine{Store: stB, Folder: fdsync.Dir{Root: shared}}).Sync(ctx) // it may complain; it must not read
	if n, _ := stB.SearchPeople(ctx, "Afterwards", 10); len(n) != 0 {
		t.Error("the removed laptop read a person added after its removal")
	}
}
