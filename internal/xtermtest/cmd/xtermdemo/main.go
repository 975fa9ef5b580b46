// Command xtermdemo draws one of the demo screens (internal/xtermtest/demo)
// in the terminal it runs in, waits until the terminal has taken all of it
// in, creates the ready file, and stays until the terminal goes away, as a
// TUI would:
//
//	xtermdemo sixel|halfblocks READY-FILE
//
// "Taken in" is a condition, not a pause: after the screen it asks for the
// cursor position (DSR 6), and a terminal answers only once it has
// processed everything written before the question.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"github.com/herald-reader/herald/internal/xtermtest/demo"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: xtermdemo sixel|halfblocks READY-FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "xtermdemo:", err)
		os.Exit(1)
	}
	// Stay, the screen untouched, until the terminal hangs up.
	_, _ = io.Copy(io.Discard, os.Stdin)
}

func run(screen, readyFile string) error {
	write := demo.WriteSixelScreen
	switch screen {
	case "sixel":
	case "halfblocks":
		write = demo.WriteHalfBlockScreen
	default:
		return fmt.Errorf("unknown screen %q", screen)
	}
	fd := int(os.Stdin.Fd())
	state, err := term.MakeRaw(fd)
	if err != nil {
		return fmt.Errorf("raw mode: %w", err)
	}
	defer func() { _ = term.Restore(fd, state) }()
	if err := write(os.Stdout); err != nil {
		return err
	}
	if err := awaitTerminal(os.Stdin, os.Stdout, 10*time.Second); err != nil {
		return err
	}
	if err := os.WriteFile(readyFile, nil, 0o644); err != nil {
		return fmt.Errorf("ready file: %w", err)
	}
	return nil
}

// awaitTerminal asks the terminal for the cursor position and waits for the
// answer (ESC [ row ; col R), which comes after all earlier output.
func awaitTerminal(in io.Reader, out io.Writer, timeout time.Duration) error {
	if _, err := io.WriteString(out, ansi.RequestCursorPositionReport); err != nil {
		return fmt.Errorf("cursor position request: %w", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := bufio.NewReader(in).ReadString('R')
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("cursor position report: %w", err)
		}
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("no cursor position report within %v", timeout)
	}
}
