package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// Limits on what Decode accepts: a small file can claim an enormous
// canvas (a decompression bomb), so the header is read and checked first.
const (
	MaxPixels = 40_000_000 // width × height
	MaxSide   = 16384      // either side, in pixels
	// MaxDecodedBytes bounds the memory a decoded image takes before it is
	// scaled down: 16.7 megapixels of 8-bit RGBA, a quarter of that at 16
	// bits a channel (a 16-bit PNG of 6300×6300 compresses to 300 KB).
	MaxDecodedBytes = 64 << 20
)

// bytesPerPixel is what the decoder of an image in model m allocates for
// a pixel: 8 for 16-bit RGBA, 4 for 8-bit RGBA and CMYK, 3 at most for
// JPEG's YCbCr, 2 for 16-bit grey, 1 for paletted and 8-bit grey.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.YCbCrModel:
		return 3
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// Default size of a terminal cell in pixels, for kitty and sixel when the
// terminal did not say: about 1:2, the usual monospace cell.
const (
	DefaultCellWidth  = 10
	DefaultCellHeight = 20
)

// ErrFormat is the error of Decode for data that is not a png, jpeg, gif
// or webp image.
var ErrFormat = errors.New("images: not a png, jpeg, gif or webp image")

// format is one image format herald decodes, named by its magic bytes.
type format struct {
	name   string
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

var (
	formatPNG  = format{"png", png.DecodeConfig, png.Decode}
	formatJPEG = format{"jpeg", jpeg.DecodeConfig, jpeg.Decode}
	formatGIF  = format{"gif", gif.DecodeConfig, gif.Decode} // gif.Decode: the first frame
	formatWEBP = format{"webp", webp.DecodeConfig, webp.Decode}
)

// sniff names the format of data by its first bytes (no global registry:
// only these four formats are ever decoded).
func sniff(data []byte) (format, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return formatPNG, true
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return formatJPEG, true
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return formatGIF, true
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return formatWEBP, true
	}
	return format{}, false
}

// checkConfig reads the image header and refuses empty or oversized
// canvases before any pixel is decoded.
func checkConfig(f format, data []byte) (image.Config, error) {
	cfg, err := f.config(bytes.NewReader(data))
	if err != nil {
		return cfg, fmt.Errorf("images: %s header: %w", f.name, err)
	}
	w, h := cfg.Width, cfg.Height
	switch {
	case w <= 0 || h <= 0:
		return cfg, fmt.Errorf("images: %s image of %d×%d pixels", f.name, w, h)
	case w > MaxSide || h > MaxSide || int64(w)*int64(h) > MaxPixels:
		return cfg, fmt.Errorf("images: %s image of %d×%d pixels is too large (at most %d a side, %d in all)",
			f.name, w, h, MaxSide, MaxPixels)
	case int64(w)*int64(h)*bytesPerPixel(cfg.ColorModel) > MaxDecodedBytes:
		return cfg, fmt.Errorf("images: %s image of %d×%d pixels is too large to decode (%d bytes a pixel, at most %d MiB)",
			f.name, w, h, bytesPerPixel(cfg.ColorModel), MaxDecodedBytes>>20)
	}
	return cfg, nil
}

// Decode decodes a png, jpeg, gif (its first frame) or webp image, after
// checking its declared size against MaxSide and MaxPixels.
func Decode(data []byte) (img image.Image, err error) {
	f, ok := sniff(data)
	if !ok {
		return nil, ErrFormat
	}
	cfg, err := checkConfig(f, data)
	if err != nil {
		return nil, err
	}
	// The decoders are well tested but parse hostile input: a panic in one
	// is a decode error here, never a crash of the reader.
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("images: %s decoder failed: %v", f.name, r)
		}
	}()
	img, err = f.decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("images: decode %s: %w", f.name, err)
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, fmt.Errorf("images: %s decoded to %d×%d, header said %d×%d",
			f.name, b.Dx(), b.Dy(), cfg.Width, cfg.Height)
	}
	return img, nil
}

// fitPixels returns the size in pixels of an image of w×h pixels shrunk
// (never enlarged) to fit a box of boxW×boxH pixels, keeping its aspect.
// Both results are at least 1 when the box is not empty.
func fitPixels(w, h, boxW, boxH int) (int, int) {
	if w <= 0 || h <= 0 || boxW <= 0 || boxH <= 0 {
		return 0, 0
	}
	if w <= boxW && h <= boxH {
		return w, h
	}
	// Compare w/h with boxW/boxH without floating point.
	if int64(w)*int64(boxH) >= int64(h)*int64(boxW) {
		nh := int((int64(h)*int64(boxW) + int64(w)/2) / int64(w))
		return boxW, max(nh, 1)
	}
	nw := int((int64(w)*int64(boxH) + int64(h)/2) / int64(h))
	return max(nw, 1), boxH
}

// fitCells returns the size in pixels of img fitted into cols×rows cells
// of cellW×cellH pixels.
func fitCells(img image.Image, cols, rows, cellW, cellH int) (int, int) {
	b := img.Bounds()
	return fitPixels(b.Dx(), b.Dy(), cols*cellW, rows*cellH)
}

// scale draws img resized to w×h pixels over an opaque bg (transparent
// and translucent pixels are composited over it). A nil bg keeps the
// alpha channel.
func scale(img image.Image, w, h int, bg color.Color) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	op := draw.Src
	if bg != nil {
		draw.Draw(dst, dst.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
		op = draw.Over
	}
	sb := img.Bounds()
	if sb.Dx() == w && sb.Dy() == h {
		draw.Draw(dst, dst.Bounds(), img, sb.Min, op)
		return dst
	}
	// Shrinking by more than half, bilinear sampling would skip source
	// pixels (aliasing): the source is first halved, each step averaging
	// 2×2 pixels, until within a factor of two, which bilinear handles.
	// A source far larger in one direction only takes CatmullRom, which
	// averages every source pixel but costs more.
	src := img
	for sb.Dx() > 2*w && sb.Dy() > 2*h {
		half := image.NewRGBA(image.Rect(0, 0, (sb.Dx()+1)/2, (sb.Dy()+1)/2))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), src, sb, draw.Src, nil)
		src, sb = half, half.Bounds()
	}
	if sb.Dx() > 2*w || sb.Dy() > 2*h {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, sb, op, nil)
	} else {
		draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, sb, op, nil)
	}
	return dst
}

// fitted returns img shrunk to fit cols×rows cells of cellW×cellH pixels,
// or img itself when it already fits. Alpha is kept.
func fitted(img image.Image, cols, rows, cellW, cellH int) image.Image {
	w, h := fitCells(img, cols, rows, cellW, cellH)
	if w == 0 || h == 0 {
		return nil
	}
	if b := img.Bounds(); b.Dx() == w && b.Dy() == h {
		return img
	}
	return scale(img, w, h, nil)
}
