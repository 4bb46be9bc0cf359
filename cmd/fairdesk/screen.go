package main

import (
	"fmt"

	"github.com/go-gl/glfw/v3.3/glfw"

	"github.com/fairdesk/fairdesk/ui"
)

// primaryScreen reads the primary screen's work area (the screen less
// panels and docks) from GLFW, the library under Fyne's desktop driver,
// which tells Fyne's windows nothing of it. It runs on the main thread
// before the app runs; GLFW's Init is idempotent, so Fyne's own Init later
// changes nothing. Nil when there is no screen to read (no display).
func primaryScreen() *ui.Screen {
	if err := glfw.Init(); err != nil {
		return nil
	}
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return nil
	}
	x, y, width, height := m.GetWorkarea()
	key := fmt.Sprintf("%dx%d", width, height)
	if mode := m.GetVideoMode(); mode != nil {
		key = fmt.Sprintf("%dx%d", mode.Width, mode.Height)
	}
	scale, _ := m.GetContentScale()
	return &ui.Screen{Key: key, X: x, Y: y, Width: width, Height: height, Scale: scale}
}
