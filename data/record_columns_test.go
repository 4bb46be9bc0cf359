package data

import (
	"slices"
	"testing"
)

// A record's values follow its table's columns by the fields' db tags, so
// the value written to a column is the field read back from it.
func TestRecordValuesFollowTheColumns(t *testing.T) {
	p := Person{GivenName: "g", FamilyName: "f", KanjiName: "k", KanaName: "kk", Email: "e@example.com", Phone: "p",
		OrgID: "o", JobTitle: "j", BadgeCode: "b", Notes: "n", YearReturned: 2019, Consent: true}
	want := map[string]any{"given_name": "g", "family_name": "f", "kanji_name": "k", "kana_name": "kk", "email": "e@example.com",
		"phone": "p", "org_id": "o", "job_title": "j", "badge_code": "b", "notes": "n", "year_returned": 2019, "consent": true}
	values := p.values()
	for col, v := range want {
		if got := values[slices.Index(peopleTable.cols, col)]; got != v {
			t.Errorf("people.%s gets %v, want %v", col, got, v)
		}
	}
	// The host is embedded in the meeting records: its fields take their
	// columns, beside the seeker's own person_id.
	m := (&Meeting{Host: PersonHost("h"), PersonID: "s", SlotID: "sl", State: MeetingBooked, Score: 7}).record()
	for col, v := range map[string]any{"booth_id": "", "host_id": "h", "person_id": "s", "slot_id": "sl", "state": "booked", "score": 7} {
		if got := meetingFields.values(m)[slices.Index(meetingsTable.cols, col)]; got != v {
			t.Errorf("meetings.%s gets %#v, want %#v", col, got, v)
		}
	}
	r := MeetingRequest{Host: BoothHost("b"), PersonID: "s", Rank: 2, Source: SourceImport}
	for col, v := range map[string]any{"booth_id": "b", "host_id": "", "person_id": "s", "rank": 2, "source": "import"} {
		if got := meetingRequestFields.values(r)[slices.Index(meetingRequestsTable.cols, col)]; got != v {
			t.Errorf("meeting_requests.%s gets %#v, want %#v", col, got, v)
		}
	}
	l := Lead{Rating: "hot"}
	if got := l.values()[slices.Index(leadsTable.cols, "rating")]; got != "hot" {
		t.Errorf("leads.rating gets %#v, want the text hot", got)
	}
}

// A column with no field in its record stops the program at start-up.
func TestAColumnWithoutAFieldIsRefused(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a column with no field was accepted")
		}
	}()
	fieldsOf(table{"people", append(slices.Clone(peopleTable.cols), "nickname")}, Person{})
}
