package ui

import (
	"context"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/assets"
	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// inJapanese makes the interface Japanese until the test ends, as a
// Japanese system locale does, then English again for the tests after it.
func inJapanese(t *testing.T) {
	t.Helper()
	was, had := os.LookupEnv("LANGUAGE")
	os.Setenv("LANGUAGE", "ja")
	ja, err := assets.Translations.ReadFile("translations/ja.json")
	datatest.Must(t, err)
	datatest.Must(t, lang.AddTranslationsForLocale(ja, fyne.Locale("ja")))
	if activeLanguage() != "ja" {
		t.Fatal("the interface did not turn Japanese")
	}
	t.Cleanup(func() {
		if had {
			os.Setenv("LANGUAGE", was)
		} else {
			os.Unsetenv("LANGUAGE")
		}
		en, _ := assets.Translations.ReadFile("translations/en.json")
		lang.AddTranslationsForLocale(en, fyne.Locale("en")) // picks the language again
		if activeLanguage() != "en" {
			t.Error("the interface stayed Japanese after the test")
		}
	})
}

// The problems data finds with a person are codes; the Japanese form says
// them in Japanese, the ones the form finds itself and the ones the store
// finds (an e-mail address someone else has) alike, and saves nothing.
func TestJapaneseFormShowsDataProblemsInJapanese(t *testing.T) {
	inJapanese(t)
	st, _, s, q := addingNobu(t)
	test.Type(s.form.email, "nobu@example")
	test.Tap(s.form.save)
	if got, want := s.form.problemAt(colEmail), "メールアドレスの形式が正しくありません(名前、@、example.com のようなドメインが必要です)。"; got != want {
		t.Errorf("under the e-mail: %q, want %q", got, want)
	}

	s.form.email.SetText("TARO@example.jp")
	test.Tap(s.form.save)
	want := "このメールアドレスはすでに Taro Yamada さんが使っています。"
	q.waitFor(t, "the taken e-mail address in Japanese", func() bool { return s.form.problemAt(colEmail) == want })
	if n, _ := st.CountPeople(context.Background(), data.PeopleFilter{}); n != 5 {
		t.Errorf("%d people, want 5: something was saved", n)
	}
}

// Every problem data can report has its Japanese, with the same values
// (TestJapaneseKeepsFormatVerbs checks the verbs of every entry).
func TestEveryDataProblemHasAJapaneseTranslation(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	codes := data.ProblemCodes()
	if len(codes) < 10 {
		t.Fatalf("only %d problem codes", len(codes))
	}
	for _, code := range codes {
		key := data.Problem{Code: code}.Format()
		if key == string(code) {
			t.Errorf("problem %s has no English text", code)
		}
		if s, ok := translation(ja[key]); !ok || s == "" || s == key {
			t.Errorf("problem %s (%q) has no Japanese in assets/translations/ja.json", code, key)
		}
	}
}
