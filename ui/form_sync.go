package ui

import (
	"context"
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

// formSyncNotes is an open form's side of a sync: the record as the form
// loaded it, how to read the form now and put a value into it, and what
// it shows of other laptops' changes: a summary line at the top, and
// under a field both changed the other laptop's value with a choice.
// The person, session, booth and lead forms each keep one.
type formSyncNotes struct {
	summary *widget.Label
	slots   map[string]*fyne.Container // column -> where its choice shows
	choices map[string]*syncChoice     // the undecided ones
	set     func(col, value string)    // puts a value into the form's field
	shown   func() map[string]string   // the form's fields now, column -> text

	loaded map[string]string // column -> the value as loaded, to tell what the user changed
	labels map[string]string // column -> the field's label, as messages name it
	// historyOf names the stored column whose history says who changed a
	// form column, where they differ (a session's date is in starts_at).
	historyOf map[string]string
	// describe, when set, turns a column's value into what a message
	// quotes (a list of ids into names).
	describe func(col, value string) string
}

// syncChoice is the choice under one field both laptops changed.
type syncChoice struct {
	text         *widget.Label
	theirs, mine *widget.Button
}

func newFormSyncNotes(set func(col, value string), shown func() map[string]string) *formSyncNotes {
	n := &formSyncNotes{set: set, shown: shown, slots: map[string]*fyne.Container{}, choices: map[string]*syncChoice{},
		labels: map[string]string{}, historyOf: map[string]string{},
		summary: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}}
	n.summary.Hide()
	return n
}

// field is w, a form's field for col labelled label, with the place under
// it where a choice shows.
func (n *formSyncNotes) field(col, label string, w ...fyne.CanvasObject) fyne.CanvasObject {
	n.labels[col] = label
	return container.New(tightVBox(), append(w, n.slot(col))...)
}

// formItem is a form's row for col: its label, and w with the place
// under it where a choice shows.
func (n *formSyncNotes) formItem(col, label string, w fyne.CanvasObject) *widget.FormItem {
	return &widget.FormItem{Text: label, Widget: n.field(col, label, w)}
}

// load is called as the form shows a record (opened, saved, reverted):
// values are what it shows, and no note from before stays.
func (n *formSyncNotes) load(values map[string]string) {
	n.clear()
	n.loaded = values
	for col, v := range values {
		n.set(col, v)
	}
}

// changed says whether the form shows anything not stored: a field typed
// in, or a choice still to make.
func (n *formSyncNotes) changed() bool {
	return n.undecided() || !maps.Equal(n.shown(), n.loaded)
}

// merge brings stored, the record as the store holds it after a sync, into
// the form: what the user did not touch takes the stored value, what both
// changed waits for a choice. history (newest first) names the laptops.
func (n *formSyncNotes) merge(stored map[string]string, history []data.Change) {
	shown := n.shown()
	m := mergeRemote(n.loaded, shown, stored)
	n.loaded = stored
	by := changedBy(history)
	for col, from := range n.historyOf {
		if name, ok := by[from]; ok {
			by[col] = name
		}
	}
	n.show(m, stored, shown, by)
}

// rereadAfterSync reads an open form's record again off the UI goroutine
// after a sync brought other laptops' changes, with its history, and hands
// both to apply on the UI goroutine.
func rereadAfterSync[R any](env screenEnv, read func(ctx context.Context) (R, error),
	history func(ctx context.Context) ([]data.Change, error), apply func(R, []data.Change, error)) {
	ctx := env.ctx
	go func() {
		r, err := read(ctx)
		var changes []data.Change
		if err == nil {
			changes, _ = history(ctx) // without it the laptop is "another laptop"
		}
		env.do(func() { apply(r, changes, err) })
	}()
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
// the clashes a choice. by names the laptops, by column.
func (n *formSyncNotes) show(m remoteMerge, stored, shown, by map[string]string) {
	if len(m.taken) == 0 && len(m.clashes) == 0 {
		return
	}
	perLaptop := map[string][]string{}
	for _, col := range m.taken {
		if by[col] == "" {
			by[col] = lang.L("another laptop")
		}
		n.set(col, stored[col])
		n.drop(col)
		perLaptop[by[col]] = append(perLaptop[by[col]], fmt.Sprintf(lang.L("%s to “%s”"), n.labels[col], n.quote(col, stored[col])))
	}
	for _, col := range m.clashes {
		if by[col] == "" {
			by[col] = lang.L("another laptop")
		}
		n.offer(col, by[col], stored[col], shown[col])
		perLaptop[by[col]] = append(perLaptop[by[col]], fmt.Sprintf(lang.L("%s (you changed it too: choose below it)"), n.labels[col]))
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
		Text: fmt.Sprintf(lang.L("%s saved “%s”; you typed “%s”."), laptop, n.quote(col, theirs), n.quote(col, mine))}}
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

// knownPeople are the people a form's picker (speakers, staff) has seen,
// by id, so that a list of ids another laptop saved can be put back into
// the picker and quoted by name.
type knownPeople map[string]data.Person

func (k knownPeople) add(people ...data.Person) {
	for _, p := range people {
		k[p.ID] = p
	}
}

// people are those of ids (as idList writes them) that are known.
func (k knownPeople) people(ids string) []data.Person {
	var list []data.Person
	for _, id := range strings.Split(ids, ";") {
		if p, ok := k[id]; ok {
			list = append(list, p)
		}
	}
	return list
}

// names are the people of ids as a message names them.
func (k knownPeople) names(ids string) string {
	var names []string
	for _, p := range k.people(ids) {
		names = append(names, personHeading(p))
	}
	return strings.Join(names, ", ")
}

// idList is a set of ids in one text, in an order that does not depend
// on the order they were picked in.
func idList(ids []string) string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return strings.Join(ids, ";")
}

// quote is col's value v as a message quotes it.
func (n *formSyncNotes) quote(col, v string) string {
	if n.describe != nil {
		v = n.describe(col, v)
	}
	return shortValue(v)
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
