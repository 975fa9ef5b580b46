// Package images fetches, caches, decodes, scales and draws the pictures
// of an article for the terminal: 24-bit half-block cells (everywhere,
// tmux included), kitty graphics through Unicode placeholders, or sixel
// where herald owns the screen region. Every escape sequence it emits is
// generated here from decoded pixels and numbers; nothing from an image
// file or its URL passes through.
package images

import (
	"fmt"
	"strings"
)

// Mode is how pictures are drawn.
type Mode int

// The drawing modes. ModeAuto is a setting only: Detect turns it into one of
// the others.
const (
	ModeOff        Mode = iota // no pictures
	ModeHalfblocks             // 24-bit colour ▀ cells, two pixels a cell
	ModeSixel                  // DCS sixel graphics
	ModeKitty                  // kitty graphics with Unicode placeholders
	ModeAuto                   // detect once at start
)

var modeNames = [...]string{ModeOff: "off", ModeHalfblocks: "halfblocks", ModeSixel: "sixel", ModeKitty: "kitty", ModeAuto: "auto"}

// String returns the setting's spelling of m ("auto", "kitty", "sixel",
// "halfblocks", "off").
func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return fmt.Sprintf("Mode(%d)", int(m))
	}
	return modeNames[m]
}

// ParseMode reads the images setting or --images flag: auto, kitty,
// sixel, halfblocks or off (case and surrounding space ignored).
func ParseMode(s string) (Mode, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for m, name := range modeNames {
		if v == name {
			return Mode(m), nil
		}
	}
	return ModeOff, fmt.Errorf("images: unknown mode %q (want auto, kitty, sixel, halfblocks or off)", s)
}
