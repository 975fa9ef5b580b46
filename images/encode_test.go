package images

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi/kitty"
	"github.com/charmbracelet/x/ansi/sixel"

	"github.com/herald-reader/herald/internal/picturetest"
)

func TestKittyTransmitDecodesToTheScaledImage(t *testing.T) {
	src := noise(500, 400, 1) // 4:3 noise: many chunks, an exact PNG round trip
	const id, cols, rows = 4242, 30, 10
	seq := KittyTransmit(src, id, cols, rows)
	chunks := picturetest.KittyChunks(t, seq)
	if len(chunks) < 3 {
		t.Fatalf("%d chunks, want several for %d bytes", len(chunks), len(seq))
	}
	var first kitty.Options
	if err := first.UnmarshalText([]byte(chunks[0].Control)); err != nil {
		t.Fatal(err)
	}
	if first.Action != kitty.TransmitAndPut || !first.VirtualPlacement || first.ID != id ||
		first.Columns != cols || first.Rows != rows || first.Quite != 2 || first.Format != kitty.PNG {
		t.Fatalf("first chunk's keys %q", chunks[0].Control)
	}
	for i, c := range chunks {
		wantMore := "m=1"
		if i == len(chunks)-1 {
			wantMore = "m=0"
		}
		if !strings.Contains(","+c.Control+",", ","+wantMore+",") {
			t.Fatalf("chunk %d keys %q, want %s", i, c.Control, wantMore)
		}
		if len(c.Payload) > kitty.MaxChunkSize || (i < len(chunks)-1 && len(c.Payload)%4 != 0) {
			t.Fatalf("chunk %d carries %d bytes", i, len(c.Payload))
		}
	}
	got := picturetest.KittyImage(t, chunks)
	// 30×10 cells of 10×20 pixels: a 300×200 box; 500×400 fits as 250×200.
	want := scale(src, 250, 200, nil)
	if got.Bounds() != want.Bounds() {
		t.Fatalf("decoded %v, want %v", got.Bounds(), want.Bounds())
	}
	for y := range 200 {
		for x := range 250 {
			if g, w := color.RGBAModel.Convert(got.At(x, y)), want.At(x, y); g != w {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, g, w)
			}
		}
	}
}

func TestKittyTransmitRefusesWhatItCannotPlace(t *testing.T) {
	src := gradient(4, 4)
	for _, c := range []struct {
		id         uint32
		cols, rows int
	}{{0, 4, 4}, {1, 0, 4}, {1, 4, 0}} {
		if s := KittyTransmit(src, c.id, c.cols, c.rows); s != "" {
			t.Errorf("KittyTransmit(id %d, %d×%d) = %q, want nothing", c.id, c.cols, c.rows, s)
		}
	}
	if KittyTransmit(nil, 1, 4, 4) != "" {
		t.Error("KittyTransmit(nil) drew something")
	}
}

func TestKittyPlaceholdersCarryIDRowAndColumn(t *testing.T) {
	for _, id := range []uint32{7, 0x123456, 0x7f00ff01} {
		lines := KittyPlaceholders(id, 5, 3)
		if len(lines) != 3 {
			t.Fatalf("id %#x: %d lines, want 3", id, len(lines))
		}
		wantFG := rgbString(color.RGBA{uint8(id >> 16), uint8(id >> 8), uint8(id), 0})
		for r, line := range lines {
			cells, reset := parseSGRLine(t, line)
			if !reset {
				t.Errorf("id %#x row %d does not end with a reset", id, r)
			}
			if len(cells) != 5 {
				t.Fatalf("id %#x row %d: %d cells, want 5", id, r, len(cells))
			}
			for c, cell := range cells {
				want := string(kitty.Placeholder) + string(kitty.Diacritic(r)) + string(kitty.Diacritic(c))
				if id>>24 != 0 {
					want += string(kitty.Diacritic(int(id >> 24)))
				}
				if cell.text != want || cell.fg != wantFG {
					t.Fatalf("id %#x cell (%d,%d) = %+q fg %s, want %+q fg %s", id, r, c, cell.text, cell.fg, want, wantFG)
				}
			}
		}
	}
	if KittyPlaceholders(0, 3, 3) != nil {
		t.Error("id 0 has placeholders")
	}
	if got := KittyPlaceholders(1, 1000, 1); len(got) != 1 || strings.Count(got[0], string(kitty.Placeholder)) != MaxKittyCells {
		t.Errorf("a row wider than the diacritics table was not cut at %d cells", MaxKittyCells)
	}
}

func TestHalfblocksReadBackAsTheScaledImage(t *testing.T) {
	for _, tc := range []struct {
		name       string
		src        image.Image
		cols, rows int
		w, h       int // the fitted size in pixels
	}{
		{"shrunk", gradient(400, 300), 40, 12, 32, 24}, // box 40×24
		{"odd height", gradient(9, 7), 20, 10, 9, 7},   // fits as is; the last row has no lower pixel
		{"wide", gradient(300, 20), 30, 10, 30, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := scale(tc.src, tc.w, tc.h, nil)
			lines := Halfblocks(tc.src, tc.cols, tc.rows)
			if len(lines) != (tc.h+1)/2 {
				t.Fatalf("%d lines, want %d", len(lines), (tc.h+1)/2)
			}
			for row, line := range lines {
				cells, reset := parseSGRLine(t, line)
				if !reset {
					t.Errorf("row %d does not end with a reset", row)
				}
				if len(cells) != tc.w {
					t.Fatalf("row %d: %d cells, want %d", row, len(cells), tc.w)
				}
				for x, cell := range cells {
					top := rgbString(want.At(x, 2*row))
					bottom := "default"
					if 2*row+1 < tc.h {
						bottom = rgbString(want.At(x, 2*row+1))
					}
					if cell.text != "▀" || cell.fg != top || cell.bg != bottom {
						t.Fatalf("cell (%d,%d) = %q fg %s bg %s, want ▀ fg %s bg %s",
							x, row, cell.text, cell.fg, cell.bg, top, bottom)
					}
				}
			}
		})
	}
}

func TestHalfblocksMergesEqualNeighbours(t *testing.T) {
	flat := image.NewUniform(color.RGBA{10, 20, 30, 255})
	m := image.NewRGBA(image.Rect(0, 0, 12, 2))
	for y := range 2 {
		for x := range 12 {
			m.Set(x, y, flat.C)
		}
	}
	lines := Halfblocks(m, 12, 1)
	want := "\x1b[38;2;10;20;30m\x1b[48;2;10;20;30m" + strings.Repeat("▀", 12) + "\x1b[m"
	if len(lines) != 1 || lines[0] != want {
		t.Fatalf("Halfblocks of a flat image = %q, want %q", lines, want)
	}
}

// sixelRepeat is a sixel run: ! count, then the sixel character.
var sixelRepeat = regexp.MustCompile(`!([0-9]+)([?-~])`)

// decodeSixel decodes a DCS sixel sequence back into an image with
// x/ansi's decoder. That decoder (v0.11.6) reads the sixel characters
// after a run as part of the run and drops them ("!15?O" loses the O), so
// runs are expanded first; the pixels are then decoded by the library.
func decodeSixel(t *testing.T, seq string) image.Image {
	t.Helper()
	body, ok := strings.CutPrefix(seq, "\x1bP0;1q")
	if !ok || !strings.HasSuffix(body, "\x1b\\") {
		t.Fatalf("not a DCS sixel sequence: %q…", seq[:min(len(seq), 20)])
	}
	body = sixelRepeat.ReplaceAllStringFunc(strings.TrimSuffix(body, "\x1b\\"), func(run string) string {
		m := sixelRepeat.FindStringSubmatch(run)
		n, _ := strconv.Atoi(m[1])
		return strings.Repeat(m[2], n)
	})
	img, err := (&sixel.Decoder{}).Decode(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestSixelDecodesToTheScaledImage(t *testing.T) {
	src := gradient(640, 480)
	seq, covered := Sixel(src, 20, 6, 10, 20) // box 200×120: 640×480 fits as 160×120
	got := decodeSixel(t, seq)
	if covered != 6 {
		t.Errorf("covers %d rows, want 6", covered)
	}
	// 19,200 colours quantised to a 256-colour palette of 0–100 levels.
	maxErr, meanErr := compareApprox(t, got, scale(src, 160, 120, nil))
	if maxErr > 48 || meanErr > 14 {
		t.Errorf("channel error: max %d, mean %.1f; want at most 48 and 14", maxErr, meanErr)
	}
}

func TestSixelKeepsAFewColoursExact(t *testing.T) {
	// 64 colours, each a 4×6 block: the palette holds them all, and only
	// sixel's 0–100 colour levels round them.
	src := image.NewRGBA(image.Rect(0, 0, 32, 48))
	for y := range 48 {
		for x := range 32 {
			i := (y/6)*8 + x/4
			src.SetRGBA(x, y, color.RGBA{uint8(i * 4), uint8(255 - i*3), uint8(i * 37 % 256), 0xff})
		}
	}
	seq, _ := Sixel(src, 10, 10, 10, 20)
	if maxErr, _ := compareApprox(t, decodeSixel(t, seq), src); maxErr > 3 {
		t.Errorf("channel error up to %d, want at most 3 (0–100 rounding)", maxErr)
	}
}

// compareApprox compares got with want, which must be no larger, channel
// by channel in 8-bit levels, and returns the largest and mean error.
func compareApprox(t *testing.T, got, want image.Image) (int, float64) {
	t.Helper()
	wb := want.Bounds()
	if b := got.Bounds(); b.Dx() != wb.Dx() || b.Dy() < wb.Dy() || b.Dy() >= wb.Dy()+sixelBand {
		t.Fatalf("decoded %v, want %v (plus at most a partial band)", b, wb)
	}
	var sum, n, worst int
	for y := range wb.Dy() {
		for x := range wb.Dx() {
			gr, gg, gb, ga := got.At(x, y).RGBA()
			wr, wg, wb, _ := want.At(x, y).RGBA()
			if ga == 0 {
				t.Fatalf("pixel (%d,%d) was not drawn", x, y)
			}
			for _, d := range []int{absDiff(gr, wr), absDiff(gg, wg), absDiff(gb, wb)} {
				worst = max(worst, d)
				sum += d
				n++
			}
		}
	}
	return worst, float64(sum) / float64(n)
}

func TestSixelKeepsWholeBandsInsideTheBox(t *testing.T) {
	src := gradient(100, 100)
	// 3 rows of 15 pixels: a 45-pixel box holds 7 bands (42 pixels).
	seq, covered := Sixel(src, 10, 3, 15, 15)
	got := decodeSixel(t, seq)
	if b := got.Bounds(); b.Dy() != 42 || b.Dx() != 42 {
		t.Fatalf("decoded %v, want 42×42", b)
	}
	if covered != 3 {
		t.Errorf("covers %d rows, want 3", covered)
	}
	if s, n := Sixel(src, 0, 3, 10, 20); s != "" || n != 0 {
		t.Error("an empty box drew something")
	}
}

func absDiff(a, b uint32) int {
	d := int(a>>8) - int(b>>8)
	if d < 0 {
		return -d
	}
	return d
}
