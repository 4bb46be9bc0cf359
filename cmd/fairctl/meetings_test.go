package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// A fair's meetings from the command line: slots for booth A01 and the
// mentor Taro, requests from Alice and Carol, a booking by hand, the
// auto-schedule kept as a draft and published, a cancellation.
func TestMeetingsFromTheCommandLine(t *testing.T) {
	f := newOnsiteFair(t)
	ctx := context.Background()
	carol := data.Person{GivenName: "Carol", FamilyName: "King", Email: "carol@example.net", Roles: data.NewSet("job_seeker"), Industries: data.NewSet("Finance")}
	datatest.Must(t, f.Store.SavePerson(ctx, &carol))
	ok := f.mustRun(t)
	if out := ok("meetings", "slots", "A01", "--from", "2026-10-23T11:00:00+01:00", "--to", "2026-10-23T11:45:00+01:00", "--place", "Table 1"); !strings.Contains(out, "added 3 slots") {
		t.Errorf("booth slots: %q", out)
	}
	ok("meetings", "slots", f.Taro.BadgeCode, "--from", "2026-10-23T11:00:00+01:00", "--to", "2026-10-23T11:20:00+01:00", "--length", "10m", "--link", "https://meet.example.org/taro")
	if out := ok("meetings", "slots", f.Taro.Email); strings.Count(out, "https://meet.example.org/taro") != 2 || !strings.Contains(out, "11:10-11:20 BST") {
		t.Errorf("Taro's slots:\n%s", out)
	}
	ok("meetings", "request", f.Alice.BadgeCode, f.Taro.BadgeCode, "--rank", "1")
	ok("meetings", "request", f.Alice.Email, "A01", "--rank", "2")
	ok("meetings", "request", carol.BadgeCode, f.Taro.BadgeCode)
	ok("meetings", "request", carol.BadgeCode, "A01", "--rank", "2")

	// Taro and Alice share finance, and he was her first choice.
	out := ok("matches", f.Alice.BadgeCode)
	first, _, _ := strings.Cut(out, "\n")
	if !regexp.MustCompile(`^ *\d+  badge ` + f.Taro.BadgeCode + ` Taro Yamada  both: finance; choice 1$`).MatchString(first) {
		t.Errorf("Alice's matches:\n%s", out)
	}

	// The weights saved for Settings are the ones fairctl scores with.
	w := match.DefaultWeights()
	w.SharedInterest += 18
	datatest.Must(t, matchmaking.SaveWeights(ctx, f.Store, w))
	before, _ := strconv.Atoi(strings.TrimSpace(first[:4]))
	again, _, _ := strings.Cut(ok("matches", f.Alice.BadgeCode), "\n")
	if after, _ := strconv.Atoi(strings.TrimSpace(again[:4])); after != before+18 {
		t.Errorf("with shared interests worth 18 more, Taro scores %d, was %d", after, before)
	}
	datatest.Must(t, matchmaking.SaveWeights(ctx, f.Store, match.DefaultWeights()))

	ok("meetings", "book", "A01", carol.Email, "--at", "2026-10-23T11:30:00+01:00")
	code, _, errs := f.fairctl(t, "meetings", "book", "A01", f.Alice.BadgeCode, "--at", "2026-10-23T11:30:00+01:00")
	if code != exitFailure || !strings.Contains(errs, "the slot already holds a meeting") {
		t.Errorf("booking a taken slot: exit %d, %q", code, errs)
	}
	code, _, errs = f.fairctl(t, "meetings", "book", "A01", "nobody@example.org", "--at", "2026-10-23T11:00:00+01:00")
	if code != exitFailure || strings.Contains(errs, "nobody@example.org") || !strings.Contains(errs, "no one has that badge code or e-mail") {
		t.Errorf("booking nobody: exit %d, %q", code, errs)
	}

	out = ok("meetings", "schedule", "--draft")
	// Three requests are open: Alice with Taro and A01, Carol with Taro.
	if !strings.HasPrefix(out, "3 meetings proposed, 2 job seekers with a meeting") || !strings.Contains(out, "proved optimal") || !strings.Contains(out, "0 requests unmet") {
		t.Fatalf("schedule:\n%s", out)
	}
	if strings.Contains(out, f.Alice.Email) || strings.Contains(out, "Alice") {
		t.Errorf("the schedule names a job seeker:\n%s", out)
	}
	proposed := datatest.Records(t, f.Store, "meetings")
	if len(proposed) != 4 {
		t.Fatalf("%d meetings after the draft, want 4", len(proposed))
	}
	// Scheduling the draft again replaces it rather than adding to it.
	ok("meetings", "schedule", "--draft")
	live := 0
	for _, m := range datatest.Records(t, f.Store, "meetings") {
		if m["deleted"] == float64(0) {
			live++
		}
	}
	if live != 4 {
		t.Errorf("%d live meetings after a second draft, want 4", live)
	}
	if out := ok("meetings", "publish"); out != "booked 3 meetings of the draft\n" {
		t.Errorf("publish: %q", out)
	}
	list := ok("meetings", "list", f.Alice.BadgeCode)
	if strings.Count(list, "booked") != 2 || !strings.Contains(list, "https://meet.example.org/taro") || !strings.Contains(list, "Table 1") {
		t.Fatalf("Alice's meetings:\n%s", list)
	}
	id := regexp.MustCompile(`[0-9a-f-]{36}$`).FindString(strings.SplitN(list, "\n", 2)[0])
	ok("meetings", "cancel", id)
	if list := ok("meetings", "list", f.Alice.BadgeCode); !strings.Contains(list, "cancelled") {
		t.Errorf("after cancelling %s:\n%s", id, list)
	}
	if out := ok("meetings", "schedule"); !strings.HasPrefix(out, "1 meetings proposed") {
		t.Errorf("after the cancellation the schedule proposes again:\n%s", out)
	}

	// Carol's two meetings, and Alice's two, one of them cancelled.
	csvOut := ok("export", "meetings")
	if lines := strings.Split(strings.TrimSpace(csvOut), "\r\n"); len(lines) != 1+4 ||
		lines[0] != "\uFEFFhost_email,host_booth,seeker_email,seeker_badge,start,end,place,link,state,score,reasons" {
		t.Errorf("export meetings:\n%s", csvOut)
	}
	file := filepath.Join(t.TempDir(), "meetings.csv")
	datatest.Must(t, os.WriteFile(file, []byte(csvOut), 0o600))
	if out := ok("import", "meetings", file); !strings.Contains(out, "0 added, 4 updated") {
		t.Errorf("importing the export back: %q", out)
	}
	if code, _, errs := f.fairctl(t, "meetings", "move", "0123456789abcdef"); code != exitFailure || !strings.Contains(errs, "not found") {
		t.Errorf("moving for a conflict that is not there: exit %d, %q", code, errs)
	}
	for _, bad := range [][]string{{"meetings"}, {"meetings", "move"}, {"meetings", "dance"}, {"meetings", "book", "A01"}, {"meetings", "slots", "A01", "--from", "11:00"}} {
		if code, _, _ := f.fairctl(t, bad...); code != exitMisuse {
			t.Errorf("fairctl %s: exit %d, want %d", strings.Join(bad, " "), code, exitMisuse)
		}
	}
}

// A host's "no thanks" keeps the auto-schedule from pairing them with the
// seeker who asked; taken back with none, the pair is proposed again.
func TestMeetingsPreferNoThanks(t *testing.T) {
	f := newOnsiteFair(t)
	ok := f.mustRun(t)
	ok("meetings", "slots", "A01", "--from", "2026-10-23T11:00:00+01:00", "--to", "2026-10-23T11:30:00+01:00")
	ok("meetings", "request", f.Alice.BadgeCode, "A01")
	ok("meetings", "prefer", "A01", f.Alice.Email, "no-thanks")
	if out := ok("meetings", "request", f.Alice.BadgeCode, f.Taro.Email); strings.Contains(out, f.Taro.Email) || !strings.Contains(out, "badge "+f.Taro.BadgeCode) {
		t.Errorf("a request of a host found by e-mail prints %q", out)
	}
	if out := ok("meetings", "schedule", "--draft"); !strings.HasPrefix(out, "0 meetings proposed") {
		t.Errorf("with the booth's no thanks the schedule says:\n%s", out)
	}
	ok("meetings", "prefer", "A01", f.Alice.BadgeCode, "none")
	if out := ok("meetings", "schedule", "--draft"); !strings.HasPrefix(out, "1 meetings proposed") {
		t.Errorf("with no thanks taken back the schedule says:\n%s", out)
	}
	if code, _, _ := f.fairctl(t, "meetings", "prefer", "A01", f.Alice.BadgeCode, "maybe"); code != exitMisuse {
		t.Errorf("prefer maybe: exit %d, want %d", code, exitMisuse)
	}
}
