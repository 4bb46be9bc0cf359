package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// export leads --format chooses the file's layout; each export is one file
// for all the booth's leads, and contact details of a visitor who did not
// consent are in none of them.
func TestFairctlExportLeadsFormats(t *testing.T) {
	f := newOnsiteFair(t)
	for _, who := range []string{f.Taro.BadgeCode, "alice@example.com"} {
		if code, _, errs := f.fairctl(t, "visit", "--booth", "A01", who, "--rating", "warm"); code != exitOK {
			t.Fatalf("visit: %d %s", code, errs)
		}
	}
	dir := t.TempDir()
	for format, want := range map[string]string{
		"vcard": "BEGIN:VCARD\r\nVERSION:4.0\r\n",
		"crm":   "\uFEFFFirst Name,Last Name,Email,Phone,Company,Job Title,Lead Status,Notes\r\n",
	} {
		file := filepath.Join(dir, "leads."+format)
		code, _, errs := f.fairctl(t, "export", "leads", "--booth", "A01", "--format", format, "-o", file)
		if code != exitOK || !strings.Contains(errs, "exported 2 leads of booth A01") {
			t.Fatalf("export leads --format %s: %d %q", format, code, errs)
		}
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(body)
		if !strings.HasPrefix(text, want) || !strings.Contains(text, "taro@example.jp") {
			t.Errorf("--format %s:\n%s", format, text)
		}
		for _, secret := range f.aliceContact {
			if strings.Contains(text, secret) {
				t.Errorf("--format %s holds %q, which Alice did not consent to share", format, secret)
			}
		}
	}
	code, _, errs := f.fairctl(t, "export", "leads", "--booth", "A01", "--format", "xml")
	if code != exitMisuse || !strings.Contains(errs, "choose csv, vcard or crm") {
		t.Errorf("--format xml: exit %d, %q", code, errs)
	}
}
