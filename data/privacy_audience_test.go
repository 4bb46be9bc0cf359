package data

import (
	"slices"
	"testing"
)

// Every column of every synced table, read from the schema after all
// migrations, has an audience: a column added without one fails here
// instead of travelling to every laptop.
func TestEveryColumnHasAnAudience(t *testing.T) {
	st := openTemp(t, nil)
	var tables []string
	if err := st.reader.Select(&tables, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"); err != nil {
		t.Fatal(err)
	}
	synced := 0
	for _, name := range tables {
		var cols []string
		if err := st.reader.Select(&cols, "SELECT name FROM pragma_table_info(?)", name); err != nil {
			t.Fatal(err)
		}
		// A synced table is one whose rows carry change stamps and a
		// tombstone (stamps itself holds stamps but is no such table).
		if !slices.Contains(cols, "hlc") || !slices.Contains(cols, "dev") || !slices.Contains(cols, "seq") || !slices.Contains(cols, "deleted") {
			continue
		}
		synced++
		if _, ok := tableNamed(name); !ok {
			t.Errorf("table %s has change stamps but is not in syncedTables", name)
		}
		if audiences[name] == nil {
			t.Errorf("synced table %s has no audiences", name)
			continue
		}
		for _, col := range cols {
			if col == "id" || col == "hlc" || col == "dev" || col == "seq" {
				continue
			}
			if _, err := ruleOf(name, col); err != nil {
				t.Errorf("%v: add it to audiences in privacy_audience.go", err)
			}
		}
	}
	if synced != len(syncedTables) || len(audiences) != len(syncedTables) {
		t.Errorf("%d tables with stamps, %d synced tables, %d with audiences", synced, len(syncedTables), len(audiences))
	}
}

// The split refuses a column it has no rule for rather than sending it.
func TestSplitRefusesUnknownColumn(t *testing.T) {
	sp := &splitter{}
	if _, _, err := sp.split(RowChange{Table: "people", ID: "p", Cells: map[string]Cell{"shoe_size": {Value: "9"}}}); err == nil {
		t.Fatal("a column with no audience was split")
	}
}
