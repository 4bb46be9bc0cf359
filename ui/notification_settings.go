package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data/notify"
)

// notificationSettings is the Notifications part of Settings: which kinds
// reach the desktop, the reminder lead time, do not disturb, and a test.
type notificationSettings struct {
	prefs fyne.Preferences
	gate  *notificationGate
	do    uiDo
	// keep puts a notification under the bell, whatever the desktop did
	// with it, and calls done when it is there.
	keep func(title, body string, done func())

	kinds   map[string]*widget.Check // preference key -> check
	all     *widget.Check
	me      *widget.Entry // who the user is, for the sessions they speak at
	lead    *widget.Select
	dnd     *widget.Check
	test    *widget.Button
	status  *widget.Label // the test's answer, or the desktop's refusal
	content fyne.CanvasObject
}

func newNotificationSettings(prefs fyne.Preferences, gate *notificationGate, do uiDo, keep func(title, body string, done func())) *notificationSettings {
	n := &notificationSettings{prefs: prefs, gate: gate, do: do, keep: keep, kinds: map[string]*widget.Check{}}
	n.buildUI()
	return n
}

func leadLabel(d time.Duration) string {
	return fmt.Sprintf(lang.L("%d minutes before"), int(d.Minutes()))
}

func (n *notificationSettings) buildUI() {
	check := func(key, label string, fallback bool) *widget.Check {
		c := &widget.Check{Text: lang.L(label), Checked: n.prefs.BoolWithFallback(key, fallback)}
		c.OnChanged = func(on bool) { n.prefs.SetBool(key, on) }
		c.ExtendBaseWidget(c)
		return c
	}
	for _, k := range []struct{ key, label string }{
		{prefNotifySessions, "Sessions I follow or speak at, before they start"},
		{prefNotifyVisitors, "Visitors at my booth (exhibitor mode)"},
		{prefNotifyMeetings, "Meetings: 5 minutes before, and when my next visitor checks in"},
		{prefNotifyCapacity, "Sessions reaching their capacity (organisers)"},
		{prefNotifyUnstaffed, "Booths with no staff 15 minutes after opening (organisers)"},
	} {
		n.kinds[k.key] = check(k.key, k.label, true)
	}
	n.all = check(prefNotifyAll, "Remind me of every session, not only the ones I follow (organisers)", false)
	n.dnd = check(prefNotifyDND, "Do not disturb: nothing on the desktop; the bell still keeps everything", false)
	var options []string
	current := ""
	chosen := time.Duration(n.prefs.IntWithFallback(prefNotifyLead, 10)) * time.Minute
	for _, d := range notify.LeadTimes {
		options = append(options, leadLabel(d))
		if d == chosen {
			current = leadLabel(d)
		}
	}
	n.lead = widget.NewSelect(options, func(choice string) {
		for _, d := range notify.LeadTimes {
			if leadLabel(d) == choice {
				n.prefs.SetInt(prefNotifyLead, int(d.Minutes()))
			}
		}
	})
	n.lead.Selected = current
	n.me = &widget.Entry{Text: n.prefs.String(prefNotifyMe), PlaceHolder: lang.L("Your e-mail or badge code, for the sessions you speak at")}
	n.me.OnChanged = func(text string) { n.prefs.SetString(prefNotifyMe, strings.TrimSpace(text)) }
	n.me.ExtendBaseWidget(n.me)
	n.test = &widget.Button{Text: lang.L("Send a test notification"), Icon: theme.MailSendIcon(), OnTapped: n.onTest}
	n.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	if err := n.gate.lastFailure(); err != nil {
		n.showFailure(err)
	}
	n.content = container.NewVBox(
		&widget.Label{Text: lang.L("Show on the desktop:"), Wrapping: fyne.TextWrapWord},
		n.kinds[prefNotifySessions], n.kinds[prefNotifyVisitors], n.kinds[prefNotifyMeetings], n.kinds[prefNotifyCapacity], n.kinds[prefNotifyUnstaffed],
		n.all,
		n.me,
		container.NewHBox(widget.NewLabel(lang.L("Remind me")), wideEnough(n.lead)),
		n.dnd,
		container.NewHBox(n.test), n.status)
}

// onTest sends one notification past the preferences, off the UI
// goroutine, and says plainly what the desktop answered.
func (n *notificationSettings) onTest() {
	n.test.Disable()
	n.status.Importance = widget.LowImportance
	n.status.SetText(lang.L("Sending…"))
	title, body := lang.L("Fairdesk test notification"), lang.L("If you can read this, desktop notifications work.")
	go func() {
		err := n.gate.send(title, body)
		n.do(func() {
			if n.keep == nil {
				n.showTestResult(err)
				return
			}
			n.keep(title, body, func() { n.showTestResult(err) })
		})
	}()
}

func (n *notificationSettings) showTestResult(err error) {
	n.test.Enable()
	if err != nil {
		n.showFailure(err)
		return
	}
	n.status.Importance = widget.SuccessImportance
	n.status.SetText(lang.L("The desktop accepted the test notification. If you did not see it, check your system's notification settings."))
}

// showFailure says, once, that the desktop refused, in words a user can
// act on: the desktop's own error (a D-Bus message) went to the log when
// it first happened, by the gate.
func (n *notificationSettings) showFailure(error) {
	n.status.Importance = widget.DangerImportance
	n.status.SetText(lang.L("No notification service was found on this desktop; Fairdesk keeps every notification under the bell."))
}

// wideEnough gives a picker the width of its widest option: a Select is
// only as wide as its placeholder, which cut "10 minutes before" off.
func wideEnough(sel *widget.Select) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	widest := fyne.MeasureText(sel.PlaceHolder, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width
	for _, o := range sel.Options {
		widest = max(widest, fyne.MeasureText(o, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width)
	}
	pad := th.Size(theme.SizeNamePadding)
	return withMinSize(sel, fyne.NewSize(widest+th.Size(theme.SizeNameInlineIcon)+2*th.Size(theme.SizeNameInnerPadding)+3*pad, 0))
}
