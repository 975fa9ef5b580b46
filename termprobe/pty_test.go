//go:build unix

package termprobe

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/term"
)

// fakeTerminal opens a pty and plays the terminal on its master side
// (playTerminal). It returns the pty's slave side, for Dark, and a channel
// with what the program wrote to the terminal.
func fakeTerminal(t *testing.T, answer string) (tty *os.File, written <-chan string) {
	t.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pty: %v", err)
	}
	got := playTerminal(master, answer)
	t.Cleanup(func() {
		slave.Close()
		master.Close()
	})
	return slave, got
}

// playTerminal plays the terminal on a pty's master side: once the DSR
// request has come, it writes answer (nothing when empty). The channel
// then gets what the program wrote to the terminal, or, on a read error,
// what it wrote until then.
func playTerminal(master *os.File, answer string) <-chan string {
	got := make(chan string, 1)
	go func() {
		var seen []byte
		buf := make([]byte, 256)
		for {
			n, err := master.Read(buf)
			seen = append(seen, buf[:n]...)
			if bytes.Contains(seen, []byte(StatusQuery)) {
				if answer != "" {
					master.WriteString(answer) //nolint:errcheck // a failed write is a timeout for Dark
				}
				got <- string(seen)
				return
			}
			if err != nil {
				got <- string(seen)
				return
			}
		}
	}()
	return got
}

// probe runs Dark on tty with timeout and checks that the terminal's mode
// is the same after as before.
func probe(t *testing.T, tty *os.File, timeout time.Duration) (dark bool, took time.Duration) {
	t.Helper()
	t.Setenv("COLORFGBG", "")
	t.Setenv("TERM", "xterm-256color")
	before, err := term.GetState(int(tty.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	dark = Dark(tty, tty, timeout)
	took = time.Since(start)
	after, err := term.GetState(int(tty.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the terminal mode was not restored:\nbefore %+v\nafter  %+v", before, after)
	}
	return dark, took
}

func TestDarkAsksTheTerminal(t *testing.T) {
	tests := []struct {
		name, answer string
		dark         bool
	}{
		{"dark, ST", "\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\\x1b[24;80R", true},
		{"light, ST", "\x1b]11;rgb:fdfd/f6f6/e3e3\x1b\\\x1b[24;80R", false},
		{"light, BEL", "\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[1;1R", false},
		{"light, two digits", "\x1b]11;rgb:ee/ee/ee\x1b\\\x1b[1;1R", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tty, written := fakeTerminal(t, tt.answer)
			// A minute: the DSR reply, not the timeout, ends the wait.
			dark, took := probe(t, tty, time.Minute)
			if dark != tt.dark {
				t.Errorf("Dark = %v, want %v", dark, tt.dark)
			}
			if took > 30*time.Second {
				t.Errorf("Dark took %v: it waited for the timeout, not for the DSR reply", took)
			}
			if w := <-written; w != Query {
				t.Errorf("wrote %q to the terminal, want %q", w, Query)
			}
		})
	}
}

// TestDarkStopsAtTheDSRReply: a terminal that ignores OSC 11 answers the
// DSR request at once, and the probe stops waiting then, with the default.
func TestDarkStopsAtTheDSRReply(t *testing.T) {
	tty, _ := fakeTerminal(t, "\x1b[24;80R")
	dark, took := probe(t, tty, time.Minute)
	if !dark {
		t.Error("Dark = false with no OSC 11 reply, want the dark default")
	}
	if took > 30*time.Second {
		t.Errorf("Dark took %v: it waited for the timeout, not for the DSR reply", took)
	}
}

// TestDarkSilentTerminal: a terminal that answers nothing costs the
// timeout, and the probe then says dark.
func TestDarkSilentTerminal(t *testing.T) {
	tty, written := fakeTerminal(t, "")
	dark, took := probe(t, tty, DefaultTimeout)
	if !dark {
		t.Error("Dark = false from a silent terminal, want the dark default")
	}
	if took < DefaultTimeout {
		t.Errorf("Dark returned after %v, before its timeout %v, with no reply", took, DefaultTimeout)
	}
	// Generous: the bound is the timeout, this only catches a wait of
	// seconds (termenv's 5 s) on a loaded machine.
	if took > 2*time.Second {
		t.Errorf("Dark took %v on a silent terminal, timeout %v", took, DefaultTimeout)
	}
	if w := <-written; !strings.HasPrefix(w, "\x1b]11;?") {
		t.Errorf("wrote %q to the terminal, want the OSC 11 query first", w)
	}
}
