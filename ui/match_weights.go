package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// sectionMatching is the Settings section of the match score's weights.
const sectionMatching = "matching"

// weightsKeeper reads and saves this laptop's match weights, which the
// auto-schedule, booking by hand and fairctl matches all read.
type weightsKeeper interface {
	Weights(ctx context.Context) (match.Weights, error)
	SaveWeights(ctx context.Context, w match.Weights) error
}

// matchWeights is the Settings section where organisers say how much each
// reason counts in a match's score.
type matchWeights struct {
	screenEnv
	keeper weightsKeeper

	entries  []*widget.Entry // in the order of weightFields
	save     *widget.Button
	defaults *widget.Button
	status   *widget.Label
	content  fyne.CanvasObject
}

// weightField is one weight: its label, what it means, and where it is
// in match.Weights.
type weightField struct {
	label, hint string
	at          func(w *match.Weights) *int
}

var weightFields = []weightField{
	{"Shared industry", "Points for each industry both name", func(w *match.Weights) *int { return &w.SharedIndustry }},
	{"Shared interest", "Points for each other interest both name", func(w *match.Weights) *int { return &w.SharedInterest }},
	{"Sector asked for", "The host's sector is one the job seeker named", func(w *match.Weights) *int { return &w.Sector }},
	{"Kind asked for", "The host is the kind the job seeker asked for: public sector, start-ups…", func(w *match.Weights) *int { return &w.Kind }},
	{"Japanese-language work", "The job seeker looks for work in Japanese and the host offers it", func(w *match.Weights) *int { return &w.JapaneseWork }},
	{"Year returned", "Both returned from the programme within the years below", func(w *match.Weights) *int { return &w.YearReturned }},
	{"Years apart", "How many years apart still count as the same time", func(w *match.Weights) *int { return &w.YearWindow }},
	{"First choice", "A first choice adds this, each later choice one less", func(w *match.Weights) *int { return &w.FirstChoice }},
	{"Host wants to meet", "The host marked the job seeker “want to meet”", func(w *match.Weights) *int { return &w.Wanted }},
}

func newMatchWeights(env screenEnv, keeper weightsKeeper) *matchWeights {
	m := &matchWeights{screenEnv: env, keeper: keeper}
	// One row a weight: a narrow entry, then its name over what it means,
	// wrapped (a form's label column and unwrapped hints made Settings
	// wider than an 800x600 screen).
	rows := container.NewVBox()
	for _, f := range weightFields {
		e := &widget.Entry{}
		e.ExtendBaseWidget(e)
		m.entries = append(m.entries, e)
		about := container.New(tightVBox(), &widget.Label{Text: lang.L(f.label), TextStyle: fyne.TextStyle{Bold: true}},
			&widget.Label{Text: lang.L(f.hint), Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText})
		rows.Add(container.NewBorder(nil, nil, container.NewVBox(paintableWide(e, 80)), nil, about))
	}
	m.save = &widget.Button{Text: lang.L("Save the weights"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: m.onSave}
	m.defaults = &widget.Button{Text: lang.L("Use the defaults"), Icon: theme.MediaReplayIcon(), OnTapped: func() { m.fill(match.DefaultWeights()) }}
	m.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("How many points each reason adds to a match's score. " +
		"The auto-schedule, booking by hand and fairctl matches use them; each laptop keeps its own.")}
	m.content = container.NewVBox(intro, rows, container.NewHBox(m.save, m.defaults), m.status)
	return m
}

func (m *matchWeights) refresh() {
	ctx := m.ctx
	go func() {
		w, err := m.keeper.Weights(ctx)
		m.do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			m.fill(w)
			if err != nil {
				m.say(fmt.Sprintf(lang.L("Could not read the saved weights (%v); these are the defaults."), err), true)
			}
		})
	}()
}

func (m *matchWeights) fill(w match.Weights) {
	for i, f := range weightFields {
		m.entries[i].SetText(strconv.Itoa(*f.at(&w)))
		m.entries[i].SetValidationError(nil)
	}
	m.status.SetText("")
}

// read reads the entries; a weight that is no whole number of 0 or more
// is named, and nothing is read.
func (m *matchWeights) read() (match.Weights, error) {
	var w match.Weights
	for i, f := range weightFields {
		n, err := strconv.Atoi(strings.TrimSpace(m.entries[i].Text))
		if err != nil || n < 0 {
			return w, fmt.Errorf(lang.L("%s: %q is not a whole number of 0 or more"), lang.L(f.label), m.entries[i].Text)
		}
		*f.at(&w) = n
	}
	return w, nil
}

func (m *matchWeights) onSave() {
	w, err := m.read()
	if err != nil {
		m.say(sentence(err.Error())+" "+lang.L("Nothing was saved."), true)
		return
	}
	ctx := m.ctx
	m.save.Disable()
	go func() {
		err := m.keeper.SaveWeights(ctx, w)
		m.do(func() {
			m.save.Enable()
			if errors.Is(err, matchmaking.ErrNegativeWeight) {
				m.say(lang.L("A weight cannot be negative. Nothing was saved."), true)
				return
			}
			if err != nil {
				m.say(fmt.Sprintf(lang.L("Could not save the weights (%v). Try again."), err), true)
				return
			}
			m.say(lang.L("Saved: the next auto-schedule uses these weights."), false)
		})
	}()
}

func (m *matchWeights) say(text string, problem bool) {
	m.status.Importance = widget.SuccessImportance
	if problem {
		m.status.Importance = widget.DangerImportance
	}
	m.status.SetText(text)
}

// Weights and SaveWeights keep the weights in the store.
func (p storePlanner) Weights(ctx context.Context) (match.Weights, error) {
	return matchmaking.Weights(ctx, p.st)
}

func (p storePlanner) SaveWeights(ctx context.Context, w match.Weights) error {
	return matchmaking.SaveWeights(ctx, p.st, w)
}
