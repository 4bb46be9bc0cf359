package data

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Role is what a person comes to the event as.
type Role string

const (
	RoleJobSeeker      Role = "job_seeker"
	RoleMentor         Role = "mentor"
	RoleRecruiter      Role = "recruiter"
	RoleSpeaker        Role = "speaker"
	RoleOrganiser      Role = "organiser"
	RoleExhibitorStaff Role = "exhibitor_staff"
)

// Roles lists every role in the order screens show them.
var Roles = []Role{RoleJobSeeker, RoleMentor, RoleRecruiter, RoleSpeaker, RoleOrganiser, RoleExhibitorStaff}

// OrgKind sorts organisations the way the fair presents them.
type OrgKind string

const (
	OrgJapaneseCompany    OrgKind = "japanese_company"
	OrgNonJapaneseCompany OrgKind = "non_japanese_company"
	OrgPublicSector       OrgKind = "public_sector"
	OrgStartup            OrgKind = "startup"
	OrgOther              OrgKind = "other"
)

// OrgKinds lists every organisation kind in display order.
var OrgKinds = []OrgKind{OrgJapaneseCompany, OrgNonJapaneseCompany, OrgPublicSector, OrgStartup, OrgOther}

// SessionKind is the format of a session on the agenda.
type SessionKind string

const (
	SessionPanel      SessionKind = "panel"
	SessionBreakout   SessionKind = "breakout"
	SessionTalk       SessionKind = "talk"
	SessionNetworking SessionKind = "networking"
)

// SessionKinds lists every session kind in display order.
var SessionKinds = []SessionKind{SessionPanel, SessionBreakout, SessionTalk, SessionNetworking}

// Event is the fair itself. A database holds one.
type Event struct {
	ID       string
	Name     string
	Starts   time.Time
	Ends     time.Time
	TimeZone string // IANA name, e.g. Europe/London
	Venue    string
	Platform string // online platform, e.g. Zoom
	Link     string
	IsDemo   bool
}

// Location is the event's time zone, UTC when the name is unknown.
func (e Event) Location() *time.Location {
	if loc, err := time.LoadLocation(e.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// Person is anyone registered: job seeker, mentor, recruiter, speaker,
// organiser or exhibitor staff.
type Person struct {
	ID             string `db:"id"`
	GivenName      string `db:"given_name"`
	FamilyName     string `db:"family_name"`
	KanjiName      string `db:"kanji_name"` // family name first, a space, given name
	KanaName       string `db:"kana_name"`  // the reading of KanjiName
	Email          string `db:"email"`
	Phone          string `db:"phone"`
	OrgID          string `db:"org_id"`
	JobTitle       string `db:"job_title"`
	Roles          Set    `db:"roles"`
	ProgrammeRole  string `db:"programme_role"`
	HostPrefecture string `db:"host_prefecture"`
	Years          string `db:"years"`
	YearReturned   int    `db:"year_returned"`
	Interests      Set    `db:"interests"`
	Industries     Set    `db:"industries"`
	BadgeCode      string `db:"badge_code"`
	Consent        bool   `db:"consent"` // may exhibitors see the contact details
	Notes          string `db:"notes"`
	Custom         Fields `db:"custom"`
	Deleted        bool   `db:"deleted"`
}

// DisplayName is the Latin name, or the kanji name when there is none.
func (p Person) DisplayName() string {
	name := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	if name == "" {
		return p.KanjiName
	}
	return name
}

// HasRole reports whether the person holds r.
func (p Person) HasRole(r Role) bool { return slices.Contains(p.Roles, string(r)) }

// PersonRow is a person with their organisation, as lists show them.
type PersonRow struct {
	Person
	OrgName string `db:"org_name"`
	OrgKind string `db:"org_kind"`
}

// Organisation is a company, public body or start-up.
type Organisation struct {
	ID          string  `db:"id"`
	Name        string  `db:"name"`
	Sector      string  `db:"sector"`
	Kind        OrgKind `db:"kind"`
	Website     string  `db:"website"`
	Description string  `db:"description"`
	Deleted     bool    `db:"deleted"`
}

// Booth is an exhibitor's stand, in the hall or in a virtual area.
type Booth struct {
	ID       string `db:"id"`
	Code     string `db:"code"`
	Name     string `db:"name"`
	OrgID    string `db:"org_id"`
	Location string `db:"location"`
	Link     string `db:"link"` // the booth's video meeting room, for the online fair
	Custom   Fields `db:"custom"`
	Deleted  bool   `db:"deleted"`
}

// BoothRow is a booth with its organisation's name and its staff.
type BoothRow struct {
	Booth
	OrgName string `db:"org_name"`
	Staff   []string
}

// Session is a slot on the agenda.
type Session struct {
	ID            string
	Title         string
	Kind          SessionKind
	Starts        time.Time
	Ends          time.Time
	Room          string
	Link          string
	Capacity      int
	Description   string
	RecordingLink string
	Custom        Fields
	Deleted       bool
}

// SessionRow is a session with its speakers and sign-up count.
type SessionRow struct {
	Session
	Speakers []Person
	Signups  int
}

// Set is a small set of labels kept in one column, sorted, joined by "; ".
type Set []string

// NewSet makes a set from labels, dropping blanks and repeats.
func NewSet(labels ...string) Set {
	var s Set
	for _, l := range labels {
		l = strings.TrimSpace(l)
		if l != "" && !slices.Contains(s, l) {
			s = append(s, l)
		}
	}
	slices.Sort(s)
	return s
}

// ParseSet reads labels separated by semicolons or commas.
func ParseSet(text string) Set {
	return NewSet(strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == ',' || r == '、' })...)
}

func (s Set) String() string { return strings.Join(NewSet(s...), "; ") }

// Value stores the set as text.
func (s Set) Value() (driver.Value, error) { return s.String(), nil }

// Scan reads the set from text.
func (s *Set) Scan(src any) error {
	text, err := scanText(src)
	*s = ParseSet(text)
	return err
}

// Fields holds the columns of an imported spreadsheet that Fairdesk has no
// place for, so that nothing a user brought in is dropped.
type Fields map[string]string

// Value stores the fields as canonical JSON (sorted keys), or ” when empty.
func (f Fields) Value() (driver.Value, error) {
	if len(f) == 0 {
		return "", nil
	}
	b, err := json.Marshal(map[string]string(f))
	return string(b), err
}

// Scan reads fields from JSON text.
func (f *Fields) Scan(src any) error {
	text, err := scanText(src)
	if err != nil || text == "" {
		*f = nil
		return err
	}
	return json.Unmarshal([]byte(text), (*map[string]string)(f))
}

func scanText(src any) (string, error) {
	switch v := src.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	}
	return "", fmt.Errorf("expected text, got %T", src)
}
