package printouts

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/badges"
	"github.com/fairdesk/fairdesk/data/networking"
)

func networkingPeople(n int) []data.NetworkingParticipant {
	var people []data.NetworkingParticipant
	for i := range n {
		p := data.NetworkingParticipant{PersonRow: data.PersonRow{Person: data.Person{ID: fmt.Sprintf("p%02d", i), GivenName: "Guest",
			FamilyName: fmt.Sprintf("Number%02d", i), Roles: data.NewSet("job_seeker")}}}
		if i < 2 {
			p.Roles, p.OrgName = data.NewSet("mentor"), "Kaisha KK"
		}
		people = append(people, p)
	}
	people[3].KanjiName = "佐藤 花子"
	return people
}

// One table for two rounds: the second seats no one, and the page says
// who sits out; a PDF with no Japanese font leaves the kanji out and says so.
func TestTablePlanListsWhoSitsOut(t *testing.T) {
	people := networkingPeople(4)
	plan, err := networking.Make(networking.Participants(people), networking.Options{Tables: 1, Rounds: 2})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	session := data.Session{Title: "Speed networking", Starts: at(23, 14, 0), Ends: at(23, 14, 30)}
	res, err := NetworkingPlan(&b, data.Event{Name: "Fair", TimeZone: "Europe/London"}, session, plan, people, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(pdfText(t, b.Bytes()), "\f\n"), "\f")
	if len(pages) != 3 || res.Pages != 3 {
		t.Fatalf("%d pages (%d), want 2 rounds and the index", len(pages), res.Pages)
	}
	if !strings.Contains(pages[0], "14:00–14:15 (Europe/London)") || strings.Contains(pages[0], "Sitting out") {
		t.Errorf("round 1:\n%s", pages[0])
	}
	if !strings.Contains(pages[1], "14:15–14:30") || !strings.Contains(pages[1], "Sitting out this round") || !strings.Contains(pages[1], "Guest Number03") {
		t.Errorf("round 2:\n%s", pages[1])
	}
	if strings.Count(pages[2], " – ") < 4 && strings.Count(pages[2], "–") < 4 {
		t.Errorf("the index has no dash for the round sat out:\n%s", pages[2])
	}

	saved := badges.DefaultFontPaths
	badges.DefaultFontPaths = []string{filepath.Join(t.TempDir(), "missing.ttf")}
	defer func() { badges.DefaultFontPaths = saved }()
	b.Reset()
	res, err = NetworkingPlan(&b, data.Event{}, session, plan, people, Options{})
	if err != nil || res.Font != "" || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "Japanese text was left out") {
		t.Errorf("without a font: %+v, %v", res, err)
	}
	if text := pdfText(t, b.Bytes()); strings.Contains(text, "佐藤") || !strings.Contains(text, "Guest Number03") {
		t.Errorf("without a font:\n%s", text)
	}
}

// A schedule longer than a page goes on, with the day heading again.
func TestMeetingScheduleRunsOnToAnotherPage(t *testing.T) {
	sch := data.MeetingSchedule{Name: "Taro Yamada 山田 太郎", Detail: "Kaisha KK", BadgeCode: "7K3M9Q"}
	for i := range 40 {
		start := at(23, 11, 0).Add(10 * time.Duration(i) * time.Minute)
		sch.Meetings = append(sch.Meetings, data.ScheduledMeeting{Meeting: data.Meeting{ID: fmt.Sprint(i), Starts: start, Ends: start.Add(10 * time.Minute),
			Place: "Table 2", Link: "https://meet.example.org/taro", State: data.MeetingBooked}, With: fmt.Sprintf("Seeker %02d", i), WithDetail: "Job seeker"})
	}
	sch.Meetings[0].State = data.MeetingDone
	var b bytes.Buffer
	res, err := MeetingSchedules(&b, data.Event{Name: "Fair", TimeZone: "Europe/London"}, []data.MeetingSchedule{sch, {Name: "No one"}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes())
	if res.Pages < 2 || res.Rows != 40 || strings.Contains(text, "No one") {
		t.Errorf("%+v: want two pages or more, 40 meetings, no page for a schedule without meetings", res)
	}
	for i := range 40 {
		if !strings.Contains(text, fmt.Sprintf("Seeker %02d", i)) {
			t.Fatalf("meeting %d missing:\n%s", i, text)
		}
	}
	if !strings.Contains(text, "11:00–11:10") || !strings.Contains(text, "Job seeker · done") || !strings.Contains(text, "https://meet.example.org/taro") {
		t.Errorf("the first meeting:\n%s", text)
	}
	if _, err := MeetingSchedules(&b, data.Event{}, []data.MeetingSchedule{{Name: "No one"}}, Options{}); err == nil {
		t.Error("printed schedules with no meeting")
	}
}
