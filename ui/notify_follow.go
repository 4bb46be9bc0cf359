package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// An organiser follows a host (a mentor, a recruiter or a booth) to be
// reminded of the host's meetings 5 minutes before each, as a booth's own
// laptops are. What one follows is this laptop's choice, kept in its
// preferences as the other notification settings are, not synced: each
// organiser follows their own hosts.

// followedHosts lists the ids of the hosts followed on this laptop.
func followedHosts(prefs fyne.Preferences) []string {
	return prefs.StringListWithFallback(prefFollowedHosts, nil)
}

// followsHost tells whether the host with this id is followed.
func followsHost(prefs fyne.Preferences, id string) bool {
	return slices.Contains(followedHosts(prefs), id)
}

// followHost follows (on) or stops following the host with this id.
func followHost(prefs fyne.Preferences, id string, on bool) {
	list := slices.DeleteFunc(followedHosts(prefs), func(h string) bool { return h == id })
	if on {
		list = append(list, id)
	}
	prefs.SetStringList(prefFollowedHosts, list)
}

// newFollowBoothCheck follows a booth's meetings from its form, as it is
// ticked: it is this laptop's choice, not the booth's, so Save does not
// wait for it.
func newFollowBoothCheck(prefs fyne.Preferences, boothID string) *widget.Check {
	c := &widget.Check{Text: lang.L("Remind me of this booth's meetings, 5 minutes before"), Checked: followsHost(prefs, boothID),
		OnChanged: func(on bool) { followHost(prefs, boothID, on) }}
	c.ExtendBaseWidget(c)
	return c
}
