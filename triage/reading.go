package triage

import (
	"strings"
	"unicode/utf8"
)

// wordsPerMinute is an adult's silent reading speed for non-fiction.
const wordsPerMinute = 230

// ReadingMinutes estimates how long markdown takes to read at 230 words a
// minute, rounded up: at least 1 when it has a word, 0 when it has none.
//
// Only what a reader reads counts: link targets, images (alt text too),
// reference definitions, HTML tags and tokens without a letter or digit
// (heading marks, bullets, rules, table borders) are skipped. Code counts
// like prose. Han and kana characters are counted apart: two of them count
// as one word, which is 460 characters a minute, within the 400 to 600
// measured for Chinese and Japanese readers.
func ReadingMinutes(markdown string) int {
	var c counter
	fence := "" // the open code fence, "```" or "~~~" or longer
	for s := markdown; s != ""; {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		t := strings.TrimLeft(line, " \t")
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t\r") == "" {
				fence = ""
			} else {
				c.text(line)
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:len(t)-len(strings.TrimLeft(t, t[:1]))] // its info string is no prose
		case isRefDef(t):
		default:
			c.prose(line)
		}
	}
	units := 2*c.words + c.cjk // in half words
	return (units + 2*wordsPerMinute - 1) / (2 * wordsPerMinute)
}

// isRefDef reports whether line defines a link reference, "[id]: url";
// a footnote, "[^1]: text", is prose.
func isRefDef(line string) bool {
	if !strings.HasPrefix(line, "[") || strings.HasPrefix(line, "[^") {
		return false
	}
	i := strings.Index(line, "]:")
	return i > 1 && !strings.ContainsAny(line[1:i], "[]")
}

// counter counts words: runs of runes between spaces that hold a letter or
// a digit, and CJK characters, which separate words too.
type counter struct {
	words, cjk int
	alnum      bool // the current run has a letter or digit
}

func (c *counter) end() {
	if c.alnum {
		c.words++
		c.alnum = false
	}
}

func (c *counter) add(r rune) {
	if r < utf8.RuneSelf { // a fast path for most of the text
		switch {
		case r == ' ' || '\t' <= r && r <= '\r':
			c.end()
		case 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9':
			c.alnum = true
		}
		return
	}
	switch {
	case isSpace(r):
		c.end()
	case isCJK(r):
		c.end()
		c.cjk++
	case isWordRune(r):
		c.alnum = true
	}
}

// text counts the words of a line taken as it is.
func (c *counter) text(s string) {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		c.add(r)
		i += n
	}
	c.end()
}

// prose counts the words of a Markdown line, skipping images, link targets
// and HTML tags. A construct left open gives up skipping for the rest of
// the line, which keeps the scan linear on any input.
func (c *counter) prose(s string) {
	var open [3]bool // no closing ']', ')' or '>' on the rest of the line
	for i := 0; i < len(s); {
		var end int
		switch {
		case s[i] == '!' && strings.HasPrefix(s[i+1:], "["):
			end = closing(s, i+1, ']', &open[0])
			if end > 0 && strings.HasPrefix(s[end:], "(") {
				end = closing(s, end, ')', &open[1])
			}
		case s[i] == ']' && strings.HasPrefix(s[i+1:], "("):
			end = closing(s, i+1, ')', &open[1])
		case s[i] == '<' && i+1 < len(s) && isTagStart(s[i+1]) && !open[2]:
			if j := strings.IndexByte(s[i:], '>'); j >= 0 {
				end = i + j + 1
			} else {
				open[2] = true
			}
		}
		if end > 0 {
			c.end()
			i = end
			continue
		}
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		c.add(r)
		i += n
	}
	c.end()
}

// closing returns the index just after the bracket that closes the one at
// s[i], counting nesting; 0 when there is none, and then it sets *gone so
// the line is not scanned again for that bracket.
func closing(s string, i int, close byte, gone *bool) int {
	if *gone {
		return 0
	}
	open, depth := s[i], 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case close:
			depth--
			if depth <= 0 {
				return j + 1
			}
		case open:
			depth++
		}
	}
	*gone = true
	return 0
}
