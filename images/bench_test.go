package images

import (
	"image/color"
	"testing"
)

// The reader draws a 72-column measure; 20 rows is its picture height.
const benchCols, benchRows = 72, 20

func BenchmarkHalfblocks(b *testing.B) {
	src := gradient(1200, 800)
	fit := scale(src, 60, 40, nil) // the drawn size: 72×40 pixels hold 1200×800 as 60×40
	b.Run("fitted", func(b *testing.B) {
		for b.Loop() {
			Halfblocks(fit, benchCols, benchRows)
		}
	})
	b.Run("from1200x800", func(b *testing.B) {
		for b.Loop() {
			Halfblocks(src, benchCols, benchRows)
		}
	})
}

func BenchmarkKittyTransmit(b *testing.B) {
	src := gradient(1200, 800)
	b.Run("from1200x800", func(b *testing.B) {
		for b.Loop() {
			KittyTransmit(src, 1, benchCols, benchRows)
		}
	})
}

// BenchmarkDrawerAdd is the decode-once cost of a typical article photo.
func BenchmarkDrawerAdd(b *testing.B) {
	data := encodeJPEG(b, gradient(1600, 1067))
	for b.Loop() {
		d := NewDrawer(ModeHalfblocks, color.Black)
		if err := d.Add("u", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScaleForKitty is the scaling part of KittyTransmit above (the
// rest is PNG encoding and base64).
func BenchmarkScaleForKitty(b *testing.B) {
	src := gradient(1200, 800)
	for b.Loop() {
		scale(src, 600, 400, nil)
	}
}
