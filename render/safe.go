package render

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/herald-reader/herald/sanitize"
)

// sgrSeq matches one SGR sequence, the only kind SafeANSI lets through.
var sgrSeq = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// SafeANSI returns s with every escape sequence removed except SGR (CSI
// parameters "m", the colours and attributes render adds), and every
// control character removed except newline: C0 (tabs included), DEL, C1
// (raw bytes or UTF-8 encoded), bidi controls and invalid UTF-8. Removed
// sequences go whole, payload included (OSC 8 links, OSC 52, DCS, ...).
func SafeANSI(s string) string {
	if safeAlready(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n, keep := escape(s[i:])
			if keep {
				b.WriteString(s[i : i+n])
			}
			i += n
		case c == '\n':
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size > 1 {
				if !sanitize.IsControl(r) {
					b.WriteString(s[i : i+size])
				}
			}
			i += size
		}
	}
	return b.String()
}

// safeAlready reports whether s has nothing for SafeANSI to remove: no
// control but newline and SGR sequences, valid UTF-8, no C1 or bidi runes.
func safeAlready(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n, keep := escape(s[i:])
			if !keep {
				return false
			}
			i += n
		case c == '\n':
			i++
		case c < 0x20 || c == 0x7f:
			return false
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size <= 1) || sanitize.IsControl(r) {
				return false
			}
			i += size
		}
	}
	return true
}

// escape measures the escape sequence at the start of s (s[0] is ESC) and
// reports whether it is an SGR sequence to keep.
func escape(s string) (n int, keep bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[': // CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E
		i := 2
		sgr := true
		for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
			if !(s[i] >= '0' && s[i] <= '9' || s[i] == ';' || s[i] == ':') {
				sgr = false
			}
			i++
		}
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			sgr = false
			i++
		}
		if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1, sgr && s[i] == 'm'
		}
		return i, false // malformed: drop what was read
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to ST or BEL
		for i := 2; i < len(s); i++ {
			switch s[i] {
			case 0x07:
				return i + 1, false
			case 0x1b:
				if i+1 < len(s) && s[i+1] == '\\' {
					return i + 2, false
				}
				return i, false // a new sequence starts; drop the unterminated one
			}
		}
		return len(s), false
	}
	// ESC, intermediates, one final byte (ESC c, ESC ( B, ...).
	i := 1
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i, false
}
