package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestLaptopNameTypedInSettingsIsWhatCheckInsShow(t *testing.T) {
	f := newDeskFixture(t)
	s, w, q := newTestCheckIn(t, f)
	field := newLaptopNameField(q.env(context.Background()), f.st)
	if field.entry.Text != "desk-1" {
		t.Fatalf("the field shows %q, want the laptop's name desk-1", field.entry.Text)
	}

	// Emptied, the field says why and the laptop keeps its name.
	field.entry.SetText("  ")
	if field.entry.Validate() == nil {
		t.Error("an empty name was taken without a word")
	}
	q.settle()
	if got := f.st.LaptopName(); got != "desk-1" {
		t.Errorf("after emptying the field the laptop is called %q", got)
	}

	// Typed, it is saved as it changes: the last text typed is kept.
	field.entry.SetText("")
	test.Type(field.entry, "Welcome desk 2")
	q.waitFor(t, "the name saved", func() bool { return f.st.LaptopName() == "Welcome desk 2" })
	q.settle()
	if got := f.st.LaptopName(); got != "Welcome desk 2" || field.entry.Validate() != nil {
		t.Fatalf("saved %q (problem: %v), want Welcome desk 2", got, field.entry.Validate())
	}

	// The desk shows it on a second scan of a badge checked in here.
	scan(t, w.Canvas(), "K00001")
	q.waitFor(t, "Taro checked in", func() bool { return s.headline.Text == "Checked in" })
	scan(t, w.Canvas(), "K00001")
	q.waitFor(t, "already in", func() bool { return s.headline.Text == "Already checked in at 11:05 on Welcome desk 2" })
}
