package data

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var clashDay = time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC)

// genSessions makes a small agenda on one day: a few rooms and speakers,
// start and end on a 15-minute grid so that touching and overlapping
// sessions are common.
func genSessions(t *rapid.T) []SessionRow {
	rooms := []string{"", "Main stage", "main stage ", "Room A", "Room B"}
	people := []Person{{ID: "p1", GivenName: "Taro"}, {ID: "p2", GivenName: "Hanako"}, {ID: "p3", GivenName: "Emma"}}
	n := rapid.IntRange(0, 8).Draw(t, "n")
	var out []SessionRow
	for i := range n {
		start := clashDay.Add(time.Duration(rapid.IntRange(0, 24).Draw(t, "start")) * 15 * time.Minute)
		var end time.Time
		if length := rapid.IntRange(0, 8).Draw(t, "length"); length > 0 {
			end = start.Add(time.Duration(length) * 15 * time.Minute)
		}
		row := SessionRow{Session: Session{ID: fmt.Sprintf("s%d", i), Title: fmt.Sprintf("Session %d", i),
			Starts: start, Ends: end, Room: rapid.SampledFrom(rooms).Draw(t, "room")}}
		for _, p := range people {
			if rapid.IntRange(0, 3).Draw(t, "speaks") == 0 {
				row.Speakers = append(row.Speakers, p)
			}
		}
		out = append(out, row)
	}
	return out
}

func TestClashesAreSymmetric(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sessions := genSessions(t)
		clashes := Clashes(sessions)
		for id, list := range clashes {
			for _, c := range list {
				if c.With.ID == id {
					t.Fatalf("%s clashes with itself", id)
				}
				back := false
				for _, d := range clashes[c.With.ID] {
					if d.With.ID == id && d.Kind == c.Kind && d.Speaker.ID == c.Speaker.ID {
						back = true
					}
				}
				if !back {
					t.Fatalf("%s clashes with %s (%s) but not the other way round", id, c.With.ID, c.Kind)
				}
			}
		}
	})
}

func TestClashesMatchOverlapRoomAndSpeaker(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sessions := genSessions(t)
		clashes := Clashes(sessions)
		for _, a := range sessions {
			for _, b := range sessions {
				if a.ID == b.ID {
					continue
				}
				shareSpeaker := false
				for _, p := range a.Speakers {
					for _, q := range b.Speakers {
						shareSpeaker = shareSpeaker || p.ID == q.ID
					}
				}
				want := Overlap(a.Session, b.Session) && (SameRoom(a.Room, b.Room) || shareSpeaker)
				got := false
				for _, c := range clashes[a.ID] {
					got = got || c.With.ID == b.ID
				}
				if got != want {
					t.Fatalf("%s and %s: clash %v, want %v", a.ID, b.ID, got, want)
				}
			}
		}
	})
}

func TestBackToBackSessionsDoNotClash(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := clashDay.Add(time.Duration(rapid.IntRange(0, 600).Draw(t, "start")) * time.Minute)
		mid := start.Add(time.Duration(rapid.IntRange(1, 180).Draw(t, "first")) * time.Minute)
		end := mid.Add(time.Duration(rapid.IntRange(1, 180).Draw(t, "second")) * time.Minute)
		speaker := Person{ID: "p1"}
		a := SessionRow{Session: Session{ID: "a", Starts: start, Ends: mid, Room: "Room A"}, Speakers: []Person{speaker}}
		b := SessionRow{Session: Session{ID: "b", Starts: mid, Ends: end, Room: "room a"}, Speakers: []Person{speaker}}
		if c := Clashes([]SessionRow{a, b}); len(c) != 0 {
			t.Fatalf("back-to-back sessions clash: %v", c)
		}
		b.Starts = mid.Add(-time.Minute) // one minute of overlap
		c := Clashes([]SessionRow{a, b})
		if len(c["a"]) != 2 || len(c["b"]) != 2 {
			t.Fatalf("overlapping sessions in one room with one speaker: %v, want a room and a speaker clash each way", c)
		}
	})
}

func TestClashKinds(t *testing.T) {
	at := func(h, m int) time.Time {
		return clashDay.Add(time.Duration(h-10)*time.Hour + time.Duration(m)*time.Minute)
	}
	taro := Person{ID: "taro", GivenName: "Taro"}
	sessions := []SessionRow{
		{Session: Session{ID: "a", Title: "CV clinic", Starts: at(13, 0), Ends: at(13, 45), Room: "Breakout room A"}},
		{Session: Session{ID: "b", Title: "Translation", Starts: at(13, 30), Ends: at(14, 0), Room: "breakout room a"}},
		{Session: Session{ID: "c", Title: "Panel", Starts: at(13, 15), Ends: at(14, 0), Room: "Main stage"}, Speakers: []Person{taro}},
		{Session: Session{ID: "d", Title: "Talk", Starts: at(13, 50), Ends: at(14, 30), Room: "Lounge"}, Speakers: []Person{taro}},
		{Session: Session{ID: "e", Title: "Closing", Starts: at(14, 30), Ends: at(15, 0), Room: "Lounge"}, Speakers: []Person{taro}},
	}
	c := Clashes(sessions)
	if len(c["a"]) != 1 || c["a"][0].Kind != ClashRoom || c["a"][0].With.ID != "b" || c["a"][0].Room != "breakout room a" {
		t.Errorf("a: %+v", c["a"])
	}
	if len(c["c"]) != 1 || c["c"][0].Kind != ClashSpeaker || c["c"][0].Speaker.ID != "taro" || c["c"][0].With.ID != "d" {
		t.Errorf("c: %+v", c["c"])
	}
	if _, ok := c["e"]; ok {
		t.Errorf("e follows d back to back but clashes: %+v", c["e"])
	}
}
