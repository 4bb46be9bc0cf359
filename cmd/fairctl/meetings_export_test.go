package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apognu/gocal"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// scheduleFair is the fair with meetings on both sides of the clock
// change (British Summer Time ends at 02:00 on Sunday 25 October 2026):
// Alice meets Taro on video on Saturday 24th at 11:00 BST and booth A01
// (staffed by Bob) at table 1 on Monday 26th at 11:00 GMT. A meeting of
// the draft (proposed) is on no schedule.
func scheduleFair(t *testing.T) *onsiteFair {
	t.Helper()
	f := newOnsiteFair(t)
	ctx := context.Background()
	london := datatest.London
	book := func(h data.Host, seeker data.Person, start time.Time, place, link string, state data.MeetingState) {
		t.Helper()
		slot := data.MeetingSlot{Host: h, Starts: start, Ends: start.Add(15 * time.Minute), Place: place, Link: link, SeekerCap: 2}
		datatest.Must(t, f.Store.SaveSlot(ctx, &slot))
		m := data.Meeting{Host: h, PersonID: seeker.ID, SlotID: slot.ID, State: state}
		datatest.Must(t, f.Store.SaveMeeting(ctx, &m))
	}
	book(data.PersonHost(f.Taro.ID), f.Alice, time.Date(2026, 10, 24, 11, 0, 0, 0, london), "", "https://meet.example.org/taro", data.MeetingBooked)
	book(data.BoothHost(f.Booth.ID), f.Alice, time.Date(2026, 10, 26, 11, 0, 0, 0, london), "Table 1", "", data.MeetingBooked)
	book(data.PersonHost(f.Taro.ID), f.Alice, time.Date(2026, 10, 26, 14, 0, 0, 0, london), "", "", data.MeetingProposed)
	return f
}

// pythonICS reads an .ics with Python's icalendar (Debian:
// python3-icalendar) and prints, per event, its start in UTC, its summary
// and each alarm's trigger.
func pythonICS(t *testing.T, path string) string {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import icalendar").Run(); err != nil {
		t.Logf("python3-icalendar is not installed: the calendar is read by gocal only")
		return ""
	}
	script := `import sys, icalendar, datetime
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART').astimezone(datetime.timezone.utc)
    alarms = [str(a.decoded('TRIGGER')) + ' ' + str(a.get('ACTION')) for a in e.walk('VALARM')]
    print(start.strftime('%Y-%m-%dT%H:%MZ'), e.get('SUMMARY'), '|', ', '.join(alarms))
`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("icalendar could not read %s: %v\n%s", path, err, out)
	}
	return string(out)
}

func TestMeetingsExportOneSeekersCalendarAcrossTheClockChange(t *testing.T) {
	f := scheduleFair(t)
	out := filepath.Join(t.TempDir(), "alice.ics")
	code, stdout, stderr := f.fairctl(t, "meetings", "export", "--seeker", f.Alice.Email, "-o", out)
	if code != exitOK || stdout != "wrote 2 meetings of 1 schedules to "+out+"\n" {
		t.Fatalf("exit %d %q %q", code, stdout, stderr)
	}
	body, _ := os.ReadFile(out)
	text := string(body)
	if strings.Count(text, "BEGIN:VALARM") != 2 || strings.Count(text, "TRIGGER:-PT5M") != 2 || !strings.Contains(text, "DTSTART;TZID=Europe/London:20261026T110000") {
		t.Errorf("the calendar:\n%s", text)
	}
	if strings.Contains(text, "alice@example.com") || strings.Contains(text, "+44") {
		t.Error("the calendar carries contact details")
	}

	g := gocal.NewParser(strings.NewReader(text))
	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	g.Start, g.End = &from, &to
	if err := g.Parse(); err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"Meeting with Taro Yamada 山田 太郎": time.Date(2026, 10, 24, 10, 0, 0, 0, time.UTC), // 11:00 BST
		"Meeting with A01 Kaisha KK":     time.Date(2026, 10, 26, 11, 0, 0, 0, time.UTC), // 11:00 GMT
	}
	if len(g.Events) != 2 {
		t.Fatalf("gocal read %d events", len(g.Events))
	}
	for _, e := range g.Events {
		if w, ok := want[e.Summary]; !ok || !e.Start.Equal(w) || !e.End.Equal(w.Add(15*time.Minute)) {
			t.Errorf("gocal: %q from %s to %s", e.Summary, e.Start, e.End)
		}
		if e.Summary == "Meeting with A01 Kaisha KK" && e.Location != "Table 1" {
			t.Errorf("the booth meeting is at %q", e.Location)
		}
		if e.Summary != "Meeting with A01 Kaisha KK" && e.Location != "https://meet.example.org/taro" {
			t.Errorf("the video meeting is at %q", e.Location)
		}
	}
	if py := pythonICS(t, out); py != "" {
		for _, line := range []string{"2026-10-24T10:00Z Meeting with Taro Yamada 山田 太郎 | -1 day, 23:55:00 DISPLAY",
			"2026-10-26T11:00Z Meeting with A01 Kaisha KK | -1 day, 23:55:00 DISPLAY"} {
			if !strings.Contains(py, line) {
				t.Errorf("icalendar does not read %q:\n%s", line, py)
			}
		}
	}

	// Bob staffs A01: his calendar has the booth's meeting, marked so.
	code, _, stderr = f.fairctl(t, "meetings", "export", "--host", f.Bob.Email, "-o", out)
	body, _ = os.ReadFile(out)
	if code != exitOK || strings.Count(string(body), "BEGIN:VEVENT") != 1 || !strings.Contains(string(body), "At booth A01") {
		t.Errorf("Bob's calendar: exit %d %s\n%s", code, stderr, body)
	}
}

func TestMeetingsExportSchedulesAsPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils): cannot read the PDF back")
	}
	f := scheduleFair(t)
	dir := t.TempDir()
	read := func(args ...string) []string {
		t.Helper()
		out := filepath.Join(dir, "s.pdf")
		code, _, stderr := f.fairctl(t, append(append([]string{"meetings", "export"}, args...), "-o", out)...)
		if code != exitOK {
			t.Fatalf("%q: exit %d %s", args, code, stderr)
		}
		text, err := exec.Command("pdftotext", "-layout", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimRight(string(text), "\f\n"), "\f")
	}
	hosts := read()
	if len(hosts) != 2 || !strings.Contains(hosts[0], "A01 Kaisha KK") || !strings.Contains(hosts[1], "Taro Yamada 山田 太郎") {
		t.Fatalf("a page per host, by name:\n%s", strings.Join(hosts, "\n----\n"))
	}
	for _, want := range []string{"Monday 26 October 2026", "11:00–11:15", "Alice Smith", "Job seeker", "Table 1", "times in Europe/London"} {
		if !strings.Contains(hosts[0], want) {
			t.Errorf("A01's page lacks %q:\n%s", want, hosts[0])
		}
	}
	if !strings.Contains(hosts[1], "Saturday 24 October 2026") || !strings.Contains(hosts[1], "https://meet.example.org/taro") ||
		strings.Contains(hosts[1], "14:00") {
		t.Errorf("Taro's page (booked meetings only):\n%s", hosts[1])
	}
	seekers := read("--for", "seekers")
	if len(seekers) != 1 || !strings.Contains(seekers[0], "Alice Smith") || strings.Count(seekers[0], "11:00–11:15") != 2 {
		t.Errorf("a page per job seeker:\n%s", strings.Join(seekers, "\n----\n"))
	}
	booth := read("--host", "A01")
	if len(booth) != 1 || !strings.Contains(booth[0], "A01 Kaisha KK") || strings.Contains(booth[0], "Taro") {
		t.Errorf("booth A01's schedule:\n%s", booth[0])
	}
	for _, page := range append(hosts, seekers...) {
		if strings.Contains(page, "@example") || strings.Contains(page, "+44") {
			t.Errorf("a schedule shows contact details:\n%s", page)
		}
	}
}

func TestMeetingsExportRefusesBadInput(t *testing.T) {
	f := scheduleFair(t)
	dan := data.Person{GivenName: "Dan", FamilyName: "Brown", Email: "dan@example.com", Roles: data.NewSet("job_seeker")}
	datatest.Must(t, f.Store.SavePerson(context.Background(), &dan))
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--host", "A01", "--seeker", f.Alice.Email, "-o", out}, exitMisuse, "not both"},
		{[]string{"--host", "A01"}, exitMisuse, "the CSV holds every meeting"},
		{[]string{"-o", "x.txt"}, exitMisuse, "ending in .csv, .pdf or .ics"},
		{[]string{"--for", "everyone", "-o", out}, exitMisuse, "say hosts or seekers"},
		{[]string{"--seeker", "nobody@example.com", "-o", out}, exitFailure, "no one has that badge code or e-mail"},
		{[]string{"--seeker", dan.Email, "-o", out}, exitFailure, "no meeting is booked for them yet"},
	} {
		code, _, stderr := f.fairctl(t, append([]string{"meetings", "export"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d %q, want %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused export left a file")
	}
	// Without -o, every meeting as CSV, as before.
	code, stdout, _ := f.fairctl(t, "meetings", "export")
	if code != exitOK || !strings.HasPrefix(stdout, "\uFEFFhost_email,") || strings.Count(stdout, "\n") != 4 {
		t.Errorf("the CSV: exit %d\n%s", code, stdout)
	}
}
