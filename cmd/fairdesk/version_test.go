package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fyneAppDetails reads Version and Build from the top-level FyneApp.toml.
func fyneAppDetails(t *testing.T) (version, build string) {
	t.Helper()
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	v := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	n := regexp.MustCompile(`(?m)^\s*Build\s*=\s*(\d+)`).FindSubmatch(b)
	if v == nil || n == nil {
		t.Fatalf("FyneApp.toml has no Version or Build:\n%s", b)
	}
	return string(v[1]), string(n[1])
}

// The binary that `make build` makes, and one built by `go run` style from
// the top folder, both report FyneApp.toml's version.
func TestBuiltBinaryReportsFyneAppVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the app")
	}
	version, build := fyneAppDetails(t)
	want := "Fairdesk " + version + " (build " + build + ")"
	// The flags `make build` uses: ask make for them, so the test checks
	// the Makefile, not a copy of it.
	out, err := exec.Command("make", "-s", "-n", "-C", "../..", "build").Output()
	if err != nil {
		t.Skipf("make: %v", err)
	}
	m := regexp.MustCompile(`-ldflags "([^"]+)"`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("make build passes no -ldflags:\n%s", out)
	}
	dir := t.TempDir()
	for _, c := range []struct{ name, ldflags string }{{"make-build", string(m[1])}, {"plain", ""}} {
		exe := filepath.Join(dir, c.name)
		args := []string{"build", "-tags", "migrated_fynedo", "-o", exe}
		if c.ldflags != "" {
			args = append(args, "-ldflags", c.ldflags)
		}
		if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		cmd := exec.Command(exe, "--version")
		cmd.Dir = "../.." // a plain build finds FyneApp.toml here, as under go run
		cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LANGUAGE=en", "DISPLAY=")
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s --version: %v", c.name, err)
		}
		if line := strings.TrimSpace(string(got)); line != want {
			t.Errorf("%s --version said %q, want %q", c.name, line, want)
		}
	}
}
