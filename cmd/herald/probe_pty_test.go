//go:build unix

package main

import (
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/herald-reader/herald/termprobe"
)

// Replies of real terminals to herald's questions, DSR last.
const (
	// xterm -ti vt340 answers OSC 11 and DA1 (sixel: 4), not CSI 16 t; it
	// gives its cell size in the window size instead.
	xtermVT340Reply = "\x1b]11;rgb:0000/0000/0000\x1b\\" + "\x1b[?63;1;2;4;6;9;15;16;22;28c" + "\x1b[40;1R"
	// kitty answers all four.
	kittyReply = "\x1b]11;rgb:ffff/ffff/ffff\x1b\\" + "\x1b[6;20;10t" + "\x1b_Gi=31;OK\x1b\\" + "\x1b[?62;c" + "\x1b[40;1R"
)

// countQuestions checks that out asked each question of want once and the
// others not at all.
func countQuestions(t *testing.T, out string, want ...string) {
	t.Helper()
	all := map[string]string{
		"background": "\x1b]11;?", "cell size": termprobe.CellSizeQuery,
		"kitty graphics": "\x1b_Gi=31,", "DA1": "\x1b[c", "DSR": termprobe.StatusQuery,
	}
	for name, q := range all {
		n, w := strings.Count(out, q), 0
		for _, x := range want {
			if x == name {
				w = 1
			}
		}
		if n != w {
			t.Errorf("%s asked %d times, want %d", name, n, w)
		}
	}
}

// TestShowPicturesInASilentTerminal: with images=auto, show asks the
// background and the graphics questions in one round trip, so a terminal
// that answers nothing holds the first output back by the one timeout
// (100 ms), not two; the pictures are then half-blocks.
func TestShowPicturesInASilentTerminal(t *testing.T) {
	e := newEnv(t)
	_, id := e.addPictureStory(48, 24, "")

	run := e.runTerminal(terminal{want: "keeper lit"}, "show", id, "--images=auto")
	out := run.output()
	run.checkShown(t, "the article")
	countQuestions(t, out, "background", "cell size", "kitty graphics", "DA1", "DSR")
	if i, j := strings.Index(out, "\x1b]11;?"), strings.Index(out, termprobe.StatusQuery); i < 0 || j < i {
		t.Errorf("the DSR request is not the last question: %q", out[:min(len(out), 120)])
	}
	if !strings.Contains(out, "▀") {
		t.Errorf("a silent terminal: want half-block pictures:\n%q", out)
	}
}

// TestShowAsksTheTerminalForPictures: a terminal that answers like xterm
// -ti vt340 gets sixel (its cell size from the window size, not asked),
// one that answers like kitty gets kitty placeholders; each is asked once.
func TestShowAsksTheTerminalForPictures(t *testing.T) {
	e := newEnv(t)
	_, id := e.addPictureStory(200, 100, "")

	t.Run("xterm -ti vt340", func(t *testing.T) {
		// 8×17 px cells, as xterm reports them in the window size.
		size := pty.Winsize{Cols: 100, Rows: 40, X: 800, Y: 680}
		run := e.runTerminal(terminal{size: size, reply: xtermVT340Reply, want: "keeper lit"}, "show", id)
		out := run.output()
		run.checkShown(t, "the article")
		countQuestions(t, out, "background", "kitty graphics", "DA1", "DSR")
		// 200×100 px in 8×17 px cells: 25 columns, 102 px of sixel bands
		// in 6 rows.
		if !strings.Contains(out, "\x1b[6A") || !strings.Contains(out, "\x1bP0;1q") {
			t.Errorf("want a 6-row sixel picture:\n%q", out)
		}
		page := strings.TrimPrefix(out, "\x1b]11;?\x1b\\"+termprobe.GraphicsQuery+termprobe.StatusQuery)
		if strings.Contains(page, "▀") || strings.Contains(page, "\x1b_G") {
			t.Errorf("half-blocks or kitty graphics in xterm's output")
		}
	})
	t.Run("kitty", func(t *testing.T) {
		run := e.runTerminal(terminal{reply: kittyReply, want: "keeper lit"}, "show", id)
		out := run.output()
		run.checkShown(t, "the article")
		countQuestions(t, out, "background", "cell size", "kitty graphics", "DA1", "DSR")
		// 200×100 px in 10×20 px cells: 20 columns, 5 rows.
		page := strings.TrimPrefix(out, "\x1b]11;?\x1b\\"+termprobe.CellSizeQuery+termprobe.GraphicsQuery+termprobe.StatusQuery)
		if !strings.HasPrefix(page, "\x1b_G") {
			t.Errorf("no kitty transmission first after the questions:\n%q", out[:min(len(out), 200)])
		}
		if n := strings.Count(out, "\U0010EEEE"); n != 20*5 {
			t.Errorf("%d placeholder cells, want 20×5", n)
		}
		if strings.Contains(page, "\x1bP") || strings.Contains(page, "▀") {
			t.Errorf("sixel or half-blocks in kitty's output")
		}
	})
}
