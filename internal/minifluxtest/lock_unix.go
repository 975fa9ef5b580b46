//go:build unix

package minifluxtest

import (
	"fmt"
	"os"
	"syscall"
)

// lockFile stays open, and so locked, until the process exits.
var lockFile *os.File

// lock takes an exclusive lock on path, waiting while another test binary
// holds it: binaries sharing a server must not reset or stop it under one
// another. The kernel releases it when the process exits, however it exits.
func lock(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("lock the shared server: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		fmt.Fprintf(os.Stderr, "minifluxtest: waiting for another test binary to finish with the shared server (%s)\n", path)
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			f.Close()
			return fmt.Errorf("lock the shared server: %w", err)
		}
	}
	lockFile = f
	return nil
}
