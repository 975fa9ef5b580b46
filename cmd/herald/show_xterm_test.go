//go:build unix

package main

import (
	"image"
	"strconv"
	"testing"

	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/internal/xtermtest"
	"github.com/herald-reader/herald/render"
)

// TestShowSixelInXterm runs the real binary's show in a real xterm (-ti
// vt340, sixel on, 8×17 px cells) and checks the screenshot: the picture
// is drawn at the column's left, pixel for pixel the PNG's two colours,
// the cells under it are not the background, nothing is beside it, the
// title above is still there, and the caption is on the first row under
// it. With --images=auto, herald's probe must find sixel by itself (the
// same screen); with --images=sixel, it is told; after a screenful of
// other output, the screen scrolls to make room for the picture first.
func TestShowSixelInXterm(t *testing.T) {
	xtermtest.Require(t)
	e := newEnv(t)
	const picW, picH = 320, 160 // drawn as it is: 40 columns, 162 px of bands in 10 rows of 17 px
	srv := pictureSiteOf(t, picW, picH, "", 2)
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	id := idOf(t, e.ok("list"), pictureTitle)
	const cols, rows = 80, 40
	left, _ := render.New(render.Options{}).Column(cols)

	titleToPicture := -1 // rows from the title to the picture, without scrolling
	for _, tc := range []struct {
		name, mode string
		before     int // lines printed before show's
	}{
		{"sixel", "sixel", 0},
		{"auto", "auto", 0},
		{"sixel after a screenful", "sixel", rows - 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := []string{"sh", "-c", `seq 1 "$0"; exec "$@"`, strconv.Itoa(tc.before), "env", "-u", "NO_COLOR", "-u", "COLORFGBG", "-u", "TMUX", "-u", "STY", "-u", "ZELLIJ",
				"-u", "KITTY_WINDOW_ID", "-u", "TERM_PROGRAM", "-u", "KONSOLE_VERSION"}
			cmd = append(append(cmd, e.xdg()...), heraldBin, "--db", e.db, "show", id, "--images="+tc.mode)
			img := xtermtest.Shot(t, xtermtest.Options{Cols: cols, Rows: rows, Theme: "dark"}, cmd...)
			cw, ch := xtermtest.CellSize(img, cols, rows)
			if cw != 8 || ch != 17 {
				t.Fatalf("cells of %d×%d px, want xterm-shot's 8×17", cw, ch)
			}
			top := pictureTop(img, left*cw+picW/4)
			if top < 0 {
				t.Fatalf("no picture at column %d", left)
			}
			if top%ch != 0 {
				t.Errorf("the picture starts %d px into a row, want at a row's top", top%ch)
			}
			row := top / ch
			t.Logf("picture at row %d, column %d", row, left)
			if tc.before == 0 {
				titleToPicture = row
			} else if titleToPicture < 0 {
				t.Fatal("no unscrolled run to compare with")
			}
			pic := image.Rect(left*cw, top, left*cw+picW, top+picH)
			checkTwoHalves(t, img, pic)
			under := xtermtest.CellsRect(img, cols, rows, left, row, picW/cw, picH/ch)
			if f := xtermtest.NonBackgroundFraction(img, under); f < 0.99 {
				t.Errorf("cells under the picture: %.3f not background, want ≥ 0.99", f)
			}
			b := img.Bounds()
			for name, r := range map[string]image.Rectangle{
				"left of":  image.Rect(b.Min.X, pic.Min.Y, pic.Min.X, pic.Max.Y),
				"right of": image.Rect(pic.Max.X, pic.Min.Y, b.Max.X, pic.Max.Y),
			} {
				if f := xtermtest.NonBackgroundFraction(img, r); f != 0 {
					t.Errorf("%s the picture: %.3f not background, want 0", name, f)
				}
			}
			// The title, "The lamp", on the first row; the caption,
			// "▎ The lamp at dusk.", on the first row wholly under the
			// picture (162 px of sixel bands: 10 rows).
			captionRow := row + (picH+5)/6*6/ch + 1
			for name, r := range map[string]image.Rectangle{
				"title":   xtermtest.CellsRect(img, cols, rows, left, row-titleToPicture, len(pictureTitle), 1),
				"caption": xtermtest.CellsRect(img, cols, rows, left+2, captionRow, len(pictureCaption), 1),
			} {
				if f := xtermtest.NonBackgroundFraction(img, r); f < 0.05 || f > 0.5 {
					t.Errorf("the %s's cells %v: %.3f ink, want text's 0.05–0.5", name, r, f)
				}
			}
		})
	}
}

// pictureTop is the first pixel row of img whose pixel at x is the
// picture's left colour; -1 when there is none.
func pictureTop(img image.Image, x int) int {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		if picturetest.Near(xtermtest.RGBA(img.At(x, y)), pictureLeft, xtermtest.Tolerance) {
			return y - b.Min.Y
		}
	}
	return -1
}

// checkTwoHalves checks every pixel of pic on screen against the PNG: its
// left half pictureLeft, its right half pictureRight (sixel colours travel
// as percentages: within xtermtest.Tolerance).
func checkTwoHalves(t *testing.T, img image.Image, pic image.Rectangle) {
	t.Helper()
	bad := 0
	for y := pic.Min.Y; y < pic.Max.Y; y++ {
		for x := pic.Min.X; x < pic.Max.X; x++ {
			want := pictureLeft
			if x-pic.Min.X >= pic.Dx()/2 {
				want = pictureRight
			}
			if !picturetest.Near(xtermtest.RGBA(img.At(x, y)), want, xtermtest.Tolerance) {
				if bad < 5 {
					t.Errorf("picture pixel (%d,%d): %v, want %v", x-pic.Min.X, y-pic.Min.Y, img.At(x, y), want)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d picture pixels are not the PNG's", bad, pic.Dx()*pic.Dy())
	}
}
