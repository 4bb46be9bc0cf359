package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"modernc.org/sqlite"
)

// SQLite's primary result codes that opening can end with (sqlite.org/rescode.html).
const (
	sqliteReadOnly = 8
	sqliteCorrupt  = 11
	sqliteCantOpen = 14
	sqliteNotADB   = 26
)

// ErrDamagedDatabase is returned by Open for a database file that is cut
// short or otherwise damaged. The file is left as it is.
var ErrDamagedDatabase = errors.New("the database file is damaged")

// explainOpenError words what SQLite reports as "unable to open database
// file (14)" or "database disk image is malformed (11)" as what it means
// and what to do; any other error is returned as it is.
func explainOpenError(path string, err error) error {
	var sqErr *sqlite.Error
	if !errors.As(err, &sqErr) {
		return err
	}
	switch sqErr.Code() & 0xff {
	case sqliteCantOpen, sqliteReadOnly:
		if why := notWritable(path); why != "" {
			return fmt.Errorf("open database %s: %s, and Fairdesk must write there (the database, and its journal beside it); "+
				"copy the file to a folder you can write to and open it there: %w", path, why, err)
		}
	case sqliteCorrupt, sqliteNotADB:
		return fmt.Errorf("open database %s: %w (it may have been cut short by a full disk, a failed copy or a sync tool); "+
			"it was left as it is. %s (%v)", path, ErrDamagedDatabase, restoreAdvice(path), err)
	}
	return err
}

// notWritable says why the database at path cannot be written, or "" when
// it can: a real write is tried, as permissions alone do not tell (root
// ignores them, a read-only mount overrides them).
func notWritable(path string) string {
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".fairdesk-write-check-*")
	if err == nil {
		probe.Close()
		os.Remove(probe.Name())
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err != nil {
			if errors.Is(err, os.ErrPermission) {
				return "the file is read-only"
			}
		} else {
			f.Close()
		}
		return ""
	}
	switch {
	case errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("the disk holding %s is read-only", dir)
	case errors.Is(err, os.ErrPermission):
		return fmt.Sprintf("the folder %s is read-only for you", dir)
	}
	return ""
}

// restoreAdvice points at the newest automatic backup, or at where the
// backups are kept.
func restoreAdvice(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs // the folder is named in full, to be found from anywhere
	}
	dir := BackupDir(path)
	list, _ := DailyBackups(dir)
	if len(list) == 0 {
		return fmt.Sprintf("Restore your latest backup over it (fairctl restore FILE, or Backups in the app's settings); "+
			"there is no automatic backup in %s yet", dir)
	}
	return fmt.Sprintf("Restore the newest backup over it: fairctl restore %s (or Backups in the app's settings); "+
		"%d automatic backups are in %s", list[len(list)-1], len(list), dir)
}
