package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTemp is datatest.Open for the tests that look at the store's
// internals: this package cannot import datatest, which imports it.
// A clock of nil is the real one.
func openTemp(t testing.TB, clock Clock) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "event.db"), Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestPersonLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t, nil)
	p := Person{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎", KanaName: "やまだ たろう",
		Email: "taro@example.jp", Roles: NewSet(string(RoleMentor))}
	if err := s.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.BadgeCode) != 6 {
		t.Fatalf("badge code %q, want six characters", p.BadgeCode)
	}
	for _, q := range []string{"yam", "Taro", "山田", "太郎", "ヤマダ", "taro@ex", p.BadgeCode[:4]} {
		got, err := s.SearchPeople(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != p.ID {
			t.Errorf("search %q found %d people, want Taro", q, len(got))
		}
	}
	dup := Person{GivenName: "Jiro", Email: "TARO@example.jp"}
	var fe FieldErrors
	if err := s.SavePerson(ctx, &dup); !errors.As(err, &fe) || fe["email"].Code != ProblemEmailTaken {
		t.Fatalf("duplicate e-mail saved: %v", err)
	}
	p.JobTitle = "Engineer"
	if err := s.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	var stamped int
	s.reader.Get(&stamped, "SELECT count(*) FROM stamps WHERE tbl = 'people' AND id = ? AND col = 'job_title'", p.ID)
	if stamped != 1 {
		t.Errorf("job title change left %d stamps, want 1", stamped)
	}
	if err := s.DeletePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountPeople(ctx, PeopleFilter{Query: "yamada"}); n != 0 {
		t.Errorf("deleted person still found")
	}
	if err := s.RestorePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountPeople(ctx, PeopleFilter{Query: "yamada", Role: RoleMentor}); n != 1 {
		t.Errorf("restored mentor not found")
	}
}

func TestNewerDatabaseRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "event.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.writer.Exec("PRAGMA user_version = 99")
	s.Close()
	before, _ := os.ReadFile(path)
	_, walBefore := os.Stat(path + "-wal")
	_, err = Open(path, Options{})
	if !errors.Is(err, ErrNewerDatabase) || !strings.Contains(err.Error(), "99") {
		t.Fatalf("newer database opened: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("refused database was changed")
	}
	if _, walAfter := os.Stat(path + "-wal"); (walBefore == nil) != (walAfter == nil) {
		t.Error("opening the refused database created or removed its WAL file")
	}
}

func TestHLCNeverGoesBack(t *testing.T) {
	now := time.Date(2026, 10, 23, 11, 0, 0, 0, time.UTC)
	c := &hlcSource{now: func() time.Time { return now }}
	a := c.next()
	now = now.Add(-time.Hour)
	b := c.next()
	if b <= a {
		t.Fatalf("stamp went back: %v then %v", a, b)
	}
}

func TestMigrationCopiesTheDatabaseFirst(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	s, err := open(path, Options{}, migrations()[:1])
	if err != nil {
		t.Fatal(err)
	}
	// Written as version 1's code wrote it: today's writes keep tables
	// that version lacks.
	p := Person{ID: "p-aoi", GivenName: "Aoi", FamilyName: "Mori", Email: "aoi@example.jp"}
	if _, err := s.writer.Exec("INSERT INTO people (id, given_name, family_name, email, hlc, dev, seq) VALUES (?, ?, ?, ?, 1, 'd', 1)",
		p.ID, p.GivenName, p.FamilyName, p.Email); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.Person(ctx, p.ID); err != nil || got.Email != p.Email {
		t.Fatalf("person lost in the upgrade: %v", err)
	}
	if found, err := s.SearchPeople(ctx, "mori", 10); err != nil || len(found) != 1 {
		t.Fatalf("after the upgrade a search finds %d people (%v), want the one", len(found), err)
	}
	backups, _ := filepath.Glob(path + ".v1-*.bak")
	if len(backups) != 1 {
		t.Fatalf("found %d copies of the version 1 database, want 1", len(backups))
	}
	old, err := open(backups[0], Options{}, migrations()[:1])
	if err != nil {
		t.Fatalf("the copy does not open as a version 1 database: %v", err)
	}
	defer old.Close()
	if got, err := old.Person(ctx, p.ID); err != nil || got.GivenName != "Aoi" {
		t.Fatalf("the copy lacks the person: %v", err)
	}
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "event.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	broken := append(migrations(), migration{version: len(migrations()) + 1, name: "9999_broken.sql", sql: "CREATE TABLE x (a); SELECT nonsense FROM nowhere;"})
	if _, err := open(path, Options{}, broken); err == nil || !strings.Contains(err.Error(), "9999_broken.sql") {
		t.Fatalf("broken migration: %v", err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("database unusable after a failed upgrade: %v", err)
	}
	defer s.Close()
	var tables int
	s.reader.Get(&tables, "SELECT count(*) FROM sqlite_schema WHERE name = 'x'")
	if tables != 0 {
		t.Error("half of the failed migration was kept")
	}
}

func TestNotAFairdeskDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("shopping list"), 0o600)
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "not a Fairdesk database") {
		t.Fatalf("opened a text file: %v", err)
	}
}
