package images

import (
	"testing"

	"github.com/herald-reader/herald/termprobe"
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

func TestDetectFromTheEnvironment(t *testing.T) {
	// A terminal that answers yes to everything: the environment's answer
	// stands whatever the terminal says, and only an unsettled one is
	// taken from the answers.
	kittyAndSixel := termprobe.Parse([]byte("\x1b_Gi=31;OK\x1b\\\x1b[?62;4c\x1b[1;1R"))
	for _, tc := range []struct {
		name    string
		env     map[string]string
		want    Mode
		settled bool
	}{
		{"tmux in kitty", map[string]string{"TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "1"}, ModeHalfblocks, true},
		{"screen", map[string]string{"STY": "123.pts-0", "TERM": "xterm-kitty"}, ModeHalfblocks, true},
		{"TERM screen", map[string]string{"TERM": "screen-256color"}, ModeHalfblocks, true},
		{"zellij", map[string]string{"ZELLIJ": "0", "TERM_PROGRAM": "ghostty"}, ModeHalfblocks, true},
		{"kitty window", map[string]string{"KITTY_WINDOW_ID": "3"}, ModeKitty, true},
		{"TERM kitty", map[string]string{"TERM": "xterm-kitty"}, ModeKitty, true},
		{"ghostty", map[string]string{"TERM_PROGRAM": "ghostty"}, ModeKitty, true},
		{"iTerm2 3.5", map[string]string{"TERM_PROGRAM": "iTerm.app", "TERM_PROGRAM_VERSION": "3.5.4"}, ModeSixel, true},
		{"iTerm2 3.4", map[string]string{"TERM_PROGRAM": "iTerm.app", "TERM_PROGRAM_VERSION": "3.4.23"}, ModeHalfblocks, false},
		{"unknown", map[string]string{"TERM": "xterm-256color"}, ModeHalfblocks, false},
		{"nothing", map[string]string{}, ModeHalfblocks, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect(envOf(tc.env), termprobe.Answers{}); got != tc.want {
				t.Errorf("Detect with no answers = %v, want %v", got, tc.want)
			}
			if got := NeedsProbe(envOf(tc.env)); got == tc.settled {
				t.Errorf("NeedsProbe = %v, want %v", got, !tc.settled)
			}
			got := Detect(envOf(tc.env), kittyAndSixel)
			if tc.settled && got != tc.want {
				t.Errorf("Detect with a kitty and sixel terminal = %v, want %v from the environment", got, tc.want)
			}
			if !tc.settled && got != ModeKitty {
				t.Errorf("Detect with a kitty and sixel terminal = %v, want kitty from the answers", got)
			}
		})
	}
}

// TestDetectReadsTheAnswers: the terminal's replies to termprobe's
// graphics questions, as termprobe parses them, choose the mode.
func TestDetectReadsTheAnswers(t *testing.T) {
	const kittyOK = "\x1b_Gi=31;OK\x1b\\"
	const dsr = "\x1b[24;80R"
	for _, tc := range []struct {
		name  string
		env   map[string]string
		reply string
		want  Mode
	}{
		{"kitty graphics", nil, kittyOK + "\x1b[?62;22c" + dsr, ModeKitty},
		{"sixel", nil, "\x1b[?63;1;2;4;6;9;15;22c" + dsr, ModeSixel},
		{"kitty and sixel", nil, kittyOK + "\x1b[?62;4c" + dsr, ModeKitty},
		{"kitty error", nil, "\x1b_Gi=31;ENOTSUPPORTED:x\x1b\\\x1b[?62;22c" + dsr, ModeHalfblocks},
		{"neither", nil, "\x1b[?65;1;9c" + dsr, ModeHalfblocks},
		{"attribute 41 is not 4", nil, "\x1b[?62;41c" + dsr, ModeHalfblocks},
		{"class 4 is not sixel", nil, "\x1b[?4;1c" + dsr, ModeHalfblocks},
		{"DSR only", nil, dsr, ModeHalfblocks},
		{"silent", nil, "", ModeHalfblocks},
		// Cut short by the deadline: what came before it counts.
		{"kitty, then nothing", nil, kittyOK, ModeKitty},
		{"WezTerm prints placeholders", map[string]string{"TERM_PROGRAM": "WezTerm"}, kittyOK + "\x1b[?65;4c" + dsr, ModeSixel},
		{"Konsole prints placeholders", map[string]string{"KONSOLE_VERSION": "230805"}, kittyOK + "\x1b[?62;22c" + dsr, ModeHalfblocks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !NeedsProbe(envOf(tc.env)) {
				t.Fatalf("NeedsProbe(%v) = false", tc.env)
			}
			if got := Detect(envOf(tc.env), termprobe.Parse([]byte(tc.reply))); got != tc.want {
				t.Errorf("Detect = %v, want %v", got, tc.want)
			}
		})
	}
}
