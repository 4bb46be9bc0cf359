package data_test

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// onlineFair is the test fair with the people the report files name: José
// (whom Zoom spells without accents), Catherine (spelt Catherin) and two
// Sam Lees (whom a name cannot tell apart), and an online panel.
type onlineFair struct {
	*datatest.Fair
	Jose, Catherine data.Person
	Panel           data.Session
}

func newOnlineFair(t *testing.T) *onlineFair {
	f := &onlineFair{Fair: datatest.NewFair(t)}
	ctx := t.Context()
	f.Jose = data.Person{GivenName: "José", FamilyName: "Álvarez", Email: "jose@alvarez.example"}
	f.Catherine = data.Person{GivenName: "Catherine", FamilyName: "Brown", Email: "cb@brown.example"}
	sam1 := data.Person{GivenName: "Sam", FamilyName: "Lee", Email: "sam1@example.com"}
	sam2 := data.Person{GivenName: "Sam", FamilyName: "Lee", Email: "sam2@example.com"}
	for _, p := range []*data.Person{&f.Jose, &f.Catherine, &sam1, &sam2} {
		datatest.Must(t, f.Store.SavePerson(ctx, p))
	}
	f.Panel = data.Session{Title: "Working in Japan", Kind: data.SessionPanel, Starts: f.Opening, Ends: f.Opening.Add(time.Hour),
		Link: "https://zoom.example/j/81234567890"}
	datatest.Must(t, f.Store.SaveSession(ctx, &f.Panel, nil))
	return f
}

func readReport(t *testing.T, name string) data.AttendanceReport {
	t.Helper()
	file, err := os.Open("testdata/" + name)
	datatest.Must(t, err)
	defer file.Close()
	rep, err := data.ReadAttendanceReport(file)
	datatest.Must(t, err)
	return rep
}

func matchedNames(ms []data.AttendanceMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Person.GivenName+":"+string(m.By)+string(m.Near))
	}
	return out
}

func unknownLines(us []data.UnknownRow) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Row.Name+":"+string(u.Reason))
	}
	return out
}

func TestZoomReportAsSessionAttendance(t *testing.T) {
	f := newOnlineFair(t)
	ctx := t.Context()
	rep := readReport(t, "zoom-participants.csv")
	if rep.Format != data.ReportZoom || rep.Header != 4 || len(rep.Rows) != 9 {
		t.Fatalf("read %s report, header on line %d, %d rows; want Zoom, 4, 9", rep.Format, rep.Header, len(rep.Rows))
	}
	before := f.Store.LastSeq()
	prev, err := f.Store.PreviewAttendance(ctx, rep, data.AttendanceTarget{SessionID: f.Panel.ID})
	datatest.Must(t, err)
	if got, want := matchedNames(prev.Matched), []string{"Bob:email", "Taro:name"}; !slices.Equal(got, want) {
		t.Errorf("matched %v, want %v", got, want)
	}
	if got, want := matchedNames(prev.Near), []string{"José:nearaccents", "Catherine:nearspelling", "Alice:nearemail-domain"}; !slices.Equal(got, want) {
		t.Errorf("near %v, want %v", got, want)
	}
	if got, want := unknownLines(prev.Unknown), []string{"Sam Lee:several", "iPhone:no-one", "Lee, Sam:several"}; !slices.Equal(got, want) {
		t.Errorf("unknown %v, want %v", got, want)
	}
	taro := prev.Matched[1]
	if len(taro.Rows) != 2 || taro.Minutes != 53 || !taro.Join.Equal(datatest.FairDay(11, 1).Add(10*time.Second)) {
		t.Errorf("Taro, who joined twice: %d rows, %d minutes, first join %v", len(taro.Rows), taro.Minutes, taro.Join)
	}
	if f.Store.LastSeq() != before {
		t.Fatal("the preview changed the database")
	}

	res, err := f.Store.ApplyAttendance(ctx, prev, []string{f.Jose.ID}, "ann")
	datatest.Must(t, err)
	if res.Added != 3 || res.Recorded != 0 {
		t.Errorf("applied %+v, want 3 added (Bob, Taro once, and José accepted)", res)
	}
	list, err := f.Store.Attendance(ctx, f.Panel.ID)
	datatest.Must(t, err)
	var present []string
	for _, a := range list.Present {
		present = append(present, a.Person.GivenName)
	}
	if !slices.Equal(present, []string{"Bob", "Taro", "José"}) || !list.Present[0].Mark.At.Equal(datatest.FairDay(10, 58)) {
		t.Errorf("present %v (first at %v), want Bob at 10:58, Taro, José", present, list.Present[0].Mark.At)
	}

	again, err := f.Store.PreviewAttendance(ctx, rep, data.AttendanceTarget{SessionID: f.Panel.ID})
	datatest.Must(t, err)
	for _, m := range again.Matched {
		if !m.Recorded {
			t.Errorf("%s is present already, but the second preview does not say so", m.Person.ID)
		}
	}
	res, err = f.Store.ApplyAttendance(ctx, again, []string{f.Jose.ID}, "ann")
	datatest.Must(t, err)
	if res.Added != 0 || res.Recorded != 3 {
		t.Errorf("the same report again: %+v, want nothing added", res)
	}
}

func TestTeamsReportAsBoothVisits(t *testing.T) {
	f := newOnlineFair(t)
	ctx := t.Context()
	rep := readReport(t, "teams-attendance.csv")
	if rep.Format != data.ReportTeams || rep.Header != 10 || len(rep.Rows) != 5 {
		t.Fatalf("read %s report, header on line %d, %d rows; want Teams, 10, 5 (the activities below are not participants)", rep.Format, rep.Header, len(rep.Rows))
	}
	if rep.Rows[0].Minutes != 64 || rep.Rows[1].Name != "山田 太郎" {
		t.Errorf("first rows: %+v", rep.Rows[:2])
	}
	target := data.AttendanceTarget{BoothID: f.Booth.ID}
	prev, err := f.Store.PreviewAttendance(ctx, rep, target)
	datatest.Must(t, err)
	if got, want := matchedNames(prev.Matched), []string{"Bob:email", "Taro:name"}; !slices.Equal(got, want) {
		t.Errorf("matched %v, want %v", got, want)
	}
	if got, want := matchedNames(prev.Near), []string{"José:nearaccents", "Catherine:nearspelling"}; !slices.Equal(got, want) {
		t.Errorf("near %v, want %v", got, want)
	}
	if got, want := unknownLines(prev.Unknown), []string{"Guest 4471:no-one"}; !slices.Equal(got, want) {
		t.Errorf("unknown %v, want %v", got, want)
	}
	// José has a meeting at the booth when he joined its room: his visit
	// marks it done, as one logged at the booth would.
	slot := slotAt(data.BoothHost(f.Booth.ID), 11, 0, 15*time.Minute, "https://zoom.example/j/81234567890")
	datatest.Must(t, f.Store.SaveSlot(ctx, &slot))
	meeting := data.Meeting{Host: data.BoothHost(f.Booth.ID), PersonID: f.Jose.ID, SlotID: slot.ID}
	datatest.Must(t, f.Store.SaveMeeting(ctx, &meeting))
	res, err := f.Store.ApplyAttendance(ctx, prev, nil, "ann")
	datatest.Must(t, err)
	if res.Added != 2 || res.MeetingsDone != 0 {
		t.Errorf("applied %+v, want 2 visits (near-matches not accepted)", res)
	}
	visitors, err := f.Store.BoothVisitors(ctx, f.Booth.ID)
	datatest.Must(t, err)
	if len(visitors) != 2 {
		t.Fatalf("%d visitors, want Bob and Taro", len(visitors))
	}
	for _, v := range visitors {
		if v.Person.ID == f.Taro.ID && !v.First.Equal(datatest.FairDay(11, 1).Add(10*time.Second)) {
			t.Errorf("Taro's visit at %v, want when he joined", v.First)
		}
	}
	res, err = f.Store.ApplyAttendance(ctx, prev, []string{f.Jose.ID}, "ann")
	datatest.Must(t, err)
	if res.Added != 1 || res.Recorded != 2 || res.MeetingsDone != 1 {
		t.Errorf("the same report again with José accepted: %+v, want only his visit, and his meeting done", res)
	}
	if list, _ := f.Store.Meetings(ctx, data.MeetingFilter{}); len(list) != 1 || list[0].State != data.MeetingDone {
		t.Errorf("meetings after José's visit: %+v", list)
	}
}

// A person deleted between the preview and the confirmation fails the
// whole import: nobody is marked, not even the people before them.
func TestAttendanceImportIsAllOrNothing(t *testing.T) {
	f := newOnlineFair(t)
	ctx := t.Context()
	prev, err := f.Store.PreviewAttendance(ctx, readReport(t, "zoom-participants.csv"), data.AttendanceTarget{SessionID: f.Panel.ID})
	datatest.Must(t, err)
	datatest.Must(t, f.Store.DeletePerson(ctx, f.Taro.ID))
	before := f.Store.LastSeq()
	if _, err := f.Store.ApplyAttendance(ctx, prev, nil, "ann"); !errors.Is(err, data.ErrNotFound) || !strings.Contains(err.Error(), f.Taro.ID) {
		t.Fatalf("apply with a deleted person: %v, want not found naming them by id", err)
	}
	if _, err := f.Store.ApplyAttendance(ctx, prev, []string{f.Bob.ID}, "ann"); err == nil {
		t.Error("accepting as a near-match someone who is a sure match (or none) was not refused")
	}
	list, err := f.Store.Attendance(ctx, f.Panel.ID)
	datatest.Must(t, err)
	if list.Count != 0 || f.Store.LastSeq() != before {
		t.Errorf("a failed import left %d marks (seq %d, was %d)", list.Count, f.Store.LastSeq(), before)
	}
	if _, err := f.Store.PreviewAttendance(ctx, data.AttendanceReport{}, data.AttendanceTarget{}); err == nil {
		t.Error("a preview for no session and no booth was not refused")
	}
}

func utf16(text string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range text {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// Hostile files: each is refused with what is wrong and on which line, and
// names no one.
func TestBadAttendanceReports(t *testing.T) {
	zoomHeader := "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
	cases := []struct {
		name string
		file []byte
		line int
		want string
	}{
		{"cut-short UTF-16", utf16("Name\tEmail\nBob\tbob@example.org\n")[:21], 0, "cut short"},
		{"not UTF-8", []byte(zoomHeader + "Bob,bob@example.org,,,1\n\xff\xfeSecret Name,,,,1\n"), 3, "not UTF-8"},
		{"huge line", []byte(zoomHeader + "Bob,bob@example.org,,,1\nA,b,c\n" + strings.Repeat("Secret Name ", 100_000) + ",,,,1\n"), 4, "KB long"},
		{"wrong shape", []byte("given_name,family_name,email\nSecret,Name,secret@example.com\n"), 0, "no participant list"},
		{"broken quotes", []byte(zoomHeader + "Bob,bob@example.org,,,1\n\"Secret Name,,,,1\n"), 3, "quote"},
		{"a workbook", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5U\x8c\x9f"), 1, "not UTF-8"},
		{"binary", []byte(zoomHeader + "Bob\x00\x00\x01,,,,\n"), 2, "binary"},
		{"empty", nil, 0, "no participant list"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := data.ReadAttendanceReport(bytes.NewReader(c.file))
			var re *data.ReportError
			if !errors.As(err, &re) {
				t.Fatalf("error %v, want a report error", err)
			}
			if re.Line != c.line || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q on line %d, want %q on line %d", err, re.Line, c.want, c.line)
			}
			if strings.Contains(err.Error(), "Secret") || strings.Contains(err.Error(), "@") {
				t.Errorf("the error %q quotes the file's personal data", err)
			}
		})
	}
}
