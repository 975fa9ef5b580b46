//go:build linux

package images

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/herald-reader/herald/internal/sharedtest"
	"github.com/herald-reader/herald/termprobe"
	"golang.org/x/sys/unix"
)

// openPTY returns a pseudo-terminal: the side herald would hold and the
// side the terminal emulator holds.
func openPTY(t *testing.T) (tty, emulator *os.File) {
	t.Helper()
	emulator, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		sharedtest.Missing(t, "pseudo-terminals (/dev/ptmx)", err)
	}
	t.Cleanup(func() { emulator.Close() })
	rc, err := emulator.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var ioErr error
	if err := rc.Control(func(fd uintptr) {
		if ioErr = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); ioErr == nil {
			n, ioErr = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
		}
	}); err != nil || ioErr != nil {
		t.Fatal(err, ioErr)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty, emulator
}

// emulate plays a terminal on the emulator side: it reads the questions up
// to the DSR request and answers them with reply (nothing when reply is
// empty). It returns what it was asked.
func emulate(t *testing.T, emulator *os.File, reply string) <-chan string {
	asked := make(chan string, 1)
	go func() {
		var got []byte
		buf := make([]byte, 256)
		for !strings.HasSuffix(string(got), termprobe.StatusQuery) {
			n, err := emulator.Read(buf)
			if err != nil {
				break
			}
			got = append(got, buf[:n]...)
		}
		if reply != "" {
			_, _ = emulator.WriteString(reply)
		}
		asked <- string(got)
	}()
	return asked
}

// TestDetectThroughAPseudoTerminal asks the graphics questions through a
// real pty, answered as the terminals named answer them, and chooses the
// mode from the answers.
func TestDetectThroughAPseudoTerminal(t *testing.T) {
	for _, tc := range []struct {
		name, reply string
		want        Mode
	}{
		{"kitty", "\x1b_Gi=31;OK\x1b\\\x1b[?62;22c\x1b[24;80R", ModeKitty},
		{"xterm -ti vt340", "\x1b[?63;1;2;4;6;9;15;16;22;28c\x1b[24;80R", ModeSixel},
		{"silent", "", ModeHalfblocks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tty, emulator := openPTY(t)
			asked := emulate(t, emulator, tc.reply)
			ans := termprobe.Ask(tty, tty, ProbeTimeout, termprobe.Questions{Graphics: true})
			if got := Detect(envOf(map[string]string{"TERM": "xterm-256color"}), ans); got != tc.want {
				t.Errorf("Detect = %v, want %v", got, tc.want)
			}
			if q := <-asked; q != termprobe.GraphicsQuery+termprobe.StatusQuery {
				t.Errorf("the terminal was asked %q", q)
			}
		})
	}
}
