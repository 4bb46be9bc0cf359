package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// The window's place on the desktop is remembered per screen, as its size
// is, and the window opens there again, moved back inside the screen's
// work area where the screen is smaller now or the place is off it. Fyne
// has no API for a window's position, so main gives one (Placement).

// Placement moves the window on the desktop and says where it is.
type Placement interface {
	// Probe is an object for the window to show; it draws nothing. Once the
	// window has drawn it, ready is called and Frame and Move work; moved
	// is called with the window's new place each time it moves.
	Probe(ready func(), moved func(x, y int)) fyne.CanvasObject
	// Frame is where the window is and the desktop's decorations around it.
	Frame() (WindowFrame, bool)
	// Move puts the top-left corner of the window's content at x, y.
	Move(x, y int)
}

// WindowFrame is a window on the desktop, in screen coordinates.
type WindowFrame struct {
	X, Y, Width, Height      int // the content, without the title bar and borders
	Left, Top, Right, Bottom int // the title bar and borders around it
}

// placeKeys are the preference keys of the window's place on screen.
func placeKeys(screen *Screen) (x, y string) {
	return fmt.Sprintf("%s.%s", prefWindowX, screen.Key), fmt.Sprintf("%s.%s", prefWindowY, screen.Key)
}

// clampToScreen is the place nearest x, y where the window f, title bar
// and borders too, lies within the screen's work area; a window larger
// than the work area keeps its top-left corner (and title bar) in it.
func clampToScreen(x, y int, f WindowFrame, s *Screen) (int, int) {
	clamp := func(v, before, length, after, start, room int) int {
		v = min(v, start+room-length-after) // its far edge inside
		return max(v, start+before)         // its near edge inside, first
	}
	return clamp(x, f.Left, f.Width, f.Right, s.X, s.Width), clamp(y, f.Top, f.Height, f.Bottom, s.Y, s.Height)
}

// placeProbe is the object main's Placement gives the window, nil when
// there is no placement or no screen to remember places by.
func (w *mainWindow) placeProbe() fyne.CanvasObject {
	if w.cfg.Placement == nil || w.cfg.Screen == nil || w.cfg.Screen.Key == "" {
		return nil
	}
	if w.probe == nil {
		w.probe = w.cfg.Placement.Probe(w.restorePlace, w.rememberPlace)
	}
	return w.probe
}

// restorePlace moves the window to where it was on this screen last time,
// kept inside the screen.
func (w *mainWindow) restorePlace() {
	p, s := w.cfg.Placement, w.cfg.Screen
	prefs := w.app.Preferences()
	xKey, yKey := placeKeys(s)
	f, ok := p.Frame()
	if !ok {
		return
	}
	x, y := prefs.IntWithFallback(xKey, f.X), prefs.IntWithFallback(yKey, f.Y)
	x, y = clampToScreen(x, y, f, s)
	if x != f.X || y != f.Y {
		p.Move(x, y)
	}
	w.placed = true
}

// rememberPlace keeps x, y as the window's place on the current screen,
// once the window has been put where it was.
func (w *mainWindow) rememberPlace(x, y int) {
	if !w.placed {
		return
	}
	xKey, yKey := placeKeys(w.cfg.Screen)
	prefs := w.app.Preferences()
	prefs.SetInt(xKey, x)
	prefs.SetInt(yKey, y)
}
