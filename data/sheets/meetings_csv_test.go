package sheets

import (
	"bytes"
	"encoding/csv"
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
