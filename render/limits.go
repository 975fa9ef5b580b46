package render

// The hostile-input limits, as properties of the tree: containers nested
// deeper than maxNesting are flattened into their parent, words longer than
// maxWord are broken, links with more than maxLinkText bytes of text are
// text (links.go), and hyphens are kept from breaking lines. Real articles
// stay far below every limit.

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

const (
	maxLinkText = 2048 // bytes of link text; longer links are text
	maxNesting  = 8    // nested block quotes and lists
	maxWord     = 400  // runes of a word glamour wraps (its cost is quadratic)
)

// nbHyphen stands in for intra-word hyphens while glamour wraps; the wrap
// stage turns them back.
const nbHyphen = "\u2011"

// limitNesting flattens the block quotes and lists of n nested deeper than
// maxNesting (n is at depth depth): glamour's time grows with the cube of
// the depth (500 nested quotes took over ten seconds). A flattened quote
// leaves its blocks in its place, a flattened list its items' blocks.
func limitNesting(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; {
		container := c.Kind() == ast.KindBlockquote || c.Kind() == ast.KindList
		switch {
		case container && depth >= maxNesting:
			first := flatten(n, c)
			if first == nil {
				first = c.NextSibling()
			}
			n.RemoveChild(n, c)
			c = first // the lifted blocks may nest again
		case container:
			limitNesting(c, depth+1)
			c = c.NextSibling()
		case c.Kind() == ast.KindListItem:
			limitNesting(c, depth)
			c = c.NextSibling()
		default:
			c = c.NextSibling()
		}
	}
}

// flatten moves the blocks of container c (a quote, or a list's items) in
// front of c in parent and returns the first one moved (nil if none).
// Tight list items hold text blocks; they become paragraphs.
func flatten(parent, c ast.Node) ast.Node {
	var first ast.Node
	move := func(from ast.Node) {
		for b := from.FirstChild(); b != nil; {
			next := b.NextSibling()
			from.RemoveChild(from, b)
			if tb, ok := b.(*ast.TextBlock); ok {
				p := ast.NewParagraph()
				p.SetLines(tb.Lines())
				moveChildren(p, tb, nil)
				b = p
			}
			parent.InsertBefore(parent, c, b)
			if first == nil {
				first = b
			}
			b = next
		}
	}
	if c.Kind() == ast.KindList {
		for item := c.FirstChild(); item != nil; item = item.NextSibling() {
			move(item)
		}
	} else {
		move(c)
	}
	return first
}

// limitText rewrites the text glamour wraps: long words broken, hyphens
// made non-breaking. Blocks render draws itself wrap with x/ansi alone and
// are left as they are.
// A word can run across text nodes (goldmark splits text at brackets and
// escapes), so the length of the current word carries from one to the next
// within a block.
func limitText(d *document, root ast.Node) {
	run := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case kindByline, kindFigure, kindAttribution, kindReferences, ast.KindHeading, east.KindTable:
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock {
			run = 0
		}
		if t, ok := n.(*ast.Text); ok {
			v := string(t.Segment.Value(d.src))
			var w string
			w, run = breakLongWords(v, run)
			if w = keepHyphens(w); w != v {
				t.Segment = d.newText(w).Segment
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				run = 0
			}
		}
		return ast.WalkContinue, nil
	})
}

// keepHyphens replaces hyphens between two letters or digits with U+2011
// NON-BREAKING HYPHEN. glamour wraps each paragraph twice, with reflow and
// then with x/ansi, and reflow lets a line ending in a hyphenated word run
// one cell past the limit; the second wrap then leaves that line's last
// word alone on a line of its own.
func keepHyphens(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if s[i] == '-' && i > 0 && i+1 < len(s) && wordByte(s[i-1]) && wordByte(s[i+1]) {
			b.WriteString(nbHyphen)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// wordByte reports whether c is an ASCII letter or digit, or part of a
// multi-byte rune (most of which are letters).
func wordByte(c byte) bool {
	return isAlpha(c) || isDigit(c) || c >= 0x80
}

// breakLongWords puts a space into every run of more than maxWord runes
// without white space. glamour measures a word again for each rune it adds,
// so a 10,000-byte word takes seconds; the wrap stage breaks long words
// anyway, so only the place of one break changes. run is the length of
// the word s continues; breakLongWords returns the length of the word s
// ends with.
func breakLongWords(s string, run int) (string, int) {
	if run+len(s) <= maxWord {
		if i := strings.LastIndexAny(s, " \t\n"); i >= 0 {
			return s, len(s) - i - 1
		}
		return s, run + len(s)
	}
	var b strings.Builder
	last, broke := 0, false // s[last:] is not yet copied to b
	for i, r := range s {
		switch r {
		case ' ', '\t', '\n':
			run = 0
			continue
		}
		run++
		if run > maxWord && (i == 0 || s[i-1] != '\\') {
			if b.Len() == 0 {
				b.Grow(len(s) + len(s)/maxWord + 1)
			}
			b.WriteString(s[last:i])
			b.WriteByte(' ')
			last, run, broke = i, 1, true
		}
	}
	if !broke {
		return s, run
	}
	b.WriteString(s[last:])
	return b.String(), run
}
