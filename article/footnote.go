package article

import (
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Footnotes: a reference to a note becomes "[1]" right after its word
// ("in 2004[1]"), not a digit run into it ("20041"); the links back from
// a note to its reference ("↩︎") go; the notes keep their number. The
// markup of WordPress, kramdown, Goldmark, Pandoc and Substack is read
// alike: a link to an anchor on the same page, in a <sup> or with a
// footnote's class or role, that holds only a short label.

var (
	// noteLabel is the text of a footnote reference: "1", "[12]", "a", "*".
	noteLabel *lazyRegexp
	// noteRefClass marks a reference to a note.
	noteRefClass *lazyRegexp
	// backLinkClass marks a link from a note back to its reference.
	backLinkClass *lazyRegexp
	// backLinkHref is the anchor a back link leads to.
	backLinkHref *lazyRegexp
	// backArrow is the whole text of a back link.
	backArrow *lazyRegexp
)

// footnotes rewrites the footnote markup under n.
func footnotes(n *html.Node) {
	var refs, backs, numbers []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				switch {
				case hasClassToken(c, "footnote-number"):
					numbers = append(numbers, c) // Substack: the note's own number
					continue
				case backLink(c):
					backs = append(backs, c)
					continue
				case noteRef(c):
					refs = append(refs, refHolder(c))
					continue
				}
			}
			walk(c)
		}
	}
	walk(n)
	for _, a := range backs {
		if a.Parent != nil {
			a.Parent.RemoveChild(a)
		}
	}
	for _, r := range refs {
		if r.Parent == nil {
			continue
		}
		r.Parent.InsertBefore(noteMark(strings.Trim(textOf(r), "[] "), ""), r)
		r.Parent.RemoveChild(r)
	}
	for _, a := range numbers {
		noteNumber(a)
	}
}

// sameAnchor reports whether link a leads to an anchor on this page.
func sameAnchor(a *html.Node) bool {
	href := strings.TrimSpace(attr(a, "href"))
	return len(href) > 1 && href[0] == '#'
}

// backLink reports whether link a leads from a note back to its reference.
func backLink(a *html.Node) bool {
	if !sameAnchor(a) {
		return false
	}
	if strings.EqualFold(attr(a, "role"), "doc-backlink") || backLinkClass.MatchString(attr(a, "class")) {
		return true
	}
	t := textOf(a)
	return backArrow.MatchString(t) || t == "" && backLinkHref.MatchString(attr(a, "href"))
}

// noteRef reports whether link a is a reference to a footnote: a short
// label leading to an anchor on the page, inside a <sup> or marked as a
// note's reference.
func noteRef(a *html.Node) bool {
	if !sameAnchor(a) || !noteLabel.MatchString(textOf(a)) {
		return false
	}
	if strings.EqualFold(attr(a, "role"), "doc-noteref") || noteRefClass.MatchString(attr(a, "class")) || hasTag(a, atom.Sup) {
		return true
	}
	p := a.Parent
	return p != nil && p.DataAtom == atom.Sup && strings.TrimSpace(textOf(p)) == textOf(a)
}

// refHolder returns the node a reference stands for: its <sup> when the
// link is all the <sup> holds.
func refHolder(a *html.Node) *html.Node {
	if p := a.Parent; p != nil && p.DataAtom == atom.Sup && strings.TrimSpace(textOf(p)) == textOf(a) {
		return p
	}
	return a
}

// noteNumber puts a Substack note's number, a link back to its reference,
// at the start of the note's text as "[1] ".
func noteNumber(a *html.Node) {
	label := strings.Trim(textOf(a), "[] ")
	parent := a.Parent
	if parent == nil {
		return
	}
	parent.RemoveChild(a)
	if label == "" {
		return
	}
	var target *html.Node
	for c := parent.FirstChild; c != nil && target == nil; c = c.NextSibling {
		if c.Type == html.ElementNode && textOf(c) != "" {
			target = firstTextBlock(c)
		}
	}
	if target == nil {
		target = parent
	}
	target.InsertBefore(noteMark(label, " "), target.FirstChild)
}

// noteClass marks the <sup> footnotes writes for a note's label.
const noteClass = "herald-note"

// noteMark is a note's label as "[1]", then after.
func noteMark(label, after string) *html.Node {
	sup := &html.Node{Type: html.ElementNode, Data: "sup", DataAtom: atom.Sup, Attr: []html.Attribute{{Key: "class", Val: noteClass}}}
	sup.AppendChild(&html.Node{Type: html.TextNode, Data: "[" + label + "]" + after})
	return sup
}

// notePlugin writes the labels footnotes marked as they are: "[1]", the
// brackets unescaped.
type notePlugin struct{}

func (notePlugin) Name() string { return "herald-notes" }

func (notePlugin) Init(conv *converter.Converter) error {
	conv.Register.Renderer(func(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
		if n.Type != html.ElementNode || n.DataAtom != atom.Sup || attr(n, "class") != noteClass || n.FirstChild == nil {
			return converter.RenderTryNext
		}
		w.WriteString(n.FirstChild.Data)
		return converter.RenderSuccess
	}, converter.PriorityEarly)
	return nil
}

// firstTextBlock returns the innermost first block under n that holds
// text: the note's first paragraph.
func firstTextBlock(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] && textOf(c) != "" {
			return firstTextBlock(c)
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" || c.Type == html.ElementNode && textOf(c) != "" {
			return n
		}
	}
	return n
}

// hasClassToken reports whether n's class list holds tok.
func hasClassToken(n *html.Node, tok string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func init() {
	register(func() {
		noteLabel = compileLater(`^\[?(?:\d{1,3}|[a-zA-Z]|[*†‡§]{1,3})\]?$`)
		noteRefClass = compileLater(`(?i)(?:^|\s)(?:footnote-ref|footnote-anchor|footnote|fn|fnref|footnote-link|note-ref)(?:$|\s)`)
		backLinkClass = compileLater(`(?i)(?:^|\s)(?:footnote-back(?:ref|link)?|reversefootnote|footnote-return|fn-back(?:ref)?)(?:$|\s)`)
		backLinkHref = compileLater(`(?i)^#(?:fnref|footnote-anchor|footnote-ref|ref-|cite_ref|.*-link$)`)
		backArrow = compileLater(`^[\s↩↑⤴^\x{FE0E}\x{FE0F}]+$`)
	})
}
