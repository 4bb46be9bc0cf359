package data_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/demo"
)

func openDemo(t *testing.T, path string) *data.Store {
	t.Helper()
	st := datatest.OpenAt(t, path, nil)
	datatest.Must(t, demo.Load(context.Background(), st))
	return st
}

func dump(t *testing.T, st *data.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := st.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func checkOwnerOnly(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("%s has mode %o, want 600", filepath.Base(path), perm)
	}
}

// A backup made while the store is open, the database deleted, and the
// backup restored gives the same dump; the preview says what it holds.
func TestBackupDeleteRestoreGivesTheSameDump(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "event.db")
	st := openDemo(t, dbPath)
	before := dump(t, st)
	backup := filepath.Join(dir, "saved", "event"+data.BackupExt)
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	checkOwnerOnly(t, backup)
	st.Close()
	// One self-contained file: not in WAL mode (bytes 18 and 19 of the
	// header are 1), with nothing beside it.
	head := make([]byte, 20)
	if f, err := os.Open(backup); err == nil {
		f.Read(head)
		f.Close()
	}
	if head[18] != 1 || head[19] != 1 {
		t.Errorf("the backup's header says journal modes %d/%d, want 1/1 (not WAL)", head[18], head[19])
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(backup + suffix); err == nil {
			t.Errorf("the backup left %s beside it", filepath.Base(backup+suffix))
		}
	}

	info, err := data.InspectBackup(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if info.EventName != demo.EventName || info.People == 0 || info.Sessions == 0 || info.Booths == 0 || info.Organisations == 0 {
		t.Errorf("preview: %+v", info)
	}
	if info.Schema != data.SchemaVersion() || time.Since(info.Saved) > time.Minute {
		t.Errorf("preview: schema %d, saved %v", info.Schema, info.Saved)
	}

	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dbPath + suffix)
	}
	kept, err := data.RestoreBackup(ctx, backup, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if kept != "" {
		t.Errorf("nothing to keep, but kept %q", kept)
	}
	checkOwnerOnly(t, dbPath)
	st = datatest.OpenAt(t, dbPath, nil)
	if after := dump(t, st); !bytes.Equal(before, after) {
		t.Errorf("restored dump differs: %d bytes before, %d after", len(before), len(after))
	}
}

// Restoring over a database keeps the old one beside it.
func TestRestoreKeepsTheDatabaseItReplaces(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	st := datatest.OpenAt(t, empty, nil)
	backup := filepath.Join(dir, "empty"+data.BackupExt)
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	st.Close()

	dbPath := filepath.Join(dir, "event.db")
	st = openDemo(t, dbPath)
	demoDump := dump(t, st)
	st.Close()
	kept, err := data.RestoreBackup(ctx, backup, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(kept, "before-restore") {
		t.Fatalf("kept as %q", kept)
	}
	old := datatest.OpenAt(t, kept, nil)
	if !bytes.Equal(dump(t, old), demoDump) {
		t.Error("the replaced database was not kept as it was")
	}
	st = datatest.OpenAt(t, dbPath, nil)
	if empty, _ := st.IsEmpty(ctx); !empty {
		t.Error("restored database is not the empty backup")
	}
}

// A backup from a newer Fairdesk is refused with ErrNewerDatabase and
// nothing is touched.
func TestRestoreRefusesANewerBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	backup := filepath.Join(dir, "newer"+data.BackupExt)
	st := openDemo(t, filepath.Join(dir, "other.db"))
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sqlx.Open("sqlite", backup)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	dbPath := filepath.Join(dir, "event.db")
	st = openDemo(t, dbPath)
	st.Close()
	before, _ := os.ReadFile(dbPath)
	if _, err := data.InspectBackup(ctx, backup); !errors.Is(err, data.ErrNewerDatabase) {
		t.Errorf("preview of a newer backup: %v", err)
	}
	_, err = data.RestoreBackup(ctx, backup, dbPath)
	if !errors.Is(err, data.ErrNewerDatabase) || !strings.Contains(err.Error(), "newer Fairdesk") {
		t.Fatalf("newer backup restored: %v", err)
	}
	after, _ := os.ReadFile(dbPath)
	if !bytes.Equal(before, after) {
		t.Error("the database was changed by a refused restore")
	}
	if m, _ := filepath.Glob(dbPath + ".*"); len(m) != 0 {
		t.Errorf("refused restore left files: %v", m)
	}
}

func TestInspectRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.fairdesk")
	os.WriteFile(text, []byte("shopping list"), 0o600)
	if _, err := data.InspectBackup(context.Background(), text); err == nil || !strings.Contains(err.Error(), "not a Fairdesk") {
		t.Errorf("text file: %v", err)
	}
	other := filepath.Join(dir, "other.sqlite")
	db, _ := sqlx.Open("sqlite", other)
	db.Exec("CREATE TABLE t (x)")
	db.Close()
	if _, err := data.InspectBackup(context.Background(), other); err == nil || !strings.Contains(err.Error(), "not a Fairdesk") {
		t.Errorf("other database: %v", err)
	}
}

// One automatic backup a day, the last seven kept.
func TestDailyBackupKeepsTheLastSeven(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := datatest.OpenAt(t, filepath.Join(dir, "event.db"), nil)
	backups := data.BackupDir(st.Path())
	day := time.Date(2026, 10, 1, 9, 0, 0, 0, time.Local)
	for i := range 10 {
		now := day.AddDate(0, 0, i)
		written, err := st.DailyBackup(ctx, backups, now, data.DailyBackupsKept)
		if err != nil || written == "" {
			t.Fatalf("day %d: %q, %v", i, written, err)
		}
		checkOwnerOnly(t, written)
		again, err := st.DailyBackup(ctx, backups, now.Add(3*time.Hour), data.DailyBackupsKept)
		if err != nil || again != "" {
			t.Fatalf("second backup on day %d: %q, %v", i, again, err)
		}
	}
	list, err := data.DailyBackups(backups)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 7 || filepath.Base(list[0]) != "daily-2026-10-04.fairdesk" || filepath.Base(list[6]) != "daily-2026-10-10.fairdesk" {
		t.Errorf("kept %v", list)
	}
	if fi, err := os.Stat(backups); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("backup folder mode %o", fi.Mode().Perm())
	}
}

// The database and its journal are readable by the user only.
func TestDatabaseIsOwnerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "event.db")
	openDemo(t, path)
	checkOwnerOnly(t, path)
	if _, err := os.Stat(path + "-wal"); err == nil {
		checkOwnerOnly(t, path+"-wal")
	}
}
