package main

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/internal/picturetest"
)

// sixelDrawer is a Drawer holding one 40×40 px picture at url.
func sixelDrawer(t *testing.T, url string) *images.Drawer {
	t.Helper()
	d := images.NewDrawer(images.ModeSixel, color.Black)
	d.SetCellSize(10, 20)
	if err := d.Add(url, picturePNG(t, 40, 40)); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSixelMarkers: Picture holds a picture's place with marker rows that
// place swaps for the picture, and only those: a row that looks like one
// but lacks the run's tag, names no picture, or is part of a run cut
// short is left as it is (blank for the cut run).
func TestSixelMarkers(t *testing.T) {
	const url = "https://img.test/a.png"
	sp, err := newSixelPictures(sixelDrawer(t, url), 0)
	if err != nil {
		t.Fatal(err)
	}
	other, err := newSixelPictures(sixelDrawer(t, url), 0)
	if err != nil {
		t.Fatal(err)
	}
	if sp.tag == other.tag {
		t.Fatalf("two runs drew the same marker %q", sp.tag)
	}
	if _, ok := sp.Picture("https://img.test/missing.png", 20, 10); ok {
		t.Error("a picture never added was drawn")
	}
	rows, ok := sp.Picture(url, 20, 10)
	// 40 px of sixel bands (42) in 20 px rows: 3 rows.
	if !ok || len(rows) != 3 {
		t.Fatalf("Picture = %d rows, %v; want 3", len(rows), ok)
	}
	for _, r := range rows {
		if ansi.StringWidth(r) != 5 || strings.ContainsRune(r, '\x1b') {
			t.Errorf("marker row %q: want 5 cells of text", r)
		}
	}
	foreign, _ := other.Picture(url, 20, 10)

	page := strings.Join([]string{
		"above",
		"    " + rows[0], "    " + rows[1], "    " + rows[2],
		"caption",
		foreign[0], foreign[1], foreign[2], // another run's marker
		"  " + rows[0], // cut short: one row of three
		"end",
	}, "\n")
	got := sp.place(page)
	want := "above\n" + "\n\n\n" + "\x1b7\x1b[3A\x1b[5G"
	if !strings.HasPrefix(got, want) {
		t.Fatalf("place:\n%q\nwant it to start %q", got, want)
	}
	if n := strings.Count(got, "\x1bP"); n != 1 {
		t.Errorf("%d sixel sequences, want 1", n)
	}
	rest := got[strings.Index(got, "\x1b8")+2:]
	wantRest := "caption\n" + strings.Join(foreign, "\n") + "\n" + "\n" + "end"
	if rest != wantRest {
		t.Errorf("after the picture:\n%q\nwant\n%q", rest, wantRest)
	}
}

// TestSixelPicturesFitTheScreen: on a terminal of few rows, a picture
// takes at most the rows less two (itself and the row under it on screen
// at once).
func TestSixelPicturesFitTheScreen(t *testing.T) {
	const url = "https://img.test/a.png"
	d := images.NewDrawer(images.ModeSixel, color.Black)
	d.SetCellSize(10, 20)
	m := image.NewRGBA(image.Rect(0, 0, 40, 400))
	if err := d.Add(url, picturetest.EncodePNG(t, m)); err != nil {
		t.Fatal(err)
	}
	sp, err := newSixelPictures(d, 8)
	if err != nil {
		t.Fatal(err)
	}
	if rows, ok := sp.Picture(url, 20, 20); !ok || len(rows) > 6 {
		t.Errorf("Picture on an 8-row terminal = %d rows, %v; want at most 6", len(rows), ok)
	}
}
