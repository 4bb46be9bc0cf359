package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// privacySection is Settings → Privacy: what the app already does with
// personal data, said plainly. The settings that will change it belong
// here as they come.
func privacySection() fyne.CanvasObject {
	return &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("No privacy settings yet. " +
		"Exhibitors see a person's e-mail and phone only when the person agreed (Contact details in their form); " +
		"booth staff see only their own booth's visitors and leads.")}
}
