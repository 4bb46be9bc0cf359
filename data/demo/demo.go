// Package demo loads the demo event: an alumni online careers fair on
// 23 October, 11:00 to 16:00 in London, with booths of Japanese and
// non-Japanese companies, public bodies and start-ups, panels and breakout
// sessions, and a few hundred job seekers, mentors and recruiters.
package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/seed"
)

// EventName is the demo event's name, marked as a demo.
const EventName = "Alumni Careers Fair 2026 (demo)"

const demoPeople = 240

type agendaItem struct {
	start, end  string // London time on the event day
	title       string
	kind        data.SessionKind
	room        string
	capacity    int
	speakers    int
	description string
}

var agenda = []agendaItem{
	{"11:00", "11:15", "Welcome and how the day works", data.SessionTalk, "Main stage", 0, 1,
		"The organisers open the fair and show how to visit booths and join sessions."},
	{"11:15", "12:15", "Building a career with Japanese", data.SessionPanel, "Main stage", 300, 3,
		"Alumni in business, government and education on how they use Japanese at work."},
	{"12:15", "13:00", "Networking: meet the mentors", data.SessionNetworking, "Lounge", 80, 0,
		"Small-group conversations with alumni mentors, by sector."},
	{"13:00", "13:45", "CV and interview clinic", data.SessionBreakout, "Breakout room A", 40, 1,
		"Recruiters review CVs and answer questions about interviews with Japanese employers."},
	{"13:00", "13:45", "Working in the public sector", data.SessionBreakout, "Breakout room B", 40, 2,
		"Roles in central and local government, and how alumni got them."},
	{"14:00", "15:00", "From the classroom to start-ups", data.SessionPanel, "Main stage", 300, 3,
		"Former teachers and coordinators who founded or joined start-ups."},
	{"15:00", "15:45", "Translation and interpreting careers", data.SessionBreakout, "Breakout room A", 40, 1,
		"Freelance and in-house routes, qualifications, and rates."},
	{"15:00", "15:45", "Finance careers in Japan and the UK", data.SessionBreakout, "Breakout room B", 40, 2,
		"Banking, insurance and fintech employers on graduate and experienced hires."},
	{"15:45", "16:00", "Closing remarks", data.SessionTalk, "Main stage", 0, 1,
		"Thanks, follow-up and how to reach the exhibitors after the fair."},
}

// Load fills an empty database with the demo event.
func Load(ctx context.Context, st *data.Store) error {
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return fmt.Errorf("load demo: %w", err)
	}
	if !empty {
		return fmt.Errorf("load demo: %s already holds an event; use a new database for the demo", st.Path())
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		return fmt.Errorf("load demo: %w", err)
	}
	day := time.Date(2026, 10, 23, 0, 0, 0, 0, london)
	at := func(hhmm string) time.Time {
		t, _ := time.ParseInLocation("15:04", hhmm, london)
		return day.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute)
	}
	event := data.Event{Name: EventName, TimeZone: "Europe/London", Starts: at("11:00"), Ends: at("16:00"),
		Platform: "Online (virtual venue)", Link: "https://fair.example.org/2026", IsDemo: true}
	if err := st.SaveEvent(ctx, &event); err != nil {
		return fmt.Errorf("load demo event: %w", err)
	}
	if err := seed.Generate(ctx, st, seed.Options{People: demoPeople, Seed: 20261023, SkipSessions: true}); err != nil {
		return fmt.Errorf("load demo people: %w", err)
	}
	if err := boothRooms(ctx, st); err != nil {
		return fmt.Errorf("load demo booths: %w", err)
	}
	speakers, err := st.ListPeople(ctx, data.PeopleFilter{Role: data.RoleSpeaker}, 0, 100)
	if err != nil {
		return fmt.Errorf("load demo agenda: %w", err)
	}
	next := 0
	err = st.ImportTx(ctx, func(b *data.ImportTx) error {
		for _, item := range agenda {
			s := data.Session{Title: item.title, Kind: item.kind, Starts: at(item.start), Ends: at(item.end),
				Room: item.room, Capacity: item.capacity, Description: item.description,
				Link: "https://fair.example.org/2026/live"}
			if item.kind == data.SessionPanel {
				s.RecordingLink = "https://fair.example.org/2026/recordings"
			}
			var who []string
			for range item.speakers {
				if len(speakers) > 0 {
					who = append(who, speakers[next%len(speakers)].ID)
					next++
				}
			}
			if err := b.SaveSession(&s, who); err != nil {
				return fmt.Errorf("load demo session %q: %w", item.title, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := loadMeetings(ctx, st, at); err != nil {
		return fmt.Errorf("load demo meetings: %w", err)
	}
	return nil
}

// boothRooms gives every demo booth a video meeting room: the demo fair
// is online.
func boothRooms(ctx context.Context, st *data.Store) error {
	booths, err := st.Booths(ctx)
	if err != nil {
		return err
	}
	for _, b := range booths {
		b.Link = "https://fair.example.org/2026/booths/" + strings.ToLower(b.Code)
		if err := st.SaveBooth(ctx, &b.Booth, b.Staff); err != nil {
			return err
		}
	}
	return nil
}
