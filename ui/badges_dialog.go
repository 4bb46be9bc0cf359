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

// onPrintBadges asks for the paper and whom to print, then where to save
// the PDF: everyone, or the people the People search shows now.
func (w *mainWindow) onPrintBadges() {
	filter := data.PeopleFilter{}
	if w.people != nil {
		filter = w.people.currentFilter()
	}
	everyone := lang.L("Everyone")
	selection := ""
	options := []string{everyone}
	if filter != (data.PeopleFilter{}) {
		selection = fmt.Sprintf(lang.L("The people the People search shows now (%s)"), filterText(filter))
		options = append(options, selection)
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
	b.who.SetSelected(everyone)
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
			if b.who.Selected == selection && selection != "" {
				f = filter
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
}

func writeBadges(ctx context.Context, st badgesStore, out io.Writer, paper string, filter data.PeopleFilter) (string, error) {
	const page = 1000
	var people []data.PersonRow
	for {
		rows, err := st.ListPeople(ctx, filter, len(people), page)
		if err != nil {
			return "", fmt.Errorf(lang.L("could not read the people (%v)"), err)
		}
		people = append(people, rows...)
		if len(rows) < page {
			break
		}
	}
	name := ""
	if e, err := st.Event(ctx); err == nil {
		name = e.Name
	}
	res, err := badges.Write(out, people, badges.Options{Paper: paper, EventName: name})
	if err != nil {
		return "", err
	}
	done := fmt.Sprintf(lang.L("%s on %s."), countOf(res.Badges, lang.L("badge"), lang.L("badges")), countOf(res.Pages, lang.L("page"), lang.L("pages")))
	if len(res.Warnings) > 0 {
		done += "\n" + strings.Join(res.Warnings, "\n")
	}
	return done, nil
}
