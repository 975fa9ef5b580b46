// Package picturetest makes pictures for tests and reads back what herald
// drew of them: PNG files of known colours, the colours of half-block (▀)
// cells in a styled page, and the image in a kitty graphics transmission.
// The packages that draw pictures (images, render, tui, cmd/herald) share
// it, as a package's _test files cannot import another's.
package picturetest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// Red and Blue are two colours far apart in every channel, for pictures
// whose parts must still be told apart once drawn.
var (
	Red  = color.RGBA{0xc8, 0x32, 0x14, 0xff}
	Blue = color.RGBA{0x14, 0x50, 0xc8, 0xff}
)

// Fill returns a w×h picture whose pixel (x, y) is at(x, y).
func Fill(w, h int, at func(x, y int) color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, at(x, y))
		}
	}
	return m
}

// TopBottom returns a w×h picture whose upper half (rows 0 to h/2-1) is
// top and lower half bottom.
func TopBottom(w, h int, top, bottom color.RGBA) *image.RGBA {
	return Fill(w, h, func(_, y int) color.RGBA {
		if y >= h/2 {
			return bottom
		}
		return top
	})
}

// LeftRight returns a w×h picture whose left half (columns 0 to w/2-1) is
// left and right half right.
func LeftRight(w, h int, left, right color.RGBA) *image.RGBA {
	return Fill(w, h, func(x, _ int) color.RGBA {
		if x >= w/2 {
			return right
		}
		return left
	})
}

// EncodePNG returns m as a PNG file, failing the test if it cannot.
func EncodePNG(tb testing.TB, m image.Image) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		tb.Fatalf("picturetest: encode PNG: %v", err)
	}
	return b.Bytes()
}

// Near reports whether a and b differ by at most tol in each of R, G and B.
func Near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}
