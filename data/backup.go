package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// BackupExt is the file name extension of a backup: a single SQLite file
// holding the whole event.
const BackupExt = ".fairdesk"

// DailyBackupsKept is how many automatic daily backups are kept.
const DailyBackupsKept = 7

// BackupInfo is what a backup file holds, for a preview before restoring.
type BackupInfo struct {
	Path          string
	EventName     string // empty when the backup holds no event
	EventStarts   time.Time
	TimeZone      string
	People        int
	Organisations int
	Sessions      int
	Booths        int
	Saved         time.Time // when the file was written
	Schema        int       // its schema version
	Size          int64
}

// Backup writes a consistent copy of the whole event to path while the
// program goes on working. The copy is written beside path first and
// renamed into place, so path is never half-written; it is readable by the
// user only. An existing file at path is replaced.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	err := FillFileAtomically(path, 0o600, func(tmp string) error { return s.Snapshot(ctx, tmp) })
	if err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	return nil
}

// InspectBackup reads what a backup file holds without changing it. A
// backup written by a newer Fairdesk is refused with ErrNewerDatabase; a
// file that is not a Fairdesk database with a plain error.
func InspectBackup(ctx context.Context, path string) (BackupInfo, error) {
	info := BackupInfo{Path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return info, fmt.Errorf("read backup: %w", err)
	}
	if fi.IsDir() || fi.Size() == 0 {
		return info, fmt.Errorf("read backup %s: not a Fairdesk backup (empty or a folder); choose another file", path)
	}
	info.Saved, info.Size = fi.ModTime(), fi.Size()
	if err := checkVersion(path, SchemaVersion()); err != nil {
		if errors.Is(err, ErrNewerDatabase) {
			return info, fmt.Errorf("%w: this backup was made by a newer Fairdesk; install the newer Fairdesk to restore it (nothing was changed)", ErrNewerDatabase)
		}
		return info, err
	}
	db, err := sqlx.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return info, fmt.Errorf("read backup %s: %w", path, err)
	}
	defer db.Close()
	if err := db.GetContext(ctx, &info.Schema, "PRAGMA user_version"); err != nil {
		return info, fmt.Errorf("read backup %s: not a Fairdesk backup (%v); choose another file", path, err)
	}
	if info.Schema == 0 {
		return info, fmt.Errorf("read backup %s: not a Fairdesk backup (no Fairdesk schema version); choose another file", path)
	}
	var ev struct {
		Name     string `db:"name"`
		StartsAt string `db:"starts_at"`
		TimeZone string `db:"time_zone"`
	}
	err = db.GetContext(ctx, &ev, "SELECT name, starts_at, time_zone FROM events WHERE deleted = 0 ORDER BY id LIMIT 1")
	switch {
	case err == nil:
		info.EventName, info.EventStarts, info.TimeZone = ev.Name, parseTimeText(ev.StartsAt), ev.TimeZone
	case strings.Contains(err.Error(), "no rows"):
	default:
		return info, fmt.Errorf("read backup %s: not a Fairdesk backup (%v); choose another file", path, err)
	}
	for _, c := range []struct {
		n     *int
		table string
	}{{&info.People, "people"}, {&info.Organisations, "organisations"}, {&info.Sessions, "sessions"}, {&info.Booths, "booths"}} {
		if err := db.GetContext(ctx, c.n, "SELECT count(*) FROM "+c.table+" WHERE deleted = 0"); err != nil {
			return info, fmt.Errorf("read backup %s: not a Fairdesk backup (%v); choose another file", path, err)
		}
	}
	return info, nil
}

// RestoreBackup puts the backup at backup in place of the database at
// dbPath, which must not be open. The database it replaces is kept beside
// itself as <dbPath>.<time>.before-restore.bak (with its WAL files), and
// that name is returned. A backup from a newer Fairdesk, or a file that is
// not a backup, is refused before anything is touched. The restored file
// is readable by the user only; an older backup is upgraded when it is
// next opened. A crash at any moment leaves the old database or the
// restored one at dbPath, and the next start finishes the restore
// (ReplaceDatabase).
func RestoreBackup(ctx context.Context, backup, dbPath string) (kept string, err error) {
	if _, err := InspectBackup(ctx, backup); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	fresh := FreshDatabasePath(dbPath, "restore")
	if err := copyFileSynced(backup, fresh); err != nil {
		os.Remove(fresh)
		return "", fmt.Errorf("restore: copy %s: %w", backup, err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		kept = fmt.Sprintf("%s.%s.before-restore.bak", dbPath, time.Now().Format("20060102T150405"))
	}
	err = ReplaceDatabase(dbPath, Replacement{Fresh: fresh, Keep: kept, What: "the restore of " + filepath.Base(backup)})
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	return kept, nil
}

// BackupDir is where the automatic daily backups of the database at dbPath go.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

const dailyPrefix = "daily-"

// DailyBackup writes today's automatic backup into dir, unless there is one
// for today already, and then deletes all but the newest keep daily
// backups. It returns the path written, or "" when today's was there.
func (s *Store) DailyBackup(ctx context.Context, dir string, now time.Time, keep int) (string, error) {
	path := filepath.Join(dir, dailyPrefix+now.Format("2006-01-02")+BackupExt)
	written := ""
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := s.Backup(ctx, path); err != nil {
			return "", fmt.Errorf("daily backup: %w", err)
		}
		written = path
	}
	daily, err := DailyBackups(dir)
	if err != nil {
		return written, err
	}
	for len(daily) > keep {
		if err := os.Remove(daily[0]); err != nil {
			return written, fmt.Errorf("daily backup: remove old %s: %w", daily[0], err)
		}
		daily = daily[1:]
	}
	return written, nil
}

// DailyBackups lists the automatic backups in dir, oldest first.
func DailyBackups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var list []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && strings.HasPrefix(n, dailyPrefix) && strings.HasSuffix(n, BackupExt) {
			list = append(list, filepath.Join(dir, n))
		}
	}
	slices.Sort(list) // daily-YYYY-MM-DD sorts by date
	return list, nil
}
