package sheets

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apognu/gocal"
	ics "github.com/arran4/golang-ical"
	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestExportAgendaWithAlarms(t *testing.T) {
	ctx := context.Background()
	st := datatest.Open(t, nil)
	london := datatest.London
	if err := st.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	// One on the day the clocks go back.
	a := &data.Session{Title: "Followed", Starts: time.Date(2026, 10, 25, 11, 0, 0, 0, london), Ends: time.Date(2026, 10, 25, 12, 0, 0, 0, london)}
	b := &data.Session{Title: "Other", Starts: time.Date(2026, 10, 24, 11, 0, 0, 0, london), Ends: time.Date(2026, 10, 24, 12, 0, 0, 0, london)}
	for _, s := range []*data.Session{a, b} {
		if err := st.SaveSession(ctx, s, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.FollowSession(ctx, a.ID, true); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		opts   AgendaOptions
		alarms map[string]string // title -> trigger
	}{
		{AgendaOptions{AlarmBefore: 15 * time.Minute}, map[string]string{"Followed": "-PT15M", "Other": "-PT15M"}},
		{AgendaOptions{AlarmBefore: 10 * time.Minute, FollowedOnly: true}, map[string]string{"Followed": "-PT10M"}},
		{AgendaOptions{}, map[string]string{}},
	} {
		var out bytes.Buffer
		if err := ExportAgendaWith(ctx, st, &out, tc.opts); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		if strings.Count(text, "BEGIN:VALARM") != len(tc.alarms) || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
			t.Errorf("%+v: %d alarms, or a line not ending in CRLF:\n%s", tc.opts, strings.Count(text, "BEGIN:VALARM"), text)
		}
		cal, err := ics.ParseCalendar(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range cal.Events() {
			for _, al := range e.Alarms() {
				got[e.GetProperty(ics.ComponentPropertySummary).Value] = al.GetProperty(ics.ComponentPropertyTrigger).Value
				if al.GetProperty(ics.ComponentPropertyAction).Value != "DISPLAY" {
					t.Errorf("alarm action %v", al.GetProperty(ics.ComponentPropertyAction))
				}
			}
		}
		if len(got) != len(tc.alarms) {
			t.Errorf("%+v: alarms %v, want %v", tc.opts, got, tc.alarms)
		}
		for k, v := range tc.alarms {
			if got[k] != v {
				t.Errorf("%+v: %s alarm %q, want %q", tc.opts, k, got[k], v)
			}
		}
		// A second, independent parser reads the same file and the same instants.
		g := gocal.NewParser(strings.NewReader(text))
		start, end := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		g.Start, g.End = &start, &end
		if err := g.Parse(); err != nil {
			t.Fatal(err)
		}
		if len(g.Events) != 2 {
			t.Fatalf("gocal read %d events", len(g.Events))
		}
		for _, e := range g.Events {
			want := map[string]time.Time{"Followed": a.Starts, "Other": b.Starts}[e.Summary]
			if !e.Start.Equal(want) {
				t.Errorf("gocal: %s starts %s, want %s", e.Summary, e.Start, want)
			}
		}
	}
}
