package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// laptopNameField is "Name of this laptop" in Settings → This laptop:
// the name recorded with each check-in and visit made here (a second scan
// says "Already checked in … on <name>") and what the other laptops' sync
// status calls this one. It is saved as it is typed.
type laptopNameField struct {
	screenEnv
	store laptopNamer

	entry   *widget.Entry
	problem *widget.Label
	content fyne.CanvasObject

	mu     sync.Mutex // guards latest
	latest string     // the name to save
	saving sync.Mutex // one save at a time, so the last name typed is the one kept
}

// laptopNamer is what the field reads and writes.
type laptopNamer interface {
	LaptopName() string
	SetLaptopName(ctx context.Context, name string) error
}

func newLaptopNameField(env screenEnv, store laptopNamer) *laptopNameField {
	f := &laptopNameField{screenEnv: env, store: store}
	f.entry = &widget.Entry{Text: store.LaptopName(), PlaceHolder: lang.L("e.g. Welcome desk 1"), OnChanged: f.onChanged}
	f.entry.ExtendBaseWidget(f.entry)
	f.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	f.problem.Hide()
	f.content = container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("Name of this laptop"), f.entry)), f.problem)
	return f
}

// onChanged saves the name off the UI goroutine; an empty name is not
// saved (the laptop keeps the name it had).
func (f *laptopNameField) onChanged(text string) {
	name := strings.TrimSpace(text)
	if name == "" {
		f.showProblem(lang.L("Give this laptop a name: it is shown with each check-in and visit made here, and on the other laptops."))
		return
	}
	f.mu.Lock()
	f.latest = name
	f.mu.Unlock()
	go f.save()
}

func (f *laptopNameField) save() {
	f.saving.Lock()
	defer f.saving.Unlock()
	f.mu.Lock()
	name := f.latest
	f.mu.Unlock()
	err := f.store.SetLaptopName(f.ctx, name)
	f.do(func() {
		if err != nil {
			f.showProblem(fmt.Sprintf(lang.L("The laptop's name was not saved (%v). Type it again."), err))
			return
		}
		f.problem.Hide()
	})
}

func (f *laptopNameField) showProblem(text string) {
	f.problem.SetText(text)
	f.problem.Show()
}
