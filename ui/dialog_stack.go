package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// dialogStack knows the dialogs that show, newest last, so that the keys
// desktop users expect reach the top one: Escape cancels it, Enter presses
// its default button, Ctrl+S saves the form it holds.
type dialogStack struct {
	open []shownDialog
	// canvas, when set, loses its focus as a dialog opens, so that Escape
	// and Enter come to the window rather than to a field behind the dialog.
	canvas fyne.Canvas
}

// shownDialog is one open dialog and what its keys do.
type shownDialog struct {
	d      dialog.Dialog
	enter  func() // the default button; nil: Enter does nothing
	save   func() // Ctrl+S; nil: none
	cancel func() // Escape; nil: hide the dialog
}

// show shows d. A confirmation's default button is its confirm button;
// any other dialog's is its dismiss button.
func (s *dialogStack) show(d dialog.Dialog) {
	enter := d.Hide
	if c, ok := d.(*dialog.ConfirmDialog); ok {
		enter = c.Confirm
	}
	s.push(shownDialog{d: d, enter: enter})
}

// push shows the dialog sd describes.
func (s *dialogStack) push(sd shownDialog) {
	s.open = append(s.open, sd)
	d := sd.d
	d.SetOnClosed(func() {
		if i := slices.IndexFunc(s.open, func(o shownDialog) bool { return o.d == d }); i >= 0 {
			s.open = slices.Delete(s.open, i, i+1)
		}
	})
	if s.canvas != nil {
		s.canvas.Unfocus()
	}
	d.Show()
}

func (s *dialogStack) top() (shownDialog, bool) {
	if len(s.open) == 0 {
		return shownDialog{}, false
	}
	return s.open[len(s.open)-1], true
}

// closeTop cancels the newest dialog, as its cancel button would.
func (s *dialogStack) closeTop() bool {
	top, ok := s.top()
	if !ok {
		return false
	}
	if top.cancel != nil {
		top.cancel()
	} else {
		top.d.Hide()
	}
	return true
}

// confirmTop presses the newest dialog's default button.
func (s *dialogStack) confirmTop() bool {
	top, ok := s.top()
	if !ok || top.enter == nil {
		return false
	}
	top.enter()
	return true
}

// saveTop saves the form in the newest dialog, when it holds one.
func (s *dialogStack) saveTop() bool {
	top, ok := s.top()
	if !ok || top.save == nil {
		return false
	}
	top.save()
	return true
}

// onTypedKey gets the keys no widget took: Escape cancels the top dialog,
// Enter presses its default button.
func (w *mainWindow) onTypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		w.dialogs.closeTop()
	case fyne.KeyReturn, fyne.KeyEnter:
		w.dialogs.confirmTop()
	}
}
