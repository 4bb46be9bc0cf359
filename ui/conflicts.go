package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// conflictsScreen lists what merges could not settle on their own: the
// same field changed on two laptops, an edit against a delete, and two
// records that are probably one person. Each is resolved here; the
// resolution is a change like any other and syncs to the other laptops.
type conflictsScreen struct {
	conflictsDeps

	intro   *widget.Label
	status  *widget.Label
	box     *fyne.Container
	content fyne.CanvasObject

	cards      map[string]*conflictCard // by conflict id, as last shown
	generation int
}

// conflictView is a conflict with what the screen shows about it.
type conflictView struct {
	data.Conflict
	what   string            // the record, e.g. "Yui Sato"
	people [2]data.PersonRow // both people of a duplicate
	names  map[string]string
}

// conflictCard is one conflict on the screen, with its buttons.
type conflictCard struct {
	view    conflictView
	card    *widget.Card
	body    *widget.Label
	keep    *widget.Button // keep the kept value / the record / merge into the first
	other   *widget.Button // take the other value / delete again / merge into the second
	apart   *widget.Button // duplicates: different people
	history *widget.Button
}

// conflictsStore is what the conflicts screen reads and writes: the
// conflicts, the records they are about, and their history.
type conflictsStore interface {
	historyStore
	Conflicts(ctx context.Context, all bool) ([]data.Conflict, error)
	ResolveConflict(ctx context.Context, id, choice string) error
	MergePeople(ctx context.Context, keepID, dropID string) error
	Person(ctx context.Context, id string) (data.PersonRow, error)
	Organisations(ctx context.Context) ([]data.Organisation, error)
	Sessions(ctx context.Context) ([]data.SessionRow, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
	HeldBatches(ctx context.Context) ([]data.HeldBatch, error)
	AcceptHeld(ctx context.Context, device string, seq int64) error
	RefusedChanges(ctx context.Context) ([]data.RefusedChange, error)
}

type conflictsDeps struct {
	screenEnv
	store conflictsStore
	win   fyne.Window
	show  func(dialog.Dialog)
	// onCount is told the number of open conflicts whenever it is read;
	// onResolved after a resolution was saved (the window syncs then).
	onCount    func(open int)
	onResolved func()
}

func newConflictsScreen(d conflictsDeps) *conflictsScreen {
	s := &conflictsScreen{conflictsDeps: d, cards: map[string]*conflictCard{}}
	s.buildUI()
	return s
}

func (s *conflictsScreen) buildUI() {
	heading := &widget.Label{Text: lang.L("Conflicts"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	s.intro = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("When two laptops change the same thing before they sync, " +
		"Fairdesk keeps the newer change and lists the other here. Choose what stays; your choice reaches the other laptops at their next sync.")}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	s.box = container.NewVBox()
	s.content = readingBorder(container.NewVBox(heading, s.intro, s.status), nil, nil, nil, container.NewVScroll(s.box))
}

// refresh reads the open conflicts and what they are about.
func (s *conflictsScreen) refresh() {
	s.generation++
	generation := s.generation
	ctx := s.ctx
	go func() {
		views, err := s.read(ctx)
		held, _ := s.store.HeldBatches(ctx)
		refused, _ := s.store.RefusedChanges(ctx)
		s.do(func() {
			s.showList(generation, views, err)
			if generation == s.generation && err == nil {
				s.showHeld(held)
				s.showRefused(refused)
			}
		})
	}()
}

// countOpen reads the number of open conflicts for the sidebar.
func (s *conflictsScreen) countOpen() {
	ctx := s.ctx
	go func() {
		list, err := s.store.Conflicts(ctx, false)
		if err != nil {
			return
		}
		s.do(func() {
			if s.onCount != nil {
				s.onCount(len(list))
			}
		})
	}()
}

func (s *conflictsScreen) read(ctx context.Context) ([]conflictView, error) {
	list, err := s.store.Conflicts(ctx, false)
	if err != nil {
		return nil, err
	}
	names := laptopNames(ctx, s.store)
	var others map[string]string // organisations, sessions and booths by id, read once if needed
	views := make([]conflictView, 0, len(list))
	for _, c := range list {
		v := conflictView{Conflict: c, names: names}
		switch c.Table {
		case "people":
			p, err := s.store.Person(ctx, c.RowID)
			if err != nil && !errors.Is(err, data.ErrNotFound) {
				return nil, err
			}
			v.people[0] = p
			v.what = personName(p.Person, c.RowID)
			if c.Kind == "duplicate" {
				q, err := s.store.Person(ctx, c.Other)
				if err != nil && !errors.Is(err, data.ErrNotFound) {
					return nil, err
				}
				v.people[1] = q
			}
		case "conflicts":
			v.what = lang.L("a conflict's resolution")
		default:
			if others == nil {
				others = s.recordNames(ctx)
			}
			v.what = others[c.RowID]
			if v.what == "" {
				v.what = fmt.Sprintf(lang.L("a record in %s"), c.Table)
			}
		}
		views = append(views, v)
	}
	return views, nil
}

func personName(p data.Person, id string) string {
	if name := p.DisplayName(); strings.TrimSpace(name) != "" {
		return name
	}
	return fmt.Sprintf(lang.L("person %s"), id)
}

// recordNames names organisations, sessions and booths by id.
func (s *conflictsScreen) recordNames(ctx context.Context) map[string]string {
	names := map[string]string{}
	if orgs, err := s.store.Organisations(ctx); err == nil {
		for _, o := range orgs {
			names[o.ID] = fmt.Sprintf(lang.L("organisation %s"), o.Name)
		}
	}
	if sessions, err := s.store.Sessions(ctx); err == nil {
		for _, x := range sessions {
			names[x.ID] = fmt.Sprintf(lang.L("session %s"), x.Title)
		}
	}
	if booths, err := s.store.Booths(ctx); err == nil {
		for _, b := range booths {
			names[b.ID] = fmt.Sprintf(lang.L("booth %s"), b.Code)
		}
	}
	return names
}

func (s *conflictsScreen) showList(generation int, views []conflictView, err error) {
	if generation != s.generation || errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		s.status.Importance = widget.DangerImportance
		s.status.SetText(fmt.Sprintf(lang.L("Could not read the conflicts (%v). Try again in a moment."), err))
		return
	}
	s.status.Importance = widget.LowImportance
	if len(views) == 0 {
		s.status.SetText(lang.L("No open conflicts: every laptop's changes fitted together."))
	} else {
		s.status.SetText(fmt.Sprintf(lang.L("%s open."), countOf(len(views), lang.L("conflict"), lang.L("conflicts"))))
	}
	s.cards = map[string]*conflictCard{}
	objects := make([]fyne.CanvasObject, 0, len(views))
	for _, v := range views {
		c := s.newCard(v)
		s.cards[v.ID] = c
		objects = append(objects, c.card)
	}
	s.box.Objects = objects
	s.box.Refresh()
	if s.onCount != nil {
		s.onCount(len(views))
	}
}

// showHeld adds a card for each laptop whose changes sync holds back
// because their stamps are far ahead of this laptop's clock, with the
// organiser's way to let them in.
func (s *conflictsScreen) showHeld(held []data.HeldBatch) {
	for _, h := range held {
		body := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(lang.L("Its changes are stamped up to %s, ahead of this laptop's clock, and would win over every later edit. Set the date and time on that laptop, or accept its changes now."),
			h.Newest.Local().Format("2006-01-02 15:04"))}
		accept := &widget.Button{Text: lang.L("Accept its changes"), Importance: widget.WarningImportance}
		accept.OnTapped = func() {
			accept.Disable()
			ctx := s.ctx
			go func() {
				err := s.store.AcceptHeld(ctx, h.Device, h.Seq)
				s.do(func() {
					if err != nil {
						s.status.Importance = widget.DangerImportance
						s.status.SetText(fmt.Sprintf(lang.L("Could not accept the changes (%v). Try again in a moment."), err))
						accept.Enable()
						return
					}
					if s.onResolved != nil {
						s.onResolved()
					}
					s.refresh()
				})
			}()
		}
		s.box.Add(&widget.Card{Title: fmt.Sprintf(lang.L("Changes from %s are held back"), h.Laptop), Content: container.NewVBox(body, container.NewHBox(accept))})
	}
}

// showRefused adds a card for each change another laptop sent that its
// role may not make (a booth laptop editing the agenda): it was never
// applied, and the organiser should know which laptop tried.
func (s *conflictsScreen) showRefused(refused []data.RefusedChange) {
	for _, r := range refused {
		laptop := r.Laptop
		if laptop == "" {
			laptop = r.Device
		}
		body := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(lang.L("Its role (%s) may not change %s %s: %s. The change was not applied; the other laptop's data stays as it was."),
			r.Role, r.Table, r.RowID, r.Reason)}
		s.box.Add(&widget.Card{Title: fmt.Sprintf(lang.L("Refused change from %s"), laptop), Content: body})
	}
}

// short cuts a value down for a button.
func short(v string) string {
	r := []rune(v)
	if len(r) > 24 {
		return string(r[:23]) + "…"
	}
	return v
}

func (s *conflictsScreen) newCard(v conflictView) *conflictCard {
	c := &conflictCard{view: v, body: &widget.Label{Wrapping: fyne.TextWrapWord}}
	c.history = &widget.Button{Text: lang.L("History…"), Icon: theme.HistoryIcon(), Importance: widget.LowImportance,
		OnTapped: func() { showHistory(s.ctx, s.store, s.do, s.win, s.show, v.what, v.Table, v.RowID) }}
	kept, other := laptopName(v.names, v.KeptDev), laptopName(v.names, v.OtherDev)
	var title string
	var buttons []fyne.CanvasObject
	switch v.Kind {
	case "field":
		title = fmt.Sprintf(lang.L("%s of %s: changed on two laptops"), recordFieldLabel(v.Col), v.what)
		c.body.SetText(fmt.Sprintf(lang.L("✔ Kept: %s, from %s\n✘ Set aside: %s, from %s"),
			valueText(v.Col, v.Kept), kept, valueText(v.Col, v.Other), other))
		c.keep = &widget.Button{Text: fmt.Sprintf(lang.L("Keep %s"), short(valueText(v.Col, v.Kept))), Importance: widget.HighImportance,
			OnTapped: func() { s.resolve(v, data.ChoiceKept) }}
		c.other = &widget.Button{Text: fmt.Sprintf(lang.L("Use %s instead"), short(valueText(v.Col, v.Other))),
			OnTapped: func() { s.resolve(v, data.ChoiceOther) }}
		buttons = []fyne.CanvasObject{c.keep, c.other}
	case "delete":
		title = fmt.Sprintf(lang.L("%s: edited on one laptop, deleted on another"), v.what)
		c.body.SetText(fmt.Sprintf(lang.L("Deleted on %s, while %s changed it without seeing the delete; "+
			"so that the change is not lost, the record was brought back."), other, kept))
		c.keep = &widget.Button{Text: lang.L("Keep the record"), Importance: widget.HighImportance,
			OnTapped: func() { s.resolve(v, data.ChoiceKeepRow) }}
		c.other = &widget.Button{Text: lang.L("Delete it again"), Importance: widget.DangerImportance,
			OnTapped: func() { s.resolve(v, data.ChoiceDeleteRow) }}
		buttons = []fyne.CanvasObject{c.keep, c.other}
	case "duplicate":
		a, b := v.people[0], v.people[1]
		title = fmt.Sprintf(lang.L("Probably one person: %s and %s"), personName(a.Person, v.RowID), personName(b.Person, v.Other))
		c.body.SetText(lang.L("Added on two laptops with the same e-mail address or badge code:") + "\n1. " + personLine(a) + "\n2. " + personLine(b))
		c.keep = &widget.Button{Text: lang.L("Merge, keeping 1"), Importance: widget.HighImportance,
			OnTapped: func() { s.merge(v, v.RowID, v.Other) }}
		c.other = &widget.Button{Text: lang.L("Merge, keeping 2"),
			OnTapped: func() { s.merge(v, v.Other, v.RowID) }}
		c.apart = &widget.Button{Text: lang.L("Different people"), OnTapped: func() { s.resolve(v, data.ChoiceSeparate) }}
		buttons = []fyne.CanvasObject{c.keep, c.other, c.apart}
	default:
		title = fmt.Sprintf(lang.L("%s: %s"), v.Kind, v.what)
		c.body.SetText(v.Kept + " / " + v.Other)
	}
	buttons = append(buttons, c.history)
	c.card = &widget.Card{Title: "", Subtitle: title, Content: container.NewVBox(c.body, container.NewHBox(buttons...))}
	c.card.ExtendBaseWidget(c.card)
	return c
}

// personLine is one person of a duplicate: name, e-mail, badge, organisation.
func personLine(p data.PersonRow) string {
	parts := []string{personName(p.Person, p.ID)}
	if p.KanjiName != "" && p.KanjiName != parts[0] {
		parts = append(parts, p.KanjiName)
	}
	if p.Email != "" {
		parts = append(parts, p.Email)
	}
	if p.BadgeCode != "" {
		parts = append(parts, lang.L("badge")+" "+p.BadgeCode)
	}
	if p.OrgName != "" {
		parts = append(parts, p.OrgName)
	}
	if p.Deleted {
		parts = append(parts, lang.L("deleted"))
	}
	return strings.Join(parts, " · ")
}

func (s *conflictsScreen) disable(id string) {
	if c := s.cards[id]; c != nil {
		for _, b := range []*widget.Button{c.keep, c.other, c.apart} {
			if b != nil {
				b.Disable()
			}
		}
	}
}

func (s *conflictsScreen) resolve(v conflictView, choice string) {
	s.disable(v.ID)
	ctx := s.ctx
	go func() {
		err := s.store.ResolveConflict(ctx, v.ID, choice)
		s.do(func() { s.resolved(err) })
	}()
}

func (s *conflictsScreen) merge(v conflictView, keepID, dropID string) {
	s.disable(v.ID)
	ctx := s.ctx
	go func() {
		err := s.store.MergePeople(ctx, keepID, dropID)
		s.do(func() { s.resolved(err) })
	}()
}

func (s *conflictsScreen) resolved(err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		s.show(dialog.NewError(fmt.Errorf(lang.L("not resolved: %v. Nothing was changed; try again"), err), s.win))
	}
	s.refresh()
	if err == nil && s.onResolved != nil {
		s.onResolved()
	}
}
