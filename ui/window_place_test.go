package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestClampToScreenKeepsTheWindowOnTheWorkArea(t *testing.T) {
	// A 1280x800 screen with a 32-pixel panel at the top; a 1100x700
	// window with a 30-pixel title bar and 2-pixel borders.
	s := &Screen{Key: "1280x800", X: 0, Y: 32, Width: 1280, Height: 768}
	f := WindowFrame{Width: 1100, Height: 700, Left: 2, Top: 30, Right: 2, Bottom: 2}
	for _, c := range []struct {
		name         string
		x, y         int
		wantX, wantY int
	}{
		{"inside: unchanged", 100, 70, 100, 70},
		{"off the right and bottom", 1000, 700, 1280 - 2 - 1100, 32 + 768 - 2 - 700},
		{"off the left and under the panel", -500, 0, 2, 32 + 30},
		{"on a second screen that is gone", 2400, 300, 1280 - 2 - 1100, 32 + 768 - 2 - 700},
	} {
		x, y := clampToScreen(c.x, c.y, f, s)
		if x != c.wantX || y != c.wantY {
			t.Errorf("%s: %d,%d went to %d,%d, want %d,%d", c.name, c.x, c.y, x, y, c.wantX, c.wantY)
		}
	}
	// Larger than the screen: the title bar stays on it.
	big := WindowFrame{Width: 1600, Height: 1000, Top: 30}
	if x, y := clampToScreen(300, 300, big, s); x != 0 || y != 32+30 {
		t.Errorf("a window larger than the screen went to %d,%d", x, y)
	}
}

// desktopPlace stands in for the desktop's window manager, which the
// test driver has none of: it keeps the window's frame and records moves.
// The real one (GLFW under Xvfb) is checked by .ci/smoke.
type desktopPlace struct {
	frame WindowFrame
	ready func()
	moved func(x, y int)
	moves int
}

func (d *desktopPlace) Probe(ready func(), moved func(x, y int)) fyne.CanvasObject {
	d.ready, d.moved = ready, moved
	return canvas.NewRectangle(nil)
}

func (d *desktopPlace) Frame() (WindowFrame, bool) { return d.frame, true }

func (d *desktopPlace) Move(x, y int) {
	d.frame.X, d.frame.Y = x, y
	d.moves++
	d.moved(x, y)
}

func TestWindowOpensWhereItWasOnThisScreen(t *testing.T) {
	a := test.NewTempApp(t)
	screen := &Screen{Key: "1280x800", Width: 1280, Height: 800, Scale: 1}
	open := func(place *desktopPlace) *mainWindow {
		q := newUIQueue()
		w := newMainWindow(a, Config{Store: datatest.Open(t, nil), Screen: screen, Placement: place}, q.do)
		t.Cleanup(w.win.Close)
		w.start()
		q.waitFor(t, "the window's content", func() bool { return place.ready != nil })
		return w
	}

	// The first time it opens where Fyne centred it, and then follows the
	// user's moves.
	first := &desktopPlace{frame: WindowFrame{X: 90, Y: 40, Width: 1100, Height: 720}}
	open(first)
	first.ready()
	if first.moves != 0 {
		t.Errorf("with no place remembered the window was moved to %d,%d", first.frame.X, first.frame.Y)
	}
	first.moved(20, 30)

	// Next time it opens there.
	again := &desktopPlace{frame: WindowFrame{X: 90, Y: 40, Width: 1100, Height: 720}}
	open(again)
	again.ready()
	if again.frame.X != 20 || again.frame.Y != 30 {
		t.Errorf("opened at %d,%d, not where it was left (20,30)", again.frame.X, again.frame.Y)
	}

	// Left partly off the screen: it comes back onto it.
	again.moved(1000, 700)
	back := &desktopPlace{frame: WindowFrame{X: 90, Y: 40, Width: 1100, Height: 720}}
	open(back)
	back.ready()
	if back.frame.X != 180 || back.frame.Y != 80 {
		t.Errorf("left at 1000,700, opened at %d,%d, not 180,80", back.frame.X, back.frame.Y)
	}

	// Places are per screen: on a small screen nothing was remembered.
	screen = &Screen{Key: "800x600", Width: 800, Height: 600, Scale: 1}
	small := &desktopPlace{frame: WindowFrame{X: 8, Y: 24, Width: 784, Height: 552}}
	open(small)
	small.ready()
	if small.moves != 0 {
		t.Errorf("on another screen the window was moved to %d,%d", small.frame.X, small.frame.Y)
	}
}
