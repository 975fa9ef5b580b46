package sanitize

import "testing"

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Hello, world", "Hello, world"},
		{"newlines kept", "a\nb\tc", "a\nb\tc"},
		{"osc 0 title", "a\x1b]0;pwned\x07b", "ab"},
		{"osc 52 clipboard", "x\x1b]52;c;ZWNobyBoaQ==\x07y", "xy"},
		{"osc 8 link", "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"csi clear", "before\x1b[2Jafter", "beforeafter"},
		{"bel and bs", "ding\x07\x08!", "ding!"},
		{"utf8 c1 csi", "a\u009b31mb", "a31mb"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba"},
		{"carriage return", "over\rwrite", "overwrite"},
		{"cjk and emoji", "日本 👨‍👩‍👧 café", "日本 👨‍👩‍👧 café"},
		{"del", "a\x7fb", "ab"},
		{"raw 8-bit csi", "a\x9b2Jb", "a\uFFFD2Jb"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"unterminated osc keeps the text", "A \x1b]0;title B C.", "A 0;title B C."},
		{"osc ended by st", "a\x1b]2;t\x1b\\b", "ab"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two-byte esc", "a\x1bcb", "ab"},
		{"csi with params", "a\x1b[38;5;196mred\x1b[0mb", "aredb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Fatalf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if HasControl(got) {
				t.Fatalf("Text(%q) still has a control: %q", tt.in, got)
			}
		})
	}
}

func TestLine(t *testing.T) {
	got := Line("  Breaking:\n\tsomething\x1b]2;title\x07  happened\r\n")
	if want := "Breaking: something happened"; got != want {
		t.Fatalf("Line = %q, want %q", got, want)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"a\x1b]0;x\x07b", "\x9b2J", "\u202e", "plain", "\x1b[31mred\x1b[0m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := Text(s); HasControl(out) {
			t.Fatalf("Text(%q) = %q has a control", s, out)
		}
		if out := Line(s); HasControl(out) {
			t.Fatalf("Line(%q) = %q has a control", s, out)
		}
		if clean(s) == HasControl(s) {
			t.Fatalf("clean(%q) = %v, HasControl = %v", s, clean(s), HasControl(s))
		}
	})
}

// TestCleanAgreesWithHasControl checks the byte-level fast path against
// the rune-level definition for every rune up to U+FFFF and beyond, alone
// and inside text, and for broken UTF-8.
func TestCleanAgreesWithHasControl(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if clean(s) == HasControl(s) {
			t.Fatalf("clean(%q) = %v, HasControl = %v", s, clean(s), HasControl(s))
		}
	}
	for r := rune(0); r <= 0x10ffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if r > 0x3000 && r < 0xfe00 && r%97 != 0 {
			continue // nothing to find there; sample it
		}
		check(string(r))
		check("café " + string(r) + " ok")
	}
	for _, s := range []string{"\xc2", "a\xc2", "\xe2\x80", "\xef\xbb", "\xff", "caf\xe9", "\xd8"} {
		check(s)
	}
}

func TestControlRefs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a&#27;[2Jb", "a[2Jb"},
		{"a&#x1B;]0;t&#7;b", "a]0;tb"},
		{"c1 &#x9b;31m", "c1 31m"},
		{"bidi &#8238;x", "bidi x"},
		{"no semicolon &#27[2J", "no semicolon [2J"},
		{"nul &#0; surrogate &#xd800; huge &#99999999;", "nul  surrogate  huge "},
		{"kept: &#233; &#x263A; &amp; &#10;", "kept: &#233; &#x263A; &amp; &#10;"},
	}
	for _, tt := range tests {
		if got := ControlRefs(tt.in); got != tt.want {
			t.Errorf("ControlRefs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.test/x?q=1":            "https://a.test/x?q=1",
		"https://a.test/caf\u00e9":        "https://a.test/caf\u00e9",
		"https://a.test/\u009b2J":         "https://a.test/%C2%9B2J",
		"https://a.test/\u202egnp.exe":    "https://a.test/%E2%80%AEgnp.exe",
		"https://a.test/\x1b]0;x\x07 y":   "https://a.test/%1B]0;x%07%20y",
		"https://a.test/\xff":             "https://a.test/%FF",
		"https://a.test/line\nbreak\ttab": "https://a.test/line%0Abreak%09tab",
	} {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
		if HasControl(URL(in)) {
			t.Errorf("URL(%q) keeps a control", in)
		}
	}
}
