package sync

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// laptop is one replica in a test: its own database and an engine over the
// shared folder, which may be a faulty view of it.
type laptop struct {
	st     *data.Store
	engine *Engine
}

func openLaptop(t testing.TB, folder Folder, clock data.Clock) *laptop {
	t.Helper()
	st := datatest.Open(t, clock)
	return &laptop{st: st, engine: &Engine{Store: st, Folder: folder}}
}

// sharedEvent makes an event on one laptop, shares it in a temporary folder
// and joins n-1 more laptops to it.
func sharedEvent(t testing.TB, n int) (string, []*laptop) {
	t.Helper()
	dir := t.TempDir()
	return dir, sharedEventIn(t, n, func() Folder { return Dir{Root: dir} }, dir)
}

// sharedEventIn is sharedEvent through any Folder: each laptop gets its
// own from folder (for a bucket, its own client), remembered as where.
func sharedEventIn(t testing.TB, n int, folder func() Folder, where string) []*laptop {
	t.Helper()
	ctx := context.Background()
	first := openLaptop(t, folder(), nil)
	ev := data.Event{Name: "Careers fair", TimeZone: "Europe/London"}
	if err := first.st.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	if _, err := shareInTest(ctx, first.st, first.engine.Folder, where); err != nil {
		t.Fatal(err)
	}
	laptops := []*laptop{first}
	for range n - 1 {
		f := folder()
		st, _, err := joinFromTest(ctx, filepath.Join(t.TempDir(), "event.db"), f, where)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		laptops = append(laptops, &laptop{st: st, engine: &Engine{Store: st, Folder: f}})
	}
	return laptops
}

func (l *laptop) sync(t testing.TB) Report {
	t.Helper()
	r, err := l.engine.Sync(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (l *laptop) dump(t testing.TB) string {
	var b bytes.Buffer
	if err := l.st.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func syncAll(t testing.TB, ls []*laptop) {
	for range 3 {
		for _, l := range ls {
			l.sync(t)
		}
	}
	for i, l := range ls[1:] {
		if l.dump(t) != ls[0].dump(t) {
			t.Fatalf("laptop %d differs from laptop 0 after a full exchange", i+1)
		}
	}
}

func addPerson(t testing.TB, l *laptop, name string) data.Person {
	p := data.Person{GivenName: name, Email: strings.ToLower(name) + "@example.org"}
	if err := l.st.SavePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPersonAddedOnOneLaptopAppearsOnTheOther(t *testing.T) {
	ctx := context.Background()
	_, ls := sharedEvent(t, 2)
	p := addPerson(t, ls[0], "Haruto")
	r := ls[0].sync(t)
	if r.Sent == 0 || r.BatchesSent != 1 {
		t.Fatalf("nothing sent: %+v", r)
	}
	r = ls[1].sync(t)
	if r.Received == 0 {
		t.Fatalf("nothing received: %+v", r)
	}
	if got, err := ls[1].st.Person(ctx, p.ID); err != nil || got.GivenName != "Haruto" {
		t.Fatalf("person did not arrive: %v", err)
	}
	syncAll(t, ls)
}

func TestIdleSyncReadsNoBatch(t *testing.T) {
	_, ls := sharedEvent(t, 2)
	addPerson(t, ls[0], "Yui")
	syncAll(t, ls)
	r := ls[1].sync(t)
	if r.BytesRead != 0 || r.BatchesRead != 0 || r.BatchesSent != 0 {
		t.Fatalf("idle sync did work: %+v", r)
	}
}

func TestConflictShowsOnBothLaptops(t *testing.T) {
	ctx := context.Background()
	_, ls := sharedEvent(t, 2)
	p := addPerson(t, ls[0], "Sota")
	syncAll(t, ls)
	// Both edit the same field while the folder is out of reach.
	a, b := p, p
	a.JobTitle, b.JobTitle = "Analyst", "Engineer"
	ls[0].st.SavePerson(ctx, &a)
	ls[1].st.SavePerson(ctx, &b)
	syncAll(t, ls)
	for i, l := range ls {
		cs, _ := l.st.Conflicts(ctx, false)
		if len(cs) != 1 || cs[0].Col != "job_title" {
			t.Fatalf("laptop %d: want one job title conflict, got %+v", i, cs)
		}
	}
}

func ownBatchFiles(t testing.TB, dir string, l *laptop) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "devices", l.st.DeviceID(), "batch-*.fdb"))
	if len(files) == 0 {
		t.Fatal("no batch files")
	}
	return files
}

func TestDamagedBatchIsSkippedAndRetried(t *testing.T) {
	ctx := context.Background()
	for name, damage := range map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"empty":     func(b []byte) []byte { return nil },
		"corrupted": func(b []byte) []byte { c := bytes.Clone(b); c[len(c)-5] ^= 0xff; return c },
		"garbage":   func(b []byte) []byte { return []byte("<html>not found</html>") },
	} {
		t.Run(name, func(t *testing.T) {
			dir, ls := sharedEvent(t, 2)
			p := addPerson(t, ls[0], "Mei")
			ls[0].sync(t)
			files := ownBatchFiles(t, dir, ls[0])
			last := files[len(files)-1]
			good, _ := os.ReadFile(last)
			os.WriteFile(last, damage(good), 0o600)
			before := ls[1].dump(t)
			r := ls[1].sync(t)
			if len(r.Problems) == 0 || !strings.Contains(strings.Join(r.Problems, " "), "failed its check") {
				t.Fatalf("damage not reported: %+v", r.Problems)
			}
			if ls[1].dump(t) != before {
				t.Fatal("a damaged batch was applied in part")
			}
			// The sync tool finishes copying the file: the next sync applies it.
			os.WriteFile(last, good, 0o600)
			ls[1].sync(t)
			if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
				t.Fatalf("batch not applied once whole: %v", err)
			}
		})
	}
}

func TestGapWaitsForTheMissingBatch(t *testing.T) {
	ctx := context.Background()
	dir, ls := sharedEvent(t, 2)
	a := addPerson(t, ls[0], "Aoi")
	ls[0].sync(t)
	b := addPerson(t, ls[0], "Ren")
	ls[0].sync(t)
	files := ownBatchFiles(t, dir, ls[0])
	hidden := files[len(files)-2] + ".tmp"
	os.Rename(files[len(files)-2], hidden) // not yet copied to this laptop
	r := ls[1].sync(t)
	if !strings.Contains(strings.Join(r.Problems, " "), "waiting for batch") {
		t.Fatalf("gap not reported: %+v", r.Problems)
	}
	if _, err := ls[1].st.Person(ctx, b.ID); err == nil {
		t.Fatal("a batch after a gap was applied")
	}
	os.Rename(hidden, files[len(files)-2])
	ls[1].sync(t)
	for _, p := range []data.Person{a, b} {
		if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
			t.Fatalf("%s missing after the gap filled: %v", p.GivenName, err)
		}
	}
}

func TestConflictCopiesAndSystemFilesAreIgnored(t *testing.T) {
	dir, ls := sharedEvent(t, 2)
	addPerson(t, ls[0], "Kenji")
	ls[0].sync(t)
	files := ownBatchFiles(t, dir, ls[0])
	good, _ := os.ReadFile(files[len(files)-1])
	devDir := filepath.Dir(files[0])
	for _, name := range []string{"batch-0000000099 (conflicted copy 2026-10-23).fdb", "batch-0000000003.sync-conflict-20261023-1100.fdb", "desktop.ini", ".batch-0000000004.fdb.123.tmp"} {
		os.WriteFile(filepath.Join(devDir, name), good, 0o600)
	}
	r := ls[1].sync(t)
	if len(r.Problems) > 0 {
		t.Fatalf("stray files caused problems: %v", r.Problems)
	}
	syncAll(t, ls)
}

// crashAfterCreate writes the batch, then fails as if the laptop died
// before it could note that the batch was written.
type crashAfterCreate struct {
	Folder
	crashed bool
}

func (c *crashAfterCreate) Create(ctx context.Context, name string, b []byte) error {
	if err := c.Folder.Create(ctx, name, b); err != nil {
		return err
	}
	if !c.crashed && strings.Contains(name, "batch-") {
		c.crashed = true
		return errors.New("power cut")
	}
	return nil
}

func TestCrashAfterWritingABatch(t *testing.T) {
	ctx := context.Background()
	dir, ls := sharedEvent(t, 2)
	addPerson(t, ls[0], "Emi")
	ls[0].engine.Folder = &crashAfterCreate{Folder: Dir{Root: dir}}
	if _, err := ls[0].engine.Sync(ctx); err == nil {
		t.Fatal("the crash went unnoticed")
	}
	n := len(ownBatchFiles(t, dir, ls[0]))
	ls[0].engine.Folder = Dir{Root: dir}
	r := ls[0].sync(t)
	if len(r.Problems) > 0 || r.BatchesSent != 0 {
		t.Fatalf("after the crash the laptop took its own batch for another's: %+v", r)
	}
	if got := len(ownBatchFiles(t, dir, ls[0])); got != n {
		t.Fatalf("the batch was written twice: %d files, then %d", n, got)
	}
	syncAll(t, ls)
}

func TestCopiedDatabaseTakesANewDeviceID(t *testing.T) {
	ctx := context.Background()
	dir, ls := sharedEvent(t, 2)
	addPerson(t, ls[0], "Naoko")
	syncAll(t, ls)
	// Someone copies laptop 0's database to a third laptop.
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := ls[0].st.Snapshot(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	st := datatest.OpenAt(t, copyPath, nil)
	third := &laptop{st: st, engine: &Engine{Store: st, Folder: Dir{Root: dir}}}
	addPerson(t, ls[0], "Original")
	addPerson(t, third, "Copy")
	ls[0].sync(t)
	r := third.sync(t)
	if third.st.DeviceID() == ls[0].st.DeviceID() {
		t.Fatalf("the copy kept the original's device id: %+v", r)
	}
	syncAll(t, append(ls, third))
	for _, name := range []string{"Original", "Copy"} {
		if n, _ := ls[1].st.CountPeople(ctx, data.PeopleFilter{Query: name}); n != 1 {
			t.Fatalf("%s's person did not reach the other laptop", name)
		}
	}
}

func TestUnreachableFolderIsReportedAndNothingIsLost(t *testing.T) {
	ctx := context.Background()
	dir, ls := sharedEvent(t, 2)
	p := addPerson(t, ls[0], "Daisuke")
	ls[0].engine.Folder = Dir{Root: filepath.Join(dir, "unplugged")}
	if _, err := ls[0].engine.Sync(ctx); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("want ErrUnreachable, got %v", err)
	}
	ls[0].engine.Folder = Dir{Root: dir}
	syncAll(t, ls)
	if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
		t.Fatal("a change made while offline was lost")
	}
}

func TestAnotherEventsFolderIsRefused(t *testing.T) {
	ctx := context.Background()
	dir, _ := sharedEvent(t, 1)
	other := openLaptop(t, Dir{Root: dir}, nil)
	ev := data.Event{Name: "Other fair", TimeZone: "Asia/Tokyo"}
	other.st.SaveEvent(ctx, &ev)
	if _, err := other.engine.Sync(ctx); err == nil || !strings.Contains(err.Error(), "another event") {
		t.Fatalf("synced into another event's folder: %v", err)
	}
}

func TestClockAheadIsNamed(t *testing.T) {
	ctx := context.Background()
	dir, ls := sharedEvent(t, 1)
	path := filepath.Join(t.TempDir(), "fast.db")
	st, _, err := joinTest(ctx, path, dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The joined laptop's clock runs an hour fast.
	fast := datatest.OpenAt(t, path, func() time.Time { return time.Now().Add(time.Hour) })
	fl := &laptop{st: fast, engine: &Engine{Store: fast, Folder: Dir{Root: dir}}}
	addPerson(t, fl, "Future")
	fl.sync(t)
	r := ls[0].sync(t)
	if !strings.Contains(strings.Join(r.Problems, " "), "clock is 1h0m0s ahead") {
		t.Fatalf("clock ahead not named: %v", r.Problems)
	}
}

func TestUnsentCountsOnlyThisLaptopsChanges(t *testing.T) {
	_, ls := sharedEvent(t, 2)
	addPerson(t, ls[0], "Rin")
	addPerson(t, ls[0], "Kaito")
	if n := Unsent(context.Background(), ls[0].st); n != 2 {
		t.Fatalf("unsent %d, want 2", n)
	}
	if r := ls[0].sync(t); r.Unsent != 0 {
		t.Fatalf("unsent %d after a sync, want 0", r.Unsent)
	}
	if r := ls[1].sync(t); r.Unsent != 0 || r.Received != 2 {
		t.Fatalf("received changes counted as unsent: %+v", r)
	}
}

func TestJoinerDoesNotInheritTheSharersReminders(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first := openLaptop(t, Dir{Root: dir}, nil)
	ev := data.Event{Name: "Careers fair", TimeZone: "Europe/London"}
	first.st.SaveEvent(ctx, &ev)
	s := data.Session{Title: "Panel", Starts: time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC)}
	if err := first.st.SaveSession(ctx, &s, nil); err != nil {
		t.Fatal(err)
	}
	if err := first.st.FollowSession(ctx, s.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := shareTest(ctx, first.st, dir); err != nil {
		t.Fatal(err)
	}
	st, _, err := joinTest(ctx, filepath.Join(t.TempDir(), "j.db"), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	followed, err := st.FollowedSessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(followed) != 0 {
		t.Fatalf("the joiner follows the sharer's sessions: %v", followed)
	}
}

func TestJoinKeepsItsSnapshotCopyBesideTheDatabase(t *testing.T) {
	dir, _ := sharedEvent(t, 1)
	// No system temporary folder at all: the copy must go beside the database.
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	target := t.TempDir()
	st, _, err := joinTest(context.Background(), filepath.Join(target, "event.db"), dir)
	if err != nil {
		t.Fatalf("join needed the system temporary folder: %v", err)
	}
	defer st.Close()
	left, _ := filepath.Glob(filepath.Join(target, data.SnapshotTempPrefix+"*"))
	if len(left) > 0 {
		t.Fatalf("join left its copies: %v", left)
	}
}
