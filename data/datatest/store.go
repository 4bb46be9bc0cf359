package datatest

import (
	"path/filepath"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

// Open opens a store on a new database file in t.TempDir(), closed when
// the test ends; a clock of nil is the real one.
func Open(t testing.TB, clock data.Clock) *data.Store {
	t.Helper()
	return OpenAt(t, filepath.Join(t.TempDir(), "event.db"), clock)
}

// OpenAt opens the database at path, for a test that reopens a file or
// hands its path to a command; the store is closed when the test ends.
func OpenAt(t testing.TB, path string, clock data.Clock) *data.Store {
	t.Helper()
	st, err := data.Open(path, data.Options{Clock: clock})
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Must fails the test on a setup error.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
