package article

import (
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The shape of emphasis: html-to-markdown writes what it is given, and
// joins a bold run to the italic one after it; the rules here give it
// emphasis that is never empty, never doubled, and nests where two runs
// touch.

// unwrapSpans replaces the spans holding only inline content by their
// content: they mean nothing in Markdown, and html-to-markdown looks
// through them when it joins emphasis.
func unwrapSpans(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		unwrapSpans(c)
		if c.Type == html.ElementNode && c.DataAtom == atom.Span && !isBlock(c) {
			if c.FirstChild != nil {
				next = c.FirstChild
			}
			unwrap(c)
		}
		c = next
	}
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	p := n.Parent
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		p.InsertBefore(c, n)
	}
	p.RemoveChild(n)
}

// dropIdleEmphasis unwraps emphasis that adds nothing: inside emphasis of
// the same kind, or around white space only.
func dropIdleEmphasis(n *html.Node, inBold, inItalic bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		e := emphasisOf(c)
		dropIdleEmphasis(c, inBold || e == bold, inItalic || e == italic)
		if e == bold && inBold || e == italic && inItalic || e != plain && textOf(c) == "" {
			unwrap(c)
		}
		c = next
	}
}

// joinAdjacent joins emphasis elements that follow each other with nothing
// between: two of a kind become one; bold next to bold-and-italic nests
// ("**a *b***"); bold next to italic gets an empty text node between
// them, so that html-to-markdown keeps them apart ("**a***b*"), unless
// the asterisks would run to four or more: then the runs are regrouped
// (shiftEdge), or as a last resort the second takes the first's emphasis.
func joinAdjacent(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		joinAdjacent(c)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		e := emphasisOf(c)
		if e == plain {
			continue
		}
		for d := c.NextSibling; d != nil && emphasisOf(d) != plain; d = c.NextSibling {
			switch {
			case emphasisOf(d) == e:
				moveChildren(d, c)
				d.Parent.RemoveChild(d)
				joinAdjacent(c)
				continue
			case emphasisOf(onlyElementChild(d)) == e:
				// bold, then italic(bold(x)): bold(…, italic(x)).
				unwrap(onlyElementChild(d))
				d.Parent.RemoveChild(d)
				c.AppendChild(d)
				joinAdjacent(c)
				continue
			case emphasisOf(onlyElementChild(c)) == emphasisOf(d):
				// bold(italic(x)), then italic: italic(bold(x), …).
				unwrap(onlyElementChild(c))
				c.Parent.RemoveChild(c)
				d.InsertBefore(c, d.FirstChild)
				joinAdjacent(d)
				c = d
				e = emphasisOf(c)
				continue
			}
			if spaced(c, true) || spaced(d, false) || delimiters(c, false)+delimiters(d, true) <= 3 {
				// "**a***b*" parses; an empty text node keeps
				// html-to-markdown from merging the two.
				n.InsertBefore(&html.Node{Type: html.TextNode}, d)
				break
			}
			if shiftEdge(c, d) {
				continue
			}
			// "*a**b*****c**" cannot be written: d takes c's emphasis
			// too rather than leave asterisks showing.
			d.Parent.RemoveChild(d)
			c.AppendChild(d)
			dropIdleEmphasis(c, emphasisOf(c) == bold, emphasisOf(c) == italic)
			joinAdjacent(c)
		}
	}
}

// spaced reports whether element n ends (or starts) with white space.
func spaced(n *html.Node, end bool) bool {
	r, ok := edgeRune(n, end)
	return ok && unicode.IsSpace(r)
}

// shiftEdge moves the last word group of c, when it has d's emphasis and a
// space before it, into d: "*a **b***" then "**c**" becomes "*a*" then
// "***b*c**", which parses. The mirror image moves d's first group into
// c. It reports whether it moved anything.
func shiftEdge(c, d *html.Node) bool {
	if t := edgeElement(c, false); t != nil && emphasisOf(t) == emphasisOf(d) && spacedBefore(t, false) {
		x := &html.Node{Type: html.ElementNode, DataAtom: c.DataAtom, Data: c.Data}
		moveChildren(t, x)
		t.Parent.RemoveChild(t)
		d.InsertBefore(x, d.FirstChild)
		return true
	}
	if t := edgeElement(d, true); t != nil && emphasisOf(t) == emphasisOf(c) && spacedBefore(t, true) {
		x := &html.Node{Type: html.ElementNode, DataAtom: d.DataAtom, Data: d.Data}
		moveChildren(t, x)
		t.Parent.RemoveChild(t)
		c.AppendChild(x)
		return true
	}
	return false
}

// edgeElement returns the last (or first) child of n, empty text aside,
// when it is an element.
func edgeElement(n *html.Node, first bool) *html.Node {
	c := edgeChild(n, first)
	for c != nil && c.Type == html.TextNode && c.Data == "" {
		c = step(c, first)
	}
	if c == nil || c.Type != html.ElementNode {
		return nil
	}
	return c
}

// spacedBefore reports whether white space separates t from the content of
// its parent before it (after it, when after is set).
func spacedBefore(t *html.Node, after bool) bool {
	for s := step(t, after); s != nil; s = step(s, after) {
		if r, ok := edgeRune(s, !after); ok {
			return unicode.IsSpace(r)
		}
	}
	return false
}

// delimiters counts the asterisks that open (or close) emphasis at the
// start (or end) of emphasis element e: "***" for bold around italic.
func delimiters(e *html.Node, opening bool) int {
	n := 0
	for e != nil {
		switch emphasisOf(e) {
		case bold:
			n += 2
		case italic:
			n++
		default:
			return n
		}
		c := edgeChild(e, opening)
		for c != nil && c.Type == html.TextNode && c.Data == "" {
			c = step(c, opening)
		}
		e = c
	}
	return n
}

// moveChildren appends the children of from to to.
func moveChildren(from, to *html.Node) {
	for c := from.FirstChild; c != nil; c = from.FirstChild {
		from.RemoveChild(c)
		to.AppendChild(c)
	}
}

// emphasisElements lists the emphasis elements under root, outermost first.
func emphasisElements(root *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if emphasisOf(c) != plain {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(root)
	return out
}
