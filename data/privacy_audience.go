package data

import (
	"fmt"
	"strings"
)

// Audience is who may read a part of a batch: everyone in the event, the
// organisers, or the staff of one booth ("booth:<id>"). The shared folder
// keeps one encrypted section per audience in each batch, and a laptop
// holds the keys of the audiences its role reads.
type Audience string

const (
	// AudEveryone reads the event, agenda, organisations, booths, the people
	// directory (names, organisation, job title, roles, interests,
	// industries, badge code, consent flag), check-ins and erasure records.
	AudEveryone Audience = "everyone"
	// AudOrganisers reads what no other audience does: contact details of
	// people who visited no booth or did not consent, organiser notes,
	// sign-ups, attendance and conflicts about anything but a booth's rows.
	// Organisers read every audience, so a cell sent to a booth is not sent
	// to them again.
	AudOrganisers Audience = "organisers"
)

// Contact details travel in the sections of the booths a person visited,
// and only while they consent: there is no separate "contacts" audience,
// so a booth never holds the e-mail of someone who did not come to it.

// BoothAudience is the audience of one booth's staff.
func BoothAudience(boothID string) Audience { return Audience(boothPrefix + boothID) }

const boothPrefix = "booth:"

// Booth is the booth id of a booth audience, or "" for any other.
func (a Audience) Booth() string {
	if id, ok := strings.CutPrefix(string(a), boothPrefix); ok {
		return id
	}
	return ""
}

// LaptopRole is what a laptop is: an organiser's ("organiser"), or the staff
// laptop of one booth ("booth:<id>", as its audience is spelled).
type LaptopRole string

// LaptopOrganiser holds every key and may write everything.
const LaptopOrganiser LaptopRole = "organiser"

// BoothLaptop is the role of a staff laptop of the booth with this id.
func BoothLaptop(boothID string) LaptopRole { return LaptopRole(boothPrefix + boothID) }

// Booth is the booth id of a booth role, or "" for an organiser.
func (r LaptopRole) Booth() string { return Audience(r).Booth() }

// IsOrganiser tells an organiser's laptop. The empty role is an
// organiser's: it is what a laptop is before it knows its role, and what
// a batch writer is when the folder does not say (a folder of the format
// before roles), so that nothing changes for an event that is not shared
// with booths.
func (r LaptopRole) IsOrganiser() bool { return r == LaptopOrganiser || r == "" }

// Reads tells whether a laptop of role r holds the key of audience a.
func (r LaptopRole) Reads(a Audience) bool {
	if r.IsOrganiser() {
		return true
	}
	return a == AudEveryone || a == BoothAudience(r.Booth())
}

// ParseLaptopRole reads a role as it is written: organiser, or booth:<id>.
func ParseLaptopRole(text string) (LaptopRole, error) {
	r := LaptopRole(strings.TrimSpace(text))
	if r == LaptopOrganiser || (r.Booth() != "" && !strings.ContainsAny(r.Booth(), " /")) {
		return r, nil
	}
	return "", fmt.Errorf("role %q: expected organiser or booth:<id>", text)
}

// rule says who may read a column.
type rule int

const (
	// toEveryone: every laptop.
	toEveryone rule = iota + 1
	// toOrganisers: organiser laptops only.
	toOrganisers
	// toRowBooth: the booth the row belongs to (its booth_id), and organisers.
	toRowBooth
	// toContact: a person's contact details: organisers, and the booths the
	// person visited while they consent.
	toContact
	// toSubject: a conflict goes where the value it is about goes: the
	// booth of a booth's row, otherwise organisers.
	toSubject
)

// audiences maps every column of every synced table, "deleted" included,
// to who may read it. A column missing here fails TestEveryColumnHasAnAudience,
// so a new column cannot leak by default; split refuses one it does not know.
var audiences = map[string]map[string]rule{
	"events":        allColumns(eventsTable, toEveryone),
	"organisations": allColumns(organisationsTable, toEveryone),
	"people": {
		"given_name": toEveryone, "family_name": toEveryone, "kanji_name": toEveryone, "kana_name": toEveryone,
		"org_id": toEveryone, "job_title": toEveryone, "roles": toEveryone, "interests": toEveryone,
		"industries": toEveryone, "badge_code": toEveryone, "consent": toEveryone, "deleted": toEveryone,
		"email": toContact, "phone": toContact, "custom": toContact,
		// What the alumni programme knows of a person is not directory data.
		"programme_role": toOrganisers, "host_prefecture": toOrganisers, "years": toOrganisers, "year_returned": toOrganisers,
		"notes": toOrganisers,
	},
	"booths":           allColumns(boothsTable, toEveryone),
	"booth_staff":      allColumns(boothStaffTable, toEveryone),
	"sessions":         allColumns(sessionsTable, toEveryone),
	"session_speakers": allColumns(sessionSpeakersTable, toEveryone),
	// Who signed up for or attended which session is the organisers' to know.
	"signups":      allColumns(signupsTable, toOrganisers),
	"attendance":   allColumns(attendanceTable, toOrganisers),
	"conflicts":    allColumns(conflictsTable, toSubject),
	"checkins":     allColumns(checkinsTable, toEveryone),
	"visits":       allColumns(visitsTable, toRowBooth),
	"leads":        allColumns(leadsTable, toRowBooth),
	"lead_exports": allColumns(leadExportsTable, toRowBooth),
	"erasures":     allColumns(erasuresTable, toEveryone),
	// Meetings: a booth's slots, its hosts' preferences and its meetings
	// are that booth's rows, as its visits are: its staff hold the
	// meetings at their table and may mark a job seeker "no thanks". The
	// same tables' rows of a person host (a mentor, a recruiter: booth_id
	// empty) go to organisers only, which is where toRowBooth sends a row
	// of no booth: a mentor has no laptop of their own, and who meets which
	// mentor is not for every exhibitor to read.
	"meeting_slots":    allColumns(meetingSlotsTable, toRowBooth),
	"host_preferences": allColumns(hostPreferencesTable, toRowBooth),
	"meetings":         meetingAudiences(),
	// A job seeker's ranked wishes are the organisers' alone, a booth's
	// included: the rank says how the seeker placed this booth against
	// the others, which no exhibitor should learn. A booth sees the
	// meetings the organisers' schedule gives it.
	"meeting_requests": allColumns(meetingRequestsTable, toOrganisers),
}

// meetingAudiences: a meeting goes to its booth, but its score and reasons
// only to organisers, because a reason can name programme data (the year
// a person returned) that only organisers read.
func meetingAudiences() map[string]rule {
	m := allColumns(meetingsTable, toRowBooth)
	m["score"], m["reasons"] = toOrganisers, toOrganisers
	return m
}

func allColumns(t table, r rule) map[string]rule {
	m := map[string]rule{"deleted": r}
	for _, c := range t.cols {
		m[c] = r
	}
	return m
}

// contactColumns are the people columns a booth holds only of its
// consenting visitors.
var contactColumns = []string{"email", "phone", "custom"}

// contactColumnList is contactColumns as an SQL list.
var contactColumnList = sqlList(contactColumns)

// sqlList is names as an SQL list of strings: ('a', 'b').
func sqlList(names []string) string {
	return "('" + strings.Join(names, "', '") + "')"
}

// boothTables are the tables whose rows each belong to one booth.
// A booth laptop may write them for its own booth (privacy_authority.go).
var boothTables = map[string]bool{"visits": true, "leads": true, "lead_exports": true,
	"meeting_slots": true, "host_preferences": true, "meetings": true}

// ruleOf is the rule of one column; a column with none is an error, never
// a default.
func ruleOf(tbl, col string) (rule, error) {
	r, ok := audiences[tbl][col]
	if !ok {
		return 0, fmt.Errorf("no audience for %s.%s", tbl, col)
	}
	return r, nil
}
