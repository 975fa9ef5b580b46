package feed

// The byte tests of the lift: which text may be lifted, entity and name
// lengths, white space.

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// liftableText reports whether gofeed would read text without changing it
// other than decoding entities: valid UTF-8, only characters XML allows,
// no control characters (gofeed drops them); for escaped text, only the XML
// entities and character references. Carriage returns are fine: gofeed
// reads bodies as innerxml, which encoding/xml does not normalise.
func liftableText(b []byte, escaped bool) bool {
	for i := 0; i < len(b); {
		if i+8 <= len(b) && plainWord(binary.LittleEndian.Uint64(b[i:]), escaped) {
			i += 8
			continue
		}
		c := b[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return false
		case c >= 0x80:
			r, n := utf8.DecodeRune(b[i:])
			if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
				return false
			}
			i += n
			continue
		case escaped && c == '&':
			n := entityLen(b[i:])
			if n == 0 {
				return false
			}
			i += n
			continue
		case escaped && c == ']' && bytes.HasPrefix(b[i:], []byte(cdataEnd)):
			return false
		}
		i++
	}
	return true
}

// plainWord reports whether 8 bytes are printable ASCII needing no check:
// none below 0x20 or above 0x7f and, in escaped text, no '&' or ']'. It
// may answer false for a plain word (a borrow), never true for another.
func plainWord(x uint64, escaped bool) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	if ((x-0x20*lo)|x)&hi != 0 {
		return false
	}
	if escaped {
		amp, bracket := x^('&'*lo), x^(']'*lo)
		if (amp-lo)&^amp&hi != 0 || (bracket-lo)&^bracket&hi != 0 {
			return false
		}
	}
	return true
}

// entityLen returns the length of the XML entity or character reference at
// the start of b, or 0 when it is anything else.
func entityLen(b []byte) int {
	for _, e := range []string{"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"} {
		if bytes.HasPrefix(b, []byte(e)) {
			return len(e)
		}
	}
	if len(b) < 4 || b[1] != '#' {
		return 0
	}
	base, i := 10, 2
	if b[2] == 'x' {
		base, i = 16, 3
	}
	j := i
	for j < len(b) && j-i < 7 && isDigitIn(b[j], base) {
		j++
	}
	if j == i || j >= len(b) || b[j] != ';' {
		return 0
	}
	v, err := strconv.ParseUint(string(b[i:j]), base, 32)
	// Not C1 controls either: html.UnescapeString reads them as
	// windows-1252, encoding/xml as themselves.
	if err != nil || !(v == '\t' || v == '\n' || (v >= 0x20 && v < 0x80) || (v > 0x9F && v < 0xD800) ||
		(v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)) {
		return 0
	}
	return j + 1
}

func isDigitIn(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
}

// xmlName reads a name at b[p:] (letters, digits, '_', '-', '.', ':' and
// any non-ASCII byte; not starting with a digit, '-' or '.').
func xmlName(b []byte, p int) (string, int) {
	q := p
	for q < len(b) {
		c := b[q]
		if c == '_' || c == ':' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(q > p && (c == '-' || c == '.' || (c >= '0' && c <= '9'))) {
			q++
			continue
		}
		break
	}
	return string(b[p:q]), q
}

func skipSpace(b []byte, p int) int {
	for p < len(b) && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r') {
		p++
	}
	return p
}

// trimSpaceRange narrows [start, end) of b as strings.TrimSpace would.
func trimSpaceRange(b []byte, start, end int) (int, int) {
	t := bytes.TrimSpace(b[start:end])
	if len(t) == 0 {
		return start, start
	}
	lead := len(b[start:end]) - len(bytes.TrimLeftFunc(b[start:end], unicode.IsSpace))
	return start + lead, start + lead + len(t)
}
