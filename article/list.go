package article

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// list handles <ul> and <ol>. A gallery's entries become figures and
// paragraphs; any other list stays a list, the pictures of an entry (a
// how-to's screenshots) shown as figures after its text, the list going
// on after them with its numbering.
func (b *builder) list(l *html.Node) {
	if isGallery(l) {
		for c := l.FirstChild; c != nil; c = c.NextSibling {
			if !skipped(c) && c.Type == html.ElementNode {
				b.container(c)
			}
		}
		return
	}
	ordered := l.DataAtom == atom.Ol
	next := 1 // the number of the next entry
	if n, err := strconv.Atoi(strings.TrimSpace(attr(l, "start"))); ordered && err == nil && n >= 1 {
		next = n
	}
	controls := toolList(l)
	var it item
	var plains []string
	freeWords := 0 // outside links
	begin := func() {
		it = item{Block: Block{Kind: List, Ordered: ordered}, links: true, linked: true, controls: controls}
		if ordered && next != 1 {
			it.Start = next
		}
		plains, freeWords = nil, 0
	}
	flush := func() {
		if len(it.Items) > 0 {
			it.plain = strings.Join(plains, "\n")
			if freeWords > maxFreeWords*len(it.Items) {
				// Sentences with a link in them ("Fixed the print dialog (Bug
				// 123)"), not links to other pages with a date or a source.
				it.linked = false
			}
			b.add(it)
		}
		begin()
	}
	begin()
	for c := l.FirstChild; c != nil; c = c.NextSibling {
		if skipped(c) || c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.Li {
			// Stray content inside a list.
			if isBlock(c) {
				flush()
				b.block(c)
			}
			continue
		}
		dropReadMore(c)
		// A list inside the entry with pictures of its own follows it as a
		// list of its own, each picture by its entry.
		sub := pictureLists(c)
		lead, imgs := entryImages(c)
		plain := textOf(c)
		if plain == "" {
			if len(lead) > 0 {
				flush()
				next++ // a picture as an entry of its own still takes its number
				b.images(lead)
			}
			b.subLists(sub, flush)
			continue
		}
		if len(lead) > 0 {
			// An icon or a picture the entry starts with stays before it.
			flush()
			b.images(lead)
		}
		// Read the links before markdown drops those to this page.
		links, linked, free := onlyLinks(c, plain), hasTag(c, atom.A), wordCount(plain)-linkWords(c)
		md := b.markdown(c)
		if md != "" {
			it.links = it.links && links
			it.linked = it.linked && linked
			freeWords += free
			it.Items = append(it.Items, md)
			plains = append(plains, plain)
			next++
		}
		if len(imgs) > 0 {
			flush()
			b.images(imgs)
		}
		b.subLists(sub, flush)
	}
	flush()
}

// subLists emits the lists subs, taken out of an entry, after flushing the
// list they were in.
func (b *builder) subLists(subs []*html.Node, flush func()) {
	if len(subs) == 0 {
		return
	}
	flush()
	for _, l := range subs {
		b.list(l)
	}
}

// pictureLists removes from list entry li the lists inside it (not
// inside one another) that hold a picture, and returns them.
func pictureLists(li *html.Node) []*html.Node {
	var subs []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipped(c) {
				continue
			}
			if (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) && hasImage(c) {
				subs = append(subs, c)
				continue
			}
			walk(c)
		}
	}
	walk(li)
	for _, l := range subs {
		l.Parent.RemoveChild(l)
	}
	return subs
}

// entryImages removes the pictures from list entry li, images and
// figures with their captions, returning those before its first words
// (all of them when it has none) and the others.
func entryImages(li *html.Node) (lead, rest []*html.Node) {
	text := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				text = text || strings.TrimSpace(c.Data) != ""
			case c.Type != html.ElementNode || skipped(c):
			case c.DataAtom == atom.Img || c.DataAtom == atom.Figure && hasImage(c):
				if text {
					rest = append(rest, c)
				} else {
					lead = append(lead, c)
				}
			default:
				walk(c)
			}
		}
	}
	walk(li)
	for _, img := range append(append([]*html.Node(nil), lead...), rest...) {
		img.Parent.RemoveChild(img)
	}
	return lead, rest
}

// images emits a figure for each of pictures, an image or a figure.
func (b *builder) images(pictures []*html.Node) {
	for _, p := range pictures {
		if p.DataAtom == atom.Figure {
			b.figure(p)
		} else {
			b.image(p)
		}
	}
}

// galleryWords is how many words a gallery's entry may hold beside its
// picture when nothing marks them as its caption: a title, a label.
const galleryWords = 12

// isGallery reports whether list l is a gallery: at least half of its
// entries are pictures with little text, a caption at most, or an entry
// is a card with a picture and a heading. An entry whose text leads and
// its picture follows, or any entry with text of an ordered list, is a
// step that carries a picture, not a picture: a how-to stays a list.
func isGallery(l *html.Node) bool {
	if !hasImage(l) {
		return false
	}
	entries, pictures := 0, 0
	for c := l.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li || skipped(c) {
			continue
		}
		plain := textOf(c)
		if plain == "" && !hasImage(c) {
			continue
		}
		entries++
		if hasImage(c) && hasHeading(c) {
			return true // cards, each a picture with a title and text
		}
		if pictureEntry(c, plain, l.DataAtom == atom.Ol) {
			pictures++
		}
	}
	return pictures > 0 && 2*pictures >= entries
}

// pictureEntry reports whether list entry li, of text plain, is a picture
// rather than text: no text, or text that only captions the picture (in a
// caption element, a link around it, or a few words after it in an
// unordered list).
func pictureEntry(li *html.Node, plain string, ordered bool) bool {
	if !hasImage(li) {
		return false
	}
	if plain == "" || onlyCaptions(li) || onlyLinks(li, plain) {
		return true
	}
	return !ordered && wordCount(plain) <= galleryWords && !textBeforeImage(li)
}

// hasHeading reports whether n holds a heading.
func hasHeading(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && headingAtom(c) || hasHeading(c) {
			return true
		}
	}
	return false
}

// onlyCaptions reports whether all the text of n sits in a figcaption or
// an element whose class says caption.
func onlyCaptions(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case c.Type != html.ElementNode || skipped(c):
		case c.DataAtom == atom.Figcaption || captionClass.MatchString(strings.ToLower(attr(c, "class"))):
		case !onlyCaptions(c):
			return false
		}
	}
	return true
}

// textBeforeImage reports whether words come before the first image in n.
func textBeforeImage(n *html.Node) bool {
	found, text := false, false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found && !text; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				text = strings.TrimSpace(c.Data) != ""
			case c.Type != html.ElementNode || skipped(c):
			case c.DataAtom == atom.Img:
				found = true
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return text
}

// maxFreeWords is how many words outside its links a linked list's entry
// may have on average: a date, a source, the rest of a headline.
const maxFreeWords = 8

// linkWords counts the words of the links inside n.
func linkWords(n *html.Node) int {
	w := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			w += wordCount(textOf(c))
			continue
		}
		w += linkWords(c)
	}
	return w
}
