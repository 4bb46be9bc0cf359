package data

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ProblemCode names what is wrong with one field of a record. data says
// which problem it found and with which values, never in what words: the
// window says it in the user's language (ui translates the code's English
// text, its key in the translation files), and Problem.Error says it in
// English for fairctl, import reports and anything else.
type ProblemCode string

// The codes; a comment names the values a problem carries (Args), in order.
const (
	ProblemNameNeeded              ProblemCode = "name_needed"
	ProblemEmailMalformed          ProblemCode = "email_malformed"
	ProblemYearImplausible         ProblemCode = "year_implausible" // the year
	ProblemEmailTaken              ProblemCode = "email_taken"      // the name of who has it
	ProblemBadgeCodeTaken          ProblemCode = "badge_code_taken" // the name of who has it
	ProblemOrganisationNameNeeded  ProblemCode = "organisation_name_needed"
	ProblemBoothCodeNeeded         ProblemCode = "booth_code_needed"
	ProblemBoothCodeTaken          ProblemCode = "booth_code_taken" // the name of the booth that has it, the code
	ProblemSessionTitleNeeded      ProblemCode = "session_title_needed"
	ProblemSessionStartNeeded      ProblemCode = "session_start_needed"
	ProblemSessionEndsBeforeStart  ProblemCode = "session_ends_before_start"
	ProblemCapacityNegative        ProblemCode = "capacity_negative"
	ProblemEventNameNeeded         ProblemCode = "event_name_needed"
	ProblemEventEndsBeforeStart    ProblemCode = "event_ends_before_start"
	ProblemTimeZoneUnknown         ProblemCode = "time_zone_unknown" // the name given
	ProblemLaptopNameNeeded        ProblemCode = "laptop_name_needed"
	ProblemRatingUnknown           ProblemCode = "rating_unknown" // the rating given
	ProblemLeadNeedsBoothAndPerson ProblemCode = "lead_needs_booth_and_person"
	ProblemDaysNegative            ProblemCode = "days_negative"
	ProblemHostNeeded              ProblemCode = "host_needed"
	ProblemSeekerNeeded            ProblemCode = "seeker_needed"
	ProblemSeekerIsHost            ProblemCode = "seeker_is_host"
	ProblemSlotStartNeeded         ProblemCode = "slot_start_needed"
	ProblemSlotLength              ProblemCode = "slot_length" // the length in minutes
	ProblemSlotOverlaps            ProblemCode = "slot_overlaps"
	ProblemSeekerCapNotPositive    ProblemCode = "seeker_cap_not_positive"
	ProblemRankNotPositive         ProblemCode = "rank_not_positive"
	ProblemRequestSourceUnknown    ProblemCode = "request_source_unknown" // the source given
	ProblemPreferenceUnknown       ProblemCode = "preference_unknown"     // the preference given
	ProblemMeetingStateUnknown     ProblemCode = "meeting_state_unknown"  // the state given
	ProblemSlotTaken               ProblemCode = "slot_taken"
	ProblemSeekerBusy              ProblemCode = "seeker_busy"
	ProblemSeekerInSession         ProblemCode = "seeker_in_session" // the session's title
	ProblemSlotNotOfHost           ProblemCode = "slot_not_of_host"
	ProblemHostBusy                ProblemCode = "host_busy"
	ProblemSeekerCapReached        ProblemCode = "seeker_cap_reached" // how many they have
)

// problemEnglish is each code's English text, a fmt format for the
// problem's Args. The same text is the code's translation key, so the
// translation files say it in other languages.
var problemEnglish = map[ProblemCode]string{
	ProblemNameNeeded: "a name is needed (given, family or kanji)",
	// The address itself stays out: this text reaches import reports on stderr.
	ProblemEmailMalformed:          "the e-mail address is not well formed (it needs a name, @ and a domain such as example.com)",
	ProblemYearImplausible:         "%d is not a plausible year",
	ProblemEmailTaken:              "%s already has this e-mail address",
	ProblemBadgeCodeTaken:          "%s already has this badge code",
	ProblemOrganisationNameNeeded:  "an organisation needs a name",
	ProblemBoothCodeNeeded:         "a booth needs a code",
	ProblemBoothCodeTaken:          "booth %q already has code %s",
	ProblemSessionTitleNeeded:      "a session needs a title",
	ProblemSessionStartNeeded:      "a session needs a start time",
	ProblemSessionEndsBeforeStart:  "a session must end after it starts",
	ProblemCapacityNegative:        "capacity cannot be negative",
	ProblemEventNameNeeded:         "the event needs a name",
	ProblemEventEndsBeforeStart:    "the event must end after it starts",
	ProblemTimeZoneUnknown:         "%q is not a time zone name such as Europe/London",
	ProblemLaptopNameNeeded:        "the laptop needs a name",
	ProblemRatingUnknown:           "%q is not a rating: choose hot, warm or cold",
	ProblemLeadNeedsBoothAndPerson: "a lead needs a booth and a person",
	ProblemDaysNegative:            "the number of days cannot be negative",
	ProblemHostNeeded:              "a meeting needs one host: a mentor, a recruiter or a booth",
	ProblemSeekerNeeded:            "a meeting needs a job seeker",
	ProblemSeekerIsHost:            "a host cannot meet themselves",
	ProblemSlotStartNeeded:         "a slot needs a start time",
	ProblemSlotLength:              "a slot lasts 10 to 30 minutes, not %d",
	ProblemSlotOverlaps:            "the host already has a slot at this time and place",
	ProblemSeekerCapNotPositive:    "the meetings per job seeker must be at least 1",
	ProblemRankNotPositive:         "a rank starts at 1 for the first choice",
	ProblemRequestSourceUnknown:    "%q is not where a request came from: choose desk, organiser or import",
	ProblemPreferenceUnknown:       "%q is not a preference: choose want or no_thanks",
	ProblemMeetingStateUnknown:     "%q is not a meeting state: choose requested, proposed, booked, declined, cancelled, done or no_show",
	ProblemSlotTaken:               "the slot already holds a meeting",
	ProblemSeekerBusy:              "the job seeker is in another meeting at this time",
	ProblemSeekerInSession:         "the job seeker is at the session %q at this time",
	ProblemSlotNotOfHost:           "the slot belongs to another host",
	ProblemHostBusy:                "the host is in another meeting or at a session at this time",
	ProblemSeekerCapReached:        "the job seeker already has %d meetings with this host, as many as its slots allow",
}

// ProblemCodes lists every code, so that a test can check that each has
// its translations.
func ProblemCodes() []ProblemCode { return slices.Sorted(maps.Keys(problemEnglish)) }

// Problem is what is wrong with one field: a code and the values its text
// names, in the order the English text names them.
type Problem struct {
	Code ProblemCode
	Args []any
}

func problem(code ProblemCode, args ...any) Problem { return Problem{Code: code, Args: args} }

// Format is the problem's English text before its values are filled in:
// the key a translation is found by. An unknown code reads as itself.
func (p Problem) Format() string {
	if text, ok := problemEnglish[p.Code]; ok {
		return text
	}
	return string(p.Code)
}

// Error is the problem in English, its values filled in.
func (p Problem) Error() string { return fmt.Sprintf(p.Format(), p.Args...) }

// FieldErrors maps a field (its column name) to what is wrong with it.
type FieldErrors map[string]Problem

// Error says every problem in English, by field.
func (e FieldErrors) Error() string {
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(e)) {
		parts = append(parts, field+": "+e[field].Error())
	}
	return strings.Join(parts, "; ")
}
