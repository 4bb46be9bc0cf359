package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/schedule"
)

// draftPanel is the auto-schedule's draft: the meetings proposed, with
// their total score and each one's reasons, and the requests left unmet.
// The draft is kept in the store (meetings in state proposed), so it shows
// in the timetable too, where the organiser moves or declines proposals
// before Publish books them all.
type draftPanel struct {
	s *meetingsScreen

	summary  *widget.Label
	hint     *widget.Label // under the summary: what to do next
	progress *widget.ProgressBar
	step     *widget.Label
	cancel   *widget.Button
	publish  *widget.Button
	list     *widget.List
	content  fyne.CanvasObject

	runningBox *fyne.Container // the step, the bar and Cancel, while it runs
	top        *fyne.Container // the summary over runningBox, laid out again as it shows and hides

	items   []draftItem
	plan    *schedule.Plan     // the last run's, for whether it is proved optimal
	stop    context.CancelFunc // the run going on, if any
	running bool
}

// draftItem is one row of the draft's list: a proposal, the heading over
// the unmet requests, or one of them.
type draftItem struct {
	first, second string
	meeting       data.Meeting // a proposal's; zero otherwise
	heading       bool
}

// draftSteps are the auto-schedule's steps, for its progress bar.
const draftSteps = 3

func newDraftPanel(s *meetingsScreen) *draftPanel {
	p := &draftPanel{s: s}
	// One line each, truncated: see meetingDetail.
	p.summary = &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Bold: true}}
	p.hint = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	p.progress = &widget.ProgressBar{Max: draftSteps}
	p.progress.TextFormatter = func() string {
		return fmt.Sprintf(lang.L("step %d of %d"), int(p.progress.Value), draftSteps)
	}
	p.progress.ExtendBaseWidget(p.progress)
	p.step = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	p.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: p.onCancel}
	running := container.NewBorder(nil, nil, nil, p.cancel, container.NewVBox(p.step, p.progress))
	running.Hide()
	p.publish = &widget.Button{Text: lang.L("Publish"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: p.onPublish}
	p.publish.Disable()
	p.list = &widget.List{
		Length:     func() int { return len(p.items) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			it := p.items[id]
			row := o.(*twoLineRow)
			row.set(it.first, it.second)
			row.second.Hidden = it.second == ""
			row.first.Importance = widget.MediumImportance
			if it.heading {
				row.first.Importance = widget.HighImportance
			}
			row.first.Refresh()
		},
		OnSelected: p.onSelected,
	}
	p.list.ExtendBaseWidget(p.list)
	p.top = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(p.publish), container.NewVBox(p.summary, p.hint)), running)
	p.content = readingBorder(p.top, nil, nil, nil, p.list)
	p.runningBox = running
	p.show()
	return p
}

// show fills the draft from the facts the screen read.
func (p *draftPanel) show() {
	f := p.s.facts
	var drafts []data.Meeting
	for _, m := range f.meetings {
		if m.State == data.MeetingProposed {
			drafts = append(drafts, m)
		}
	}
	unmet := data.UnmetRequests(f.requests, f.meetings)
	total, n := data.MeetingsTotal(drafts)
	p.items = p.items[:0]
	for _, m := range drafts {
		p.items = append(p.items, draftItem{
			first:   fmt.Sprintf(lang.L("%s  %s with %s, score %d"), f.slotTime(m.Starts, m.Ends), f.seekerName(m.PersonID), f.hostName(m.Host), m.Score),
			second:  reasonsText(m.Reasons),
			meeting: m,
		})
	}
	if len(unmet) > 0 {
		p.items = append(p.items, draftItem{first: fmt.Sprintf(lang.L("Requests not met (%d)"), len(unmet)), heading: true})
	}
	for _, r := range unmet {
		p.items = append(p.items, draftItem{first: f.seekerName(r.PersonID),
			second: fmt.Sprintf(lang.L("asked to meet %s (choice %d), not in the schedule"), f.hostName(r.Host), r.Rank)})
	}
	p.list.UnselectAll()
	p.list.Refresh()
	switch {
	case !p.s.loaded:
		p.summary.SetText(lang.L("Reading the meetings…"))
		p.hint.SetText("")
	case n == 0 && len(p.s.facts.requests) == 0:
		p.summary.SetText(lang.L("No draft, and no job seeker has asked to meet anyone yet."))
		p.hint.SetText(lang.L("File → Import meeting requests… reads a registration form's answers; a person's page or fairctl meetings request adds one."))
	case n == 0:
		p.summary.SetText(fmt.Sprintf(lang.L("No draft; %d requests not met yet."), len(unmet)))
		p.hint.SetText(lang.L("Auto-schedule (draft) proposes meetings for them."))
	default:
		p.summary.SetText(fmt.Sprintf(lang.L("Draft: %d meetings, total score %d; %d requests not met."), n, total, len(unmet)))
		hint := lang.L("Click a meeting to adjust it in the timetable, then Publish.")
		if p.plan != nil && p.plan.Optimal {
			hint = lang.L("The best schedule possible (proved).") + " " + hint
		}
		p.hint.SetText(hint)
	}
	if n > 0 && !p.running {
		p.publish.Enable()
	} else {
		p.publish.Disable()
	}
}

// onSelected shows a proposal in the timetable, to move or decline it.
func (p *draftPanel) onSelected(id widget.ListItemID) {
	p.list.UnselectAll()
	if id < 0 || id >= len(p.items) || p.items[id].meeting.ID == "" {
		return
	}
	m := p.items[id].meeting
	p.s.tabs.SelectIndex(0)
	p.s.showMeeting(m)
}

// onAutoSchedule runs the planner off the UI goroutine: read the fair,
// schedule every request not met yet, keep the result as the draft.
func (p *draftPanel) onAutoSchedule() {
	if p.running {
		return
	}
	ctx, stop := context.WithCancel(p.s.ctx)
	p.stop, p.running = stop, true
	p.s.schedule.Disable()
	p.publish.Disable()
	p.s.tabs.SelectIndex(1)
	p.runningBox.Show()
	p.top.Refresh()
	steps := func(n int, text string) {
		p.s.do(func() {
			p.progress.SetValue(float64(n))
			p.step.SetText(text)
		})
	}
	requests := len(data.UnmetRequests(p.s.facts.requests, p.s.facts.meetings))
	p.progress.SetValue(0)
	p.step.SetText(lang.L("Reading the fair…"))
	go func() {
		var plan schedule.Plan
		err := func() error {
			dir, err := p.s.planner.Directory(ctx)
			if err != nil {
				return err
			}
			steps(1, fmt.Sprintf(lang.L("Scheduling %d requests…"), requests))
			prop, err := p.s.planner.Propose(ctx, dir)
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err // cancelled while it ran: the old draft stays
			}
			steps(2, lang.L("Saving the draft…"))
			plan = prop.Plan
			return p.s.planner.SaveDraft(ctx, prop)
		}()
		p.s.do(func() { p.finished(plan, err) })
	}()
}

func (p *draftPanel) finished(plan schedule.Plan, err error) {
	p.stop()
	p.running = false
	p.runningBox.Hide()
	p.top.Refresh()
	p.s.schedule.Enable()
	switch {
	case errors.Is(err, context.Canceled):
		p.s.detail.say(lang.L("The auto-schedule was cancelled; the draft is as it was."), false)
	case err != nil:
		p.summary.SetText(fmt.Sprintf(lang.L("Could not make the draft (%v). Try again."), err))
		return
	default:
		p.plan = &plan
	}
	p.s.refresh()
}

func (p *draftPanel) onCancel() {
	if p.stop != nil {
		p.stop()
	}
}

// onPublish books every meeting of the draft.
func (p *draftPanel) onPublish() {
	p.publish.Disable()
	ctx := p.s.ctx
	go func() {
		n, err := p.s.store.PublishMeetings(ctx)
		p.s.do(func() {
			if err != nil {
				p.summary.SetText(fmt.Sprintf(lang.L("Could not publish the draft (%v). Try again."), err))
				p.publish.Enable()
				return
			}
			p.plan = nil
			p.s.detail.say(fmt.Sprintf(lang.L("Published: %d meetings of the draft are booked."), n), false)
			p.s.refresh()
		})
	}()
}
