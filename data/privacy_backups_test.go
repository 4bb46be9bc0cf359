package data_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// After an erasure the organiser may delete the backups made before it:
// only those, and never a file that is not one of them, whatever the
// caller names.
func TestRemoveBackupsBeforeDeletesOnlyListedBackups(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	st := datatest.OpenAt(t, path, nil)
	old, err := st.DailyBackup(ctx, data.BackupDir(path), time.Now().AddDate(0, 0, -1), 5)
	datatest.Must(t, err)
	hour := time.Now().Add(-time.Hour)
	datatest.Must(t, os.Chtimes(old, hour, hour))
	erasedAt := time.Now()
	newer, err := st.DailyBackup(ctx, data.BackupDir(path), time.Now(), 5)
	datatest.Must(t, err)
	datatest.Must(t, os.Chtimes(newer, erasedAt.Add(time.Minute), erasedAt.Add(time.Minute)))
	other := filepath.Join(filepath.Dir(path), "notes.txt")
	datatest.Must(t, os.WriteFile(other, []byte("keep me"), 0o600))

	listed, err := st.BackupsBefore(erasedAt)
	if err != nil || !slices.Equal(listed, []string{old}) {
		t.Fatalf("backups before the erasure: %v (%v), want %s", listed, err, old)
	}
	removed, err := st.RemoveBackupsBefore(erasedAt, []string{old, newer, other, path})
	if err != nil || !slices.Equal(removed, []string{old}) {
		t.Fatalf("removed %v (%v), want only %s", removed, err, old)
	}
	for _, kept := range []string{newer, other, path} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(kept), err)
		}
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the backup made before the erasure is still there: %v", err)
	}
}
