package images

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi/kitty"
	"github.com/herald-reader/herald/internal/picturetest"
)

func TestDrawerHalfblocks(t *testing.T) {
	bg := color.RGBA{0x22, 0x22, 0x22, 0xff}
	for _, mode := range []Mode{ModeHalfblocks, ModeSixel, ModeAuto} {
		d := NewDrawer(mode, bg)
		if _, ok := d.Picture("http://x/a.png", 20, 10); ok {
			t.Fatal("a picture before Add")
		}
		if err := d.Add("http://x/a.png", picturetest.EncodePNG(t, gradient(200, 100))); err != nil {
			t.Fatal(err)
		}
		lines, ok := d.Picture("http://x/a.png", 20, 10)
		// 20×20 half-block pixels: 200×100 fits as 20×10, five rows.
		if !ok || len(lines) != 5 {
			t.Fatalf("%v: %d lines, %v; want 5", mode, len(lines), ok)
		}
		for _, l := range lines {
			if cells, _ := parseSGRLine(t, l); len(cells) != 20 {
				t.Fatalf("%v: a row of %d cells, want 20", mode, len(cells))
			}
		}
		again, _ := d.Picture("http://x/a.png", 20, 10)
		if &again[0] != &lines[0] {
			t.Errorf("%v: the same picture was drawn twice", mode)
		}
		if tr := d.TakeTransmissions(); len(tr) != 0 {
			t.Errorf("%v: %d kitty transmissions", mode, len(tr))
		}
	}
}

func TestDrawerCompositesTransparencyOverTheBackground(t *testing.T) {
	bg := color.RGBA{0x10, 0x20, 0x30, 0xff}
	d := NewDrawer(ModeHalfblocks, bg)
	clear := image.NewNRGBA(image.Rect(0, 0, 4, 4)) // all transparent
	if err := d.Add("u", picturetest.EncodePNG(t, clear)); err != nil {
		t.Fatal(err)
	}
	lines, ok := d.Picture("u", 10, 10)
	if !ok {
		t.Fatal("no picture")
	}
	for _, l := range lines {
		cells, _ := parseSGRLine(t, l)
		for _, c := range cells {
			if c.fg != rgbString(bg) || c.bg != rgbString(bg) {
				t.Fatalf("cell fg %s bg %s, want the background %s", c.fg, c.bg, rgbString(bg))
			}
		}
	}
}

func TestDrawerKittySendsEachPlacementOnce(t *testing.T) {
	d := NewDrawer(ModeKitty, color.Black)
	if err := d.Add("http://x/a.png", picturetest.EncodePNG(t, gradient(400, 300))); err != nil {
		t.Fatal(err)
	}
	lines, ok := d.Picture("http://x/a.png", 40, 20)
	// 40×20 cells of 10×20 pixels: 400×300 fits as is, in 40×15 cells.
	if !ok || len(lines) != 15 {
		t.Fatalf("%d lines, %v; want 15", len(lines), ok)
	}
	cells, _ := parseSGRLine(t, lines[0])
	if len(cells) != 40 || !strings.HasPrefix(cells[0].text, string(kitty.Placeholder)) {
		t.Fatalf("first row: %d cells starting %q", len(cells), cells[0].text)
	}
	sent := d.TakeTransmissions()
	if len(sent) != 1 {
		t.Fatalf("%d transmissions, want 1", len(sent))
	}
	chunks := picturetest.KittyChunks(t, sent[0])
	var opts kitty.Options
	if err := opts.UnmarshalText([]byte(chunks[0].Control)); err != nil {
		t.Fatal(err)
	}
	if opts.Columns != 40 || opts.Rows != 15 || rgbString(color.RGBA{uint8(opts.ID >> 16), uint8(opts.ID >> 8), uint8(opts.ID), 0}) != cells[0].fg {
		t.Fatalf("placement %q does not match placeholders in %s", chunks[0].Control, cells[0].fg)
	}
	img := picturetest.KittyImage(t, chunks)
	if img.Bounds().Dx() != 400 || img.Bounds().Dy() != 300 {
		t.Fatalf("transmitted image %v, want 400×300", img.Bounds())
	}

	d.Picture("http://x/a.png", 40, 20)
	if tr := d.TakeTransmissions(); len(tr) != 0 {
		t.Errorf("%d transmissions for a placement already sent", len(tr))
	}
	small, _ := d.Picture("http://x/a.png", 20, 20)
	tr := d.TakeTransmissions()
	if len(tr) != 1 || len(small) != 8 { // 200×150 pixels: 20×8 cells
		t.Fatalf("a new size: %d transmissions, %d rows; want 1 and 8", len(tr), len(small))
	}
	if cells2, _ := parseSGRLine(t, small[0]); cells2[0].fg == cells[0].fg {
		t.Error("a new placement size reused the image id")
	}
}

func TestDrawerSixelBlockAndOff(t *testing.T) {
	data := picturetest.EncodePNG(t, gradient(300, 300))
	d := NewDrawer(ModeSixel, color.White)
	d.SetCellSize(8, 16)
	if err := d.Add("u", data); err != nil {
		t.Fatal(err)
	}
	seq, rows, ok := d.SixelBlock("u", 30, 10) // 240×160 box, 156 pixels of whole bands: 156×156
	if !ok || rows != 10 || !strings.HasPrefix(seq, "\x1bP") {
		t.Fatalf("SixelBlock = %d bytes, %d rows, %v", len(seq), rows, ok)
	}
	if b := decodeSixel(t, seq).Bounds(); b.Dx() != 156 || b.Dy() != 156 {
		t.Errorf("sixel image %v, want 156×156", b)
	}
	if _, _, ok := d.SixelBlock("other", 30, 10); ok {
		t.Error("SixelBlock of an image never added")
	}

	off := NewDrawer(ModeOff, nil)
	if err := off.Add("u", data); err != nil {
		t.Fatal(err)
	}
	if _, ok := off.Picture("u", 30, 10); ok {
		t.Error("ModeOff drew a picture")
	}
	if _, _, ok := off.SixelBlock("u", 30, 10); ok {
		t.Error("ModeOff drew a sixel block")
	}
}

func TestDrawerAddRefusesWhatDecodeRefuses(t *testing.T) {
	d := NewDrawer(ModeHalfblocks, nil)
	if err := d.Add("u", []byte("<html>")); err == nil {
		t.Error("Add accepted HTML")
	}
	if err := d.Add("u", pngClaiming(50000, 50000)); err == nil {
		t.Error("Add accepted a decompression bomb")
	}
	if d.Has("u") {
		t.Error("a refused image is kept")
	}
}

// TestDrawerBytesCountsWhatItKeeps: the decoded image (kept at most
// maxKeptSide a side) and the rows drawn from it.
func TestDrawerBytesCountsWhatItKeeps(t *testing.T) {
	d := NewDrawer(ModeHalfblocks, nil)
	if n := d.Bytes(); n != 0 {
		t.Fatalf("an empty drawer keeps %d bytes", n)
	}
	if err := d.Add("http://x/big.png", picturetest.EncodePNG(t, gradient(2000, 500))); err != nil {
		t.Fatal(err)
	}
	decoded := int64(maxKeptSide * (maxKeptSide / 4) * 4) // 2000×500 kept as 1024×256 RGBA
	if n := d.Bytes(); n != decoded {
		t.Fatalf("after Add: %d bytes, want %d", n, decoded)
	}
	lines, _ := d.Picture("http://x/big.png", 40, 10)
	drawn := 0
	for _, l := range lines {
		drawn += len(l)
	}
	if n := d.Bytes(); n != decoded+int64(drawn) {
		t.Fatalf("after Picture: %d bytes, want %d + %d", n, decoded, drawn)
	}
}
