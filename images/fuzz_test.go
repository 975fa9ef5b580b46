package images

import (
	"image"
	"image/color"
	"math/rand/v2"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/herald-reader/herald/internal/picturetest"
)

// The only forms each encoder may emit. Text between SGR sequences may
// be any printable Unicode (▀, U+10EEEE, the kitty diacritics) but no C0
// or C1 control, DEL or invalid UTF-8.
var (
	sgrOnly   = regexp.MustCompile(`^(?:\x1b\[[0-9;]*m|[^\x00-\x1f\x7f\x{80}-\x{9f}])*$`)
	kittyOnly = regexp.MustCompile(`^(?:\x1b_G[a-zA-Z]=[0-9a-zA-Z]+(?:,[a-zA-Z]=[0-9a-zA-Z]+)*(?:;[A-Za-z0-9+/=]*)?\x1b\\)+$`)
	sixelOnly = regexp.MustCompile(`^\x1bP[0-9;]*q[\x20-\x7e]*\x1b\\$`)
)

func checkSGRLines(t *testing.T, what string, lines []string) {
	t.Helper()
	for _, l := range lines {
		if !utf8.ValidString(l) || !sgrOnly.MatchString(l) {
			t.Fatalf("%s emitted more than SGR and text: %q", what, l)
		}
	}
}

func checkKitty(t *testing.T, what string, seqs ...string) {
	t.Helper()
	for _, s := range seqs {
		if s != "" && !kittyOnly.MatchString(s) {
			t.Fatalf("%s emitted more than kitty APC G sequences: %q", what, s[:min(len(s), 200)])
		}
	}
}

func checkSixel(t *testing.T, what, s string) {
	t.Helper()
	if s != "" && !sixelOnly.MatchString(s) {
		t.Fatalf("%s emitted more than one DCS sixel sequence: %q", what, s[:min(len(s), 200)])
	}
}

// FuzzEncodersEmitOnlyTheirOwnSequences: whatever the image bytes and
// URL, decoding fails with an error or succeeds, never panics, and every
// encoder and the Drawer emit only their own form of escape sequence:
// nothing in an image file or URL can smuggle a control sequence through.
func FuzzEncodersEmitOnlyTheirOwnSequences(f *testing.F) {
	alpha := image.NewNRGBA(image.Rect(0, 0, 5, 3))
	for i := range alpha.Pix {
		alpha.Pix[i] = uint8(i * 37)
	}
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	for _, seed := range [][]byte{
		picturetest.EncodePNG(f, gradient(7, 5)),
		picturetest.EncodePNG(f, alpha),
		encodeGIF(f, gradient(6, 4)),
		encodeJPEG(f, gradient(9, 9)),
		readTestdata(f, "gopher-doc.1bpp.lossless.webp"),
		random,
		append([]byte("\x89PNG\r\n\x1a\n"), random...),
		[]byte("GIF89a\x1b]0;title\x07"),
	} {
		for _, url := range []string{"https://example.invalid/a.png", "\x1b[31m\x9b2J\x07", "http://x/\u202e\x00"} {
			f.Add(seed, url)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, url string) {
		img, err := Decode(data)
		d := NewDrawer(ModeKitty, color.RGBA{1, 2, 3, 255})
		h := NewDrawer(ModeHalfblocks, nil)
		addErr, addErrH := d.Add(url, data), h.Add(url, data)
		if err != nil {
			if img != nil || addErr == nil || addErrH == nil {
				t.Fatalf("Decode failed (%v) but returned an image or Add succeeded", err)
			}
			return
		}
		if addErr != nil || addErrH != nil {
			t.Fatalf("Decode succeeded but Add failed: %v, %v", addErr, addErrH)
		}
		const id = 0x01abcdef // with a high byte: the third diacritic
		checkSGRLines(t, "Halfblocks", Halfblocks(img, 12, 5))
		checkSGRLines(t, "KittyPlaceholders", KittyPlaceholders(id, 12, 5))
		checkKitty(t, "KittyTransmit", KittyTransmit(img, id, 6, 3))
		s, _ := Sixel(img, 6, 3, 10, 20)
		checkSixel(t, "Sixel", s)

		lines, ok := d.Picture(url, 12, 5)
		if !ok {
			t.Fatal("no kitty picture of a decoded image")
		}
		checkSGRLines(t, "Drawer kitty", lines)
		checkKitty(t, "Drawer transmissions", d.TakeTransmissions()...)
		if lines, ok = h.Picture(url, 12, 5); !ok {
			t.Fatal("no half-block picture of a decoded image")
		}
		checkSGRLines(t, "Drawer half-blocks", lines)
		block, _, _ := h.SixelBlock(url, 6, 3)
		checkSixel(t, "SixelBlock", block)
	})
}
