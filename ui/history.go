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
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// historyStore is what a record's history reads: its changes, and the
// laptops that made them.
type historyStore interface {
	History(ctx context.Context, tbl, id string) ([]data.Change, error)
	Peers(ctx context.Context) ([]data.Peer, error)
	DeviceID() string
	LaptopName() string
}

// laptopNames maps device ids to what people call the laptops, this one
// included ("this laptop").
func laptopNames(ctx context.Context, st historyStore) map[string]string {
	names := map[string]string{st.DeviceID(): fmt.Sprintf(lang.L("this laptop (%s)"), st.LaptopName())}
	peers, _ := st.Peers(ctx)
	for _, p := range peers {
		if p.Name != "" {
			names[p.Device] = p.Name
		}
	}
	return names
}

func laptopName(names map[string]string, dev string) string {
	if n, ok := names[dev]; ok {
		return n
	}
	if dev == "" {
		return lang.L("an unknown laptop")
	}
	return fmt.Sprintf(lang.L("laptop %s"), dev)
}

// fieldLabels name the columns people see in forms.
var fieldLabels = map[string]string{
	"given_name": "Given name", "family_name": "Family name", "kanji_name": "Name in kanji", "kana_name": "Kana reading",
	"email": "E-mail", "phone": "Phone", "org_id": "Organisation", "job_title": "Job title", "roles": "Roles",
	"programme_role": "Programme role", "host_prefecture": "Host prefecture", "years": "Years", "year_returned": "Year returned",
	"interests": "Interests", "industries": "Industries", "badge_code": "Badge code", "consent": "Contact details",
	"notes": "Notes", "custom": "Other columns", "deleted": "Deleted", "name": "Name", "title": "Title", "kind": "Kind",
	"starts_at": "Starts", "ends_at": "Ends", "room": "Room", "link": "Link", "capacity": "Capacity", "description": "Description",
	"code": "Booth code", "location": "Location", "sector": "Sector", "website": "Website", "venue": "Venue",
	"resolution": "Resolution", "rating": "Rating", "tags": "Tags", "follow_up": "Follow up",
}

func recordFieldLabel(col string) string {
	if l, ok := fieldLabels[col]; ok {
		return lang.L(l)
	}
	return strings.ReplaceAll(col, "_", " ")
}

// valueText shows a stored value, marking an empty one.
func valueText(col, v string) string {
	switch {
	case col == "deleted" && v != "" && v != "0":
		return lang.L("deleted")
	case col == "deleted":
		return lang.L("not deleted")
	case col == "consent" && v == "1":
		return lang.L("may share")
	case col == "consent":
		return lang.L("may not share")
	case strings.TrimSpace(v) == "":
		return lang.L("(empty)")
	}
	return "“" + v + "”"
}

// historyLines says, newest first, which field was changed on which
// laptop when, and what it held before.
func historyLines(changes []data.Change, names map[string]string, now time.Time) []string {
	lines := make([]string, 0, len(changes))
	for _, c := range changes {
		by := c.ByLaptop
		if by == "" || names[c.By] != "" {
			by = laptopName(names, c.By)
		}
		switch {
		case c.Field == "deleted" && c.Old != "" && c.Old != "0": // an undone delete
			lines = append(lines, fmt.Sprintf(lang.L("%s: %s restored it (deleted on %s, %s)"),
				syncTime(c.At, now), by, laptopName(names, c.OldDev), syncTime(c.OldAt, now)))
		case c.Field == "deleted":
			lines = append(lines, fmt.Sprintf(lang.L("%s: %s deleted it"), syncTime(c.At, now), by))
		default:
			lines = append(lines, fmt.Sprintf(lang.L("%s: %s changed %s; it was %s (set on %s, %s)"),
				syncTime(c.At, now), by, recordFieldLabel(c.Field), valueText(c.Field, c.Old), laptopName(names, c.OldDev), syncTime(c.OldAt, now)))
		}
	}
	return lines
}

// historyDialog shows who changed which field of one record, on which
// laptop and when.
type historyDialog struct {
	list    *widget.List
	note    *widget.Label
	lines   []string
	content fyne.CanvasObject
}

func newHistoryDialog() *historyDialog {
	h := &historyDialog{}
	h.note = &widget.Label{Text: lang.L("Reading the history…"), Wrapping: fyne.TextWrapWord}
	h.list = &widget.List{
		Length:     func() int { return len(h.lines) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Wrapping: fyne.TextWrapWord} },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(h.lines[id])
			h.list.SetItemHeight(id, o.MinSize().Height)
		},
	}
	h.list.ExtendBaseWidget(h.list)
	h.content = container.NewBorder(h.note, nil, nil, nil, h.list)
	return h
}

func (h *historyDialog) show(lines []string, err error) {
	switch {
	case err != nil:
		h.note.SetText(fmt.Sprintf(lang.L("Could not read the history (%v). Close this and try again."), err))
	case len(lines) == 0:
		h.note.SetText(lang.L("No field of this record has been changed since it was made."))
	default:
		h.note.SetText(fmt.Sprintf(lang.L("%s, newest first:"), countOf(len(lines), lang.L("change"), lang.L("changes"))))
	}
	h.lines = lines
	h.list.Refresh()
}

// showHistory opens the history of one record (tbl, id) titled by what
// it is, reading it in the background.
func showHistory(ctx context.Context, st historyStore, do uiDo, win fyne.Window, show func(dialog.Dialog), what, tbl, id string) *historyDialog {
	h := newHistoryDialog()
	d := dialog.NewCustom(fmt.Sprintf(lang.L("History of %s"), what), lang.L("Close"), h.content, win)
	d.Resize(fyne.NewSize(640, 420))
	show(d)
	go func() {
		changes, err := st.History(ctx, tbl, id)
		names := laptopNames(ctx, st)
		lines := historyLines(changes, names, time.Now())
		do(func() { h.show(lines, err) })
	}()
	return h
}
