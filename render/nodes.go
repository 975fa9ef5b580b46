package render

// The node kinds the transform stage adds to goldmark's tree. Each is a
// block render draws itself; their inline children (caption, credit, byline
// text) stay goldmark inline nodes until they are drawn.

import "github.com/yuin/goldmark/ast"

var (
	// kindByline is the emphasised paragraph right under the title.
	kindByline = ast.NewNodeKind("HeraldByline")
	// kindFigure is an image paragraph with its caption and credit.
	kindFigure = ast.NewNodeKind("HeraldFigure")
	// kindCaption holds a figure's caption inlines.
	kindCaption = ast.NewNodeKind("HeraldCaption")
	// kindCredit holds a figure's credit inlines.
	kindCredit = ast.NewNodeKind("HeraldCredit")
	// kindAttribution is the last line of a block quote that names its
	// speaker ("— NAME").
	kindAttribution = ast.NewNodeKind("HeraldAttribution")
	// kindReferences is the list of link targets at the end.
	kindReferences = ast.NewNodeKind("HeraldReferences")
)

// bylineNode holds the byline's inlines.
type bylineNode struct{ ast.BaseBlock }

func (n *bylineNode) Kind() ast.NodeKind { return kindByline }

func (n *bylineNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// figureNode is a figure: the image (URL and reference number, both empty
// when the caption stands without an image) and up to two children, a
// captionNode and a creditNode.
type figureNode struct {
	ast.BaseBlock
	image bool   // the figure has an image line
	dest  string // the image's link destination, as written
	url   string // dest unescaped and sanitized
	ref   int    // the image's reference number; 0 when it has none
}

func (n *figureNode) Kind() ast.NodeKind { return kindFigure }

func (n *figureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"url": n.url}, nil)
}

// parts returns the figure's caption and credit containers (nil when
// absent).
func (n *figureNode) parts() (caption, credit ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case kindCaption:
			caption = c
		case kindCredit:
			credit = c
		}
	}
	return caption, credit
}

// inlineBox is a block holding inlines: a caption or a credit.
type inlineBox struct {
	ast.BaseBlock
	kind ast.NodeKind
}

func (n *inlineBox) Kind() ast.NodeKind { return n.kind }

func (n *inlineBox) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// attributionNode is a quote's attribution, drawn under the quote.
type attributionNode struct{ ast.BaseBlock }

func (n *attributionNode) Kind() ast.NodeKind { return kindAttribution }

func (n *attributionNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// referencesNode lists the numbered link targets.
type referencesNode struct {
	ast.BaseBlock
	urls []string // reference n is urls[n-1]
}

func (n *referencesNode) Kind() ast.NodeKind { return kindReferences }

func (n *referencesNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// moveChildren moves the children of from, starting at first (all of them
// when first is nil), to the end of to.
func moveChildren(to, from, first ast.Node) {
	if first == nil {
		first = from.FirstChild()
	}
	for c := first; c != nil; {
		next := c.NextSibling()
		from.RemoveChild(from, c)
		to.AppendChild(to, c)
		c = next
	}
}
