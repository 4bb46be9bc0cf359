package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// A restore killed at any moment leaves the old event or the restored one,
// and the next command finishes the restore.
func TestRestoreKilledAtRandomPointsLeavesAWholeEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real processes")
	}
	dir := t.TempDir()
	old, other := filepath.Join(dir, "old.db"), filepath.Join(dir, "other.db")
	runFairctl(t, "--db", old, "demo")
	runFairctl(t, "--db", other, "seed", "--people", "300", "--seed", "7")
	backup := filepath.Join(dir, "other.fairdesk")
	runFairctl(t, "--db", other, "backup", "-o", backup)
	oldDump, newDump := runFairctl(t, "--db", old, "dump"), runFairctl(t, "--db", other, "dump")
	oldFile, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range 25 {
		db := filepath.Join(dir, fmt.Sprintf("r%d.db", i))
		if err := os.WriteFile(db, oldFile, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := fairctl(t, "--db", db, "restore", backup)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if got := runFairctl(t, "--db", db, "dump"); got != oldDump && got != newDump {
			t.Fatalf("kill %d: the database holds neither the old event nor the restored one (%d bytes of dump)", i, len(got))
		}
	}
}
