package sheets

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apognu/gocal"
	ics "github.com/arran4/golang-ical"
)

func TestAgendaParsesBack(t *testing.T) {
	st := eventWithPeopleAndSessions(t)
	sessions, err := st.Sessions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := ExportAgenda(context.Background(), st, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n",
		// Summer time as it stood on 1 January, then the change back on 25 October.
		"BEGIN:STANDARD\r\nDTSTART:20251026T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD",
		"BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT",
		"BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD",
		"DTSTART;TZID=Europe/London:20261023T100000",
		"LOCATION:Main Hall",
		"URL:https://example.com/live",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("agenda lacks %q:\n%s", want, text)
		}
	}

	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != len(sessions) || len(cal.Timezones()) != 1 {
		t.Fatalf("%d events and %d time zones, want %d and 1", len(events), len(cal.Timezones()), len(sessions))
	}
	for i, e := range events {
		start, err := e.GetStartAt()
		if err != nil || !start.Equal(sessions[i].Starts) {
			t.Errorf("golang-ical: event %d starts %v (%v), want %v", i, start, err, sessions[i].Starts)
		}
		end, err := e.GetEndAt()
		if err != nil || !end.Equal(sessions[i].Ends) {
			t.Errorf("golang-ical: event %d ends %v (%v), want %v", i, end, err, sessions[i].Ends)
		}
		if uid := e.Id(); uid != sessions[i].ID+"@fairdesk" {
			t.Errorf("uid %q", uid)
		}
	}
	working := events[1]
	desc := working.GetProperty(ics.ComponentPropertyDescription).Value
	if !strings.Contains(desc, "Speakers: Mary Ann Smith (Acme Ltd), Ken Watanabe (Sakura KK)") {
		t.Errorf("description %q", desc)
	}

	online := 0
	for _, e := range events {
		if url := e.GetProperty(ics.ComponentPropertyUrl); url != nil {
			online++
			if d := e.GetProperty(ics.ComponentPropertyDescription); d == nil || !strings.Contains(d.Value, "Join online: "+url.Value) {
				t.Errorf("an online session's description does not give its link %s", url.Value)
			}
		}
	}
	if online == 0 {
		t.Error("no session has a link: the test does not test the online fair")
	}

	parser := gocal.NewParser(strings.NewReader(text))
	parser.SkipBounds = true
	if err := parser.Parse(); err != nil {
		t.Fatal(err)
	}
	if len(parser.Events) != len(sessions) {
		t.Fatalf("gocal read %d events, want %d", len(parser.Events), len(sessions))
	}
	byUID := map[string]gocal.Event{}
	for _, e := range parser.Events {
		byUID[e.Uid] = e
	}
	for _, s := range sessions {
		e, ok := byUID[s.ID+"@fairdesk"]
		if !ok || e.Start == nil || !e.Start.Equal(s.Starts) || e.End == nil || !e.End.Equal(s.Ends) || e.Summary != s.Title {
			t.Errorf("gocal: %s = %+v", s.Title, e)
		}
	}
}

func TestVTimezoneWithoutChanges(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	var b strings.Builder
	cal := ics.NewCalendar()
	cal.AddVTimezone(vtimezone(tokyo, 2026, 2026))
	if err := cal.SerializeTo(&b, ics.WithNewLine("\r\n")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST") || strings.Contains(b.String(), "DAYLIGHT") {
		t.Errorf("Tokyo:\n%s", b.String())
	}
}
