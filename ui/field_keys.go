package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Escape in a text field: widget.Entry takes every key while it has the
// focus and does nothing with Escape, so in a dialog's field Escape did
// not cancel the dialog as it does everywhere else in it. These fields
// hand Escape on to the window (its canvas's typed-key handler, which
// cancels the top dialog, see dialogStack) and keep every other key.

// fieldEntry is a text field that leaves Escape to the window. Make one
// as &fieldEntry{Entry: widget.Entry{...}}, then ExtendBaseWidget.
type fieldEntry struct{ widget.Entry }

func (f *fieldEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && passToWindow(f, ev) {
		return
	}
	f.Entry.TypedKey(ev)
}

// fieldSelectEntry is a text field with a list of choices that leaves
// Escape to the window.
type fieldSelectEntry struct{ widget.SelectEntry }

func newFieldSelectEntry(options []string) *fieldSelectEntry {
	f := &fieldSelectEntry{}
	f.ExtendBaseWidget(f)
	f.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewSelectEntry
	f.SetOptions(options)
	return f
}

func (f *fieldSelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && passToWindow(f, ev) {
		return
	}
	f.SelectEntry.TypedKey(ev)
}

// passToWindow gives ev to the typed-key handler of the canvas that shows
// o, as if no field had the focus; false when there is none.
func passToWindow(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	a := fyne.CurrentApp()
	if a == nil {
		return false
	}
	c := a.Driver().CanvasForObject(o)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(ev)
	return true
}
