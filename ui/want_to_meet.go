package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// wantedStore keeps a booth's "want to meet" list: the booth's host
// preferences, which the meetings planner counts and which sync to the
// organisers; the reminders say when someone on it checks in at the fair.
type wantedStore interface {
	PersonByKey(ctx context.Context, key string) (data.PersonRow, error)
	Person(ctx context.Context, id string) (data.PersonRow, error)
	WantToMeet(ctx context.Context, boothID, personID string, on bool) error
	WantedVisitors(ctx context.Context, boothID string) ([]string, error)
}

// wantToMeet is the My booth card where staff name the people they hope
// will come by, by e-mail or badge code.
type wantToMeet struct {
	screenEnv
	store   wantedStore
	boothID string

	entry   *widget.Entry
	list    *widget.Label
	message *widget.Label
	content fyne.CanvasObject
}

func newWantToMeet(env screenEnv, store wantedStore) *wantToMeet {
	m := &wantToMeet{screenEnv: env, store: store}
	m.entry = &widget.Entry{PlaceHolder: lang.L("E-mail or badge code, then Enter"), OnSubmitted: m.onAdd}
	m.entry.ExtendBaseWidget(m.entry)
	m.list = &widget.Label{Wrapping: fyne.TextWrapWord}
	m.message = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	m.message.Hide()
	// The explanation wraps under the title: a card's subtitle does not,
	// and at its length made My booth wider than an 800x600 screen.
	why := &widget.Label{Text: lang.L("The organisers' planner favours them for meetings at your booth, and you get a notification when one of them checks in."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	m.content = &widget.Card{Title: lang.L("Want to meet"), Content: container.NewVBox(why, m.entry, m.message, m.list)}
	return m
}

func (m *wantToMeet) setBooth(id string) {
	m.boothID = id
	m.refresh()
}

func (m *wantToMeet) refresh() {
	ctx, booth := m.ctx, m.boothID
	if booth == "" {
		return
	}
	go func() {
		var names []string
		ids, err := m.store.WantedVisitors(ctx, booth)
		for _, id := range ids {
			if p, perr := m.store.Person(ctx, id); perr == nil {
				names = append(names, p.DisplayName())
			}
		}
		m.do(func() {
			switch {
			case err != nil:
				m.list.SetText(fmt.Sprintf(lang.L("Could not read the list (%v)."), err))
			case len(names) == 0:
				m.list.SetText(lang.L("No one on the list yet."))
			default:
				m.list.SetText(strings.Join(names, ", "))
			}
		})
	}()
}

func (m *wantToMeet) onAdd(key string) {
	key = strings.TrimSpace(key)
	if key == "" || m.boothID == "" {
		return
	}
	ctx, booth := m.ctx, m.boothID
	go func() {
		p, err := m.store.PersonByKey(ctx, key)
		if err == nil {
			err = m.store.WantToMeet(ctx, booth, p.ID, true)
		}
		m.do(func() {
			if err != nil {
				m.message.SetText(fmt.Sprintf(lang.L("No one registered with %q: check the e-mail or badge code."), key))
				m.message.Show()
				return
			}
			m.message.Hide()
			m.entry.SetText("")
			m.refresh()
		})
	}()
}
