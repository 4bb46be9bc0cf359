package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/badges"
)

// badgePaper is what the paper choice offers, as badges.Options names it.
var badgePaper = []struct{ label, paper string }{{"A4", "A4"}, {"US Letter", "Letter"}}

// badgesDialog chooses the paper and whom to print for.
type badgesDialog struct {
	paper *widget.RadioGroup
	who   *widget.RadioGroup
	dlg   dialog.Dialog
}

// badgeChoice is one answer to "badges for": what it says and whom it prints.
type badgeChoice struct {
	label  string
	filter data.PeopleFilter
}

// badgeChoices are whom the dialog offers to print for: the person just
// shown at the check-in desk (a walk-in just registered, say), the person
// open in the People form, the people the People search shows, everyone.
// The first is chosen.
func (w *mainWindow) badgeChoices() []badgeChoice {
	var choices []badgeChoice
	if w.desk != nil && w.desk.checkIn.person.ID != "" {
		p := w.desk.checkIn.person
		choices = append(choices, badgeChoice{fmt.Sprintf(lang.L("%s, just at the check-in desk"), displayHeading(p.Person)), data.PeopleFilter{ID: p.ID}})
	}
	if w.people != nil {
		if f := w.people.form; f.open && f.person.ID != "" && (len(choices) == 0 || choices[0].filter.ID != f.person.ID) {
			choices = append(choices, badgeChoice{fmt.Sprintf(lang.L("%s, open in People"), displayHeading(f.person.Person)), data.PeopleFilter{ID: f.person.ID}})
		}
		if filter := w.people.currentFilter(); filterText(filter) != "" {
			choices = append(choices, badgeChoice{fmt.Sprintf(lang.L("The people the People search shows now (%s)"), filterText(filter)), filter})
		}
	}
	return append(choices, badgeChoice{lang.L("Everyone"), data.PeopleFilter{}})
}

// onPrintBadges asks for the paper and whom to print, then where to save
// the PDF.
func (w *mainWindow) onPrintBadges() {
	choices := w.badgeChoices()
	var options []string
	for _, c := range choices {
		options = append(options, c.label)
	}
	b := &badgesDialog{}
	var papers []string
	for _, p := range badgePaper {
		papers = append(papers, p.label)
	}
	b.paper = widget.NewRadioGroup(papers, nil)
	b.paper.Horizontal, b.paper.Required = true, true
	b.paper.SetSelected(papers[0])
	b.who = widget.NewRadioGroup(options, nil)
	b.who.Required = true
	b.who.SetSelected(options[0])
	form := widget.NewForm(widget.NewFormItem(lang.L("Paper"), b.paper), widget.NewFormItem(lang.L("Badges for"), b.who))
	note := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Eight badges a page, with the name in Latin and Japanese script, " +
		"organisation, role and a QR code of the badge code.")}
	b.dlg = dialog.NewCustomConfirm(lang.L("Print badges"), lang.L("Choose where to save…"), lang.L("Cancel"),
		atLeastWide(container.NewVBox(note, form), 440), func(ok bool) {
			if !ok {
				return
			}
			paper := badgePaper[0].paper
			for _, p := range badgePaper {
				if p.label == b.paper.Selected {
					paper = p.paper
				}
			}
			f := data.PeopleFilter{}
			for _, c := range choices {
				if c.label == b.who.Selected {
					f = c.filter
				}
			}
			w.saveBadges(paper, f)
		}, w.win)
	w.dialogs.show(b.dlg)
}

// filterText says what a people filter asks for, briefly.
func filterText(f data.PeopleFilter) string {
	var parts []string
	if f.Query != "" {
		parts = append(parts, "“"+f.Query+"”")
	}
	if f.Role != "" {
		parts = append(parts, lang.L(label(roleLabels, f.Role)))
	}
	if f.OrgKind != "" {
		parts = append(parts, lang.L(label(orgKindLabels, f.OrgKind)))
	}
	return strings.Join(parts, ", ")
}

func (w *mainWindow) saveBadges(paper string, filter data.PeopleFilter) {
	st := w.store
	w.saveAs("badges.pdf", ".pdf", func(ctx context.Context, out io.Writer) (string, error) {
		return writeBadges(ctx, st, out, paper, filter)
	})
}

// writeBadges prints a badge for everyone filter lets through.
// badgesStore is what printing badges reads.
type badgesStore interface {
	Event(ctx context.Context) (data.Event, error)
	ListPeople(ctx context.Context, f data.PeopleFilter, offset, limit int) ([]data.PersonRow, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
}

func writeBadges(ctx context.Context, st badgesStore, out io.Writer, paper string, filter data.PeopleFilter) (string, error) {
	people, err := allPeople(ctx, st, filter)
	if err != nil {
		return "", err
	}
	name := ""
	if e, err := st.Event(ctx); err == nil {
		name = e.Name
	}
	booths, err := st.Booths(ctx)
	if err != nil {
		return "", err
	}
	res, err := badges.Write(out, people, badges.Options{Paper: paper, EventName: name, Links: badges.StaffLinks(booths)})
	if err != nil {
		return "", err
	}
	done := fmt.Sprintf(lang.L("%s on %s."), countOf(res.Badges, lang.L("badge"), lang.L("badges")), countOf(res.Pages, lang.L("page"), lang.L("pages")))
	if len(res.Warnings) > 0 {
		done += "\n" + strings.Join(res.Warnings, "\n")
	}
	return done, nil
}
