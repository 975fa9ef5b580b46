package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// list handles <ul> and <ol>.
func (b *builder) list(l *html.Node) {
	if hasImage(l) {
		// A gallery: its entries become figures and paragraphs.
		for c := l.FirstChild; c != nil; c = c.NextSibling {
			if !skipped(c) && c.Type == html.ElementNode {
				b.container(c)
			}
		}
		return
	}
	it := item{Block: Block{Kind: List, Ordered: l.DataAtom == atom.Ol}, links: true, linked: true, controls: toolList(l)}
	var plains []string
	freeWords := 0 // outside links
	for c := l.FirstChild; c != nil; c = c.NextSibling {
		if skipped(c) || c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.Li {
			// Stray content inside a list.
			if isBlock(c) {
				b.block(c)
			}
			continue
		}
		dropReadMore(c)
		plain := textOf(c)
		if plain == "" {
			if hasImage(c) {
				b.imagesIn(c)
			}
			continue
		}
		if !onlyLinks(c, plain) {
			it.links = false
		}
		freeWords += wordCount(plain) - linkWords(c)
		if !hasTag(c, atom.A) {
			it.linked = false
		}
		md := b.markdown(c)
		if md == "" {
			continue
		}
		it.Items = append(it.Items, md)
		plains = append(plains, plain)
	}
	if len(it.Items) == 0 {
		return
	}
	it.plain = strings.Join(plains, "\n")
	if freeWords > maxFreeWords*len(it.Items) {
		// Sentences with a link in them ("Fixed the print dialog (Bug
		// 123)"), not links to other pages with a date or a source.
		it.linked = false
	}
	b.add(it)
}

// maxFreeWords is how many words outside its links a linked list's entry
// may have on average: a date, a source, the rest of a headline.
const maxFreeWords = 8

// linkWords counts the words of the links inside n.
func linkWords(n *html.Node) int {
	w := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			w += wordCount(textOf(c))
			continue
		}
		w += linkWords(c)
	}
	return w
}
