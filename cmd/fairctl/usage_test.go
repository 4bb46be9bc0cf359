package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs fairctl in-process on a database that does not exist yet.
func runIn(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"--db", db}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// visibleFlags is the flags a command's help must list, as they are typed.
func visibleFlags(c command) []string {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.setup(fs)
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if f.Usage != "" {
			names = append(names, dashes(f.Name))
		}
	})
	return names
}

func TestEveryCommandExplainsItself(t *testing.T) {
	for _, c := range allCommands() {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "event.db")
			code, usage, errs := runIn(t, db, c.name, "-h")
			if code != exitOK || errs != "" {
				t.Fatalf("%s -h: exit %d, stderr %q", c.name, code, errs)
			}
			if !strings.HasPrefix(usage, "Usage: fairctl "+c.name) || !strings.Contains(usage, c.summary[1:]) {
				t.Errorf("%s -h does not give its usage and summary:\n%s", c.name, usage)
			}
			synopsis, _, _ := strings.Cut(usage, "\n")
			for _, name := range visibleFlags(c) {
				if !strings.Contains(usage, "\n  "+name) {
					t.Errorf("%s -h does not explain %s:\n%s", c.name, name, usage)
				}
				if n := strings.Count(synopsis+" ", " "+name+" ") + strings.Count(synopsis, "["+name+" ") + strings.Count(synopsis, "["+name+"]"); n > 1 {
					t.Errorf("%s -h names %s %d times in its synopsis: %s", c.name, name, n, synopsis)
				}
			}
			for _, same := range [][]string{{c.name, "--help"}, {"help", c.name}} {
				if code, out, errs := runIn(t, db, same...); code != exitOK || out != usage || errs != "" {
					t.Errorf("fairctl %s: exit %d, stderr %q, and output not that of -h:\n%s", strings.Join(same, " "), code, errs, out)
				}
			}

			code, out, errs := runIn(t, db, c.name, "--no-such-flag")
			if code != exitMisuse || out != "" || !strings.Contains(errs, "-no-such-flag") || !strings.HasSuffix(errs, usage) {
				t.Errorf("%s --no-such-flag: exit %d, stdout %q, stderr:\n%s", c.name, code, out, errs)
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("asking for help created or touched the database: %v", err)
			}
		})
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	code, list, errs := runIn(t, db, "--help")
	if code != exitOK || errs != "" {
		t.Fatalf("--help: exit %d, stderr %q", code, errs)
	}
	for _, c := range allCommands() {
		if !strings.Contains(list, "\n  "+strings.TrimSpace(c.name+" "+c.args)+" ") || !strings.Contains(list, "   "+c.summary+"\n") {
			t.Errorf("--help does not list %s with its summary:\n%s", c.name, list)
		}
	}
	if code, out, _ := runIn(t, db, "help"); code != exitOK || out != list {
		t.Errorf("help: exit %d and not the list of --help:\n%s", code, out)
	}
	if code, out, errs := runIn(t, db); code != exitMisuse || out != "" || errs != list {
		t.Errorf("no command: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
}

func TestUnknownCommandExitsTwoWithTheList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	for _, args := range [][]string{{"imprt", "people"}, {"help", "imprt"}} {
		code, out, errs := runIn(t, db, args...)
		if code != exitMisuse || out != "" || !strings.Contains(errs, `unknown command "imprt"`) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
		for _, c := range allCommands() {
			if !strings.Contains(errs, " "+c.name) {
				t.Errorf("%v: the list lacks %s:\n%s", args, c.name, errs)
			}
		}
	}
	if code, _, errs := runIn(t, db, "help", "import", "export"); code != exitMisuse || !strings.Contains(errs, "Usage: fairctl help") {
		t.Errorf("help with two commands: exit %d, stderr %q", code, errs)
	}
}

// A wrong argument, as opposed to a wrong flag, also shows the usage.
func TestMisuseShowsTheCommandsUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	_, usage, _ := runIn(t, db, "import", "--help")
	code, out, errs := runIn(t, db, "import", "people")
	if code != exitMisuse || out != "" || !strings.HasPrefix(errs, "fairctl import: ") || !strings.HasSuffix(errs, usage) {
		t.Errorf("import without a file: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	_, usage, _ = runIn(t, db, "bench", "--help")
	code, out, errs = runIn(t, db, "bench", "--only", "search")
	if code != exitMisuse || out != "" || !strings.Contains(errs, `"workbook"`) || !strings.HasSuffix(errs, usage) {
		t.Errorf("bench --only search: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
}

// The real binary: what main hands the shell.
func TestProcessHelpAndBadFlagExitStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	var out, errOut bytes.Buffer
	cmd := fairctl(t, "--db", db, "import", "--help")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || !strings.Contains(out.String(), "--dry-run") {
		t.Errorf("import --help: %v, stdout %q, stderr %q", err, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	cmd = fairctl(t, "--db", db, "import", "--dry-rum", "people", "x.csv")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	var exit *exec.ExitError
	if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != exitMisuse || !strings.Contains(errOut.String(), "--skip-bad") {
		t.Errorf("import --dry-rum: %v, stderr %q", err, errOut.String())
	}
}
