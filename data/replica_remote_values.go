package data

import (
	"fmt"
	"strings"
	"time"
)

// CheckTimeZone says what is wrong with an event's time zone name, or nil
// when it is a real IANA zone. "Local" is refused too: it means whatever
// zone each laptop happens to be set to, so the laptops would disagree on
// when every session starts.
func CheckTimeZone(name string) *Problem {
	if _, err := time.LoadLocation(name); err != nil || name == "" || name == "Local" {
		bad := problem(ProblemTimeZoneUnknown, name)
		return &bad
	}
	return nil
}

// remoteChecks hold, by "table.column", the checks that a value from
// another laptop must pass before it is stored: the same ones the forms
// and imports on this laptop apply, because a shared folder can carry a
// value that no Fairdesk form would have let through.
var remoteChecks = map[string]func(value any) string{
	"events.time_zone": func(v any) string {
		if bad := CheckTimeZone(fmt.Sprint(v)); bad != nil {
			return bad.Error()
		}
		return ""
	},
}

// remoteChecked holds the tables that have a check in remoteChecks.
var remoteChecked = func() map[string]bool {
	tables := map[string]bool{}
	for key := range remoteChecks {
		tables[strings.SplitN(key, ".", 2)[0]] = true
	}
	return tables
}()

// checkRemoteRow refuses a row change from another laptop that carries a
// value this laptop would not accept from its own user. It names the
// table, row and column, never the value of anything but the column
// checked, which holds no personal data.
func checkRemoteRow(rc RowChange) error {
	if !remoteChecked[rc.Table] {
		return nil // most tables have no check: spare a lookup per field
	}
	for col, cell := range rc.Cells {
		value := cellValue(col, cell.Value)
		if text, ok := value.(string); ok && strings.ContainsRune(text, 0) {
			// As an import refuses it: a NUL byte is not text, and would
			// reach exports and search results.
			return fmt.Errorf("refused %s: it holds a NUL byte (\\0), which is not text", col)
		}
		check, ok := remoteChecks[rc.Table+"."+col]
		if !ok {
			continue
		}
		if msg := check(value); msg != "" {
			return fmt.Errorf("refused %s: %s", col, msg)
		}
	}
	return nil
}
