package data

import (
	"context"
	"testing"
)

// TestEveryTableIsSyncedOrLocal: every table the migrations make is either
// synced, the stamps, declared local or derived. A new table in none of
// the lists would be shared in snapshots or lost in them without anyone
// having decided which.
func TestEveryTableIsSyncedOrLocal(t *testing.T) {
	st := openTemp(t, nil)
	var tables []string
	if err := st.reader.SelectContext(context.Background(), &tables, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"); err != nil {
		t.Fatal(err)
	}
	if len(tables) < len(syncedTables)+len(localTables) {
		t.Fatalf("only %d tables read", len(tables))
	}
	for _, name := range tables {
		if tableKind(name) == "" {
			t.Errorf("table %s is neither synced nor declared local or derived (data/tables.go)", name)
		}
	}
	for _, name := range append(localTables, derivedTables...) {
		found := false
		for _, have := range tables {
			found = found || have == name
		}
		if !found {
			t.Errorf("data/tables.go declares %s, which the schema does not have", name)
		}
	}
}

func TestDeviceIDsHaveTheFormReadersCheck(t *testing.T) {
	for range 100 {
		if id := newDeviceID(); !ValidDeviceID(id) {
			t.Fatalf("newDeviceID made %q, which ValidDeviceID refuses", id)
		}
	}
	for _, bad := range []string{"", "../../../VICTIM", "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg"} {
		if ValidDeviceID(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}
