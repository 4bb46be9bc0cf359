package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// modeForm chooses the mode: organiser, or staff at one booth, with the
// user's own name for the records they make.
type modeForm struct {
	screenEnv
	store     modeStore
	onSave    func(appMode)
	onLocked  func(boothID string) // told when the laptop turns out to be a booth's
	kind      *widget.RadioGroup
	booth     *widget.Select
	name      *fieldEntry
	pin       *fieldEntry // the organiser PIN, set on entering booth-staff mode
	pinAgain  *fieldEntry
	save      *widget.Button
	status    *widget.Label
	content   fyne.CanvasObject
	booths    []data.BoothRow
	wantBooth string // the booth to select once the booths are read
	// laptopBooth is the booth of a laptop that joined the event as its
	// staff's: it holds that booth's data only, so it stays in that
	// booth's mode. "" on an organiser's laptop.
	laptopBooth string
	lockNote    *widget.Label
}

var (
	modeOrganiserText = "Organiser (all screens, check-in desk)"
	modeExhibitorText = "Exhibitor staff at a booth"
)

// modeStore is what the mode form reads: the booths to choose from, and
// whether this laptop joined the event as one booth's.
type modeStore interface {
	Booths(ctx context.Context) ([]data.BoothRow, error)
	LocalRole(ctx context.Context) (data.LaptopRole, error)
}

// newModeForm makes the form; extra items (the laptop's name, in
// Settings) go first.
func newModeForm(env screenEnv, store modeStore, onSave func(appMode), onLocked func(boothID string), extra ...*widget.FormItem) *modeForm {
	f := &modeForm{screenEnv: env, store: store, onSave: onSave, onLocked: onLocked}
	f.buildUI(extra)
	f.readBooths()
	return f
}

func (f *modeForm) buildUI(extra []*widget.FormItem) {
	f.kind = widget.NewRadioGroup([]string{lang.L(modeOrganiserText), lang.L(modeExhibitorText)}, func(string) { f.showBooth() })
	f.kind.Required = true
	f.booth = widget.NewSelect(nil, nil)
	f.booth.PlaceHolder = lang.L("Choose your booth")
	f.name = &fieldEntry{Entry: widget.Entry{PlaceHolder: lang.L("Your name, recorded with each check-in or visit")}}
	f.name.ExtendBaseWidget(f.name)
	f.pin = &fieldEntry{Entry: widget.Entry{Password: true, PlaceHolder: lang.L("At least 4 digits")}}
	f.pin.ExtendBaseWidget(f.pin)
	f.pinAgain = &fieldEntry{Entry: widget.Entry{Password: true, PlaceHolder: lang.L("The same PIN again")}}
	f.pinAgain.ExtendBaseWidget(f.pinAgain)
	f.save = &widget.Button{Text: lang.L("Use this mode"), Icon: theme.ConfirmIcon(), OnTapped: f.onSaveTapped}
	f.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	f.status.Hide()
	f.lockNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.lockNote.Hide()
	form := widget.NewForm(append(extra,
		widget.NewFormItem(lang.L("Mode"), f.kind),
		widget.NewFormItem(lang.L("Booth"), f.booth),
		widget.NewFormItem(lang.L("Your name"), f.name),
		// What the PIN is for goes under the field: as its placeholder it
		// was cut off, with a scroll bar under it.
		&widget.FormItem{Text: lang.L("Organiser PIN"), Widget: f.pin, HintText: lang.L("Needed to leave booth-staff mode")},
		widget.NewFormItem(lang.L("PIN again"), f.pinAgain),
	)...)
	f.content = container.NewVBox(form, f.lockNote, f.status, container.NewHBox(f.save))
	f.showBooth()
}

func (f *modeForm) readBooths() {
	ctx := f.ctx
	go func() {
		booths, err := f.store.Booths(ctx)
		role, roleErr := f.store.LocalRole(ctx)
		if err == nil {
			err = roleErr
		}
		f.do(func() {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					f.showStatus(fmt.Sprintf(lang.L("Could not read the booths (%v); restart Fairdesk to choose one."), err))
				}
				return
			}
			f.booths = booths
			var options []string
			for _, b := range booths {
				options = append(options, boothTitle(b.Booth, b.OrgName))
			}
			f.booth.SetOptions(options)
			f.selectBooth(f.wantBooth)
			if !role.IsOrganiser() {
				f.lockToBooth(role.Booth())
			}
		})
	}()
}

// lockToBooth keeps a booth laptop's form on its booth's staff mode,
// saying why.
func (f *modeForm) lockToBooth(id string) {
	f.laptopBooth = id
	title := id
	for _, b := range f.booths {
		if b.ID == id {
			title = boothTitle(b.Booth, b.OrgName)
		}
	}
	f.lockNote.SetText(fmt.Sprintf(lang.L("This laptop joined the event as staff of booth %s and holds only that booth's data, so it stays in booth-staff mode."), title))
	f.lockNote.Show()
	f.fill(appMode{Exhibitor: true, BoothID: id, Name: f.name.Text})
	if f.onLocked != nil {
		f.onLocked(id)
	}
}

// boothTitle is "A01 · Tanaka Trading", with the organisation when the
// booth's own name does not say it.
func boothTitle(b data.Booth, orgName string) string {
	name := b.Name
	if name == "" {
		name = orgName
	}
	return joinNonEmpty(" · ", b.Code, name)
}

func (f *modeForm) selectBooth(id string) {
	f.wantBooth = id
	for i, b := range f.booths {
		if b.ID == id {
			f.booth.SetSelectedIndex(i)
			return
		}
	}
}

func (f *modeForm) fill(m appMode) {
	if f.laptopBooth != "" {
		m.Exhibitor, m.BoothID = true, f.laptopBooth
	}
	if m.Exhibitor {
		f.kind.SetSelected(lang.L(modeExhibitorText))
	} else {
		f.kind.SetSelected(lang.L(modeOrganiserText))
	}
	f.selectBooth(m.BoothID)
	f.name.SetText(m.Name)
	f.pin.SetText("")
	f.pinAgain.SetText("")
	f.status.Hide()
	f.showBooth()
}

// showBooth offers the booth, and the PIN that will guard booth-staff
// mode, only when that mode is chosen.
func (f *modeForm) showBooth() {
	switch {
	case f.laptopBooth != "":
		f.kind.Disable()
		f.booth.Disable()
		f.pin.Disable() // there is no other mode to guard
		f.pinAgain.Disable()
	case f.kind.Selected == lang.L(modeExhibitorText):
		f.booth.Enable()
		f.pin.Enable()
		f.pinAgain.Enable()
	default:
		f.booth.Disable()
		f.pin.Disable()
		f.pinAgain.Disable()
	}
}

// chosen reads the form, saying what is missing when it cannot.
func (f *modeForm) chosen() (appMode, bool) {
	m := appMode{Exhibitor: f.kind.Selected == lang.L(modeExhibitorText), Name: strings.TrimSpace(f.name.Text)}
	if f.laptopBooth != "" {
		m.Exhibitor, m.BoothID = true, f.laptopBooth
		f.status.Hide()
		return m, true
	}
	if m.Exhibitor {
		i := f.booth.SelectedIndex()
		if i < 0 || i >= len(f.booths) {
			f.showStatus(lang.L("Choose your booth: booth staff see only their own booth's visitors."))
			return m, false
		}
		m.BoothID = f.booths[i].ID
		pin := strings.TrimSpace(f.pin.Text)
		switch {
		case len([]rune(pin)) < minPINLength:
			f.showStatus(lang.L("Set an organiser PIN of at least 4 digits: booth staff cannot leave booth-staff mode without it."))
			return m, false
		case pin != strings.TrimSpace(f.pinAgain.Text):
			f.showStatus(lang.L("The two PINs differ: type the same PIN twice."))
			return m, false
		}
		m.pin = pin
	}
	f.status.Hide()
	return m, true
}

func (f *modeForm) onSaveTapped() {
	if m, ok := f.chosen(); ok && f.onSave != nil {
		f.onSave(m)
	}
}

func (f *modeForm) showStatus(text string) {
	f.status.SetText(text)
	f.status.Show()
}
