package render

// Stage 4, wrap: the drawn blocks become the page. Every line is set in the
// column (its left margin added), stripped of every escape sequence but
// SGR and every control character but newline (SafeANSI), and broken at
// the terminal's width, however wide a word or a picture row claimed to be.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// page joins blocks into the page for a terminal width cells wide, the
// column starting left cells in.
func page(blocks []block, left, width int) string {
	pad := strings.Repeat(" ", left)
	var b strings.Builder
	for i, blk := range blocks {
		if i > 0 && !blk.attach {
			b.WriteByte('\n')
		}
		for _, l := range blk.lines {
			if strings.TrimSpace(ansi.Strip(l)) != "" {
				b.WriteString(pad)
			}
			b.WriteString(l) // a blank line may still close a style
			b.WriteByte('\n')
		}
	}
	out := b.String()
	if strings.Contains(out, nbHyphen) {
		out = strings.ReplaceAll(out, nbHyphen, "-")
	}
	out = SafeANSI(out)
	out = hardwrapIndented(out, width)
	if width < 2 {
		out = truncateLines(out, width)
	}
	return out
}

// trimRight drops the trailing spaces glamour pads lines with, keeping the
// escape sequences among them (they may close a style) and the spaces drawn
// with a background colour (the padding of the title's badge).
func trimRight(line string) string {
	if !strings.HasSuffix(line, " ") && !strings.HasSuffix(line, "m") {
		return line
	}
	// Find the end of the last visible non-space character, and whether a
	// style is open there.
	last, styled, styledAtLast := 0, false, false
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			n, _ := escape(line[i:])
			styled = hasBackground(line[i : i+n])
			i += n
			continue
		}
		if line[i] != ' ' {
			_, size := utf8DecodeLen(line[i:])
			i += size
			last, styledAtLast = i, styled
			continue
		}
		i++
	}
	if last == len(line) {
		return line
	}
	var b strings.Builder
	b.Grow(len(line))
	b.WriteString(line[:last])
	styled = styledAtLast
	for i := last; i < len(line); i++ {
		switch line[i] {
		case 0x1b:
			n, _ := escape(line[i:])
			b.WriteString(line[i : i+n])
			styled = hasBackground(line[i : i+n])
			i += n - 1
		case ' ':
			if styled {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// hasBackground reports whether the SGR sequence seq sets a background
// colour or reverse video, so that spaces drawn with it are visible. glamour
// writes one complete style per sequence, so seq alone decides.
func hasBackground(seq string) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	params := strings.Split(seq[2:len(seq)-1], ";")
	for i := 0; i < len(params); i++ {
		n, err := strconv.Atoi(params[i])
		switch {
		case err != nil:
		case n == 7, n >= 40 && n <= 48, n >= 100 && n <= 107:
			return true
		case n == 38 || n == 58: // extended foreground/underline colour
			if i+1 < len(params) && params[i+1] == "5" {
				i += 2
			} else if i+1 < len(params) && params[i+1] == "2" {
				i += 4
			}
		}
	}
	return false
}

// truncateLines cuts every line of s to width cells (a wide character can
// not be wrapped into a single-cell width).
func truncateLines(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	return strings.Join(lines, "\n")
}

// hardwrapIndented breaks every line wider than width at width cells, as
// glamour cannot break a word longer than a line (a long URL), and starts
// each continuation at the line's own indentation (the page margin, a list
// item's or quote's text) instead of column 0. A styled continuation starts
// with the styles in force at its break, and no style runs into its
// indentation; unstyled output gets no escape sequence. Linear in the line.
func hardwrapIndented(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if ansi.StringWidth(line) <= width {
			continue
		}
		plain := ansi.Strip(line)
		indent := len(plain) - len(strings.TrimLeft(plain, " "))
		if indent > width/2 || width-indent < 2 {
			indent = 0 // no room to keep it (a wide rune needs two cells)
		}
		pad := strings.Repeat(" ", indent)
		styled := strings.Contains(line, "\x1b[")
		var b strings.Builder
		b.WriteString(ansi.Truncate(line, width, ""))
		// TruncateLeft starts the rest with the sequences in force at the
		// break; after that, state holds those a piece leaves in force.
		state := ""
		for _, piece := range strings.Split(ansi.Hardwrap(ansi.TruncateLeft(line, width, ""), width-indent, true), "\n") {
			if !styled {
				b.WriteString("\n" + pad + piece)
				continue
			}
			b.WriteString("\x1b[m\n" + pad + state + piece)
			state = activeSGR(state, piece)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// activeSGR returns the SGR sequences in force after state then s: those
// since the last reset.
func activeSGR(state, s string) string {
	for _, seq := range sgrSeq.FindAllString(s, -1) {
		params := seq[2 : len(seq)-1]
		// An empty or 0 first parameter resets ("\x1b[;;1m" is reset, bold).
		if params == "" || params == "0" || strings.HasPrefix(params, "0;") || strings.HasPrefix(params, ";") {
			state = ""
			if params == "" || params == "0" {
				continue
			}
		}
		state += seq
	}
	return state
}

// utf8DecodeLen returns the rune at the start of s and its length in bytes
// (at least 1).
func utf8DecodeLen(s string) (rune, int) {
	r, n := utf8.DecodeRuneInString(s)
	if n < 1 {
		n = 1
	}
	return r, n
}
