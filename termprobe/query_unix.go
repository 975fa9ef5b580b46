//go:build unix

package termprobe

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// maxReply bounds what is read back: the replies are under 200 bytes.
const maxReply = 1024

// query puts in into raw mode (no echo, no line buffering), writes q to
// out and returns what in received until the DSR reply came or timeout
// passed. The terminal mode is restored before it returns, but for echo
// when the DSR reply did not come: the replies may still come, and the
// terminal would print them into the page (in a sixel picture, they end
// it). settle, then not nil, drops the input that came since and restores
// echo: call it when done with the terminal.
func query(in, out *os.File, q string, timeout time.Duration) (reply []byte, settle func()) {
	fd := int(in.Fd())
	state, err := term.MakeRaw(fd)
	if err != nil {
		return nil, nil
	}
	asked := false
	defer func() {
		term.Restore(fd, state) //nolint:errcheck // nothing better to do than go on
		if asked && !complete(reply) {
			settle = quiet(fd)
		}
	}()
	if _, err := out.WriteString(q); err != nil {
		return nil, nil
	}
	asked = true
	deadline := time.Now().Add(timeout)
	reply = make([]byte, 0, 128)
	buf := make([]byte, 128)
	for len(reply) < maxReply && !complete(reply) {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		// poll, not a read deadline: a terminal on a blocking descriptor
		// (stdin usually is one) has no deadline in the runtime poller.
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int((left+time.Millisecond-1)/time.Millisecond))
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil || n == 0 {
			break
		}
		if fds[0].Revents&unix.POLLIN == 0 {
			break // hung up or an error on the descriptor
		}
		k, err := unix.Read(fd, buf)
		if k > 0 {
			reply = append(reply, buf[:k]...)
		}
		if err != nil && !errors.Is(err, unix.EINTR) && !errors.Is(err, unix.EAGAIN) {
			break
		}
		if k == 0 && err == nil {
			break // end of file
		}
	}
	return reply, nil
}

// pixelCell returns the cell size in pixels from the terminal's window
// size (TIOCGWINSZ), which xterm, kitty and others fill in with the
// pixel size; 0, 0 when the terminal leaves it out.
func pixelCell(f *os.File) (w, h int) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 || ws.Xpixel == 0 || ws.Ypixel == 0 {
		return 0, 0
	}
	return int(ws.Xpixel / ws.Col), int(ws.Ypixel / ws.Row)
}
