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

// imageLine recognises a paragraph that starts with an image link,
// `[Image](URL)` or `![alt](URL)`, alone on its line. It returns the URL and
// the rest of the paragraph (the lines after it).
func imageLine(para string) (u, rest string, ok bool) {
	first, rest, _ := strings.Cut(para, "\n")
	first = strings.TrimSpace(first)
	var text string
	var end int
	switch {
	case strings.HasPrefix(first, "!["):
		text, u, end, ok = parseLink(first, 1)
	case strings.HasPrefix(first, "["):
		text, u, end, ok = parseLink(first, 0)
		ok = ok && strings.EqualFold(strings.TrimSpace(text), "image")
	}
	if !ok || end != len(first) {
		return "", "", false
	}
	return u, strings.TrimSpace(rest), true
}

// creditPrefixes start a paragraph that is only a credit.
var creditPrefixes = []string{"photo:", "photo :", "photograph:", "photos:", "foto:", "credit:", "credits:", "image:", "image source", "picture:", "illustration:", "graphic:", "composite:", "video:", "animation:", "source:", "©", "(c) "}

// captionParagraph recognises the paragraph under an image:
// `*CAPTION* — CREDIT`, `*CAPTION*`, or a credit alone (`Photo: …`).
func captionParagraph(p string) (caption, credit string, ok bool) {
	p = strings.Join(strings.Fields(p), " ")
	if p == "" {
		return "", "", false
	}
	if d := p[0]; (d == '*' || d == '_') && !strings.HasPrefix(p, "**") && !strings.HasPrefix(p, "__") {
		end := closing(p, d)
		if end < 0 {
			return "", "", false
		}
		caption = p[1:end]
		credit = strings.TrimSpace(p[end+1:])
		credit = strings.TrimSpace(strings.TrimLeft(credit, "—–-|·"))
		if credit == "" && isCredit(caption) {
			// article writes a figure with only a credit as `*CREDIT*`.
			return "", caption, true
		}
		return caption, credit, caption != "" || credit != ""
	}
	if isCredit(p) {
		return "", p, true
	}
	return "", "", false
}

// isCredit reports whether p starts like a photo credit.
func isCredit(p string) bool {
	lp := strings.ToLower(p)
	for _, pre := range creditPrefixes {
		if strings.HasPrefix(lp, pre) {
			return true
		}
	}
	return false
}

// emphasisOnly reports whether p is one emphasised span, `*…*` or `_…_`,
// and returns its content.
func emphasisOnly(p string) (string, bool) {
	p = strings.Join(strings.Fields(p), " ")
	if len(p) < 3 || strings.HasPrefix(p, "**") || strings.HasPrefix(p, "__") {
		return "", false
	}
	d := p[0]
	if d != '*' && d != '_' {
		return "", false
	}
	if end := closing(p, d); end == len(p)-1 {
		return p[1:end], true
	}
	return "", false
}

// closing returns the index of the unescaped delimiter d that closes the
// emphasis opened at p[0], or -1.
func closing(p string, d byte) int {
	for i := 1; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case d:
			if i > 1 && p[i-1] != ' ' && (i+1 == len(p) || p[i+1] != d) {
				return i
			}
		}
	}
	return -1
}

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
