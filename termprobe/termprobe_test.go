package termprobe

import (
	"math"
	"os"
	"testing"
)

func TestFromEnv(t *testing.T) {
	tests := []struct {
		in       string
		dark, ok bool
	}{
		{"15;0", true, true},
		{"0;15", false, true},
		{"0;default;7", false, true},
		{"7;8", true, true},
		{"7;16", false, false},
		{"", false, false},
		{"default;default", false, false},
	}
	for _, tt := range tests {
		dark, ok := FromEnv(tt.in)
		if dark != tt.dark || ok != tt.ok {
			t.Errorf("FromEnv(%q) = %v, %v; want %v, %v", tt.in, dark, ok, tt.dark, tt.ok)
		}
	}
}

// TestLuminance reads OSC 11 replies through Parse: the colour's
// luminance, or no background when the reply is not one.
func TestLuminance(t *testing.T) {
	tests := []struct {
		reply string
		lum   float64
		ok    bool
	}{
		{"\x1b]11;rgb:0000/0000/0000\x1b\\", 0, true},
		{"\x1b]11;rgb:ffff/ffff/ffff\x07", 1, true},
		{"\x1b]11;rgb:ff/ff/ff\x1b\\\x1b[3;1R", 1, true},
		{"\x1b]11;rgba:ffff/0000/0000/ffff\x07", 0.2126, true},
		{"\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\", 0.1222, true},
		{"\x1b[12;40R", 0, false},                     // DSR only
		{"\x1b]11;rgb:ffff/ffff/ffff", 0, false},      // cut short
		{"\x1b]11;rgb:fffff/ffff/ffff\x07", 0, false}, // 5 digits
		{"\x1b]10;rgb:ffff/ffff/ffff\x07", 0, false},  // foreground
		{"\x1b]11;#ffffff\x07", 0, false},             // not an X colour spec
		{"", 0, false},
	}
	for _, tt := range tests {
		a := Parse([]byte(tt.reply))
		lum, ok := luminance(a.Background), a.HasBackground
		if ok != tt.ok || math.Abs(lum-tt.lum) > 0.001 {
			t.Errorf("Parse(%q): luminance %.4f, background %v; want %.4f, %v", tt.reply, lum, ok, tt.lum, tt.ok)
		}
	}
}

// TestDarkWithoutQuery checks the answers that need no terminal round trip.
func TestDarkWithoutQuery(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	t.Setenv("COLORFGBG", "0;15")
	t.Setenv("TERM", "xterm-256color")
	if Dark(null, null, DefaultTimeout) {
		t.Error("COLORFGBG=0;15 (light background): Dark = true")
	}
	t.Setenv("COLORFGBG", "")
	if !Dark(null, null, DefaultTimeout) {
		t.Error("not a terminal: Dark = false, want the dark default")
	}
	if !Dark(nil, nil, DefaultTimeout) {
		t.Error("no files: Dark = false, want the dark default")
	}
}
