package data

// SaveImportedMeeting puts a meeting read from a file into the batch: into
// the host's slot at its time, made when there is none (a file exported
// from another event), and onto the same host, seeker and slot's meeting
// when there is one, so that importing a file again changes nothing. It
// reports whether the meeting was added.
func (b *ImportTx) SaveImportedMeeting(m *Meeting) (added bool, err error) {
	w := b.w
	var slots []slotRecord
	if err := w.tx.Select(&slots, "SELECT "+meetingSlotsTable.selectList()+", "+isDeleted+
		" FROM meeting_slots WHERE booth_id = ? AND host_id = ? AND starts_at = ? AND ends_at = ? AND deleted = 0 ORDER BY id LIMIT 1",
		m.BoothID, m.HostID, timeText(m.Starts), timeText(m.Ends)); err != nil {
		return false, err
	}
	if len(slots) == 0 {
		slot := MeetingSlot{Host: m.Host, Starts: m.Starts, Ends: m.Ends, Place: m.Place, Link: m.Link}
		if err := w.saveSlot(&slot); err != nil {
			return false, err
		}
		m.SlotID = slot.ID
	} else {
		m.SlotID = slots[0].ID
	}
	var ids []string
	if err := w.tx.Select(&ids, "SELECT id FROM meetings WHERE slot_id = ? AND person_id = ? AND deleted = 0 ORDER BY id LIMIT 1", m.SlotID, m.PersonID); err != nil {
		return false, err
	}
	if len(ids) > 0 {
		m.ID = ids[0]
	}
	if bad := checkPair(m.Host, m.PersonID); bad != nil {
		return false, bad
	}
	if _, ok := ParseMeetingState(string(m.State)); !ok {
		return false, FieldErrors{"state": problem(ProblemMeetingStateUnknown, string(m.State))}
	}
	return len(ids) == 0, w.saveMeeting(m)
}
