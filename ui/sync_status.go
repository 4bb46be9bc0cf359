package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// Syncer keeps one event's database in step with the other laptops
// through a shared folder: the status line's and Sync settings' view of
// the sync engine. cmd/fairdesk hands in the real one. Every method may
// take a while and is called off the UI goroutine.
type Syncer interface {
	// Folder is the shared folder this event syncs with, "" when it is
	// not shared.
	Folder(ctx context.Context) string
	// LastSuccess is when a sync last reached the folder (zero: never).
	LastSuccess(ctx context.Context) time.Time
	// Share writes the event into dir, remembers dir and syncs.
	Share(ctx context.Context, dir string) (fdsync.Report, error)
	// Sync sends this laptop's changes and applies the others'.
	Sync(ctx context.Context) (fdsync.Report, error)
	// Fingerprint is cheap (it lists the folder and reads no batch) and
	// changes when any laptop, this one included, has something new.
	Fingerprint(ctx context.Context) (string, error)
}

// ErrNotShared is what a Syncer's Sync and Fingerprint say for an event
// that has no shared folder.
var ErrNotShared = errors.New("this event is not shared yet")

// How often the background sync runs, and how often it looks for news,
// unless Config says otherwise.
const (
	defaultSyncEvery  = 15 * time.Second
	defaultWatchEvery = 3 * time.Second
)

// syncOutcome is what one sync found, as the status line shows it.
type syncOutcome struct {
	folder string
	last   time.Time // the last sync that reached the folder
	report fdsync.Report
	err    error
	at     time.Time
}

// syncStatus runs the background sync of one store and shows how it went
// in a line at the bottom of the window. It lives as long as the window
// shows that store (its context).
type syncStatus struct {
	syncStatusDeps

	icon    *widget.Icon
	text    *widget.Label
	syncNow *widget.Button
	content fyne.CanvasObject

	trigger chan struct{}
	running bool // a sync is under way (UI goroutine)
	outcome syncOutcome
}

type syncStatusDeps struct {
	screenEnv
	syncer Syncer // nil: this build has no sync
	// every is how often the background sync runs; watch how often it
	// looks at the folder's fingerprint for news.
	every, watch time.Duration
	// onSyncTapped is what the status line's "Sync now" does (nil: a sync).
	onSyncTapped func()
	// onSynced is told on the UI goroutine after every sync that ran.
	onSynced func(o syncOutcome)
}

func newSyncStatus(d syncStatusDeps) *syncStatus {
	s := &syncStatus{syncStatusDeps: d, trigger: make(chan struct{}, 1)}
	s.buildUI()
	return s
}

func (s *syncStatus) buildUI() {
	s.icon = widget.NewIcon(theme.ViewRefreshIcon())
	s.text = &widget.Label{Text: lang.L("Looking for the shared folder…"), Truncation: fyne.TextTruncateEllipsis, Importance: widget.LowImportance}
	s.syncNow = &widget.Button{Text: lang.L("Sync now"), Icon: theme.ViewRefreshIcon(), Importance: widget.LowImportance, OnTapped: s.onSyncNow}
	if s.onSyncTapped != nil {
		s.syncNow.OnTapped = s.onSyncTapped
	}
	s.content = container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, s.icon, s.syncNow, s.text))
	if s.syncer == nil {
		s.text.SetText(lang.L("This event stays on this laptop: sync is not available in this build."))
		s.syncNow.Hide()
	}
}

// start begins the background loop: a sync now, then every s.every,
// and whenever the folder's fingerprint changes (looked at every
// s.watch). One goroutine does all of it, so syncs never overlap.
func (s *syncStatus) start() {
	if s.syncer == nil {
		return
	}
	go s.loop()
	s.onSyncNow()
}

func (s *syncStatus) loop() {
	ctx := s.ctx
	every := time.NewTicker(s.every)
	defer every.Stop()
	watch := time.NewTicker(s.watch)
	defer watch.Stop()
	var seen string
	for {
		run := false
		select {
		case <-ctx.Done():
			return
		case <-s.trigger:
			run = true
		case <-every.C:
			run = true
		case <-watch.C:
			fp, err := s.syncer.Fingerprint(ctx)
			// An unreachable folder is left to the timer: it retries
			// without a listing failing every few seconds.
			run = err == nil && fp != seen
		}
		if !run {
			continue
		}
		s.do(func() { s.showRunning(true) })
		o := syncOutcome{folder: s.syncer.Folder(ctx)}
		if o.folder == "" {
			o.err = ErrNotShared
		} else {
			o.report, o.err = s.syncer.Sync(ctx)
		}
		if ctx.Err() != nil {
			return
		}
		o.last = s.syncer.LastSuccess(ctx)
		o.at = time.Now()
		if o.err == nil {
			seen, _ = s.syncer.Fingerprint(ctx)
		}
		s.do(func() { s.show(o) })
	}
}

// onSyncNow (the button, Ctrl+R, the menu) asks the loop for a sync now;
// a sync already asked for is not asked twice.
func (s *syncStatus) onSyncNow() {
	if s.syncer == nil {
		return
	}
	select {
	case s.trigger <- struct{}{}:
	default:
	}
}

func (s *syncStatus) showRunning(running bool) {
	s.running = running
	if running {
		s.syncNow.Disable()
	} else {
		s.syncNow.Enable()
	}
}

func (s *syncStatus) show(o syncOutcome) {
	s.showRunning(false)
	if o.err != nil && errors.Is(o.err, context.Canceled) {
		return
	}
	s.outcome = o
	text, trouble := statusLine(o, time.Now())
	s.text.SetText(text)
	switch {
	case trouble:
		s.text.Importance = widget.WarningImportance
		s.icon.SetResource(theme.WarningIcon())
	default:
		s.text.Importance = widget.LowImportance
		s.icon.SetResource(theme.ConfirmIcon())
	}
	if errors.Is(o.err, ErrNotShared) {
		s.icon.SetResource(theme.InfoIcon())
	}
	s.text.Refresh()
	if s.onSynced != nil {
		s.onSynced(o)
	}
}

// statusLine says in one line how the last sync went: when the laptop
// last synced, what it has not shared yet, the other laptops and when
// they were last heard from, and the first problem. trouble is true when
// the line reports a problem (offline is one, though a normal one).
func statusLine(o syncOutcome, now time.Time) (line string, trouble bool) {
	var parts []string
	last := lang.L("never synced")
	if !o.last.IsZero() {
		last = fmt.Sprintf(lang.L("Synced %s"), syncTime(o.last, now))
	}
	switch {
	case errors.Is(o.err, ErrNotShared):
		return lang.L("Not shared: this event is only on this laptop. Settings → Sync shares it with other laptops."), false
	case isBucket(o.folder) && errors.Is(o.err, fdsync.ErrUnreachable) && !fdsync.CredentialsRefused(o.err):
		// The address alone: a long endpoint would push "cannot be
		// reached" past the end of the line.
		parts = append(parts, fmt.Sprintf(lang.L("Working offline: the bucket %s cannot be reached; will retry"), bucketAddress(o.folder)))
		if !o.last.IsZero() {
			parts = append(parts, strings.ToLower(last[:1])+last[1:])
		}
		return strings.Join(parts, " · "), true
	case placeProblem(o.folder, o.err) != "":
		return fmt.Sprintf(lang.L("Sync stopped: %s; will retry"), placeProblem(o.folder, o.err)), true
	case errors.Is(o.err, fdsync.ErrUnreachable):
		parts = append(parts, fmt.Sprintf(lang.L("Working offline: the shared folder %s cannot be reached; will retry"), o.folder))
		if !o.last.IsZero() {
			parts = append(parts, strings.ToLower(last[:1])+last[1:])
		}
		return strings.Join(parts, " · "), true
	case o.err != nil:
		return fmt.Sprintf(lang.L("Sync stopped: %v; will retry"), o.err), true
	}
	parts = append(parts, last)
	if n := o.report.Unsent; n > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("%s not yet shared"), countOf(n, lang.L("local change"), lang.L("local changes"))))
	}
	if len(o.report.Peers) == 0 {
		parts = append(parts, lang.L("no other laptop yet"))
	} else {
		var seen []string
		for _, p := range o.report.Peers {
			name := p.Name
			if name == "" {
				name = p.Device
			}
			if !p.SeenAt.IsZero() {
				name += " " + syncTime(p.SeenAt, now)
			}
			seen = append(seen, name)
		}
		parts = append(parts, countOf(len(o.report.Peers), lang.L("other laptop"), lang.L("other laptops"))+": "+strings.Join(seen, ", "))
	}
	if len(o.report.Problems) > 0 {
		problem := o.report.Problems[0]
		if more := len(o.report.Problems) - 1; more > 0 {
			problem += fmt.Sprintf(lang.L(" (and %d more)"), more)
		}
		parts = append(parts, capitalise(problem))
		trouble = true
	}
	return strings.Join(parts, " · "), trouble
}

// syncTime is "12:03" today, "Mon 12:03" this week, else "2 Jan 12:03".
func syncTime(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	switch {
	case y1 == y2 && m1 == m2 && d1 == d2:
		return t.Format("15:04")
	case now.Sub(t) < 6*24*time.Hour && now.After(t):
		return t.Format("Mon 15:04")
	default:
		return t.Format("2 Jan 15:04")
	}
}
