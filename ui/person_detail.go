package ui

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// personDetail shows one person read-only, beside the people list. Only the
// fields that hold something are shown, so a sparse record stays short.
type personDetail struct {
	name      *widget.Label
	kanji     *widget.Label
	fields    *widget.Form
	hint      *widget.Label
	content   fyne.CanvasObject
	shownID   string
	shownRows map[string]string // field label -> text, for tests and copy later
}

func newPersonDetail() *personDetail {
	d := &personDetail{
		name:   &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameHeadingText},
		kanji:  &widget.Label{Wrapping: fyne.TextWrapWord},
		fields: &widget.Form{},
		hint:   &widget.Label{Text: "Select a person to see their details.", Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord},
	}
	d.fields.ExtendBaseWidget(d.fields)
	d.content = container.NewVScroll(container.NewVBox(d.hint, d.name, d.kanji, d.fields))
	d.clear()
	return d
}

func (d *personDetail) clear() {
	d.shownID, d.shownRows = "", nil
	d.hint.Show()
	d.name.Hide()
	d.kanji.Hide()
	d.fields.Items = nil
	d.fields.Hide()
	d.fields.Refresh()
}

func (d *personDetail) show(p data.PersonRow) {
	d.shownID = p.ID
	d.hint.Hide()
	d.name.SetText(p.DisplayName())
	d.name.Show()
	d.kanji.SetText(joinNonEmpty("  ", kanjiIfDifferent(p.Person), p.KanaName))
	if d.kanji.Text == "" {
		d.kanji.Hide()
	} else {
		d.kanji.Show()
	}

	consent := "No: exhibitors do not see their contact details"
	if p.Consent {
		consent = "Yes: exhibitors may see their contact details"
	}
	year := ""
	if p.YearReturned != 0 {
		year = strconv.Itoa(p.YearReturned)
	}
	rows := [][2]string{
		{"Organisation", joinNonEmpty(" · ", p.OrgName, label(orgKindLabels, data.OrgKind(p.OrgKind)))},
		{"Job title", p.JobTitle},
		{"Roles", rolesText(p.Roles)},
		{"E-mail", p.Email},
		{"Phone", p.Phone},
		{"Badge code", p.BadgeCode},
		{"Programme role", p.ProgrammeRole},
		{"Host prefecture", p.HostPrefecture},
		{"Years", p.Years},
		{"Year returned", year},
		{"Interests", p.Interests.String()},
		{"Industries", p.Industries.String()},
		{"Contact sharing", consent},
		{"Notes", p.Notes},
	}
	keys := make([]string, 0, len(p.Custom))
	for k := range p.Custom {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		rows = append(rows, [2]string{k, p.Custom[k]})
	}

	d.shownRows = map[string]string{}
	d.fields.Items = nil
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		d.shownRows[r[0]] = r[1]
		d.fields.Items = append(d.fields.Items, &widget.FormItem{Text: r[0],
			Widget: &widget.Label{Text: r[1], Wrapping: fyne.TextWrapWord, Selectable: true}})
	}
	d.fields.Show()
	d.fields.Refresh()
}

// kanjiIfDifferent is the kanji name unless it is already the heading
// (people registered with a kanji name only).
func kanjiIfDifferent(p data.Person) string {
	if p.DisplayName() == p.KanjiName {
		return ""
	}
	return p.KanjiName
}
