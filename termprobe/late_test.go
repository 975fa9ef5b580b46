//go:build linux

package termprobe

import (
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// echoOn reports whether the terminal on fd echoes its input.
func echoOn(t *testing.T, fd int) bool {
	t.Helper()
	mode, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return mode.Lflag&unix.ECHO != 0
}

// TestLateRepliesAreNotEchoed: a terminal that answers after the probe
// gave up must not have its reply printed into the page: echo stays off
// until Settle, which drops the late reply and turns echo back on. A
// terminal that answers in time leaves echo as it was at once.
func TestLateRepliesAreNotEchoed(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pty: %v", err)
	}
	defer master.Close()
	defer slave.Close()
	fd := int(slave.Fd())
	if !echoOn(t, fd) {
		t.Fatal("a new pty does not echo")
	}
	asked := playTerminal(master, "") // answers nothing yet

	a := Ask(slave, slave, 20*time.Millisecond, Questions{Background: true})
	<-asked
	if a.Replied {
		t.Fatal("a silent terminal replied")
	}
	if echoOn(t, fd) {
		t.Fatal("echo is on after an unanswered probe: a late reply would be printed")
	}
	// The line end makes the reply a line the canonical mode counts as
	// input (TIOCINQ), so the test can wait for it to arrive.
	const late = "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[1;1R\n"
	if _, err := master.WriteString(late); err != nil {
		t.Fatal(err)
	}
	// The late reply reaches the slave's input queue; wait for it there.
	for {
		n, err := unix.IoctlGetInt(fd, unix.TIOCINQ)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		unix.Poll(fds, 10) //nolint:errcheck // waits for input, or a moment
	}
	a.Settle()
	if !echoOn(t, fd) {
		t.Fatal("echo is still off after Settle")
	}
	if n, err := unix.IoctlGetInt(fd, unix.TIOCINQ); err != nil || n != 0 {
		t.Fatalf("after Settle %d bytes wait as input (%v); want the late reply dropped", n, err)
	}

	// In time: nothing to settle, echo as it was.
	playTerminal(master, "\x1b[1;1R") // a failed write fails the test below
	a = Ask(slave, slave, time.Minute, Questions{Background: true})
	if !a.Replied || !echoOn(t, fd) {
		t.Fatalf("answered in time: replied %v, echo %v; want both", a.Replied, echoOn(t, fd))
	}
	a.Settle() // does nothing
}
