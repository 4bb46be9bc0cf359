package datatest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Records reads the rows of one synced table, deleted ones included, as
// the store's Dump (fairctl dump) writes them: column -> value, numbers
// as float64. A test sees what the database holds, not what a screen or
// an export chose to show of it.
func Records(t testing.TB, st *data.Store, table string) []map[string]any {
	t.Helper()
	var dump bytes.Buffer
	Must(t, st.Dump(context.Background(), &dump))
	var rows []map[string]any
	for line := range strings.Lines(dump.String()) {
		row := map[string]any{}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("dump line %q: %v", line, err)
		}
		if row["_table"] == table {
			delete(row, "_table")
			rows = append(rows, row)
		}
	}
	return rows
}

// CheckIns is a person's check-in log, oldest first, undo rows included.
func CheckIns(t testing.TB, st *data.Store, personID string) []data.Checkin {
	t.Helper()
	var log []data.Checkin
	for _, r := range Records(t, st, "checkins") {
		if r["person_id"] != personID || r["deleted"] != float64(0) {
			continue
		}
		at, err := time.Parse(time.RFC3339Nano, fmt.Sprint(r["at"]))
		if err != nil {
			t.Fatalf("check-in %v: time %q: %v", r["id"], r["at"], err)
		}
		log = append(log, data.Checkin{ID: fmt.Sprint(r["id"]), PersonID: personID, Action: data.CheckAction(fmt.Sprint(r["action"])),
			Undoes: fmt.Sprint(r["undoes"]), At: at, Laptop: fmt.Sprint(r["laptop"]), Operator: fmt.Sprint(r["operator"])})
	}
	slices.SortFunc(log, func(a, b data.Checkin) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return log
}

// CheckedIn says whether the person's log, read as the desk reads it,
// leaves them in: their last check-in or check-out not undone is a
// check-in.
func CheckedIn(t testing.TB, st *data.Store, personID string) bool {
	t.Helper()
	log := CheckIns(t, st, personID)
	undone := map[string]bool{}
	for _, c := range log {
		if c.Action == data.CheckUndo {
			undone[c.Undoes] = true
		}
	}
	in := false
	for _, c := range log {
		if !undone[c.ID] && c.Action != data.CheckUndo {
			in = c.Action == data.CheckedIn
		}
	}
	return in
}

// CheckIntegrity runs SQLite's own consistency check on the database file
// at path, on a connection of its own that only reads.
func CheckIntegrity(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result []string
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		t.Fatalf("check %s: %v", path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		Must(t, rows.Scan(&line))
		result = append(result, line)
	}
	Must(t, rows.Err())
	if len(result) != 1 || result[0] != "ok" {
		t.Fatalf("database %s is damaged: %s", path, strings.Join(result, "; "))
	}
}
