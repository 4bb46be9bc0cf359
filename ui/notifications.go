package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/notify"
)

// notificationStore is what the bell, the centre and the reminder loop
// read and write.
type notificationStore interface {
	notify.Source
	Notifications(ctx context.Context, limit int) ([]data.Notification, error)
	UnreadNotifications(ctx context.Context) (int, error)
	MarkNotificationsRead(ctx context.Context, ids ...int64) error
	RecordNotifications(ctx context.Context, drafts []data.NotificationDraft, tick time.Time) ([]data.Notification, error)
	Person(ctx context.Context, id string) (data.PersonRow, error)
	PersonByKey(ctx context.Context, key string) (data.PersonRow, error)
	Sessions(ctx context.Context) ([]data.SessionRow, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
}

// reminderEvery is how often the app works out what is due.
const reminderEvery = 20 * time.Second

// notificationCentre is the bell in the top bar with the unread count, the
// list it opens, and the loop that runs the scheduler.
type notificationCentre struct {
	notificationDeps

	bell    *widget.Button
	badge   *canvas.Text
	badgeBG *canvas.Circle
	content fyne.CanvasObject // bell with badge
	list    *widget.List
	popup   *widget.PopUp
	items   []data.Notification

	settings *notificationSettings // the Settings section, where a refusal of the desktop is shown, once
}

type notificationDeps struct {
	screenEnv
	store  notificationStore
	prefs  fyne.Preferences
	gate   *notificationGate
	canvas fyne.Canvas               // where the list pops up; nil: the bell opens nothing
	mode   func() appMode            // read on the loop's goroutine: preferences only
	open   func(n data.Notification) // shows what a notification is about
}

func newNotificationCentre(d notificationDeps) *notificationCentre {
	c := &notificationCentre{notificationDeps: d}
	c.buildUI()
	c.settings = newNotificationSettings(d.prefs, d.gate, d.do, c.keep)
	return c
}

// keep records a notification in the centre (the Settings test), so that
// the bell holds it whether or not the desktop showed it.
func (c *notificationCentre) keep(title, body string, done func()) {
	ctx := c.ctx
	go func() {
		_, err := c.store.RecordNotifications(ctx, []data.NotificationDraft{{Kind: notify.KindTest, Title: title, Body: body}}, time.Time{})
		c.do(func() {
			if err != nil && !errors.Is(err, context.Canceled) {
				log.Printf("notifications: keep the test: %v", err)
			}
			c.refresh()
			done()
		})
	}()
}

func (c *notificationCentre) buildUI() {
	c.bell = &widget.Button{Icon: theme.NewThemedResource(bellIcon), Importance: widget.LowImportance, OnTapped: c.onBell}
	c.bell.ExtendBaseWidget(c.bell)
	c.badge = canvas.NewText("", theme.Color(theme.ColorNameForegroundOnError))
	c.badge.TextSize = theme.CaptionTextSize()
	c.badge.TextStyle.Bold = true
	c.badge.Alignment = fyne.TextAlignCenter
	c.badgeBG = canvas.NewCircle(theme.Color(theme.ColorNameError))
	c.badgeBG.Hide()
	c.badge.Hide()
	badge := container.NewWithoutLayout(c.badgeBG, c.badge)
	c.content = container.NewStack(c.bell, container.New(&badgeLayout{}, badge))
	c.list = &widget.List{
		Length: func() int { return len(c.items) },
		CreateItem: func() fyne.CanvasObject {
			title := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
			body := &widget.Label{Wrapping: fyne.TextWrapWord}
			when := &widget.Label{Importance: widget.LowImportance}
			return container.NewBorder(container.NewBorder(nil, nil, nil, when, title), nil, nil, nil, body)
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			n := c.items[id]
			row := o.(*fyne.Container)
			head := row.Objects[1].(*fyne.Container)
			title := head.Objects[0].(*widget.Label)
			title.SetText(n.Title)
			if n.Read {
				title.TextStyle.Bold = false
			} else {
				title.TextStyle.Bold = true
			}
			title.Refresh()
			head.Objects[1].(*widget.Label).SetText(n.At.Local().Format("Mon 15:04"))
			row.Objects[0].(*widget.Label).SetText(n.Body)
			c.list.SetItemHeight(id, row.MinSize().Height)
		},
		OnSelected: c.onSelected,
	}
	c.list.ExtendBaseWidget(c.list)
}

// badgeLayout puts the unread count at the bell's top right corner.
type badgeLayout struct{}

func (badgeLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

func (badgeLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	box := objects[0].(*fyne.Container)
	bg, text := box.Objects[0], box.Objects[1].(*canvas.Text)
	d := text.MinSize().Height
	w := max(d, text.MinSize().Width+6)
	pos := fyne.NewPos(size.Width-w+2, -2)
	bg.Resize(fyne.NewSize(w, d))
	bg.Move(pos)
	text.Resize(fyne.NewSize(w, d))
	text.Move(pos)
}

// showUnread sets the badge.
func (c *notificationCentre) showUnread(n int) {
	if n <= 0 {
		c.badge.Hide()
		c.badgeBG.Hide()
		return
	}
	text := fmt.Sprint(n)
	if n > 99 {
		text = "99+"
	}
	c.badge.Text = text
	c.badge.Show()
	c.badgeBG.Show()
	c.badge.Refresh()
	c.content.Refresh()
}

// refresh reads the unread count and the latest entries.
func (c *notificationCentre) refresh() {
	ctx := c.ctx
	go func() {
		unread, err := c.store.UnreadNotifications(ctx)
		items, err2 := c.store.Notifications(ctx, 200)
		c.do(func() {
			if err != nil || err2 != nil {
				return
			}
			c.items = items
			c.showUnread(unread)
			c.list.Refresh()
		})
	}()
}

func (c *notificationCentre) onBell() {
	if c.canvas == nil {
		return
	}
	title := &widget.Label{Text: lang.L("Notifications"), TextStyle: fyne.TextStyle{Bold: true}}
	readAll := &widget.Button{Text: lang.L("Mark all read"), Importance: widget.LowImportance, OnTapped: c.onReadAll}
	closeButton := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { c.popup.Hide() }}
	empty := &widget.Label{Text: lang.L("Nothing yet. Reminders of sessions you follow and visitors at your booth appear here."), Wrapping: fyne.TextWrapWord}
	var body fyne.CanvasObject = c.list
	if len(c.items) == 0 {
		body = container.NewVBox(empty)
	}
	content := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(readAll, closeButton), title), nil, nil, nil, body)
	c.popup = widget.NewPopUp(content, c.canvas)
	size := fyne.NewSize(420, min(520, c.canvas.Size().Height-80))
	c.popup.Resize(size)
	c.popup.ShowAtPosition(fyne.NewPos(c.canvas.Size().Width-size.Width-8, 48))
	c.list.UnselectAll()
}

func (c *notificationCentre) onReadAll() {
	ctx := c.ctx
	go func() {
		err := c.store.MarkNotificationsRead(ctx)
		c.do(func() {
			if err == nil {
				c.refresh()
			}
		})
	}()
}

// onSelected marks the entry read and opens what it is about.
func (c *notificationCentre) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(c.items) {
		return
	}
	n := c.items[id]
	c.list.UnselectAll()
	if c.popup != nil {
		c.popup.Hide()
	}
	ctx := c.ctx
	go func() {
		err := c.store.MarkNotificationsRead(ctx, n.ID)
		c.do(func() {
			if err == nil {
				c.refresh()
			}
		})
	}()
	if c.open != nil && n.TargetID != "" {
		c.open(n)
	}
}

// options are the scheduler's options from the preferences and the mode.
func (c *notificationCentre) options(ctx context.Context) notify.Options {
	o := notify.Options{Lead: time.Duration(c.prefs.IntWithFallback(prefNotifyLead, 10)) * time.Minute,
		FollowedHosts: followedHosts(c.prefs)}
	m := appMode{}
	if c.mode != nil {
		m = c.mode()
	}
	if m.Exhibitor {
		o.Booth = m.BoothID
		if booths, err := c.store.Booths(ctx); err == nil {
			for _, b := range booths {
				if b.ID == m.BoothID {
					o.BoothCode = b.Code
				}
			}
		}
	} else {
		o.Organiser = true
		o.AllSessions = c.prefs.BoolWithFallback(prefNotifyAll, false)
	}
	if key := c.prefs.String(prefNotifyMe); key != "" {
		if me, err := c.store.PersonByKey(ctx, key); err == nil {
			o.Me = me.ID
		}
	}
	return o
}

// run works out what is due every reminderEvery, off the UI goroutine,
// until ctx ends; what is new goes to the desktop through the gate and to
// the centre through do.
func (c *notificationCentre) run() {
	ctx := c.ctx
	go func() {
		ticker := time.NewTicker(reminderEvery)
		defer ticker.Stop()
		var logged bool
		for {
			sched := notify.Scheduler{Source: c.store, Options: c.options(ctx)}
			fresh, err := sched.Tick(ctx, time.Now())
			switch {
			case err != nil && ctx.Err() == nil && !logged:
				log.Printf("reminders: %v", err) // once: the next run tries again
				logged = true
			case err == nil:
				logged = false
			}
			for _, n := range fresh {
				c.gate.show(n)
			}
			if err := c.gate.failureToShow(); err != nil {
				c.do(func() { c.settings.showFailure(err) })
			}
			if len(fresh) > 0 {
				c.do(c.refresh)
			}
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
		}
	}()
}

// bellIcon is a bell, drawn in the theme's foreground colour.
var bellIcon = fyne.NewStaticResource("bell.svg", []byte(strings.TrimSpace(`
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">
<path fill="#000000" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11c0-3.35-2.18-6.16-5.25-6.86V3.5a1.75 1.75 0 0 0-3.5 0v.64C7.18 4.84 5 7.65 5 11v5l-2 2v1h18v-1l-2-2z"/>
</svg>`)))
