//go:build linux

package termprobe

import "golang.org/x/sys/unix"

// quiet turns the terminal's echo off until the returned settle is
// called, which drops the input that came meanwhile (late replies) and
// turns echo back on. It returns nil when the mode cannot be changed.
func quiet(fd int) (settle func()) {
	mode, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil || mode.Lflag&unix.ECHO == 0 {
		return nil
	}
	silent := *mode
	silent.Lflag &^= unix.ECHO
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &silent); err != nil {
		return nil
	}
	return func() {
		unix.IoctlSetInt(fd, unix.TCFLSH, unix.TCIFLUSH) //nolint:errcheck // best effort
		unix.IoctlSetTermios(fd, unix.TCSETS, mode)      //nolint:errcheck // as above
	}
}
