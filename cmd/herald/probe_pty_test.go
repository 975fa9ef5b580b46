//go:build unix

package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
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

// terminalRun is one run of herald on a pty played by the test.
type terminalRun struct {
	mu    sync.Mutex
	out   []byte
	first time.Duration // when want first showed, escape sequences aside
	done  chan struct{}
}

func (r *terminalRun) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return string(r.out)
}

// runAnsweringTerminal starts herald with args on a 100×40 pty (size says
// its pixels too, when not zero) whose terminal answers reply once herald
// has sent its DSR request (reply "": it answers nothing). The environment
// names no terminal but TERM=xterm-256color: herald must ask. It returns
// once herald has exited.
func (e *env) runAnsweringTerminal(size pty.Winsize, reply, want string, args ...string) *terminalRun {
	e.t.Helper()
	master, tty, err := pty.Open()
	if err != nil {
		e.t.Fatalf("open a pty: %v", err)
	}
	defer tty.Close()
	e.t.Cleanup(func() { master.Close() })
	if err := pty.Setsize(master, &size); err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a hang guard
	e.t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, heraldBin, append([]string{"--db", e.db}, args...)...)
	for _, kv := range e.environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "NO_COLOR", "COLORFGBG", "TERM", "CLICOLOR_FORCE", "TMUX", "STY", "ZELLIJ",
			"KITTY_WINDOW_ID", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "KONSOLE_VERSION":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TERM=xterm-256color", "COLORTERM=truecolor")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	run := &terminalRun{done: make(chan struct{})}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	go func() {
		defer close(run.done)
		buf := make([]byte, 4096)
		answered := false
		for {
			n, err := master.Read(buf) // EIO once herald has exited
			run.mu.Lock()
			run.out = append(run.out, buf[:n]...)
			if !answered && reply != "" && bytes.Contains(run.out, []byte(termprobe.StatusQuery)) {
				answered = true
				master.WriteString(reply) //nolint:errcheck // unanswered, herald goes on after its timeout
			}
			if run.first == 0 && strings.Contains(ansi.Strip(string(run.out)), want) {
				run.first = time.Since(start)
			}
			run.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	if err := cmd.Wait(); err != nil {
		e.t.Fatalf("herald %s on a pty: %v\n%q", strings.Join(args, " "), err, run.output())
	}
	tty.Close()
	<-run.done
	return run
}

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
	useCache(t, "cache")
	srv := pictureSite(t, 48, 24, "")
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	id := idOf(t, e.ok("list"), pictureTitle)

	run := e.runAnsweringTerminal(pty.Winsize{Cols: 100, Rows: 40}, "", "keeper lit", "show", id, "--images=auto")
	out := run.output()
	if run.first == 0 {
		t.Fatalf("the article never showed:\n%q", out)
	}
	t.Logf("first line of the article after %v", run.first)
	// Generous, as TestShowInASilentTerminal's: only a wait of seconds
	// (two probes in a row would be 200 ms; termenv's 5 s) fails it.
	if run.first > 2*time.Second {
		t.Errorf("the article showed after %v", run.first)
	}
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
	useCache(t, "cache")
	srv := pictureSite(t, 200, 100, "")
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	id := idOf(t, e.ok("list"), pictureTitle)

	t.Run("xterm -ti vt340", func(t *testing.T) {
		// 8×17 px cells, as xterm reports them in the window size.
		size := pty.Winsize{Cols: 100, Rows: 40, X: 800, Y: 680}
		run := e.runAnsweringTerminal(size, xtermVT340Reply, "keeper lit", "show", id)
		out := run.output()
		t.Logf("first line of the article after %v", run.first)
		if run.first == 0 || run.first > 2*time.Second {
			t.Errorf("the article showed after %v", run.first)
		}
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
		run := e.runAnsweringTerminal(pty.Winsize{Cols: 100, Rows: 40}, kittyReply, "keeper lit", "show", id)
		out := run.output()
		t.Logf("first line of the article after %v", run.first)
		if run.first == 0 || run.first > 2*time.Second {
			t.Errorf("the article showed after %v", run.first)
		}
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
