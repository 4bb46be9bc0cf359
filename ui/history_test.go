package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// The history of a delete that was undone says "restored", not "changed
// Deleted; it was deleted".
func TestHistoryOfAnUndoneDeleteSaysRestored(t *testing.T) {
	ctx := context.Background()
	clock := datatest.NewClock(datatest.FairDay(11, 0))
	st := datatest.Open(t, clock.Now)
	p := savePeople(t, st, fairPeople()[0])[0]
	clock.Advance(time.Minute)
	datatest.Must(t, st.DeletePerson(ctx, p.ID))
	clock.Advance(time.Minute)
	datatest.Must(t, st.RestorePerson(ctx, p.ID))
	changes, err := st.History(ctx, "people", p.ID)
	datatest.Must(t, err)
	text := strings.Join(historyLines(changes, map[string]string{}, datatest.FairDay(12, 0)), "\n")
	if !strings.Contains(text, "restored it") || !strings.Contains(text, "deleted it") || strings.Contains(text, "changed Deleted") {
		t.Errorf("history:\n%s", text)
	}
}
