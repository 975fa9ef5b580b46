//go:build unix

package feed

import (
	"os"
	"syscall"
)

// openNoBlock opens name for reading without blocking: a FIFO that was
// swapped in after the Stat opens at once (and is then refused) instead of
// waiting for a writer, and a terminal never becomes the controlling one.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}
