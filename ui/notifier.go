package ui

import (
	"log"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/gen2brain/beeep"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/notify"
)

// Notifier shows a desktop notification. desktopNotifier is the real one
// (beeep); tests hand in a fake.
type Notifier interface {
	Notify(title, body string) error
}

// desktopNotifier sends through beeep: D-Bus on Linux, toasts on Windows,
// Notification Center on macOS. It never hangs; with no notification
// daemon it fails at once.
type desktopNotifier struct{}

func (desktopNotifier) Notify(title, body string) error {
	beeep.AppName = "Fairdesk"
	return beeep.Notify(title, body, "")
}

// Preference keys for notifications, saved as they change.
const (
	prefNotifySessions  = "notify.desktop.sessions"
	prefNotifyVisitors  = "notify.desktop.visitors"
	prefNotifyCapacity  = "notify.desktop.capacity"
	prefNotifyUnstaffed = "notify.desktop.unstaffed"
	prefNotifyMeetings  = "notify.desktop.meetings"
	prefNotifyDND       = "notify.dnd"
	prefNotifyLead      = "notify.lead_minutes"
	prefNotifyAll       = "notify.all_sessions" // organisers: remind of every session
	prefNotifyMe        = "notify.me"           // the user's e-mail or badge code: the sessions they speak at
	// prefFollowedHosts lists the hosts (booth or person ids) whose
	// meetings the user is reminded of: an organiser follows a mentor,
	// a recruiter or a booth from their page (followHost).
	prefFollowedHosts = "notify.followed_hosts"
)

// notifyKindPref is the on/off preference that governs a kind on the desktop.
func notifyKindPref(kind string) string {
	switch kind {
	case notify.KindSession:
		return prefNotifySessions
	case notify.KindVisit, notify.KindWanted, notify.KindVisitors:
		return prefNotifyVisitors
	case notify.KindCapacity:
		return prefNotifyCapacity
	case notify.KindUnstaffed:
		return prefNotifyUnstaffed
	case notify.KindMeeting, notify.KindMeetingArrival:
		return prefNotifyMeetings
	}
	return ""
}

// notificationGate is the one way to the desktop: it checks the user's
// preferences (on/off per kind, do not disturb), and when the desktop
// refuses, logs that once and keeps it for Settings to show once, rather
// than a stream of errors. The notification centre keeps everything
// whatever the gate decides.
type notificationGate struct {
	prefs   fyne.Preferences
	desktop Notifier

	mu       sync.Mutex
	failure  error // the desktop's last refusal, until it accepts again
	reported bool  // the failure was logged
	shown    bool  // Settings showed the failure
}

func newNotificationGate(prefs fyne.Preferences, desktop Notifier) *notificationGate {
	return &notificationGate{prefs: prefs, desktop: desktop}
}

// allowed says whether the user wants kind on the desktop now.
func (g *notificationGate) allowed(kind string) bool {
	if g.prefs.BoolWithFallback(prefNotifyDND, false) {
		return false
	}
	if p := notifyKindPref(kind); p != "" {
		return g.prefs.BoolWithFallback(p, true)
	}
	return true // the summary of missed notifications
}

// show puts n on the desktop if the preferences allow, without the names
// in it when the user hides them on the lock screen; it reports whether
// it was shown.
func (g *notificationGate) show(n data.Notification) bool {
	if !g.allowed(n.Kind) {
		return false
	}
	if n.Nameless != nil && hideNamesOnLockScreen(g.prefs) {
		return g.send(n.Nameless.Title, n.Nameless.Body) == nil
	}
	return g.send(n.Title, n.Body) == nil
}

// send passes the gate's failure bookkeeping but not the preferences:
// the test button uses it directly.
func (g *notificationGate) send(title, body string) error {
	err := g.desktop.Notify(title, body)
	g.mu.Lock()
	defer g.mu.Unlock()
	if err == nil {
		g.failure, g.reported, g.shown = nil, false, false
		return nil
	}
	if g.failure == nil || !g.reported {
		log.Printf("desktop notifications are not available (%v); they stay in Fairdesk's notification centre", err)
		g.reported = true
	}
	g.failure = err
	return err
}

// failureToShow returns the desktop's refusal the first time it is asked
// after the refusal, then nil until the desktop fails again after working.
func (g *notificationGate) failureToShow() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.failure == nil || g.shown {
		return nil
	}
	g.shown = true
	return g.failure
}

// lastFailure is the desktop's refusal, if it has not accepted since.
func (g *notificationGate) lastFailure() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failure
}
