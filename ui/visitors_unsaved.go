package ui

// The lead editor as an unsavedForm: the window asks before leaving it
// with notes, a rating, tags or a follow-up flag not yet saved.

// leadOpen says whether the editor shows a visitor's lead.
func (s *visitorsScreen) leadOpen() bool {
	return s.lead.PersonID != "" && s.editor.Visible()
}

func (s *visitorsScreen) unsaved() bool {
	if !s.leadOpen() {
		return false
	}
	now := s.readLead()
	return now.Notes != s.lead.Notes || now.Rating != s.lead.Rating || now.FollowUp != s.lead.FollowUp ||
		now.Tags.String() != s.lead.Tags.String()
}

func (s *visitorsScreen) saveThen(then func()) {
	s.afterLeadSave = then
	s.onSaveLead()
}

func (s *visitorsScreen) discard() { s.fillLead(s.visitor, s.lead) }
