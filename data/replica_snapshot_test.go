package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedCopy writes st's shared snapshot and runs statements on the file,
// as someone editing it in the folder would.
func sharedCopy(t *testing.T, st *Store, statements ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "snap.db")
	if err := st.SharedSnapshot(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

func TestForeignSnapshotValuesArriveAsOurTypes(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t, nil)
	p := Person{GivenName: "Aiko", Email: "aiko@example.org"}
	if err := st.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	// Values of the wrong type, a number for text and an integer id, which SQLite lets
	// a file hold whatever the column says.
	path := sharedCopy(t, st,
		"UPDATE people SET consent = 'yes', given_name = x'00ff41', year_returned = 2.5, notes = 123",
		"INSERT INTO booths (id, code, name, hlc, dev, seq) VALUES (42, 7, 'x', 'later', 'dev', 0)")
	snap, err := OpenForeignSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	joined := openTemp(t, nil)
	if err := joined.FillFromSnapshot(ctx, snap, nil); err != nil {
		t.Fatal(err)
	}
	if err := joined.CheckIntegrity(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := joined.Person(ctx, p.ID)
	if err != nil || got.Email != "aiko@example.org" || got.Notes != "123" || got.YearReturned != 2 {
		t.Fatalf("copied person: %+v, %v", got.Person, err)
	}
	var id, code string
	if err := joined.reader.QueryRow("SELECT id, code FROM booths WHERE typeof(id) = 'text' AND typeof(code) = 'text'").Scan(&id, &code); err != nil || id != "42" || code != "7" {
		t.Fatalf("the booth with an integer id did not arrive as text: %q %q %v", id, code, err)
	}
}

func TestForeignSnapshotOfANewerFairdeskIsRefused(t *testing.T) {
	path := sharedCopy(t, openTemp(t, nil), "PRAGMA user_version = 99")
	_, err := OpenForeignSnapshot(context.Background(), path)
	if !errors.Is(err, ErrNewerDatabase) || !strings.Contains(err.Error(), "update this laptop to read it") {
		t.Fatalf("want a newer-Fairdesk refusal, got %v", err)
	}
}

func TestForeignSnapshotThatIsNotADatabaseIsRefused(t *testing.T) {
	path := sharedCopy(t, openTemp(t, nil))
	if err := os.WriteFile(path, []byte("SQLite format 3\x00 but then nothing, not a page"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenForeignSnapshot(context.Background(), path); !errors.Is(err, ErrForeignSchema) {
		t.Fatalf("want a refusal, got %v", err)
	}
}
