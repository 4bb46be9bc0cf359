package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A write to a shared event says how many changes wait to be shared and
// that fairctl sync sends them; a sync, a read, or an event never shared
// says nothing of the kind.
func TestWritesToASharedEventSayWhatWaitsToBeShared(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, folder := filepath.Join(dir, "e.db"), filepath.Join(dir, "shared")
	file := filepath.Join(dir, "people.csv")
	os.WriteFile(file, []byte("First Name,Last Name,Email\r\nAna,García,ana@example.org\r\nCho,Lee,cho@example.org\r\n"), 0o600)
	fairctl := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(ctx, append([]string{"--db", db}, args...), &stdout, &stderr); code != exitOK {
			t.Fatalf("fairctl %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		return stderr.String()
	}
	const hint = "to be shared with the other laptops; fairctl sync sends them."
	if out := fairctl("demo"); strings.Contains(out, hint) {
		t.Errorf("an event never shared: %s", out)
	}
	os.MkdirAll(folder, 0o700)
	fairctl("share", "--folder", folder)
	out := fairctl("import", "people", file)
	if !strings.Contains(out, "changes wait "+hint) {
		t.Fatalf("the import on a shared event said:\n%s", out)
	}
	if out := fairctl("search", "lee"); strings.Contains(out, hint) {
		t.Errorf("a search said: %s", out)
	}
	if out := fairctl("sync"); strings.Contains(out, hint) {
		t.Errorf("the sync said: %s", out)
	}
	if out := fairctl("checkin", "cho@example.org"); !strings.Contains(out, "1 change waits "+hint) {
		t.Errorf("a check-in after the sync said:\n%s", out)
	}
}
