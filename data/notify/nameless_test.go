package notify_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

// Every notification that names a person carries a nameless text for the
// lock screen, which says what happened without saying who; the text the
// centre keeps still names them. A visit, a digest and the summary after
// a sleep each.
func TestNotificationsNamingSomeoneCarryANamelessText(t *testing.T) {
	f, booth, people := visitorFair(t)
	ctx := context.Background()
	names := []string{"Taro", "Yamada", "山田", "太郎", "Alice", "Smith", "Bob", "Jones"}
	nameless := func(n data.Notification) string { t.Helper(); return namelessText(t, n, names) }

	f.clock.Set(at("2026-10-23", "11:00"))
	f.deskVisit(booth.ID, people[0].ID)
	got := f.expect(at("2026-10-23", "11:00:10"), "Visitor at booth A01")
	if !strings.Contains(got[0].Body, "Taro Yamada") {
		t.Errorf("the centre's text lost the name: %q", got[0].Body)
	}
	if text := nameless(got[0]); !strings.Contains(text, "A visitor checked in at booth A01 at 11:00") {
		t.Errorf("nameless visit: %q", text)
	}

	f.check(f.st.WantToMeet(ctx, booth.ID, people[2].ID, true))
	f.clock.Set(at("2026-10-23", "11:00:15"))
	f.deskVisit(booth.ID, people[1].ID)
	_, err := f.st.CheckInPerson(ctx, people[2].ID, "")
	f.check(err)
	got = f.expect(at("2026-10-23", "11:00:30"), "2 visitors for booth A01")
	if text := nameless(got[0]); !strings.Contains(text, "Someone on your want-to-meet list checked in at 11:00") {
		t.Errorf("nameless digest: %q", text)
	}

	// Away for an hour: the summary of what was missed names no one either.
	f.clock.Set(at("2026-10-23", "11:10"))
	f.deskVisit(booth.ID, people[0].ID)
	got = f.tick(at("2026-10-23", "12:10"))
	if len(got) != 1 || !strings.HasPrefix(got[0].Title, "While Fairdesk was away") || !strings.Contains(got[0].Body, "Taro Yamada") {
		t.Fatalf("after a sleep: %+v", got)
	}
	if text := nameless(got[0]); !strings.Contains(text, "A visitor checked in at booth A01 at 11:10") {
		t.Errorf("nameless summary: %q", text)
	}

	// A session reminder names no one: it needs no other text.
	s := f.session("Working in Japan", at("2026-10-23", "12:30"), true)
	got = f.expect(at("2026-10-23", "12:20:20"), s.Title)
	if got[0].Nameless != nil {
		t.Errorf("a session reminder has a nameless text: %+v", got[0].Nameless)
	}
}

// namelessText is n's text for the lock screen, which must exist and name
// none of names.
func namelessText(t *testing.T, n data.Notification, names []string) string {
	t.Helper()
	if n.Nameless == nil {
		t.Fatalf("%q names someone but has no nameless text", n.Title)
	}
	text := n.Nameless.Title + "\n" + n.Nameless.Body
	for _, name := range names {
		if strings.Contains(text, name) {
			t.Errorf("the nameless text of %q names %s:\n%s", n.Title, name, text)
		}
	}
	return text
}
