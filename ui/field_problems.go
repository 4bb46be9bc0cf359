package ui

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
)

// fieldProblems maps a field (its column name, as in data.FieldErrors) to
// what is wrong with it, in the interface's language: what data found
// (translated) and what a form found itself (a year that is no number).
type fieldProblems map[string]string

// problemText says a problem data found in the interface's language. The
// code's English text is its translation key; with no translation it
// reads as the English.
func problemText(p data.Problem) string {
	return fmt.Sprintf(lang.L(p.Format()), p.Args...)
}

// translate says every problem of errs in the interface's language.
func translate(errs data.FieldErrors) fieldProblems {
	out := make(fieldProblems, len(errs))
	for field, p := range errs {
		out[field] = problemText(p)
	}
	return out
}

// addMissing adds the problems data found to those a form found itself,
// keeping the form's where both speak of one field.
func (f fieldProblems) addMissing(errs data.FieldErrors) {
	for field, p := range errs {
		if _, already := f[field]; !already {
			f[field] = problemText(p)
		}
	}
}

// errorText is err as the interface says it: a save refused for its
// fields names each field's problem in the interface's language, as
// data.FieldErrors.Error does in English, and so does a time the clocks
// skip; any other error as it is.
func errorText(err error) string {
	var gap *data.ClockGapError
	if errors.As(err, &gap) {
		return clockGapText(gap)
	}
	var fe data.FieldErrors
	if !errors.As(err, &fe) {
		return err.Error()
	}
	problems := translate(fe)
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(problems)) {
		parts = append(parts, field+": "+problems[field])
	}
	return strings.Join(parts, "; ")
}

// clockGapText says a time the clocks skip in the interface's language,
// the date written the language's way (2026年3月29日 in Japanese).
func clockGapText(e *data.ClockGapError) string {
	date := func(t time.Time) string { return formatTime(t, "2 January 2006") }
	return fmt.Sprintf(lang.L(e.Format()), e.Args(date)...)
}

// sentence ends text with the full stop of the interface's language
// (。 in Japanese), unless it ends with one already.
func sentence(text string) string {
	last, _ := utf8.DecodeLastRuneInString(text)
	switch {
	case text == "" || last == '.' || last == '。':
		return text
	case activeLanguage() == "ja":
		return text + "。"
	}
	return text + "."
}
