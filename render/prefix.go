package render

// Container prefixes are capped before goldmark parses: its parser takes
// time quadratic in the nesting of block quotes and lists (40,000 `> ` on
// one line took 2 s, 40,000 `- ` 7 s), and limitNesting can flatten the
// tree only once the parse has paid for it. A line whose prefix holds more
// than maxPrefixMarkers quote or list markers keeps the first ones and
// loses the rest (the text after them stays), and no prefix is indented
// more than maxPrefixIndent spaces, which caps nesting by indentation the
// same way. Both are far beyond what limitNesting keeps, so the tree of a
// real article is the same with or without the cap.

import "strings"

const (
	maxPrefixMarkers = 2 * maxNesting
	maxPrefixIndent  = 64
)

// capNesting returns md with every line's container prefix within the
// caps; md itself when no line passes them.
func capNesting(md string) string {
	var b strings.Builder
	changed := false
	for start := 0; start < len(md); {
		end := strings.IndexByte(md[start:], '\n')
		if end < 0 {
			end = len(md)
		} else {
			end += start + 1
		}
		line := md[start:end]
		capped, over := capPrefix(line)
		if over && !changed {
			changed = true
			b.Grow(len(md))
			b.WriteString(md[:start])
		}
		switch {
		case over:
			b.WriteString(capped)
		case changed:
			b.WriteString(line)
		}
		start = end
	}
	if !changed {
		return md
	}
	return b.String()
}

// capPrefix returns line with its prefix of spaces and quote or list
// markers capped, and true, when the prefix passes a cap; "", false when
// it does not (the common case, which allocates nothing). A marker past
// the cap goes with the spaces before it; a run of spaces longer than
// maxPrefixIndent is cut to it.
func capPrefix(line string) (string, bool) {
	markers, over, i := 0, false, 0
	for {
		run := spaceRun(line[i:])
		over = over || run > maxPrefixIndent
		n := 0
		if i+run < len(line) {
			n = markerLen(line[i+run:])
		}
		if n == 0 {
			break
		}
		markers++
		over = over || markers > maxPrefixMarkers
		i += run + n
	}
	if !over {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(line))
	markers, i = 0, 0
	for {
		run := spaceRun(line[i:])
		n := 0
		if i+run < len(line) {
			n = markerLen(line[i+run:])
		}
		if n == 0 {
			b.WriteString(line[i : i+min(run, maxPrefixIndent)])
			b.WriteString(line[i+run:])
			return b.String(), true
		}
		if markers++; markers <= maxPrefixMarkers {
			b.WriteString(line[i : i+min(run, maxPrefixIndent)])
			b.WriteString(line[i+run : i+run+n])
		}
		i += run + n
	}
}

// spaceRun is the number of spaces s starts with.
func spaceRun(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

// markerLen is the length of the quote or list marker s starts with ('>',
// or '-', '*', '+' or up to nine digits and '.' or ')' followed by a
// space), 0 when it starts with none.
func markerLen(s string) int {
	switch {
	case s[0] == '>':
		return 1
	case (s[0] == '-' || s[0] == '*' || s[0] == '+') && len(s) > 1 && s[1] == ' ':
		return 1
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d+1 < len(s) && (s[d] == '.' || s[d] == ')') && s[d+1] == ' ' {
		return d + 1
	}
	return 0
}
