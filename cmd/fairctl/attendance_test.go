package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Zoom report of the demo event's panel: one e-mail match, one name
// match who joined twice, a near-match (no accent) and a phone. The dry
// run changes nothing and, like the import, prints no name or e-mail.
func TestImportAttendanceDryRunThenApply(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	file := filepath.Join(dir, "zoom.csv")
	os.WriteFile(file, []byte("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\n"+
		"Aidan,AIDAN.DAVIES.31@example.co.uk,10/23/2026 11:16:00 AM,10/23/2026 12:10:00 PM,54\r\n"+
		"Emily Edwards,,10/23/2026 11:17:00 AM,10/23/2026 11:30:00 AM,13\r\n"+
		"Emily Edwards,,10/23/2026 11:35:00 AM,10/23/2026 12:15:00 PM,40\r\n"+
		"Tomas Brown,,10/23/2026 11:18:00 AM,10/23/2026 12:15:00 PM,57\r\n"+
		"+44 20 7946 0000,,10/23/2026 11:19:00 AM,10/23/2026 11:20:00 AM,1\r\n"), 0o600)
	var stdout, stderr bytes.Buffer
	fairctl := func(args ...string) int {
		stdout.Reset()
		stderr.Reset()
		return run(ctx, append([]string{"--db", db}, args...), &stdout, &stderr)
	}
	if code := fairctl("demo"); code != exitOK {
		t.Fatalf("demo: %d %s", code, stderr.String())
	}
	panel := "Building a career with Japanese"
	fairctl("dump")
	before := stdout.String()
	if code := fairctl("import", "attendance", file, "--session", panel, "--dry-run"); code != exitOK {
		t.Fatalf("dry run: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "2 matched, 1 near, 1 unknown of 5 rows") || strings.Count(stdout.String(), "\n") != 5 {
		t.Errorf("dry run printed:\n%s", stdout.String())
	}
	for _, private := range []string{"Aidan", "aidan", "Emily", "Tomas", "Tomás", "+44", "@"} {
		if strings.Contains(stdout.String()+stderr.String(), private) {
			t.Errorf("the output names %q:\n%s%s", private, stdout.String(), stderr.String())
		}
	}
	fairctl("dump")
	if stdout.String() != before {
		t.Fatal("the dry run changed the database")
	}

	if code := fairctl("import", "attendance", file, "--session", strings.ToUpper(panel)); code != exitOK {
		t.Fatalf("import: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "2 added, 0 already recorded; 1 near-matches left out") {
		t.Errorf("import printed:\n%s", stdout.String())
	}
	if code := fairctl("import", "attendance", file, "--session", panel, "--accept-near"); code != exitOK ||
		!strings.Contains(stdout.String(), "1 added, 2 already recorded") {
		t.Errorf("again with --accept-near: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}

	if code := fairctl("import", "attendance", file, "--booth", "Z99"); code != exitFailure || !strings.Contains(stderr.String(), "Z99") {
		t.Errorf("a missing booth: exit %d, %s", code, stderr.String())
	}
	if code := fairctl("import", "attendance", file); code != exitMisuse {
		t.Errorf("neither --session nor --booth: exit %d, want %d", code, exitMisuse)
	}
	os.WriteFile(file, []byte("Name,Email\r\n\"Unclosed,x@example.org\r\n"), 0o600)
	fairctl("dump")
	before = stdout.String()
	if code := fairctl("import", "attendance", file, "--booth", "A01"); code != exitFailure ||
		!strings.Contains(stderr.String(), file+": attendance report line 2: ") || !strings.Contains(stderr.String(), "nothing was imported") {
		t.Errorf("a broken file: exit %d, %s", code, stderr.String())
	}
	fairctl("dump")
	if stdout.String() != before {
		t.Error("a broken file changed the database")
	}
}
