package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// An open form and a sync that brings another laptop's change to the same
// record: the fields the user has not touched take the new value at once,
// and a line says which laptop changed what; a field both changed shows
// both values and the user picks one. Nothing is overwritten silently.
//
// A form describes its record as column -> the text it shows; mergeRemote
// compares three such maps: as the form loaded it, as the form shows it
// now, and as the store now holds it.

// remoteMerge is what a change from another laptop means for an open form.
type remoteMerge struct {
	taken   []string // columns the user had not touched: they take the stored value
	clashes []string // columns both changed, to different values: the user chooses
}

func mergeRemote(loaded, shown, stored map[string]string) remoteMerge {
	var m remoteMerge
	for _, col := range slices.Sorted(maps.Keys(stored)) {
		now := stored[col]
		switch {
		case now == loaded[col], now == shown[col]:
			// not changed elsewhere, or changed the same way here
		case shown[col] == loaded[col]:
			m.taken = append(m.taken, col)
		default:
			m.clashes = append(m.clashes, col)
		}
	}
	return m
}

// changedBy names, for each column, the laptop whose value replaced the
// one before: the newest entry of the record's history for that column.
func changedBy(history []data.Change) map[string]string {
	by := map[string]string{}
	for _, c := range history { // newest first
		if _, seen := by[c.Field]; !seen {
			name := c.ByLaptop
			if name == "" {
				name = lang.L("another laptop")
			}
			by[c.Field] = name
		}
	}
	return by
}

// formSyncNotes shows, inside a form, what other laptops changed while it
// was open: a summary line at the top, and under a field both changed the
// other laptop's value with a choice.
type formSyncNotes struct {
	summary *widget.Label
	slots   map[string]*fyne.Container // column -> where its choice shows
	choices map[string]*syncChoice     // the undecided ones
	set     func(col, value string)    // puts a value into the form's field
}

// syncChoice is the choice under one field both laptops changed.
type syncChoice struct {
	text         *widget.Label
	theirs, mine *widget.Button
}

func newFormSyncNotes(set func(col, value string)) *formSyncNotes {
	n := &formSyncNotes{set: set, slots: map[string]*fyne.Container{}, choices: map[string]*syncChoice{},
		summary: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}}
	n.summary.Hide()
	return n
}

// slot is the place under the field of col where its choice shows.
func (n *formSyncNotes) slot(col string) fyne.CanvasObject {
	c := container.NewVBox()
	c.Hide()
	n.slots[col] = c
	return c
}

func (n *formSyncNotes) clear() {
	n.summary.SetText("")
	n.summary.Hide()
	for col := range n.choices {
		n.drop(col)
	}
}

// undecided says whether a field both changed still waits for a choice.
func (n *formSyncNotes) undecided() bool { return len(n.choices) > 0 }

func (n *formSyncNotes) drop(col string) {
	delete(n.choices, col)
	if slot := n.slots[col]; slot != nil {
		slot.Objects = nil
		slot.Hide()
	}
}

// show applies m to the form: the taken columns get their stored value,
// the clashes a choice. labels names the columns, by the laptops.
func (n *formSyncNotes) show(m remoteMerge, stored, shown, labels, by map[string]string) {
	if len(m.taken) == 0 && len(m.clashes) == 0 {
		return
	}
	perLaptop := map[string][]string{}
	for _, col := range m.taken {
		n.set(col, stored[col])
		n.drop(col)
		perLaptop[by[col]] = append(perLaptop[by[col]], fmt.Sprintf(lang.L("%s to “%s”"), labels[col], shortValue(stored[col])))
	}
	for _, col := range m.clashes {
		n.offer(col, by[col], stored[col], shown[col])
		perLaptop[by[col]] = append(perLaptop[by[col]], fmt.Sprintf(lang.L("%s (you changed it too: choose below it)"), labels[col]))
	}
	var lines []string
	if n.summary.Text != "" {
		lines = append(lines, n.summary.Text)
	}
	for _, laptop := range slices.Sorted(maps.Keys(perLaptop)) {
		lines = append(lines, fmt.Sprintf(lang.L("%s changed %s."), laptop, strings.Join(perLaptop[laptop], ", ")))
	}
	n.summary.SetText(strings.Join(lines, "\n"))
	n.summary.Show()
}

// offer shows, under col's field, the other laptop's value and the two
// choices.
func (n *formSyncNotes) offer(col, laptop, theirs, mine string) {
	n.drop(col)
	c := &syncChoice{text: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord,
		Text: fmt.Sprintf(lang.L("%s saved “%s”; you typed “%s”."), laptop, shortValue(theirs), shortValue(mine))}}
	c.theirs = &widget.Button{Text: fmt.Sprintf(lang.L("Use %s's"), laptop), OnTapped: func() {
		n.set(col, theirs)
		n.drop(col)
	}}
	c.mine = &widget.Button{Text: lang.L("Keep mine"), OnTapped: func() {
		n.set(col, mine)
		n.drop(col)
	}}
	n.choices[col] = c
	if slot := n.slots[col]; slot != nil {
		slot.Objects = []fyne.CanvasObject{c.text, container.NewHBox(c.theirs, c.mine)}
		slot.Show()
		slot.Refresh()
	}
}

// shortValue is a value as a message quotes it: one line, not too long.
func shortValue(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if v == "" {
		return lang.L("(empty)")
	}
	if r := []rune(v); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return v
}
