package data

import (
	"slices"
	"strings"
	"time"
)

// ClashKind says why two sessions cannot both happen as planned.
type ClashKind string

const (
	ClashRoom    ClashKind = "room"    // two sessions in the same room at once
	ClashSpeaker ClashKind = "speaker" // one person speaking in two sessions at once
)

// Clash is one session's conflict with another.
type Clash struct {
	Kind    ClashKind
	With    Session // the other session
	Room    string  // the shared room, for ClashRoom
	Speaker Person  // the double-booked speaker, for ClashSpeaker
}

// Overlap reports whether two sessions run at the same time. A session
// with no end time is taken as a moment at its start. Back-to-back sessions
// (one ends as the next starts) do not overlap.
func Overlap(a, b Session) bool {
	if a.Starts.IsZero() || b.Starts.IsZero() {
		return false
	}
	if a.Starts.Equal(b.Starts) {
		return true
	}
	return a.Starts.Before(sessionEnd(b)) && b.Starts.Before(sessionEnd(a))
}

func sessionEnd(s Session) time.Time {
	if s.Ends.After(s.Starts) {
		return s.Ends
	}
	return s.Starts
}

// SameRoom compares room names as people type them: trimmed, any case.
// Sessions with no room never share one.
func SameRoom(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}

// ClashesWith lists the clashes of one session (new or changed) with the
// others on the agenda; a session is never compared with itself (same ID).
func ClashesWith(s SessionRow, others []SessionRow) []Clash {
	var clashes []Clash
	for _, o := range others {
		if (s.ID != "" && o.ID == s.ID) || o.Deleted || !Overlap(s.Session, o.Session) {
			continue
		}
		if SameRoom(s.Room, o.Room) {
			clashes = append(clashes, Clash{Kind: ClashRoom, With: o.Session, Room: strings.TrimSpace(o.Room)})
		}
		for _, p := range s.Speakers {
			if slices.ContainsFunc(o.Speakers, func(q Person) bool { return q.ID == p.ID }) {
				clashes = append(clashes, Clash{Kind: ClashSpeaker, With: o.Session, Speaker: p})
			}
		}
	}
	return clashes
}

// Clashes finds, for every session, the sessions it clashes with: the same
// room at overlapping times, or a speaker booked in both. The map holds only
// sessions that clash, keyed by ID; if A clashes with B then B with A.
func Clashes(sessions []SessionRow) map[string][]Clash {
	out := map[string][]Clash{}
	for _, s := range sessions {
		if s.Deleted {
			continue
		}
		if c := ClashesWith(s, sessions); len(c) > 0 {
			out[s.ID] = c
		}
	}
	return out
}
