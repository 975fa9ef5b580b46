package render

// Inline Markdown scanning: links and images (rewritten to numbered
// references), code spans, autolinks, and plain text out of Markdown.

import (
	"html"
	"strconv"
	"strings"

	"github.com/herald-reader/herald/sanitize"
)

// rewriteLinks turns inline links and images in s into `text[n]`, leaving
// code spans, autolinks and escapes alone.
func (sp *special) rewriteLinks(s string) string {
	if !strings.ContainsRune(s, '[') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i += 2
		case c == '`':
			n := run(s, i, '`')
			if end := closeCodeSpan(s, i+n, n); end >= 0 {
				b.WriteString(s[i:end])
				i = end
			} else {
				b.WriteString(s[i : i+n])
				i += n
			}
		case c == '<':
			if end := autolinkEnd(s, i); end > 0 {
				b.WriteString(s[i:end])
				i = end
			} else {
				b.WriteByte(c)
				i++
			}
		case c == '[' || (c == '!' && i+1 < len(s) && s[i+1] == '['):
			bang := 0
			if c == '!' {
				bang = 1
			}
			text, u, end, ok := parseLink(s[i:], bang)
			if !ok {
				b.WriteString(s[i : i+1+bang])
				i += 1 + bang
				continue
			}
			text = sp.rewriteLinks(text) // images inside links come first
			if bang == 1 && strings.TrimSpace(text) == "" {
				text = "Image"
			}
			b.WriteString(text)
			if n := sp.ref(u); n > 0 {
				b.WriteString(`\[` + strconv.Itoa(n) + `\]`)
			}
			i += end
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closeCodeSpan returns the index just after the backtick run of exactly n
// that closes a code span starting at from, or -1.
func closeCodeSpan(s string, from, n int) int {
	for i := from; i < len(s) && i-from <= maxCodeSpan; {
		if s[i] != '`' {
			i++
			continue
		}
		m := run(s, i, '`')
		if m == n {
			return i + m
		}
		i += m
	}
	return -1
}

// autolinkEnd returns the index after `<scheme:…>` starting at s[i], or -1.
func autolinkEnd(s string, i int) int {
	j := i + 1
	k := j
	for k < len(s) && k-j < 32 && (isAlpha(s[k]) || (k > j && (isDigit(s[k]) || s[k] == '+' || s[k] == '.' || s[k] == '-'))) {
		k++
	}
	if k-j < 2 || k >= len(s) || s[k] != ':' {
		return -1
	}
	for k < len(s) && s[k] != '>' {
		if s[k] <= ' ' || s[k] == '<' {
			return -1
		}
		k++
	}
	if k >= len(s) {
		return -1
	}
	return k + 1
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseLink parses an inline link `[text](dest "title")` at s[bang:] (bang
// is 1 for an image, whose `!` is s[0]). It returns the link text, the
// destination and the length consumed from s.
func parseLink(s string, bang int) (text, dest string, end int, ok bool) {
	i := bang
	if i >= len(s) || s[i] != '[' {
		return "", "", 0, false
	}
	// The matching bracket; code spans and escapes hide brackets.
	depth := 0
	j := i
	for ; j < len(s) && j-i <= maxLinkText; j++ {
		switch s[j] {
		case '\\':
			j++
			continue
		case '`':
			n := run(s, j, '`')
			if e := closeCodeSpan(s, j+n, n); e >= 0 {
				j = e - 1
			} else {
				j += n - 1
			}
			continue
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if j >= len(s) || j-i > maxLinkText || j+1 >= len(s) || s[j+1] != '(' {
		return "", "", 0, false
	}
	text = s[i+1 : j]
	k := j + 2
	for k < len(s) && (s[k] == ' ' || s[k] == '\n') {
		k++
	}
	if k < len(s) && s[k] == '<' {
		e := strings.IndexAny(s[k+1:], ">\n")
		if e < 0 || s[k+1+e] != '>' {
			return "", "", 0, false
		}
		dest = s[k+1 : k+1+e]
		k += e + 2
	} else {
		start := k
		parens := 0
	dest:
		for ; k < len(s); k++ {
			switch s[k] {
			case '\\':
				k++
			case '(':
				parens++
			case ')':
				if parens == 0 {
					break dest
				}
				parens--
			case ' ', '\n', '\t':
				break dest
			}
		}
		if k > len(s) {
			k = len(s)
		}
		dest = s[start:k]
	}
	for k < len(s) && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t') {
		k++
	}
	if k < len(s) && (s[k] == '"' || s[k] == '\'' || s[k] == '(') {
		q := s[k]
		if q == '(' {
			q = ')'
		}
		k++
		for k < len(s) && s[k] != q {
			if s[k] == '\\' {
				k++
			}
			k++
		}
		k++ // the closing quote
		for k < len(s) && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t') {
			k++
		}
	}
	if k >= len(s) || s[k] != ')' {
		return "", "", 0, false
	}
	return text, dest, k + 1, true
}

// unescapeMarkdown removes backslash escapes before ASCII punctuation.
func unescapeMarkdown(s string) string {
	if !strings.ContainsRune(s, '\\') {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// plain turns inline Markdown (a caption, a credit, a byline) into plain
// text for render's own lines: emphasis markers and escapes go, entities
// are decoded (not escaped ones: `\&amp;` stays "&amp;"), controls dropped.
func plain(s string) string {
	s = strings.NewReplacer("**", "", "__", "").Replace(s)
	var out, seg strings.Builder
	flush := func() {
		out.WriteString(html.UnescapeString(seg.String()))
		seg.Reset()
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isPunct(s[i+1]):
			flush()
			i++
			out.WriteByte(s[i])
		case c == '*' || c == '`':
			// emphasis or code markers
		case c == '_' && (i == 0 || i+1 == len(s) || s[i-1] == ' ' || s[i+1] == ' '):
			// underscore emphasis at a word edge; intra-word ones are text
		default:
			seg.WriteByte(c)
		}
	}
	flush()
	return sanitize.Line(out.String())
}
