package xtermtest

import (
	"image"
	"image/color"

	"github.com/herald-reader/herald/internal/picturetest"
)

// Tolerance is how far apart, in any 8-bit channel, two colours may be and
// still count as the same: sixel colours travel as percentages, and text
// is anti-aliased.
const Tolerance = 24

// Border is the pixels between the xterm window's edge and its cell grid:
// xterm-shot.sh starts xterm with no internal border (-b 0), no window
// border (-bw 0) and no scroll bar, so a shot of a cols×rows terminal is
// exactly cols×rows cells (the sixel test checks it).
const Border = 0

// CellSize returns the pixel size of one cell in a shot of a cols×rows
// terminal.
func CellSize(img image.Image, cols, rows int) (w, h int) {
	b := img.Bounds()
	return (b.Dx() - 2*Border) / cols, (b.Dy() - 2*Border) / rows
}

// CellRect returns the pixels of the cell at (col, row), both from 0, in a
// shot of a cols×rows terminal.
func CellRect(img image.Image, cols, rows, col, row int) image.Rectangle {
	return CellsRect(img, cols, rows, col, row, 1, 1)
}

// CellsRect returns the pixels of the w×h cells whose top-left cell is
// (col, row), in a shot of a cols×rows terminal.
func CellsRect(img image.Image, cols, rows, col, row, w, h int) image.Rectangle {
	b := img.Bounds()
	cw, ch := CellSize(img, cols, rows)
	x0, y0 := b.Min.X+Border+col*cw, b.Min.Y+Border+row*ch
	return image.Rect(x0, y0, x0+w*cw, y0+h*ch)
}

// Background returns the colour most of the image has: the terminal's
// background, in a shot of a screen that is mostly empty.
func Background(img image.Image) color.RGBA {
	counts := map[color.RGBA]int{}
	var best color.RGBA
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			c := RGBA(img.At(x, y))
			counts[c]++
			if counts[c] > counts[best] {
				best = c
			}
		}
	}
	return best
}

// NonBackgroundFraction returns the share (0 to 1) of the pixels in r that
// are not the image's Background colour (within Tolerance).
func NonBackgroundFraction(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	bg := Background(img)
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !picturetest.Near(RGBA(img.At(x, y)), bg, Tolerance) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

// MeanColor returns the average colour of the pixels in r.
func MeanColor(img image.Image, r image.Rectangle) color.RGBA {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return color.RGBA{}
	}
	var sr, sg, sb int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := RGBA(img.At(x, y))
			sr, sg, sb = sr+int(c.R), sg+int(c.G), sb+int(c.B)
		}
	}
	n := r.Dx() * r.Dy()
	return color.RGBA{R: uint8(sr / n), G: uint8(sg / n), B: uint8(sb / n), A: 255}
}

// RGBA converts any colour to 8-bit RGBA (alpha premultiplied, as the
// screen has it: opaque).
func RGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a >> 8)}
}
