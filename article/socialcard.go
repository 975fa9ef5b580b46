package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Before networks shipped their blockquote embeds, blog plugins (Blackbird
// Pie and its kind) printed a post as a styled card of divs: a header with a
// Follow button, the handle and the name, the text, then a row of Reply,
// Retweet and Favorite links. Such a card becomes the same quote as a
// modern embed: the text, then "— Name (@handle)" and the post's date.

var (
	// cardActions marks the button row or the Follow button of a card.
	cardActions *lazyRegexp
	// cardStatus is the address of the post itself.
	cardStatus *lazyRegexp
)

// socialCards rewrites each card holding one of the marks found in the walk.
func socialCards(marks []*html.Node) {
	done := map[*html.Node]bool{}
	for _, m := range marks {
		root := cardRoot(m)
		if root == nil || done[root] || root.Parent == nil {
			continue
		}
		done[root] = true
		if q := cardQuote(root); q != nil {
			root.Parent.InsertBefore(q, root)
			root.Parent.RemoveChild(root)
		}
	}
}

// cardRoot is the smallest div around mark that holds both the Follow
// button and the button row, widened to wrappers that hold nothing else.
// It is never the root of the tree (a feed item's synthetic div, which has
// no parent to put the quote in), nor a wrapper that names something else
// than the card: a div.entry-content holding only the card stays, since
// extraction looks for it.
func cardRoot(mark *html.Node) *html.Node {
	var root *html.Node
	for p := mark.Parent; p != nil && p.Type == html.ElementNode && p.Parent != nil; p = p.Parent {
		if p.DataAtom == atom.Div && holdsClass(p, "twitter-follow-button") && holdsClass(p, "twitter-actions") {
			root = p
			break
		}
	}
	for root != nil {
		up := root.Parent
		if up == nil || up.Parent == nil || up.DataAtom != atom.Div || !cardWrapper(up) || onlyElementChild(up) != root {
			break
		}
		root = up
	}
	return root
}

// cardWrapper reports whether div is only a card's frame: no id or class,
// or ones that name the card (Blackbird Pie's "bbpBox_…", "tweet").
func cardWrapper(div *html.Node) bool {
	for _, k := range []string{"class", "id"} {
		if v := strings.ToLower(attr(div, k)); v != "" && !containsAny(v, "bbp", "tweet", "twitter") {
			return false
		}
	}
	return true
}

// cardQuote builds the quote of a card: its text paragraphs and the
// attribution; nil when no text is found.
func cardQuote(root *html.Node) *html.Node {
	var handle, name, status, when string
	var texts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			class := attr(c, "class")
			switch {
			case cardActions.MatchString(class):
				if a := findStatus(c); a != nil && status == "" {
					status, when = attr(a, "href"), strings.TrimPrefix(attr(a, "title"), "tweeted on ")
				}
				continue
			case c.DataAtom == atom.A && strings.Contains(class, "twitter-action"):
				if t := textOf(c); strings.HasPrefix(t, "@") && handle == "" {
					handle, name = t, strings.TrimSpace(attr(c, "title"))
				}
				continue
			case c.DataAtom == atom.Span && holdsClass(c, "twitter-action"):
				walk(c) // the header: handle and name, no text of the post
				continue
			case c.DataAtom == atom.Div && !holdsClass(c, "twitter-action") && !holdsClass(c, "twitter-follow-button") && textOf(c) != "":
				if !hasBlockChild(c) {
					texts = append(texts, c)
					continue
				}
			}
			walk(c)
		}
	}
	walk(root)
	if len(texts) == 0 {
		return nil
	}
	q := &html.Node{Type: html.ElementNode, Data: "blockquote", DataAtom: atom.Blockquote}
	for _, t := range texts {
		t.Parent.RemoveChild(t)
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		for c := t.FirstChild; c != nil; c = t.FirstChild {
			t.RemoveChild(c)
			p.AppendChild(c)
		}
		q.AppendChild(p)
	}
	by := name
	if handle != "" {
		by = strings.TrimSpace(name + " (" + handle + ")")
	}
	if by == "" && status == "" {
		return q
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: strings.TrimSpace("— " + by + " ")})
	if status != "" {
		if when == "" {
			when = "post"
		}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: status}}}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: when})
		p.AppendChild(a)
	}
	q.AppendChild(p)
	return q
}

// findStatus is the first link inside n to a post's own address.
func findStatus(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A && cardStatus.MatchString(attr(c, "href")) {
			return c
		}
		if a := findStatus(c); a != nil {
			return a
		}
	}
	return nil
}

// holdsClass reports whether n or an element inside it has a class
// containing word.
func holdsClass(n *html.Node, word string) bool {
	if n.Type == html.ElementNode && strings.Contains(attr(n, "class"), word) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsClass(c, word) {
			return true
		}
	}
	return false
}

// onlyElementChild is n's one element child, ignoring white space; nil when
// n holds text or several elements.
func onlyElementChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && only == nil:
			only = c
		default:
			return nil
		}
	}
	return only
}

func init() {
	register(func() {
		cardActions = compileLater(`(?i)\b(?:twitter-actions|twitter-follow-button)\b`)
		cardStatus = compileLater(`(?i)^https?://(?:www\.)?(?:twitter|x)\.com/(?:#!/)?\w+/status(?:es)?/\d+`)
	})
}
