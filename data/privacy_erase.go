package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Erasure ("erase this person", UK GDPR art. 17) works in two steps. An
// organiser's laptop writes an erasure record, the person's id and nothing
// else, as an ordinary synced change; every laptop that has or applies it
// removes every row and value about the person: the person, their
// check-ins, attendance, sign-ups, talks, booth staffing, visits and leads,
// the history and conflicts of all of them, their stamps, the search index,
// the want-to-meet lists, the notification ledger and the notifications
// that name them. The writer connection runs with secure_delete on
// (store.go), so every value deleted or replaced, now or before, was
// zeroed where it lay; the search index is merged so no old segment keeps a token,
// and the WAL is checkpointed and truncated after the commit, so no copy
// stays in the -wal file. The record stays, so that a change about the
// person that arrives later (from a laptop that had not synced) is dropped.
// Copies outside the database are not reached: backups (BackupsBefore lists
// them for the organiser to delete) and a booth's exported lead files,
// which are the exhibitor's responsibility.

// personTables are the synced tables with a person_id column.
var personTables = []table{boothStaffTable, sessionSpeakersTable, signupsTable, checkinsTable, visitsTable, attendanceTable, leadsTable,
	meetingRequestsTable, hostPreferencesTable, meetingsTable}

// hostTables are the synced tables with a host_id column: a mentor or
// recruiter erased takes their slots, meetings and what was asked of them.
var hostTables = []table{meetingSlotsTable, meetingRequestsTable, hostPreferencesTable, meetingsTable}

// ErasePerson erases a person on this laptop and records the erasure for
// every other laptop. Only an organiser's laptop may.
func (s *Store) ErasePerson(ctx context.Context, id string) error {
	role, err := s.LocalRole(ctx)
	if err != nil {
		return err
	}
	if !role.IsOrganiser() {
		return errors.New("erase a person: only an organiser's laptop may erase people")
	}
	return s.write(ctx, func(w *writer) error {
		var known, erased int
		if err := w.tx.Get(&known, "SELECT count(*) FROM people WHERE id = ?", id); err != nil {
			return fmt.Errorf("erase person %s: %w", id, err)
		}
		if err := w.tx.Get(&erased, "SELECT count(*) FROM erasures WHERE id = ?", id); err != nil {
			return fmt.Errorf("erase person %s: %w", id, err)
		}
		if known == 0 && erased == 0 {
			return fmt.Errorf("erase person %s: %w", id, ErrNotFound)
		}
		if erased == 0 {
			if err := w.insert(erasuresTable, id, []any{w.nowText()}); err != nil {
				return fmt.Errorf("erase person %s: %w", id, err)
			}
		}
		if err := w.erasePerson(id); err != nil {
			return fmt.Errorf("erase person %s: %w", id, err)
		}
		return nil
	})
}

// erasePerson removes everything about a person in this transaction.
func (w *writer) erasePerson(id string) error {
	w.erased = true
	w.changed = true
	forms, err := writtenForms(w.tx, id)
	if err != nil {
		return err
	}
	rows, err := personRows(context.Background(), w.tx, id)
	if err != nil {
		return err
	}
	// The search index and names rows go before the person's, whose rowid they share.
	for _, derived := range derivedTables {
		if _, err := w.tx.Exec("DELETE FROM "+derived+" WHERE rowid IN (SELECT rowid FROM people WHERE id = ?)", id); err != nil {
			return err
		}
	}
	var subjects []string
	for _, tbl := range slices.Sorted(maps.Keys(rows)) {
		for _, rid := range rows[tbl] {
			subjects = append(subjects, rid)
			for _, q := range []string{"DELETE FROM history WHERE tbl = ? AND id = ?", "DELETE FROM stamps WHERE tbl = ? AND id = ?"} {
				if _, err := w.tx.Exec(q, tbl, rid); err != nil {
					return err
				}
			}
			if _, err := w.tx.Exec("DELETE FROM "+tbl+" WHERE id = ?", rid); err != nil {
				return err
			}
		}
	}
	if _, err := w.tx.Exec("DELETE FROM wanted_visitors WHERE person_id = ?", id); err != nil {
		return err
	}
	for _, subject := range subjects {
		if _, err := w.tx.Exec("DELETE FROM notify_ledger WHERE subject = ?", subject); err != nil {
			return err
		}
		if _, err := w.tx.Exec("DELETE FROM notifications WHERE target_id = ?", subject); err != nil {
			return err
		}
	}
	for _, form := range forms {
		if _, err := w.tx.Exec("DELETE FROM notifications WHERE instr(title, ?1) > 0 OR instr(body, ?1) > 0", form); err != nil {
			return err
		}
	}
	// Merging the index into one segment drops the deleted tokens, which
	// FTS5 otherwise keeps in older segments until a merge happens to come.
	if _, err := w.tx.Exec("INSERT INTO people_fts (people_fts) VALUES ('optimize')"); err != nil {
		return err
	}
	return nil
}

// writtenForms are the ways a person is written, to find the local texts
// (notifications) that name them.
func writtenForms(q sqlx.Queryer, id string) ([]string, error) {
	var forms []string
	err := sqlx.Select(q, &forms, `SELECT value FROM (
		SELECT given_name || ' ' || family_name AS value FROM people WHERE id = ?1
		UNION ALL SELECT kanji_name FROM people WHERE id = ?1
		UNION ALL SELECT kana_name FROM people WHERE id = ?1
		UNION ALL SELECT email FROM people WHERE id = ?1) WHERE trim(value) <> ''`, id)
	return forms, err
}

// personRows lists, by synced table, the ids of every row about a person:
// theirs, those with their person_id, and the conflicts about any of them.
func personRows(ctx context.Context, q sqlx.QueryerContext, id string) (map[string][]string, error) {
	rows := map[string][]string{peopleTable.name: {id}}
	var linked []string
	for _, t := range personTables {
		var ids []string
		if err := sqlx.SelectContext(ctx, q, &ids, "SELECT id FROM "+t.name+" WHERE person_id = ? ORDER BY id", id); err != nil {
			return nil, err
		}
		rows[t.name] = ids
		linked = append(linked, ids...)
	}
	for _, t := range hostTables {
		var ids []string
		if err := sqlx.SelectContext(ctx, q, &ids, "SELECT id FROM "+t.name+" WHERE host_id = ? ORDER BY id", id); err != nil {
			return nil, err
		}
		rows[t.name] = append(rows[t.name], ids...)
		linked = append(linked, ids...)
	}
	list, err := json.Marshal(linked)
	if err != nil {
		return nil, err
	}
	var conflicts []string
	err = sqlx.SelectContext(ctx, q, &conflicts, `SELECT id FROM conflicts WHERE (tbl = 'people' AND (row_id = ?1 OR other = ?1))
		OR row_id IN (SELECT value FROM json_each(?2)) ORDER BY id`, id, string(list))
	if err != nil {
		return nil, err
	}
	rows[conflictsTable.name] = conflicts
	return rows, nil
}

// afterErase runs once a transaction that erased someone has committed:
// it copies the WAL into the database and truncates it, so that the old
// pages are overwritten and the -wal file holds no copy. A reader in the middle of a read can keep the
// checkpoint from finishing; it is tried a few times.
func (s *Store) afterErase() error {
	for try := 0; try < 50; try++ {
		var busy, log, done int
		if err := s.writer.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &log, &done); err != nil {
			return fmt.Errorf("checkpoint the database after an erasure: %w", err)
		}
		if busy == 0 {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("checkpoint the database after an erasure: another program keeps reading it; close it and erase again")
}

// Erased lists the ids of the people erased in this event.
func (s *Store) Erased(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.reader.SelectContext(ctx, &ids, "SELECT id FROM erasures WHERE deleted = 0 ORDER BY id")
	return ids, err
}

// BackupsBefore lists the backups of this laptop's database written
// before t: the daily backups and the copies kept before a schema
// upgrade. They may still hold an erased person; the organiser decides
// whether to delete them.
func (s *Store) BackupsBefore(t time.Time) ([]string, error) {
	daily, err := DailyBackups(BackupDir(s.path))
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(filepath.Dir(s.path))
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	for _, e := range entries {
		// Open copies the database to <file>.v<N>-<time>.bak before an upgrade.
		if n := e.Name(); strings.HasPrefix(n, filepath.Base(s.path)+".v") && strings.HasSuffix(n, ".bak") {
			daily = append(daily, filepath.Join(filepath.Dir(s.path), n))
		}
	}
	var list []string
	for _, p := range daily {
		if fi, err := os.Stat(p); err == nil && fi.ModTime().Before(t) {
			list = append(list, p)
		}
	}
	slices.Sort(list)
	return list, nil
}

// RemoveBackupsBefore deletes, after an erasure, the backups the organiser
// chose from the list BackupsBefore(t) gave. A chosen path that list does
// not hold now (not a backup of this database, or made after t) is left
// alone, so that no caller can delete anything else by naming it. It
// returns the paths it removed; a removal that fails stops it there.
func (s *Store) RemoveBackupsBefore(t time.Time, chosen []string) ([]string, error) {
	listed, err := s.BackupsBefore(t)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, p := range chosen {
		if !slices.Contains(listed, p) {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return removed, fmt.Errorf("delete backup %s: %w", filepath.Base(p), err)
		}
		syncDir(filepath.Dir(p))
		removed = append(removed, p)
	}
	return removed, nil
}
