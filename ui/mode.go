package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
)

// appMode is who uses this laptop: the organisers (every screen), or the
// staff of one booth (their booth, its visitors and leads, the agenda).
type appMode struct {
	Exhibitor bool
	BoothID   string // the booth, in exhibitor mode
	Name      string // the operator at the desk, or the staff member at the booth

	// pin is the organiser PIN typed on entering booth-staff mode, on its
	// way to saveMode, which keeps only its salted hash.
	pin string
}

// Preference keys for the mode, saved when it is chosen.
const (
	prefModeKind  = "mode.kind" // modeOrganiser or modeExhibitor; empty until chosen
	prefModeBooth = "mode.booth"
	prefModeName  = "mode.name"

	modeOrganiser = "organiser"
	modeExhibitor = "exhibitor"
)

// loadMode reads the saved mode; chosen is false before the first choice.
func loadMode(p fyne.Preferences) (m appMode, chosen bool) {
	kind := p.StringWithFallback(prefModeKind, "")
	m = appMode{Exhibitor: kind == modeExhibitor, BoothID: p.StringWithFallback(prefModeBooth, ""), Name: p.StringWithFallback(prefModeName, "")}
	if m.Exhibitor && m.BoothID == "" {
		m.Exhibitor = false // a booth mode with no booth is not a choice
		kind = ""
	}
	return m, kind == modeOrganiser || kind == modeExhibitor
}

func saveMode(p fyne.Preferences, m appMode) {
	kind := modeOrganiser
	if m.Exhibitor {
		kind = modeExhibitor
	}
	p.SetString(prefModeKind, kind)
	p.SetString(prefModeBooth, m.BoothID)
	p.SetString(prefModeName, strings.TrimSpace(m.Name))
	switch {
	case !m.Exhibitor:
		clearOrganiserPIN(p)
	case m.pin != "":
		setOrganiserPIN(p, m.pin)
	}
}

// organiserOnly and exhibitorOnly are the screens one mode shows and the
// other does not; every other screen shows in both.
var (
	organiserOnly = []int{navDashboard, navPeople, navCheckIn, navExhibitors, navMeetings, navSettings, navConflicts}
	exhibitorOnly = []int{navMyBooth, navVisitors, navBoothSettings}
)

// visibleFor lists the entries the sidebar shows in mode m, in order.
func visibleFor(m appMode, entries int) []int {
	hidden := exhibitorOnly
	if m.Exhibitor {
		hidden = organiserOnly
	}
	var shown []int
	for i := range entries {
		if !slices.Contains(hidden, i) {
			shown = append(shown, i)
		}
	}
	return shown
}
