package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/xuri/excelize/v2"
)

// The workbooks LibreOffice Calc made of our CSV fixtures
// (testdata/libreoffice/make.sh) import as the CSV files do: the same
// people, sessions and booths, exported again byte for byte.
func TestImportLibreOfficeWorkbooks(t *testing.T) {
	ctx := context.Background()
	fromCSV, fromXLSX := openStore(t), openStore(t)
	for _, f := range []struct {
		kind Kind
		name string
	}{{People, "people_registration"}, {People, "people_ja"}, {Sessions, "sessions"}, {Booths, "booths"}} {
		importFile(t, fromCSV, f.kind, f.name+".csv")
		res := importFile(t, fromXLSX, f.kind, "libreoffice/"+f.name+".xlsx")
		if res.Added == 0 || len(res.Problems) > 0 {
			t.Errorf("%s.xlsx: %+v", f.name, res)
		}
	}
	for _, export := range []func(context.Context, *data.Store, io.Writer) error{ExportPeople, ExportSessions, ExportBooths} {
		var a, b bytes.Buffer
		if err := export(ctx, fromCSV, &a); err != nil {
			t.Fatal(err)
		}
		if err := export(ctx, fromXLSX, &b); err != nil {
			t.Fatal(err)
		}
		if x, y := withoutMadeUp(t, a.Bytes()), withoutMadeUp(t, b.Bytes()); x != y {
			t.Errorf("imported from CSV:\n%s\nfrom the workbooks:\n%s", x, y)
		}
	}
	// The British workbook holds 23/10/2026 17:00 as a date, shown as
	// 10/23/26 05:00 PM: it is read as the date it is.
	sessions, err := fromXLSX.Sessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sessions[2].Starts, time.Date(2026, 10, 23, 16, 0, 0, 0, time.UTC); sessions[2].Title != "Networking" || !got.Equal(want) {
		t.Errorf("%s starts %v, want %v", sessions[2].Title, got, want)
	}
}

// withoutMadeUp is an exported CSV file without what each import makes up
// anew (session ids, badge codes), its rows as lines of cells as import
// reads them (without the apostrophe that guards a formula).
func withoutMadeUp(t *testing.T, file []byte) string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file, utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for n, r := range records {
		for i, name := range records[0] {
			if n > 0 && (name == "id" || name == "badge_code") {
				r[i] = "…"
			}
			r[i] = RestoreFormula(r[i])
		}
		lines = append(lines, strings.Join(r, " | "))
	}
	return strings.Join(lines, "\n")
}

// workbook makes an .xlsx in memory: sheet name -> rows.
func workbook(t *testing.T, sheets []string, rows map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, cells := range rows[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWorkbookProblemsNameSheetAndRow(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	before := dump(t, st)
	file := workbook(t, []string{"Agenda"}, map[string][][]any{"Agenda": {
		{"Title", "Start", "End", "Speakers"},
		{"Fine", time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC), time.Date(2026, 10, 23, 11, 0, 0, 0, time.UTC), "mary@example.com"},
		{"Backwards", "2026-10-23 12:00", "2026-10-23 11:00", ""},
		{"Nobody speaks", "2026-10-23 13:00", "2026-10-23 14:00", "nobody@example.com"},
		{"Overflow", "2026-10-23 15:00", "2026-10-23 16:00", "", "", "stray"},
	}})
	_, err := Import(ctx, st, Sessions, bytes.NewReader(file), Options{FileName: "agenda.xlsx"})
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		"agenda.xlsx:Agenda!C3: end: 2026-10-23 11:00 is before the start, 2026-10-23 12:00; a session must end after it starts",
		"agenda.xlsx:Agenda!D4: speaker 1 of 1 is not anyone registered (no one has that e-mail address or badge code)",
		"agenda.xlsx:Agenda!5: a cell in column F, right of the last column with a header; give it a header or clear it",
	}
	if got := problemStrings(pe.Problems); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if after := dump(t, st); after != before {
		t.Error("a workbook with bad rows changed the database")
	}
	// With the bad rows left out, the good one is in, at the time the
	// date cell holds (wall clock in London, BST).
	res, err := Import(ctx, st, Sessions, bytes.NewReader(file), Options{FileName: "agenda.xlsx", SkipBad: true})
	if err != nil || res.Added != 1 || res.Skipped != 3 {
		t.Fatalf("--skip-bad: %+v, %v", res, err)
	}
	sessions, _ := st.Sessions(ctx)
	if len(sessions) != 1 || !sessions[0].Starts.Equal(time.Date(2026, 10, 23, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("sessions %+v", sessions)
	}
}

func TestWorkbookWithSeveralSheets(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	file := workbook(t, []string{"Cover", "People", "Notes", "Empty"}, map[string][][]any{
		"Cover":  {{"Alumni Careers Fair registrations"}},
		"People": {{"First Name", "Last Name", "Email"}, {"Mary Ann", "Smith", "mary@example.com"}},
		"Notes":  {{"", "", ""}, {"checked by the office"}},
	})
	_, err := Import(ctx, st, People, bytes.NewReader(file), Options{FileName: "reg.xlsx"})
	var choice *SheetChoiceError
	if !errors.As(err, &choice) || strings.Join(choice.Sheets, ",") != "Cover,People,Notes" ||
		err.Error() != `reg.xlsx has 3 sheets with data, "Cover", "People", "Notes", and one is imported at a time` {
		t.Fatalf("err = %v", err)
	}
	if countPeople(t, st) != 0 {
		t.Fatal("an ambiguous workbook imported people")
	}
	_, err = Import(ctx, st, People, bytes.NewReader(file), Options{FileName: "reg.xlsx", Sheet: "Attendees"})
	if !errors.As(err, &choice) || choice.Asked != "Attendees" || !strings.Contains(err.Error(), `reg.xlsx has no sheet "Attendees"; its sheets are "Cover", "People", "Notes", "Empty"`) {
		t.Fatalf("err = %v", err)
	}
	res, err := Import(ctx, st, People, bytes.NewReader(file), Options{FileName: "reg.xlsx", Sheet: "people"})
	if err != nil || res.Added != 1 {
		t.Fatalf("--sheet people: %+v %v", res, err)
	}
	if p := personByKey(t, st, "mary@example.com"); p.GivenName != "Mary Ann" {
		t.Errorf("Mary = %+v", p)
	}
}

func TestNotAWorkbook(t *testing.T) {
	st := openStore(t)
	for name, body := range map[string]string{
		"old.xls":   "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest of an old workbook",
		"fake.xlsx": "given_name\r\nMary\r\n",
		"torn.xlsx": "PK\x03\x04 and then nothing a zip needs",
	} {
		_, err := Import(context.Background(), st, People, strings.NewReader(body), Options{FileName: name})
		if err == nil || !strings.HasPrefix(err.Error(), name) || !strings.Contains(err.Error(), "(.xlsx)") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if countPeople(t, st) != 0 {
		t.Error("a broken workbook imported people")
	}
}

func TestDateFormat(t *testing.T) {
	for _, c := range []struct {
		id          int
		code        string
		date, clock bool
	}{
		{14, "", true, false}, {22, "", true, true}, {20, "", false, true}, {0, "", false, false}, {2, "", false, false},
		{165, `yyyy\-mm\-dd\ hh:mm:ss`, true, true}, {166, `hh:mm:ss\ AM/PM`, false, true}, {167, "dd/mm/yyyy", true, false},
		{168, `[$-411]ggge"年"m"月"d"日"`, true, false}, {169, "[h]:mm", false, true}, {170, "mmm-yy", true, false},
		{171, `0.00" days"`, false, false}, {172, "[Red]#,##0;[Blue]-#,##0", false, false}, {173, "General", false, false},
		{174, "0.00E+00", false, false}, {175, `"Day "0`, false, false},
	} {
		if date, clock := dateFormat(c.id, c.code); date != c.date || clock != c.clock {
			t.Errorf("dateFormat(%d, %q) = %v, %v; want %v, %v", c.id, c.code, date, clock, c.date, c.clock)
		}
	}
}
