package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// slotChooser is the dialog that books a meeting by hand (pick a host and
// a job seeker, then one of the slots offered) or moves one (its host and
// seeker fixed). The store says which slots are free for the pair and why
// each other one is not; the dialog offers the first and lists the rest
// with their reason.
type slotChooser struct {
	s      *meetingsScreen
	moving data.Meeting // the meeting moved; zero when booking
	hosts  []matchmaking.Host
	host   data.Host
	seeker data.PersonRow
	at     time.Time // the slot time to choose first, when given

	hostPick *widget.Select
	search   *fieldEntry
	results  *widget.List
	chosen   *widget.Label
	slots    *widget.Select // the free slots
	refused  *widget.List   // the others, each with why
	status   *widget.Label
	confirm  *widget.Button
	dlg      *dialog.CustomDialog

	slotLists *fyne.Container // hidden while the search results show

	found   []data.PersonRow
	offered []data.SlotOffer // in the order of slots' options
	why     []string         // the refused list's lines
	asked   int              // the latest query; older answers are dropped
	closed  bool
}

// openBooking opens the dialog to book a meeting, with host (and the slot
// at that time) chosen first when given.
func (s *meetingsScreen) openBooking(host data.Host, at time.Time) {
	c := &slotChooser{s: s, host: host, at: at}
	c.hosts = buildTimetable(s.facts, timetableFilter{}).rows
	c.build(lang.L("Book a meeting"), lang.L("Book"))
	options := make([]string, len(c.hosts))
	for i, h := range c.hosts {
		options[i] = h.Label
	}
	c.hostPick.Options = options
	c.show()
	for i, h := range c.hosts {
		if h.Host == host {
			c.hostPick.SetSelectedIndex(i)
		}
	}
}

// openMove opens the dialog to move meeting m to another slot of its host.
func (s *meetingsScreen) openMove(m data.Meeting) {
	c := &slotChooser{s: s, moving: m, host: m.Host}
	c.build(lang.L("Move the meeting"), lang.L("Move"))
	c.seeker = data.PersonRow{Person: data.Person{ID: m.PersonID}}
	if s.facts.dir != nil {
		c.seeker = s.facts.dir.People[m.PersonID]
		c.seeker.ID = m.PersonID
	}
	c.hostPick.Options = []string{s.facts.hostName(m.Host)}
	c.hostPick.SetSelectedIndex(0)
	c.hostPick.Disable()
	c.search.Hide()
	c.chosen.SetText(fmt.Sprintf(lang.L("Job seeker: %s; now %s."), s.facts.seekerName(m.PersonID), s.facts.slotTime(m.Starts, m.Ends)))
	c.show()
	c.loadOffers()
}

func (c *slotChooser) build(title, confirmText string) {
	c.hostPick = &widget.Select{PlaceHolder: lang.L("Choose a host"), OnChanged: c.onHost}
	c.hostPick.ExtendBaseWidget(c.hostPick)
	c.search = &fieldEntry{Entry: widget.Entry{PlaceHolder: lang.L("Job seeker: type a name, e-mail or badge code"), OnChanged: c.onSearch}}
	c.search.ExtendBaseWidget(c.search)
	c.results = &widget.List{
		Length:     func() int { return len(c.found) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(personChoiceText(c.found[id]))
		},
		OnSelected: c.onPick,
	}
	c.results.ExtendBaseWidget(c.results)
	c.results.Hide()
	// One line each, truncated rather than wrapped: a label that wraps
	// to more lines than its first layout gave it overlaps what is below.
	c.chosen = &widget.Label{Truncation: fyne.TextTruncateEllipsis, Text: lang.L("Choose a host and a job seeker to see the free slots.")}
	c.slots = &widget.Select{PlaceHolder: lang.L("Choose a free slot"), OnChanged: func(string) { c.onSlot() }}
	c.slots.ExtendBaseWidget(c.slots)
	c.refused = &widget.List{
		Length:     func() int { return len(c.why) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.why[id]) },
	}
	c.refused.ExtendBaseWidget(c.refused)
	c.status = &widget.Label{Truncation: fyne.TextTruncateEllipsis, Importance: widget.DangerImportance}
	c.status.Hide()
	c.confirm = &widget.Button{Text: confirmText, Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: c.onConfirm}
	c.confirm.Disable()
	cancel := &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: func() { c.dlg.Hide() }}

	heading := func(text string) *widget.Label {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
	}
	c.slotLists = container.NewBorder(container.NewVBox(heading(lang.L("Free slots")), c.slots, c.status,
		heading(lang.L("Not offered, and why"))), nil, nil, nil, c.refused)
	lists := container.NewStack(c.slotLists, c.results)
	top := container.NewVBox(c.hostPick, c.search, c.chosen)
	body := container.NewBorder(top, nil, nil, nil, lists)
	c.dlg = dialog.NewCustomWithoutButtons(title, body, c.s.win)
	c.dlg.SetButtons([]fyne.CanvasObject{cancel, c.confirm})
	c.dlg.SetOnClosed(func() { c.closed = true })
}

// show opens the dialog as large as fits the window, up to 680x480.
func (c *slotChooser) show() {
	c.s.chooser = c
	size := fyne.NewSize(680, 480)
	if c.s.win != nil {
		room := c.s.win.Canvas().Size()
		size = fyne.NewSize(min(size.Width, room.Width-40), min(size.Height, room.Height-40))
	}
	if c.s.dialogs != nil {
		c.s.dialogs.push(shownDialog{d: c.dlg, enter: c.onConfirm})
	} else {
		c.dlg.Show()
	}
	c.dlg.Resize(size)
}

func (c *slotChooser) onHost(string) {
	if i := c.hostPick.SelectedIndex(); i >= 0 && i < len(c.hosts) {
		c.host = c.hosts[i].Host
	}
	c.loadOffers()
}

func (c *slotChooser) onSearch(text string) {
	c.asked++
	asked, ctx := c.asked, c.s.ctx
	if strings.TrimSpace(text) == "" {
		c.found = nil
		c.showResults(false)
		return
	}
	go func() {
		rows, err := c.s.store.ListPeople(ctx, data.PeopleFilter{Query: text, Role: data.RoleJobSeeker}, 0, pickerResults)
		c.s.do(func() {
			if asked != c.asked {
				return
			}
			c.found = rows
			c.results.UnselectAll()
			c.results.Refresh()
			switch {
			case err != nil:
				c.chosen.SetText(fmt.Sprintf(lang.L("Could not search (%v). Try again."), err))
			case len(rows) == 0:
				c.chosen.SetText(fmt.Sprintf(lang.L("No job seeker matches “%s”."), text))
			}
			c.showResults(len(rows) > 0)
		})
	}()
}

func (c *slotChooser) onPick(id widget.ListItemID) {
	if id < 0 || id >= len(c.found) {
		return
	}
	c.seeker = c.found[id]
	c.asked++ // an answer still on its way is for text already typed over
	c.results.UnselectAll()
	c.search.SetText("")
	c.showResults(false)
	c.loadOffers()
}

// loadOffers asks the store which slots of the host are free for the
// seeker, once both are chosen.
func (c *slotChooser) loadOffers() {
	c.offered = nil
	c.slots.Options = nil
	c.slots.ClearSelected()
	c.why = nil
	c.refused.Refresh()
	c.confirm.Disable()
	if c.host == (data.Host{}) || c.seeker.ID == "" {
		return
	}
	f := c.s.facts
	if c.moving.ID == "" {
		c.chosen.SetText(fmt.Sprintf(lang.L("Job seeker: %s."), personName(c.seeker.Person, c.seeker.ID)))
	}
	c.asked++
	asked, ctx := c.asked, c.s.ctx
	host, seeker, moving := c.host, c.seeker.ID, c.moving
	go func() {
		offers, err := c.s.store.SlotOffers(ctx, host, seeker, moving.ID)
		c.s.do(func() {
			if asked != c.asked {
				return
			}
			if err != nil {
				c.say(errorSentence(err))
				return
			}
			var refused []string
			for _, o := range offers {
				when := f.slotTime(o.Slot.Starts, o.Slot.Ends)
				switch {
				case o.Slot.ID == moving.SlotID:
					refused = append(refused, when+": "+lang.L("where the meeting is now"))
				case o.Offered():
					c.offered = append(c.offered, o)
					c.slots.Options = append(c.slots.Options, joinNonEmpty(" · ", when, o.Slot.Place))
				default:
					refused = append(refused, when+": "+refusalText(o.Refused))
				}
			}
			switch {
			case len(offers) == 0:
				refused = append(refused, lang.L("This host offers no slots."))
			case len(refused) == 0:
				refused = append(refused, lang.L("None: every slot of this host is free for this job seeker."))
			}
			c.why = refused
			c.refused.Refresh()
			if len(c.offered) == 0 {
				c.say(lang.L("No slot of this host is free for this job seeker: see why beside, or choose another host."))
			} else {
				c.status.Hide()
			}
			for i, o := range c.offered {
				if o.Slot.Starts.Equal(c.at) {
					c.slots.SetSelected(c.slots.Options[i])
				}
			}
			c.slots.Refresh()
		})
	}()
}

// showResults shows the people found in place of the slots, or the slots.
func (c *slotChooser) showResults(on bool) {
	if on {
		c.slotLists.Hide()
		c.results.Show()
		c.confirm.Disable() // Book would book whom the search is replacing
	} else {
		c.results.Hide()
		c.slotLists.Show()
		c.onSlot()
	}
}

func (c *slotChooser) say(text string) {
	c.status.SetText(text)
	c.status.Show()
}

// chosenSlot is the offered slot the radio buttons choose, if any.
func (c *slotChooser) chosenSlot() (data.MeetingSlot, bool) {
	for i, option := range c.slots.Options {
		if option == c.slots.Selected && i < len(c.offered) {
			return c.offered[i].Slot, true
		}
	}
	return data.MeetingSlot{}, false
}

func (c *slotChooser) onSlot() {
	if _, ok := c.chosenSlot(); ok {
		c.confirm.Enable()
	} else {
		c.confirm.Disable()
	}
}

// onConfirm books or moves into the slot chosen; the store checks it
// again, and a slot taken meanwhile is said and the offers read again.
func (c *slotChooser) onConfirm() {
	slot, ok := c.chosenSlot()
	if !ok || c.closed {
		return
	}
	c.confirm.Disable()
	s, ctx := c.s, c.s.ctx
	moving, host, seeker, dir := c.moving, c.host, c.seeker.ID, c.s.facts.dir
	go func() {
		var m data.Meeting
		var err error
		if moving.ID != "" {
			m, err = moveMeeting(ctx, s.store, moving.ID, slot.ID)
		} else {
			m, err = bookMeeting(ctx, s.store, s.planner, dir, host, seeker, slot.ID)
		}
		s.do(func() {
			if err != nil {
				c.say(errorSentence(err))
				c.loadOffers()
				return
			}
			c.dlg.Hide()
			s.detail.selected, s.detail.meeting, s.detail.host, s.detail.at = true, m, m.Host, m.Starts
			verb := lang.L("Booked %s with %s, %s.")
			if moving.ID != "" {
				verb = lang.L("Moved %s's meeting with %s to %s.")
			}
			s.detail.say(fmt.Sprintf(verb, s.facts.seekerName(m.PersonID), s.facts.hostName(m.Host), s.facts.slotTime(m.Starts, m.Ends)), false)
			s.refresh()
		})
	}()
}

// bookMeeting books the pair into the slot, with the match's score and
// reasons as fairctl meetings book gives them.
func bookMeeting(ctx context.Context, st meetingsStore, planner meetingsPlanner, dir *matchmaking.Directory,
	host data.Host, seekerID, slotID string) (data.Meeting, error) {
	m := data.Meeting{Host: host, PersonID: seekerID, SlotID: slotID, State: data.MeetingBooked}
	if dir != nil {
		matches, err := planner.Matches(ctx, dir, seekerID)
		if err != nil {
			return m, err
		}
		for _, match := range matches {
			if match.Host.Host == host {
				m.Score, m.Reasons = match.Result.Score, match.Result.String()
			}
		}
	}
	err := st.SaveMeeting(ctx, &m)
	return m, err
}

// moveMeeting puts a meeting in another slot of its host, keeping its
// state, score and reasons; the place and link become the new slot's.
func moveMeeting(ctx context.Context, st meetingsStore, id, slotID string) (data.Meeting, error) {
	m, err := st.Meeting(ctx, id)
	if err != nil {
		return m, err
	}
	m.SlotID, m.Place, m.Link = slotID, "", ""
	err = st.SaveMeeting(ctx, &m)
	return m, err
}
