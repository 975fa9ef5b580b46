// Package sanitize makes text from strangers safe to show in a terminal.
//
// Every string that comes from a feed, a web page or a file passes through
// Text (multi-line bodies) or Line (titles, authors, status lines, the window
// title) before it reaches lipgloss, glamour, tea.SetWindowTitle or stdout.
// It is the one choke point for terminal escape-sequence injection.
package sanitize

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// escSequence matches a complete escape sequence: CSI (ESC [ … final),
// OSC, DCS, SOS, PM and APC strings ended by BEL or ST, and two-byte ESC
// sequences. Its payload goes with it (an OSC 0 title, an OSC 52 clipboard
// write, an OSC 8 target). An unterminated string is not matched: only its
// ESC is dropped, so the text after it is kept, harmless without the ESC.
var escSequence = regexp.MustCompile("\x1b\\[[0-?]*[ -/]*[@-~]" +
	"|\x1b[\\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\\\)" +
	"|\x1b[ -/]*[0-~]")

// Text returns s without terminal control sequences or control characters.
// Newlines and tabs are kept; carriage returns are dropped. Whole ESC, CSI,
// OSC, DCS and APC sequences are removed with their payload, as are C0, DEL,
// C1 (raw or UTF-8 encoded) and bidirectional override characters.
func Text(s string) string {
	if clean(s) {
		return s
	}
	s = escSequence.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

// Line is Text for single-line fields: newlines, carriage returns and tabs
// become spaces and runs of spaces collapse to one.
func Line(s string) string {
	if clean(s) { // the common case: only the white space to collapse
		return strings.Join(strings.Fields(s), " ")
	}
	s = escSequence.ReplaceAllString(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// IsControl reports whether r must never reach the terminal: C0 controls
// other than newline and tab, DEL, C1 controls and bidi overrides/isolates.
func IsControl(r rune) bool {
	return r != '\n' && r != '\t' && isControl(r)
}

// HasControl reports whether s holds any rune that IsControl rejects, or a
// byte that is not valid UTF-8 (a raw 8-bit C1 control would be one). Tests
// and fuzz targets use it as their property.
func HasControl(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if IsControl(r) {
			return true
		}
	}
	return false
}

func isControl(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM, RLM, ALM marks
		return true
	case r == 0xfeff: // BOM / zero-width no-break space
		return true
	}
	return false
}

// clean reports whether s needs no work (clean(s) == !HasControl(s)), so
// the common case allocates nothing. It reads bytes, not runes: in valid
// UTF-8 every control above U+007F starts with one of four lead bytes, so
// only those need a look at the bytes after them.
func clean(s string) bool {
	high := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !notable[c] {
			continue
		}
		if c < 0x80 || controlAt(s, i) {
			return false
		}
		high = true
	}
	return !high || utf8.ValidString(s)
}

// notable marks the bytes clean must look at: C0 controls other than
// newline and tab, DEL, and every byte of a multi-byte rune.
var notable = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f
	}
	return t
}()

// controlAt reports whether the bytes at s[i], a byte above 0x7f, encode a
// rune isControl rejects: C1 (C2 80–9F), ALM (D8 9C), LRM and RLM (E2 80
// 8E–8F), bidi embeddings and overrides (E2 80 AA–AE), isolates (E2 81
// A6–A9), BOM (EF BB BF).
func controlAt(s string, i int) bool {
	next := func(k int) byte {
		if i+k < len(s) {
			return s[i+k]
		}
		return 0
	}
	switch s[i] {
	case 0xc2:
		b := next(1)
		return b >= 0x80 && b <= 0x9f
	case 0xd8:
		return next(1) == 0x9c
	case 0xe2:
		b, b2 := next(1), next(2)
		return b == 0x80 && (b2 == 0x8e || b2 == 0x8f || b2 >= 0xaa && b2 <= 0xae) ||
			b == 0x81 && b2 >= 0xa6 && b2 <= 0xa9
	case 0xef:
		return next(1) == 0xbb && next(2) == 0xbf
	}
	return false
}

// controlRef matches a numeric character reference, with or without the
// semicolon (as HTML decoders accept it).
var controlRef = regexp.MustCompile(`&#(?:[xX][0-9a-fA-F]+|[0-9]+);?`)

// ControlRefs removes numeric character references to characters Text
// would remove (&#27;, &#x9b;, &#8238;, …), and to no character at all
// (NUL, surrogates, out of range). Markdown keeps entities as text and a
// renderer decodes them later, so Text alone would let `&#27;[2J` through
// as a real escape sequence.
func ControlRefs(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	return controlRef.ReplaceAllStringFunc(s, func(m string) string {
		num := strings.TrimSuffix(m[2:], ";")
		base := 10
		if num[0] == 'x' || num[0] == 'X' {
			num, base = num[1:], 16
		}
		v, err := strconv.ParseUint(num, base, 32)
		if err != nil {
			return "" // out of range
		}
		r := rune(v)
		if r == 0 || r == '\t' || isControl(r) || r > utf8.MaxRune || (r >= 0xd800 && r <= 0xdfff) {
			return ""
		}
		return m
	})
}

// URL makes a URL safe to print without changing where it leads: every
// control character, white space and bidi override (and each byte of invalid
// UTF-8) is percent-encoded, as a browser would send it.
func URL(s string) string {
	if clean(s) && !strings.ContainsAny(s, " \n\t") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || isControl(r) || r == ' ' || r == '\n' || r == '\t' {
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
