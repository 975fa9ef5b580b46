package article

import (
	"strings"
	"unicode"

	"github.com/herald-reader/herald/sanitize"
)

// norm reduces s to lower-case words separated by single spaces, so that
// texts differing only by case, punctuation or whitespace compare equal.
func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' { // "world's" and "worlds" compare equal
			continue
		}
		space = true
	}
	return b.String()
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// wordCount counts the space-separated words of s.
func wordCount(s string) int {
	// As len(strings.Fields(s)), without building the slice: it runs on
	// every block, several times.
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

var (
	// leadingBlock matches what would start a Markdown block construct at
	// the start of a line of plain text.
	leadingBlock *lazyRegexp
	// entityLike matches text that CommonMark would decode as a character
	// reference.
	entityLike *lazyRegexp
)

// escapeText turns plain text into Markdown that shows exactly that text.
func escapeText(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '~':
			b.WriteByte('\\')
		case '_':
			prev := i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			next := i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]))
			if !prev || !next {
				b.WriteByte('\\')
			}
		case '&':
			if entityLike.MatchString(string(rs[i:min(len(rs), i+42)])) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	out := b.String()
	if m := leadingBlock.FindStringSubmatchIndex(out); m != nil {
		// Escape the last punctuation character of the construct: "1\.", "\-".
		at := m[5] - 1
		out = out[:at] + `\` + out[at:]
	}
	return out
}

// textItems turns plain text, one paragraph per line, into paragraph items.
func textItems(text string) []item {
	var items []item
	for _, line := range strings.Split(text, "\n") {
		plain := sanitize.Line(line)
		if plain == "" {
			continue
		}
		items = append(items, item{Block: Block{Kind: Paragraph, Text: escapeText(plain)}, plain: plain})
	}
	return items
}

func init() {
	register(func() {
		leadingBlock = compileLater(`^(\s*)([#>+=|-]|\d{1,9}[.)])`)
		entityLike = compileLater(`&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});`)
	})
}
