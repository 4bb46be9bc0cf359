package sheets

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// requestsOf is a seeker's live requests as "rank host-key source".
func requestsOf(t *testing.T, st *data.Store, seekerID string) []string {
	t.Helper()
	all, err := st.MeetingRequests(t.Context())
	datatest.Must(t, err)
	var out []string
	for _, r := range all {
		if r.PersonID == seekerID {
			out = append(out, strings.Join([]string{string(rune('0' + r.Rank)), r.Host.Key(), string(r.Source)}, " "))
		}
	}
	slices.Sort(out)
	return out
}

// A registration form's answers become ranked requests: the booth by its
// organisation's name, the mentor by name in kanji and with a remark in
// brackets, ticked boxes joined by commas, a second choice column; the
// seeker's request made at the desk follows the file's, and the same file
// again changes nothing.
func TestImportMeetingRequestsFromARegistrationForm(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	booth, taro, bob := data.BoothHost(f.Booth.ID), data.PersonHost(f.Taro.ID), data.PersonHost(f.Bob.ID)
	datatest.Must(t, st.SaveMeetingRequest(ctx, &data.MeetingRequest{Host: bob, PersonID: f.Alice.ID, Rank: 1, Source: data.SourceDesk}))
	file := "Timestamp,Email Address,Who would you like to meet?,Second choice,Dietary needs\n" +
		"2026-10-01 09:00,ALICE@example.com,\"Kaisha KK, Taro Yamada (mentor)\",山田太郎,none\n"
	res, err := ImportMeetingRequests(ctx, st, strings.NewReader(file), Options{FileName: "form.csv"})
	datatest.Must(t, err)
	if res.Added != 2 || res.Updated != 1 || res.Unchanged != 0 {
		t.Errorf("first import: %+v, want 2 added and the desk's request moved to third", res)
	}
	want := []string{"1 " + booth.Key() + " import", "2 " + taro.Key() + " import", "3 " + bob.Key() + " desk"}
	if got := requestsOf(t, st, f.Alice.ID); !slices.Equal(got, want) {
		t.Errorf("Alice's requests %q, want %q", got, want)
	}
	res, err = ImportMeetingRequests(ctx, st, strings.NewReader(file), Options{FileName: "form.csv"})
	datatest.Must(t, err)
	if res.Added != 0 || res.Updated != 0 || res.Unchanged != 3 {
		t.Errorf("the same file again: %+v, want 3 unchanged", res)
	}
	// Semicolons and lines separate choices too; a badge code names the
	// seeker, a booth code and an e-mail the hosts.
	file = "badge,Mentor choice\n" + f.Alice.BadgeCode + ",\"bob@example.org\nA01; taro@example.jp\"\n"
	_, err = ImportMeetingRequests(ctx, st, strings.NewReader(file), Options{FileName: "form.csv"})
	datatest.Must(t, err)
	want = []string{"1 " + bob.Key() + " import", "2 " + booth.Key() + " import", "3 " + taro.Key() + " import"}
	if got := requestsOf(t, st, f.Alice.ID); !slices.Equal(got, want) {
		t.Errorf("after the second file Alice's requests are %q, want %q", got, want)
	}
}

// Rows whose seeker or host is unknown, or whose host's name two mentors
// share, are named by line and column without the names in them, and
// stop the import: nothing changes.
func TestImportMeetingRequestsBadRows(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	st := f.Store
	twin := data.Person{GivenName: "Taro", FamilyName: "Yamada", Email: "taro.twin@example.jp", Roles: data.NewSet("mentor")}
	datatest.Must(t, st.SavePerson(ctx, &twin))
	file := "email,Who would you like to meet?\n" +
		"alice@example.com,A01\n" +
		"nobody@example.com,A01\n" +
		"alice@example.com,Hanako Unknown\n" +
		"alice@example.com,Taro Yamada\n"
	res, err := ImportMeetingRequests(ctx, st, strings.NewReader(file), Options{FileName: "form.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("err %v, want the rows' problems", err)
	}
	var got []string
	for _, p := range pe.Problems {
		got = append(got, p.String())
		for _, personal := range []string{"nobody", "Hanako", "Taro", "Yamada"} {
			if strings.Contains(p.Message, personal) {
				t.Errorf("a problem quotes the file: %s", p)
			}
		}
	}
	want := []string{
		"form.csv:3: no one has the job seeker's e-mail address or badge code",
		"form.csv:4:2: column 2 (Who would you like to meet?): 1 of the names given fit no booth, mentor or recruiter; check them against the booths' codes and names and the mentors' and recruiters' names",
		"form.csv:5:2: column 2 (Who would you like to meet?): 1 of the names given fit several hosts; give a booth code or the host's e-mail address instead",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Added != 1 {
		t.Errorf("the good row would add %d, want 1", res.Added)
	}
	if got := requestsOf(t, st, f.Alice.ID); len(got) != 0 {
		t.Errorf("a file with bad rows changed the requests: %q", got)
	}
	// With --skip-bad the good row goes in.
	res, err = ImportMeetingRequests(ctx, st, strings.NewReader(file), Options{FileName: "form.csv", SkipBad: true})
	datatest.Must(t, err)
	if res.Added != 1 || res.Skipped != 3 {
		t.Errorf("skipping the bad rows: %+v", res)
	}
}

// A file with no seeker column, or none that says whom to meet, is
// refused as a whole with what its header needs.
func TestImportMeetingRequestsNeedsItsColumns(t *testing.T) {
	f := datatest.NewFair(t)
	for file, want := range map[string]string{
		"name,Who would you like to meet?\nAlice,A01\n": "no column names the job seeker",
		"email,Dietary needs\nalice@example.com,none\n": "no column says whom to meet",
	} {
		_, err := ImportMeetingRequests(t.Context(), f.Store, strings.NewReader(file), Options{FileName: "form.csv"})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", file, err, want)
		}
	}
}
