package xtermtest_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/internal/xtermtest"
	"github.com/herald-reader/herald/internal/xtermtest/demo"
)

// TestHalfBlocksInTmux draws 24-bit colour ▀ cells in tmux inside a real
// xterm and checks that each cell's upper half is its foreground colour and
// its lower half its background colour, exactly where the cell is: tmux
// passes the colours through and the xterm draws them.
func TestHalfBlocksInTmux(t *testing.T) {
	const cols, rows = 80, 24
	img := shotDemo(t, "halfblocks", xtermtest.Options{Cols: cols, Rows: rows, Theme: "dark", Tmux: true})
	_, ch := xtermtest.CellSize(img, cols, rows)
	for row := range demo.HalfBlockRows {
		for col := range demo.HalfBlockCols {
			cell := xtermtest.CellRect(img, cols, rows, demo.HalfBlockCol+col, demo.HalfBlockRow+row)
			// The two pixel rows at the middle are the glyph's anti-aliased edge.
			upper := image.Rect(cell.Min.X, cell.Min.Y, cell.Max.X, cell.Min.Y+ch/2-1)
			lower := image.Rect(cell.Min.X, cell.Min.Y+ch/2+1, cell.Max.X, cell.Max.Y)
			top, bottom := demo.HalfBlockColors(col, row)
			checkUniform(t, img, upper, top, "upper half of block cell", col, row)
			checkUniform(t, img, lower, bottom, "lower half of block cell", col, row)
		}
	}
	// The title has its row; around the block there is nothing.
	checkTextRow(t, img, cols, rows, 0, demo.HalfBlockTitle)
	block := xtermtest.CellsRect(img, cols, rows, demo.HalfBlockCol, demo.HalfBlockRow, demo.HalfBlockCols, demo.HalfBlockRows)
	b := img.Bounds()
	around := []image.Rectangle{
		image.Rect(b.Min.X, block.Min.Y, block.Min.X, block.Max.Y),            // left
		image.Rect(block.Max.X, block.Min.Y, b.Max.X, block.Max.Y),            // right
		image.Rect(b.Min.X, block.Max.Y, b.Max.X, b.Max.Y),                    // below
		xtermtest.CellsRect(img, cols, rows, 0, 1, cols, demo.HalfBlockRow-1), // between title and block
	}
	for _, r := range around {
		if f := xtermtest.NonBackgroundFraction(img, r); f != 0 {
			t.Errorf("around the block %v: %.3f not background, want 0", r, f)
		}
	}
}

// checkUniform checks that every pixel of r is want (within 8 a channel).
func checkUniform(t *testing.T, img image.Image, r image.Rectangle, want color.RGBA, what string, col, row int) {
	t.Helper()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if got := xtermtest.RGBA(img.At(x, y)); !picturetest.Near(got, want, 8) {
				t.Errorf("%s (%d,%d): pixel (%d,%d) is %v, want %v", what, col, row, x, y, got, want)
				return
			}
		}
	}
}
