//go:build !unix

package termprobe

import (
	"os"
	"time"
)

// query asks nothing where there is no poll(2): Ask then answers nothing.
func query(in, out *os.File, q string, timeout time.Duration) ([]byte, func()) { return nil, nil }

// pixelCell knows no cell size where there is no TIOCGWINSZ.
func pixelCell(f *os.File) (w, h int) { return 0, 0 }
