package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fairctl backup, the database deleted, fairctl restore: the same dump.
func TestBackupDeleteRestoreSameDump(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	runFairctl(t, "--db", db, "demo")
	before := runFairctl(t, "--db", db, "dump")
	backup := filepath.Join(dir, "event.fairdesk")
	out := runFairctl(t, "--db", db, "backup", "-o", backup)
	if !strings.Contains(out, "people") {
		t.Errorf("backup said %q", out)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	out = runFairctl(t, "--db", db, "restore", backup)
	if !strings.Contains(out, "restored") || strings.Contains(out, "kept as") {
		t.Errorf("restore said %q", out)
	}
	if after := runFairctl(t, "--db", db, "dump"); after != before {
		t.Errorf("dump after restore differs (%d bytes before, %d after)", len(before), len(after))
	}
	if len(before) < 1000 {
		t.Errorf("demo dump is only %d bytes", len(before))
	}
}

func TestMissingDatabaseIsAnErrorNotANewEvent(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{{"dump"}, {"search", "yamada"}, {"sync"}, {"backup", "-o", filepath.Join(dir, "b.fairdesk")}} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"--db", missing}, args...), &stdout, &stderr)
		if code != exitFailure || !strings.Contains(stderr.String(), "there is no event database at "+missing) {
			t.Errorf("%v on a missing database: exit %d, %q", args, code, stderr.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%v made files: %v", args, entries)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--db", missing, "demo"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("demo into a new database: exit %d, %s", code, stderr.String())
	}
}
