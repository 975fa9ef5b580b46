package xtermtest_test

import (
	"image"
	"image/color"
	"image/draw"
	"testing"

	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/internal/xtermtest"
)

// screen is a synthetic 10×4-cell shot of 8×17-pixel cells on black, with
// the cell (3,1) filled red and the left half of cell (5,2) green.
func screen() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 80, 68))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.Black), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(24, 17, 32, 34), image.NewUniform(color.RGBA{R: 255, A: 255}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(40, 34, 44, 51), image.NewUniform(color.RGBA{G: 255, A: 255}), image.Point{}, draw.Src)
	return img
}

func TestCellGeometry(t *testing.T) {
	img := screen()
	if w, h := xtermtest.CellSize(img, 10, 4); w != 8 || h != 17 {
		t.Fatalf("CellSize = %dx%d, want 8x17", w, h)
	}
	if r, want := xtermtest.CellRect(img, 10, 4, 3, 1), image.Rect(24, 17, 32, 34); r != want {
		t.Errorf("CellRect(3,1) = %v, want %v", r, want)
	}
	if r, want := xtermtest.CellsRect(img, 10, 4, 2, 1, 3, 2), image.Rect(16, 17, 40, 51); r != want {
		t.Errorf("CellsRect(2,1 3x2) = %v, want %v", r, want)
	}
	// An image whose bounds do not start at 0 (a sub-image).
	sub := img.SubImage(image.Rect(8, 17, 48, 51))
	if r, want := xtermtest.CellRect(sub, 5, 2, 2, 0), image.Rect(24, 17, 32, 34); r != want {
		t.Errorf("CellRect in a sub-image = %v, want %v", r, want)
	}
}

func TestPixelMeasures(t *testing.T) {
	img := screen()
	if bg := xtermtest.Background(img); bg != (color.RGBA{A: 255}) {
		t.Errorf("Background = %v, want black", bg)
	}
	cases := []struct {
		col, row int
		want     float64
	}{{3, 1, 1}, {5, 2, 0.5}, {0, 0, 0}}
	for _, c := range cases {
		r := xtermtest.CellRect(img, 10, 4, c.col, c.row)
		if got := xtermtest.NonBackgroundFraction(img, r); got != c.want {
			t.Errorf("NonBackgroundFraction(cell %d,%d) = %v, want %v", c.col, c.row, got, c.want)
		}
	}
	if got := xtermtest.NonBackgroundFraction(img, image.Rect(200, 200, 300, 300)); got != 0 {
		t.Errorf("NonBackgroundFraction outside the image = %v, want 0", got)
	}
	mean := xtermtest.MeanColor(img, xtermtest.CellRect(img, 10, 4, 5, 2))
	if want := (color.RGBA{G: 127, A: 255}); mean != want {
		t.Errorf("MeanColor(half green cell) = %v, want %v", mean, want)
	}
	// Anti-aliasing and sixel rounding stay within Tolerance of the colour.
	near := color.RGBA{R: 20, G: 20, B: 20, A: 255}
	if !picturetest.Near(near, color.RGBA{A: 255}, xtermtest.Tolerance) ||
		picturetest.Near(color.RGBA{R: 30, A: 255}, color.RGBA{A: 255}, xtermtest.Tolerance) {
		t.Errorf("Near: %v should be near black and {30 0 0} not, with tolerance %d", near, xtermtest.Tolerance)
	}
}
