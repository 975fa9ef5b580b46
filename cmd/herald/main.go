// Command herald is a terminal news reader: it subscribes to RSS, Atom and
// JSON feeds, refreshes them politely, cleans every article into honest
// Markdown and shows it in the terminal, as a CLI or a keyboard-driven UI.
//
// Run `herald --help` for the commands, `herald demo` for a tour on sample
// feeds that needs no network.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	dropStartupPages() // package initialisation is over
	// SIGHUP and SIGQUIT end herald the same way, so that it still puts
	// the terminal back as it found it (see termprobe.Answers.Settle).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	go func() {
		// The first signal asks every command to wind down and print what
		// it has; a second one ends the process at once, whatever it is in.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries a process exit code through cobra; its message, if any,
// has already been printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run executes herald with args and returns the process exit code. Only
// main exits.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	defer a.close()
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintln(stderr, "herald:", userMessage(err))
	return 1
}
