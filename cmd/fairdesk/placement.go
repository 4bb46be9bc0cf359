package main

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/go-gl/glfw/v3.3/glfw"

	"github.com/fairdesk/fairdesk/ui"
)

// glfwPlacement moves the window and reads where it is through GLFW, the
// library under Fyne's desktop driver: Fyne has no API for a window's
// position, nor does it hand out its GLFW window. A probe in the window
// finds that window: Fyne draws a raster on the main thread with the
// window's OpenGL context current, so while the raster's image is made
// GLFW's current context is the window.
type glfwPlacement struct {
	win   *glfw.Window
	ready func()
	moved func(x, y int)
}

func (p *glfwPlacement) Probe(ready func(), moved func(x, y int)) fyne.CanvasObject {
	p.ready, p.moved = ready, moved
	return canvas.NewRaster(p.draw)
}

// draw is the probe's image, nothing but one transparent pixel; the first
// time, it catches the window and follows its moves.
func (p *glfwPlacement) draw(int, int) image.Image {
	if p.win == nil {
		if win := glfw.GetCurrentContext(); win != nil {
			p.win = win
			var fyneMoved glfw.PosCallback
			fyneMoved = win.SetPosCallback(func(w *glfw.Window, x, y int) {
				if fyneMoved != nil {
					fyneMoved(w, x, y) // Fyne follows the window across screens
				}
				p.moved(x, y)
			})
			// Not from inside the drawing: the window may be moved.
			go fyne.Do(p.ready)
		}
	}
	return image.NewNRGBA(image.Rect(0, 0, 1, 1))
}

func (p *glfwPlacement) Frame() (ui.WindowFrame, bool) {
	if p.win == nil {
		return ui.WindowFrame{}, false
	}
	f := ui.WindowFrame{}
	f.X, f.Y = p.win.GetPos()
	f.Width, f.Height = p.win.GetSize()
	f.Left, f.Top, f.Right, f.Bottom = p.win.GetFrameSize()
	return f, true
}

func (p *glfwPlacement) Move(x, y int) {
	if p.win != nil {
		p.win.SetPos(x, y)
	}
}
