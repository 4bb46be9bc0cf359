package sheets

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// openStore opens a new database file with the event set up in London,
// whose clocks go back during the fair (25 October 2026).
func openStore(t testing.TB) *data.Store {
	t.Helper()
	st := datatest.Open(t, nil)
	ev := data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London",
		Starts: time.Date(2026, 10, 23, 9, 0, 0, 0, time.UTC), Ends: time.Date(2026, 10, 26, 18, 0, 0, 0, time.UTC)}
	if err := st.SaveEvent(context.Background(), &ev); err != nil {
		t.Fatal(err)
	}
	return st
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// importFile imports a file from testdata and fails the test on error.
func importFile(t testing.TB, st *data.Store, kind Kind, name string) Result {
	t.Helper()
	res, err := Import(context.Background(), st, kind, bytes.NewReader(readTestdata(t, name)), Options{FileName: name})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return res
}

func dump(t testing.TB, st *data.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := st.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func personByKey(t testing.TB, st *data.Store, key string) data.PersonRow {
	t.Helper()
	p, err := st.PersonByKey(context.Background(), key)
	if err != nil {
		t.Fatalf("person %s: %v", key, err)
	}
	return p
}

func countPeople(t testing.TB, st *data.Store) int {
	t.Helper()
	n, err := st.CountPeople(context.Background(), data.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}
