package ui

import (
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// dialogWindowFor finds the window that shows o, for the dialogs a screen opens.
func dialogWindowFor(o fyne.CanvasObject) fyne.Window {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	wins := a.Driver().AllWindows()
	c := a.Driver().CanvasForObject(o)
	for _, w := range wins {
		if c != nil && w.Canvas() == c {
			return w
		}
	}
	if len(wins) > 0 {
		return wins[0]
	}
	return nil
}

// recordDialog is a dialog around a form with its own buttons, so that Save
// can keep the dialog open to show what is wrong.
type recordDialog struct {
	dlg    *dialog.CustomDialog
	form   *widget.Form
	scroll *container.Scroll           // around form
	items  map[string]*widget.FormItem // by the store's field name
	status *widget.Label
	save   *widget.Button
	cancel *widget.Button
	delete *widget.Button // nil for a new record
	stack  *dialogStack   // nil: shown on its own
	onSave func()
	closed bool // hidden, by a button, Escape or a save
}

// newRecordDialog shows form (with extra below it) in a scrolling dialog
// that fits the window. onDelete nil leaves out the Delete button.
// stack, when not nil, shows it so that Escape cancels, and Enter and
// Ctrl+S save.
func newRecordDialog(stack *dialogStack, win fyne.Window, title, saveText string, form *widget.Form, extra fyne.CanvasObject,
	items map[string]*widget.FormItem, onSave, onDelete func()) *recordDialog {
	d := &recordDialog{form: form, items: items, stack: stack, onSave: onSave,
		status: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
	d.status.Hide()
	d.save = &widget.Button{Text: saveText, Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: onSave}
	d.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: func() { d.dlg.Hide() }}
	buttons := []fyne.CanvasObject{d.cancel}
	if onDelete != nil {
		d.delete = &widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: onDelete}
		buttons = append(buttons, d.delete)
	}
	buttons = append(buttons, d.save)

	// Warnings and problems sit under the scrolling form, always in view.
	below := container.NewVBox(d.status)
	if extra != nil {
		below.Objects = append([]fyne.CanvasObject{extra}, below.Objects...)
	}
	size := fyne.NewSize(640, 520)
	if win != nil {
		if c := win.Canvas().Size(); c.Width > 0 {
			size = fyne.NewSize(min(size.Width, c.Width-80), min(size.Height, c.Height-230))
		}
	}
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(size)
	d.scroll = container.NewVScroll(form)
	d.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, below, nil, nil,
		container.NewStack(spacer, d.scroll)), win)
	d.dlg.SetButtons(buttons)
	d.dlg.SetOnClosed(func() { d.closed = true })
	return d
}

// isOpen says whether the dialog still shows its form.
func (d *recordDialog) isOpen() bool { return !d.closed }

// refuse says below the form why it was not saved.
func (d *recordDialog) refuse(text string) {
	d.save.Enable()
	d.status.SetText(text)
	d.status.Show()
}

func (d *recordDialog) show() {
	if d.stack == nil {
		d.dlg.Show()
		return
	}
	save := func() {
		if !d.save.Disabled() {
			d.onSave()
		}
	}
	d.stack.push(shownDialog{d: d.dlg, enter: save, save: save})
}
func (d *recordDialog) hide() { d.dlg.Hide() }

// showError puts each field's problem under the field and a summary below
// the form, in the interface's language; an error that is not about
// fields is said as it is.
func (d *recordDialog) showError(err error) {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		d.showProblems(translate(fe))
		return
	}
	d.clearHints()
	d.save.Enable()
	d.status.SetText(fmt.Sprintf(lang.L("Not saved (%v). Try again; if it keeps failing, restart Fairdesk."), err))
	d.status.Show()
}

// showProblems puts each problem under its field and all of them in a
// summary below the form.
func (d *recordDialog) showProblems(problems fieldProblems) {
	d.clearHints()
	d.save.Enable()
	var lines []string
	for field, msg := range problems {
		if item, ok := d.items[field]; ok {
			item.HintText = capitalise(msg)
			lines = append(lines, item.Text+": "+msg)
		} else {
			lines = append(lines, capitalise(msg))
		}
	}
	d.form.Refresh()
	d.status.SetText(lang.L("Not saved yet. Correct the fields marked and save again.") + "\n" + strings.Join(lines, "\n"))
	d.status.Show()
}

func (d *recordDialog) clearHints() {
	for _, item := range d.items {
		item.HintText = ""
	}
}

// removeConfirm asks before something is removed; its buttons are kept
// so that tests can press them.
type removeConfirm struct {
	dlg     *dialog.CustomDialog
	confirm *widget.Button
	cancel  *widget.Button
}

func newRemoveConfirm(win fyne.Window, title, message, confirmText string, onConfirm func()) *removeConfirm {
	c := &removeConfirm{}
	c.cancel = &widget.Button{Text: lang.L("Keep it"), OnTapped: func() { c.dlg.Hide() }}
	c.confirm = &widget.Button{Text: confirmText, Icon: theme.DeleteIcon(), Importance: widget.DangerImportance,
		OnTapped: func() { c.dlg.Hide(); onConfirm() }}
	text := &widget.Label{Text: message, Wrapping: fyne.TextWrapWord}
	c.dlg = dialog.NewCustomWithoutButtons(title, atLeastWide(text, 380), win)
	c.dlg.SetButtons([]fyne.CanvasObject{c.cancel, c.confirm})
	c.dlg.Show()
	return c
}

// withMinSize gives o at least the given size.
func withMinSize(o fyne.CanvasObject, size fyne.Size) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(size)
	return container.NewStack(spacer, o)
}

// scrollIntoView scrolls the form so that all of o shows, e.g. search
// results that opened below the visible part of the form.
func (d *recordDialog) scrollIntoView(o fyne.CanvasObject) {
	d.scroll.Refresh() // lay the grown form out before measuring
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(d.scroll.Content).Y
	view := d.scroll.Size().Height
	offset := d.scroll.Offset
	if y+o.Size().Height > offset.Y+view {
		offset.Y = y + o.Size().Height - view
	}
	offset.Y = min(offset.Y, y) // the top of o rather than its bottom, if it is taller than the view
	d.scroll.ScrollToOffset(offset)
}
