package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fairctl reads and writes workbooks by the file's extension; a workbook
// with several sheets is imported only once --sheet names one.
func TestFairctlWorkbooks(t *testing.T) {
	f := newOnsiteFair(t)
	dir := t.TempDir()
	book := excelize.NewFile()
	book.SetSheetName("Sheet1", "Cover")
	book.SetCellValue("Cover", "A1", "Registrations")
	book.NewSheet("Attendees")
	book.SetSheetRow("Attendees", "A1", &[]any{"First Name", "Last Name", "E-mail Address"})
	book.SetSheetRow("Attendees", "A2", &[]any{"Ken", "Watanabe", "ken@example.jp"})
	book.SetSheetRow("Attendees", "A3", &[]any{"Nobody", "", "not an e-mail"})
	in := filepath.Join(dir, "registrations.xlsx")
	if err := book.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	code, _, errs := f.fairctl(t, "import", "people", in)
	if code != exitFailure || !strings.Contains(errs, `has 2 sheets with data, "Cover", "Attendees", and one is imported at a time; choose one with --sheet NAME`) {
		t.Fatalf("no --sheet: %d %q", code, errs)
	}
	code, _, errs = f.fairctl(t, "import", "people", in, "--sheet", "Attendees")
	if code != exitFailure || !strings.Contains(errs, "registrations.xlsx:Attendees!C3: ") || !strings.Contains(errs, "nothing was imported") {
		t.Fatalf("a bad row: %d %q", code, errs)
	}
	// (Whether skipping rows as asked is a failure is another question.)
	code, out, errs := f.fairctl(t, "import", "people", in, "--sheet", "Attendees", "--skip-bad")
	if code == exitMisuse || !strings.Contains(out, "1 added") {
		t.Fatalf("--skip-bad: %d %q %q", code, out, errs)
	}

	file := filepath.Join(dir, "people.xlsx")
	if code, _, errs := f.fairctl(t, "export", "people", "-o", file); code != exitOK {
		t.Fatalf("export people -o people.xlsx: %d %q", code, errs)
	}
	body, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		t.Fatalf("people.xlsx is no workbook (%v)", err)
	}
	back, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	rows, err := back.GetRows("People")
	if err != nil || len(rows) != 5 || rows[0][0] != "given_name" { // the header, the fair's three people and Ken
		t.Errorf("People sheet %q (%v)", rows, err)
	}
}
