package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticeShowsFor is how long a notice (and its Undo) stays.
const noticeShowsFor = 10 * time.Second

// noticeBar is a strip at the bottom of a screen that tells what just
// happened, with one action such as Undo, and goes away by itself.
type noticeBar struct {
	widget.BaseWidget
	do      uiDo
	text    *widget.Label
	action  *widget.Button
	close   *widget.Button
	shownAt int                              // bumped by each notice, so an old timer hides nothing newer
	after   func(d time.Duration, fn func()) // time.AfterFunc; tests replace it
}

func newNoticeBar(do uiDo) *noticeBar {
	n := &noticeBar{do: do, after: func(d time.Duration, fn func()) { time.AfterFunc(d, fn) }}
	n.text = &widget.Label{Wrapping: fyne.TextWrapWord}
	n.action = &widget.Button{Importance: widget.HighImportance}
	n.close = &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: n.hide}
	n.ExtendBaseWidget(n)
	n.Hide()
	return n
}

func (n *noticeBar) CreateRenderer() fyne.WidgetRenderer {
	background := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	background.CornerRadius = theme.InputRadiusSize()
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), container.NewHBox(n.action, n.close), n.text)
	return widget.NewSimpleRenderer(container.NewPadded(container.NewStack(background, container.NewPadded(row))))
}

// show tells text, with a button doing act when actionText is not empty.
func (n *noticeBar) show(text, actionText string, act func()) {
	n.shownAt++
	shown := n.shownAt
	n.text.SetText(text)
	if actionText == "" || act == nil {
		n.action.Hide()
	} else {
		n.action.SetText(actionText)
		n.action.OnTapped = func() {
			n.hide()
			act()
		}
		n.action.Show()
	}
	n.Show()
	n.Refresh()
	n.after(noticeShowsFor, func() {
		n.do(func() {
			if n.shownAt == shown {
				n.hide()
			}
		})
	})
}

func (n *noticeBar) hide() {
	n.shownAt++
	n.action.OnTapped = nil
	n.Hide()
}
