package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSkipBadImportsTheRestAndExitsZero(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	file := filepath.Join(dir, "mixed.csv")
	os.WriteFile(file, []byte("First Name,Last Name,Email\r\nAna,García,ana@example.org\r\n,,nobody@example.org\r\n"+
		"Bob,Smith,not-an-email\r\nCho,Lee,cho@example.org\r\n"), 0o600)
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"--db", db, "demo"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("demo: %d %s", code, stderr.String())
	}
	stdout.Reset()
	if code := run(ctx, []string{"--db", db, "import", "people", file, "--skip-bad"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("--skip-bad: exit %d, want %d (it did what was asked)\n%s", code, exitOK, stderr.String())
	}
	if !strings.Contains(stdout.String(), "2 added, 0 updated, 0 unchanged, 2 skipped") {
		t.Errorf("stdout: %s", stdout.String())
	}
	for _, want := range []string{file + ":3: ", file + ":4:3: ", file + ": 2 bad rows were skipped as asked (--skip-bad)"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	stdout.Reset()
	run(ctx, []string{"--db", db, "search", "cho@example.org"}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "Lee") {
		t.Errorf("the good row after the bad ones was not imported: %s", stdout.String())
	}
}
