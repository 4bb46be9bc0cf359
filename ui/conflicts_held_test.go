package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// TestConflictsAcceptsABatchHeldForItsClock: a batch that sync held back
// because its stamps are far ahead shows as a card naming the laptop, and
// its button lets it in at the next sync.
func TestConflictsAcceptsABatchHeldForItsClock(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	st := datatest.Open(t, nil)
	held := data.HeldBatch{Device: "0123456789abcdef", Laptop: "Fast laptop", Seq: 4, Newest: time.Now().Add(3 * time.Hour)}
	if err := st.HoldBatch(ctx, held); err != nil {
		t.Fatal(err)
	}
	q := newUIQueue()
	synced := 0
	s := newConflictsScreen(conflictsDeps{screenEnv: q.env(ctx), store: st, win: test.NewWindow(nil), show: func(dialog.Dialog) {}, onResolved: func() { synced++ }})
	s.refresh()
	var card *widget.Card
	var accept *widget.Button
	q.waitFor(t, "the held batch's card", func() bool {
		for _, o := range s.box.Objects {
			if c, ok := o.(*widget.Card); ok && c.Title == "Changes from Fast laptop are held back" {
				card = c
				walk(c.Content, func(o fyne.CanvasObject) {
					if b, ok := o.(*widget.Button); ok && b.Text == "Accept its changes" {
						accept = b
					}
				})
			}
		}
		return card != nil
	})
	if accept == nil {
		t.Fatal("no button to accept the held changes")
	}
	test.Tap(accept)
	q.waitFor(t, "the acceptance", func() bool { n, _ := st.AcceptedHeld(ctx, held.Device); return n == held.Seq && synced == 1 })
}
