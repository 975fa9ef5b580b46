package triage

import (
	"html"
	"strings"
	"unicode/utf8"
)

// foldText turns an HTML fragment into folded text (see fold), cheaply and
// in one pass: tags and comments are dropped (a block tag leaves a space so
// the words around it stay apart), script and style elements go whole, and
// entities are decoded. It is no parser; it only needs to be good enough to
// find words.
func foldText(s string) string {
	b := make([]byte, 0, len(s)+utf8.UTFMax)
	ascii := true
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '<':
			n, space := markup(s[i:])
			if n == 0 {
				b = append(b, '<') // "a < b" is text
				n = 1
			} else if space {
				b = append(b, ' ')
			}
			i += n
		case c == '&':
			n, text := entity(s[i:])
			ascii = ascii && isASCII(text)
			b = appendFold(b, text)
			i += n
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			ascii = false
			b = utf8.AppendRune(b, foldRune(r))
			i += n
		default: // a run of plain ASCII, copied then lowered
			j := i + 1
			for j < len(s) && s[j] != '<' && s[j] != '&' && s[j] < utf8.RuneSelf {
				j++
			}
			k := len(b)
			b = append(b, s[i:j]...)
			for ; k < len(b); k++ {
				b[k] = lower[b[k]&0x7f]
			}
			i = j
		}
	}
	return normalFold(b, ascii)
}

// markup measures the tag or comment s starts with: n bytes, 0 when s
// starts with no markup, and whether it separates words. An unclosed tag
// or comment runs to the end, as in a browser.
func markup(s string) (n int, space bool) {
	rest := s[1:]
	if strings.HasPrefix(rest, "!--") {
		end := strings.Index(rest, "-->")
		if end < 0 {
			return len(s), false
		}
		return 1 + end + 3, true
	}
	if rest == "" || !isTagStart(rest[0]) {
		return 0, false
	}
	end := tagEnd(rest)
	if end < 0 {
		return len(s), false
	}
	var buf [8]byte
	name, closing := tagName(rest[:end], &buf)
	n = 1 + end + 1
	if !closing && (string(name) == "script" || string(name) == "style") {
		n += afterClose(s[n:], string(name))
	}
	return n, !isInline(name)
}

func isTagStart(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || c == '/' || c == '!' || c == '?'
}

// tagEnd returns the index of the '>' closing the tag s starts with,
// skipping quoted attribute values; -1 when there is none.
func tagEnd(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return strings.IndexByte(s, '>') // a stray quote: settle for the first '>'
}

// tagName returns the lower-case name of the tag whose inside is s, cut
// to the size of buf, and whether it is an end tag.
func tagName(s string, buf *[8]byte) (name []byte, closing bool) {
	if strings.HasPrefix(s, "/") {
		s, closing = s[1:], true
	}
	n := 0
	for n < len(s) && n < len(buf) && s[n] < utf8.RuneSelf && isWordRune(rune(s[n])) {
		buf[n] = s[n] | 0x20 // a letter or a digit: lower case or unchanged
		n++
	}
	return buf[:n], closing
}

// afterClose returns the length of s up to the end of its end tag
// </name>, all of s when there is none.
func afterClose(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		i += j + 2
		if len(s)-i < len(name) || !strings.EqualFold(s[i:i+len(name)], name) {
			continue
		}
		if k := i + len(name); k < len(s) && s[k] < utf8.RuneSelf && isWordRune(rune(s[k])) {
			continue // </scripts> does not end a script
		}
		if end := strings.IndexByte(s[i:], '>'); end >= 0 {
			return i + end + 1
		}
		return len(s)
	}
}

// isInline reports whether a tag sits inside a word without breaking it,
// as in "<b>Cr</b>ypto"; every other tag separates words.
func isInline(name []byte) bool {
	switch string(name) {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
		"em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
		"span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr":
		return true
	}
	return false
}

// entity decodes the character reference s starts with: n bytes of s and
// their text. Common ones are decoded without allocating; a no-break space
// is a space, as NFKC would make it.
func entity(s string) (n int, text string) {
	n = 1
	for n < len(s) && n < 40 && (s[n] < utf8.RuneSelf && isWordRune(rune(s[n])) || s[n] == '#') {
		n++
	}
	if n < len(s) && s[n] == ';' {
		n++
	}
	switch e := s[:n]; e {
	case "&amp;":
		return n, "&"
	case "&lt;":
		return n, "<"
	case "&gt;":
		return n, ">"
	case "&quot;", "&#34;":
		return n, `"`
	case "&apos;", "&#39;":
		return n, "'"
	case "&nbsp;", "&#160;":
		return n, " "
	case "&":
		return n, e
	default:
		return n, html.UnescapeString(e)
	}
}
