package datatest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// London is the fair's time zone.
var London = mustZone("Europe/London")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// FairDay is a time on the fair day, 23 October 2026, in London. The day
// is in British Summer Time: 11:00 in London is 10:00 UTC.
func FairDay(hour, minute int) time.Time {
	return time.Date(2026, 10, 23, hour, minute, 0, 0, London)
}

// Fair is the fair day on a real database file: the Alumni Careers Fair,
// 11:00 to 16:00 in London, on a laptop named desk-1, with one exhibitor,
// three people and booth A01. The clock stands at the opening.
type Fair struct {
	Path    string
	Store   *data.Store
	Clock   *Clock
	Opening time.Time
	Org     data.Organisation // Kaisha KK, a Japanese company
	// Taro is a mentor at Kaisha KK who agreed to share his contact
	// details; Alice is a job seeker who did not; Bob is a recruiter and
	// speaker who staffs booth A01.
	Taro, Alice, Bob data.Person
	Booth            data.Booth // A01, Kaisha KK's
}

// NewFair sets up the fair day; any setup error fails the test.
func NewFair(t testing.TB) *Fair {
	t.Helper()
	ctx := context.Background()
	f := &Fair{Path: filepath.Join(t.TempDir(), "event.db"), Clock: NewClock(FairDay(11, 0)), Opening: FairDay(11, 0)}
	f.Store = OpenAt(t, f.Path, f.Clock.Now)
	st := f.Store
	Must(t, st.SetLaptopName(ctx, "desk-1"))
	Must(t, st.SaveEvent(ctx, &data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London", Starts: f.Opening, Ends: FairDay(16, 0)}))
	f.Org = data.Organisation{Name: "Kaisha KK", Kind: data.OrgJapaneseCompany}
	Must(t, st.SaveOrganisation(ctx, &f.Org))
	f.Taro = data.Person{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎", KanaName: "やまだ たろう",
		Email: "taro@example.jp", Phone: "+81 3 1234 5678", Roles: data.NewSet("mentor"), Interests: data.NewSet("finance", "teaching"),
		Consent: true, OrgID: f.Org.ID, Notes: "organisers only"}
	f.Alice = data.Person{GivenName: "Alice", FamilyName: "Smith", Email: "alice@example.com", Phone: "+44 20 7946 0000",
		Roles: data.NewSet("job_seeker"), Interests: data.NewSet("finance"), Consent: false}
	f.Bob = data.Person{GivenName: "Bob", FamilyName: "Jones", Email: "bob@example.org", Roles: data.NewSet("recruiter", "speaker")}
	for _, p := range []*data.Person{&f.Taro, &f.Alice, &f.Bob} {
		Must(t, st.SavePerson(ctx, p))
	}
	f.Booth = data.Booth{Code: "A01", Name: "Kaisha KK", OrgID: f.Org.ID}
	Must(t, st.SaveBooth(ctx, &f.Booth, []string{f.Bob.ID}))
	return f
}
