package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// CommonMark opens and closes emphasis by the characters around each run
// of asterisks; the rules here keep punctuation from standing where it
// would leave them showing.

// keepFlanking moves punctuation at the edge of emphasis e out of it when
// something other than a space touches it from outside: CommonMark shows
// "**Note:**text" and "a**(b)**" with their asterisks, "**Note**:text" and
// "a(**b**)" as bold, and a delimiter between two punctuation marks may
// open or close, which leaves asterisks showing when emphasis nests.
// Emphasis holding nothing but punctuation is dropped.
func keepFlanking(e, root *html.Node) {
	first, last := edgeText(e, true), edgeText(e, false)
	if first != nil && last != nil && strings.TrimFunc(textOf(e), isPunct) == "" {
		unwrap(e)
		return
	}
	nested := hasEmphasisAbove(e, root) || hasEmphasisBelow(e)
	if first != nil && startsWith(first.Data, isPunct) && needsMove(outerRune(e, root, false), nested) {
		rest := strings.TrimLeftFunc(first.Data, isPunct)
		e.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: first.Data[:len(first.Data)-len(rest)]}, e)
		first.Data = rest
	}
	if last != nil && endsWith(last.Data, isPunct) && needsMove(outerRune(e, root, true), nested) {
		rest := strings.TrimRightFunc(last.Data, isPunct)
		e.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: last.Data[len(rest):]}, e.NextSibling)
		last.Data = rest
	}
}

// needsMove reports whether punctuation at the edge of emphasis must move
// out, given the character outside: always before a letter; before more
// punctuation only when other emphasis nests with it, where a delimiter
// between two punctuation marks may pair with the wrong one.
func needsMove(outside rune, nested bool) bool {
	return !unicode.IsSpace(outside) && (nested || !isPunct(outside))
}

// hasEmphasisAbove reports whether e sits inside other emphasis below root.
func hasEmphasisAbove(e, root *html.Node) bool {
	for p := e.Parent; p != nil && p != root; p = p.Parent {
		if emphasisOf(p) != plain {
			return true
		}
	}
	return false
}

// hasEmphasisBelow reports whether e holds other emphasis.
func hasEmphasisBelow(e *html.Node) bool {
	for c := e.FirstChild; c != nil; c = c.NextSibling {
		if emphasisOf(c) != plain || hasEmphasisBelow(c) {
			return true
		}
	}
	return false
}

func startsWith(s string, f func(rune) bool) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && f(r)
}

func endsWith(s string, f func(rune) bool) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && f(r)
}

// edgeText returns the first (or last) text node under e holding text,
// nil when a link or code starts (ends) e, whose brackets and backticks
// already stand between the delimiter and the text, or a line break or
// an image, which html-to-markdown moves out of the emphasis.
func edgeText(e *html.Node, first bool) *html.Node {
	for c := edgeChild(e, first); c != nil; c = step(c, first) {
		switch {
		case c.Type == html.TextNode && c.Data != "":
			return c
		case c.Type == html.ElementNode && (c.DataAtom == atom.A || c.DataAtom == atom.Code || c.DataAtom == atom.Br || c.DataAtom == atom.Img):
			return nil
		case c.Type == html.ElementNode && c.FirstChild != nil:
			if t := edgeText(c, first); t != nil || textOf(c) != "" {
				return t
			}
		}
	}
	return nil
}

func edgeChild(n *html.Node, first bool) *html.Node {
	if first {
		return n.FirstChild
	}
	return n.LastChild
}

func step(n *html.Node, forward bool) *html.Node {
	if forward {
		return n.NextSibling
	}
	return n.PrevSibling
}

// outerRune returns the character next to n outside it, after it when
// after is set, before it otherwise; a space at a block, a line break or
// an image, punctuation at a link's or code's bracket.
func outerRune(n, root *html.Node, after bool) rune {
	for n != root && n != nil {
		for s := step(n, after); s != nil; s = step(s, after) {
			if r, ok := edgeRune(s, !after); ok {
				return r
			}
		}
		n = n.Parent
		if n == nil || n.Type == html.ElementNode && (blockTags[n.DataAtom] || n.DataAtom == atom.A || n.DataAtom == atom.Code) {
			if n != nil && (n.DataAtom == atom.A || n.DataAtom == atom.Code) {
				return ']'
			}
			return ' '
		}
	}
	return ' '
}

// edgeRune returns the last (or first, when last is false) character shown
// by n, and whether n shows any.
func edgeRune(n *html.Node, last bool) (rune, bool) {
	switch {
	case n.Type == html.TextNode:
		if n.Data == "" {
			return 0, false
		}
		if last {
			r, _ := utf8.DecodeLastRuneInString(n.Data)
			return r, true
		}
		r, _ := utf8.DecodeRuneInString(n.Data)
		return r, true
	case n.Type != html.ElementNode:
		return 0, false
	case n.DataAtom == atom.A || n.DataAtom == atom.Code:
		return ']', true
	case n.DataAtom == atom.Br || n.DataAtom == atom.Img || blockTags[n.DataAtom]:
		return ' ', true
	}
	for c := edgeChild(n, !last); c != nil; c = step(c, !last) {
		if r, ok := edgeRune(c, last); ok {
			return r, true
		}
	}
	return 0, false
}

// isPunct reports whether CommonMark counts r as punctuation.
func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}
