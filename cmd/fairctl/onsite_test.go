package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// onsiteFair is the fair day on its database file, run by fairctl with
// desk-operator logged in. Alice did not consent to share her contact
// details, so no output for an exhibitor may hold them.
type onsiteFair struct {
	*datatest.Fair
	aliceContact []string
}

func newOnsiteFair(t *testing.T) *onsiteFair {
	t.Helper()
	t.Setenv("USER", "desk-operator")
	f := &onsiteFair{Fair: datatest.NewFair(t)}
	f.aliceContact = []string{f.Alice.Email, f.Alice.Phone}
	return f
}

// fairctl runs the command line in-process and returns its exit status and output.
// mustRun is fairctl that fails the test unless it exits 0, giving its
// standard output.
func (f *onsiteFair) mustRun(t *testing.T) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		code, out, errs := f.fairctl(t, args...)
		if code != exitOK {
			t.Fatalf("fairctl %s: exit %d: %s", strings.Join(args, " "), code, errs)
		}
		return out
	}
}

func (f *onsiteFair) fairctl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"--db", f.Path}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// open is the database as another program finds it after fairctl.
func (f *onsiteFair) open(t *testing.T) *data.Store {
	t.Helper()
	return datatest.OpenAt(t, f.Path, nil)
}

func TestFairctlCheckInAndOut(t *testing.T) {
	f := newOnsiteFair(t)
	code, out, errs := f.fairctl(t, "checkin", strings.ToLower(f.Taro.BadgeCode))
	if code != exitOK || !strings.HasPrefix(out, "checked in at ") || !strings.Contains(out, "Taro Yamada (山田 太郎), mentor") {
		t.Fatalf("checkin: %d %q %q", code, out, errs)
	}
	code, out, _ = f.fairctl(t, "checkin", "taro@example.jp")
	if code != exitOK || !regexp.MustCompile(`^already checked in at \d\d:\d\d on desk-1: Taro Yamada`).MatchString(out) {
		t.Errorf("second checkin: %d %q", code, out)
	}
	code, out, _ = f.fairctl(t, "checkin", "Alice", "Smith") // a name, unquoted
	if code != exitOK || !strings.Contains(out, "checked in") {
		t.Errorf("checkin by name: %d %q", code, out)
	}
	code, out, _ = f.fairctl(t, "checkout", f.Taro.BadgeCode)
	if code != exitOK || !strings.HasPrefix(out, "checked out at ") {
		t.Errorf("checkout: %d %q", code, out)
	}
	code, out, _ = f.fairctl(t, "checkout", f.Taro.BadgeCode)
	if code != exitOK || !strings.HasPrefix(out, "not checked in") {
		t.Errorf("second checkout: %d %q", code, out)
	}
	if code, _, errs := f.fairctl(t, "checkin", "NOBODY"); code != exitFailure || !strings.Contains(errs, "no one has") {
		t.Errorf("unknown person: %d %q", code, errs)
	}
	if code, _, _ := f.fairctl(t, "checkin"); code != exitMisuse {
		t.Errorf("checkin without a person: %d, want %d", code, exitMisuse)
	}

	if log := datatest.CheckIns(t, f.open(t), f.Taro.ID); len(log) != 2 || log[0].Operator != "desk-operator" || log[0].Laptop != "desk-1" {
		t.Errorf("Taro's log %+v, want in and out by desk-operator on desk-1", log)
	}
}

func TestFairctlVisitAndExportLeads(t *testing.T) {
	f := newOnsiteFair(t)
	code, out, errs := f.fairctl(t, "visit", "--booth", "A01", f.Taro.BadgeCode, "--note", "Wants a graduate role", "--rating", "hot")
	if code != exitOK || !strings.Contains(out, "visit 1 to A01") || !strings.Contains(out, "rating hot") {
		t.Fatalf("visit: %d %q %q", code, out, errs)
	}
	code, out, _ = f.fairctl(t, "visit", "--booth", "A01", "--note", "Second chat", f.Taro.BadgeCode)
	if code != exitOK || !strings.Contains(out, "visit 2 to A01") {
		t.Errorf("second visit: %d %q", code, out)
	}
	code, out, _ = f.fairctl(t, "visit", "--booth", "A01", "alice@example.com")
	if code != exitOK {
		t.Fatalf("visit by e-mail: %d", code)
	}
	for _, secret := range f.aliceContact {
		if strings.Contains(out, secret) {
			t.Errorf("visit output shows %q", secret)
		}
	}
	for _, bad := range [][]string{
		{"visit", "--booth", "A01", f.Taro.BadgeCode, "--rating", "lukewarm"},
		{"visit", f.Taro.BadgeCode},
		{"visit", "--booth", "A01"},
		{"export", "leads"},
	} {
		if code, _, _ := f.fairctl(t, bad...); code != exitMisuse {
			t.Errorf("fairctl %v: exit %d, want %d", bad, code, exitMisuse)
		}
	}
	if code, _, _ := f.fairctl(t, "visit", "--booth", "Z99", f.Taro.BadgeCode); code != exitFailure {
		t.Errorf("visit to an unknown booth: exit %d, want %d", code, exitFailure)
	}

	file := filepath.Join(t.TempDir(), "leads.csv")
	code, _, errs = f.fairctl(t, "export", "leads", "--booth", "A01", "-o", file)
	if code != exitOK || !strings.Contains(errs, "exported 2 leads of booth A01") {
		t.Fatalf("export leads: %d %q", code, errs)
	}
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	csv := string(body)
	if !strings.HasPrefix(csv, "\uFEFF") || !strings.Contains(csv, "taro@example.jp") || !strings.Contains(csv, "Wants a graduate role\r\nSecond chat") {
		t.Errorf("leads CSV:\n%s", csv)
	}
	for _, secret := range f.aliceContact {
		if strings.Contains(csv, secret) {
			t.Errorf("the export holds %q", secret)
		}
	}
	st := f.open(t)
	booth, err := st.BoothByCode(context.Background(), "A01")
	if err != nil {
		t.Fatal(err)
	}
	exports := datatest.Records(t, st, "lead_exports")
	if len(exports) != 1 || exports[0]["booth_id"] != booth.ID || exports[0]["staff"] != "desk-operator" || exports[0]["laptop"] != "desk-1" || exports[0]["rows"] != float64(2) {
		t.Errorf("export record %v", exports)
	} else if at, err := time.Parse(time.RFC3339, exports[0]["at"].(string)); err != nil || time.Since(at) > time.Minute {
		t.Errorf("export recorded at %v (%v)", exports[0]["at"], err)
	}
	st.Close()

	code, out, _ = f.fairctl(t, "export", "booth-stats")
	if code != exitOK || !strings.Contains(out, "A01,Kaisha KK,Kaisha KK,3,2,") {
		t.Errorf("booth statistics: %d %q", code, out)
	}
}

func TestFairctlBadges(t *testing.T) {
	f := newOnsiteFair(t)
	file := filepath.Join(t.TempDir(), "badges.pdf")
	code, out, errs := f.fairctl(t, "badges", "-o", file, "--paper", "Letter")
	if code != exitOK || !strings.Contains(out, "wrote 3 badges on 1 pages") {
		t.Fatalf("badges: %d %q %q", code, out, errs)
	}
	body, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("badges file: %v", err)
	}
	code, out, _ = f.fairctl(t, "badges", "-o", file, f.Taro.BadgeCode)
	if code != exitOK || !strings.Contains(out, "wrote 1 badges") {
		t.Errorf("one badge: %d %q", code, out)
	}
	if code, _, _ := f.fairctl(t, "badges", "--paper", "A3", "-o", file); code != exitMisuse {
		t.Errorf("A3: exit %d, want %d", code, exitMisuse)
	}
	if code, _, _ := f.fairctl(t, "badges", "-o", file, "NOBODY"); code != exitFailure {
		t.Errorf("badge for no one: exit %d, want %d", code, exitFailure)
	}
}
