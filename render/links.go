package render

// Links become `text[n]`: the link keeps its text (styled as link text by
// glamour, its destination replaced by "#", which glamour does not print)
// followed by its reference number; inline images become their alt text
// (or "Image") the same way. A figure's image takes its number where the
// figure stands, so numbers follow the document order.

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// numberLinks numbers the links, inline images and figure images of d in
// document order, an image inside a link before the link.
func numberLinks(d *document) {
	var order []ast.Node
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *figureNode:
			if entering {
				order = append(order, n)
			}
		case *ast.Link, *ast.Image:
			if !entering {
				order = append(order, n)
			}
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range order {
		switch n := n.(type) {
		case *figureNode:
			if n.image {
				n.ref = d.ref(n.dest)
			}
		case *ast.Link:
			d.markLink(n, string(n.Destination))
		case *ast.Image:
			l := ast.NewLink()
			moveChildren(l, n, nil)
			if strings.TrimSpace(d.plainText(l)) == "" {
				l.RemoveChildren(l)
				l.AppendChild(l, d.newText("Image"))
			}
			n.Parent().ReplaceChild(n.Parent(), n, l)
			d.markLink(l, string(n.Destination))
		}
	}
}

// markLink gives link l, whose destination is dest, its reference number.
// A link whose text is longer than maxLinkText is no link: its text stays,
// unnumbered.
func (d *document) markLink(l *ast.Link, dest string) {
	parent := l.Parent()
	if textLen(d, l) > maxLinkText {
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			l.RemoveChild(l, c)
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
		return
	}
	l.Destination = []byte("#")
	l.Title = nil
	if n := d.ref(dest); n > 0 {
		parent.InsertAfter(parent, l, d.newText("["+strconv.Itoa(n)+"]"))
	}
}

// textLen returns the number of source bytes of n's text segments, up to a
// little more than maxLinkText.
func textLen(d *document, n ast.Node) int {
	total := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			total += t.Segment.Len()
		}
		if total > maxLinkText {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return total
}
