package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
)

// The session form as column -> shown text, so that a sync bringing
// another laptop's change to the open session merges it as the person
// form does (formSyncNotes).

// sessionValues is sess as the form shows it; the speakers are their ids.
func (f *sessionForm) sessionValues(sess data.SessionRow) map[string]string {
	loc := f.screen.location
	date, start, end := "", "", ""
	if !sess.Starts.IsZero() {
		date, start = sess.Starts.In(loc).Format("2006-01-02"), sess.Starts.In(loc).Format("15:04")
	}
	if !sess.Ends.IsZero() {
		end = sess.Ends.In(loc).Format("15:04")
	}
	var speakers []string
	for _, p := range sess.Speakers {
		speakers = append(speakers, p.ID)
	}
	f.known.add(sess.Speakers...)
	return map[string]string{
		"title": sess.Title, "kind": lang.L(label(sessionKindLabels, sess.Kind)),
		"date": date, "starts_at": start, "ends_at": end, "room": sess.Room, "link": sess.Link,
		"capacity": capacityText(sess.Capacity), "description": sess.Description,
		"recording_link": sess.RecordingLink, "speakers": idList(speakers),
	}
}

// values is what the form shows now.
func (f *sessionForm) values() map[string]string {
	return map[string]string{
		"title": f.title.Text, "kind": f.kind.Selected, "date": f.date.Text, "starts_at": f.starts.Text,
		"ends_at": f.ends.Text, "room": f.room.Text, "link": f.link.Text, "capacity": f.capacity.Text,
		"description": f.description.Text, "recording_link": f.recording.Text, "speakers": idList(f.speakers.ids()),
	}
}

// setValue puts value, as sessionValues writes it, into col's field.
func (f *sessionForm) setValue(col, value string) {
	entries := map[string]interface{ SetText(string) }{
		"title": f.title, "date": f.date, "starts_at": f.starts, "ends_at": f.ends, "room": f.room,
		"link": f.link, "capacity": f.capacity, "description": f.description, "recording_link": f.recording,
	}
	switch col {
	case "kind":
		f.kind.SetSelected(value)
	case "speakers":
		f.speakers.setPicked(f.known.people(value))
	default:
		if e, ok := entries[col]; ok {
			e.SetText(value)
		}
	}
}

// describe quotes the speakers by name rather than by id.
func (f *sessionForm) describe(col, value string) string {
	if col == "speakers" {
		return f.known.names(value)
	}
	return value
}

// onSynced reads the open session again after a sync brought other
// laptops' changes, and merges them into the form.
func (f *sessionForm) onSynced() {
	id := f.editing.ID
	if id == "" || !f.dlg.isOpen() || f.saving {
		return
	}
	s := f.screen
	rereadAfterSync(s.screenEnv, func(ctx context.Context) (data.SessionRow, error) {
		all, err := s.store.Sessions(ctx)
		if i := slices.IndexFunc(all, func(r data.SessionRow) bool { return r.ID == id }); err == nil && i >= 0 {
			return all[i], nil
		} else if err != nil {
			return data.SessionRow{}, err
		}
		return data.SessionRow{}, data.ErrNotFound
	}, func(ctx context.Context) ([]data.Change, error) { return s.store.History(ctx, "sessions", id) },
		func(sess data.SessionRow, history []data.Change, err error) {
			if !f.dlg.isOpen() || f.editing.ID != id || f.saving {
				return
			}
			if err != nil {
				if err == data.ErrNotFound {
					f.dlg.refuse(lang.L("Another laptop deleted this session. Saving adds it back."))
				}
				return // otherwise the next sync tries again
			}
			f.editing = sess
			f.sync.merge(f.sessionValues(sess), history)
		})
}
