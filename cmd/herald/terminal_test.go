//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"github.com/herald-reader/herald/internal/sharedtest"
	"github.com/herald-reader/herald/termprobe"
	"golang.org/x/term"
)

// terminal is the terminal a test's pty plays for herald.
type terminal struct {
	size  pty.Winsize // with its pixels when X and Y are set; zero: 100×40
	reply string      // written once herald has sent its DSR request; "": it answers nothing
	want  string      // text whose first showing, escape sequences aside, is timed
	keys  string      // typed once want has shown
	// environ: more environment variables, after TERM=xterm-256color and
	// COLORTERM=truecolor.
	environ []string
}

// terminalRun is one run of herald on a pty played by the test.
type terminalRun struct {
	mu    sync.Mutex
	out   []byte
	first time.Duration // when want first showed, escape sequences aside; 0: never
	done  chan struct{}
	// modeKept: the terminal's mode after herald exited is the one it
	// found (echo included: herald keeps echo off while a reply it gave up
	// on may still come, and must turn it back on).
	modeKept bool
}

// output is what herald wrote to the terminal so far.
func (r *terminalRun) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return string(r.out)
}

// runTerminal starts herald with args on a pty that plays tm. The
// environment names no terminal but TERM=xterm-256color, and sets no
// colour preference (no NO_COLOR, COLORFGBG, CLICOLOR_FORCE), so that
// herald must ask the terminal. It returns once herald has exited.
func (e *env) runTerminal(tm terminal, args ...string) *terminalRun {
	e.t.Helper()
	master, tty, err := pty.Open()
	if err != nil {
		sharedtest.Missing(e.t, "pseudo-terminals (/dev/ptmx)", err)
	}
	defer tty.Close()
	e.t.Cleanup(func() { master.Close() })
	size := tm.size
	if size.Cols == 0 {
		size.Cols, size.Rows = 100, 40
	}
	if err := pty.Setsize(master, &size); err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a hang guard
	e.t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, heraldBin, append([]string{"--db", e.db}, args...)...)
	for _, kv := range e.environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "CI", "NO_COLOR", "COLORFGBG", "TERM", "CLICOLOR_FORCE", "TMUX", "STY", "ZELLIJ",
			"KITTY_WINDOW_ID", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "KONSOLE_VERSION":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TERM=xterm-256color", "COLORTERM=truecolor")
	cmd.Env = append(cmd.Env, tm.environ...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	run := &terminalRun{done: make(chan struct{})}
	before, err := term.GetState(int(tty.Fd()))
	if err != nil {
		e.t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	go tm.play(master, run, start)
	if err := cmd.Wait(); err != nil {
		e.t.Fatalf("herald %s on a pty: %v\n%q", strings.Join(args, " "), err, run.output())
	}
	after, err := term.GetState(int(tty.Fd()))
	run.modeKept = err == nil && reflect.DeepEqual(before, after)
	tty.Close()
	<-run.done
	return run
}

// shownWithin is how soon herald must show its text in a terminal: a
// generous bound, for loaded machines, that only a wait of seconds fails
// (termenv's 5 s for a terminal that never answers), not the probe's one
// timeout of 100 ms (two probes in a row would be 200 ms).
const shownWithin = 2 * time.Second

// checkShown checks that the text the run waited for (what) showed, and
// within shownWithin; it logs when.
func (r *terminalRun) checkShown(t *testing.T, what string) {
	t.Helper()
	if r.first == 0 {
		t.Fatalf("%s never showed:\n%q", what, r.output())
	}
	t.Logf("%s showed after %v", what, r.first)
	if r.first > shownWithin {
		t.Errorf("%s showed after %v, want within %v: something waited for the terminal", what, r.first, shownWithin)
	}
}

// play reads what herald writes to master into run until herald has
// exited, answering and typing as tm says.
func (tm terminal) play(master *os.File, run *terminalRun, start time.Time) {
	defer close(run.done)
	buf := make([]byte, 4096)
	answered := false
	for {
		n, err := master.Read(buf) // EIO once herald has exited
		run.mu.Lock()
		run.out = append(run.out, buf[:n]...)
		if !answered && tm.reply != "" && bytes.Contains(run.out, []byte(termprobe.StatusQuery)) {
			answered = true
			master.WriteString(tm.reply) //nolint:errcheck // unanswered, herald goes on after its timeout
		}
		if run.first == 0 && strings.Contains(ansi.Strip(string(run.out)), tm.want) {
			run.first = time.Since(start)
			if tm.keys != "" {
				master.WriteString(tm.keys) //nolint:errcheck // herald then never exits: the hang guard fails the test
			}
		}
		run.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// TestShowInASilentTerminal runs the real binary's show in a terminal that
// answers no query: asking it dark or light costs at most the probe's
// 100 ms, not termenv's 5 s (measured on a 2-core machine, to the first
// line of the article: 5.1 s before the fix, 0.17-0.19 s after, of which
// 0.1 s is the probe's timeout). The bound here is generous, for loaded
// machines: only a wait of seconds fails it.
func TestShowInASilentTerminal(t *testing.T) {
	e := newEnv(t)
	feed := filepath.Join(e.dir, "feed.xml")
	body := rss("Quiet Feed", rssItem{Title: "Slow tide", GUID: "1",
		Description: "<p>The kelp forest sways under the old pier at dusk.</p>"})
	if err := os.WriteFile(feed, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	e.ok("add", "file://"+feed)
	e.ok("refresh")
	id := idOf(t, e.ok("list"), "Slow tide")

	run := e.runTerminal(terminal{want: "kelp forest"}, "show", id)
	out := run.output()
	run.checkShown(t, "the article")
	if !run.modeKept {
		t.Error("herald left the terminal in another mode than it found (echo off?)")
	}
	// Asked once, by herald's probe, and nothing else asks again.
	if n := strings.Count(out, "\x1b]11;?"); n != 1 {
		t.Errorf("the background was asked %d times, want once:\n%q", n, out)
	}
	if !regexp.MustCompile(`\x1b\[[0-9;]*m`).MatchString(out) {
		t.Errorf("want a styled page in a terminal:\n%q", out)
	}

	// Without colour, or with the theme set, there is nothing to ask.
	for _, c := range []struct {
		name, config string
		environ      []string
	}{
		{"NO_COLOR", "", []string{"NO_COLOR=1"}},
		{"COLORFGBG", "", []string{"COLORFGBG=0;15"}},
		{"theme", `theme = "light"`, nil},
	} {
		name := c.name
		e.config(c.config)
		run := e.runTerminal(terminal{want: "kelp forest", environ: c.environ}, "show", id)
		run.checkShown(t, name+": the article")
		if out := run.output(); strings.Contains(out, "\x1b]11;") || strings.Contains(out, "\x1b[6n") {
			t.Errorf("%s: the terminal was asked:\n%q", name, out)
		}
	}
}

// TestReaderStartsInASilentTerminal: the reader's first screen is not held
// back by the probe either (nor by bubbletea, whose v1.3.10 asked the
// terminal before main: see third_party/bubbletea/HERALD.md).
func TestReaderStartsInASilentTerminal(t *testing.T) {
	e := newEnv(t)
	run := e.runTerminal(terminal{want: "No feeds yet", keys: "q"})
	out := run.output()
	run.checkShown(t, "the reader's feed list")
	if n := strings.Count(out, "\x1b]11;?"); n != 1 {
		t.Errorf("the background was asked %d times, want once:\n%q", n, out)
	}
	if !run.modeKept {
		t.Error("the reader left the terminal in another mode than it found (echo off?)")
	}
}
