package sheets

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/xuri/excelize/v2"
)

// calcConvert has LibreOffice Calc convert a file to another format, as a
// person who opened it and saved it would, and returns the new file. It
// skips the test when LibreOffice is not installed.
func calcConvert(t *testing.T, name string, file []byte, to string) []byte {
	t.Helper()
	office, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed (apt-get install libreoffice-calc): the workbook is not checked in a real spreadsheet")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, file, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so that no other LibreOffice holds it.
	cmd := exec.CommandContext(ctx, office, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", to, "--outdir", filepath.Join(dir, "out"), in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, out)
	}
	ext, _, _ := strings.Cut(to, ":")
	out, err := os.ReadFile(filepath.Join(dir, "out", strings.TrimSuffix(name, filepath.Ext(name))+"."+ext))
	if err != nil {
		t.Fatalf("LibreOffice wrote no %s file: %v", ext, err)
	}
	return out
}

func exportBoth(t *testing.T, st *data.Store, kind Kind, export func(context.Context, *data.Store, io.Writer) error) (csvFile, xlsx []byte) {
	t.Helper()
	var a, b bytes.Buffer
	if err := export(context.Background(), st, &a); err != nil {
		t.Fatal(err)
	}
	if err := ExportWorkbook(context.Background(), st, kind, &b); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.Bytes()
}

// Our workbooks, saved as CSV by LibreOffice Calc, are our CSV exports:
// every cell, the session times included, reads the same (the formula
// guard of the CSV file aside, which a workbook does not need).
func TestWorkbookExportSavedAsCSVByCalc(t *testing.T) {
	st := eventWithPeopleAndSessions(t)
	for _, c := range []struct {
		kind   Kind
		export func(context.Context, *data.Store, io.Writer) error
	}{{People, ExportPeople}, {Sessions, ExportSessions}, {Booths, ExportBooths}} {
		csvFile, xlsx := exportBoth(t, st, c.kind, c.export)
		back := calcConvert(t, string(c.kind)+".xlsx", xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1")
		// Compared as import reads them: the apostrophe that guards a
		// CSV cell from running as a formula is the CSV file's alone.
		if want, got := withoutMadeUp(t, csvFile), withoutMadeUp(t, back); got != want {
			t.Errorf("%s: Calc saved our workbook as\n%s\nour CSV export is\n%s", c.kind, got, want)
		}
	}
}

func TestWorkbookExportLayout(t *testing.T) {
	ctx := context.Background()
	st := eventWithPeopleAndSessions(t)
	_, xlsx := exportBoth(t, st, Sessions, ExportSessions)
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "Sessions" {
		t.Fatalf("sheets %v", sheets)
	}
	panes, err := f.GetPanes("Sessions")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v (%v): the header row is not frozen", panes, err)
	}
	tables, err := f.GetTables("Sessions")
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:L5" {
		t.Errorf("tables %+v (%v): the header row has no filter", tables, err)
	}
	// starts_at is column D: a number with a date format, 10:00 in London.
	if typ, _ := f.GetCellType("Sessions", "D2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("D2 is text, want a date")
	}
	raw, _ := f.GetCellValue("Sessions", "D2", excelize.Options{RawCellValue: true})
	if serial, err := excelize.ExcelDateToTime(mustFloat(t, raw), false); err != nil || !serial.Equal(time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("D2 holds %s (%v), want 23 October 2026 10:00", raw, err)
	}
	if shown, _ := f.GetCellValue("Sessions", "D5"); shown != "2026-10-26T09:00:00Z" {
		t.Errorf("D5 shows %q", shown)
	}
	if capacity, _ := f.GetCellType("Sessions", "H2"); capacity == excelize.CellTypeSharedString || capacity == excelize.CellTypeInlineString {
		t.Errorf("capacity is text, want a number")
	}
	if w, _ := f.GetColWidth("Sessions", "B"); w < float64(len("Working in Japan")) || w > 60 {
		t.Errorf("title column %.1f wide", w)
	}
	// Our own workbook imports back to the same sessions.
	again := openStore(t)
	importFile(t, again, People, "people_registration.csv")
	importFile(t, again, People, "people_ja.csv")
	if _, err := Import(ctx, again, Sessions, bytes.NewReader(xlsx), Options{FileName: "sessions.xlsx"}); err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := ExportSessions(ctx, st, &a); err != nil {
		t.Fatal(err)
	}
	if err := ExportSessions(ctx, again, &b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("exported, imported and exported again:\n%s\nwant:\n%s", b.String(), a.String())
	}
}

func mustFloat(t *testing.T, text string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		t.Fatalf("%q is not a number", text)
	}
	return v
}

// A cell the CSV export guards with an apostrophe is plain text in a
// workbook: exactly what was typed, and no formula.
func TestWorkbookHoldsFormulaTextAsText(t *testing.T) {
	st := openStore(t)
	in := "given_name,family_name,email,notes\r\n\"=HYPERLINK(\"\"http://x\"\")\",Smith,a@example.com,@SUM(A1)\r\n"
	if _, err := Import(context.Background(), st, People, strings.NewReader(in), Options{FileName: "in.csv"}); err != nil {
		t.Fatal(err)
	}
	_, xlsx := exportBoth(t, st, People, ExportPeople)
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A2": `=HYPERLINK("http://x")`, "T2": "@SUM(A1)"} {
		got, _ := f.GetCellValue("People", cell)
		formula, _ := f.GetCellFormula("People", cell)
		if got != want || formula != "" {
			t.Errorf("%s = %q (formula %q), want the text %q", cell, got, formula, want)
		}
	}
}
