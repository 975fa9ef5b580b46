package images

import (
	"bytes"
	"image"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/sixel"
)

// sixelBand is the height in pixels of one row of sixels: terminals draw
// whole bands, so an image's height is kept a multiple of it.
const sixelBand = 6

// Sixel returns the DCS sixel sequence that draws img in at most cols×rows
// cells of cellW×cellH pixels (zero or negative: the defaults), shrunk to
// fit and never enlarged, and the number of rows it covers. It returns ""
// and 0 for an empty box.
func Sixel(img image.Image, cols, rows, cellW, cellH int) (string, int) {
	if cellW <= 0 || cellH <= 0 {
		cellW, cellH = DefaultCellWidth, DefaultCellHeight
	}
	if img == nil || cols <= 0 || rows <= 0 {
		return "", 0
	}
	// The box's height is whole bands, so the last band does not spill
	// into the row under the image.
	boxH := rows * cellH / sixelBand * sixelBand
	b := img.Bounds()
	w, h := fitPixels(b.Dx(), b.Dy(), cols*cellW, boxH)
	if w == 0 || h == 0 {
		return "", 0
	}
	m := img
	if b.Dx() != w || b.Dy() != h {
		m = scale(img, w, h, nil)
	}
	var payload bytes.Buffer
	if err := (&sixel.Encoder{}).Encode(&payload, m); err != nil {
		return "", 0
	}
	// P2 = 1: pixels the image leaves unset keep the cell's background.
	drawn := (h + sixelBand - 1) / sixelBand * sixelBand
	return ansi.SixelGraphics(0, 1, 0, payload.Bytes()), (drawn + cellH - 1) / cellH
}
