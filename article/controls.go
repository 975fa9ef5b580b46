package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Controls that hold content, and chrome that holds none: a button whose
// label is a table's column name or an accordion's question is text; the
// line numbers beside code and a player's clock are not.

// structure rewrites footnotes (footnote.go), buttons whose label is
// content, code's line numbers and players' clocks, before the tree is
// read.
func structure(n *html.Node) {
	footnotes(n)
	contentButtons(n)
	dropGutters(n)
	dropPlayerClocks(n)
}

// buttonChrome is the label of a button that only works the page.
var buttonChrome *lazyRegexp

// contentButtons turns into plain text the buttons under n whose label is
// content: in a table cell any label but a control's ("Sort", "▲"), and
// elsewhere a label that is the only text of its block and heads what
// follows it (an accordion's "How do I apply?").
func contentButtons(n *html.Node) {
	var buttons []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Button {
				buttons = append(buttons, c)
				continue
			}
			if c.DataAtom != atom.Form {
				walk(c)
			}
		}
	}
	walk(n)
	for _, b := range buttons {
		// A button's own text is never read (skipTags): read it as a span.
		b.DataAtom, b.Data = atom.Span, "span"
		text := textOf(b)
		if text != "" && len(text) <= 200 && !buttonChrome.MatchString(text) && !toggleLabel.MatchString(text) &&
			!widgetLabel.MatchString(text) && (inCell(b) || headsContent(b, text)) {
			b.Attr = nil
			dropArrows(b)
			continue
		}
		b.DataAtom, b.Data = atom.Button, "button"
	}
}

// sortArrow is the whole text of a sort indicator.
var sortArrow *lazyRegexp

// dropArrows removes the sort indicators inside a button's label.
func dropArrows(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && sortArrow.MatchString(textOf(c)) {
			n.RemoveChild(c)
		}
		c = next
	}
}

// inCell reports whether n is inside a table cell.
func inCell(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Td, atom.Th:
			return true
		case atom.Table:
			return false
		}
	}
	return false
}

// headsContent reports whether button b, labelled text, is the only text
// of its block and text follows that block: a heading that opens a panel.
// A one-word label is a question ("Why?") only with its question mark.
func headsContent(b *html.Node, text string) bool {
	if wordCount(text) < 2 && !strings.HasSuffix(text, "?") {
		return false
	}
	// The button's run of inline content holds no other text.
	block := b
	for ; block.Parent != nil && !blockTags[block.DataAtom] && block.DataAtom != atom.Summary; block = block.Parent {
		for s := block.PrevSibling; s != nil && !isBlockNode(s); s = s.PrevSibling {
			if hasText(s) {
				return false
			}
		}
		for s := block.NextSibling; s != nil && !isBlockNode(s); s = s.NextSibling {
			if hasText(s) {
				return false
			}
		}
	}
	if block == b {
		return false
	}
	// Text follows the run: the panel it opens.
	for n := b; n != nil && n.DataAtom != atom.Body; n = n.Parent {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode && !hidden(s) && textOf(s) != "" {
				return true
			}
		}
	}
	// Accordion panels are often hidden until opened: a panel named by
	// aria-controls also counts.
	return attr(b, "aria-controls") != "" || attr(b, "aria-expanded") != ""
}

func isBlockNode(n *html.Node) bool { return n.Type == html.ElementNode && blockTags[n.DataAtom] }

func hasText(n *html.Node) bool {
	return n.Type == html.ElementNode && textOf(n) != "" || n.Type == html.TextNode && strings.TrimSpace(n.Data) != ""
}

var (
	// gutterClass marks the line numbers drawn beside code: Chroma's
	// "lnt"/"ln", Pygments' "linenos", Rouge's "rouge-gutter", highlight.js
	// plugins' "hljs-ln-numbers", GitHub's "blob-num", Prism's
	// "line-numbers-rows".
	gutterClasses = map[string]bool{"lnt": true, "ln": true, "linenos": true, "linenodiv": true, "gutter": true, "rouge-gutter": true,
		"hljs-ln-numbers": true, "blob-num": true, "line-number": true, "line-numbers": true, "line-numbers-rows": true, "lineno": true, "code-gutter": true}
	// lineNumbers is the text of a gutter: numbers only.
	lineNumbers *lazyRegexp
)

// dropGutters removes the line-number columns of code under n, elements
// with a gutter's class holding only numbers, and a Chroma table's first
// cell when it holds only numbers.
func dropGutters(n *html.Node) {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if gutter(c) {
				drop = append(drop, c)
				continue
			}
			walk(c)
		}
	}
	walk(n)
	for _, g := range drop {
		g.Parent.RemoveChild(g)
	}
}

// gutter reports whether n is a column or run of line numbers.
func gutter(n *html.Node) bool {
	class := attr(n, "class")
	if class == "" {
		return false
	}
	marked := false
	for _, f := range strings.Fields(class) {
		if gutterClasses[strings.ToLower(f)] {
			marked = true
			break
		}
	}
	if !marked && n.DataAtom == atom.Td && hasClassToken(n, "lntd") {
		// Chroma: the first of the two cells of table.lntable.
		marked = prevElement(n) == nil && nextElement(n) != nil
	}
	if !marked || !codeSide(n) {
		return false
	}
	t := textWith(n, true)
	if n.DataAtom == atom.Td && t == "" {
		return attr(n, "data-line-number") != "" // GitHub: the number is an attribute
	}
	return lineNumbers.MatchString(t)
}

// codeSide reports whether n stands in code or beside it: inside a
// <pre> or <code>, holding a <pre>, or a cell next to one of code.
func codeSide(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Pre || p.DataAtom == atom.Code {
			return true
		}
	}
	if hasTag(n, atom.Pre) {
		return true
	}
	next := nextElement(n)
	return n.DataAtom == atom.Td && next != nil && (hasTag(next, atom.Pre) || strings.Contains(strings.ToLower(attr(next, "class")), "code"))
}

func prevElement(n *html.Node) *html.Node {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

var (
	// playerWords mark a media player's box by its class (matched in
	// lower case, anywhere in the class: plain substring tests, as the
	// walk visits every element of every page).
	playerWords = []string{"audio", "player", "mejs", "plyr", "podcast", "jp-", "vjs-", "media-control"}
	// clockWords mark a player's clock or speed.
	clockWords = []string{"time", "duration", "elapsed", "remaining", "position", "rate", "speed", "progress", "seek"}
	// clockText is a player's clock, or its speed: "0:00", "/ 1:12:04", "1x".
	clockText *lazyRegexp
)

// dropPlayerClocks removes from the players under n the times and speeds
// their controls show ("0:00", "/1:12:04", "1x").
func dropPlayerClocks(n *html.Node) {
	var drop []*html.Node
	var walk func(n *html.Node, inPlayer bool)
	walk = func(n *html.Node, inPlayer bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Table {
				continue
			}
			class := attr(c, "class")
			lower := strings.ToLower(class)
			if inPlayer && class != "" && containsAny(lower, clockWords...) {
				if t := textOf(c); t != "" && clockText.MatchString(t) {
					drop = append(drop, c)
					continue
				}
			}
			walk(c, inPlayer || class != "" && containsAny(lower, playerWords...))
		}
	}
	walk(n, false)
	for _, c := range drop {
		c.Parent.RemoveChild(c)
	}
}

func init() {
	register(func() {
		buttonChrome = compileLater(`(?i)^(?:menu|close|open|cancel|ok|submit|send|search|share|subscribe|sign ?(?:in|up)|log ?(?:in|out)|next|prev(?:ious)?|back|more|less|play|pause|stop|mute|unmute|skip|copy(?: link| code)?|print|like|reply|follow|accept(?: all)?|reject(?: all)?|dismiss|got it|read more|load more|continue|go|[^\pL\pN]*|[\d.,]+\s*[x×]?)$`)
		sortArrow = compileLater(`^[▲▼△▽↑↓⇅↕⬍▴▾]+$`)
		lineNumbers = compileLater(`^[\d\s]*\d[\d\s]*$`)
		clockText = compileLater(`^[\s/|]*(?:(?:\d{1,2}:)?\d{1,2}:\d{2}|[\d.]+\s*[x×])?(?:[\s/|]+(?:(?:\d{1,2}:)?\d{1,2}:\d{2}))?[\s/|]*$`)
	})
}
