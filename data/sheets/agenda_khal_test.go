package sheets

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// khalList imports an agenda into a new, empty calendar of khal (Debian's
// command-line calendar) whose local time zone is zone, and lists every
// event back as khal shows it: "start | end | title", one a line, in
// zone's local time. Everything khal keeps (its configuration, the calendar
// folder and its cache) is in a temporary folder.
func khalList(t *testing.T, agenda []byte, zone string) []string {
	t.Helper()
	khal, err := exec.LookPath("khal")
	if err != nil {
		t.Skip("khal is not installed (apt-get install khal; make test installs it): the agenda is not checked in a real calendar")
	}
	dir := t.TempDir()
	calendar := filepath.Join(dir, "calendar")
	if err := os.Mkdir(calendar, 0o700); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "khal.conf")
	conf := fmt.Sprintf(`[calendars]
[[fair]]
path = %s
[sqlite]
path = %s
[locale]
local_timezone = %s
default_timezone = %s
timeformat = %%H:%%M
dateformat = %%Y-%%m-%%d
longdateformat = %%Y-%%m-%%d
datetimeformat = %%Y-%%m-%%d %%H:%%M
longdatetimeformat = %%Y-%%m-%%d %%H:%%M
[default]
default_calendar = fair
`, calendar, filepath.Join(dir, "khal.db"), zone, zone)
	if err := os.WriteFile(config, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	ics := filepath.Join(dir, "agenda.ics")
	if err := os.WriteFile(ics, agenda, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	khalRun := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, khal, append([]string{"-c", config}, args...)...)
		// Nothing of the user's own: khal's other files go under dir too.
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "TZ="+zone, "LANG=C.UTF-8")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("khal %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
		}
		return string(out)
	}
	khalRun("import", "--batch", "-a", "fair", ics)
	out := khalRun("list", "-a", "fair", "--day-format", "", "--format", "{start} | {end} | {title}", "2026-10-01", "60d")
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// The agenda's sessions fall on both sides of the night the clocks go back
// in London (25 October 2026). A calendar that took the times as UTC, as
// floating times, or as London's summer offset all year, would show the
// last session an hour out in one of these zones.
func TestAgendaInKhalAcrossTheClockChange(t *testing.T) {
	st := eventWithPeopleAndSessions(t)
	var agenda bytes.Buffer
	if err := ExportAgenda(context.Background(), st, &agenda); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		zone string
		want []string
	}{
		{"Europe/London", []string{ // BST (UTC+1), then GMT from 25 October
			"2026-10-23 10:00 | 2026-10-23 11:00 | Opening keynote",
			"2026-10-23 11:30 | 2026-10-23 12:30 | Working in Japan",
			"2026-10-23 17:00 | 2026-10-23 18:30 | Networking",
			"2026-10-26 09:00 | 2026-10-26 10:00 | Online Q&A",
		}},
		{"America/New_York", []string{ // still on summer time (UTC-4) until 1 November
			"2026-10-23 05:00 | 2026-10-23 06:00 | Opening keynote",
			"2026-10-23 06:30 | 2026-10-23 07:30 | Working in Japan",
			"2026-10-23 12:00 | 2026-10-23 13:30 | Networking",
			"2026-10-26 05:00 | 2026-10-26 06:00 | Online Q&A",
		}},
		{"Asia/Tokyo", []string{ // no summer time (UTC+9)
			"2026-10-23 18:00 | 2026-10-23 19:00 | Opening keynote",
			"2026-10-23 19:30 | 2026-10-23 20:30 | Working in Japan",
			"2026-10-24 01:00 | 2026-10-24 02:30 | Networking",
			"2026-10-26 18:00 | 2026-10-26 19:00 | Online Q&A",
		}},
	} {
		t.Run(c.zone, func(t *testing.T) {
			got := khalList(t, agenda.Bytes(), c.zone)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("khal in %s lists:\n%s\nwant:\n%s", c.zone, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
