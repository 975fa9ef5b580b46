package images

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"
)

// ProbeTimeout bounds the one question Detect asks the terminal.
const ProbeTimeout = 100 * time.Millisecond

// Prober is the terminal as Detect asks it: write a query, read the reply
// until a deadline. An *os.File of the controlling terminal in raw mode
// is one (DetectTerminal opens it); tests use a pty or a fake.
type Prober interface {
	io.ReadWriter
	SetReadDeadline(t time.Time) error
}

// kittyQuery asks a kitty-graphics terminal to check (a=q) a 1×1 RGB
// image under id 31 without storing it; such a terminal answers
// ESC _Gi=31;OK ESC \. primaryDA (DA1) is answered by every terminal, after
// the kitty answer, so its reply ends the wait; attribute 4 means sixel.
const (
	kittyQuery = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"
	primaryDA  = "\x1b[c"
)

// Detect chooses how to draw pictures, from the environment (env is
// os.Getenv or a test's map) and, when that does not settle it, one
// question to the terminal through probe (nil: no question) bounded by
// ProbeTimeout. Inside tmux or screen, and whenever unsure, it answers
// ModeHalfblocks. Whether to draw at all (TERM=dumb, plain output) is the
// caller's decision.
func Detect(env func(string) string, probe Prober) Mode {
	if m, settled := fromEnv(env); settled || probe == nil {
		return m
	}
	kittyOK, sixelOK := ask(probe)
	// WezTerm and Konsole answer the kitty query but print placeholder
	// cells as literal glyphs, so kitty graphics are no use to herald
	// there; both draw sixel.
	noPlaceholders := env("TERM_PROGRAM") == "WezTerm" || env("KONSOLE_VERSION") != ""
	switch {
	case kittyOK && !noPlaceholders:
		return ModeKitty
	case sixelOK:
		return ModeSixel
	}
	return ModeHalfblocks
}

// fromEnv decides from the environment alone; settled is false when only
// asking the terminal can tell (the mode is then ModeHalfblocks).
func fromEnv(env func(string) string) (m Mode, settled bool) {
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

// ask sends the kitty query and DA1 together and reads until the DA1
// reply ends or ProbeTimeout passes.
func ask(p Prober) (kittyOK, sixelOK bool) {
	deadline := time.Now().Add(ProbeTimeout)
	if err := p.SetReadDeadline(deadline); err != nil {
		return false, false // reading without a deadline could hang the start
	}
	defer p.SetReadDeadline(time.Time{}) //nolint:errcheck // best effort
	if _, err := io.WriteString(p, kittyQuery+primaryDA); err != nil {
		return false, false
	}
	var reply []byte
	buf := make([]byte, 256)
	for len(reply) < 4096 && time.Now().Before(deadline) {
		n, err := p.Read(buf)
		reply = append(reply, buf[:n]...)
		if _, ok := daAttributes(reply); ok || err != nil {
			break
		}
	}
	attrs, _ := daAttributes(reply)
	for _, a := range attrs {
		if a == "4" {
			sixelOK = true
		}
	}
	return bytes.Contains(reply, []byte("\x1b_Gi=31;OK")), sixelOK
}

// daAttributes finds a DA1 reply (CSI ? Ps ; … c) in reply and returns
// its attributes.
func daAttributes(reply []byte) ([]string, bool) {
	i := bytes.Index(reply, []byte("\x1b[?"))
	if i < 0 {
		return nil, false
	}
	rest := reply[i+3:]
	for j, c := range rest {
		switch {
		case c == 'c':
			return strings.Split(string(rest[:j]), ";"), true
		case c != ';' && (c < '0' || c > '9'):
			return nil, false
		}
	}
	return nil, false
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
// the environment does not settle it, it opens /dev/tty, puts it in raw
// mode for the one question and restores it. Call it once, before the
// TUI starts (a late reply would reach the TUI as keys).
func DetectTerminal(env func(string) string) Mode {
	if m, settled := fromEnv(env); settled {
		return m
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return ModeHalfblocks
	}
	defer tty.Close()
	restore, err := makeRaw(tty)
	if err != nil {
		return ModeHalfblocks
	}
	defer restore()
	return Detect(env, tty)
}

// makeRaw puts the terminal f in raw mode (no echo, no line buffering) and
// returns the function that restores it. It reaches the descriptor through
// SyscallConn, not Fd, which would make f blocking and its read deadlines
// unsupported.
func makeRaw(f *os.File) (restore func(), err error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var state *term.State
	cerr := rc.Control(func(fd uintptr) { state, err = term.MakeRaw(int(fd)) })
	if cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, err
	}
	return func() {
		_ = rc.Control(func(fd uintptr) { _ = term.Restore(int(fd), state) })
	}, nil
}
