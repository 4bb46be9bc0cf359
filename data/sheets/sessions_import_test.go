package sheets

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// eventWithPeopleAndSessions is a database with people, sessions and booths
// imported from testdata.
func eventWithPeopleAndSessions(t *testing.T) *data.Store {
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	importFile(t, st, People, "people_ja.csv")
	importFile(t, st, Sessions, "sessions.csv")
	importFile(t, st, Booths, "booths.csv")
	return st
}

func TestImportSessions(t *testing.T) {
	st := eventWithPeopleAndSessions(t)
	sessions, err := st.Sessions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) != 4 {
		t.Fatalf("%d sessions, want 4", len(sessions))
	}
	utc := func(day, h, m int) time.Time { return time.Date(2026, 10, day, h, m, 0, 0, time.UTC) }
	want := []struct {
		title      string
		kind       data.SessionKind
		start, end time.Time
		speakers   int
	}{
		// London is on BST (UTC+1) until 25 October, then on GMT.
		{"Opening keynote", data.SessionTalk, utc(23, 9, 0), utc(23, 10, 0), 1},
		{"Working in Japan", data.SessionPanel, utc(23, 10, 30), utc(23, 11, 30), 2},
		{"Networking", data.SessionNetworking, utc(23, 16, 0), utc(23, 17, 30), 0},
		{"Online Q&A", data.SessionTalk, utc(26, 9, 0), utc(26, 10, 0), 1},
	}
	for i, w := range want {
		s := sessions[i]
		if s.Title != w.title || s.Kind != w.kind || !s.Starts.Equal(w.start) || !s.Ends.Equal(w.end) || len(s.Speakers) != w.speakers {
			t.Errorf("session %d = %s %s %s-%s %d speakers, want %+v", i, s.Title, s.Kind, s.Starts, s.Ends, len(s.Speakers), w)
		}
	}
	if s := sessions[0]; s.Capacity != 200 || s.Room != "Main Hall" || s.Link != "https://example.com/live" || s.Custom["Sponsor"] != "Acme" {
		t.Errorf("keynote = %+v", s.Session)
	}
	// The same file again updates the four sessions (matched by title and start).
	res := importFile(t, st, Sessions, "sessions.csv")
	if res.Added != 0 || res.Updated != 4 {
		t.Errorf("re-import %+v", res)
	}
}

func TestSessionProblems(t *testing.T) {
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	before := dump(t, st)
	_, err := Import(context.Background(), st, Sessions, bytes.NewReader(readTestdata(t, "sessions_bad.csv")), Options{FileName: "sessions_bad.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		"sessions_bad.csv:3:3: end: 2026-10-23 11:00 is before the start, 2026-10-23 12:00; a session must end after it starts",
		`sessions_bad.csv:4:2: start: "05/10/2026 10:00" could be day/month or month/day; write it as 2026-10-05 or 2026-05-10`,
		"sessions_bad.csv:5:4: speaker 1 of 1 is not anyone registered (no one has that e-mail address or badge code)",
		`sessions_bad.csv:6:5: "concert" is not a kind of session (talk, panel, breakout, networking)`,
		`sessions_bad.csv:7:2: start: "tomorrow morning" is not a date and time such as 2026-10-23 11:00`,
	}
	if got := problemStrings(pe.Problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if dump(t, st) != before {
		t.Error("bad sessions file changed the database")
	}
	res, err := Import(context.Background(), st, Sessions, bytes.NewReader(readTestdata(t, "sessions_bad.csv")), Options{SkipBad: true})
	if err != nil || res.Added != 1 || res.Skipped != 5 {
		t.Errorf("skip bad: %+v, %v", res, err)
	}
}

func TestParseTime(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	want := time.Date(2026, 10, 23, 11, 0, 0, 0, tokyo)
	for _, text := range []string{
		"2026-10-23 11:00", "2026-10-23T11:00", "2026/10/23 11:00", "2026-10-23 11:00:00", "2026/10/23 11:00:00",
		"2026-10-23T11:00:00+09:00", "2026-10-23T02:00:00Z", "2026-10-23 03:00 +01:00", "23/10/2026 11:00",
		"10/23/2026 11:00", "2026年10月23日 11:00", "２０２６－１０－２３　１１：００",
	} {
		got, err := parseTime(text, tokyo, time.Time{})
		if err != nil || !got.Equal(want) {
			t.Errorf("parseTime(%q) = %v, %v", text, got, err)
		}
	}
	if got, err := parseTime("12:30", tokyo, want); err != nil || !got.Equal(want.Add(90*time.Minute)) {
		t.Errorf("time of day: %v, %v", got, err)
	}
	for _, bad := range []string{"31/02/2026 10:00", "2026-10-23", "11:00", "soon"} {
		if _, err := parseTime(bad, tokyo, time.Time{}); err == nil {
			t.Errorf("parseTime(%q) accepted", bad)
		}
	}
}

func TestSessionDateColumnAndID(t *testing.T) {
	st := openStore(t)
	file := "ID,Session,Date,From,To,Track\nkeynote-1,Welcome,2026-10-24,09:30,10:00,A\n"
	if _, err := Import(context.Background(), st, Sessions, strings.NewReader(file), Options{}); err != nil {
		t.Fatal(err)
	}
	// Matched by id: the title changes, the track stays.
	if res, err := Import(context.Background(), st, Sessions, strings.NewReader("id,title\nkeynote-1,Welcome!\n"), Options{}); err != nil || res.Updated != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	sessions, _ := st.Sessions(context.Background())
	if len(sessions) != 1 || sessions[0].ID != "keynote-1" || sessions[0].Title != "Welcome!" || sessions[0].Room != "A" ||
		!sessions[0].Starts.Equal(time.Date(2026, 10, 24, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("sessions = %+v", sessions)
	}
}

func TestImportBooths(t *testing.T) {
	st := eventWithPeopleAndSessions(t)
	booths, err := st.Booths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(booths) != 2 || booths[0].Code != "A1" || booths[0].OrgName != "Sakura KK" || len(booths[0].Staff) != 1 ||
		len(booths[1].Staff) != 2 || booths[0].Location != "Hall 1" || booths[0].Custom["Notes"] != "Bring a power strip" {
		t.Fatalf("booths = %+v", booths)
	}
	orgs, _ := organisationsByID(context.Background(), st)
	if o := orgs[booths[1].OrgID]; o.Kind != data.OrgNonJapaneseCompany || o.Sector != "Engineering" {
		t.Errorf("Acme = %+v", o)
	}
	_, err = Import(context.Background(), st, Booths, strings.NewReader("Booth,Staff\nC3,ghost@example.com\n,\nC3,\n"), Options{FileName: "b.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) || !slices.Equal(problemStrings(pe.Problems), []string{
		"b.csv:2:2: staff member 1 of 1 is not anyone registered (no one has that e-mail address or badge code)",
		"b.csv:4:1: booth C3 is also on line 2",
	}) {
		t.Errorf("err = %v", err)
	}
}

// A booth's video link, for the online fair, imports from a column named
// as the platforms name it and exports as link.
func TestBoothVideoLinkImportsAndExports(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	file := "Booth,Company,Zoom link\nA1,Sakura KK,https://zoom.example/j/81234567890\nB2,Acme Ltd,\n"
	if _, err := Import(ctx, st, Booths, strings.NewReader(file), Options{}); err != nil {
		t.Fatal(err)
	}
	booths, err := st.Booths(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(booths) != 2 || booths[0].Link != "https://zoom.example/j/81234567890" || booths[1].Link != "" {
		t.Fatalf("booths = %+v", booths)
	}
	var out bytes.Buffer
	if err := ExportBooths(ctx, st, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), ",link\r\n") || !strings.Contains(out.String(), ",https://zoom.example/j/81234567890\r\n") {
		t.Errorf("export:\n%s", out.String())
	}
}
