package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

// A subject access request, a consent change and an erasure from the
// command line: the export holds the person's records, the terminal
// output names them by id and badge only, and after the erasure the
// database files hold nothing of them.
func TestPrivacyCommands(t *testing.T) {
	f := newOnsiteFair(t)
	personal := []string{"alice@example.com", "Alice", "Smith", "+44 20"}
	quiet := func(what, out, errOut string) {
		t.Helper()
		for _, p := range personal {
			if strings.Contains(out+errOut, p) {
				t.Errorf("fairctl %s printed %q:\n%s%s", what, p, out, errOut)
			}
		}
	}
	if code, out, errOut := f.fairctl(t, "checkin", "alice@example.com"); code != 0 {
		t.Fatalf("checkin: %d %s %s", code, out, errOut)
	}
	file := filepath.Join(t.TempDir(), "alice.json")
	code, out, errOut := f.fairctl(t, "export", "person", "alice@example.com", "-o", file)
	if code != 0 {
		t.Fatalf("export person: %d %s %s", code, out, errOut)
	}
	quiet("export person", out, errOut)
	var doc data.SubjectAccess
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.PersonID != f.Alice.ID || len(doc.Records["people"]) != 1 || doc.Records["people"][0]["email"] != "alice@example.com" || len(doc.Records["checkins"]) != 1 {
		t.Errorf("the export lacks Alice's records: %s", b)
	}
	if strings.Contains(string(b), "taro@example.jp") {
		t.Error("Alice's export holds Taro's e-mail")
	}

	code, out, errOut = f.fairctl(t, "consent", "alice@example.com", "yes")
	quiet("consent", out, errOut)
	st := f.open(t)
	p, err := st.Person(context.Background(), f.Alice.ID)
	if err != nil || !p.Consent || code != 0 {
		t.Errorf("consent yes: exit %d, consent %v, %v", code, p.Consent, err)
	}
	st.Close()

	// Without --yes it asks; with no answer (the test's standard input) nothing is erased.
	if code, _, _ := f.fairctl(t, "erase", "alice@example.com"); code == 0 {
		t.Error("erase without confirmation succeeded")
	}
	st = f.open(t)
	if _, err := st.Person(context.Background(), f.Alice.ID); err != nil {
		t.Errorf("erase without confirmation erased: %v", err)
	}
	st.Close()
	code, out, errOut = f.fairctl(t, "erase", "--yes", "alice@example.com")
	if code != 0 {
		t.Fatalf("erase: %d %s %s", code, out, errOut)
	}
	quiet("erase", out, errOut)
	for _, path := range []string{f.Path, f.Path + "-wal", f.Path + "-shm"} {
		raw, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, p := range []string{"alice@example.com", "Smith", "+44 20"} {
			if bytes.Contains(raw, []byte(p)) {
				t.Errorf("%s holds %q after the erasure", filepath.Base(path), p)
			}
		}
	}
	code, _, errOut = f.fairctl(t, "export", "person", "alice@example.com", "-o", file)
	if code != exitFailure || strings.Contains(errOut, "alice") {
		t.Errorf("export of an erased person: exit %d, %q", code, errOut)
	}
}
