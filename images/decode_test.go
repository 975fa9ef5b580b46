package images

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"strings"
	"testing"

	"github.com/herald-reader/herald/internal/picturetest"
)

func TestDecodeFormats(t *testing.T) {
	src := gradient(24, 16)
	for _, tc := range []struct {
		name string
		data []byte
		w, h int
	}{
		{"png", picturetest.EncodePNG(t, src), 24, 16},
		{"jpeg", encodeJPEG(t, src), 24, 16},
		{"gif", encodeGIF(t, src), 24, 16},
		{"webp lossy", readTestdata(t, "blue-purple-pink.lossy.webp"), 150, 100},
		{"webp lossless", readTestdata(t, "gopher-doc.1bpp.lossless.webp"), 75, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Decode(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Errorf("decoded %v, want %d×%d", b, tc.w, tc.h)
			}
		})
	}
}

func TestDecodeTakesAGIFsFirstFrame(t *testing.T) {
	frame := func(c color.Color) *image.Paletted {
		m := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}})
		for i := range m.Pix {
			m.Pix[i] = uint8(m.Palette.Index(c))
		}
		return m
	}
	var b bytes.Buffer
	red, blue := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}
	if err := gif.EncodeAll(&b, &gif.GIF{Image: []*image.Paletted{frame(red), frame(blue)}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	img, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := color.RGBAModel.Convert(img.At(1, 1)); got != red {
		t.Errorf("pixel %v, want the first frame's red", got)
	}
}

func TestDecodeRefusesBombsAndNonImages(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"too many pixels", pngClaiming(8000, 8000), "too large"},
		{"too wide", pngClaiming(20000, 10), "too large"},
		// 9 megapixels: 36 MB at 8 bits a channel (the header passes, the
		// missing pixels fail), 72 MB at 16 (refused before decoding).
		{"16-bit canvas", pngClaimingDepth(3000, 3000, 16), "too large to decode"},
		{"8-bit canvas", pngClaimingDepth(3000, 3000, 8), "decode png"},
		{"empty canvas", pngClaiming(0, 10), "png header"},
		{"truncated pixels", pngClaiming(100, 100), "decode png"},
		{"html", []byte("<!doctype html><p>hi"), "not a png"},
		{"nothing", nil, "not a png"},
		{"terminal escapes", []byte("\x1b]52;c;aGk=\x07"), "not a png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Decode(tc.data)
			if err == nil || img != nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Decode = %v, %v; want an error containing %q", img, err, tc.want)
			}
		})
	}
	if _, err := Decode([]byte("plain text")); !errors.Is(err, ErrFormat) {
		t.Errorf("Decode(text) = %v, want ErrFormat", err)
	}
}

func TestFitPixelsKeepsAspectAndNeverEnlarges(t *testing.T) {
	for _, tc := range []struct{ w, h, boxW, boxH, wantW, wantH int }{
		{400, 300, 40, 24, 32, 24},
		{400, 300, 40, 100, 40, 30},
		{10, 10, 40, 24, 10, 10},          // small: kept as is
		{10000, 1, 72, 40, 72, 1},         // a hairline stays a line
		{1, 10000, 72, 40, 1, 40},         // and a post
		{300, 200, 0, 10, 0, 0},           // no box
		{0, 200, 10, 10, 0, 0},            // no image
		{16384, 2441, 720, 400, 720, 107}, // rounding
	} {
		if w, h := fitPixels(tc.w, tc.h, tc.boxW, tc.boxH); w != tc.wantW || h != tc.wantH {
			t.Errorf("fitPixels(%d×%d in %d×%d) = %d×%d, want %d×%d", tc.w, tc.h, tc.boxW, tc.boxH, w, h, tc.wantW, tc.wantH)
		}
	}
}

func TestScaleCompositesOverTheBackground(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	for y := range 8 {
		for x := range 8 {
			if x < 4 {
				src.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 0}) // transparent red
			} else {
				src.SetNRGBA(x, y, color.NRGBA{255, 255, 255, 128}) // half white
			}
		}
	}
	bg := color.RGBA{0x10, 0x20, 0x30, 0xff}
	got := scale(src, 8, 8, bg)
	if c := got.RGBAAt(1, 1); c != bg {
		t.Errorf("transparent pixel = %v, want the background %v", c, bg)
	}
	if c := got.RGBAAt(6, 6); c.A != 0xff || c.R < 0x80 || c.R > 0x90 {
		t.Errorf("half-white pixel = %v, want opaque, half way to white", c)
	}
}
