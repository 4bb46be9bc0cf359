package data

import (
	"slices"
	"strings"
	"time"
)

// One-to-one meetings between job seekers and hosts. The records are
// here; meetings_store.go saves and lists them. Every meeting table is
// synced (data/privacy_audience.go says to whom).

// Host is whom a job seeker meets: a mentor or recruiter (HostID, their
// person id), or a booth (BoothID), whose staff share its slots. Exactly
// one is set.
type Host struct {
	BoothID string `db:"booth_id"`
	HostID  string `db:"host_id"`
}

// BoothHost is a booth as a host.
func BoothHost(boothID string) Host { return Host{BoothID: boothID} }

// PersonHost is a mentor or recruiter as a host.
func PersonHost(personID string) Host { return Host{HostID: personID} }

// Key is the host's id, a booth's or a person's: ids are UUIDs, so the
// two never meet.
func (h Host) Key() string {
	if h.BoothID != "" {
		return h.BoothID
	}
	return h.HostID
}

// valid tells a host with exactly one of booth and person.
func (h Host) valid() bool {
	return (h.BoothID == "") != (h.HostID == "")
}

// pairID keys the rows that say something about a host and a seeker
// (requests, preferences): host/seeker, so the same wish entered on two
// laptops is one row, and the part after the slash is the seeker, as the
// privacy gate reads it.
func pairID(h Host, seekerID string) string { return h.Key() + "/" + seekerID }

// Slot lengths a host may offer.
const (
	MinSlotLength = 10 * time.Minute
	MaxSlotLength = 30 * time.Minute
)

// MeetingSlot is a time a host can meet one job seeker.
type MeetingSlot struct {
	ID string
	Host
	Starts, Ends time.Time
	Place        string // a booth table, a room
	Link         string // a video link, for the online fair
	SeekerCap    int    // meetings one job seeker may have with this host; 0 reads as 1
	Deleted      bool
}

type slotRecord struct {
	ID string `db:"id"`
	Host
	StartsAt  string `db:"starts_at"`
	EndsAt    string `db:"ends_at"`
	Place     string `db:"place"`
	Link      string `db:"link"`
	SeekerCap int    `db:"seeker_cap"`
	Deleted   bool   `db:"deleted"`
}

func (r slotRecord) slot() MeetingSlot {
	return MeetingSlot{ID: r.ID, Host: r.Host, Starts: parseTimeText(r.StartsAt), Ends: parseTimeText(r.EndsAt),
		Place: r.Place, Link: r.Link, SeekerCap: r.SeekerCap, Deleted: r.Deleted}
}

func (s *MeetingSlot) record() slotRecord {
	return slotRecord{ID: s.ID, Host: s.Host, StartsAt: timeText(s.Starts), EndsAt: timeText(s.Ends),
		Place: strings.TrimSpace(s.Place), Link: strings.TrimSpace(s.Link), SeekerCap: s.SeekerCap, Deleted: s.Deleted}
}

// RequestSource is where a job seeker's request came from.
type RequestSource string

const (
	SourceDesk      RequestSource = "desk"      // entered at the help desk
	SourceOrganiser RequestSource = "organiser" // entered by an organiser
	SourceImport    RequestSource = "import"    // a registration answer, imported
)

// RequestSources lists the sources in display order.
var RequestSources = []RequestSource{SourceDesk, SourceOrganiser, SourceImport}

// MeetingRequest is a job seeker's wish to meet a host, ranked: 1 is the
// first choice.
type MeetingRequest struct {
	ID string `db:"id"`
	Host
	PersonID string        `db:"person_id"` // the job seeker
	Rank     int           `db:"rank"`
	Source   RequestSource `db:"source"`
	Deleted  bool          `db:"deleted"`
}

// Preference is what a host thinks of meeting a job seeker.
type Preference string

const (
	PreferNone     Preference = ""
	PreferWant     Preference = "want"      // the host wants to meet them
	PreferNoThanks Preference = "no_thanks" // never schedule them together
)

// HostPreference is a host's preference about one job seeker.
type HostPreference struct {
	ID string `db:"id"`
	Host
	PersonID   string     `db:"person_id"`
	Preference Preference `db:"preference"`
	Deleted    bool       `db:"deleted"`
}

// MeetingState is where a meeting stands.
type MeetingState string

const (
	MeetingRequested MeetingState = "requested" // a seeker asked for this slot
	MeetingProposed  MeetingState = "proposed"  // in the schedule's draft, not yet published
	MeetingBooked    MeetingState = "booked"
	MeetingDeclined  MeetingState = "declined"
	MeetingCancelled MeetingState = "cancelled"
	MeetingDone      MeetingState = "done"
	MeetingNoShow    MeetingState = "no_show"
)

// MeetingStates lists the states in the order a meeting goes through them.
var MeetingStates = []MeetingState{MeetingRequested, MeetingProposed, MeetingBooked, MeetingDeclined, MeetingCancelled, MeetingDone, MeetingNoShow}

// Holds tells a state that keeps the slot and the people's time: every
// state but declined and cancelled.
func (s MeetingState) Holds() bool { return s != MeetingDeclined && s != MeetingCancelled }

// ParseMeetingState reads a state; "no-show" is no_show.
func ParseMeetingState(text string) (MeetingState, bool) {
	st := MeetingState(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(text)), "-", "_"))
	return st, slices.Contains(MeetingStates, st)
}

// Meeting is a host and a job seeker in one slot.
type Meeting struct {
	ID string
	Host
	PersonID     string // the job seeker
	SlotID       string
	Starts, Ends time.Time
	Place, Link  string
	State        MeetingState
	Score        int    // the match score when it was proposed
	Reasons      string // the match's reasons in plain words, "; " between them
	Deleted      bool
}

type meetingRecord struct {
	ID string `db:"id"`
	Host
	PersonID string `db:"person_id"`
	SlotID   string `db:"slot_id"`
	StartsAt string `db:"starts_at"`
	EndsAt   string `db:"ends_at"`
	Place    string `db:"place"`
	Link     string `db:"link"`
	State    string `db:"state"`
	Score    int    `db:"score"`
	Reasons  string `db:"reasons"`
	Deleted  bool   `db:"deleted"`
}

func (r meetingRecord) meeting() Meeting {
	return Meeting{ID: r.ID, Host: r.Host, PersonID: r.PersonID, SlotID: r.SlotID, Starts: parseTimeText(r.StartsAt),
		Ends: parseTimeText(r.EndsAt), Place: r.Place, Link: r.Link, State: MeetingState(r.State), Score: r.Score,
		Reasons: r.Reasons, Deleted: r.Deleted}
}

func (m *Meeting) record() meetingRecord {
	return meetingRecord{ID: m.ID, Host: m.Host, PersonID: m.PersonID, SlotID: m.SlotID, StartsAt: timeText(m.Starts),
		EndsAt: timeText(m.Ends), Place: strings.TrimSpace(m.Place), Link: strings.TrimSpace(m.Link), State: string(m.State),
		Score: m.Score, Reasons: strings.TrimSpace(m.Reasons), Deleted: m.Deleted}
}

// overlaps tells whether [a0, a1) and [b0, b1) share an instant.
func overlaps(a0, a1, b0, b1 time.Time) bool { return a0.Before(b1) && b0.Before(a1) }
