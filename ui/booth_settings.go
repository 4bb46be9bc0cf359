package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// boothSettingsScreen is Settings as booth staff see it on a laptop the
// organisers lent them: their own notifications, names on the lock
// screen and language, and the way back to Organiser, which asks for the
// PIN set on entering the mode.
// The event, spreadsheets, database, backup, sync and the mode form are
// not on it: they are the organisers' Settings, which this mode hides.
type boothSettingsScreen struct {
	boothSettingsDeps

	where   *widget.Label // which booth and who, in this mode
	pin     *widget.Entry
	leave   *widget.Button
	status  *widget.Label
	content fyne.CanvasObject
}

type boothSettingsDeps struct {
	screenEnv
	prefs         fyne.Preferences
	notifications fyne.CanvasObject // the user's own notification settings
	language      fyne.CanvasObject
	hideNames     *widget.Check // names in desktop notifications, on a locked screen
	// switchBack makes the laptop an organiser's again, once the PIN matched.
	switchBack func()
	// joinedAsBooth tells a laptop that joined the event as a booth's
	// staff, which holds only that booth's data and has no way back.
	joinedAsBooth func() bool
}

func newBoothSettingsScreen(d boothSettingsDeps) *boothSettingsScreen {
	s := &boothSettingsScreen{boothSettingsDeps: d}
	s.buildUI()
	return s
}

func (s *boothSettingsScreen) buildUI() {
	heading := func(text string) *widget.Label {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	}
	s.where = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.pin = &widget.Entry{Password: true, PlaceHolder: lang.L("Organiser PIN"), OnSubmitted: func(string) { s.onLeave() }}
	s.pin.ExtendBaseWidget(s.pin)
	s.leave = &widget.Button{Text: lang.L("Switch to Organiser"), Icon: theme.LogoutIcon(), OnTapped: s.onLeave}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	s.status.Hide()
	sections := container.NewVBox(
		heading(lang.L("Notifications")), s.notifications,
		widget.NewSeparator(), heading(lang.L("Privacy")), s.hideNames, hideNamesHint(),
		widget.NewSeparator(), heading(lang.L("Language")), s.language,
		widget.NewSeparator(), heading(lang.L("Booth-staff mode")), s.where,
		container.NewBorder(nil, nil, nil, s.leave, s.pin), s.status)
	s.content = container.NewVScroll(sections)
}

// refresh says which booth the laptop is set up for and empties the PIN.
func (s *boothSettingsScreen) refresh() {
	s.pin.SetText("")
	s.status.Hide()
	if s.joinedAsBooth != nil && s.joinedAsBooth() {
		s.where.SetText(lang.L("This laptop joined the event as a booth's and holds only that booth's data: it stays in booth-staff mode."))
		s.pin.Hide()
		s.leave.Hide()
		return
	}
	s.pin.Show()
	s.leave.Show()
	s.where.SetText(lang.L("This laptop is set up for booth staff: their booth, its visitors and leads, and the agenda. " +
		"An organiser can switch it back with the organiser PIN."))
}

// onLeave checks the PIN off the UI goroutine (hashing takes a moment)
// and switches back only when it matches.
func (s *boothSettingsScreen) onLeave() {
	pin := s.pin.Text
	if hasOrganiserPIN(s.prefs) && pin == "" {
		s.showStatus(lang.L("Type the organiser PIN to switch back to Organiser."))
		return
	}
	s.leave.Disable()
	go func() {
		ok := !hasOrganiserPIN(s.prefs) || organiserPINMatches(s.prefs, pin)
		s.do(func() {
			s.leave.Enable()
			s.pin.SetText("")
			if !ok {
				s.showStatus(lang.L("That is not the organiser PIN; this laptop stays in booth-staff mode."))
				return
			}
			s.status.Hide()
			if s.switchBack != nil {
				s.switchBack()
			}
		})
	}()
}

func (s *boothSettingsScreen) showStatus(text string) {
	s.status.SetText(text)
	s.status.Show()
}
