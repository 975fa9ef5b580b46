package render

// Stage 2, transform: the conventions of article.Document.Markdown become
// nodes of their own (byline, figures, quote attributions), links become
// `text[n]` with a References list, and the hostile-input limits are
// applied to the tree (limits.go).

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// transform rewrites d's tree in place.
func transform(d *document) {
	limitNesting(d.root, 0)
	markByline(d)
	for n := d.root.FirstChild(); n != nil; {
		next := n.NextSibling()
		switch n := n.(type) {
		case *ast.Paragraph:
			next = markFigure(d, n)
		case *ast.Blockquote:
			markAttribution(d, n)
		}
		n = next
	}
	numberLinks(d)
	if len(d.refs) > 0 {
		d.root.AppendChild(d.root, &referencesNode{urls: d.refs})
	}
	limitText(d, d.root)
}

// markByline turns the emphasised paragraph right under the `# ` title into
// a bylineNode.
func markByline(d *document) {
	h, ok := d.root.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return
	}
	p, ok := h.NextSibling().(*ast.Paragraph)
	if !ok {
		return
	}
	em := onlyEmphasis(d, p)
	if em == nil {
		return
	}
	b := &bylineNode{}
	moveChildren(b, em, nil)
	d.root.ReplaceChild(d.root, p, b)
}

// markFigure recognises a figure at paragraph p: a paragraph whose first
// line is only an image (`![alt](URL)` or `[Image](URL)`), with its caption
// in the rest of the paragraph or in the next one; or a caption paragraph
// with a credit whose image was dropped. It returns the node to look at
// next.
func markFigure(d *document, p *ast.Paragraph) ast.Node {
	next := p.NextSibling()
	img, rest, ok := imageLine(d, p)
	if !ok {
		caption, credit, ok := captionOf(d, p.FirstChild())
		if ok && credit != nil && isCredit(creditText(d, credit)) {
			f := &figureNode{}
			addParts(f, p, caption, credit)
			d.root.ReplaceChild(d.root, p, f)
		}
		return next
	}
	f := &figureNode{image: true}
	switch n := img.(type) {
	case *ast.Image:
		f.dest = string(n.Destination)
	case *ast.Link:
		f.dest = string(n.Destination)
	}
	f.url = cleanURL(f.dest)
	d.root.InsertBefore(d.root, p, f)
	if rest == nil {
		d.root.RemoveChild(d.root, p)
		if np, ok := next.(*ast.Paragraph); ok {
			if caption, credit, ok := captionOf(d, np.FirstChild()); ok {
				addParts(f, np, caption, credit)
				next = np.NextSibling()
				d.root.RemoveChild(d.root, np)
			}
		}
		return next
	}
	// The image line goes; the rest is the caption, or stays a paragraph.
	for c := p.FirstChild(); c != rest; {
		n := c.NextSibling()
		p.RemoveChild(p, c)
		c = n
	}
	if caption, credit, ok := captionOf(d, rest); ok {
		addParts(f, p, caption, credit)
		d.root.RemoveChild(d.root, p)
	}
	return next
}

// imageLine reports whether p's first line is only an image, and returns
// the image (or `[Image]` link) node and the first node after that line
// (nil when the paragraph is only the image).
func imageLine(d *document, p *ast.Paragraph) (img, rest ast.Node, ok bool) {
	first := p.FirstChild()
	switch n := first.(type) {
	case *ast.Image:
	case *ast.Link:
		if !strings.EqualFold(strings.TrimSpace(d.plainText(n)), "image") {
			return nil, nil, false
		}
	default:
		return nil, nil, false
	}
	for c := first.NextSibling(); c != nil; c = c.NextSibling() {
		t, isText := c.(*ast.Text)
		if !isText || strings.TrimSpace(string(t.Segment.Value(d.src))) != "" {
			return nil, nil, false
		}
		if t.SoftLineBreak() || t.HardLineBreak() {
			return first, t.NextSibling(), true
		}
	}
	return first, nil, true
}

// captionOf recognises a caption paragraph from its inline node first on:
// `*CAPTION* — CREDIT`, `*CAPTION*`, or a credit alone (`Photo: …`, or
// `*Photo: …*`). caption and credit are the first nodes of each part (the
// credit runs to the end; the caption is the emphasis).
func captionOf(d *document, first ast.Node) (caption, credit ast.Node, ok bool) {
	for first != nil {
		if t, ok := first.(*ast.Text); !ok || strings.TrimSpace(string(t.Segment.Value(d.src))) != "" {
			break
		}
		first = first.NextSibling()
	}
	if first == nil {
		return nil, nil, false
	}
	if em, isEm := first.(*ast.Emphasis); isEm && em.Level == 1 {
		credit = em.NextSibling()
		if credit != nil && creditText(d, credit) == "" {
			credit = nil
		}
		if credit == nil && isCredit(d.plainText(em)) {
			return nil, em, true // a figure with only a credit: `*CREDIT*`
		}
		return em, credit, true
	}
	if isCredit(creditText(d, first)) {
		return nil, first, true
	}
	return nil, nil, false
}

// creditText returns the plain text of the inlines from first on, without
// the dash or bar that separates a credit from its caption.
func creditText(d *document, first ast.Node) string {
	var b strings.Builder
	d.writeInlines(&b, first)
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(b.String()), "—–-|·"))
}

// addParts moves the caption (the emphasis caption, or nothing) and the
// credit (credit to the end of p) into f.
func addParts(f *figureNode, p, caption, credit ast.Node) {
	if caption != nil {
		box := &inlineBox{kind: kindCaption}
		p.RemoveChild(p, caption)
		moveChildren(box, caption, nil)
		f.AppendChild(f, box)
	}
	if credit != nil {
		box := &inlineBox{kind: kindCredit}
		moveChildren(box, p, credit)
		f.AppendChild(f, box)
	}
}

// markAttribution moves the last line of a top-level quote that names its
// speaker (`— NAME`, `-- NAME`, or `- NAME`, which Markdown reads as a
// one-item list) out of the quote into an attributionNode drawn under it.
func markAttribution(d *document, q *ast.Blockquote) {
	if q.ChildCount() == 0 {
		return
	}
	att := &attributionNode{}
	switch last := q.LastChild().(type) {
	case *ast.List:
		item := last.FirstChild()
		if last.IsOrdered() || last.Marker != '-' || last.ChildCount() != 1 || q.ChildCount() < 2 ||
			item.ChildCount() != 1 || item.FirstChild().Type() != ast.TypeBlock || item.FirstChild().HasChildren() == false {
			return
		}
		if _, ok := item.FirstChild().FirstChild().(*ast.Text); !ok {
			return
		}
		moveChildren(att, item.FirstChild(), nil)
		q.RemoveChild(q, last)
	case *ast.Paragraph:
		start := lastLine(last)
		var b strings.Builder
		d.writeInlines(&b, start)
		if !isAttribution(strings.TrimSpace(b.String())) {
			return
		}
		if start == last.FirstChild() {
			if q.ChildCount() < 2 {
				return // the quote would be empty
			}
			moveChildren(att, last, nil)
			q.RemoveChild(q, last)
			break
		}
		if t, ok := start.PreviousSibling().(*ast.Text); ok {
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
		}
		moveChildren(att, last, start)
	default:
		return
	}
	q.Parent().InsertAfter(q.Parent(), q, att)
}

// lastLine returns the first inline node of paragraph p's last line.
func lastLine(p ast.Node) ast.Node {
	start := p.FirstChild()
	for c := start; c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) && c.NextSibling() != nil {
			start = c.NextSibling()
		}
	}
	return start
}

// isAttribution reports whether a quote's last line names its speaker.
func isAttribution(line string) bool {
	for _, dash := range []string{"—", "―", "–", "--", "-"} {
		if rest, ok := strings.CutPrefix(line, dash); ok {
			rest = strings.TrimSpace(rest)
			return rest != "" && !strings.HasPrefix(rest, "-") && (dash != "-" || strings.HasPrefix(line, "- "))
		}
	}
	return false
}

// attributionText returns the speaker's name without the leading dash.
func attributionText(s string) string {
	return strings.TrimSpace(strings.TrimLeft(s, "—―–- "))
}
