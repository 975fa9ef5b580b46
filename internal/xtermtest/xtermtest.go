// Package xtermtest takes screenshots of commands in a real xterm, for
// tests that must see what a person sees: that a sixel picture is drawn
// where it belongs, that half-block cells show their colours. It runs
// scripts/xterm-shot.sh (xterm as a VT340 with sixel, on a private Xvfb,
// optionally through tmux) and reads the PNG back; pixels.go maps terminal
// cells to pixels.
//
// Tests that need it call Require (Shot does): without xterm, Xvfb, xwd,
// netpbm and tmux they skip with a message, except under CI=true, where
// they fail (scripts/xterm-shot.sh install puts everything in place).
package xtermtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// Options describe one shot.
type Options struct {
	Cols, Rows int    // the terminal's size in cells
	Theme      string // "dark" (black background, grey90 text) or "light"; "" is dark
	Tmux       bool   // run the command in tmux inside the xterm
	// ReadyFile, when set, is a file the command creates once its screen is
	// complete (it may keep running, as a TUI does); when empty, the shot
	// is taken once the command has exited, and a failing command fails it.
	ReadyFile string
	// Out is where the PNG is kept; when empty, a temporary directory that
	// is removed after the test, unless the test failed.
	Out     string
	Timeout time.Duration // for the whole shot; 0 is 30 s
}

// Script returns the path of scripts/xterm-shot.sh in this module.
func Script() (string, error) {
	root, err := sharedtest.ModuleRoot()
	if err != nil {
		return "", fmt.Errorf("xtermtest: module root: %w", err)
	}
	return filepath.Join(root, "scripts", "xterm-shot.sh"), nil
}

// Available reports whether everything a shot needs is installed (the
// script's `check`), and why not.
func Available() error {
	script, err := Script()
	if err != nil {
		return err
	}
	out, err := exec.Command("bash", script, "check").CombinedOutput()
	if err != nil {
		return fmt.Errorf("xtermtest: %s: %w", bytes.TrimSpace(out), err)
	}
	return nil
}

// Require skips the test when a shot cannot be taken here, or fails it
// under CI=true.
func Require(tb testing.TB) {
	tb.Helper()
	if err := Available(); err != nil {
		sharedtest.Missing(tb, "xterm, Xvfb, xwd, netpbm and tmux (scripts/xterm-shot.sh install)", err)
	}
}

// Shot runs cmd in a fresh xterm as opts say, and returns the screenshot of
// the xterm window: Cols×Rows cells with no border (see CellRect). Any
// failure fails the test, with the script's log and, when the screen could
// still be captured, a PNG of it beside Out.
func Shot(tb testing.TB, opts Options, cmd ...string) image.Image {
	tb.Helper()
	Require(tb)
	if len(cmd) == 0 {
		tb.Fatal("xtermtest.Shot: no command")
	}
	out := opts.Out
	if out == "" {
		dir, err := os.MkdirTemp("", "xtermtest-")
		if err != nil {
			tb.Fatalf("xtermtest: %v", err)
		}
		tb.Cleanup(func() {
			if tb.Failed() {
				tb.Logf("xtermtest: shots kept in %s", dir)
				return
			}
			_ = os.RemoveAll(dir)
		})
		out = filepath.Join(dir, "shot.png")
	}
	if err := os.Remove(out); err != nil && !errors.Is(err, os.ErrNotExist) {
		tb.Fatalf("xtermtest: %v", err)
	}
	script, err := Script()
	if err != nil {
		tb.Fatal(err)
	}
	args := runArgs(script, opts, out, cmd)
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	// The script keeps its own deadline; this one only guards against the
	// script itself hanging.
	ctx, cancel := context.WithTimeout(context.Background(), timeout+15*time.Second)
	defer cancel()
	run := exec.CommandContext(ctx, "bash", args...)
	// SIGTERM lets the script's trap stop Xvfb, xterm and tmux; a SIGKILL
	// (the default) would leave them running.
	run.Cancel = func() error { return run.Process.Signal(syscall.SIGTERM) }
	run.WaitDelay = 5 * time.Second
	var log bytes.Buffer
	run.Stdout, run.Stderr = &log, &log
	if err := run.Run(); err != nil {
		tb.Fatalf("xtermtest: %s %v: %v\n%s", filepath.Base(script), cmd, err, log.String())
	}
	img, err := Load(out)
	if err != nil {
		tb.Fatalf("xtermtest: %v\n%s", err, log.String())
	}
	return img
}

func runArgs(script string, opts Options, out string, cmd []string) []string {
	theme := opts.Theme
	if theme == "" {
		theme = "dark"
	}
	args := []string{script, "run",
		"--cols", strconv.Itoa(opts.Cols), "--rows", strconv.Itoa(opts.Rows),
		"--theme", theme, "--out", out}
	if opts.Timeout > 0 {
		secs := int((opts.Timeout + time.Second - 1) / time.Second)
		args = append(args, "--timeout", strconv.Itoa(secs))
	}
	if opts.ReadyFile != "" {
		args = append(args, "--ready-file", opts.ReadyFile)
	}
	if opts.Tmux {
		args = append(args, "--tmux")
	}
	return append(append(args, "--"), cmd...)
}

// Load decodes a PNG file, such as a shot kept with Options.Out.
func Load(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("xtermtest: shot: %w", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("xtermtest: decode %s: %w", path, err)
	}
	return img, nil
}
