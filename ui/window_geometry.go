package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// Screen is the screen the window opens on, as main reads it from the
// desktop: its work area (the screen less panels and docks) in pixels, and
// a key naming its resolution under which the window's size is
// remembered, so that a laptop used with a projector and without keeps a
// size for each.
type Screen struct {
	Key           string // e.g. "1280x800"
	X, Y          int    // the work area's top-left corner, in screen coordinates
	Width, Height int    // the work area, in pixels
	Scale         float32
}

// The window opens at its remembered size for the screen, else at
// defaultWindowSize, and never larger than the screen's work area less
// room for the title bar and borders the desktop adds.
var defaultWindowSize = fyne.NewSize(1100, 720)

const (
	windowFrameWidth  = 16 // borders either side
	windowFrameHeight = 48 // title bar and bottom border
	// Without a screen to measure, the window is kept to a size that fits
	// the smallest screens still in use (1024x768 less a panel).
	unknownScreenWidth, unknownScreenHeight = 1024, 700
)

// sizeKeys are the preference keys of the window's size on screen.
func sizeKeys(screen *Screen) (width, height string) {
	if screen == nil || screen.Key == "" {
		return prefWindowWidth, prefWindowHeight
	}
	return fmt.Sprintf("%s.%s", prefWindowWidth, screen.Key), fmt.Sprintf("%s.%s", prefWindowHeight, screen.Key)
}

// usableSize is the largest window size, in Fyne units, that fits the
// screen at scale (pixels per unit).
func usableSize(screen *Screen, scale float32) fyne.Size {
	w, h := unknownScreenWidth, unknownScreenHeight
	if screen != nil && screen.Width > 0 && screen.Height > 0 {
		w, h = screen.Width, screen.Height
		if scale <= 0 {
			scale = screen.Scale
		}
	}
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(w)/scale-windowFrameWidth, float32(h)/scale-windowFrameHeight)
}

// initialWindowSize is the size remembered for this screen (else the
// default), made to fit it.
func initialWindowSize(prefs fyne.Preferences, screen *Screen) fyne.Size {
	wKey, hKey := sizeKeys(screen)
	size := fyne.NewSize(float32(prefs.FloatWithFallback(wKey, float64(defaultWindowSize.Width))),
		float32(prefs.FloatWithFallback(hKey, float64(defaultWindowSize.Height))))
	return size.Min(usableSize(screen, 0))
}

// fitToScreen shrinks the window, once it shows and its scale is known,
// when it is larger than the screen, and centres it there.
func (w *mainWindow) fitToScreen() {
	fit := usableSize(w.cfg.Screen, w.win.Canvas().Scale())
	size := w.win.Canvas().Size()
	if size.Width <= fit.Width && size.Height <= fit.Height {
		return
	}
	w.win.Resize(size.Min(fit))
	w.win.CenterOnScreen()
}

// rememberSize keeps size as the window's size on the current screen.
func (w *mainWindow) rememberSize(size fyne.Size) {
	wKey, hKey := sizeKeys(w.cfg.Screen)
	prefs := w.app.Preferences()
	prefs.SetFloat(wKey, float64(size.Width))
	prefs.SetFloat(hKey, float64(size.Height))
}
