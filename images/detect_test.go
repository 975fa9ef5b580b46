package images

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"
)

func TestParseModeAndString(t *testing.T) {
	for _, m := range []Mode{ModeOff, ModeHalfblocks, ModeSixel, ModeKitty, ModeAuto} {
		got, err := ParseMode(" " + m.String() + " ")
		if err != nil || got != m {
			t.Errorf("ParseMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	if m, err := ParseMode("KITTY"); err != nil || m != ModeKitty {
		t.Errorf("ParseMode(KITTY) = %v, %v", m, err)
	}
	for _, bad := range []string{"", "iterm", "half-blocks", "on"} {
		if _, err := ParseMode(bad); err == nil {
			t.Errorf("ParseMode(%q) accepted", bad)
		}
	}
	if s := Mode(42).String(); s != "Mode(42)" {
		t.Errorf("Mode(42).String() = %q", s)
	}
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// fakeTerminal answers Detect's question with a fixed reply, or times out
// when it has none; it records what was asked.
type fakeTerminal struct {
	reply    []byte
	asked    bytes.Buffer
	deadline time.Time
}

func (f *fakeTerminal) Write(p []byte) (int, error) { return f.asked.Write(p) }
func (f *fakeTerminal) SetReadDeadline(t time.Time) error {
	f.deadline = t
	return nil
}
func (f *fakeTerminal) Read(p []byte) (int, error) {
	if len(f.reply) == 0 {
		return 0, os.ErrDeadlineExceeded
	}
	n := copy(p, f.reply[:min(len(f.reply), 7)]) // in small pieces, as a tty may
	f.reply = f.reply[n:]
	return n, nil
}

func TestDetectFromTheEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want Mode
	}{
		{"tmux in kitty", map[string]string{"TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "1"}, ModeHalfblocks},
		{"screen", map[string]string{"STY": "123.pts-0", "TERM": "xterm-kitty"}, ModeHalfblocks},
		{"TERM screen", map[string]string{"TERM": "screen-256color"}, ModeHalfblocks},
		{"zellij", map[string]string{"ZELLIJ": "0", "TERM_PROGRAM": "ghostty"}, ModeHalfblocks},
		{"kitty window", map[string]string{"KITTY_WINDOW_ID": "3"}, ModeKitty},
		{"TERM kitty", map[string]string{"TERM": "xterm-kitty"}, ModeKitty},
		{"ghostty", map[string]string{"TERM_PROGRAM": "ghostty"}, ModeKitty},
		{"iTerm2 3.5", map[string]string{"TERM_PROGRAM": "iTerm.app", "TERM_PROGRAM_VERSION": "3.5.4"}, ModeSixel},
		{"iTerm2 3.4", map[string]string{"TERM_PROGRAM": "iTerm.app", "TERM_PROGRAM_VERSION": "3.4.23"}, ModeHalfblocks},
		{"unknown", map[string]string{"TERM": "xterm-256color"}, ModeHalfblocks},
		{"nothing", map[string]string{}, ModeHalfblocks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probe := &fakeTerminal{}
			if got := Detect(envOf(tc.env), nil); got != tc.want {
				t.Errorf("Detect = %v, want %v", got, tc.want)
			}
			if got := Detect(envOf(tc.env), probe); got != tc.want {
				t.Errorf("Detect with a silent terminal = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDetectAsksTheTerminal(t *testing.T) {
	const kittyOK = "\x1b_Gi=31;OK\x1b\\"
	for _, tc := range []struct {
		name  string
		env   map[string]string
		reply string
		want  Mode
	}{
		{"kitty graphics", nil, kittyOK + "\x1b[?62;22c", ModeKitty},
		{"sixel", nil, "\x1b[?63;1;2;4;6;9;15;22c", ModeSixel},
		{"kitty and sixel", nil, kittyOK + "\x1b[?62;4c", ModeKitty},
		{"kitty error", nil, "\x1b_Gi=31;ENOTSUPPORTED:x\x1b\\\x1b[?62;22c", ModeHalfblocks},
		{"neither", nil, "\x1b[?65;1;9c", ModeHalfblocks},
		{"attribute 41 is not 4", nil, "\x1b[?62;41c", ModeHalfblocks},
		{"silent", nil, "", ModeHalfblocks},
		{"WezTerm prints placeholders", map[string]string{"TERM_PROGRAM": "WezTerm"}, kittyOK + "\x1b[?65;4c", ModeSixel},
		{"Konsole prints placeholders", map[string]string{"KONSOLE_VERSION": "230805"}, kittyOK + "\x1b[?62;22c", ModeHalfblocks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			term := &fakeTerminal{reply: []byte(tc.reply)}
			start := time.Now()
			if got := Detect(envOf(tc.env), term); got != tc.want {
				t.Errorf("Detect = %v, want %v", got, tc.want)
			}
			if got, want := term.asked.String(), kittyQuery+primaryDA; got != want {
				t.Errorf("asked %q, want %q", got, want)
			}
			if term.deadline.Sub(start) > ProbeTimeout {
				t.Errorf("read deadline %v after the start, want at most %v", term.deadline.Sub(start), ProbeTimeout)
			}
		})
	}
}

// A terminal that answers in pieces and then nothing: ask stops at its
// deadline without the DA1 reply.
func TestDetectStopsAtTheDeadline(t *testing.T) {
	term := &fakeTerminal{reply: []byte("\x1b_Gi=31;OK\x1b\\")}
	if got := Detect(envOf(nil), term); got != ModeKitty {
		t.Errorf("Detect = %v, want kitty from the answer read before the deadline", got)
	}
	var _ Prober = (*os.File)(nil) // the real terminal is one
	var _ io.ReadWriter = term
}
