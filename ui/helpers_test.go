package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
)

// uiQueue stands in for fyne.Do: background goroutines queue their UI
// work and the test goroutine runs it, so widgets have one goroutine.
type uiQueue struct{ work chan func() }

func newUIQueue() *uiQueue { return &uiQueue{work: make(chan func(), 1024)} }

func (q *uiQueue) do(fn func()) { q.work <- fn }

// env is what a screen under test gets from its window: ctx, and q for
// the UI goroutine.
func (q *uiQueue) env(ctx context.Context) screenEnv { return screenEnv{ctx: ctx, do: q.do} }

// waitFor runs queued UI work until cond holds, failing after a while
// rather than sleeping a fixed time.
func (q *uiQueue) waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	q.waitWithin(t, 10*time.Second, what, cond)
}

// waitWithin is waitFor for work known to be long, such as loading the
// whole demo event, which under the race detector on a slow machine takes
// longer than waitFor waits.
func (q *uiQueue) waitWithin(t testing.TB, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(limit)
	for !cond() {
		select {
		case fn := <-q.work:
			fn()
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// settle runs queued UI work until none has arrived for a short while.
func (q *uiQueue) settle() {
	for {
		select {
		case fn := <-q.work:
			fn()
		case <-time.After(100 * time.Millisecond):
			return
		}
	}
}

func savePeople(t *testing.T, st *data.Store, people ...data.Person) []data.Person {
	t.Helper()
	for i := range people {
		if err := st.SavePerson(context.Background(), &people[i]); err != nil {
			t.Fatal(err)
		}
	}
	return people
}

// walk visits o and everything drawn inside it, through the renderers the
// canvas already made.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, visit)
		}
	}
}
