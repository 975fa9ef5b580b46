package images

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi/kitty"
)

// gradient returns a w×h opaque image whose every pixel differs from its
// neighbours (red grows to the right, green downwards, blue mixes both).
func gradient(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / max(w-1, 1)), uint8(y * 255 / max(h-1, 1)), uint8((x*7 + y*3) % 256), 0xff})
		}
	}
	return m
}

// noise returns a w×h image of random opaque pixels (PNG cannot compress
// it, so its kitty transmission takes many chunks).
func noise(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, seed))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 0xff
	}
	return m
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sgrCell is one printed cell of an SGR-coloured line: its text (a base
// character and the combining marks after it) and the colours in force.
type sgrCell struct {
	text   string
	fg, bg string // "R;G;B", "default", or "" when never set
}

// parseSGRLine reads a line made of SGR sequences and printable text back
// into cells, failing the test on any other escape or control character.
// It returns the cells and whether the line ends with a reset.
func parseSGRLine(t testing.TB, line string) ([]sgrCell, bool) {
	t.Helper()
	var cells []sgrCell
	var fg, bg string
	reset := false
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			end := strings.IndexByte(line[i:], 'm')
			if !strings.HasPrefix(line[i:], "\x1b[") || end < 0 {
				t.Fatalf("not an SGR sequence at %d: %q", i, line[i:min(len(line), i+20)])
			}
			params := line[i+2 : i+end]
			i += end + 1
			reset = params == ""
			switch {
			case params == "" || params == "0":
				fg, bg = "", ""
			case params == "39":
				fg = "default"
			case params == "49":
				bg = "default"
			case strings.HasPrefix(params, "38;2;"):
				fg = params[5:]
			case strings.HasPrefix(params, "48;2;"):
				bg = params[5:]
			default:
				t.Fatalf("unexpected SGR %q", params)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		if r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Fatalf("control or invalid byte %q at %d", line[i:i+n], i)
		}
		i += n
		reset = false
		if isCombining(r) && len(cells) > 0 {
			cells[len(cells)-1].text += string(r)
			continue
		}
		cells = append(cells, sgrCell{text: string(r), fg: fg, bg: bg})
	}
	return cells, reset
}

// isCombining reports whether r is one of the kitty row/column diacritics
// (all combining marks, none below U+0300).
func isCombining(r rune) bool {
	for i := range MaxKittyCells {
		if kitty.Diacritic(i) == r {
			return true
		}
	}
	return false
}

// rgbString is c as parseSGRLine reports a colour.
func rgbString(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return strconv.Itoa(int(r>>8)) + ";" + strconv.Itoa(int(g>>8)) + ";" + strconv.Itoa(int(b>>8))
}
