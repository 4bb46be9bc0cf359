package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// people lists the given names of everyone in the database at path.
func peopleIn(t *testing.T, path string) []string {
	t.Helper()
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.ListPeople(context.Background(), PeopleFilter{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range list {
		names = append(names, p.GivenName)
	}
	slices.Sort(names)
	return names
}

func savePeople(t *testing.T, st *Store, names ...string) {
	t.Helper()
	for _, n := range names {
		p := Person{GivenName: n}
		if err := st.SavePerson(context.Background(), &p); err != nil {
			t.Fatal(err)
		}
	}
}

// crashedDatabase leaves at path a database as a killed program leaves
// it: its last change only in the -wal file.
func crashedDatabase(t *testing.T, path string, names ...string) {
	t.Helper()
	live := filepath.Join(t.TempDir(), "live.db")
	st, err := Open(live, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	savePeople(t, st, names...)
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(live + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the test database has no write-ahead log to lose (%v)", err)
	}
}

// copyAway copies the database at path, as it is on disk, to a folder of
// its own, where no journal can finish anything.
func copyAway(t *testing.T, path string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "copy.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatalf("the database is not in place: %v", err)
		}
		if err := os.WriteFile(to+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

var errCrash = errors.New("killed")

// crashAt makes a replacement stop dead after step, as a kill would: no
// clean-up runs.
func crashAt(t *testing.T, step string) {
	old := replaceStep
	replaceStep = func(s string) {
		if s == step {
			panic(errCrash)
		}
	}
	t.Cleanup(func() { replaceStep = old })
}

func restoreUntilCrash(t *testing.T, backup, dbPath string) (crashed bool) {
	defer func() {
		replaceStep = func(string) {} // the next start runs as it should
		if r := recover(); r != nil {
			if r != errCrash {
				panic(r)
			}
			crashed = true
		}
	}()
	if _, err := RestoreBackup(context.Background(), backup, dbPath); err != nil {
		t.Fatal(err)
	}
	return false
}

func TestRestoreKilledAtAnyStepLeavesAWholeDatabase(t *testing.T) {
	source := openTemp(t, nil)
	savePeople(t, source, "New1", "New2")
	backup := filepath.Join(t.TempDir(), "full.bak")
	if err := source.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	oldPeople, newPeople := []string{"Old1", "Old2"}, []string{"New1", "New2"}
	for _, step := range []string{"journal written", "old kept", "old journal files removed", "fresh in place"} {
		t.Run(step, func(t *testing.T) {
			dbPath := filepath.Join(t.TempDir(), "r.db")
			crashedDatabase(t, dbPath, oldPeople...)
			crashAt(t, step)
			if !restoreUntilCrash(t, backup, dbPath) {
				t.Fatalf("no crash at %q", step)
			}
			// At the moment of the kill: the old or the new database, whole.
			got := peopleIn(t, copyAway(t, dbPath))
			if !slices.Equal(got, oldPeople) && !slices.Equal(got, newPeople) {
				t.Fatalf("killed after %q, the database holds %v: neither the old event nor the restored one", step, got)
			}
			// The next start finishes the restore and says so.
			note, err := FinishReplacement(dbPath)
			if err != nil || !strings.Contains(note, "the restore of full.bak") {
				t.Fatalf("start after the kill: %q, %v", note, err)
			}
			if got := peopleIn(t, dbPath); !slices.Equal(got, newPeople) {
				t.Fatalf("after the start the database holds %v, want the restored %v", got, newPeople)
			}
			kept, _ := filepath.Glob(dbPath + ".*.before-restore.bak")
			if len(kept) != 1 {
				t.Fatalf("kept copies of the old database: %v", kept)
			}
			if got := peopleIn(t, kept[0]); !slices.Equal(got, oldPeople) {
				t.Fatalf("the kept database holds %v, want the old %v", got, oldPeople)
			}
			if _, err := os.Stat(journalPath(dbPath)); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("the journal is still there: %v", err)
			}
		})
	}
}

func TestOpenFinishesAnInterruptedRestore(t *testing.T) {
	source := openTemp(t, nil)
	savePeople(t, source, "New1")
	backup := filepath.Join(t.TempDir(), "full.bak")
	if err := source.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(t.TempDir(), "r.db")
	crashedDatabase(t, dbPath, "Old1")
	crashAt(t, "old kept")
	restoreUntilCrash(t, backup, dbPath)
	if got := peopleIn(t, dbPath); !slices.Equal(got, []string{"New1"}) {
		t.Fatalf("opening after a killed restore: %v", got)
	}
}

func TestForeignJournalIsRefusedAndTouchesNothing(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "r.db")
	crashedDatabase(t, dbPath, "Old1")
	if err := os.WriteFile(journalPath(dbPath), []byte(`{"fresh":"../../etc/passwd","what":"x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dbPath, Options{}); err == nil || !strings.Contains(err.Error(), "not a replacement journal") {
		t.Fatalf("open with a forged journal: %v", err)
	}
	os.Remove(journalPath(dbPath))
	if got := peopleIn(t, dbPath); !slices.Equal(got, []string{"Old1"}) {
		t.Fatalf("the database changed: %v", got)
	}
}

func TestLeftoversBesideTheDatabaseGoAtTheNextStart(t *testing.T) {
	dir := t.TempDir()
	systemTemp := t.TempDir()
	t.Setenv("TMPDIR", systemTemp)
	dbPath := filepath.Join(dir, "event.db")
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name: removed
		".event.db.restore-1.tmp":                     true,
		".event.db.restore-1.tmp-wal":                 true,
		".event.db.join-2.tmp":                        true,
		".fairdesk-snapshot-join-3.db":                true,
		".fairdesk-snapshot-join-3.db-shm":            true,
		".joining-20260101T100000.db":                 true,
		"event.db.restoring":                          true,
		".event.db.recent.tmp":                        false, // may be another window's export under way
		"event.db.20260101T100000.before-restore.bak": false,
		"notes.tmp":               false,
		".other.db.restore-4.tmp": false,
	}
	for name, removed := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if removed || name != ".event.db.recent.tmp" {
			os.Chtimes(path, old, old)
		}
	}
	// A snapshot copy an older version's killed join left in the system's
	// temporary folder goes too; other programs' files there stay.
	oldCopy, otherProgram := filepath.Join(systemTemp, "fairdesk-snapshot-123.db"), filepath.Join(systemTemp, "other-123.db")
	for _, path := range []string{oldCopy, otherProgram} {
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(path, old, old)
	}
	gone, err := RemoveLeftovers(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if exists := err == nil; exists == removed {
			t.Errorf("%s: exists %v after the start", name, exists)
		}
	}
	if _, err := os.Stat(oldCopy); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old snapshot copy in the system's temporary folder is still there: %v", err)
	}
	if _, err := os.Stat(otherProgram); err != nil {
		t.Errorf("another program's file went: %v", err)
	}
	if len(gone) != 8 {
		t.Errorf("reported removed: %v", gone)
	}
}

func TestAtomicWriteThatFailsKeepsTheOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(path, []byte("the old export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := errors.New("disk full")
	err := WriteFileAtomically(path, 0o644, func(w io.Writer) error {
		fmt.Fprintln(w, "half of the new one")
		return broken
	})
	if !errors.Is(err, broken) {
		t.Fatalf("failed write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the old export\n" {
		t.Fatalf("the old file now holds %q", b)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("left beside it: %v", entries)
	}
}

func TestReplacementOverAKeptNameThatExistsChangesNothing(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "r.db")
	crashedDatabase(t, dbPath, "Old1")
	fresh := FreshDatabasePath(dbPath, "new")
	crashedDatabase(t, fresh, "New1")
	foldWAL(fresh)
	keep := dbPath + ".kept.bak"
	if err := os.WriteFile(keep, []byte("someone else's"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceDatabase(dbPath, Replacement{Fresh: fresh, Keep: keep, What: "a test"}); err == nil {
		t.Fatal("a replacement over an existing kept name went ahead")
	}
	if _, err := os.Stat(journalPath(dbPath)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a refused replacement left its journal: %v", err)
	}
	if got := peopleIn(t, dbPath); !slices.Equal(got, []string{"Old1"}) {
		t.Fatalf("the database now holds %v", got)
	}
}
