package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A quote keeps its attribution: the <footer> or <cite> inside it, a <cite>
// right after it, the <figcaption> of the figure holding it. Each becomes
// the quote's last line, "— Name, Role", never a loose paragraph or an
// image's caption. A pull quote (a sentence of the article set large
// beside it) that repeats the body is shown once, in the body.

var (
	// attributionClass marks the element of a quote that names who said it.
	attributionClass *lazyRegexp
	// pullQuoteClass marks a pull quote.
	pullQuoteClass *lazyRegexp
	// leadingDash is the dash an attribution may already start with.
	leadingDash *lazyRegexp
)

// quoteAttributions moves each quote's attribution to its end, as a
// paragraph starting with "—" (embedded posts have theirs from
// socialEmbeds).
func quoteAttributions(quotes []*html.Node) {
	for _, q := range quotes {
		if a := attributionOf(q); a != nil {
			setAttribution(q, a)
		}
	}
}

// attributionOf finds the element naming who is quoted in q: a <footer>, a
// <cite> or an element of attributionClass ending q; else a <cite> right
// after q; else the <figcaption> of a figure holding q and no image.
func attributionOf(q *html.Node) *html.Node {
	if f := findChild(q, func(c *html.Node) bool { return c.DataAtom == atom.Footer }); f != nil {
		return f
	}
	if last := lastElement(q); last != nil && (isCite(last) || attributionClass.MatchString(attr(last, "class")) && attributionLike(textOf(last))) {
		return last
	}
	if next := nextElement(q); next != nil && isCite(next) {
		return next
	}
	figcaption := func(c *html.Node) bool { return c.DataAtom == atom.Figcaption }
	if q.DataAtom == atom.Figure && !hasImage(q) {
		return findChild(q, figcaption) // a pull quote marked up as a figure
	}
	if p := q.Parent; p != nil && p.DataAtom == atom.Figure && !hasImage(p) {
		return findChild(p, figcaption)
	}
	return nil
}

// attributionLike reports whether s reads as who is quoted, a name and a
// role ("Rosa Lind, harbour master"), not prose that a class such as
// "author-note" happens to mark: a few words, no more than one sentence.
func attributionLike(s string) bool {
	n := wordCount(s)
	if n == 0 || n > 15 || innerSentence(s) {
		return false
	}
	return n <= 6 || !strings.ContainsAny(s[len(s)-1:], ".!?")
}

// isCite reports whether n is a <cite>, or a paragraph holding nothing but
// one (and dashes).
func isCite(n *html.Node) bool {
	if n.DataAtom == atom.Cite {
		return true
	}
	if n.DataAtom != atom.P && n.DataAtom != atom.Div {
		return false
	}
	cite := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Cite:
			cite = true
		case c.Type == html.TextNode && leadingDash.ReplaceAllString(c.Data, "") == "":
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		default:
			return false
		}
	}
	return cite
}

// setAttribution replaces a by a last paragraph of q, "— " and a's content.
func setAttribution(q, a *html.Node) {
	if strings.TrimSpace(textOf(a)) == "" {
		return
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	for c := a.FirstChild; c != nil; {
		next := c.NextSibling
		a.RemoveChild(c)
		p.AppendChild(c)
		c = next
	}
	// One dash, whatever the source put first.
	for first := p.FirstChild; first != nil; first = p.FirstChild {
		if first.Type == html.TextNode {
			first.Data = leadingDash.ReplaceAllString(first.Data, "")
			if strings.TrimSpace(first.Data) == "" {
				p.RemoveChild(first)
				continue
			}
		} else if first.Type == html.ElementNode && first.DataAtom == atom.Cite && first.FirstChild != nil && first.FirstChild.Type == html.TextNode {
			first.FirstChild.Data = leadingDash.ReplaceAllString(first.FirstChild.Data, "")
		}
		break
	}
	p.InsertBefore(&html.Node{Type: html.TextNode, Data: "— "}, p.FirstChild)
	p.Attr = append(p.Attr, html.Attribute{Key: attributionAttr})
	a.Parent.RemoveChild(a)
	q.AppendChild(p)
}

// attributionAttr marks the paragraph setAttribution made.
const attributionAttr = "data-herald-attribution"

// quoteText is the text of a quote without the attribution setAttribution
// gave it.
func quoteText(q *html.Node) string {
	last := lastElement(q)
	if last == nil || last.DataAtom != atom.P || len(last.Attr) == 0 || last.Attr[len(last.Attr)-1].Key != attributionAttr {
		return textOf(q)
	}
	q.RemoveChild(last)
	t := textOf(q)
	q.AppendChild(last)
	return t
}

// findChild returns the first element child of n that ok accepts.
func findChild(n *html.Node, ok func(*html.Node) bool) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && ok(c) {
			return c
		}
	}
	return nil
}

// lastElement returns the last child element of n when no text follows it.
func lastElement(n *html.Node) *html.Node { return elementFrom(n.LastChild, false) }

// nextElement returns the element right after n, white space between them
// allowed.
func nextElement(n *html.Node) *html.Node { return elementFrom(n.NextSibling, true) }

// elementFrom returns the first element from c on, stepping forward or
// back through its siblings over white space; nil when text comes first.
func elementFrom(c *html.Node, forward bool) *html.Node {
	for ; c != nil; c = step(c, forward) {
		switch {
		case c.Type == html.ElementNode:
			return c
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return nil
		}
	}
	return nil
}

// isPullQuote reports whether n is a pull quote: marked by its class, or
// an <aside> holding a few lines of text and nothing else.
func isPullQuote(n *html.Node) bool {
	if pullClass(n) {
		return true
	}
	if n.DataAtom != atom.Aside || hasImage(n) || hasTag(n, atom.Ul) || hasTag(n, atom.Ol) || hasTag(n, atom.Table) {
		return false
	}
	return wordCount(textOf(n)) <= 60
}

// pullClass reports whether the class of n marks a pull quote.
func pullClass(n *html.Node) bool {
	c := attr(n, "class")
	return c != "" && strings.Contains(strings.ToLower(c), "pull") && pullQuoteClass.MatchString(c)
}

// pullQuote handles a pull quote: a quote (an aside without a pull-quote
// class shows as it is) that the cleaner drops if the body repeats it (see
// pullQuotes).
func (b *builder) pullQuote(n *html.Node) {
	start := len(b.items)
	q := n
	if n.DataAtom != atom.Blockquote {
		if inner := onlyQuote(n); inner != nil {
			q = inner
		}
	}
	text := quoteText(q)
	if n.DataAtom == atom.Aside && !pullClass(n) {
		b.container(n)
	} else {
		b.quote(q)
	}
	for i := start; i < len(b.items); i++ {
		b.items[i].pull = true
		if b.items[i].Kind == Quote {
			b.items[i].plain = text
		}
	}
}

// onlyQuote returns the single blockquote inside n, or nil.
func onlyQuote(n *html.Node) *html.Node {
	var found []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(found) < 2; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Blockquote {
				found = append(found, c)
				continue
			}
			walk(c)
		}
	}
	walk(n)
	if len(found) != 1 {
		return nil
	}
	return found[0]
}

// pullQuotes drops the pull quotes whose text a body block holds: the
// quote's words in order (its attribution aside), each part of a quote cut
// with "…" found in the same block.
func (c *cleaner) pullQuotes() {
	pulls := false
	for _, it := range c.kept() {
		if it.pull && it.Kind != FigureBlock {
			pulls = true
			break
		}
	}
	if !pulls {
		return // most articles: no need to read the body
	}
	var body, plain []string
	for _, it := range c.kept() {
		if !it.pull && (it.Kind == Paragraph || it.Kind == Quote || it.Kind == List) {
			body = append(body, " "+norm(it.plain)+" ")
			plain = append(plain, it.plain)
		}
	}
	var sentences [][]string // the body's, read when a pull quote needs them
	for _, it := range c.kept() {
		if !it.pull || it.Kind == FigureBlock {
			continue
		}
		parts := pullParts(it.plain)
		if len(parts) == 0 {
			continue
		}
		for _, b := range body {
			if containsAll(b, parts) {
				it.drop = true
				break
			}
		}
		if it.drop || len(parts) > 1 {
			continue
		}
		if sentences == nil {
			sentences = bodySentences(plain)
		}
		pw := strings.Fields(parts[0])
		for _, sw := range sentences {
			if editedFrom(pw, sw) {
				it.drop = true
				break
			}
		}
	}
}

// bodySentences returns the words of each sentence of the body, normalised.
func bodySentences(plain []string) [][]string {
	out := [][]string{}
	for _, p := range plain {
		at := 0
		for _, m := range append(sentenceEnd.FindAllStringIndex(p, -1), []int{len(p), len(p)}) {
			if w := strings.Fields(norm(p[at:m[1]])); len(w) > 0 {
				out = append(out, w)
			}
			at = m[1]
		}
	}
	return out
}

// editedFrom reports whether pull quote words pw are sentence sw lightly
// edited: all of them in order in sw, with a few of its words left out
// between them ("We will not patch it again" from "We will not, under any
// circumstances, patch it again"). Short pull quotes never match.
func editedFrom(pw, sw []string) bool {
	if len(pw) < 5 || len(sw) < len(pw) {
		return false
	}
	allowed := min(8, max(3, len(pw)/2))
	for k := range sw {
		if sw[k] != pw[0] {
			continue
		}
		i, j := 1, k+1
		for ; i < len(pw) && j < len(sw) && j-k-i <= allowed; j++ {
			if sw[j] == pw[i] {
				i++
			}
		}
		if i == len(pw) && j-k-len(pw) <= allowed {
			return true
		}
	}
	return false
}

// quotedSpeech is a quotation inside a pull quote's text.
var quotedSpeech *lazyRegexp

// pullParts returns the normalised parts of a pull quote's text, split at
// ellipses; nil when too short to compare. A pull quote that is mostly a
// quotation with its speaker ("“…,” Holt said of the pier.") is compared
// by its quoted words: the body gives the same words another "she said".
func pullParts(s string) []string {
	if qs := quotedSpeech.FindAllStringSubmatch(s, -1); qs != nil {
		var quoted []string
		n := 0
		for _, q := range qs {
			quoted = append(quoted, q[1])
			n += wordCount(q[1])
		}
		if n >= 6 && 2*n >= wordCount(s) {
			s = strings.Join(quoted, "…")
		}
	}
	s = strings.ReplaceAll(s, "...", "…")
	var parts []string
	words := 0
	for _, p := range strings.Split(s, "…") {
		if n := norm(p); n != "" {
			parts = append(parts, " "+n+" ")
			words += wordCount(n)
		}
	}
	if words < 4 {
		return nil
	}
	return parts
}

// containsAll reports whether s holds every part, in order.
func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p)-1:]
	}
	return true
}

func init() {
	register(func() {
		attributionClass = compileLater(`(?i)(?:^|[\s_-])(?:attribution|cite|citation|quote-?(?:author|source|by|credit|attribution|cite|name)|pullquote-?(?:author|cite|attribution|credit|source|name)|author|source|speaker)(?:$|[\s_-])`)
		pullQuoteClass = compileLater(`(?i)pull-?quote|pull_quote|pull-?out|quote--pull|blockquote--pull|quote-pull`)
		leadingDash = compileLater(`^[\s\x{a0}]*(?:[—–―~]|--?)[\s\x{a0}]*`)
		quotedSpeech = compileLater(`[“"«„]([^”"»“]{8,})[”"»“]`)
	})
}
