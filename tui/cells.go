package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// Terminals disagree on how wide some text is: those that cluster
// graphemes draw an emoji ZWJ sequence ("👨‍👩‍👧") or a Devanagari conjunct in
// one or two cells, those that measure code point by code point (wcwidth)
// draw each part; a text-style symbol with U+FE0F is one cell in some and
// two in others. Lists measure every cluster the widest way any terminal
// draws it, so that a row never runs past the edge, and truncate with "…".

// maxMarks is how many combining marks a list keeps on one base character:
// a "zalgo" flood of hundreds draws nothing useful and costs every frame.
const maxMarks = 3

// clusterWidth is the most cells a grapheme cluster takes in any terminal.
func clusterWidth(cluster string, graphemeWidth int) int {
	perRune := 0
	for _, r := range cluster {
		switch {
		case r == '\u00ad': // soft hyphen: invisible in some, a cell in others
			perRune++
		case r >= 0x300 && unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
			// Marks and format characters take no cell of their own in
			// wcwidth (go-runewidth counts some Indic viramas as one).
		default:
			perRune += runewidth.RuneWidth(r)
		}
	}
	return max(graphemeWidth, perRune)
}

// cellWidth is the most cells plain text s takes in any terminal.
func cellWidth(s string) int {
	n := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		n += clusterWidth(g.Str(), g.Width())
	}
	return n
}

// listText prepares plain text for a list cell so that terminals agree on
// its width: line and paragraph separators become spaces, floods of
// combining marks are cut to maxMarks, and the emoji joiners whose support
// varies go (U+FE0F, a ZWJ beside a symbol, skin-tone modifiers): "👨‍👩‍👧"
// is drawn as its three people everywhere, "❤️" as one text-style heart.
func listText(s string) string {
	if isNarrowASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	marks := 0
	var prev rune
	for i, r := range s {
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		switch {
		case r == '\u2028' || r == '\u2029':
			r = ' '
		case r == '\ufe0f', r >= 0x1f3fb && r <= 0x1f3ff:
			continue
		case r == '\u200d' && (unicode.Is(unicode.So, prev) || unicode.Is(unicode.So, next)):
			continue
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			if marks++; marks > maxMarks {
				continue
			}
		default:
			marks = 0
		}
		prev = r
		b.WriteRune(r)
	}
	return b.String()
}

// trunc truncates plain text s to at most w cells, measured as cellWidth
// does, ending it with "…" when something was cut.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = listText(s)
	ell := cellWidth("…") // two cells where East Asian ambiguous widths are wide
	if isNarrowASCII(s) && ell == 1 {
		if len(s) <= w {
			return s
		}
		return s[:w-1] + "…"
	}
	if cellWidth(s) <= w {
		return s
	}
	if w < ell {
		return strings.Repeat(".", w)
	}
	var b strings.Builder
	used := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		cw := clusterWidth(g.Str(), g.Width())
		if used+cw > w-ell { // room for the ellipsis
			break
		}
		b.WriteString(g.Str())
		used += cw
	}
	return b.String() + "…"
}

// fit truncates plain text s to w cells (with an ellipsis) and pads it to
// exactly w. Styles are applied after fitting.
func fit(s string, w int) string {
	s = trunc(s, w)
	if n := cellWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// isNarrowASCII reports whether s is printable ASCII only, one cell a byte.
func isNarrowASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// styledWidth is the most cells a styled string takes in any terminal.
func styledWidth(s string) int { return cellWidth(ansi.Strip(s)) }
