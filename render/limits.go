package render

// The hostile-input limits: nesting capped, long words broken, hyphens
// kept from breaking lines.

import "strings"

// nbHyphen stands in for intra-word hyphens while glamour wraps.
const nbHyphen = "\u2011"

// keepHyphens replaces hyphens between two letters or digits with U+2011
// NON-BREAKING HYPHEN; Render turns them back after glamour. glamour wraps
// each paragraph twice, with reflow and then with x/ansi, and reflow lets a
// line ending in a hyphenated word run one cell past the limit; the second
// wrap then leaves that line's last word alone on a line of its own.
func keepHyphens(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if s[i] == '-' && i > 0 && i+1 < len(s) && wordByte(s[i-1]) && wordByte(s[i+1]) {
			b.WriteString(nbHyphen)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// wordByte reports whether c is an ASCII letter or digit, or part of a
// multi-byte rune (most of which are letters).
func wordByte(c byte) bool {
	return isAlpha(c) || isDigit(c) || c >= 0x80
}

// capNesting limits how deeply the lines of a text chunk nest block quotes
// and lists: glamour's time grows with the cube of the depth (500 nested
// quotes take over ten seconds), so markers past maxNesting are dropped and
// indentation is cut to maxIndent spaces.
func capNesting(chunk string) string {
	if !strings.ContainsAny(chunk, ">-*+.)") && !strings.Contains(chunk, strings.Repeat(" ", maxIndent+1)) {
		return chunk
	}
	lines := strings.Split(chunk, "\n")
	changed := false
	for i, line := range lines {
		if l := capLine(line); l != line {
			lines[i] = l
			changed = true
		}
	}
	if !changed {
		return chunk
	}
	return strings.Join(lines, "\n")
}

func capLine(line string) string {
	sp := 0
	for sp < len(line) && line[sp] == ' ' {
		sp++
	}
	if sp > maxIndent {
		line = line[sp-maxIndent:]
		sp = maxIndent
	}
	i, depth := sp, 0
	for i < len(line) {
		j := i
		for j < len(line) && j-i < 4 && line[j] == ' ' {
			j++
		}
		if j < len(line) && line[j] == '>' {
			j++
		} else if n := listMarker(line[j:]); n > 0 {
			j += n
		} else {
			break
		}
		depth++
		if depth > maxNesting {
			// Drop the markers from here on, keep the text.
			rest := line[i:]
			for {
				k := 0
				for k < len(rest) && k < 4 && rest[k] == ' ' {
					k++
				}
				if k < len(rest) && rest[k] == '>' {
					rest = rest[k+1:]
				} else if n := listMarker(rest[k:]); n > 0 {
					rest = rest[k+n:]
				} else {
					break
				}
			}
			return line[:i] + " " + strings.TrimLeft(rest, " ")
		}
		i = j
	}
	return line
}

// listMarker returns the length of the list marker and the space after it
// at the start of s ("- ", "* ", "+ ", "12. ", "3) "), or 0.
func listMarker(s string) int {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ' {
		return 2
	}
	n := 0
	for n < len(s) && n < 9 && isDigit(s[n]) {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && s[n+1] == ' ' {
		return n + 2
	}
	return 0
}

// textOut prepares a rewritten text chunk for glamour.
func textOut(s string) string {
	return keepHyphens(breakLongWords(s))
}

// breakLongWords puts a space into every run of more than maxWord runes
// without whitespace. glamour measures a word again for each rune it adds,
// so a 10,000-byte word takes seconds; the final hard wrap breaks long
// words anyway, so only the place of one break changes.
func breakLongWords(s string) string {
	if len(s) <= maxWord {
		return s
	}
	var b strings.Builder
	last, run := 0, 0 // s[last:] is not yet copied to b
	for i, r := range s {
		switch r {
		case ' ', '\t', '\n':
			run = 0
			continue
		}
		run++
		if run > maxWord && i > 0 && s[i-1] != '\\' {
			if b.Len() == 0 {
				b.Grow(len(s) + len(s)/maxWord + 1)
			}
			b.WriteString(s[last:i])
			b.WriteByte(' ')
			last, run = i, 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
