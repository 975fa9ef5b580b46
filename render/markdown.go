package render

import (
	"html"
	"strconv"
	"strings"

	"github.com/herald-reader/herald/sanitize"
)

// This file rewrites the article Markdown before glamour sees it: inline
// links become numbered references, and figures (an `[Image](URL)` paragraph
// and the caption paragraph after it) and the byline line under the title
// become placeholder paragraphs that Render replaces with its own lines.

// Limits that keep hostile input from costing quadratic (or worse) time.
// Real articles stay far below them.
const (
	maxLinkText = 2048 // bytes of link text; longer brackets are text
	maxCodeSpan = 8192 // bytes of code span looked ahead for its end
	maxNesting  = 8    // block quote and list markers opening one line
	maxIndent   = 32   // leading spaces of a line outside code blocks
	maxWord     = 400  // runes of a word glamour wraps (its cost is quadratic)
)

// special is what prepare found: the references, in order, and the blocks
// the placeholders stand for.
type special struct {
	refs   []string       // URLs; reference n is refs[n-1]
	index  map[string]int // URL -> reference number
	blocks []block        // placeholder i stands for blocks[i]
	token  string         // placeholder prefix, absent from the input
}

// block is a part of the document render draws itself.
type block struct {
	meta    string // byline/date line (plain text), or a figure:
	image   bool   // the figure has an image line
	imageN  int    // reference number of the image; 0 when it has none
	caption string // plain text
	credit  string // plain text
}

// ref returns the reference number for u, adding it when new, or 0 when u
// must not be listed (javascript:, data:, vbscript: or empty).
func (sp *special) ref(u string) int {
	u = sanitize.Line(html.UnescapeString(unescapeMarkdown(u)))
	if u == "" || unsafeScheme(u) {
		return 0
	}
	if n, ok := sp.index[u]; ok {
		return n
	}
	sp.refs = append(sp.refs, u)
	sp.index[u] = len(sp.refs)
	return len(sp.refs)
}

// unsafeScheme reports whether u uses a scheme that is never listed. Like a
// browser, it ignores case, whitespace and control characters in the scheme.
func unsafeScheme(u string) bool {
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			continue
		}
		if r == ':' || b.Len() > 16 {
			break
		}
		b.WriteRune(r)
	}
	switch strings.ToLower(b.String()) {
	case "javascript", "data", "vbscript":
		return true
	}
	return false
}

// placeholder returns the paragraph that stands for block i: letters only, so
// glamour neither wraps nor styles it apart.
func (sp *special) placeholder(b block) string {
	sp.blocks = append(sp.blocks, b)
	return sp.token + letters(len(sp.blocks)-1) + "Z"
}

// letters encodes n with the letters A..P (hex digits).
func letters(n int) string {
	s := strconv.FormatInt(int64(n), 16)
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' {
			b[i] = 'A' + 10 + (c - 'a')
		} else {
			b[i] = 'A' + (c - '0')
		}
	}
	return string(b)
}

// prepare rewrites md (already sanitized) for glamour.
func prepare(md string) (string, *special) {
	sp := &special{index: map[string]int{}, token: "HERALDBLOCK"}
	for strings.Contains(md, sp.token) {
		sp.token += "Q"
	}
	chunks := splitChunks(md)
	var out strings.Builder
	out.Grow(len(md) + 64)
	afterTitle := false
	for i := 0; i < len(chunks); i++ {
		c := chunks[i]
		if i > 0 {
			out.WriteString("\n")
		}
		switch c.kind {
		case chunkBlank:
			out.WriteString(c.text)
			continue
		case chunkCode:
			out.WriteString(c.text)
			afterTitle = false
			continue
		case chunkHeading:
			out.WriteString(textOut(sp.rewriteLinks(c.text)))
			afterTitle = isTitle(c.text)
			continue
		}
		c.text = capNesting(c.text)
		para := strings.TrimSpace(c.text)
		if afterTitle {
			afterTitle = false
			if m, ok := emphasisOnly(para); ok {
				out.WriteString(sp.placeholder(block{meta: plain(sp.rewriteLinks(m))}) + "\n")
				continue
			}
		}
		if fig, rest, ok := imageLine(para); ok {
			b := block{image: true, imageN: sp.ref(fig)}
			if rest == "" {
				// The caption, if any, is the next paragraph.
				if j := nextText(chunks, i); j >= 0 {
					if capt, cred, ok := captionParagraph(strings.TrimSpace(chunks[j].text)); ok {
						b.caption, b.credit = plain(sp.rewriteLinks(capt)), plain(sp.rewriteLinks(cred))
						i = j
					}
				}
			} else if capt, cred, ok := captionParagraph(rest); ok {
				b.caption, b.credit = plain(sp.rewriteLinks(capt)), plain(sp.rewriteLinks(cred))
			} else {
				out.WriteString(sp.placeholder(b) + "\n\n" + textOut(sp.rewriteLinks(rest)) + "\n")
				continue
			}
			out.WriteString(sp.placeholder(b) + "\n")
			continue
		}
		if capt, cred, ok := captionParagraph(para); ok && cred != "" && isCredit(cred) {
			// A figure whose image was dropped (or never known): the
			// caption and credit alone, as article writes them.
			b := block{caption: plain(sp.rewriteLinks(capt)), credit: plain(sp.rewriteLinks(cred))}
			out.WriteString(sp.placeholder(b) + "\n")
			continue
		}
		out.WriteString(textOut(sp.rewriteLinks(c.text)))
	}
	return out.String(), sp
}

// nextText returns the index of the next text chunk after i, skipping blank
// chunks, or -1.
func nextText(chunks []chunk, i int) int {
	for j := i + 1; j < len(chunks); j++ {
		switch chunks[j].kind {
		case chunkBlank:
			continue
		case chunkText:
			return j
		}
		return -1
	}
	return -1
}

// isTitle reports whether an ATX heading line is level 1.
func isTitle(line string) bool {
	t := strings.TrimLeft(line, " ")
	return strings.HasPrefix(t, "# ") || t == "#"
}

type chunkKind int

const (
	chunkText    chunkKind = iota // paragraph-ish text (also lists, quotes, tables)
	chunkBlank                    // one or more blank lines
	chunkCode                     // a fenced or indented code block, verbatim
	chunkHeading                  // one ATX heading line
)

// chunk is a run of lines; joined with "\n" the chunks give back the input.
type chunk struct {
	kind chunkKind
	text string
}

// splitChunks cuts md into blank-line separated chunks, keeping code blocks
// whole so nothing inside them is rewritten.
func splitChunks(md string) []chunk {
	lines := strings.Split(md, "\n")
	var chunks []chunk
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			chunks = append(chunks, chunk{kind: chunkText, text: strings.Join(cur, "\n")})
			cur = cur[:0]
		}
	}
	prevList := false // the previous text chunk was a list: indented lines continue it
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.TrimSpace(line) == "":
			flush()
			j := i
			for j+1 < len(lines) && strings.TrimSpace(lines[j+1]) == "" {
				j++
			}
			chunks = append(chunks, chunk{kind: chunkBlank, text: strings.Join(lines[i:j+1], "\n")})
			i = j
		case fence(line) != "":
			flush()
			f := fence(line)
			j := i + 1
			for ; j < len(lines); j++ {
				if closesFence(lines[j], f) {
					break
				}
			}
			if j >= len(lines) {
				j = len(lines) - 1
			}
			chunks = append(chunks, chunk{kind: chunkCode, text: strings.Join(lines[i:j+1], "\n")})
			i = j
			prevList = false
		case len(cur) == 0 && indented(line) && !prevList:
			j := i
			for j+1 < len(lines) && (indented(lines[j+1]) || strings.TrimSpace(lines[j+1]) == "") {
				j++
			}
			for j > i && strings.TrimSpace(lines[j]) == "" { // trailing blanks are not code
				j--
			}
			chunks = append(chunks, chunk{kind: chunkCode, text: strings.Join(lines[i:j+1], "\n")})
			i = j
		case atxHeading(line):
			flush()
			chunks = append(chunks, chunk{kind: chunkHeading, text: line})
			prevList = false
		default:
			if len(cur) == 0 {
				prevList = listStart(line) || (prevList && indented(line))
			}
			cur = append(cur, line)
		}
	}
	flush()
	return chunks
}

// fence returns the opening code fence of line (``` or ~~~, three or more),
// or "".
func fence(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 {
		return ""
	}
	c := t[0]
	if c != '`' && c != '~' {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	if n < 3 || (c == '`' && strings.ContainsRune(t[n:], '`')) {
		return ""
	}
	return t[:n]
}

// closesFence reports whether line closes the code block opened by f.
func closesFence(line, f string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	t = strings.TrimRight(t, " \t")
	if len(t) < len(f) {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != f[0] {
			return false
		}
	}
	return true
}

func indented(line string) bool {
	return strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")
}

func atxHeading(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(t) || t[n] == ' ' || t[n] == '\t')
}

func listStart(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return true
	}
	n := 0
	for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	return n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && t[n+1] == ' '
}
