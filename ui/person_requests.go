package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// matchPlanner ranks the hosts for a job seeker with this laptop's match
// weights, as the Meetings screen does.
type matchPlanner interface {
	Directory(ctx context.Context) (*matchmaking.Directory, error)
	Matches(ctx context.Context, d *matchmaking.Directory, seekerID string) ([]matchmaking.Match, error)
}

// requestStore records and takes back a job seeker's requests.
type requestStore interface {
	SaveMeetingRequest(ctx context.Context, r *data.MeetingRequest) error
	WithdrawMeetingRequest(ctx context.Context, h data.Host, seekerID string) error
}

// requestEditor is what the organiser at the desk or in People uses to
// record a job seeker's requests on their page: "Ask to meet…" lists
// every host best match first, with the match's reasons, and adds the
// one chosen as the seeker's next choice; a request's × takes it back.
type requestEditor struct {
	planner matchPlanner
	store   requestStore
	win     fyne.Window
	show    func(dialog.Dialog)
	// may says whether this laptop may record requests now: an
	// organiser's, not in booth-staff mode.
	may func() bool

	picker  *widget.List // the open dialog's hosts, for tests
	matches []matchmaking.Match
}

// askButton is "Ask to meet…" for the seeker m shows.
func (m *personMeetings) askButton() *widget.Button {
	return &widget.Button{Text: lang.L("Ask to meet…"), Icon: theme.ContentAddIcon(), OnTapped: m.onAsk}
}

// mayEditRequests says whether the page offers to add and withdraw the
// requests of person p.
func (m *personMeetings) mayEditRequests(p data.PersonRow) bool {
	return m.editor != nil && m.editor.may() && p.HasRole(data.RoleJobSeeker)
}

// mayHaveChanged shows the page again once the laptop's role is known,
// with or without the means to edit the requests.
func (m *personMeetings) mayHaveChanged() {
	if m.personID != "" && m.ask.Visible() != m.mayEditRequests(m.person) {
		m.reload()
	}
}

// onAsk reads the hosts ranked for the seeker, then shows them to choose.
func (m *personMeetings) onAsk() {
	e, seeker, asked := m.editor, m.personID, slices.Clone(m.asked)
	ctx := m.ctx
	go func() {
		var matches []matchmaking.Match
		var labels map[data.Host]string
		dir, err := e.planner.Directory(ctx)
		if err == nil {
			matches, err = e.planner.Matches(ctx, dir, seeker)
			labels = map[data.Host]string{}
			for _, h := range dir.Hosts {
				labels[h.Host] = h.Label
			}
		}
		m.do(func() {
			if err != nil {
				e.show(dialog.NewError(fmt.Errorf(lang.L("Could not rank the hosts (%v). Try again."), err), e.win))
				return
			}
			matches = slices.DeleteFunc(matches, func(mt matchmaking.Match) bool { return slices.Contains(asked, mt.Host.Host) })
			m.showPicker(seeker, matches, labels)
		})
	}()
}

func (m *personMeetings) showPicker(seeker string, matches []matchmaking.Match, labels map[data.Host]string) {
	e := m.editor
	e.matches = matches
	var dlg dialog.Dialog
	e.picker = &widget.List{
		Length: func() int { return len(e.matches) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewVBox(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
				&widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			mt := e.matches[id]
			lines := o.(*fyne.Container).Objects
			lines[0].(*widget.Label).SetText(fmt.Sprintf(lang.L("%s · score %d"), labels[mt.Host.Host], mt.Result.Score))
			why := mt.Result.String()
			if why == "" {
				why = lang.L("nothing in common on their profiles")
			}
			lines[1].(*widget.Label).SetText(why)
		},
	}
	e.picker.ExtendBaseWidget(e.picker)
	e.picker.OnSelected = func(id widget.ListItemID) {
		host, rank := e.matches[id].Host.Host, len(m.asked)+1
		dlg.Hide()
		m.saveRequest(seeker, host, rank)
	}
	hint := &widget.Label{Text: lang.L("Best match first. The one you pick becomes their next choice; the auto-schedule plans the requests in their order."), Wrapping: fyne.TextWrapWord}
	if len(matches) == 0 {
		hint.SetText(lang.L("They have asked to meet every host already."))
	}
	dlg = dialog.NewCustom(lang.L("Ask to meet"), lang.L("Cancel"), readingBorder(hint, nil, nil, nil, e.picker), e.win)
	size := e.win.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(640, size.Width*0.95), min(520, size.Height*0.92)))
	e.show(dlg)
}

func (m *personMeetings) saveRequest(seeker string, host data.Host, rank int) {
	st, ctx := m.editor.store, m.ctx
	go func() {
		err := st.SaveMeetingRequest(ctx, &data.MeetingRequest{Host: host, PersonID: seeker, Rank: rank, Source: data.SourceOrganiser})
		m.do(func() { m.afterRequestChange(err) })
	}()
}

// onWithdraw takes back the seeker's request to meet host.
func (m *personMeetings) onWithdraw(host data.Host) {
	st, ctx, seeker := m.editor.store, m.ctx, m.personID
	go func() {
		err := st.WithdrawMeetingRequest(ctx, host, seeker)
		m.do(func() { m.afterRequestChange(err) })
	}()
}

func (m *personMeetings) afterRequestChange(err error) {
	if err != nil {
		m.editor.show(dialog.NewError(fmt.Errorf(lang.L("The request was not saved (%v). Try again."), err), m.editor.win))
	}
	m.reload()
}
