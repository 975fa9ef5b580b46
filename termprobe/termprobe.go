// Package termprobe asks the terminal, once and briefly, whether its
// background is dark. It answers from COLORFGBG when that is set, and from
// the terminal's reply to an OSC 11 query otherwise, with a hard bound on
// the wait: a device status report (DSR) sent right after the query comes
// back at once from any terminal, so a terminal that ignores OSC 11 costs a
// round trip, and one that answers nothing costs the timeout, never more.
package termprobe

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"
)

// DefaultTimeout bounds the wait for the terminal's replies: the first
// output of herald is never held back longer than this.
const DefaultTimeout = 100 * time.Millisecond

// Dark reports whether the terminal on in (replies) and out (queries) has a
// dark background. In order: COLORFGBG when it names a colour; dark for
// TERM=dumb and the Linux console (which answer no query); dark when in or
// out is not a terminal; else the terminal's answer to OSC 11, waited for
// at most timeout, dark when there is none. The terminal is in raw mode only
// while the replies are read, and restored before Dark returns.
func Dark(in, out *os.File, timeout time.Duration) bool {
	if dark, ok := FromEnv(os.Getenv("COLORFGBG")); ok {
		return dark
	}
	switch os.Getenv("TERM") {
	case "dumb", "linux":
		return true
	}
	if in == nil || out == nil || !term.IsTerminal(int(in.Fd())) || !term.IsTerminal(int(out.Fd())) {
		return true
	}
	reply := query(in, out, timeout)
	lum, ok := Luminance(reply)
	if !ok {
		return true
	}
	return lum < 0.5
}

// FromEnv reads the background from COLORFGBG ("fg;bg" or "fg;default;bg",
// set by rxvt, Konsole and others). Colours 0-6 and 8 are dark; ok is false
// when the variable names no colour.
func FromEnv(colorfgbg string) (dark, ok bool) {
	if colorfgbg == "" {
		return false, false
	}
	parts := strings.Split(colorfgbg, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg <= 6 || bg == 8, true
}

// Query is what Dark writes to the terminal: the OSC 11 background colour
// query, then a cursor position report request (DSR) that every terminal
// answers, and answers after the OSC 11 reply when it gives one.
const Query = "\x1b]11;?\x1b\\" + "\x1b[6n"

var (
	// bgReply is the OSC 11 reply, ended by BEL or ST: each channel has 1
	// to 4 hex digits (xterm answers with 4); an alpha channel is ignored.
	bgReply = regexp.MustCompile(`\x1b\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})(?:/[0-9a-fA-F]{1,4})?(?:\x07|\x1b\\)`)
	// dsrReply is the cursor position report: the end of the replies.
	dsrReply = regexp.MustCompile(`\x1b\[\d+;\d+R`)
)

// Luminance reads the OSC 11 reply in what the terminal sent and returns
// the background's luminance, 0 (black) to 1 (white).
func Luminance(reply []byte) (lum float64, ok bool) {
	m := bgReply.FindSubmatch(reply)
	if m == nil {
		return 0, false
	}
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(string(m[i+1]), 16, 16)
		if err != nil {
			return 0, false
		}
		c[i] = float64(v) / float64(uint64(1)<<(4*len(m[i+1]))-1)
	}
	// Rec. 709 weights on the encoded values: enough to tell dark from light.
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2], true
}

// complete reports whether the replies are all in: the DSR reply has come.
func complete(reply []byte) bool { return dsrReply.Match(reply) }
