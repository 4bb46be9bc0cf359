package sheets

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRows is what excelize's row iterator gives for each row of a
// sheet that has cells, after isoDates: the reference sheetRows matches.
func excelizeRows(t *testing.T, raw []byte, sheet string) map[int][]string {
	t.Helper()
	f := openWithISODates(t, raw)
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int][]string{}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			t.Fatalf("excelize row %d: %v", n, err)
		}
		if len(cells) > 0 {
			got[n] = cells
		}
	}
	return got
}

func openWithISODates(t *testing.T, raw []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := isoDates(f); err != nil {
		t.Fatal(err)
	}
	return f
}

func ourRows(t *testing.T, raw []byte, sheet string) (map[int][]string, error) {
	t.Helper()
	f := openWithISODates(t, raw)
	defer f.Close()
	values, part, err := sheetPart(raw, f, sheet)
	if err != nil {
		return nil, err
	}
	got := map[int][]string{}
	err = sheetRows(part, values, func(n int, cells []string) error {
		if _, twice := got[n]; twice {
			return fmt.Errorf("row %d twice", n)
		}
		if len(cells) > 0 {
			got[n] = cells
		}
		return nil
	})
	return got, err
}

func sameRows(t *testing.T, name string, raw []byte, sheet string) {
	t.Helper()
	want := excelizeRows(t, raw, sheet)
	got, err := ourRows(t, raw, sheet)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(want) == 0 {
		t.Fatalf("%s: excelize read no rows", name)
	}
	for n := range max(len(want), len(got)) + 10 {
		if !reflect.DeepEqual(got[n], want[n]) {
			t.Errorf("%s row %d:\n got %q\nwant %q", name, n, got[n], want[n])
		}
	}
}

// The rows of every workbook read as excelize reads them: LibreOffice's,
// our exports, and one with every kind of cell excelize writes.
func TestSheetRowsReadAsExcelizeDoes(t *testing.T) {
	for _, name := range []string{"people_registration", "people_ja", "sessions", "booths"} {
		raw := readTestdata(t, "libreoffice/"+name+".xlsx")
		sameRows(t, name+".xlsx", raw, firstSheet(t, raw))
	}

	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	importFile(t, st, People, "people_ja.csv")
	importFile(t, st, Sessions, "sessions.csv")
	for _, kind := range []Kind{People, Sessions} {
		var b bytes.Buffer
		if err := ExportWorkbook(context.Background(), st, kind, &b); err != nil {
			t.Fatal(err)
		}
		sameRows(t, "export of "+string(kind), b.Bytes(), sheetNames[kind])
	}

	sameRows(t, "every kind of cell", everyKindOfCell(t), "Sheet1")
}

func firstSheet(t *testing.T, raw []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return f.GetSheetList()[0]
}

// everyKindOfCell is a workbook of text, numbers, booleans, dates and
// times in formats of several countries, formulas and rich text.
func everyKindOfCell(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style := func(s excelize.Style) int {
		id, err := f.NewStyle(&s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	code := func(c string) excelize.Style { return excelize.Style{CustomNumFmt: &c} }
	styles := []int{
		0,
		style(code("00000")), style(code("0.00%")), style(code("#,##0.00")), style(code("dd/mm/yyyy hh:mm")),
		style(code(`[$-411]ggge"年"m"月"d"日"`)), style(code("h:mm AM/PM")), style(code("@")), style(code("mm/dd/yy")),
		style(excelize.Style{NumFmt: 14}), style(excelize.Style{NumFmt: 22}), style(excelize.Style{NumFmt: 49}),
		style(excelize.Style{Font: &excelize.Font{Bold: true}}), style(code(`yyyy\-mm\-dd\Thh:mm:ss\+\0\1\:\0\0`)),
	}
	values := []any{
		"plain", "  spaced  ", "line\r\nbreak", "a <b> & \"c\" 'd'", "_x000D_ literal", "emoji 😀", "山田 太郎", "=not a formula",
		true, false, 0, 42, -7, 1234567, 3.14159, 0.1 + 0.2, 1e20, 123456789012345678, math.SmallestNonzeroFloat64,
		time.Date(2026, 10, 23, 10, 30, 0, 0, time.UTC), time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC), "0123", "",
	}
	row := 1
	for _, s := range styles {
		for col, v := range values {
			cell, _ := excelize.CoordinatesToCellName(col+1, row)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if s != 0 {
				if err := f.SetCellStyle("Sheet1", cell, cell, s); err != nil {
					t.Fatal(err)
				}
			}
		}
		row++
	}
	// A gap of rows, a formula, rich text and a cell far to the right.
	row += 3
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellFormula("Sheet1", fmt.Sprintf("A%d", row), "1+1"))
	must(f.SetCellRichText("Sheet1", fmt.Sprintf("B%d", row), []excelize.RichTextRun{{Text: "bold "}, {Text: "and plain"}}))
	must(f.SetCellValue("Sheet1", fmt.Sprintf("Z%d", row), "far right"))
	var b bytes.Buffer
	must(f.Write(&b))
	return b.Bytes()
}

// withParts is a workbook with some of its parts replaced.
func withParts(t *testing.T, raw []byte, parts map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if body, ok := parts[f.Name]; ok {
			io.WriteString(w, body)
			delete(parts, f.Name)
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, r)
		r.Close()
	}
	for name, body := range parts {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>`

// The XML spreadsheets write, in the forms XML allows (a namespace
// prefix, CDATA, comments, character references, line ends, phonetic
// guides, rows and cells without numbers), reads as excelize reads it.
func TestSheetRowsReadHandWrittenXML(t *testing.T) {
	sheet := sheetHead + `
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v> 1 </x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>in&#x4E00;line</x:t></x:is></x:c></x:row>
<!-- a comment between rows -->
<x:row><x:c t="inlineStr"><x:is><x:r><x:t>run </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">two</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ルビ</x:t></x:rPh></x:is></x:c><x:c><x:v>1.50</x:v></x:c><x:c/><x:c t="b"><x:v>1</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>formula &amp; text</x:v></x:c></x:row>
<x:row r="5" spans="1:3"><x:c r="C5" t="inlineStr"><x:is><x:t><![CDATA[<cdata & text>]]></x:t></x:is></x:c><x:c r="A5"><x:f>1/0</x:f></x:c></x:row>
<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:t>cr` + "\r\n" + `lf &#13; kept _x005F_x000D_ and _x000D_</x:t></x:is></x:c><x:c r="B6" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="C6" t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="7"/>
</x:sheetData></x:worksheet>`
	shared := `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<si><t>姓</t><rPh sb="0" eb="1"><t>セイ</t></rPh></si>` +
		`<si><r><t>rich</t></r><r><rPr><i/></rPr><t> text</t></r></si>` +
		`<si><t/></si></sst>`
	raw := withParts(t, workbook(t, []string{"Sheet1"}, map[string][][]any{"Sheet1": {{"x"}}}),
		map[string]string{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": shared})
	sameRows(t, "hand-written", raw, "Sheet1")
	got, _ := ourRows(t, raw, "Sheet1")
	if want := []string{"run two", "1.5", "", "TRUE", "formula & text"}; !reflect.DeepEqual(got[2], want) {
		t.Errorf("row 2 = %q, want %q", got[2], want)
	}
}

// A sheet whose XML is damaged stops the import with a message naming
// the file and sheet, and nothing is imported; excelize's own iterator
// would have stopped quietly at the damage and imported the rows before.
func TestDamagedSheetXML(t *testing.T) {
	base := workbook(t, []string{"People"}, map[string][][]any{"People": {{"x"}}})
	header := `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>given_name</x:t></x:is></x:c></x:row>`
	for name, rows := range map[string]string{
		"cut off":          `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>given_name</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Mary`,
		"unknown entity":   `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>given_name</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>&bomb;</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
		"bad reference":    `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>given_name</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>&#0;</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
		"bad row number":   `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>given_name</x:t></x:is></x:c></x:row><x:row r="-3"></x:row></x:sheetData></x:worksheet>`,
		"bad cell name":    `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>given_name</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="2A"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		"entity declared":  header + `<!DOCTYPE x [<!ENTITY a "b">]><x:row r="2"></x:row></x:sheetData></x:worksheet>`,
		"unquoted attr":    header + `<x:row r=2></x:row></x:sheetData></x:worksheet>`,
		"style not number": header + `<x:row r="2"><x:c r="A2" s="bold"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	} {
		raw := withParts(t, base, map[string]string{"xl/worksheets/sheet1.xml": sheetHead + rows})
		st := openStore(t)
		_, err := Import(context.Background(), st, People, bytes.NewReader(raw), Options{FileName: "reg.xlsx"})
		if err == nil || !strings.HasPrefix(err.Error(), "reg.xlsx:People: the sheet cannot be read") {
			t.Errorf("%s: %v", name, err)
		}
		if countPeople(t, st) != 0 {
			t.Errorf("%s: a damaged sheet imported people", name)
		}
		st.Close()
	}
}

// FuzzSheetRows: whatever a sheet part holds, reading it ends with rows
// or an error, never a panic or a hang.
func FuzzSheetRows(f *testing.F) {
	f.Add([]byte(sheetHead + `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a&amp;b</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`))
	f.Add([]byte(`<sheetData><row><c s="1"><v>1.5</v></c><c t="b"><v>1</v></c><c><f/></c></row><row r="3"/></sheetData>`))
	f.Add([]byte(`<sheetData><row><c><v><![CDATA[x]]><!-- c --></v></c></row><>`))
	wb := excelize.NewFile()
	defer wb.Close()
	f.Fuzz(func(t *testing.T, part []byte) {
		values := &cellValues{f: wb, strings: []string{"shared"}, shown: map[shownValue]string{}, styled: map[int]bool{}}
		_ = sheetRows(part, values, func(int, []string) error { return nil })
		_, _ = sharedStrings(part)
	})
}
