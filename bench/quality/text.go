package main

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/herald-reader/herald/sanitize"
)

// unit is one paragraph-like piece of the output Markdown: a paragraph, a
// heading, a list item, a quote, a table row or a fenced code block.
type unit struct {
	raw   string // the Markdown, list marker or quote prefix removed
	text  string // plain text: links, images, emphasis and escapes removed
	level int    // heading level (1 is the title), 0 for the rest
	code  bool   // a fenced code block (text is the code)
	row   bool   // a table row
}

var (
	headingLine = regexp.MustCompile(`^(#{1,6})\s+(.*)$`)
	listMarker  = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])\s+`)
	tableRule   = regexp.MustCompile(`^\|?[\s:|-]+\|?$`)
)

// mdUnits splits Markdown into units, a fenced code block being one unit.
func mdUnits(md string) []unit {
	var out []unit
	var para, code []string
	fence, quote := "", false // in a fence, in a quote
	flush := func() {
		if len(para) > 0 {
			out = append(out, newUnit(strings.Join(para, "\n"), 0))
			para = nil
		}
		quote = false
	}
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
				out = append(out, unit{raw: strings.Join(code, "\n"), text: strings.Join(code, "\n"), code: true})
				code = nil
				continue
			}
			code = append(code, line)
			continue
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			flush()
			fence = t[:3]
			for strings.HasPrefix(t[len(fence):], fence[:1]) {
				fence += fence[:1]
			}
			continue
		case t == "":
			flush()
		case headingLine.MatchString(t):
			flush()
			m := headingLine.FindStringSubmatch(t)
			out = append(out, newUnit(m[2], len(m[1])))
		case listMarker.MatchString(t) && !isListContinuation(line):
			flush()
			para = append(para, listMarker.ReplaceAllString(t, ""))
		case strings.HasPrefix(t, ">"):
			q := strings.TrimSpace(strings.TrimPrefix(t, ">"))
			if !quote || q == "" { // a bare ">" separates paragraphs of a quote
				flush()
			}
			quote = true
			if q != "" {
				para = append(para, q)
			}
		case strings.HasPrefix(t, "|"):
			flush()
			if !tableRule.MatchString(t) {
				u := newUnit(strings.Trim(t, "|"), 0)
				u.row = true
				out = append(out, u)
			}
		default:
			para = append(para, t)
		}
	}
	flush()
	if fence != "" { // an unclosed fence runs to the end
		out = append(out, unit{raw: strings.Join(code, "\n"), text: strings.Join(code, "\n"), code: true})
	}
	return out
}

// isListContinuation reports whether a line is indented under a list item.
func isListContinuation(line string) bool {
	return strings.HasPrefix(line, "    ")
}

func newUnit(raw string, level int) unit {
	return unit{raw: raw, text: plainText(raw), level: level}
}

var (
	mdImage    = regexp.MustCompile(`!\[(?:\\.|[^\]\\])*\]\((?:[^()\s]|\([^()]*\))*\)`)
	mdLink     = regexp.MustCompile(`\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)`)
	mdCode     = regexp.MustCompile("`+[^`]*`+")
	mdEscape   = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	mdEmphasis = regexp.MustCompile(`(?:^|\s)[*_]{1,3}|[*_]{1,3}(?:\s|$|[.,;:!?)])`)
	// Escaped emphasis characters are set aside while emphasis is removed.
	hideEscapes = strings.NewReplacer(`\\`, "\uE000", `\*`, "\uE001", `\_`, "\uE002")
	showEscapes = strings.NewReplacer("\uE000", `\`, "\uE001", "*", "\uE002", "_")
)

// plainText turns inline Markdown into the text a reader sees.
func plainText(s string) string {
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = hideEscapes.Replace(s)
	s = mdEmphasis.ReplaceAllStringFunc(s, func(m string) string { return strings.Trim(m, "*_") })
	s = showEscapes.Replace(mdEscape.ReplaceAllString(s, "$1"))
	return strings.Join(strings.Fields(s), " ")
}

// unescapeMarkdown is plainText for the markup checks: escapes removed, inline
// code dropped, links and emphasis kept.
func unescapeMarkdown(s string) string {
	return mdEscape.ReplaceAllString(mdCode.ReplaceAllString(s, ""), "$1")
}

// normWords returns the words of s, lower-cased, punctuation dropped.
func normWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

// normJoin is normWords joined by single spaces.
func normJoin(s string) string {
	return strings.Join(normWords(s), " ")
}

// sentences splits plain text after ".", "!", "?" or "…" (and closing
// quotes) followed by a space and a capital, a digit or an opening quote.
func sentences(s string) []string {
	rs := []rune(s)
	var out []string
	start := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(".!?…", rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(`"'”’»)]`, rs[j]) {
			j++
		}
		if j >= len(rs) || !unicode.IsSpace(rs[j]) {
			continue
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && (unicode.IsUpper(rs[k]) || unicode.IsDigit(rs[k]) || strings.ContainsRune(`"'“‘«(`, rs[k])) {
			out = append(out, strings.TrimSpace(string(rs[start:j])))
			start, i = k, k-1
		}
	}
	if t := strings.TrimSpace(string(rs[start:])); t != "" {
		out = append(out, t)
	}
	return out
}

// sourceDoc is the text of an item's source HTML.
type sourceDoc struct {
	words    []string  // every word, normalised, in order
	blocks   []string  // the text of each block, on one line
	headings []heading // each h2, h3 and h4
}

// heading is a heading of the source and the text that follows it.
type heading struct {
	text string
	next string // the blocks after it, until they hold nextWords words
}

// nextWords is how many words after a heading tell whether its section is
// in the output.
const nextWords = 8

// skipSource are elements whose content is never text.
var skipSource = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
}

// parseSource extracts the text, blocks and headings of an HTML fragment
// (plain text is a fragment without tags).
func parseSource(fragment string) sourceDoc {
	var d sourceDoc
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		d.blocks = []string{sanitize.Line(fragment)}
		d.words = normWords(fragment)
		return d
	}
	var run strings.Builder
	var waiting []int // the headings whose next words are still to come
	flush := func() {
		if t := sanitize.Line(run.String()); t != "" {
			d.blocks = append(d.blocks, t)
			d.words = append(d.words, normWords(t)...)
			still := waiting[:0]
			for _, i := range waiting {
				h := &d.headings[i]
				h.next = strings.TrimSpace(h.next + " " + t)
				if len(normWords(h.next)) < nextWords {
					still = append(still, i)
				}
			}
			waiting = still
		}
		run.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			run.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipSource[n.DataAtom] {
				return
			}
			switch n.DataAtom {
			case atom.H2, atom.H3, atom.H4:
				flush()
				t := nodeText(n)
				run.WriteString(t)
				flush()
				d.headings = append(d.headings, heading{text: sanitize.Line(t)})
				waiting = append(waiting, len(d.headings)-1)
				return
			}
		}
		block := n.Type == html.ElementNode && !inline[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	flush()
	return d
}

// inline are the elements that do not break a block of text.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.Font: true, atom.I: true,
	atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true,
	atom.Span: true, atom.Strike: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.Tt: true, atom.U: true, atom.Var: true, atom.Wbr: true, atom.Img: true,
	atom.Label: true, atom.Del: true, atom.Ins: true, atom.Big: true, atom.Acronym: true,
}

// nodeText is the text inside n, script and style left out.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && skipSource[n.DataAtom] {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// countSeq counts the non-overlapping occurrences of the word sequence
// needle in hay.
func countSeq(hay, needle []string) int {
	if len(needle) == 0 {
		return 0
	}
	n := 0
	for i := 0; i+len(needle) <= len(hay); {
		if hay[i] == needle[0] && equalWords(hay[i:i+len(needle)], needle) {
			n++
			i += len(needle)
			continue
		}
		i++
	}
	return n
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// excerpt is s on one line, sanitized, cut to at most n runes.
func excerpt(s string, n int) string {
	s = sanitize.Line(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
