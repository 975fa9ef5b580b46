package article

// Inline HTML becomes Markdown through html-to-markdown, after herald has
// removed what is hidden and made every link absolute and safe.

import (
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/herald-reader/herald/sanitize"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdown converts n with html-to-markdown and makes the result safe.
func (b *builder) markdown(n *html.Node) string {
	var opts []converter.ConvertOptionFunc
	if b.base != nil {
		opts = append(opts, converter.WithDomain(b.base.String()))
	}
	dropUnseen(n)
	b.fixLinks(n)
	out, err := b.conv.ConvertNode(n, opts...)
	if err != nil {
		return escapeText(textOf(n))
	}
	return safeMarkdown(string(out))
}

// dropUnseen removes the elements under n that the page hides, and form
// controls: html-to-markdown would write out their text.
func dropUnseen(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && (hidden(c) || formControl[c.DataAtom]) {
			n.RemoveChild(c)
		} else {
			dropUnseen(c)
		}
		c = next
	}
}

// formControl are the elements of a form, never article text.
var formControl = map[atom.Atom]bool{atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true}

// fixLinks resolves link targets against the article's address and drops
// those that are not web or mail addresses (javascript:, data:, file:).
func (b *builder) fixLinks(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		b.fixLinks(c)
		if c.Type == html.ElementNode && c.DataAtom == atom.A && !b.fixHref(c) {
			// Keep the text, lose the link.
			for gc := c.FirstChild; gc != nil; {
				gn := gc.NextSibling
				c.RemoveChild(gc)
				n.InsertBefore(gc, c)
				gc = gn
			}
			n.RemoveChild(c)
		}
		c = next
	}
}

// fixHref resolves the href of a, reporting whether the link is worth
// keeping.
func (b *builder) fixHref(a *html.Node) bool {
	for i := range a.Attr {
		if a.Attr[i].Key != "href" {
			continue
		}
		href := strings.TrimSpace(a.Attr[i].Val)
		if strings.HasPrefix(strings.ToLower(href), "mailto:") {
			return true
		}
		if href == "" || strings.HasPrefix(href, "#") {
			return false
		}
		a.Attr[i].Val = b.resolve(href)
		return a.Attr[i].Val != ""
	}
	return false
}

// safeMarkdown removes control characters, and references to them, from
// Markdown.
func safeMarkdown(s string) string {
	return strings.TrimSpace(sanitize.Text(sanitize.ControlRefs(s)))
}
