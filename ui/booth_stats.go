package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// boothStatsScreen is the organisers' table of booths: visits, unique
// visitors and visits per hour. A column's heading sorts by it (again:
// the other way round).
type boothStatsScreen struct {
	boothStatsDeps

	summary *widget.Label
	table   *widget.Table
	export  *widget.Button
	content fyne.CanvasObject

	rows    []data.BoothSummary
	loc     *time.Location
	sortBy  int
	reverse bool // ascending, for numbers; descending, for text
}

// The table's columns.
const (
	boothColCode = iota
	boothColName
	boothColVisits
	boothColVisitors
	boothColHours
	boothColumns
)

var boothColTitles = [boothColumns]string{"Booth", "Name", "Visits", "Visitors", "Visits per hour"}
var boothColWidths = [boothColumns]float32{70, 240, 80, 90, 360}

// boothStatsStore is what the table of booth visits reads.
type boothStatsStore interface {
	Event(ctx context.Context) (data.Event, error)
	AllBoothStats(ctx context.Context, loc *time.Location) ([]data.BoothSummary, error)
}

type boothStatsDeps struct {
	screenEnv
	store    boothStatsStore
	onExport func() // saves the table as CSV
}

func newBoothStatsScreen(d boothStatsDeps) *boothStatsScreen {
	s := &boothStatsScreen{boothStatsDeps: d, sortBy: boothColVisits, loc: time.UTC}
	s.buildUI()
	return s
}

func (s *boothStatsScreen) buildUI() {
	s.summary = &widget.Label{Text: lang.L("Reading the visits…"), Truncation: fyne.TextTruncateEllipsis}
	s.export = &widget.Button{Text: lang.L("Export (CSV)…"), Icon: theme.DownloadIcon(), OnTapped: func() {
		if s.onExport != nil {
			s.onExport()
		}
	}}
	s.table = &widget.Table{
		Length:        func() (int, int) { return len(s.rows), boothColumns },
		CreateCell:    func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateCell:    s.updateCell,
		ShowHeaderRow: true,
		CreateHeader: func() fyne.CanvasObject {
			return &widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading}
		},
		UpdateHeader: s.updateHeader,
	}
	s.table.ExtendBaseWidget(s.table)
	for i, w := range boothColWidths {
		s.table.SetColumnWidth(i, w)
	}
	s.content = readingBorder(container.NewBorder(nil, nil, nil, s.export, s.summary), nil, nil, nil, s.table)
}

func (s *boothStatsScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := id.Col
	b.SetText(lang.L(boothColTitles[col]))
	b.SetIcon(nil)
	if col == s.sortBy {
		if s.reverse {
			b.SetIcon(theme.MoveUpIcon())
		} else {
			b.SetIcon(theme.MoveDownIcon())
		}
	}
	b.OnTapped = func() { s.onSort(col) }
}

// onSort sorts by col; the same column again reverses the order.
func (s *boothStatsScreen) onSort(col int) {
	if col == boothColHours {
		col = boothColVisits
	}
	if s.sortBy == col {
		s.reverse = !s.reverse
	} else {
		s.sortBy, s.reverse = col, false
	}
	s.sortRows()
	s.table.Refresh()
}

func (s *boothStatsScreen) sortRows() {
	slices.SortStableFunc(s.rows, func(a, b data.BoothSummary) int {
		var c int
		switch s.sortBy {
		case boothColCode:
			c = strings.Compare(a.Code, b.Code)
		case boothColName:
			c = strings.Compare(strings.ToLower(boothName(a)), strings.ToLower(boothName(b)))
		case boothColVisitors:
			c = cmp.Compare(b.Visitors, a.Visitors) // most first
		default:
			c = cmp.Compare(b.Visits, a.Visits)
		}
		if c == 0 {
			c = strings.Compare(a.Code, b.Code)
		}
		if s.reverse {
			return -c
		}
		return c
	})
}

func boothName(b data.BoothSummary) string {
	if b.OrgName != "" && b.OrgName != b.Name {
		return joinNonEmpty(" · ", b.Name, b.OrgName)
	}
	return b.Name
}

func (s *boothStatsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.rows) {
		l.SetText("")
		return
	}
	b := s.rows[id.Row]
	l.TextStyle = fyne.TextStyle{Bold: id.Col == boothColCode}
	switch id.Col {
	case boothColCode:
		l.SetText(b.Code)
	case boothColName:
		l.SetText(boothName(b))
	case boothColVisits:
		l.SetText(groupThousands(b.Visits))
	case boothColVisitors:
		l.SetText(groupThousands(b.Visitors))
	case boothColHours:
		l.SetText(hoursText(b.PerHour, s.loc))
	}
}

// hoursText is "11:00 3 · 12:00 5", the hours with visits.
func hoursText(hours []data.HourCount, loc *time.Location) string {
	var parts []string
	for _, h := range hours {
		if h.Visits > 0 {
			parts = append(parts, h.Start.In(loc).Format("15:04")+" "+strconv.Itoa(h.Visits))
		}
	}
	return strings.Join(parts, " · ")
}

func (s *boothStatsScreen) refresh() {
	ctx, st := s.ctx, s.store
	go func() {
		loc := time.UTC
		if e, err := st.Event(ctx); err == nil {
			loc = e.Location()
		}
		rows, err := st.AllBoothStats(ctx, loc)
		s.do(func() {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					s.summary.SetText(fmt.Sprintf(lang.L("Could not read the visits (%v). Try again."), err))
				}
				return
			}
			s.rows, s.loc = rows, loc
			s.sortRows()
			visits := 0
			for _, r := range rows {
				visits += r.Visits
			}
			s.summary.SetText(fmt.Sprintf(lang.L("%s at %s. Click a heading to sort."),
				countOf(visits, lang.L("visit"), lang.L("visits")), countOf(len(rows), lang.L("booth"), lang.L("booths"))))
			s.table.Refresh()
		})
	}()
}
