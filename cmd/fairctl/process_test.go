package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// The test binary doubles as fairctl, so that tests can run real fairctl
// processes side by side and kill them.
func TestMain(m *testing.M) {
	if os.Getenv("FAIRCTL_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// fairctl runs $FAIRCTL_BIN (make test builds it without the race
// detector, which would make fifty killed syncs crawl), else this binary.
func fairctl(t *testing.T, args ...string) *exec.Cmd {
	bin := os.Getenv("FAIRCTL_BIN")
	if bin == "" {
		bin = os.Args[0]
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "FAIRCTL_AS_MAIN=1", "LANG=C.UTF-8")
	return cmd
}

func runFairctl(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := fairctl(t, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("fairctl %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

func peopleCSV(t *testing.T, dir, prefix string, n int) string {
	var b strings.Builder
	b.WriteString("First Name,Last Name,Email\n")
	for i := range n {
		fmt.Fprintf(&b, "%s%d,Tester,%s%d@example.org\n", prefix, i, strings.ToLower(prefix), i)
	}
	path := filepath.Join(dir, prefix+".csv")
	datatest.Must(t, os.WriteFile(path, []byte(b.String()), 0o600))
	return path
}

func sharedPair(t *testing.T) (dir, a, b string) {
	dir = t.TempDir()
	folder := filepath.Join(dir, "shared")
	datatest.Must(t, os.Mkdir(folder, 0o700))
	a, b = filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	runFairctl(t, "--db", a, "demo")
	runFairctl(t, "--db", a, "share", "--folder", folder)
	pass, invite := filepath.Join(dir, "pass"), filepath.Join(dir, "invite.age")
	datatest.Must(t, os.WriteFile(pass, []byte("a passphrase for tests\n"), 0o600))
	runFairctl(t, "--db", a, "invite", "--role", "organiser", "-o", invite, "--passphrase-file", pass)
	joined := runFairctl(t, "--db", b, "join", "--folder", folder, "--invite", invite, "--passphrase-file", pass)
	// The laptop the join started from is known by its snapshot, not by a
	// time it was read: no year 1 in the report.
	if !strings.Contains(joined, "known from a snapshot") || strings.Contains(joined, "0001-01-01") {
		t.Errorf("the join reports the laptop it started from as:\n%s", joined)
	}
	return folder, a, b
}

func TestTwoProcessesSyncAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real processes")
	}
	folder, a, b := sharedPair(t)
	dir := filepath.Dir(a)
	var watchers []*exec.Cmd
	for _, db := range []string{a, b} {
		w := fairctl(t, "--db", db, "sync", "--folder", folder, "--watch", "--every", "50ms")
		if err := w.Start(); err != nil {
			t.Fatal(err)
		}
		watchers = append(watchers, w)
	}
	// Each laptop takes in people while both sync in the background.
	for i := range 3 {
		runFairctl(t, "--db", a, "import", "people", peopleCSV(t, dir, fmt.Sprintf("Alpha%d", i), 40))
		runFairctl(t, "--db", b, "import", "people", peopleCSV(t, dir, fmt.Sprintf("Beta%d", i), 40))
	}
	time.Sleep(300 * time.Millisecond)
	for _, w := range watchers {
		w.Process.Signal(syscall.SIGTERM)
		w.Wait()
	}
	for _, db := range []string{a, b, a} {
		runFairctl(t, "--db", db, "sync", "--folder", folder)
	}
	da, db := runFairctl(t, "--db", a, "dump"), runFairctl(t, "--db", b, "dump")
	if da != db {
		t.Fatal("the two databases differ after syncing")
	}
	for _, who := range []string{"alpha2", "beta2"} {
		if !strings.Contains(da, who+"39@example.org") {
			t.Errorf("%s's people are missing", who)
		}
	}
}

func TestSyncKilledAtRandomPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real processes")
	}
	folder, a, b := sharedPair(t)
	dir := filepath.Dir(a)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 50 {
		runFairctl(t, "--db", a, "import", "people", peopleCSV(t, dir, fmt.Sprintf("Kill%d", i), 50))
		// Kill the sender or the receiver somewhere in its sync.
		db := a
		if i%2 == 1 {
			runFairctl(t, "--db", a, "sync", "--folder", folder)
			db = b
		}
		cmd := fairctl(t, "--db", db, "sync", "--folder", folder)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		datatest.OpenAt(t, db, nil).Close() // it opens, recovering its journal
		datatest.CheckIntegrity(t, db)
	}
	for _, db := range []string{a, b, a, b} {
		runFairctl(t, "--db", db, "sync", "--folder", folder)
	}
	if runFairctl(t, "--db", a, "dump") != runFairctl(t, "--db", b, "dump") {
		t.Fatal("the databases differ after the killed syncs")
	}
}

func TestBrokenCSVSaysWhichLinesAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	bad := filepath.Join(dir, "bad.csv")
	datatest.Must(t, os.WriteFile(bad, []byte("First Name,Last Name,Email\r\nAna,García,ana@example.org\r\n,,nobody@example.org\r\nBob,Smith,not-an-email\r\n"), 0o600))
	var before, after, stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"--db", db, "demo"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("demo: %d %s", code, stderr.String())
	}
	run(ctx, []string{"--db", db, "dump"}, &before, &stderr)
	stderr.Reset()
	if code := run(ctx, []string{"--db", db, "import", "people", bad}, &stdout, &stderr); code != exitFailure {
		t.Fatalf("exit %d, want %d", code, exitFailure)
	}
	// The store's problem codes read as English here (Problem.Error).
	for _, want := range []string{bad + ":3: given name: a name is needed (given, family or kanji)\n", bad + ":4:3: "} {
		if n := strings.Count(stderr.String(), want); n != 1 {
			t.Errorf("%q reported %d times, want once:\n%s", want, n, stderr.String())
		}
	}
	run(ctx, []string{"--db", db, "dump"}, &after, &stderr)
	if before.String() != after.String() {
		t.Fatal("a broken file changed the database")
	}
	if code := run(ctx, []string{"--db", db, "import", "people"}, &stdout, &stderr); code != exitMisuse {
		t.Fatalf("missing file name: exit %d, want %d", code, exitMisuse)
	}
}
