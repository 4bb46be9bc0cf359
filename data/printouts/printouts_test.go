package printouts

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// pdfText is the PDF's text as pdftotext (Debian: poppler-utils) reads it,
// in reading order, pages split by form feeds.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils): cannot read the PDF back")
	}
	in := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext could not read the PDF: %v", err)
	}
	return string(out)
}

var london, _ = time.LoadLocation("Europe/London")

func at(day, hour, minute int) time.Time { return time.Date(2026, 10, day, hour, minute, 0, 0, london) }

func TestAgendaByDayRoomAndTime(t *testing.T) {
	event := data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London"}
	speaker := data.Person{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎"}
	sessions := []data.SessionRow{
		{Session: data.Session{Title: "CV clinic", Starts: at(23, 13, 0), Ends: at(23, 13, 45), Room: "Room A"}},
		{Session: data.Session{Title: "Welcome", Starts: at(23, 11, 0), Ends: at(23, 11, 15), Room: "Main stage"}},
		{Session: data.Session{Title: "Working in Japan", Starts: at(23, 14, 0), Ends: at(23, 15, 0), Room: "Main stage"},
			Speakers: []data.Person{speaker}},
		{Session: data.Session{Title: "Mock interviews", Starts: at(23, 11, 30), Room: "Room A"}},
		{Session: data.Session{Title: "Day two breakfast", Starts: at(24, 9, 0), Link: "https://example.org/live"}},
	}
	var b bytes.Buffer
	res, err := Agenda(&b, event, sessions, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes())
	// Day one: Main stage (first session 11:00), then Room A (11:30); each in time order. Day two on its own page.
	order := []string{"Friday 23 October 2026", "Times in Europe/London", "Main stage", "11:00–11:15", "Welcome",
		"14:00–15:00", "Working in Japan", "Room A", "11:30", "Mock interviews", "13:00–13:45", "CV clinic",
		"\f", "Saturday 24 October 2026", "Online", "09:00", "Day two breakfast", "Join online: https://example.org/live"}
	rest := text
	for _, want := range order {
		i := strings.Index(rest, want)
		if i < 0 {
			t.Fatalf("%q missing or out of order in the programme:\n%s", want, text)
		}
		rest = rest[i+len(want):]
	}
	if res.Rows != 5 || res.Pages != 2 {
		t.Errorf("result %+v, want 5 sessions on 2 pages", res)
	}
	if res.Font != "" && !strings.Contains(text, "山田 太郎") {
		t.Errorf("the speaker's kanji name is missing though %s was used:\n%s", res.Font, text)
	}
	if res.Font == "" && len(res.Warnings) == 0 {
		t.Error("no Japanese font, and no warning that Japanese was left out")
	}
}

// The door list: everyone, with a header on each page, and never an
// e-mail or a phone.
func TestAttendeeListForADoorWithoutALaptop(t *testing.T) {
	var people []data.PersonRow
	for i := range 70 {
		people = append(people, data.PersonRow{Person: data.Person{GivenName: "Guest", FamilyName: fmt.Sprintf("Number%02d", i),
			Email: fmt.Sprintf("guest%02d@example.com", i), Phone: "+44 20 7946 0000", BadgeCode: fmt.Sprintf("K%05d", i)}})
	}
	people[3].KanjiName, people[3].OrgName = "佐藤 花子", "Tanaka Trading"
	var b bytes.Buffer
	res, err := Attendees(&b, data.Event{Name: "Alumni Careers Fair"}, people, Options{Paper: "Letter"})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes())
	for i := range 70 {
		if !strings.Contains(text, fmt.Sprintf("Guest Number%02d", i)) || !strings.Contains(text, fmt.Sprintf("K%05d", i)) {
			t.Fatalf("guest %d missing from the list:\n%s", i, text)
		}
	}
	if strings.Contains(text, "@example.com") || strings.Contains(text, "7946") {
		t.Error("the door list shows contact details")
	}
	pages := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
	if res.Pages < 2 || len(pages) != res.Pages {
		t.Fatalf("%d pages, pdftotext reads %d", res.Pages, len(pages))
	}
	for i, page := range pages {
		if !strings.Contains(page, "Badge") || !strings.Contains(page, "Alumni Careers Fair · Attendees") {
			t.Errorf("page %d has no heading:\n%s", i+1, page)
		}
	}
	if !strings.Contains(text, "Tanaka Trading") || (res.Font != "" && !strings.Contains(text, "佐藤 花子")) {
		t.Errorf("organisation or kanji name missing:\n%s", pages[0])
	}
	if _, err := Attendees(&b, data.Event{}, nil, Options{}); err == nil {
		t.Error("an empty list printed")
	}
	if _, err := Attendees(&b, data.Event{}, people, Options{Paper: "A3"}); err == nil || !strings.Contains(err.Error(), "A4 or Letter") {
		t.Errorf("paper A3: %v", err)
	}
}
