// Package termprobe asks the terminal, once and briefly, what herald needs
// to know before its first output: whether the background is dark, whether
// it draws kitty graphics or sixel, and how big a cell is in pixels. Every
// question goes out in one write, followed by a device status report (DSR)
// request that every terminal answers, and answers after the others: a
// terminal that ignores a question costs a round trip, and one that
// answers nothing costs the timeout, never more.
package termprobe

import (
	"bytes"
	"image/color"
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

// The questions Ask may write, in the order it writes them; DSR always
// comes last.
const (
	// BackgroundQuery is OSC 11: the background colour.
	BackgroundQuery = "\x1b]11;?\x1b\\"
	// CellSizeQuery is XTWINOPS 16: the cell size in pixels, answered
	// CSI 6 ; height ; width t.
	CellSizeQuery = "\x1b[16t"
	// GraphicsQuery asks a kitty-graphics terminal to check (a=q) a 1×1
	// RGB image under id 31 without storing it (such a terminal answers
	// ESC _Gi=31;OK ESC \), then the primary device attributes (DA1),
	// which every terminal answers; attribute 4 means sixel.
	GraphicsQuery = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\" + "\x1b[c"
	// StatusQuery is the cursor position report request (DSR): the
	// sentinel whose reply ends the wait.
	StatusQuery = "\x1b[6n"
)

// Query is what Dark writes to the terminal: the OSC 11 background colour
// query, then the DSR request.
const Query = BackgroundQuery + StatusQuery

// Questions are what Ask asks the terminal.
type Questions struct {
	Background bool // the background colour (OSC 11)
	CellSize   bool // the cell size in pixels (CSI 16 t)
	Graphics   bool // kitty graphics and sixel support (kitty query, DA1)
}

// Any reports whether q asks anything.
func (q Questions) Any() bool { return q.Background || q.CellSize || q.Graphics }

// query is what Ask writes for q.
func (q Questions) query() string {
	var b strings.Builder
	if q.Background {
		b.WriteString(BackgroundQuery)
	}
	if q.CellSize {
		b.WriteString(CellSizeQuery)
	}
	if q.Graphics {
		b.WriteString(GraphicsQuery)
	}
	b.WriteString(StatusQuery)
	return b.String()
}

// Answers are what the terminal answered; a question it ignored (or was
// not asked) leaves its fields zero.
type Answers struct {
	// Replied: the DSR reply came, so every reply the terminal gives is in.
	Replied bool
	// Background is the background colour, when HasBackground.
	Background    color.RGBA
	HasBackground bool
	// CellWidth and CellHeight are a cell's size in pixels; 0 when unknown.
	CellWidth, CellHeight int
	// KittyGraphics: the terminal accepted the kitty graphics query.
	KittyGraphics bool
	// DeviceAttributes are the DA1 reply's parameters (the first is the
	// terminal's class), when HasDeviceAttributes.
	DeviceAttributes    []int
	HasDeviceAttributes bool

	// settle, when the DSR reply did not come in time, drops late replies
	// and turns echo back on (see Settle).
	settle func()
}

// Settle is for when the program is done with the terminal. When the
// terminal had not answered in time, echo was left off so that replies
// coming late are not printed into the page; Settle drops them and turns
// echo back on. It does nothing otherwise.
func (a Answers) Settle() {
	if a.settle != nil {
		a.settle()
	}
}

// Dark reports whether the background the terminal answered is dark; ok is
// false when it did not answer.
func (a Answers) Dark() (dark, ok bool) {
	if !a.HasBackground {
		return false, false
	}
	return luminance(a.Background) < 0.5, true
}

// Sixel reports whether the terminal's DA1 reply lists sixel graphics
// (attribute 4).
func (a Answers) Sixel() bool {
	for i, v := range a.DeviceAttributes {
		if i > 0 && v == 4 {
			return true
		}
	}
	return false
}

// Ask writes the questions q to out, the terminal, and reads the replies
// from in until the DSR reply came or timeout passed. It asks nothing, and
// answers nothing, when q asks nothing or in or out is not a terminal. The
// terminal is in raw mode only while the replies are read, and restored
// before Ask returns, but for echo when the terminal did not answer in
// time: call Settle on the answers when done with the terminal.
//
// The cell size comes from the terminal's window size in pixels when it
// gives one (xterm does, and answers no CSI 16 t by default): CSI 16 t is
// then not asked, and with nothing else to ask there is no round trip.
func Ask(in, out *os.File, timeout time.Duration, q Questions) Answers {
	if !q.Any() || !IsTerminal(in) || !IsTerminal(out) {
		return Answers{}
	}
	var cellW, cellH int
	if q.CellSize {
		if cellW, cellH = pixelCell(out); cellW > 0 {
			q.CellSize = false
		}
	}
	var a Answers
	if q.Any() {
		reply, settle := query(in, out, q.query(), timeout)
		a = Parse(reply)
		a.settle = settle
	}
	if cellW > 0 {
		a.CellWidth, a.CellHeight = cellW, cellH
	}
	return a
}

// IsTerminal reports whether f is a terminal (false for nil).
func IsTerminal(f *os.File) bool {
	return f != nil && term.IsTerminal(int(f.Fd()))
}

// Dark reports whether the terminal on in (replies) and out (queries) has a
// dark background. In order: the environment (DarkFromEnv); dark when in
// or out is not a terminal; else the terminal's answer to OSC 11, waited
// for at most timeout, dark when there is none.
func Dark(in, out *os.File, timeout time.Duration) bool {
	if dark, settled := DarkFromEnv(os.Getenv); settled {
		return dark
	}
	a := Ask(in, out, timeout, Questions{Background: true})
	a.Settle() // no page follows here to keep late replies out of
	dark, ok := a.Dark()
	return dark || !ok
}

// DarkFromEnv decides dark or light from the environment (env is
// os.Getenv or a test's map) when it can: COLORFGBG when it names a
// colour; dark for TERM=dumb and the Linux console, which answer no query.
// settled is false when only asking the terminal can tell.
func DarkFromEnv(env func(string) string) (dark, settled bool) {
	if dark, ok := FromEnv(env("COLORFGBG")); ok {
		return dark, true
	}
	switch env("TERM") {
	case "dumb", "linux":
		return true, true
	}
	return false, false
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

var (
	// bgReply is the OSC 11 reply, ended by BEL or ST: each channel has 1
	// to 4 hex digits (xterm answers with 4); an alpha channel is ignored.
	bgReply = regexp.MustCompile(`\x1b\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})(?:/[0-9a-fA-F]{1,4})?(?:\x07|\x1b\\)`)
	// cellReply is the XTWINOPS 16 reply: CSI 6 ; height ; width t.
	cellReply = regexp.MustCompile(`\x1b\[6;(\d{1,4});(\d{1,4})t`)
	// kittyOK is the kitty graphics reply accepting the query's image.
	kittyOK = []byte("\x1b_Gi=31;OK\x1b\\")
	// daReply is the DA1 reply: CSI ? Ps ; ... c.
	daReply = regexp.MustCompile(`\x1b\[\?([0-9;]{1,64})c`)
	// dsrReply is the cursor position report: the end of the replies.
	dsrReply = regexp.MustCompile(`\x1b\[\d+;\d+R`)
)

// Parse reads the terminal's replies (to any of the questions, in any
// order) into Answers.
func Parse(reply []byte) Answers {
	var a Answers
	a.Replied = complete(reply)
	if c, ok := backgroundColor(reply); ok {
		a.Background, a.HasBackground = c, true
	}
	if m := cellReply.FindSubmatch(reply); m != nil {
		h, _ := strconv.Atoi(string(m[1]))
		w, _ := strconv.Atoi(string(m[2]))
		if w > 0 && h > 0 {
			a.CellWidth, a.CellHeight = w, h
		}
	}
	a.KittyGraphics = bytes.Contains(reply, kittyOK)
	if m := daReply.FindSubmatch(reply); m != nil {
		a.HasDeviceAttributes = true
		for _, p := range strings.Split(string(m[1]), ";") {
			if v, err := strconv.Atoi(p); err == nil {
				a.DeviceAttributes = append(a.DeviceAttributes, v)
			}
		}
	}
	return a
}

// backgroundColor reads the OSC 11 reply in what the terminal sent.
func backgroundColor(reply []byte) (color.RGBA, bool) {
	m := bgReply.FindSubmatch(reply)
	if m == nil {
		return color.RGBA{}, false
	}
	var c [3]uint8
	for i := range c {
		v, err := strconv.ParseUint(string(m[i+1]), 16, 16)
		if err != nil {
			return color.RGBA{}, false
		}
		c[i] = uint8(v * 255 / (uint64(1)<<(4*len(m[i+1])) - 1))
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}, true
}

// luminance is the luminance of c, 0 to 1.
func luminance(c color.RGBA) float64 {
	return rec709(float64(c.R)/255, float64(c.G)/255, float64(c.B)/255)
}

// rec709 weighs encoded channel values, 0 to 1: enough to tell dark from
// light.
func rec709(r, g, b float64) float64 { return 0.2126*r + 0.7152*g + 0.0722*b }

// complete reports whether the replies are all in: the DSR reply has come.
func complete(reply []byte) bool { return dsrReply.Match(reply) }

// ControllingCellSize returns the cell size in pixels of the process's
// controlling terminal (/dev/tty) from its window size, asking the
// terminal nothing: for output piped on its way to that terminal (`herald
// show | head` in xterm), where stdout cannot say. 0, 0 when there is no
// controlling terminal or it leaves the pixel size out.
func ControllingCellSize() (w, h int) {
	f, err := os.Open("/dev/tty")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	return pixelCell(f)
}
