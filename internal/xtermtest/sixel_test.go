package xtermtest_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/internal/xtermtest"
	"github.com/herald-reader/herald/internal/xtermtest/demo"
)

// TestSixelPictureInXterm draws text, a sixel picture and more text in a
// real xterm (VT340, sixel on) and checks the screenshot: the picture is on
// screen, pixel for pixel the source's colours, with its top-left corner at
// the cell where the cursor was; nothing spills beside it; the text above
// stays above and the text after it starts on the first row below it.
func TestSixelPictureInXterm(t *testing.T) {
	themes := map[string]color.RGBA{
		"dark":  {A: 255},                         // black
		"light": {R: 255, G: 255, B: 255, A: 255}, // white
	}
	for theme, wantBg := range themes {
		t.Run(theme, func(t *testing.T) {
			const cols, rows = 80, 24
			img := shotDemo(t, "sixel", xtermtest.Options{Cols: cols, Rows: rows, Theme: theme})
			b := img.Bounds()
			cw, ch := xtermtest.CellSize(img, cols, rows)
			if cw == 0 || ch == 0 || b.Dx() != cols*cw || b.Dy() != rows*ch {
				t.Fatalf("shot is %dx%d px: not %dx%d cells of a whole number of pixels (no border expected)",
					b.Dx(), b.Dy(), cols, rows)
			}
			t.Logf("cell: %dx%d px", cw, ch)
			if bg := xtermtest.Background(img); !picturetest.Near(bg, wantBg, 0) {
				t.Fatalf("background %v, want %v for the %s theme", bg, wantBg, theme)
			}

			origin := xtermtest.CellRect(img, cols, rows, demo.ImageCol, demo.TextAbove).Min
			pic := image.Rectangle{Min: origin, Max: origin.Add(image.Pt(demo.ImageWidth, demo.ImageHeight))}
			checkPicture(t, img, pic)

			// The brief's measure, cell by cell: the cells wholly under the
			// picture are not background.
			under := xtermtest.CellsRect(img, cols, rows, demo.ImageCol, demo.TextAbove,
				demo.ImageWidth/cw, demo.ImageHeight/ch)
			if f := xtermtest.NonBackgroundFraction(img, under); f < 0.99 {
				t.Errorf("cells under the picture %v: %.3f not background, want ≥ 0.99", under, f)
			}
			// Beside the picture, on its rows: nothing.
			left := image.Rect(b.Min.X, pic.Min.Y, pic.Min.X, pic.Max.Y)
			right := image.Rect(pic.Max.X, pic.Min.Y, b.Max.X, pic.Max.Y)
			for name, r := range map[string]image.Rectangle{"left of": left, "right of": right} {
				if f := xtermtest.NonBackgroundFraction(img, r); f != 0 {
					t.Errorf("%s the picture %v: %.3f not background, want 0", name, r, f)
				}
			}

			for i := 1; i <= demo.TextAbove; i++ {
				checkTextRow(t, img, cols, rows, i-1, demo.AboveLine(i))
			}
			// xterm leaves the cursor on the picture's last text row: the
			// next line is the first row wholly below the picture.
			first := (pic.Max.Y - b.Min.Y + ch - 1) / ch
			for i := 1; i <= demo.TextBelow; i++ {
				checkTextRow(t, img, cols, rows, first+i-1, demo.BelowLine(i))
			}
			rest := xtermtest.CellsRect(img, cols, rows, 0, first+demo.TextBelow, cols, rows-first-demo.TextBelow)
			if f := xtermtest.NonBackgroundFraction(img, rest); f != 0 {
				t.Errorf("rows below the text %v: %.3f not background, want 0", rest, f)
			}
		})
	}
}

// checkPicture compares every pixel of pic on screen with the source
// gradient; a sixel colour travels as percentages, so each channel may be
// off by a few units, and no more than 0.5% of the pixels may differ more.
func checkPicture(t *testing.T, img image.Image, pic image.Rectangle) {
	t.Helper()
	bad, shown := 0, 0
	for y := pic.Min.Y; y < pic.Max.Y; y++ {
		for x := pic.Min.X; x < pic.Max.X; x++ {
			got, want := xtermtest.RGBA(img.At(x, y)), demo.GradientAt(x-pic.Min.X)
			if picturetest.Near(got, want, 8) {
				continue
			}
			bad++
			if shown < 5 {
				shown++
				t.Errorf("picture pixel (%d,%d) at screen (%d,%d): %v, want %v",
					x-pic.Min.X, y-pic.Min.Y, x, y, got, want)
			}
		}
	}
	if total := pic.Dx() * pic.Dy(); bad*200 > total {
		t.Errorf("%d of %d picture pixels are not the source's colour", bad, total)
	}
}

// checkTextRow checks that row shows a line of len(text) cells: ink in
// those cells, as much as text has (not a picture's solid block), and none
// after them.
func checkTextRow(t *testing.T, img image.Image, cols, rows, row int, text string) {
	t.Helper()
	n := len(text)
	ink := xtermtest.NonBackgroundFraction(img, xtermtest.CellsRect(img, cols, rows, 0, row, n, 1))
	if ink < 0.05 || ink > 0.5 {
		t.Errorf("row %d should show %q: %.3f of its cells' pixels are ink, want text's 0.05–0.5", row, text, ink)
	}
	after := xtermtest.NonBackgroundFraction(img, xtermtest.CellsRect(img, cols, rows, n, row, cols-n, 1))
	if after != 0 {
		t.Errorf("row %d after %q: %.3f not background, want 0", row, text, after)
	}
}
