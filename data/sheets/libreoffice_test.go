package sheets

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// roundTripThroughCalc opens a CSV file in LibreOffice Calc, saves it as
// a workbook, and saves that as CSV again: what a person who opened the
// export and saved it would hand back. It skips the test when LibreOffice
// is not installed (apt-get install libreoffice-calc).
func roundTripThroughCalc(t *testing.T, csvFile []byte) []map[string]string {
	t.Helper()
	office, err := exec.LookPath("soffice")
	if err != nil {
		if office, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("LibreOffice is not installed (apt-get install libreoffice-calc); the check in a real spreadsheet is skipped")
		}
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	convert := func(args ...string) {
		t.Helper()
		// A profile of its own, so that no other LibreOffice holds it.
		args = append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless"}, args...)
		if out, err := exec.CommandContext(ctx, office, args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	in := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(in, csvFile, 0o600); err != nil {
		t.Fatal(err)
	}
	// 44 = comma, 34 = double quote, 76 = UTF-8, 1 = from the first line.
	convert("--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "xlsx"), in)
	convert("--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", filepath.Join(dir, "csv"), filepath.Join(dir, "xlsx", "export.xlsx"))
	back, err := os.ReadFile(filepath.Join(dir, "csv", "export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return csvCells(t, back)
}

func TestCalcShowsNeutralisedCellsAsText(t *testing.T) {
	// First, that the check can fail: a raw formula is computed by Calc.
	if raw := roundTripThroughCalc(t, []byte("given_name,notes\r\n=1+2,x\r\n")); raw[0]["given_name"] != "3" {
		t.Fatalf("Calc did not compute a raw formula (%q); the check below would prove nothing", raw[0]["given_name"])
	}
	ctx := context.Background()
	st := openStore(t)
	if _, err := Import(ctx, st, People, strings.NewReader(formulaPeople), Options{FileName: "reg.csv"}); err != nil {
		t.Fatal(err)
	}
	var export bytes.Buffer
	if err := ExportPeople(ctx, st, &export); err != nil {
		t.Fatal(err)
	}
	written := csvCells(t, export.Bytes())
	opened := roundTripThroughCalc(t, export.Bytes())
	if len(opened) != len(written) {
		t.Fatalf("%d rows came back from Calc, %d were written", len(opened), len(written))
	}
	checked := 0
	for i, row := range written {
		for col, cell := range row {
			if strings.HasPrefix(cell, "'") {
				checked++
				if got := opened[i][col]; got != cell {
					t.Errorf("row %d %s: Calc made %q of %q", i+2, col, got, cell)
				}
			}
		}
	}
	if checked < 6 {
		t.Errorf("only %d neutralised cells checked", checked)
	}
}
