package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data/sheets"
)

// The Japanese import screen says each problem of a broken file in
// Japanese, with the file's values in it, as the English screen does in
// English (TestImportPreviewShowsMappingAndProblemsOfABrokenFile).
func TestJapaneseImportScreenShowsProblemsInJapanese(t *testing.T) {
	inJapanese(t)
	st, _ := agendaFixture(t)
	f, q, _ := newTestImport(t, st)
	f.open("people_bad.csv", readTestdata(t, "people_bad.csv"))
	q.waitFor(t, "preview", func() bool { return len(f.columns) == 6 })
	want := []string{
		"5 行目: 名前、メールアドレス、バッジコードのどれもありません",
		"6 行目: メール: name@example.org のようなメールアドレスではありません",
		"7 行目: 帰国年: 1850 は年として正しくありません",
		`7 行目: 同意: "maybe" は yes でも no でもありません`,
		"9 行目: メール: 同じアドレスが 2 行目にもあります",
		"10 行目: セルが 7 個ありますが、見出し行の列は 6 個です",
	}
	if !slices.Equal(f.problems.lines, want) {
		t.Errorf("problems:\n%q\nwant\n%q", f.problems.lines, want)
	}
}

// Problems whose Japanese takes the values in another order than the
// English, or whose values carry words of their own (a reason inside a
// reason, a time the clocks skip, the store's own problems), read in
// Japanese all through, the values where they belong.
func TestJapaneseImportProblemsTakeTheirValuesInJapaneseOrder(t *testing.T) {
	inJapanese(t)
	st, _ := agendaFixture(t) // Europe/London
	file := "Title,Start,End,Speakers\r\n" +
		"Offset start,2026-06-10T10:00Z,2026-06-10 10:30,\r\n" +
		"Spring gap,2026-03-29 01:30,2026-03-29 03:00,\r\n" +
		"Ghost,2026-10-23 13:00,14:00,S00001;nobody@example.org\r\n" +
		",2026-10-23 13:00,14:00,\r\n"
	_, err := sheets.Import(context.Background(), st, sheets.Sessions, strings.NewReader(file), sheets.Options{FileName: "s.csv"})
	var pe *sheets.ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, p := range pe.Problems {
		got = append(got, importProblemText(p))
	}
	want := []string{
		"終了: 2026-06-10 10:30(Europe/London) は開始の 2026-06-10T10:00Z(Europe/London では 2026-06-10 11:00) より前です。" +
			"開始には UTC からの時差が書かれていて終了にはないため、終了はイベントのタイムゾーン Europe/London で読まれます。両方を同じ書き方にしてください",
		"開始: 2026年3月29日の Europe/London に 01:30 という時刻はありません(時計が 01:00 から 02:00 に進みます)",
		"登壇者 2 人中 2 人目は登録されていません(そのメールアドレスやバッジコードの人はいません)",
		"タイトルがありません",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%q\nwant\n%q", got, want)
	}
	// The English is what fairctl prints, unchanged.
	if p := pe.Problems[1]; p.Message != "start: 01:30 does not exist on 29 March 2026 in Europe/London: the clocks go forward from 01:00 to 02:00" {
		t.Errorf("English message %q", p.Message)
	}
}

// A problem the store finds with an imported record names the field and
// the problem in Japanese.
func TestJapaneseImportSaysTheStoresProblemsInJapanese(t *testing.T) {
	inJapanese(t)
	st, _ := agendaFixture(t)
	// A known e-mail address with no name: the import adds nothing to the
	// person, a new one fails the store's check.
	file := "Email,Year returned\r\nnew@example.org,2020\r\n"
	_, err := sheets.Import(context.Background(), st, sheets.People, strings.NewReader(file), sheets.Options{FileName: "p.csv"})
	var pe *sheets.ProblemsError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 {
		t.Fatalf("err = %v", err)
	}
	if got, want := importProblemText(pe.Problems[0]), "名: 名前を入力してください(名、姓、漢字氏名のいずれか)"; got != want {
		t.Errorf("problem %q, want %q (English %q)", got, want, pe.Problems[0].Message)
	}
}

// The session form says a start the clocks skip in Japanese, the date
// written the Japanese way; the English stays as fairctl says it.
func TestJapaneseSessionFormSaysTheClockGapInJapanese(t *testing.T) {
	inJapanese(t)
	st, _ := agendaFixture(t)
	s, _, _ := newTestAgenda(t, st, fyne.NewSize(1000, 700))
	s.onAdd()
	f := s.form
	f.title.SetText("Night panel")
	f.date.SetText("2026-03-29")
	f.starts.SetText("01:30")
	f.ends.SetText("03:00")
	_, errs := f.read()
	if got, want := errs["starts_at"], "2026年3月29日の Europe/London に 01:30 という時刻はありません(時計が 01:00 から 02:00 に進みます)"; got != want {
		t.Errorf("a start the clocks skip: %q, want %q", got, want)
	}
}

// A file that cannot be imported as it is says why in Japanese, the file's
// name and columns in it.
func TestJapaneseImportSaysWhyAFileCannotBeImported(t *testing.T) {
	inJapanese(t)
	st, _ := agendaFixture(t)
	f, q, _ := newTestImport(t, st)
	f.open("dup.csv", []byte("Name,Email,Email\r\nAna García,ana@example.org,ana@example.net\r\n"))
	q.waitFor(t, "preview", func() bool { return f.previewErr != nil })
	want := "Dup.csv: 2 列目(Email)と 3 列目(Email) が両方とも項目 email に入ります。" +
		"どちらかを削除するか名前を変えるか、どちらを使うかを列の割り当てで選んでください。 " + lang.L("Choose what the columns hold, or correct the file and import it again.")
	if f.info.Text != want {
		t.Errorf("info %q\nwant %q", f.info.Text, want)
	}
}

// The mapping's choices are the fields of each kind of sheet, named
// through fieldLabel, which the scan of lang.L calls cannot see: each has
// its Japanese, so a Japanese mapping shows no English field.
func TestEveryImportFieldHasAJapaneseLabel(t *testing.T) {
	inJapanese(t)
	for _, kind := range importKinds {
		names := sheets.Fields(kind)
		if len(names) < 3 {
			t.Fatalf("%s: only %d fields", kind, len(names))
		}
		for _, name := range names {
			english := capitalise(strings.ReplaceAll(name, "_", " "))
			if got := fieldLabel(name); got == english || strings.ContainsAny(got, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("%s field %s reads %q in Japanese: add %q to assets/translations/ja.json", kind, name, got, english)
			}
		}
	}
}
