package ui

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// walkInForm is the few fields a walk-in needs: name, e-mail,
// organisation, role. Enter in any field saves.
type walkInForm struct {
	name    *fieldEntry
	email   *fieldEntry
	org     *fieldEntry
	role    *widget.Select
	consent *widget.Check
	status  *widget.Label
	save    *widget.Button
	cancel  *widget.Button
	dlg     *dialog.CustomDialog

	onSave   func(p data.Person, orgName string) // the caller saves, then calls done
	onClosed func()
}

// newWalkInForm prefills from what was typed at the desk: an e-mail goes
// to the e-mail, anything else to the name.
func newWalkInForm(win fyne.Window, title, saveText, typed string, role data.Role) *walkInForm {
	f := &walkInForm{}
	entry := func(placeHolder string) *fieldEntry {
		e := &fieldEntry{Entry: widget.Entry{PlaceHolder: placeHolder, OnSubmitted: func(string) { f.onSaveTapped() }}}
		e.ExtendBaseWidget(e)
		return e
	}
	f.name = entry(lang.L("Given name and family name, or 山田 太郎"))
	f.email = entry(lang.L("optional"))
	f.org = entry(lang.L("optional"))
	if strings.Contains(typed, "@") {
		f.email.SetText(typed)
	} else if !looksLikeCode(typed) {
		f.name.SetText(typed)
	}
	var roles []string
	for _, r := range data.Roles {
		roles = append(roles, lang.L(roleLabels[r]))
	}
	f.role = widget.NewSelect(roles, nil)
	f.role.SetSelected(lang.L(roleLabels[role]))
	f.consent = widget.NewCheck(lang.L("They agree that exhibitors may see their e-mail"), nil)
	f.status = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.status.Hide()
	f.save = &widget.Button{Text: saveText, Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: f.onSaveTapped}
	f.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: func() { f.dlg.Hide() }}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), f.name),
		widget.NewFormItem(lang.L("E-mail"), f.email),
		widget.NewFormItem(lang.L("Organisation"), f.org),
		widget.NewFormItem(lang.L("Role"), f.role),
		widget.NewFormItem("", f.consent),
	)
	f.dlg = dialog.NewCustomWithoutButtons(title, atLeastWide(container.NewVBox(form, f.status), 440), win)
	f.dlg.SetButtons([]fyne.CanvasObject{f.cancel, f.save})
	f.dlg.SetOnClosed(func() {
		if f.onClosed != nil {
			f.onClosed()
		}
	})
	return f
}

// looksLikeCode is text a scanner gives (letters and digits, no spaces,
// some digits): not worth putting in the name field.
func looksLikeCode(s string) bool {
	return s != "" && !strings.ContainsFunc(s, unicode.IsSpace) && strings.ContainsFunc(s, unicode.IsDigit)
}

// person reads the form into a new person.
func (f *walkInForm) person() (data.Person, string) {
	p := data.Person{Email: strings.TrimSpace(f.email.Text), Consent: f.consent.Checked}
	name := strings.TrimSpace(f.name.Text)
	if strings.ContainsFunc(name, isJapaneseRune) {
		p.KanjiName = name
	} else if i := strings.LastIndexFunc(name, unicode.IsSpace); i > 0 {
		p.GivenName, p.FamilyName = strings.TrimSpace(name[:i]), strings.TrimSpace(name[i:])
	} else {
		p.GivenName = name
	}
	if i := f.role.SelectedIndex(); i >= 0 && i < len(data.Roles) {
		p.Roles = data.NewSet(string(data.Roles[i]))
	}
	return p, strings.TrimSpace(f.org.Text)
}

func isJapaneseRune(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func (f *walkInForm) onSaveTapped() {
	p, org := f.person()
	if strings.TrimSpace(f.name.Text) == "" {
		f.showError(errors.New(lang.L("Name: a walk-in needs a name.")))
		return
	}
	f.save.Disable()
	f.onSave(p, org)
}

// done closes the form after a save, or says what is wrong and keeps it.
func (f *walkInForm) done(err error) {
	f.save.Enable()
	if err != nil {
		f.showError(err)
		return
	}
	f.dlg.Hide()
}

func (f *walkInForm) showError(err error) {
	var fields data.FieldErrors
	if errors.As(err, &fields) {
		problems := translate(fields)
		var lines []string
		for _, k := range slices.Sorted(maps.Keys(problems)) {
			lines = append(lines, problems[k])
		}
		err = fmt.Errorf("%s", strings.Join(lines, "; "))
	}
	f.status.SetText(fmt.Sprintf(lang.L("Not saved: %v. Correct it and press Enter again."), err))
	f.status.Show()
}

// onWalkIn registers someone not in the database and checks them in.
func (s *checkInScreen) onWalkIn() {
	f := newWalkInForm(dialogWindowFor(s.content), lang.L("Register a walk-in"), lang.L("Save and check in"), s.unknown, data.RoleJobSeeker)
	s.walkForm = f
	f.onClosed = func() {
		s.walkForm = nil
		s.refocus()
	}
	f.onSave = func(p data.Person, org string) {
		ctx, operator, st := s.ctx, s.operator, s.store
		go func() {
			var res data.CheckInResult
			var err error
			if org == "" {
				res, err = st.RegisterWalkIn(ctx, &p, operator)
			} else if err = st.SavePersonInOrganisation(ctx, &p, org); err == nil {
				res, err = st.CheckInPerson(ctx, p.ID, operator)
			}
			s.do(func() {
				f.done(err)
				if err == nil {
					s.showCheckIn(p.DisplayName(), res, nil)
					s.headline.SetText(lang.L("Registered and checked in"), theme.ColorNameSuccess)
					s.message.SetText(fmt.Sprintf(lang.L("Badge code %s. Print a badge from “Print badges…”."), res.Person.BadgeCode))
				}
			})
		}()
	}
	if s.showDialog != nil {
		s.showDialog(f.dlg)
	} else {
		f.dlg.Show()
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.content); c != nil {
		c.Focus(f.name)
	}
}
