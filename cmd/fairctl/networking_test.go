package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// networkingFair is the fair day with a speed-networking session from
// 14:00 to 14:40: Taro, Bob and six more hosts of three sectors, twelve job
// seekers (one with only a kanji name) signed up, and Carol, who did not
// sign up, and Dan, who signed up and then withdrew.
func networkingFair(t *testing.T) (*onsiteFair, data.Session, []data.Person) {
	t.Helper()
	f := newOnsiteFair(t)
	ctx := context.Background()
	st := f.Store
	sectors := []data.Organisation{{Name: "Bank of Kanda", Sector: "Finance"}, {Name: "Tokyo Metropolitan Government", Sector: "Public sector"},
		{Name: "Sakura Robotics", Sector: "Technology"}}
	for i := range sectors {
		datatest.Must(t, st.SaveOrganisation(ctx, &sectors[i]))
	}
	session := data.Session{Title: "Speed networking", Kind: data.SessionNetworking, Starts: datatest.FairDay(14, 0), Ends: datatest.FairDay(14, 40), Room: "Hall B"}
	datatest.Must(t, st.SaveSession(ctx, &session, nil))
	signed := []data.Person{f.Taro, f.Alice, f.Bob}
	for i := range 6 {
		p := data.Person{GivenName: "Host", FamilyName: fmt.Sprintf("Number%d", i), Roles: data.NewSet([]string{"mentor", "recruiter"}[i%2]),
			OrgID: sectors[i%3].ID}
		datatest.Must(t, st.SavePerson(ctx, &p))
		signed = append(signed, p)
	}
	for i := range 11 {
		p := data.Person{GivenName: "Seeker", FamilyName: fmt.Sprintf("Number%02d", i), Roles: data.NewSet("job_seeker")}
		datatest.Must(t, st.SavePerson(ctx, &p))
		signed = append(signed, p)
	}
	kanjiOnly := data.Person{KanjiName: "佐藤 花子", Roles: data.NewSet("job_seeker")}
	datatest.Must(t, st.SavePerson(ctx, &kanjiOnly))
	signed = append(signed, kanjiOnly)
	for _, p := range signed {
		datatest.Must(t, st.SignUp(ctx, session.ID, p.ID, true))
	}
	carol := data.Person{GivenName: "Carol", FamilyName: "King", Roles: data.NewSet("job_seeker")}
	dan := data.Person{GivenName: "Dan", FamilyName: "Brown", Roles: data.NewSet("job_seeker")}
	datatest.Must(t, st.SavePerson(ctx, &carol))
	datatest.Must(t, st.SavePerson(ctx, &dan))
	datatest.Must(t, st.SignUp(ctx, session.ID, dan.ID, true))
	datatest.Must(t, st.SignUp(ctx, session.ID, dan.ID, false))
	return f, session, signed
}

// readPlan reads the CSV back with encoding/csv as a spreadsheet would,
// after the byte-order mark.
func readPlan(t *testing.T, path string) [][]string {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("the table plan is not CSV: %v", err)
	}
	return rows
}

func TestFairctlNetworkingPlansTheSignedUpPeople(t *testing.T) {
	f, session, signed := networkingFair(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "tables.csv")
	code, stdout, stderr := f.fairctl(t, "networking", "speed NETWORKING", "--tables", "5", "--rounds", "4", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "planned 21 people at 5 tables of 4 to 5 for 4 rounds (by rotation) to "+out+"\n" || stderr != "" {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	rows := readPlan(t, out)
	if got := strings.Join(rows[0], ","); got != "round,table,person,role,organisation,badge" {
		t.Fatalf("header %q", got)
	}
	names := map[string]string{}
	for _, p := range signed {
		full, _ := f.Store.Person(context.Background(), p.ID)
		names[full.BadgeCode] = full.DisplayName()
	}
	type seat struct{ round, table string }
	seats := map[string][]seat{}
	atTable := map[seat][]string{}
	for _, r := range rows[1:] {
		if len(r) != 6 || r[1] == "sitting out" {
			t.Fatalf("row %q: want six cells and everyone seated", r)
		}
		if _, ok := names[r[5]]; !ok {
			t.Fatalf("row %q names someone not signed up", r)
		}
		s := seat{r[0], r[1]}
		seats[r[5]] = append(seats[r[5]], s)
		atTable[s] = append(atTable[s], r[5])
	}
	for code, list := range seats {
		if len(list) != 4 {
			t.Errorf("%s is seated %d times in 4 rounds", names[code], len(list))
		}
	}
	if len(seats) != len(signed) {
		t.Errorf("%d people in the plan, %d signed up", len(seats), len(signed))
	}
	met := map[[2]string]bool{}
	for s, codes := range atTable {
		if len(codes) < 4 || len(codes) > 5 {
			t.Errorf("round %s table %s seats %d", s.round, s.table, len(codes))
		}
		for i, a := range codes {
			for _, b := range codes[i+1:] {
				pair := [2]string{min(a, b), max(a, b)}
				if met[pair] {
					t.Errorf("%s and %s meet twice", names[a], names[b])
				}
				met[pair] = true
			}
		}
	}
	body, _ := os.ReadFile(out)
	for _, want := range []string{"Taro Yamada (山田 太郎),Mentor,Kaisha KK", "佐藤 花子,Job seeker,", ",Recruiter,Tokyo Metropolitan Government,"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the plan lacks %q", want)
		}
	}

	// At the door: only those checked in now. Alice checked in and out,
	// Bob's check-in was undone, Taro and three seekers are in.
	ctx := context.Background()
	st := f.open(t)
	for _, p := range []data.Person{f.Taro, f.Alice, signed[9], signed[10], signed[11]} {
		if _, err := st.CheckInPerson(ctx, p.ID, "desk"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CheckOut(ctx, f.Alice.Email, "desk"); err != nil {
		t.Fatal(err)
	}
	res, err := st.CheckInPerson(ctx, f.Bob.ID, "desk")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.UndoCheckIn(ctx, res.Recorded.ID, "desk"); err != nil {
		t.Fatal(err)
	}
	organiser := data.Person{GivenName: "Olive", FamilyName: "Organiser", Roles: data.NewSet("organiser")}
	datatest.Must(t, st.SavePerson(ctx, &organiser))
	if _, err := st.CheckInPerson(ctx, organiser.ID, "desk"); err != nil {
		t.Fatal(err)
	}
	walkUp := data.Session{Title: "Walk-up networking", Kind: data.SessionNetworking, Starts: datatest.FairDay(15, 0)}
	datatest.Must(t, st.SaveSession(ctx, &walkUp, nil))
	st.Close()
	code, stdout, stderr = f.fairctl(t, "networking", session.ID, "--tables", "2", "--rounds", "2", "--checked-in", "-o", out)
	if code != exitOK || !strings.HasPrefix(stdout, "planned 4 people at 2 tables of 2 to 2 for 2 rounds") {
		t.Fatalf("--checked-in: exit %d %q %q", code, stdout, stderr)
	}
	rows = readPlan(t, out)
	people := map[string]bool{}
	for _, r := range rows[1:] {
		people[r[2]] = true
	}
	if len(people) != 4 || !people["Taro Yamada (山田 太郎)"] || people["Alice Smith"] || people["Bob Jones"] {
		t.Errorf("checked-in plan seats %v", people)
	}

	// No one signed up: the job seekers, mentors and recruiters checked
	// in now, not the organiser.
	code, stdout, stderr = f.fairctl(t, "networking", "Walk-up networking", "--tables", "2", "--rounds", "1", "-o", out)
	if code != exitOK || !strings.HasPrefix(stdout, "planned 4 people") || !strings.Contains(stderr, "no one is signed up for the session") {
		t.Fatalf("walk-up: exit %d %q %q", code, stdout, stderr)
	}
	rows = readPlan(t, out)
	if len(rows) != 5 || strings.Contains(fmt.Sprint(rows), "Olive") {
		t.Errorf("walk-up plan %q", rows)
	}
}

func TestFairctlNetworkingPrintsAPDF(t *testing.T) {
	f, _, _ := networkingFair(t)
	out := filepath.Join(t.TempDir(), "tables.pdf")
	code, _, stderr := f.fairctl(t, "networking", "Speed networking", "--tables", "5", "--rounds", "3", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils): cannot read the PDF back")
	}
	text, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(text), "\f\n"), "\f")
	if len(pages) != 4 {
		t.Fatalf("%d pages, want a page per round and the index:\n%s", len(pages), text)
	}
	for i, want := range []string{"Round 1 of 3", "Round 2 of 3", "Round 3 of 3", "Who sits where"} {
		if !strings.Contains(pages[i], want) || !strings.Contains(pages[i], "Alumni Careers Fair · Speed networking · Table plan") {
			t.Errorf("page %d lacks %q or the heading:\n%s", i+1, want, pages[i])
		}
	}
	// 40 minutes in 3 rounds of 13; the hosts stay at their tables.
	if !strings.Contains(pages[1], "14:13–14:26 (Europe/London) · Hall B") || !strings.Contains(pages[0], "Table 5") || strings.Contains(pages[0], "Table 6") || strings.Contains(string(text), "Sitting out") {
		t.Errorf("round 2:\n%s", pages[1])
	}
	if !strings.Contains(string(text), "佐藤 花子") || !strings.Contains(string(text), "Taro Yamada 山田 太郎") {
		t.Errorf("a Japanese name is missing:\n%s", text)
	}
}

func TestFairctlNetworkingRefusesBadInput(t *testing.T) {
	f, _, _ := networkingFair(t)
	ctx := context.Background()
	twin := data.Session{Title: "Twin", Starts: datatest.FairDay(15, 0)}
	twin2 := twin
	datatest.Must(t, f.Store.SaveSession(ctx, &twin, nil))
	datatest.Must(t, f.Store.SaveSession(ctx, &twin2, nil))
	empty := data.Session{Title: "Empty", Starts: datatest.FairDay(15, 0)}
	datatest.Must(t, f.Store.SaveSession(ctx, &empty, nil))
	out := filepath.Join(t.TempDir(), "plan.csv")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"Nonesuch", "--tables", "2", "--rounds", "2", "-o", out}, exitFailure, "no session has that title or id"},
		{[]string{"twin", "--tables", "2", "--rounds", "2", "-o", out}, exitFailure, "2 sessions have that title"},
		{[]string{"Empty", "--tables", "2", "--rounds", "2", "-o", out}, exitFailure, "no one is signed up for session " + empty.ID + " and 0 job seekers"},
		{[]string{"Speed networking", "--checked-in", "--tables", "2", "--rounds", "2", "-o", out}, exitFailure, "0 people signed up and checked in"},
		{[]string{"Speed networking", "--tables", "2", "--rounds", "2", "-o", "plan.txt"}, exitMisuse, "ending in .csv or .pdf"},
		{[]string{"Speed networking", "--rounds", "2", "-o", out}, exitMisuse, "how many tables and rounds"},
		{[]string{"Speed networking", "--tables", "2", "--rounds", "99", "-o", out}, exitFailure, "rounds must be 1 to 50"},
	} {
		code, _, stderr := f.fairctl(t, append([]string{"networking"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, %q; want %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused plan left a file")
	}
}
