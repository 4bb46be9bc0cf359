package ui

import (
	"errors"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// ShowOpenError is the whole program when the database cannot be opened:
// a window that says why and what to do. It never touches the file.
func ShowOpenError(a fyne.App, path string, err error) {
	w := a.NewWindow("Fairdesk — cannot open the event")
	w.SetContent(problemContent(a, "Fairdesk cannot open the event database", err, path))
	w.Resize(fyne.NewSize(640, 320))
	w.CenterOnScreen()
	w.ShowAndRun()
}

// problemContent explains err with advice for the kinds we know, the file
// concerned, and ways out.
func problemContent(a fyne.App, headline string, err error, path string) fyne.CanvasObject {
	title := &widget.Label{Text: headline, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	detail := &widget.Label{Text: capitalise(err.Error()) + ".", Wrapping: fyne.TextWrapWord, Selectable: true}
	advice := &widget.Label{Text: openAdvice(err), Wrapping: fyne.TextWrapWord}
	file := &widget.Label{Text: "File: " + path, Wrapping: fyne.TextWrapBreak, Selectable: true, Importance: widget.LowImportance}
	copyPath := &widget.Button{Text: "Copy file location", Icon: theme.ContentCopyIcon(),
		OnTapped: func() { a.Clipboard().SetContent(path) }}
	quit := &widget.Button{Text: "Quit", OnTapped: a.Quit}
	buttons := container.NewHBox(copyPath, quit)
	if path == "" {
		file.Hide()
		copyPath.Hide()
	}
	return container.NewPadded(container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, title),
		detail, advice, file, buttons))
}

func openAdvice(err error) string {
	if errors.Is(err, data.ErrNewerDatabase) {
		return "Install the newest Fairdesk and open the event with it. The file was not changed. " +
			"To work on another event meanwhile, start Fairdesk with FAIRDESK_DB set to another file."
	}
	return "The file was not changed. Check that the folder exists and that you may write to it, " +
		"or start Fairdesk with FAIRDESK_DB set to another file."
}

// capitalise puts the first letter in upper case; Japanese has none, and
// keeps its first character whole.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
