package ui

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// importProblemText says what is wrong with a line of an imported file in
// the interface's language: data/sheets hands over its English format,
// the translation key, and the values, and this fills in the translation.
// A problem with no format reads as its English message.
func importProblemText(p sheets.Problem) string {
	if p.Format == "" {
		return p.Message
	}
	return fmt.Sprintf(localFormat(p.Format), localArgs(p.Args)...)
}

// localFormat is format in the interface's language. "%s" and "%v" say
// nothing themselves (the value carries the words) and are not looked up.
func localFormat(format string) string {
	if format == "%s" || format == "%v" {
		return format
	}
	return lang.L(format)
}

// importErrorText is why a file cannot be imported at all, in the
// interface's language: what data/sheets put before its reason (the file,
// the line) as it is, the reason translated. Any other error reads as it is.
func importErrorText(err error) string {
	var r sheets.Reason
	if !errors.As(err, &r) || !strings.HasSuffix(err.Error(), r.Error()) {
		return err.Error()
	}
	return strings.TrimSuffix(err.Error(), r.Error()) + localValue(r).(string)
}

// localArgs is args with every value that carries words of its own said
// in the interface's language, the others as they are.
func localArgs(args []any) []any {
	out := make([]any, len(args))
	for i, v := range args {
		out[i] = localValue(v)
	}
	return out
}

func localValue(v any) any {
	switch v := v.(type) {
	case sheets.Reason:
		return fmt.Sprintf(localFormat(v.Format), localArgs(v.Args)...)
	case sheets.FieldProblems:
		var parts []string
		for _, field := range slices.Sorted(maps.Keys(v)) {
			parts = append(parts, lang.L(v.Label(field))+": "+problemText(v[field]))
		}
		return strings.Join(parts, "; ")
	case data.Problem:
		return problemText(v)
	case *data.ClockGapError:
		return clockGapText(v)
	}
	return v
}
