//go:build unix

package main

import (
	"image"
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/internal/xtermtest"
)

// pagePicture is the first picture of a page, where the output that drew
// it put it.
type pagePicture struct {
	col, row   int // its top-left cell, from 0
	cols, rows int // the cells it covers
	// wPx, hPx: a sixel's size in pixels (its raster attributes); 0 for
	// half-blocks, which fill their cells.
	wPx, hPx int
	// cells: half-blocks only, each cell's colours, by row.
	cells [][]picturetest.Cell
}

// outputLines splits a command's output into its screen rows: a pty turns
// each newline into CR LF.
func outputLines(out string) []string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// screenLines are the rows of out a shot of s shows: its first rows-1
// lines (the last row is the cursor's), or with s.end its last rows (the
// last one the cursor's, blank).
func screenLines(out string, s screenshot) []string {
	lines := outputLines(out)
	if s.end && len(lines) > s.rows {
		return lines[len(lines)-s.rows:]
	}
	return lines
}

// halfblockPicture finds the first run of ▀ rows in out (the styled page
// with --images=halfblocks) and reads its cells' colours.
func halfblockPicture(t *testing.T, out string) pagePicture {
	t.Helper()
	p := pagePicture{row: -1}
	for i, line := range outputLines(out) {
		text := ansi.Strip(line)
		at := strings.Index(text, "▀")
		if at < 0 {
			if p.row >= 0 {
				break
			}
			continue
		}
		cells := picturetest.HalfblockCells(t, line)
		if p.row < 0 {
			p.row, p.col, p.cols = i, ansi.StringWidth(text[:at]), len(cells)
		}
		if len(cells) != p.cols {
			t.Fatalf("half-block row %d has %d cells, the first %d", i, len(cells), p.cols)
		}
		p.cells = append(p.cells, cells)
	}
	if p.row < 0 {
		t.Fatalf("no half-block picture in the output:\n%s", ansi.Strip(out))
	}
	p.rows = len(p.cells)
	return p
}

// sixelPlacement matches how herald places a sixel (page_pictures.go):
// save the cursor, up to the picture's top, to its column, the DCS with
// its raster attributes "Pan;Pad;width;height".
var sixelPlacement = regexp.MustCompile(`\x1b7\x1b\[(\d*)A\x1b\[(\d*)G\x1bP[0-9;]*q"1;1;(\d+);(\d+)`)

// sixelPicture finds the first sixel of raw, the bytes herald wrote to the
// terminal, and where it was placed: the row the newlines before it
// reached, less the rows it went up.
func sixelPicture(t *testing.T, raw string) pagePicture {
	t.Helper()
	m := sixelPlacement.FindStringSubmatchIndex(raw)
	if m == nil {
		t.Fatalf("no sixel placed as herald places it in the output:\n%q", ansi.Strip(raw))
	}
	num := func(k int, def int) int {
		s := raw[m[2*k]:m[2*k+1]]
		if s == "" {
			return def
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	up, col := num(1, 1), num(2, 1)
	p := pagePicture{col: col - 1, rows: up, wPx: num(3, 0), hPx: num(4, 0)}
	p.row = strings.Count(raw[:m[0]], "\n") - up
	return p
}

// cellRect is the picture's cells in a shot of a cols×rows terminal.
func (p pagePicture) cellRect(img image.Image, cols, rows int) image.Rectangle {
	return xtermtest.CellsRect(img, cols, rows, p.col, p.row, p.cols, p.rows)
}

// quarters are a picture's four quarters' mean colours: top left, top
// right, bottom left, bottom right.
type quarters [4]color.RGBA

// cellQuarters are the half-block picture's quarters' colours, each cell
// counted as its two halves.
func (p pagePicture) cellQuarters() quarters {
	var sum [4][3]int
	var n [4]int
	for y, row := range p.cells {
		for x, cell := range row {
			q := 0
			if x >= p.cols/2 {
				q++
			}
			if y >= p.rows/2 {
				q += 2
			}
			for _, c := range []color.RGBA{cell.Fg, cell.Bg} {
				sum[q][0], sum[q][1], sum[q][2] = sum[q][0]+int(c.R), sum[q][1]+int(c.G), sum[q][2]+int(c.B)
				n[q]++
			}
		}
	}
	var out quarters
	for q := range out {
		if n[q] > 0 {
			out[q] = color.RGBA{uint8(sum[q][0] / n[q]), uint8(sum[q][1] / n[q]), uint8(sum[q][2] / n[q]), 255}
		}
	}
	return out
}

// shotQuarters are the mean colours of r's quarters in img, split at mid.
func shotQuarters(img image.Image, r image.Rectangle, mid image.Point) quarters {
	return quarters{
		xtermtest.MeanColor(img, image.Rect(r.Min.X, r.Min.Y, mid.X, mid.Y)),
		xtermtest.MeanColor(img, image.Rect(mid.X, r.Min.Y, r.Max.X, mid.Y)),
		xtermtest.MeanColor(img, image.Rect(r.Min.X, mid.Y, mid.X, r.Max.Y)),
		xtermtest.MeanColor(img, image.Rect(mid.X, mid.Y, r.Max.X, r.Max.Y)),
	}
}

// quarterTolerance is how far a quarter's mean colour on screen may be
// from the half-block cells': xterm draws ▀ with the font's own split of
// the cell, and a sixel is the picture scaled differently, in at most 256
// colours.
const quarterTolerance = 32

// checkPicture checks the picture p of a shot: the cells under it are not
// the background, and its quarters have the colours want (read from
// half-block cells of the same picture).
func checkPicture(t *testing.T, img image.Image, s screenshot, p pagePicture, want quarters) {
	t.Helper()
	cw, ch := xtermtest.CellSize(img, s.cols, s.rows)
	var px image.Rectangle
	var mid image.Point
	if p.wPx > 0 { // sixel: its pixels, and the cells wholly under them
		x0, y0 := p.col*cw, p.row*ch
		px = image.Rect(x0, y0, x0+p.wPx, y0+p.hPx)
		mid = image.Pt(x0+p.wPx/2, y0+p.hPx/2)
		under := xtermtest.CellsRect(img, s.cols, s.rows, p.col, p.row, p.wPx/cw, p.hPx/ch)
		if f := xtermtest.NonBackgroundFraction(img, under); f < 0.9 {
			t.Errorf("the cells under the sixel %v: %.3f not background, want ≥ 0.9", under, f)
		}
	} else {
		px = p.cellRect(img, s.cols, s.rows)
		mid = image.Pt(px.Min.X+p.cols/2*cw, px.Min.Y+p.rows/2*ch)
		if f := xtermtest.NonBackgroundFraction(img, px); f < 0.9 {
			t.Errorf("the cells under the half-blocks %v: %.3f not background, want ≥ 0.9", px, f)
		}
	}
	got := shotQuarters(img, px, mid)
	for q := range got {
		if !picturetest.Near(got[q], want[q], quarterTolerance) {
			t.Errorf("quarter %d of the picture: mean %v on screen, want about %v (the half-block cells')", q, got[q], want[q])
		}
	}
	t.Logf("picture at column %d row %d, %d×%d cells; quarters on screen %v, cells %v", p.col, p.row, p.cols, p.rows, got, want)
}

// checkText checks that the shot shows out's text where out has it: every
// row with text (outside the picture's rows) has ink, every blank row has
// none; at the page's top, the title on the first row starts at the
// column's left edge, and the row right under the picture (its caption)
// has text.
func checkText(t *testing.T, img image.Image, s screenshot, out string, left int, pic *pagePicture) {
	t.Helper()
	cw, _ := xtermtest.CellSize(img, s.cols, s.rows)
	lines := screenLines(out, s)
	bg := xtermtest.Background(img)
	for row := 0; row < s.rows-1 && row < len(lines); row++ {
		if pic != nil && row >= pic.row && row < pic.row+pic.rows {
			continue
		}
		text := strings.TrimSpace(ansi.Strip(lines[row]))
		r := xtermtest.CellsRect(img, s.cols, s.rows, 0, row, s.cols, 1)
		ink := inkFraction(img, r, bg)
		switch {
		case text != "" && ink < 0.005:
			t.Errorf("row %d is blank on screen, want %q", row, text)
		case text == "" && ink > 0:
			t.Errorf("row %d should be blank: %.4f ink", row, ink)
		case text != "":
			// The words' colour, not the caption's or quote's bar.
			stripped := ansi.Strip(lines[row])
			words := xtermtest.CellsRect(img, s.cols, s.rows, ansi.StringWidth(stripped[:firstWord(stripped)]), row, s.cols, 1)
			if c := dominantInk(img, words, bg); contrast(c, bg) < minContrast {
				t.Errorf("row %d (%q) is drawn in %v on %v: contrast %.1f:1, want ≥ %.1f:1", row, text, c, bg, contrast(c, bg), minContrast)
			}
		}
	}
	if s.end {
		return
	}
	if title := strings.TrimSpace(ansi.Strip(lines[0])); title == "" {
		t.Errorf("the first row has no title: %q", lines[0])
	}
	if x := firstInk(img, xtermtest.CellsRect(img, s.cols, s.rows, 0, 0, s.cols, 1), bg); x < left*cw || x >= (left+1)*cw {
		t.Errorf("the title's first ink is at x=%d, want in column %d (x %d–%d)", x, left, left*cw, (left+1)*cw-1)
	}
	if pic == nil {
		return
	}
	if pic.col != left {
		t.Errorf("the picture is at column %d, want the column's left edge %d", pic.col, left)
	}
	below := pic.row + pic.rows
	if below >= s.rows-1 {
		t.Fatalf("the picture ends at row %d: no room for its caption on a %d-row screen", below, s.rows)
	}
	if text := strings.TrimSpace(ansi.Strip(lines[below])); text == "" {
		t.Errorf("the row under the picture is blank in the output, want its caption")
	}
	r := xtermtest.CellsRect(img, s.cols, s.rows, left, below, s.cols-left, 1)
	if f := inkFraction(img, r, bg); f < 0.02 || f > 0.6 {
		t.Errorf("the caption row %d under the picture: %.3f ink, want text's 0.02–0.6", below, f)
	}
}

// firstInk is the smallest x in r of a pixel that is not the background
// bg; -1 when there is none.
func firstInk(img image.Image, r image.Rectangle, bg color.RGBA) int {
	first := -1
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X && (first < 0 || x < first); x++ {
			if !picturetest.Near(xtermtest.RGBA(img.At(x, y)), bg, xtermtest.Tolerance) {
				first = x
				break
			}
		}
	}
	return first
}

// minContrast is the least contrast a row's text may have with the
// background: WCAG's 3:1 for large text, a floor that a theme picked for
// the wrong background (pale yellow on white) falls far below.
const minContrast = 3.0

// dominantInk is the most frequent colour in r other than the background
// bg: the text's colour, as glyphs' cores are drawn in it.
func dominantInk(img image.Image, r image.Rectangle, bg color.RGBA) color.RGBA {
	counts := map[color.RGBA]int{}
	var best color.RGBA
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := xtermtest.RGBA(img.At(x, y))
			if picturetest.Near(c, bg, xtermtest.Tolerance) {
				continue
			}
			counts[c]++
			if counts[c] > counts[best] {
				best = c
			}
		}
	}
	return best
}

// contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is a colour's WCAG relative luminance.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// firstWord is the byte offset of s's first letter or digit (len(s) when
// it has none).
func firstWord(s string) int {
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if i < 0 {
		return len(s)
	}
	return i
}

// inkFraction is xtermtest.NonBackgroundFraction with the background
// found once per shot rather than once per row.
func inkFraction(img image.Image, r image.Rectangle, bg color.RGBA) float64 {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !picturetest.Near(xtermtest.RGBA(img.At(x, y)), bg, xtermtest.Tolerance) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}
