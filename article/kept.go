package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Article text that looks like chrome: short lines made of a link, the
// text between the pictures of a gallery, lists after tables. The rules
// here keep it where a rule for chrome would drop it.

// topicalReadMore is a "Read more about …" link naming its subject: a
// cross-reference, not a teaser's way to the rest of the story.
var topicalReadMore *lazyRegexp

// dropReadMore removes the "Continue reading…" link ending p (only
// punctuation may follow it) after a full sentence, an ellipsis or a line
// break, and reports whether it removed one. A "Read more about the
// harbour's history" link stays: it names what it leads to; so does a link
// inside a sentence ("When you have finished, [continue reading with
// chapter 3](…).").
func dropReadMore(p *html.Node) bool {
	var links []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				if t := textOf(c); readMoreLink.MatchString(t) && !topicalReadMore.MatchString(t) {
					links = append(links, c)
				}
				continue
			}
			walk(c)
		}
	}
	walk(p)
	cut := false
	for i := len(links) - 1; i >= 0; i-- {
		if strings.TrimFunc(textAfter(p, links[i]), isPunctOrSpace) != "" || !lineBreakBefore(p, links[i]) {
			break
		}
		links[i].Parent.RemoveChild(links[i])
		cut = true
	}
	return cut
}

// lineBreakBefore reports whether link n stands apart from what precedes
// it in root: nothing, a <br>, or text ending a sentence or in an ellipsis
// ("…", "[…]"), a colon or a bar, before closing quotes and brackets. A
// button-like link ("Read more", "[read more]") after a headline stands
// apart too, unless a comma, a dash or an opening bracket ties it to the
// words before: "…, continue reading with chapter 3." is the sentence's.
func lineBreakBefore(root, n *html.Node) bool {
	var before string
	for x := n; x != root && x != nil && before == ""; x = x.Parent {
		for s := x.PrevSibling; s != nil; s = s.PrevSibling {
			if t := textOf(s); strings.TrimSpace(t) != "" {
				before = t
				break
			} else if s.Type == html.ElementNode && s.DataAtom == atom.Br {
				return true
			}
		}
	}
	last := strings.TrimRight(before, " \u00a0\t\n\"'”’)]»")
	if last == "" {
		return true // nothing, or only closing marks
	}
	r, _ := utf8.DecodeLastRuneInString(last)
	if strings.ContainsRune(".!?…:|。！？", r) {
		return true
	}
	link, _ := utf8.DecodeRuneInString(strings.TrimSpace(textOf(n)))
	return (unicode.IsUpper(link) || strings.ContainsRune("[(«<", link)) && !strings.ContainsRune(",;(–—-/&", r)
}

// textAfter returns the text of root that follows n.
func textAfter(root, n *html.Node) string {
	var b strings.Builder
	for ; n != root && n != nil; n = n.Parent {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			b.WriteString(" " + textOf(s))
		}
	}
	return b.String()
}

func isPunctOrSpace(r rune) bool {
	return isPunct(r) || r == ' '
}

// galleryFigure reports whether figure f holds more than one picture with
// words of their own: figures nested in it (a gallery, each with its
// caption), or a paragraph between two images. Read as one figure, all
// but the first caption would be lost.
func galleryFigure(f *html.Node) bool {
	seenImage, textAfterImage := false, false
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipped(c) {
				continue
			}
			switch {
			case c.DataAtom == atom.Figure && hasImage(c):
				return true
			case c.DataAtom == atom.Img:
				if textAfterImage {
					return true
				}
				seenImage = true
			case seenImage && blockTags[c.DataAtom] && c.DataAtom != atom.Figcaption && !hasImage(c) &&
				!creditClass.MatchString(attr(c, "class")) && textOf(c) != "":
				textAfterImage = true
			default:
				if walk(c) {
					return true
				}
			}
		}
		return false
	}
	return walk(f)
}

// contentBlock reports whether a table, quote, code block or list is part
// of the article, so that what follows it is not the page's tail: all but
// lists of links.
func contentBlock(it *item) bool {
	if it.Kind != List {
		return true
	}
	return !it.links && !it.linked && wordCount(it.plain) >= 8
}

// linkSentence reports whether the links-only paragraph at i is a sentence
// of the article ("Read the full report from the agency.") rather than a
// teaser's headline: it ends with a full stop, and a paragraph of text
// follows it.
func (c *cleaner) linkSentence(i int) bool {
	if !strings.HasSuffix(strings.TrimRight(c.items[i].plain, " )”’\"'"), ".") {
		return false
	}
	for j := c.next(i); j >= 0; j = c.next(j) {
		it := &c.items[j]
		switch {
		case it.Kind == FigureBlock:
			continue
		case it.Kind == Paragraph && !it.links:
			return wordCount(it.plain) >= 4 && endsSentence(it.plain)
		}
		return false
	}
	return false
}

// afterTable reports whether the item at i comes right after a table: a
// list there (sources, notes with their links) goes with the table.
func (c *cleaner) afterTable(i int) bool {
	p := c.prev(i)
	return p >= 0 && c.items[p].Kind == Table
}

func init() {
	register(func() {
		topicalReadMore = compileLater(`(?i)^[\[(«<]?\s*read more (?:about|on (?:the|how|why|what|our)|of our|in our)\b`)
	})
}
