package data

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// This file is the one place that writes files which must never be seen
// half-written, and that puts one database in place of another so that a
// crash at any instant leaves a whole database at its path.

// WriteFileAtomically writes path from write: into a temporary file beside
// it, flushed to disk, then renamed over path. At every instant path holds
// the old file or the new one, never part of either; when write or the
// disk fails, the old file is untouched and the temporary file removed.
func WriteFileAtomically(path string, perm os.FileMode, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+"*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := errors.Join(bw.Flush(), tmp.Chmod(perm), tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// FillFileAtomically is WriteFileAtomically for a writer that needs a file
// name rather than an io.Writer (SQLite's VACUUM INTO): fill makes the
// file at tmp, which is then flushed to disk and renamed over path.
func FillFileAtomically(path string, perm os.FileMode, fill func(tmp string) error) error {
	dir := filepath.Dir(path)
	tmp := filepath.Join(dir, tempPrefix(path)+NewID()+".tmp")
	if err := fill(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	err := os.Chmod(tmp, perm)
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// tempPrefix begins the name of every temporary file made beside path, so
// that the next start can tell them from anything else in the folder.
func tempPrefix(path string) string { return "." + filepath.Base(path) + "." }

// FreshDatabasePath names a new database file to fill beside the database
// at dbPath before it replaces it with ReplaceDatabase. Left over by a
// crash, it is removed at the next start (RemoveLeftovers).
func FreshDatabasePath(dbPath, what string) string {
	return filepath.Join(filepath.Dir(dbPath), tempPrefix(dbPath)+what+"-"+NewID()+".tmp")
}

// Replacement is one database put in place of another.
type Replacement struct {
	Fresh string // the new database, closed, whole, in the same folder
	Keep  string // where the database it replaces is kept, or "" to drop it
	What  string // what it is for, in words for a message: "the restore of a backup"
}

// replaceJournal is written beside the database before a replacement
// starts and removed when it is done. A start that finds one finishes the
// replacement (FinishReplacement). Names are relative to the folder.
type replaceJournal struct {
	Fresh string `json:"fresh"`
	Keep  string `json:"keep,omitempty"`
	What  string `json:"what"`
}

func journalPath(dbPath string) string { return dbPath + ".replacing" }

// replaceStep runs after each step of a replacement; tests stop there, as
// a crash would.
var replaceStep = func(step string) {}

// ReplaceDatabase puts the database r.Fresh in place of the closed
// database at dbPath, with its -wal and -shm files, keeping the old one as
// r.Keep (with its own -wal, so it opens as it was) unless r.Keep is "".
//
// It is safe against a crash at any instant: a journal naming both files
// is written first; the old database is then linked (or copied) to
// r.Keep while it stays in place; its -wal and -shm are removed, which it
// no longer needs at dbPath, and which must never be read with the new
// file; then one rename puts the fresh file over dbPath. Until that rename
// dbPath is the old database (whole at r.Keep), after it the new one, and
// a start that finds the journal (Open does) goes on from where it
// stopped.
func ReplaceDatabase(dbPath string, r Replacement) error {
	if _, err := FinishReplacement(dbPath); err != nil {
		return err
	}
	dir := filepath.Dir(dbPath)
	if filepath.Dir(r.Fresh) != dir || (r.Keep != "" && filepath.Dir(r.Keep) != dir) {
		return fmt.Errorf("replace %s: the new and the kept database must be in the same folder", dbPath)
	}
	if r.Keep != "" {
		if _, err := os.Stat(r.Keep); err == nil {
			return fmt.Errorf("replace %s: %s already exists; wait a second and try again", dbPath, r.Keep)
		}
	}
	if fi, err := os.Stat(r.Fresh + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("replace %s: %s is still open (it has a write-ahead log); close it first", dbPath, r.Fresh)
	}
	os.Remove(r.Fresh + "-wal")
	os.Remove(r.Fresh + "-shm")
	foldWAL(dbPath)
	if err := syncFile(r.Fresh); err != nil {
		return fmt.Errorf("replace %s: %w", dbPath, err)
	}
	j := replaceJournal{Fresh: filepath.Base(r.Fresh), What: r.What}
	if r.Keep != "" {
		j.Keep = filepath.Base(r.Keep)
	}
	body, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := WriteFileAtomically(journalPath(dbPath), 0o600, func(w io.Writer) error { _, err := w.Write(body); return err }); err != nil {
		return fmt.Errorf("replace %s: %w", dbPath, err)
	}
	replaceStep("journal written")
	if err := finishReplacement(dbPath, j); err != nil {
		return fmt.Errorf("replace %s with %s (it finishes at the next start): %w", dbPath, r.What, err)
	}
	return nil
}

// foldWAL writes what the write-ahead log of a closed database holds into
// the database file itself, as SQLite does when the last program closes
// it, for a database that a crash left with its log. Afterwards the file
// alone is the whole database. When it cannot, the log is kept with the
// old database all the same (keepDatabase).
func foldWAL(dbPath string) {
	if fi, err := os.Stat(dbPath + "-wal"); err != nil || fi.Size() == 0 {
		return
	}
	db, err := sql.Open("sqlite", "file:"+uriPath(dbPath))
	if err != nil {
		return
	}
	db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	db.Close()
}

// FinishReplacement finishes a replacement of the database at dbPath that
// a crash interrupted, and says what it did, or "" when there was none.
func FinishReplacement(dbPath string) (string, error) {
	body, err := os.ReadFile(journalPath(dbPath))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("finish an interrupted replacement of %s: %w", dbPath, err)
	}
	var j replaceJournal
	if err := json.Unmarshal(body, &j); err != nil || j.Fresh == "" || strings.ContainsAny(j.Fresh+j.Keep, `/\`) {
		// A journal is written whole or not at all, so this one was not
		// written by Fairdesk: leave everything as it is and say so.
		return "", fmt.Errorf("%s is not a replacement journal Fairdesk wrote; move it away to open %s", journalPath(dbPath), dbPath)
	}
	if err := finishReplacement(dbPath, j); err != nil {
		return "", fmt.Errorf("finish %s, which was interrupted: %w", j.What, err)
	}
	note := fmt.Sprintf("Fairdesk was stopped during %s and has now finished it: %s holds the new event", j.What, dbPath)
	if j.Keep != "" {
		note += fmt.Sprintf(", and the one it replaced is kept as %s", filepath.Join(filepath.Dir(dbPath), j.Keep))
	}
	return note + ".", nil
}

// finishReplacement does the steps of j that are not yet done. Each step
// can be done again after a crash.
func finishReplacement(dbPath string, j replaceJournal) error {
	dir := filepath.Dir(dbPath)
	fresh := filepath.Join(dir, j.Fresh)
	if _, err := os.Stat(fresh); errors.Is(err, os.ErrNotExist) {
		// The rename was done: only the journal is left.
		return removeSynced(journalPath(dbPath))
	}
	if j.Keep != "" {
		if err := keepDatabase(dbPath, filepath.Join(dir, j.Keep)); err != nil {
			return err
		}
		replaceStep("old kept")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	replaceStep("old journal files removed")
	if err := os.Rename(fresh, dbPath); err != nil {
		return err
	}
	syncDir(dir)
	replaceStep("fresh in place")
	return removeSynced(journalPath(dbPath))
}

// keepDatabase gives the database at from, with its -wal, a second name
// keep while it stays where it is: a hard link, or a copy where the disk
// has none. Done before, it is not done again.
func keepDatabase(from, keep string) error {
	for _, suffix := range []string{"", "-wal"} {
		src, dst := from+suffix, keep+suffix
		si, err := os.Stat(src)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if di, err := os.Stat(dst); err == nil {
			if os.SameFile(si, di) {
				continue
			}
			return fmt.Errorf("keep %s as %s: %s already exists", from, keep, dst)
		}
		if err := os.Link(src, dst); err != nil {
			if err := copyFileAtomically(src, dst); err != nil {
				return fmt.Errorf("keep %s as %s: %w", from, keep, err)
			}
		}
	}
	syncDir(filepath.Dir(keep))
	return nil
}

// copyFileAtomically copies a file through a temporary file beside to.
func copyFileAtomically(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	return WriteFileAtomically(to, 0o600, func(w io.Writer) error { _, err := io.Copy(w, in); return err })
}

// copyFileSynced copies a file to a new name and flushes it to disk.
func copyFileSynced(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return errors.Join(out.Sync(), out.Close())
}

// RemoveLeftovers removes what a crash left beside the database at dbPath:
// temporary files of writes that never finished and fresh databases that
// never took its place. A file changed in the last leftoverAge may belong
// to a join or an export still running in another window or fairctl, and
// stays until a later start; a replacement's journal and fresh file are
// left to FinishReplacement. It returns the names it removed.
func RemoveLeftovers(dbPath string) ([]string, error) {
	if _, err := os.Stat(journalPath(dbPath)); err == nil {
		return nil, nil // FinishReplacement has not run: leave its files alone
	}
	removed, err := removeOld(filepath.Dir(dbPath), func(name string) bool { return isLeftover(dbPath, name) })
	// Older versions copied a shared snapshot, the whole event, into the
	// system's temporary folder, where a killed join left it for anyone.
	old, _ := removeOld(os.TempDir(), func(name string) bool {
		return strings.HasPrefix(name, "fairdesk-snapshot-") && strings.HasSuffix(trimJournalSuffix(name), ".db")
	})
	return append(removed, old...), err
}

// removeOld removes the files in dir that leftover accepts and that have
// not changed for leftoverAge.
func removeOld(dir string, leftover func(name string) bool) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !leftover(name) {
			continue
		}
		if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < leftoverAge {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err == nil {
			removed = append(removed, name)
		}
	}
	return removed, nil
}

// trimJournalSuffix is the name of the database a -wal, -shm or -journal
// file belongs to.
func trimJournalSuffix(name string) string {
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		name = strings.TrimSuffix(name, suffix)
	}
	return name
}

// leftoverAge is how long a temporary file must have been left unchanged
// before a start takes it for a leftover. Anything still being written
// (a snapshot being copied, an export) changes far more often.
const leftoverAge = 10 * time.Minute

// leftoverPrefixes begin the names of temporary files that Fairdesk makes
// beside a database: its own (tempPrefix), the copies of a shared snapshot
// that joining and catching up make, and the half-made databases of older
// versions' join and restore.
var leftoverPrefixes = []string{SnapshotTempPrefix, ".joining-"}

func isLeftover(dbPath, name string) bool {
	base := trimJournalSuffix(name)
	if strings.HasPrefix(base, tempPrefix(dbPath)) && strings.HasSuffix(base, ".tmp") {
		return true
	}
	if base == filepath.Base(dbPath)+".restoring" {
		return true
	}
	for _, p := range leftoverPrefixes {
		if strings.HasPrefix(base, p) && strings.HasSuffix(base, ".db") {
			return true
		}
	}
	return false
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename or removal in dir last through a power cut, where
// the system allows it (not on Windows, where it is not needed).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func removeSynced(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// uriPath escapes the characters that end a path in an SQLite URI.
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(strings.ReplaceAll(path, `\`, "/"))
}
