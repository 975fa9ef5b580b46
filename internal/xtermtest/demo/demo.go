// Package demo writes the known screens that internal/xtermtest photographs
// in a real xterm: text around a sixel picture, and a block of 24-bit colour
// half-block cells. The tests derive what the pixels must be from the same
// functions (Gradient, HalfBlockColors), so the check is the terminal's
// drawing against the source, not against numbers copied by hand.
package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"io"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/sixel"
)

// The sixel screen: TextAbove lines of text, then the picture at column
// ImageCol of the next row, then TextBelow lines of text.
const (
	TextAbove   = 3
	TextBelow   = 2
	ImageCol    = 4
	ImageWidth  = 200
	ImageHeight = 100
)

// AboveLine and BelowLine are the text lines around the picture (i from 1).
func AboveLine(i int) string { return fmt.Sprintf("above the picture, line %d", i) }

// BelowLine is the i-th line (from 1) printed after the picture.
func BelowLine(i int) string { return fmt.Sprintf("below the picture, line %d", i) }

// Gradient is the picture: red on the left fading to green on the right.
func Gradient() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, ImageWidth, ImageHeight))
	for y := range ImageHeight {
		for x := range ImageWidth {
			img.SetRGBA(x, y, GradientAt(x))
		}
	}
	return img
}

// GradientAt is the colour of the picture's column x.
func GradientAt(x int) color.RGBA {
	g := 255 * x / (ImageWidth - 1)
	return color.RGBA{R: uint8(255 - g), G: uint8(g), A: 255}
}

// WriteSixelScreen writes the sixel screen from the top-left corner of a
// cleared screen, the cursor hidden.
func WriteSixelScreen(w io.Writer) error {
	var pic bytes.Buffer
	if err := (&sixel.Encoder{}).Encode(&pic, Gradient()); err != nil {
		return fmt.Errorf("demo: sixel: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(ansi.HideCursor + ansi.EraseEntireScreen + ansi.CursorHomePosition)
	for i := 1; i <= TextAbove; i++ {
		b.WriteString(AboveLine(i) + "\r\n")
	}
	b.WriteString(ansi.CursorHorizontalAbsolute(ImageCol + 1))
	// P2=1: pixels the picture leaves unset keep the background.
	b.WriteString(ansi.SixelGraphics(0, 1, 0, pic.Bytes()))
	for i := 1; i <= TextBelow; i++ {
		b.WriteString("\r\n" + BelowLine(i))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// The half-block screen: a title line, then HalfBlockRows rows of
// HalfBlockCols cells from row HalfBlockRow, column HalfBlockCol.
const (
	HalfBlockTitle = "half-blocks in tmux"
	HalfBlockRow   = 2
	HalfBlockCol   = 4
	HalfBlockRows  = 4
	HalfBlockCols  = 16
)

// HalfBlockColors is the upper and lower colour of the half-block cell at
// (col, row) of the block, both counted from 0.
func HalfBlockColors(col, row int) (top, bottom color.RGBA) {
	top = color.RGBA{R: uint8(16 * col), G: uint8(60 * row), B: 200, A: 255}
	bottom = color.RGBA{R: 230, G: uint8(255 - 16*col), B: uint8(40 + 60*row), A: 255}
	return top, bottom
}

// WriteHalfBlockScreen writes the half-block screen from the top-left
// corner of a cleared screen, the cursor hidden: each cell is ▀ in the
// upper colour on the lower one, as herald draws pictures without a
// graphics protocol.
func WriteHalfBlockScreen(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString(ansi.HideCursor + ansi.EraseEntireScreen + ansi.CursorHomePosition)
	b.WriteString(HalfBlockTitle)
	for row := range HalfBlockRows {
		b.WriteString(ansi.CursorPosition(HalfBlockCol+1, HalfBlockRow+row+1))
		for col := range HalfBlockCols {
			top, bottom := HalfBlockColors(col, row)
			fmt.Fprintf(&b, "\x1b[38;2;%d;%d;%dm\x1b[48;2;%d;%d;%dm▀", top.R, top.G, top.B, bottom.R, bottom.G, bottom.B)
		}
		b.WriteString(ansi.ResetStyle)
	}
	_, err := w.Write(b.Bytes())
	return err
}
