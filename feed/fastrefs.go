package feed

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// Character data and references for the fast path's XML reader
// (fastxml.go), read as encoding/xml reads them where they are well formed;
// anything else makes the fast path give up.

// numericRefsAllowed reports whether every complete numeric character
// reference in run names a character XML allows; encoding/xml fails the
// document on one that does not.
func numericRefsAllowed(run []byte) bool {
	for {
		i := bytes.Index(run, []byte("&#"))
		if i < 0 {
			return true
		}
		run = run[i+2:]
		base := 10
		if len(run) > 0 && run[0] == 'x' {
			base, run = 16, run[1:]
		}
		n := 0
		for n < len(run) && (isDigit(run[n]) || base == 16 && isHexLetter(run[n])) {
			n++
		}
		if n < len(run) && run[n] == ';' {
			v, err := strconv.ParseUint(string(run[:n]), base, 64)
			if err == nil && v <= utf8.MaxRune && !xmlChar([]rune(string(rune(v)))[0]) {
				return false
			}
		}
		run = run[n:]
	}
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isHexLetter(c byte) bool { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// attrValue decodes an attribute value: the five XML entities and numeric
// references to characters XML allows, and no '<'; ok is false otherwise.
func attrValue(raw []byte) (string, bool) {
	if bytes.IndexByte(raw, '<') >= 0 {
		return "", false
	}
	if bytes.IndexByte(raw, '&') < 0 {
		return string(raw), true
	}
	return decodeXMLRefs(raw)
}

// decodeXMLRefs decodes character data the way encoding/xml does for
// well-formed references; ok is false when any '&' starts anything else.
func decodeXMLRefs(raw []byte) (string, bool) {
	out := make([]byte, 0, len(raw))
	for {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return string(append(out, raw...)), true
		}
		out = append(out, raw[:i]...)
		raw = raw[i+1:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 {
			return "", false
		}
		ref := raw[:semi]
		raw = raw[semi+1:]
		switch string(ref) {
		case "amp":
			out = append(out, '&')
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			r, ok := numericRef(ref)
			if !ok {
				return "", false
			}
			out = utf8.AppendRune(out, r)
		}
	}
}

// numericRef reads "#123" or "#x7b" (without '&' and ';') as a character
// XML allows.
func numericRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	digits, base := ref[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	for _, c := range digits {
		if !isDigit(c) && !(base == 16 && isHexLetter(c)) {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) || !xmlChar(rune(v)) {
		return 0, false
	}
	return rune(v), true
}

// charData is the decoded character data directly inside n (what goxpp's
// text events carry), joined; ok is false for references it does not follow.
func (t *xtree) charData(n *xnode) (string, bool) {
	if len(n.texts) == 1 && n.texts[0].cdata {
		return string(t.src[n.texts[0].start:n.texts[0].end]), true
	}
	var out []byte
	for _, x := range n.texts {
		s := t.src[x.start:x.end]
		if x.cdata || bytes.IndexByte(s, '&') < 0 {
			out = append(out, s...)
			continue
		}
		d, ok := decodeXMLRefs(s)
		if !ok {
			return "", false
		}
		out = append(out, d...)
	}
	return string(out), true
}

// isNativeRSS reports whether uri is one gofeed's RSS parser reads as its
// own vocabulary.
func isNativeRSS(uri string) bool {
	switch uri {
	case "rss", "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", nsRSS10,
		"http://channel.netscape.com/rdf/simple/0.9/", "http://my.netscape.com/rdf/simple/0.9/":
		return true
	}
	return false
}
