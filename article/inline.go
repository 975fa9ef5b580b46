package article

import (
	"strconv"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Inline formatting follows what a reader of the source sees: CSS bold and
// italics become <strong> and <em>, a bold tag styled normal (Google Docs
// wraps whole pastes in one) is plain text, and emphasis is arranged so
// that its Markdown parses: no empty or nested-twice emphasis, no bold and
// italic runs merged into one, no delimiter between a punctuation mark and
// a letter, where CommonMark would show it as asterisks.

// emphasis is the kind of emphasis an element gives its text.
type emphasis int

const (
	plain emphasis = iota
	bold
	italic
)

// emphasisOf returns the emphasis of element n's own tag.
func emphasisOf(n *html.Node) emphasis {
	if n == nil || n.Type != html.ElementNode {
		return plain
	}
	switch n.DataAtom {
	case atom.B, atom.Strong:
		return bold
	case atom.I, atom.Em:
		return italic
	}
	return plain
}

// styledTags are the inline elements whose style attribute may make their
// text bold or italic.
var styledTags = map[atom.Atom]bool{
	atom.Span: true, atom.Font: true, atom.B: true, atom.Strong: true, atom.I: true, atom.Em: true,
	atom.A: true, atom.U: true, atom.Mark: true, atom.Small: true, atom.Big: true, atom.Cite: true,
}

// styleEmphasis makes the emphasis of n's tag agree with its inline style:
// <span style="font-weight:700"> becomes <strong>, <b
// style="font-weight:normal"> a <span>, <span style="font-style:italic">
// an <em>.
func styleEmphasis(n *html.Node) {
	if n.Type != html.ElementNode || !styledTags[n.DataAtom] {
		return
	}
	style := attr(n, "style")
	weight, slant := cssValue(style, "font-weight"), cssValue(style, "font-style")
	// Google Docs wraps what is pasted from it in <b id="docs-internal-guid-…">.
	docsWrapper := strings.HasPrefix(attr(n, "id"), "docs-internal-guid")
	if weight == "" && slant == "" && !docsWrapper {
		return
	}
	own := emphasisOf(n)
	wantBold, wantItalic := own == bold, own == italic
	if weight != "" {
		wantBold = heavy(weight)
	}
	if docsWrapper {
		wantBold = false
	}
	if slant != "" {
		wantItalic = slant == "italic" || strings.HasPrefix(slant, "oblique")
	}
	if own == bold && !wantBold || own == italic && !wantItalic {
		rename(n, atom.Span)
		own = plain
	}
	if wantBold && own != bold {
		n = emphasise(n, atom.Strong)
	}
	if wantItalic && own != italic {
		emphasise(n, atom.Em)
	}
}

// cssValue returns the lower-case value of property prop in an inline
// style, "" when it is absent or only inherits.
func cssValue(style, prop string) string {
	if !strings.Contains(style, prop) {
		return ""
	}
	v := ""
	for _, decl := range strings.Split(style, ";") {
		k, val, ok := strings.Cut(decl, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), prop) {
			v = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), "!important")))
		}
	}
	switch v {
	case "inherit", "initial", "unset", "revert":
		return ""
	}
	return v
}

// heavy reports whether a font-weight value is bold.
func heavy(weight string) bool {
	switch weight {
	case "bold", "bolder":
		return true
	}
	n, err := strconv.Atoi(weight)
	return err == nil && n >= 600
}

// rename changes the tag of element n.
func rename(n *html.Node, a atom.Atom) {
	n.DataAtom, n.Data = a, a.String()
}

// emphasise gives n's content the emphasis of tag a: a <span> or <font>
// takes the tag itself, other elements get a wrapper inside them. It
// returns the element now holding the content.
func emphasise(n *html.Node, a atom.Atom) *html.Node {
	if n.DataAtom == atom.Span || n.DataAtom == atom.Font {
		rename(n, a)
		return n
	}
	w := &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		w.AppendChild(c)
	}
	n.AppendChild(w)
	return w
}

// emphasisPlugin tidies emphasis before html-to-markdown's own pass, which
// would merge a bold run into an adjacent italic one.
type emphasisPlugin struct{}

func (emphasisPlugin) Name() string { return "herald-emphasis" }

func (emphasisPlugin) Init(conv *converter.Converter) error {
	conv.Register.PreRenderer(func(_ converter.Context, doc *html.Node) { tidyEmphasis(doc) }, converter.PriorityStandard-1)
	return nil
}

// tidyEmphasis arranges the emphasis under root so that its Markdown
// parses as the source reads.
func tidyEmphasis(root *html.Node) {
	unwrapSpans(root)
	dropIdleEmphasis(root, false, false)
	joinAdjacent(root)
	for _, e := range emphasisElements(root) {
		if e.Parent != nil {
			keepFlanking(e, root)
		}
	}
}
