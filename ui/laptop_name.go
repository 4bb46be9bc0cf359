package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

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

	entry *widget.Entry
	item  *widget.FormItem // for the form it shows in

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
	f.entry = &widget.Entry{Text: store.LaptopName(), PlaceHolder: lang.L("e.g. Welcome desk 1"), Validator: validLaptopName}
	f.entry.ExtendBaseWidget(f.entry)
	f.entry.OnChanged = f.onChanged
	f.item = &widget.FormItem{Text: lang.L("Name of this laptop"), Widget: f.entry,
		HintText: lang.L("Shown with each check-in and visit made here, and on the other laptops")}
	return f
}

func validLaptopName(text string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New(lang.L("Give this laptop a name; until then it keeps the one it had"))
	}
	return nil
}

// onChanged saves the name off the UI goroutine; an empty name is not
// saved (the laptop keeps the name it had).
func (f *laptopNameField) onChanged(text string) {
	if validLaptopName(text) != nil {
		return
	}
	f.mu.Lock()
	f.latest = strings.TrimSpace(text)
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
	if err != nil {
		f.do(func() {
			f.entry.SetValidationError(fmt.Errorf(lang.L("Not saved (%v); type the name again"), errorText(err)))
		})
	}
}
