package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestWantToMeetListTakesAnEmail(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	st := datatest.Open(t, nil)
	booth := data.Booth{Code: "A01", Name: "Kumo Labs"}
	if err := st.SaveBooth(ctx, &booth, nil); err != nil {
		t.Fatal(err)
	}
	ren := savePeople(t, st, data.Person{GivenName: "Ren", FamilyName: "Ito", Email: "ren@example.jp"})[0]
	q := newUIQueue()
	s := newMyBoothScreen(myBoothDeps{screenEnv: q.env(ctx), store: st})
	s.setBooth(booth.ID, "Ben")
	test.Type(s.wanted.entry, "ren@example.jp")
	s.wanted.entry.OnSubmitted(s.wanted.entry.Text)
	q.waitFor(t, "Ren on the list", func() bool { return strings.Contains(s.wanted.list.Text, "Ren Ito") })
	if ids, _ := st.WantedVisitors(ctx, booth.ID); len(ids) != 1 || ids[0] != ren.ID {
		t.Fatalf("want-to-meet list in the database: %v", ids)
	}
	s.wanted.onAdd("nobody@example.jp")
	q.waitFor(t, "the unknown address refused", func() bool { return s.wanted.message.Visible() })
}
