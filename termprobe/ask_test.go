//go:build unix

package termprobe

import (
	"image/color"
	"reflect"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Replies of real terminals to every question, as they come back to
// GraphicsQuery, CellSizeQuery, BackgroundQuery and StatusQuery.
const (
	// xterm -ti vt340 (Debian's xterm 379, DejaVu Sans Mono 10 pt, black
	// background): no kitty graphics, sixel in DA1.
	xtermVT340 = "\x1b]11;rgb:0000/0000/0000\x1b\\" + "\x1b[6;17;8t" + "\x1b[?63;1;2;4;6;9;15;16;22;28c" + "\x1b[24;80R"
	// kitty 0.35 (light theme): kitty graphics, no sixel.
	kitty = "\x1b]11;rgb:ffff/fcfc/f0f0\x1b\\" + "\x1b[6;20;10t" + "\x1b_Gi=31;OK\x1b\\" + "\x1b[?62;c" + "\x1b[12;1R"
)

func TestAskOneRoundTrip(t *testing.T) {
	all := Questions{Background: true, CellSize: true, Graphics: true}
	for _, tc := range []struct {
		name, reply string
		q           Questions
		want        Answers
		sixel, dark bool
	}{
		{"xterm -ti vt340", xtermVT340, all, Answers{
			Replied: true, Background: color.RGBA{0, 0, 0, 255}, HasBackground: true,
			CellWidth: 8, CellHeight: 17,
			DeviceAttributes: []int{63, 1, 2, 4, 6, 9, 15, 16, 22, 28}, HasDeviceAttributes: true,
		}, true, true},
		{"kitty", kitty, all, Answers{
			Replied: true, Background: color.RGBA{255, 252, 240, 255}, HasBackground: true,
			CellWidth: 10, CellHeight: 20, KittyGraphics: true,
			DeviceAttributes: []int{62}, HasDeviceAttributes: true,
		}, false, false},
		{"DSR only", "\x1b[3;1R", Questions{Graphics: true}, Answers{Replied: true}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tty, written := fakeTerminal(t, tc.reply)
			t.Setenv("TERM", "xterm-256color")
			start := time.Now()
			// A minute: the DSR reply, not the timeout, ends the wait.
			got := Ask(tty, tty, time.Minute, tc.q)
			took := time.Since(start)
			t.Logf("answered in %v", took)
			if took > 30*time.Second {
				t.Errorf("Ask took %v: it waited for the timeout, not for the DSR reply", took)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Ask = %+v\nwant  %+v", got, tc.want)
			}
			if got.Sixel() != tc.sixel {
				t.Errorf("Sixel = %v, want %v", got.Sixel(), tc.sixel)
			}
			if dark, ok := got.Dark(); dark != tc.dark && ok {
				t.Errorf("Dark = %v, want %v", dark, tc.dark)
			}
			if w, want := <-written, tc.q.query(); w != want {
				t.Errorf("wrote %q, want %q", w, want)
			}
		})
	}
}

// TestAskInOrder: the questions go out in one write, DSR last, and a
// silent terminal costs the timeout once for all of them.
func TestAskInOrder(t *testing.T) {
	q := Questions{Background: true, CellSize: true, Graphics: true}
	if got, want := q.query(), BackgroundQuery+CellSizeQuery+GraphicsQuery+StatusQuery; got != want {
		t.Errorf("query = %q, want %q", got, want)
	}
	if got := (Questions{CellSize: true}).query(); got != CellSizeQuery+StatusQuery {
		t.Errorf("cell size alone: %q", got)
	}
	tty, written := fakeTerminal(t, "")
	start := time.Now()
	got := Ask(tty, tty, DefaultTimeout, q)
	took := time.Since(start)
	t.Logf("silent terminal: %v", took)
	got.Settle() // echo back on, the terminal as it was
	got.settle = nil
	if !reflect.DeepEqual(got, Answers{}) {
		t.Errorf("a silent terminal answered %+v", got)
	}
	if took < DefaultTimeout || took > 2*time.Second {
		t.Errorf("Ask took %v on a silent terminal, timeout %v", took, DefaultTimeout)
	}
	if w := <-written; w != q.query() {
		t.Errorf("wrote %q", w)
	}
}

// TestAskNothing: with no question, or no terminal, nothing is written.
func TestAskNothing(t *testing.T) {
	tty, written := fakeTerminal(t, "\x1b[1;1R")
	if got := Ask(tty, tty, time.Minute, Questions{}); !reflect.DeepEqual(got, Answers{}) {
		t.Errorf("Ask with no question = %+v", got)
	}
	if got := Ask(nil, tty, time.Minute, Questions{Background: true}); !reflect.DeepEqual(got, Answers{}) {
		t.Errorf("Ask with no input = %+v", got)
	}
	select {
	case w := <-written:
		t.Errorf("wrote %q", w)
	default:
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		reply string
		want  Answers
	}{
		{"", Answers{}},
		// A kitty error is not an OK; attribute 41 is not 4.
		{"\x1b_Gi=31;ENOTSUPPORTED:x\x1b\\\x1b[?62;41c", Answers{DeviceAttributes: []int{62, 41}, HasDeviceAttributes: true}},
		// The cell size of a terminal that reports zero is unknown.
		{"\x1b[6;0;0t\x1b[1;1R", Answers{Replied: true}},
		// Cut short: no DA1 without its final byte.
		{"\x1b_Gi=31;OK\x1b\\\x1b[?62;4", Answers{KittyGraphics: true}},
		{"\x1b]11;rgb:80/80/80\x07", Answers{Background: color.RGBA{128, 128, 128, 255}, HasBackground: true}},
	} {
		if got := Parse([]byte(tc.reply)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q) = %+v\nwant %+v", tc.reply, got, tc.want)
		}
	}
	if (Answers{DeviceAttributes: []int{4}}).Sixel() {
		t.Error("a terminal class of 4 read as sixel")
	}
}

func TestDarkFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		env           map[string]string
		dark, settled bool
	}{
		{map[string]string{"COLORFGBG": "0;15", "TERM": "dumb"}, false, true},
		{map[string]string{"TERM": "dumb"}, true, true},
		{map[string]string{"TERM": "linux"}, true, true},
		{map[string]string{"TERM": "xterm-256color"}, false, false},
	} {
		if dark, settled := DarkFromEnv(env(tc.env)); dark != tc.dark || settled != tc.settled {
			t.Errorf("DarkFromEnv(%v) = %v, %v; want %v, %v", tc.env, dark, settled, tc.dark, tc.settled)
		}
	}
}

// TestAskCellSizeFromTheWindowSize: a terminal that reports its window size
// in pixels (xterm does, and answers no CSI 16 t by default) gives the cell
// size without a question; with nothing else to ask, nothing is written.
func TestAskCellSizeFromTheWindowSize(t *testing.T) {
	tty, written := fakeTerminal(t, "\x1b[?63;4c\x1b[1;1R")
	if err := pty.Setsize(tty, &pty.Winsize{Cols: 80, Rows: 24, X: 640, Y: 408}); err != nil {
		t.Fatal(err)
	}
	got := Ask(tty, tty, time.Minute, Questions{CellSize: true})
	if got.CellWidth != 8 || got.CellHeight != 17 || got.Replied {
		t.Errorf("Ask = %+v, want an 8×17 cell from the window size and no round trip", got)
	}
	got = Ask(tty, tty, time.Minute, Questions{CellSize: true, Graphics: true})
	if got.CellWidth != 8 || got.CellHeight != 17 || !got.Sixel() {
		t.Errorf("Ask = %+v, want an 8×17 cell and sixel", got)
	}
	if w := <-written; w != GraphicsQuery+StatusQuery {
		t.Errorf("wrote %q, want the graphics questions alone", w)
	}
}
