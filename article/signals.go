package article

import (
	"strings"

	"golang.org/x/net/html"
)

// General signals for whole pages, measured on the extraction benchmark's
// dev pages (bench/extraction) but not fitted to them: where a block sits
// in the page, and what else the page says about its article.

// bodyShare is the share of the article's running text that the element
// holding the body must contain.
const bodyShare = 0.5

// bodyBox returns the element that holds the article's running text: the
// deepest element containing at least bodyShare of the words of its real
// paragraphs. Nil when there is no such text.
func (c *cleaner) bodyBox() *html.Node {
	words := map[*html.Node]int{}
	total := 0
	for _, it := range c.kept() {
		if it.box == nil || !realParagraph(it) {
			continue
		}
		n := wordCount(it.plain)
		total += n
		for a := it.box; a != nil; a = a.Parent {
			words[a] += n
		}
	}
	var best *html.Node
	bestDepth := -1
	for a, n := range words {
		if float64(n) < bodyShare*float64(total) {
			continue
		}
		if d := depth(a); d > bestDepth {
			best, bestDepth = a, d
		}
	}
	return best
}

// depth counts the ancestors of n.
func depth(n *html.Node) int {
	d := 0
	for a := n.Parent; a != nil; a = a.Parent {
		d++
	}
	return d
}

// within reports whether n is box or inside it.
func within(n, box *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if a == box {
			return true
		}
	}
	return false
}

// pageHeader drops what the page's header puts before the article's body
// and readability keeps. Outside the element holding the body and before
// its first block, it drops a heading before any text that no text follows
// (a kicker, a section label, a standfirst set as a heading) and, above the
// lead picture, a paragraph that repeats the page's description (the
// standfirst; a first paragraph under the picture that the description
// repeats is the story's lede).
func (c *cleaner) pageHeader() {
	box := c.bodyBox()
	if box == nil {
		return
	}
	text, picture := false, false // a paragraph of text, a picture came first
	for i, it := range c.kept() {
		if it.box == nil {
			continue
		}
		if within(it.box, box) {
			return
		}
		switch {
		case it.Kind == FigureBlock:
			picture = true
		case it.Kind == Heading && !text && !c.headsSection(i):
			it.drop = true
		case it.Kind == Paragraph && !picture && c.describes(it.plain):
			it.drop = true
		case realParagraph(it):
			text = true
		}
	}
}

// headsSection reports whether the heading at i has text under it (a
// paragraph, a list, a quote, a table), not another heading or a picture.
func (c *cleaner) headsSection(i int) bool {
	j := c.next(i)
	return j >= 0 && c.items[j].Kind != Heading && c.items[j].Kind != FigureBlock
}

// describes reports whether s is (most of) one of the page's descriptions:
// "The authorities' repression …" for "Editorial: The authorities'
// repression …". A first paragraph that the description cuts short is not.
func (c *cleaner) describes(s string) bool {
	n := norm(s)
	if wordCount(n) < 5 {
		return false
	}
	for _, d := range c.info.descriptions {
		if strings.Contains(d, n) && 2*len(n) >= len(d) {
			return true
		}
	}
	return false
}
