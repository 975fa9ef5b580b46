package images

import (
	"os"
	"strconv"
	"strings"

	"github.com/herald-reader/herald/termprobe"
)

// ProbeTimeout bounds the one round trip DetectTerminal makes.
const ProbeTimeout = termprobe.DefaultTimeout

// NeedsProbe reports whether only asking the terminal can choose the mode
// (termprobe.Questions.Graphics): the environment does not settle it.
func NeedsProbe(env func(string) string) bool {
	_, settled := FromEnv(env)
	return !settled
}

// Detect chooses how to draw pictures, from the environment (env is
// os.Getenv or a test's map) and, when that does not settle it, from the
// terminal's answers to termprobe's graphics questions (zero Answers: it
// was not asked, or said nothing). Inside tmux or screen, and whenever
// unsure, it answers ModeHalfblocks. Whether to draw at all (TERM=dumb,
// plain output) is the caller's decision.
func Detect(env func(string) string, ans termprobe.Answers) Mode {
	if m, settled := FromEnv(env); settled {
		return m
	}
	// WezTerm and Konsole answer the kitty query but print placeholder
	// cells as literal glyphs, so kitty graphics are no use to herald
	// there; both draw sixel.
	noPlaceholders := env("TERM_PROGRAM") == "WezTerm" || env("KONSOLE_VERSION") != ""
	switch {
	case ans.KittyGraphics && !noPlaceholders:
		return ModeKitty
	case ans.Sixel():
		return ModeSixel
	}
	return ModeHalfblocks
}

// FromEnv decides from the environment alone; settled is false when only
// asking the terminal can tell (the mode is then ModeHalfblocks).
func FromEnv(env func(string) string) (m Mode, settled bool) {
	term, program := env("TERM"), env("TERM_PROGRAM")
	switch {
	case env("TMUX") != "" || env("STY") != "" || env("ZELLIJ") != "" ||
		strings.HasPrefix(term, "screen") || strings.HasPrefix(term, "tmux"):
		// Multiplexers pass neither kitty graphics nor sixel through
		// without configuration; half-blocks are plain coloured text.
		return ModeHalfblocks, true
	case env("KITTY_WINDOW_ID") != "" || term == "xterm-kitty" ||
		program == "ghostty" || term == "xterm-ghostty":
		// kitty (0.28 and later) and Ghostty draw Unicode placeholders.
		return ModeKitty, true
	case program == "iTerm.app" && versionAtLeast(env("TERM_PROGRAM_VERSION"), 3, 5):
		// iTerm2 draws sixel since 3.5; its own inline-image protocol is
		// not one herald speaks.
		return ModeSixel, true
	}
	return ModeHalfblocks, false
}

// versionAtLeast reports whether a dotted version ("3.5.2") is at least
// major.minor.
func versionAtLeast(v string, major, minor int) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(strings.TrimRightFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}

// DetectTerminal is Detect for the process's controlling terminal: when
// the environment does not settle it, it opens /dev/tty and asks the
// graphics questions there (termprobe.Ask, one round trip of at most
// ProbeTimeout, the terminal in raw mode meanwhile). Call it once, before
// the TUI starts (a late reply would reach the TUI as keys). A program
// that also asks the background colour should ask both in one
// termprobe.Ask and call Detect with the answers instead.
func DetectTerminal(env func(string) string) Mode {
	if m, settled := FromEnv(env); settled {
		return m
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return ModeHalfblocks
	}
	defer tty.Close()
	ans := termprobe.Ask(tty, tty, ProbeTimeout, termprobe.Questions{Graphics: true})
	ans.Settle() // the caller's output follows on stdout, not through tty
	return Detect(env, ans)
}
