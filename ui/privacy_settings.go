package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// prefHideNames hides people's names in desktop notifications, which a
// locked screen shows to whoever passes; the bell in the window still
// names them. On unless the user turns it off: nothing personal shows
// on a locked screen unless the user chose it.
const prefHideNames = "privacy.hide_names_on_lock_screen"

// hideNamesOnLockScreen is the preference, as the gate reads it.
func hideNamesOnLockScreen(prefs fyne.Preferences) bool {
	return prefs.BoolWithFallback(prefHideNames, true)
}

// newHideNamesCheck is the lock-screen setting, saved as it changes;
// organisers and booth staff each have it in their Settings, with
// hideNamesHint under it.
func newHideNamesCheck(prefs fyne.Preferences) *widget.Check {
	c := &widget.Check{Text: lang.L("Hide names on the lock screen"), Checked: hideNamesOnLockScreen(prefs)}
	c.OnChanged = func(on bool) { prefs.SetBool(prefHideNames, on) }
	c.ExtendBaseWidget(c)
	return c
}

// hideNamesHint says what the check does.
func hideNamesHint() *widget.Label {
	return &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("Desktop notifications then say \"A visitor checked in at your booth\" without saying who. The bell in this window still shows the names.")}
}

// privacyStore is what Settings → Privacy reads and writes: the days after
// the event that unconsented contact details are kept, and what they
// count from.
type privacyStore interface {
	ContactRetentionDays(ctx context.Context) (int, error)
	SetContactRetentionDays(ctx context.Context, days int) error
	Event(ctx context.Context) (data.Event, error)
	LocalRole(ctx context.Context) (data.LaptopRole, error)
}

// privacySettings is Settings → Privacy: what reaches whom, the lock
// screen, and how long contact details of people who did not consent
// are kept after the event.
type privacySettings struct {
	privacyDeps

	hideNames *widget.Check
	days      *widget.Entry // whole days after the event; 0 is never
	save      *widget.Button
	retention *fyne.Container
	status    *widget.Label // what the days mean, or why they were not saved
	content   fyne.CanvasObject

	saved  int            // the days as last read or saved
	ends   time.Time      // the event's end; zero when it has none
	zone   *time.Location // the event's, in which Settings shows its times
	filled bool           // the entry holds what was read, so typing counts
}

type privacyDeps struct {
	screenEnv
	store privacyStore
	prefs fyne.Preferences
}

func newPrivacySettings(d privacyDeps) *privacySettings {
	p := &privacySettings{privacyDeps: d}
	p.buildUI()
	return p
}

func (p *privacySettings) buildUI() {
	what := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Exhibitors' laptops receive a person's e-mail and phone only when the person agreed " +
		"(Contact details in their form), and only their own booth's visitors and leads.")}
	p.hideNames = newHideNamesCheck(p.prefs)
	p.days = &widget.Entry{PlaceHolder: "0", OnChanged: p.onDaysChanged, OnSubmitted: func(string) { p.onSave() }}
	p.days.Validator = func(text string) error {
		_, err := parseDays(text)
		return err
	}
	p.days.ExtendBaseWidget(p.days)
	// Saved on Save or Enter, not as typed: typing 45 over 30 would
	// otherwise save 4 on the way.
	p.save = &widget.Button{Text: lang.L("Save"), OnTapped: p.onSave}
	p.save.Disable()
	p.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	sentence := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("After the event, delete the contact details (e-mail, phone, other fields) of people who did not consent after this many days:")}
	p.retention = container.NewVBox(sentence,
		container.NewHBox(withMinSize(p.days, fyne.NewSize(90, 0)), widget.NewLabel(lang.L("days after the event ends (0: never)")), p.save),
		p.status)
	heading := func(text string) *widget.Label {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
	}
	p.content = container.NewVBox(what,
		heading(lang.L("Lock screen")), p.hideNames, hideNamesHint(),
		heading(lang.L("Contact details after the event")), p.retention)
}

// parseDays reads a whole number of days, 0 or more; empty is 0.
func parseDays(text string) (int, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 || n > 3650 {
		return 0, errors.New(lang.L("type a whole number of days from 0 to 3650"))
	}
	return n, nil
}

// refresh reads the setting, the event's end and this laptop's role.
func (p *privacySettings) refresh() {
	p.hideNames.SetChecked(hideNamesOnLockScreen(p.prefs))
	ctx := p.ctx
	go func() {
		days, err := p.store.ContactRetentionDays(ctx)
		ev, evErr := p.store.Event(ctx)
		role, _ := p.store.LocalRole(ctx)
		p.do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			if !role.IsOrganiser() {
				// A booth laptop holds no such details, and may not change people.
				p.filled = false
				p.days.Disable()
				p.setStatus(widget.MediumImportance, lang.L("Only an organiser's laptop deletes contact details; this laptop holds only those of people who agreed."))
				return
			}
			if err != nil {
				p.setStatus(widget.DangerImportance, fmt.Sprintf(lang.L("Could not read the setting (%v). Restart Fairdesk and try again."), trimDot(err)))
				return
			}
			p.saved, p.ends, p.zone = days, time.Time{}, time.Local
			if evErr == nil {
				p.ends, p.zone = ev.Ends, ev.Location()
			}
			p.filled = false
			p.days.SetText(strconv.Itoa(days))
			p.filled = true
			p.describe(days)
		})
	}()
}

// onDaysChanged checks the days as they are typed and offers Save when
// they differ from the setting.
func (p *privacySettings) onDaysChanged(text string) {
	if !p.filled {
		return
	}
	p.save.Disable()
	days, err := parseDays(text)
	switch {
	case err != nil:
		p.setStatus(widget.DangerImportance, fmt.Sprintf(lang.L("%s. The setting stays at %d days."), capitalise(err.Error()), p.saved))
	case days == p.saved:
		p.describe(days)
	default:
		p.save.Enable()
		p.setStatus(widget.WarningImportance, fmt.Sprintf(lang.L("Not saved yet: Save keeps %d days; until then the setting stays at %d."), days, p.saved))
	}
}

// onSave saves the days typed, in the background.
func (p *privacySettings) onSave() {
	days, err := parseDays(p.days.Text)
	if !p.filled || err != nil || days == p.saved {
		return
	}
	p.save.Disable()
	ctx := p.ctx
	go func() {
		err := p.store.SetContactRetentionDays(ctx, days)
		p.do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				p.save.Enable()
				p.setStatus(widget.DangerImportance, fmt.Sprintf(lang.L("Not saved: %s. The setting stays at %d days."), trimDot(err), p.saved))
				return
			}
			p.saved = days
			p.describe(days)
		})
	}()
}

// describe says what the saved days do, with the day it comes to.
func (p *privacySettings) describe(days int) {
	switch {
	case days == 0:
		p.setStatus(widget.MediumImportance, lang.L("Kept until you delete them: nothing is deleted automatically."))
	case p.ends.IsZero():
		p.setStatus(widget.WarningImportance, fmt.Sprintf(lang.L("The event has no end yet (Settings → Event): nothing is deleted until it has one; then after %d days."), days))
	default:
		on := p.ends.Add(time.Duration(days) * 24 * time.Hour)
		p.setStatus(widget.MediumImportance, fmt.Sprintf(lang.L("Fairdesk deletes them when it starts on or after %s (%d days after the event ends); the other laptops follow at their next sync."),
			formatDateTime(on, p.zone), days))
	}
}

func (p *privacySettings) setStatus(importance widget.Importance, text string) {
	p.status.Importance = importance
	p.status.SetText(text)
}
