package ui

import (
	"fmt"
	"image/color"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/assets"
)

// prefLanguage is the language chosen in Settings: "" follows the system
// locale, "en" and "ja" override it. It takes effect at the next start.
const prefLanguage = "ui.language"

// languageChoice is one entry of the language picker. The names are the
// languages' own, so that they read the same in every language.
type languageChoice struct{ code, name string }

func languageChoices() []languageChoice {
	return []languageChoice{{"", lang.L("As the system (%s)")}, {"en", "English"}, {"ja", "日本語"}}
}

// SetupLanguage loads the English and Japanese translations, in the
// language the user chose in Settings or else the system's, and sets the
// theme that draws Japanese text with the bundled font. Call it after
// creating the app and before building any window.
func SetupLanguage(a fyne.App) {
	choice := a.Preferences().StringWithFallback(prefLanguage, "")
	if err := setupTranslations(choice); err != nil {
		fyne.LogError("load the translations", err)
	}
	if activeLanguage() == "ja" {
		a.Settings().SetTheme(newFairdeskTheme())
	}
}

func setupTranslations(choice string) error {
	switch choice {
	case "en", "ja":
		// LANGUAGE leads on Linux and BSD, where Fyne reads the locale
		// from the environment; elsewhere the system's language gets the
		// chosen text as its translation.
		os.Setenv("LANGUAGE", choice)
		system := lang.SystemLocale()
		data, err := assets.Translations.ReadFile("translations/" + choice + ".json")
		if err != nil {
			return err
		}
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(choice)); err != nil {
			return err
		}
		if system.LanguageString() != choice {
			return lang.AddTranslationsForLocale(data, system)
		}
		return nil
	default:
		return lang.AddTranslationsFS(assets.Translations, "translations")
	}
}

// languageSection is the Settings part that picks the language.
type languageSection struct {
	app     fyne.App
	picker  *widget.Select
	notice  *widget.Label
	content fyne.CanvasObject
}

func newLanguageSection(a fyne.App) *languageSection {
	s := &languageSection{app: a}
	choices := languageChoices()
	system := lang.SystemLocale().String()
	var names []string
	for _, c := range choices {
		if c.code == "" {
			c.name = fmt.Sprintf(c.name, system)
		}
		names = append(names, c.name)
	}
	s.picker = widget.NewSelect(names, nil)
	current := a.Preferences().StringWithFallback(prefLanguage, "")
	for i, c := range choices {
		if c.code == current {
			s.picker.SetSelectedIndex(i)
		}
	}
	s.picker.OnChanged = s.onChanged
	s.notice = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	s.notice.Hide()
	s.content = container.NewVBox(
		s.picker,
		s.notice)
	return s
}

func (s *languageSection) onChanged(string) {
	i := s.picker.SelectedIndex()
	choices := languageChoices()
	if i < 0 || i >= len(choices) {
		return
	}
	s.app.Preferences().SetString(prefLanguage, choices[i].code)
	s.notice.SetText(lang.L("Restart Fairdesk to see it in the language chosen."))
	s.notice.Show()
}

// fairdeskTheme is Fyne's default theme with the bundled Japanese font
// (which has Latin letters too) as the text font, for a Japanese
// interface: every screen then draws with one font, which needs no
// Japanese font on the system. An English interface keeps Fyne's own font
// and draws Japanese names with a system font (Fyne's fallback); mixing
// the two fonts within a line shifted the text or drew spaces as boxes.
//
// Bold text has a face of its own (the regular font has none, and Fyne
// does not embolden: titles lost their bold).
type fairdeskTheme struct {
	fyne.Theme
	japanese, japaneseBold fyne.Resource
}

func newFairdeskTheme() fyne.Theme {
	return &fairdeskTheme{Theme: theme.DefaultTheme(),
		japanese:     fyne.NewStaticResource(assets.JapaneseFontName, assets.JapaneseFont),
		japaneseBold: fyne.NewStaticResource(assets.JapaneseBoldFontName, assets.JapaneseBoldFont)}
}

func (t *fairdeskTheme) Font(style fyne.TextStyle) fyne.Resource {
	switch {
	case style.Monospace || style.Symbol:
		return t.Theme.Font(style)
	case style.Bold:
		return t.japaneseBold
	}
	return t.japanese
}

func (t *fairdeskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}

// activeLanguage is "ja" when the interface is in Japanese, else "en".
func activeLanguage() string {
	return lang.X("fairdesk.language", "en")
}

var japaneseWeekdays = strings.NewReplacer("(Sun)", "(日)", "(Mon)", "(月)", "(Tue)", "(火)", "(Wed)", "(水)",
	"(Thu)", "(木)", "(Fri)", "(金)", "(Sat)", "(土)")

// formatTime formats t with the English layout, or with its translation in
// the user's language: 23 October 2026 reads 2026年10月23日(金) in Japanese.
func formatTime(t time.Time, layout string) string {
	s := t.Format(lang.L(layout))
	if activeLanguage() == "ja" {
		s = japaneseWeekdays.Replace(s)
	}
	return s
}

// formatLocalDateTime is a date and time on this laptop's clock.
func formatLocalDateTime(t time.Time) string {
	return formatTime(t.Local(), "Mon 2 Jan 2006 15:04")
}
