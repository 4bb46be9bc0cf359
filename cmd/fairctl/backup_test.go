package main

import (
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
