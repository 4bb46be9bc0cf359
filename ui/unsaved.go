package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// unsavedForm is a form that can hold typed changes not yet saved; the
// window asks about them before anything would throw them away (another
// screen, another record, closing the window).
type unsavedForm interface {
	// unsaved says whether the form shows changes that are not stored.
	unsaved() bool
	// saveThen saves as the form's Save button does and calls then once
	// the save went through; when it fails the form shows why and then is
	// not called, so the user stays on the form.
	saveThen(then func())
	// discard puts the form back as it is stored.
	discard()
}

// unsavedPrompt asks what to do with unsaved changes: Save, Discard or
// Stay. Escape is Stay; Enter is Save.
type unsavedPrompt struct {
	dlg                 *dialog.CustomDialog
	save, discard, stay *widget.Button
}

// leaveForm calls leave at once when f holds nothing unsaved; otherwise it
// asks first, and calls stay (may be nil) when the user stays. It returns
// the question while it shows, nil when it did not ask.
func leaveForm(stack *dialogStack, win fyne.Window, f unsavedForm, leave, stay func()) *unsavedPrompt {
	if f == nil || !f.unsaved() {
		leave()
		return nil
	}
	p := &unsavedPrompt{}
	onStay := func() {
		p.dlg.Hide()
		if stay != nil {
			stay()
		}
	}
	p.stay = &widget.Button{Text: lang.L("Stay"), OnTapped: onStay}
	p.discard = &widget.Button{Text: lang.L("Discard"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: func() {
		p.dlg.Hide()
		f.discard()
		leave()
	}}
	save := func() {
		p.dlg.Hide()
		f.saveThen(leave)
	}
	p.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: save}
	text := &widget.Label{Text: lang.L("This form has changes that are not saved yet."), Wrapping: fyne.TextWrapWord}
	p.dlg = dialog.NewCustomWithoutButtons(lang.L("Save your changes?"), atLeastWide(text, 360), win)
	p.dlg.SetButtons([]fyne.CanvasObject{p.stay, p.discard, p.save})
	if stack == nil {
		p.dlg.Show()
		return p
	}
	stack.push(shownDialog{d: p.dlg, enter: save, save: save, cancel: onStay})
	return p
}
