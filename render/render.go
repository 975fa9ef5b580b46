// Package render turns cleaned article Markdown into terminal text with
// glamour: an explicit dark or light style chosen once by the caller, the
// terminal's colour profile, links as numbered references, figure captions
// and credits styled apart from the body, every line hard-wrapped to the
// width, and a final pass that lets no escape sequence but SGR through.
//
// It understands the conventions of article.Document.Markdown:
//
//	# Title
//
//	*By AUTHOR · DATE*                  the byline: an emphasised paragraph right under the title
//
//	[Image](URL)                        a figure: the image line (or ![alt](URL)) ...
//
//	*CAPTION* — Photo: NAME / AGENCY    ... and the paragraph after it: caption, credit
//	                                    (`*CAPTION*` alone, or a credit alone, also work)
//
//	## Heading
//
// Inline links `[text](url)` and images become `text[n]`, and a References
// section lists `[n] url` at the end.
package render

import (
	"fmt"
	"hash/maphash"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"

	"github.com/herald-reader/herald/sanitize"
)

// Options configures a Renderer. The caller decides every field once per
// process; the renderer never queries the terminal.
type Options struct {
	// Dark selects the dark style; false selects the light style.
	Dark bool
	// NoColor (NO_COLOR set, --color=never) renders with the Ascii profile
	// and a plain style: no colours or attributes, still readable.
	NoColor bool
	// Profile is the terminal's colour profile (termenv.TrueColor,
	// ANSI256, ANSI or Ascii). The zero value is TrueColor.
	Profile termenv.Profile
}

const (
	// DefaultWidth is used when Render is asked for a width below 1 (the
	// TUI can render before it knows the window size).
	DefaultWidth = 80
	// maxWrap caps the width glamour wraps at: glamour pads every line to
	// its wrap width, so a huge width would cost memory for nothing.
	maxWrap = 400
	// cacheSize bounds the number of rendered articles kept.
	cacheSize = 64
	// tabWidth is the number of spaces a tab becomes.
	tabWidth = 4
)

// Renderer renders Markdown for the terminal. It is safe for concurrent use;
// results are cached by (Markdown, width) in a small LRU cache.
type Renderer struct {
	opts  Options
	style gansi.StyleConfig
	looks looks
	seed  maphash.Seed
	cache *lru
}

// New returns a Renderer for o. The style is fixed here: glamour's dark or
// light style adjusted (or a plain ASCII style when o.NoColor), never
// glamour's auto style.
func New(o Options) *Renderer {
	if o.NoColor {
		o.Profile = termenv.Ascii
	}
	return &Renderer{
		opts:  o,
		style: glamourStyle(o),
		looks: newLooks(o),
		seed:  maphash.MakeSeed(),
		cache: newLRU(cacheSize),
	}
}

// Render renders markdown at width cells (DefaultWidth when width < 1).
//
// The input is sanitized first. Inline links become `text[n]` with a
// References list at the end (identical URLs share a number; javascript:
// and data: links keep their text but get no number). An `[Image](URL)`
// paragraph and the `*CAPTION* — CREDIT` paragraph after it are drawn as a
// figure whose caption and credit are styled apart from the body, and an
// emphasised line right under the `# ` title as the byline. Every output
// line is at most width cells, and the output holds no escape sequence
// other than SGR and no control character other than newline.
func (r *Renderer) Render(markdown string, width int) (string, error) {
	if width < 1 {
		width = DefaultWidth
	}
	key := cacheKey{hash: maphash.String(r.seed, markdown), size: len(markdown), width: width}
	if out, ok := r.cache.get(key); ok {
		return out, nil
	}
	out, err := r.render(markdown, width)
	if err != nil {
		return "", err
	}
	r.cache.add(key, out)
	return out, nil
}

// render is Render without the cache.
func (r *Renderer) render(markdown string, width int) (string, error) {
	// glamour decodes entities after parsing: references to controls go too.
	md := sanitize.ControlRefs(sanitize.Text(markdown))
	// Tabs go before glamour: it counts a tab as one cell when it pads and
	// wraps, and the terminal's tab stops are not ours to guess.
	if strings.ContainsRune(md, '\t') {
		md = strings.ReplaceAll(md, "\t", strings.Repeat(" ", tabWidth))
	}
	md, sp := prepare(md)

	wrap := min(max(width, 2*margin+1), maxWrap)
	tr, err := glamour.NewTermRenderer(
		glamour.WithStyles(r.style),
		glamour.WithColorProfile(r.opts.Profile),
		glamour.WithWordWrap(wrap),
	)
	if err != nil {
		return "", fmt.Errorf("render: new glamour renderer: %w", err)
	}
	out, err := tr.Render(md)
	if err != nil {
		return "", fmt.Errorf("render: glamour: %w", err)
	}

	out = strings.ReplaceAll(out, nbHyphen, "-")

	var b strings.Builder
	b.Grow(len(out) + 256)
	lines := strings.Split(out, "\n")
	// glamour ends with blank lines; the references go before the last one.
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	for _, line := range lines {
		if len(sp.blocks) > 0 && strings.Contains(line, sp.token) {
			if r.writeBlock(&b, line, sp, width) {
				continue
			}
		}
		b.WriteString(trimRight(line))
		b.WriteByte('\n')
	}
	r.writeRefs(&b, sp.refs, width)

	// No tab is left: they went before glamour, and block and reference
	// text went through sanitize.Line; SafeANSI would drop a stray one.
	res := SafeANSI(b.String())
	res = hardwrapIndented(res, width)
	if width < 2 {
		res = truncateLines(res, width)
	}
	return res, nil
}

// writeBlock replaces a placeholder line with the block it stands for,
// indented like the placeholder was. It reports false when line is not a
// placeholder after all.
func (r *Renderer) writeBlock(b *strings.Builder, line string, sp *special, width int) bool {
	plainLine := ansi.Strip(line)
	at := strings.Index(plainLine, sp.token)
	if at < 0 {
		return false
	}
	code := plainLine[at+len(sp.token):]
	end := strings.IndexByte(code, 'Z')
	if end < 0 {
		return false
	}
	n := 0
	for _, c := range code[:end] {
		if c < 'A' || c > 'P' {
			return false
		}
		n = n*16 + int(c-'A')
	}
	if n >= len(sp.blocks) {
		return false
	}
	blk := sp.blocks[n]
	indent := plainLine[:at]
	room := width - ansi.StringWidth(indent)

	if blk.meta != "" {
		writeWrapped(b, indent, "", blk.meta, r.looks.meta, room)
		return true
	}
	bar := "▎ "
	barStyled := r.looks.bar.Styled("▎") + " "
	room -= ansi.StringWidth(bar)
	if blk.image {
		label := "Image"
		if blk.imageN > 0 {
			label += " [" + strconv.Itoa(blk.imageN) + "]"
		}
		writeWrapped(b, indent, barStyled, label, r.looks.image, room)
	}
	if blk.caption != "" {
		writeWrapped(b, indent, barStyled, blk.caption, r.looks.caption, room)
	}
	if blk.credit != "" {
		writeWrapped(b, indent, barStyled, blk.credit, r.looks.credit, room)
	}
	return true
}

// writeWrapped word-wraps text to room cells (breaking words longer than
// that) and writes each line as indent + prefix + styled text. Each line is
// styled on its own so no style leaks past its end.
func writeWrapped(b *strings.Builder, indent, prefix, text string, st look, room int) {
	if room < 1 {
		room = 1
	}
	for _, l := range strings.Split(ansi.Wrap(text, room, ""), "\n") {
		b.WriteString(indent)
		b.WriteString(prefix)
		b.WriteString(st.Styled(strings.TrimRight(l, " ")))
		b.WriteByte('\n')
	}
}

// writeRefs writes the References section: a heading, then `[n] URL` with
// long URLs broken across lines aligned under the first.
func (r *Renderer) writeRefs(b *strings.Builder, refs []string, width int) {
	if len(refs) == 0 {
		return
	}
	indent := strings.Repeat(" ", margin)
	b.WriteByte('\n')
	b.WriteString(indent + r.looks.heading.Styled("## References") + "\n\n")
	numWidth := len(strconv.Itoa(len(refs))) + 3 // "[12] "
	room := max(width-margin-numWidth, 1)
	pad := strings.Repeat(" ", numWidth)
	for i, u := range refs {
		num := "[" + strconv.Itoa(i+1) + "]"
		num += strings.Repeat(" ", numWidth-len(num))
		for j, l := range strings.Split(ansi.Hardwrap(u, room, true), "\n") {
			b.WriteString(indent)
			if j == 0 {
				b.WriteString(r.looks.refNum.Styled(num))
			} else {
				b.WriteString(pad)
			}
			b.WriteString(r.looks.refURL.Styled(l))
			b.WriteByte('\n')
		}
	}
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

// DetectDark reports whether the terminal has a dark background. It asks the
// terminal (lipgloss.HasDarkBackground) only when stdout is a terminal and
// TERM is not "dumb"; otherwise it answers true. Call it once, from main,
// before the TUI starts, and pass the answer to New.
func DetectDark() bool {
	if dark, ok := darkFromEnv(os.Getenv("COLORFGBG")); ok {
		return dark
	}
	switch os.Getenv("TERM") {
	case "dumb", "linux": // the Linux console is dark and answers no query
		return true
	}
	if !isatty.IsTerminal(os.Stdout.Fd()) {
		return true
	}
	return lipgloss.HasDarkBackground()
}

// darkFromEnv reads the background from COLORFGBG ("fg;bg" or
// "fg;default;bg", set by rxvt, Konsole and others), which answers without
// a round trip to the terminal. Colours 0-6 and 8 are dark backgrounds.
func darkFromEnv(colorfgbg string) (dark, ok bool) {
	if colorfgbg == "" {
		return false, false
	}
	parts := strings.Split(colorfgbg, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg <= 6 || bg == 8, true
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
