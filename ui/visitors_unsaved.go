package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
)

// The lead editor as an unsavedForm: the window asks before leaving it
// with notes, a rating, tags or a follow-up flag not yet saved. And as
// column -> shown text, so that a sync bringing another laptop's change to
// the open lead merges it as the person form does (formSyncNotes).

// leadOpen says whether the editor shows a visitor's lead.
func (s *visitorsScreen) leadOpen() bool {
	return s.lead.PersonID != "" && s.editor.Visible()
}

func (s *visitorsScreen) unsaved() bool {
	return s.leadOpen() && s.leadSync.changed()
}

func (s *visitorsScreen) saveThen(then func()) {
	s.afterLeadSave = then
	s.onSaveLead()
}

func (s *visitorsScreen) discard() { s.fillLead(s.visitor, s.lead) }

// leadValues is l as the editor shows it.
func leadValues(l data.Lead) map[string]string {
	rating, follow := "", ""
	if l.Rating != "" {
		rating = lang.L(label(ratingLabels, l.Rating))
	}
	if l.FollowUp {
		follow = checkedValue
	}
	return map[string]string{"notes": l.Notes, "rating": rating, "tags": l.Tags.String(), "follow_up": follow}
}

// leadShown is what the editor shows now.
func (s *visitorsScreen) leadShown() map[string]string {
	follow := ""
	if s.followUp.Checked {
		follow = checkedValue
	}
	return map[string]string{"notes": s.notes.Text, "rating": s.rating.Selected,
		"tags": data.NewSet(s.tags.selected()...).String(), "follow_up": follow}
}

func (s *visitorsScreen) setLeadValue(col, value string) {
	switch col {
	case "notes":
		s.notes.SetText(value)
	case "rating":
		s.rating.SetSelected(value)
	case "tags":
		tags := data.ParseSet(value)
		options := slices.Clone(leadTags)
		for _, c := range s.tags.checks {
			if !slices.Contains(options, c.Text) {
				options = append(options, c.Text)
			}
		}
		for _, t := range tags {
			if !slices.Contains(options, t) {
				options = append(options, t)
			}
		}
		if len(options) != len(s.tags.checks) {
			s.tags.setOptions(options)
		}
		s.tags.SetSelected(tags)
	case "follow_up":
		s.followUp.SetChecked(value == checkedValue)
	}
}

// onSynced reads the open lead again after a sync brought other laptops'
// changes (a colleague at the same booth on another laptop), and merges
// them into the editor.
func (s *visitorsScreen) onSynced() {
	if !s.leadOpen() || s.leadSaving {
		return
	}
	booth, person, id := s.lead.BoothID, s.lead.PersonID, s.lead.ID
	still := func() bool {
		return s.leadOpen() && !s.leadSaving && s.lead.BoothID == booth && s.lead.PersonID == person
	}
	rereadAfterSync(s.screenEnv, func(ctx context.Context) (data.Lead, error) { return s.store.Lead(ctx, booth, person) },
		func(ctx context.Context) ([]data.Change, error) { return s.store.History(ctx, "leads", id) },
		func(l data.Lead, history []data.Change, err error) {
			if err != nil || !still() {
				return // the next sync tries again
			}
			s.lead = l
			s.leadSync.merge(leadValues(l), history)
		})
}
