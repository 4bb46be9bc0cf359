package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The meetings CSV has the header the issue names and one row a meeting,
// times with the London offset on both sides of the clock change, a cell
// a spreadsheet would run as a formula neutralised.
func TestExportMeetings(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	booth, taro := data.BoothHost(f.Booth.ID), data.PersonHost(f.Taro.ID)
	summer := data.MeetingSlot{Host: booth, Starts: datatest.FairDay(12, 0), Ends: datatest.FairDay(12, 15), Place: "@Table 1"}
	// 01:30 GMT on 25 October, after the clocks went back.
	winterStart := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)
	winter := data.MeetingSlot{Host: taro, Starts: winterStart, Ends: winterStart.Add(10 * time.Minute), Link: "https://meet.example.org/taro"}
	datatest.Must(t, st.SaveSlot(ctx, &summer))
	datatest.Must(t, st.SaveSlot(ctx, &winter))
	datatest.Must(t, st.SaveMeeting(ctx, &data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: summer.ID, Score: 8, Reasons: "both: Finance"}))
	datatest.Must(t, st.SaveMeeting(ctx, &data.Meeting{Host: taro, PersonID: f.Alice.ID, SlotID: winter.ID, State: data.MeetingProposed}))

	var out bytes.Buffer
	datatest.Must(t, ExportMeetings(ctx, st, &out))
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
	datatest.Must(t, err)
	if len(rows) != 3 || !slices.Equal(rows[0], MeetingsHeader) {
		t.Fatalf("rows: %q", rows)
	}
	want := [][]string{
		{"", "A01", f.Alice.Email, f.Alice.BadgeCode, "2026-10-23T12:00:00+01:00", "2026-10-23T12:15:00+01:00", "'@Table 1", "", "booked", "8", "both: Finance"},
		{f.Taro.Email, "", f.Alice.Email, f.Alice.BadgeCode, "2026-10-25T01:30:00Z", "2026-10-25T01:40:00Z", "", "https://meet.example.org/taro", "proposed", "0", ""},
	}
	for i, w := range want {
		if !slices.Equal(rows[i+1], w) {
			t.Errorf("row %d: %q\nwant    %q", i+1, rows[i+1], w)
		}
	}
}

// The meetings CSV imports back: into the same event it changes nothing,
// into another with the same people and booth it makes the slots and the
// meetings; bad rows are named by line, with no one's address, and
// change nothing.
func TestImportMeetingsBack(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	booth, taro := data.BoothHost(f.Booth.ID), data.PersonHost(f.Taro.ID)
	s1 := data.MeetingSlot{Host: booth, Starts: datatest.FairDay(12, 0), Ends: datatest.FairDay(12, 15), Place: "Table 1"}
	s2 := data.MeetingSlot{Host: taro, Starts: datatest.FairDay(12, 30), Ends: datatest.FairDay(12, 40), Link: "https://meet.example.org/taro"}
	datatest.Must(t, f.Store.SaveSlot(ctx, &s1))
	datatest.Must(t, f.Store.SaveSlot(ctx, &s2))
	datatest.Must(t, f.Store.SaveMeeting(ctx, &data.Meeting{Host: booth, PersonID: f.Alice.ID, SlotID: s1.ID, Score: 8, Reasons: "both: Finance"}))
	datatest.Must(t, f.Store.SaveMeeting(ctx, &data.Meeting{Host: taro, PersonID: f.Bob.ID, SlotID: s2.ID, State: data.MeetingDone}))
	var file bytes.Buffer
	datatest.Must(t, ExportMeetings(ctx, f.Store, &file))

	before := datatest.Records(t, f.Store, "meetings")
	res, err := ImportMeetings(ctx, f.Store, bytes.NewReader(file.Bytes()), Options{FileName: "meetings.csv"})
	datatest.Must(t, err)
	if res.Added != 0 || res.Updated != 2 || !slices.EqualFunc(before, datatest.Records(t, f.Store, "meetings"), func(a, b map[string]any) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
		t.Errorf("importing the event's own file: %+v", res)
	}

	other := datatest.NewFair(t)
	res, err = ImportMeetings(ctx, other.Store, bytes.NewReader(file.Bytes()), Options{FileName: "meetings.csv"})
	datatest.Must(t, err)
	if res.Added != 2 {
		t.Fatalf("into another event: %+v", res)
	}
	var out bytes.Buffer
	datatest.Must(t, ExportMeetings(ctx, other.Store, &out))
	again := strings.NewReplacer(other.Alice.BadgeCode, f.Alice.BadgeCode, other.Bob.BadgeCode, f.Bob.BadgeCode).Replace(out.String())
	if again != file.String() { // the same but for the badge codes, which each event makes
		t.Errorf("exported again:\n%s\nwant\n%s", out.String(), file.String())
	}
	if slots, _ := other.Store.Slots(ctx, data.Host{}); len(slots) != 2 {
		t.Errorf("%d slots made, want 2", len(slots))
	}

	bad := "\uFEFF" + strings.Join(MeetingsHeader, ",") + "\r\n" +
		",A01,nobody@example.org,,2026-10-23T13:00:00+01:00,2026-10-23T13:15:00+01:00,,,booked,1,\r\n" +
		",Z99," + f.Alice.Email + ",,13:00,2026-10-23T13:15:00+01:00,,,maybe,x,\r\n" +
		",A01," + f.Bob.Email + ",,2026-10-23T14:00:00+01:00,2026-10-23T14:15:00+01:00,,,booked,1,\r\n" +
		",A01," + f.Taro.Email + ",,2026-10-23T14:00:00+01:00,2026-10-23T14:15:00+01:00,,,booked,1,\r\n"
	before = datatest.Records(t, other.Store, "meetings")
	_, err = ImportMeetings(ctx, other.Store, strings.NewReader(bad), Options{FileName: "bad.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("bad rows: %v", err)
	}
	var lines []string
	for _, p := range pe.Problems {
		lines = append(lines, p.String())
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"bad.csv:2: no one has the job seeker's e-mail address", "bad.csv:3: no booth has code Z99",
		`bad.csv:3: start "13:00" is not a time`, `bad.csv:3: "maybe" is not a meeting state`, `bad.csv:3: score "x"`,
		"bad.csv:5: slot id: the slot already holds a meeting"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "@") {
		t.Errorf("a problem names an address:\n%s", text)
	}
	if after := datatest.Records(t, other.Store, "meetings"); len(after) != len(before) {
		t.Errorf("a refused file changed the meetings: %d, were %d", len(after), len(before))
	}
	if _, err := ImportMeetings(ctx, other.Store, strings.NewReader("name,email\r\n"), Options{}); err == nil || !strings.Contains(err.Error(), "host_email") {
		t.Errorf("a file with no meeting columns: %v", err)
	}
}
