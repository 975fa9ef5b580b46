package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestHostile(t *testing.T) {
	hostile := []string{
		"\x1b]52;c;cHduZWQ=\x07",                                // OSC 52 clipboard
		"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", // OSC 8 link
		"\x1b]0;pwned\x07", "\x1b]2;title\x1b\\",                // window title
		"\x1b[2J\x1b[H", "\x1b[6n", "\x1bc", // clear, query, reset
		"\x07", "\x08\x08", "\r", "\x7f",
		"\u009b31m", "\u009d0;x\u009c", "\x9b2J", // C1, UTF-8 and raw
		"\u202eevil\u202c", "\u2066x\u2069", "\u200f", // bidi
		"&#27;[2J", "&#x1b;]52;c;AA&#7;", "&#x9b;2J", "&#155;", "&#0027", "&#8238;rtl", "&#x81;",
		"`\x1b[31m code`", "```\n\x1b]0;t\x07\n&#27;[2J\n```",
		"[a\x1b[31m](https://x.example/\x1b]52;c;AA\x07)",
		"[Image](https://i.example/\x1b[2J.jpg)\n\n*cap \x1b]0;t\x07* — Photo: &#27;[2J",
		"<span>&#27;[2J</span>", "<b>&#x1b;]0;t&#x7;</b>",
		"*\x1b[5mBy \x1b]8;;x\x07Jane*",
	}
	for _, o := range []Options{{Dark: true}, {Dark: false, Profile: termenv.ANSI256}, asciiDark(), {NoColor: true}} {
		r := New(o)
		for _, h := range hostile {
			md := "# T " + h + "\n\nBody " + h + " text.\n\n" + h + "\n"
			out, err := r.Render(md, 40)
			if err != nil {
				t.Fatal(err)
			}
			checkSafe(t, out)
			checkWidth(t, out, 40)
			for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[6n", "\x1b[5m", "\x07", "\u009b", "\u202e", "pwned"} {
				if strings.Contains(out, bad) {
					t.Errorf("input %q: output holds %q: %q", h, bad, out)
				}
			}
		}
	}
}

func TestSafeANSI(t *testing.T) {
	cases := map[string]string{
		"plain\ntext":                                "plain\ntext",
		"\x1b[1;38;5;39mbold\x1b[0m":                 "\x1b[1;38;5;39mbold\x1b[0m",
		"\x1b[38:2::1:2:3mx\x1b[m":                   "\x1b[38:2::1:2:3mx\x1b[m",
		"a\x1b]0;title\x07b":                         "ab",
		"a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b": "alinkb",
		"a\x1b[2Jb\x1b[?25lc\x1b[>0md":               "abcd",
		"a\x1bPq#0;2;0;0;0\x1b\\b":                   "ab",
		"a\x1b_apc\x1b\\b\x1b^pm\x1b\\c":             "abc",
		"a\x1bcb\x1b(Bc\x1b7d":                       "abcd",
		"a\tb\rc\x00d\x7fe\x08f":                     "abcdef",
		"a\u009b31mb\u0085c":                         "a31mbc",
		"a\x9b31mb\xffc":                             "a31mbc",
		"a\u202eb\u2066c\u200fd":                     "abcd",
		"unterminated\x1b]0;title":                   "unterminated",
		"trailing\x1b":                               "trailing",
		"csi\x1b[12":                                 "csi",
		"日本 👨‍👩‍👧 é":                                 "日本 👨‍👩‍👧 é",
	}
	for in, want := range cases {
		if got := SafeANSI(in); got != want {
			t.Errorf("SafeANSI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHasBackground(t *testing.T) {
	for seq, want := range map[string]bool{
		"\x1b[0m": false, "\x1b[m": false, "\x1b[;;1m": false, "\x1b[38;5;40m": false,
		"\x1b[38;2;1;48;7m": false, "\x1b[38;5;228;48;5;63;1m": true, "\x1b[7m": true,
		"\x1b[41m": true, "\x1b[103m": true, "\x1b[1;48;2;1;2;3m": true,
	} {
		if got := hasBackground(seq); got != want {
			t.Errorf("hasBackground(%q) = %v, want %v", seq, got, want)
		}
	}
}

func TestNoTrailingPadding(t *testing.T) {
	md := "Text.\n\n```\nfunc main() {\n\tx := 1\n}\n```\n\n---\n\nEnd."
	for _, o := range []Options{{Dark: true}, asciiDark(), {NoColor: true}} {
		out, err := New(o).Render(md, 60)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(out, "\n") {
			if p := ansi.Strip(l); strings.HasSuffix(p, " ") {
				t.Errorf("trailing spaces in %q", l)
			}
		}
		if !strings.Contains(ansi.Strip(out), "        x := 1") {
			t.Errorf("tab in code not expanded to 4 spaces:\n%s", out)
		}
	}
}

// TestLongWordsKeepTheMargin checks that a word longer than a line (a URL,
// a run of letters) breaks at the width and carries on at the margin, not
// at column 0, styled or not.
func TestLongWordsKeepTheMargin(t *testing.T) {
	md := "# Title\n\nRead the filing at https://court.example/filings/2026/" + strings.Repeat("a", 90) +
		" before the hearing.\n\nSupercali" + strings.Repeat("fragilistic", 9) + " ends here.\n"
	for name, o := range map[string]Options{
		"no colour": {NoColor: true},
		"truecolor": {Dark: true, Profile: termenv.TrueColor},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := New(o).Render(md, 40)
			if err != nil {
				t.Fatal(err)
			}
			checkWidth(t, out, 40)
			checkSafe(t, out)
			if o.NoColor && strings.Contains(out, "\x1b") {
				t.Errorf("escape sequence in uncoloured output: %q", out)
			}
			for i, l := range strings.Split(ansi.Strip(out), "\n") {
				if l != "" && !strings.HasPrefix(l, "  ") {
					t.Errorf("line %d lost the margin: %q", i, l)
				}
			}
			if !strings.Contains(ansi.Strip(out), strings.Repeat("a", 20)) {
				t.Errorf("the long word is gone:\n%s", ansi.Strip(out))
			}
		})
	}
}

func TestHardwrapIndented(t *testing.T) {
	// A style that starts after the break does not leak onto the line before it.
	got := hardwrapIndented("  \x1b[31maaaaaaaaaaaa\x1b[4munderlined\x1b[m", 8)
	lines := strings.Split(got, "\n")
	if u := strings.Index(lines[1], "\x1b[4m"); len(lines) < 3 || (u >= 0 && u < strings.LastIndex(lines[1], "a")) {
		t.Errorf("underline leaked onto the first continuation: %q", lines)
	}
	if !strings.Contains(lines[1], "\x1b[31m") {
		t.Errorf("continuation lost the colour in force: %q", lines)
	}
	// Wide runes and narrow widths: never wider than width, nothing lost.
	for _, tc := range []struct {
		in    string
		width int
	}{{" 中中中", 2}, {"  中中中中中中", 3}, {"   🤦🏼‍♂️🤦🏼‍♂️🤦🏼‍♂️x", 4}, {" " + strings.Repeat("ab", 20), 1}} {
		out := hardwrapIndented(tc.in, tc.width)
		if tc.width > 1 {
			checkWidth(t, out, tc.width)
		}
		if strings.ReplaceAll(strings.ReplaceAll(out, "\n", ""), " ", "") != strings.ReplaceAll(tc.in, " ", "") {
			t.Errorf("hardwrapIndented(%q, %d) lost text: %q", tc.in, tc.width, out)
		}
	}
	// Many styles on one long line: the replayed state stays small, so the
	// output grows with the input, not with its square.
	var long strings.Builder
	long.WriteString("  ")
	for i := range 20000 {
		fmt.Fprintf(&long, "\x1b[%dmx\x1b[m", 31+i%7)
	}
	out := hardwrapIndented(long.String(), 40)
	if len(out) > 3*long.Len() {
		t.Errorf("output %d bytes for %d bytes of input", len(out), long.Len())
	}
	checkWidth(t, out, 40)
}

func TestNoOrphanedWords(t *testing.T) {
	// reflow lets a line ending in a hyphenated word overflow by one cell and
	// glamour's second wrap then strands the last word on its own line.
	md := "The ferry, a forty-metre vessel built in 1987, has been operated under a subsidy agreement that expires in April."
	out, err := New(Options{NoColor: true}).Render(md, 40)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.TrimSpace(l) == "built" {
			t.Fatalf("orphaned word:\n%s", out)
		}
	}
	if !strings.Contains(out, "forty-metre") {
		t.Errorf("hyphen not restored:\n%s", out)
	}
}
