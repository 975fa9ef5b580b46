package picturetest_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/internal/picturetest"
)

func TestHalvesAndPNG(t *testing.T) {
	green := color.RGBA{G: 0xff, A: 0xff}
	for _, tc := range []struct {
		name   string
		m      *image.RGBA
		a, b   image.Point // a pixel of each half
		ac, bc color.RGBA
	}{
		{"top bottom", picturetest.TopBottom(6, 5, picturetest.Red, green), image.Pt(5, 1), image.Pt(0, 2), picturetest.Red, green},
		{"left right", picturetest.LeftRight(5, 6, green, picturetest.Blue), image.Pt(1, 5), image.Pt(2, 0), green, picturetest.Blue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := png.Decode(bytes.NewReader(picturetest.EncodePNG(t, tc.m)))
			if err != nil {
				t.Fatal(err)
			}
			if got.Bounds() != tc.m.Bounds() {
				t.Fatalf("decoded %v, want %v", got.Bounds(), tc.m.Bounds())
			}
			for _, c := range []struct {
				at   image.Point
				want color.RGBA
			}{{tc.a, tc.ac}, {tc.b, tc.bc}} {
				if px := color.RGBAModel.Convert(got.At(c.at.X, c.at.Y)); px != c.want {
					t.Errorf("pixel %v = %v, want %v", c.at, px, c.want)
				}
			}
		})
	}
}

func TestNear(t *testing.T) {
	a := color.RGBA{100, 100, 100, 255}
	if !picturetest.Near(a, color.RGBA{108, 92, 100, 0}, 8) {
		t.Error("8 apart a channel (alpha aside) is not near at 8")
	}
	if picturetest.Near(a, color.RGBA{100, 100, 109, 255}, 8) {
		t.Error("9 apart is near at 8")
	}
}

func TestHalfblockCellsFollowSGR(t *testing.T) {
	red, blue := picturetest.Red, picturetest.Blue
	line := "  \x1b[1;38;2;200;50;20mtext \x1b[48;2;20;80;200m▀▀\x1b]8;;x\x1b\\\x1b[49m▀\x1b[0;38:2::20:80:200m▀\x1b[m▀"
	want := []picturetest.Cell{{red, blue}, {red, blue}, {Fg: red}, {Fg: blue}, {}}
	if got := picturetest.HalfblockCells(t, line); !reflect.DeepEqual(got, want) {
		t.Errorf("cells %v, want %v", got, want)
	}
	rows := picturetest.HalfblockRows(t, "title\n"+line+"\n\n\x1b[38;2;1;2;3m▀")
	if len(rows) != 2 || rows[0].Line != 1 || len(rows[0].Cells) != 5 || rows[1].Line != 3 ||
		rows[1].Cells[0] != (picturetest.Cell{Fg: color.RGBA{1, 2, 3, 255}}) {
		t.Errorf("rows %+v, want lines 1 (5 cells) and 3", rows)
	}
}

// TestHalfblockCellsReadTheEncoder reads back what images.Halfblocks draws.
func TestHalfblockCellsReadTheEncoder(t *testing.T) {
	lines := images.Halfblocks(picturetest.LeftRight(8, 4, picturetest.Red, picturetest.Blue), 8, 2)
	rows := picturetest.HalfblockRows(t, strings.Join(lines, "\n"))
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2: %q", len(rows), lines)
	}
	for _, r := range rows {
		for x, c := range r.Cells {
			want := picturetest.Red
			if x >= 4 {
				want = picturetest.Blue
			}
			if c.Fg != want || c.Bg != want {
				t.Errorf("row %d cell %d: %v, want %v", r.Line, x, c, want)
			}
		}
	}
}

// fatalTB records a Fatal instead of failing the test that runs it.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = format
	runtime.Goexit()
}

func (f *fatalTB) Fatal(args ...any) { f.Fatalf("%v", args...) }

// fails runs fn with a fatalTB and returns what it failed with ("": nothing).
func fails(t *testing.T, fn func(tb testing.TB)) string {
	f := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f.msg
}

func TestMalformedInputFails(t *testing.T) {
	for name, fn := range map[string]func(testing.TB){
		"unterminated SGR":   func(tb testing.TB) { picturetest.HalfblockCells(tb, "▀\x1b[38;2;1") },
		"channel above 255":  func(tb testing.TB) { picturetest.HalfblockCells(tb, "\x1b[38;2;1;256;3m▀") },
		"unreadable colour":  func(tb testing.TB) { picturetest.HalfblockCells(tb, "\x1b[38;2;1m▀") },
		"bytes outside APC":  func(tb testing.TB) { picturetest.KittyChunks(tb, "\x1b_Ga=T;AAAA\x1b\\x") },
		"unterminated APC":   func(tb testing.TB) { picturetest.KittyChunks(tb, "\x1b_Ga=T;AAAA") },
		"payload not base64": func(tb testing.TB) { picturetest.KittyImage(tb, []picturetest.KittyChunk{{"a=T", "!!"}}) },
		"payload not a PNG":  func(tb testing.TB) { picturetest.KittyImage(tb, []picturetest.KittyChunk{{"a=T", "AAAA"}}) },
	} {
		if msg := fails(t, fn); msg == "" {
			t.Errorf("%s: did not fail the test", name)
		}
	}
	if msg := fails(t, func(tb testing.TB) { picturetest.HalfblockCells(tb, "\x1b[38;2;1;2;3m▀\x1b[m") }); msg != "" {
		t.Errorf("a well-formed line failed: %s", msg)
	}
}

// TestKittyRoundTrip reads back what images.KittyTransmit sends.
func TestKittyRoundTrip(t *testing.T) {
	src := picturetest.TopBottom(40, 40, picturetest.Red, picturetest.Blue)
	chunks := picturetest.KittyChunks(t, images.KittyTransmit(src, 7, 4, 2))
	if len(chunks) == 0 || !strings.Contains(chunks[0].Control, "i=7") {
		t.Fatalf("chunks %+v", chunks)
	}
	img := picturetest.KittyImage(t, chunks)
	b := img.Bounds()
	top := color.RGBAModel.Convert(img.At(b.Min.X, b.Min.Y)).(color.RGBA)
	bottom := color.RGBAModel.Convert(img.At(b.Max.X-1, b.Max.Y-1)).(color.RGBA)
	if b.Dx() != b.Dy() || top != picturetest.Red || bottom != picturetest.Blue {
		t.Errorf("decoded %v, corners %v / %v; want a square, red over blue", b, top, bottom)
	}
}
