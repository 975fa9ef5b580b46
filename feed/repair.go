package feed

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/mmcdole/gofeed"
)

// Reading a feed whose document ends too soon.
//
// A feed cut off in transfer, or by a generator that failed half-way,
// ends before its root element closes, and gofeed reads nothing of it
// ("unexpected EOF"). When a parse fails, repairXML reads the document
// lexically, as the cap pre-pass does (cap_xml.go); when what is wrong is
// that it ends too soon, it rebuilds the end: markup the cut went through
// is dropped (a tag, a comment, a processing instruction, a directive), an
// open CDATA section is closed, a cut item or entry is kept only when it
// already has a title or a link, and every element still open is closed.
// parse then reads the result once more, through the same cap and limits.
// A document with any other fault, or none, is left as it is.

// cutXML reads a document up to its end, keeping what is still open there.
type cutXML struct {
	src      []byte
	atom     bool
	stack    []cutElem
	rootSeen bool
	end      int  // where what is kept ends: the start of cut markup, or len(src)
	inCDATA  bool // the document ends inside a CDATA section
}

// cutElem is an element still open.
type cutElem struct {
	at, nameEnd int  // its '<' and the end of its name
	content     int  // where its content starts
	item        bool // an item (RSS, RDF) or an entry (Atom)
	named       bool // an item with a complete, non-empty title or link
}

// markupEnd is how reading one piece of markup ended.
type markupEnd int

const (
	markupRead markupEnd = iota // the document goes on after it
	markupCut                   // the document ends inside it
	markupBad                   // a syntax error: the document is not merely cut
	rootClosed                  // the root element closed: the document is not cut
)

// repairXML returns body with its end rebuilt when it is an RSS or Atom
// document that ends before its root element closes; partial is true when
// a cut item was kept for its title or link. ok is false for a document
// that is complete, has another fault, or has no root element.
func repairXML(body []byte, atom bool) (fixed []byte, partial, ok bool) {
	if hasControl(body) { // gofeed drops these before reading the XML
		body = stripControl(body)
	}
	c := cutXML{src: body, atom: atom}
	if !c.scan() {
		return nil, false, false
	}
	fixed, partial = c.repaired()
	return fixed, partial, true
}

// scan reads the document and reports whether it ends with its root open.
func (c *cutXML) scan() bool {
	src := c.src
	for p := 0; ; {
		i := bytes.IndexByte(src[p:], '<')
		if i < 0 {
			c.end = len(src)
			break
		}
		next, state := c.markup(p + i)
		if state == markupCut {
			c.end = next
			break
		}
		if state != markupRead {
			return false
		}
		p = next
	}
	return c.rootSeen && len(c.stack) > 0
}

// markup reads the markup at src[at] ('<') and returns the position after
// it, or, when the document ends inside it, where what is kept ends.
func (c *cutXML) markup(at int) (int, markupEnd) {
	rest := c.src[at:]
	if len(rest) < 2 {
		return at, markupCut
	}
	end := -1
	switch rest[1] {
	case '/':
		return c.endTag(at)
	case '?':
		end = indexAfter(rest, 2, "?>")
	case '!':
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = indexAfter(rest, 4, "-->")
		case bytes.HasPrefix(rest, []byte(cdataStart)):
			if end = indexAfter(rest, len(cdataStart), cdataEnd); end < 0 && len(c.stack) > 0 {
				c.inCDATA = true // its text is kept
				return len(c.src), markupCut
			}
		default:
			end = directiveEnd(rest)
		}
	default:
		return c.startTag(at)
	}
	if end < 0 {
		return at, markupCut
	}
	return at + end, markupRead
}

// startTag reads a start tag.
func (c *cutXML) startTag(at int) (int, markupEnd) {
	src := c.src
	ne := nameEnd(src, at+1)
	if ne >= len(src) {
		return at, markupCut
	}
	if !qualifiedName(src[at+1 : ne]) {
		return at, markupBad
	}
	p, selfClosing, href, state := c.attributes(ne)
	if state != markupRead {
		return at, state
	}
	_, local, _ := splitName(src[at+1 : ne])
	depth := len(c.stack)
	c.rootSeen = true
	if selfClosing {
		if depth == 0 {
			return p, rootClosed
		}
		if parent := &c.stack[depth-1]; parent.item && href && nameIs(local, "link") {
			parent.named = true // an Atom link
		}
		return p, markupRead
	}
	if depth >= maxNodes { // checkSize would refuse the repaired document
		return at, markupBad
	}
	item := c.itemLevel(depth) && nameIs(local, c.itemName())
	c.stack = append(c.stack, cutElem{at: at, nameEnd: ne, content: p, item: item})
	return p, markupRead
}

// attributes reads a start tag's attributes from p as encoding/xml does
// (xmlScanner.attributes) and returns the position after the tag; href is
// true when it has a non-empty href attribute.
func (c *cutXML) attributes(p int) (next int, selfClosing, href bool, state markupEnd) {
	src := c.src
	for {
		p = skipSpace(src, p)
		switch {
		case p >= len(src):
			return 0, false, false, markupCut
		case src[p] == '>':
			return p + 1, false, href, markupRead
		case src[p] == '/':
			if p+1 >= len(src) {
				return 0, false, false, markupCut
			}
			if src[p+1] != '>' {
				return 0, false, false, markupBad
			}
			return p + 2, true, href, markupRead
		}
		ae := nameEnd(src, p)
		if ae == p {
			return 0, false, false, markupBad
		}
		isHref := string(src[p:ae]) == "href"
		if p = skipSpace(src, ae); p >= len(src) {
			return 0, false, false, markupCut
		}
		if src[p] != '=' {
			continue // non-strict: a name alone is its own value
		}
		if p = skipSpace(src, p+1); p >= len(src) {
			return 0, false, false, markupCut
		}
		v := p
		if q := src[p]; q == '"' || q == '\'' {
			end := bytes.IndexByte(src[p+1:], q)
			if end < 0 {
				if bytes.IndexByte(src[p+1:], '<') >= 0 {
					return 0, false, false, markupBad // an unclosed quote, not a cut one
				}
				return 0, false, false, markupCut
			}
			v, p = p+1, p+1+end+1
			href = href || (isHref && present(src[v:p-1]))
			continue
		}
		for p < len(src) && unquotedValueByte(src[p]) {
			p++
		}
		href = href || (isHref && p > v)
	}
}

// endTag reads an end tag: like encoding/xml, it closes the open elements
// down to the one with its local name, and the root when none has it.
func (c *cutXML) endTag(at int) (int, markupEnd) {
	src := c.src
	ne := nameEnd(src, at+2)
	q := skipSpace(src, ne)
	if q >= len(src) {
		return at, markupCut
	}
	name := src[at+2 : ne]
	if !qualifiedName(name) || src[q] != '>' {
		return at, markupBad
	}
	prefix, local, _ := splitName(name)
	for len(c.stack) > 0 {
		top := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		tp, tl, _ := splitName(src[top.at+1 : top.nameEnd])
		if !bytes.Equal(tl, local) {
			continue // left open: closed with its ancestor
		}
		if !bytes.Equal(tp, prefix) {
			return at, markupBad
		}
		if n := len(c.stack); n > 0 && c.stack[n-1].item &&
			(nameIs(tl, "title") || nameIs(tl, "link")) && present(src[top.content:at]) {
			c.stack[n-1].named = true
		}
		break
	}
	if len(c.stack) == 0 {
		return q + 1, rootClosed
	}
	return q + 1, markupRead
}

// itemLevel reports whether an element at depth is where gofeed reads
// items: under the root, or under an RSS channel.
func (c *cutXML) itemLevel(depth int) bool {
	if depth == 1 {
		return true
	}
	if c.atom || depth != 2 {
		return false
	}
	_, local, _ := splitName(c.src[c.stack[1].at+1 : c.stack[1].nameEnd])
	return nameIs(local, "channel")
}

func (c *cutXML) itemName() string {
	if c.atom {
		return "entry"
	}
	return "item"
}

// repaired returns the document up to the cut, without a cut item that
// has no title or link, with every element still open closed.
func (c *cutXML) repaired() (out []byte, partial bool) {
	src, end, stack, inCDATA := c.src, c.end, c.stack, c.inCDATA
	if end == len(src) && !inCDATA {
		end = dropCutReference(src, end)
	}
	for k, e := range stack {
		if !e.item {
			continue
		}
		if e.named {
			partial = true
		} else {
			end = len(bytes.TrimRight(src[:e.at], " \t\r\n"))
			stack, inCDATA = stack[:k], false
		}
		break
	}
	size := end + len(cdataEnd)
	for _, e := range stack {
		size += e.nameEnd - e.at + 2
	}
	out = append(make([]byte, 0, size), src[:end]...)
	if inCDATA {
		out = append(out, cdataEnd...)
	}
	for i := len(stack) - 1; i >= 0; i-- {
		out = append(append(append(out, "</"...), src[stack[i].at+1:stack[i].nameEnd]...), '>')
	}
	return out, partial
}

// dropCutReference returns where text ending at end stops once an entity
// or character reference cut short at its end ("&am") is left out.
func dropCutReference(src []byte, end int) int {
	amp := bytes.LastIndexByte(src[:end], '&')
	if amp < 0 || end-amp > 32 {
		return end
	}
	for _, b := range src[amp+1 : end] {
		if !isNameByte(b) && b != '#' {
			return end
		}
	}
	return amp
}

// cutNote tells, in one line, what was read of a document cut short:
// items in all, the last of them in part when partial.
func cutNote(format string, items int, partial bool) string {
	n := items
	if partial {
		n--
	}
	switch {
	case n <= 0 && partial:
		return fmt.Sprintf("the feed's %s is cut short; herald read the start of its first item", format)
	case n <= 0:
		return fmt.Sprintf("the feed's %s is cut short, before its first item", format)
	}
	read := fmt.Sprintf("the %d items", n)
	if n == 1 {
		read = "the 1 item"
	}
	if partial {
		read += " before the cut and the start of the next"
	} else {
		read += " before the cut"
	}
	return fmt.Sprintf("the feed's %s is cut short; herald read %s", format, read)
}

// cutShort is a document read once its cut end was repaired.
type cutShort struct {
	format  string // "XML" or "JSON"
	partial bool   // the cut item was kept
}

func (c *cutShort) note(items int) string { return cutNote(c.format, items, c.partial) }

// readRepaired reads a document that failed to read with err once more,
// when it is cut short and its end can be rebuilt. Otherwise, or when the
// rebuilt document fails too, it returns err: what is wrong with the
// document as it came. A document cut before its first item fails with a
// line that says so. Limits hold for the rebuilt document as for any.
func readRepaired(body []byte, typ gofeed.FeedType, limit int, err error) (*gofeed.Feed, int, *cutShort, error) {
	if errors.Is(err, ErrTooComplex) {
		return nil, 0, nil, err
	}
	var (
		fixed []byte
		ok    bool
		cut   = &cutShort{format: "XML"}
	)
	switch typ {
	case gofeed.FeedTypeJSON:
		cut.format = "JSON"
		fixed, ok = repairJSON(body)
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		fixed, cut.partial, ok = repairXML(body, typ == gofeed.FeedTypeAtom)
	}
	if !ok {
		return nil, 0, nil, err
	}
	gf, dropped, rerr := read(fixed, typ, limit)
	if rerr != nil {
		if errors.Is(rerr, ErrTooComplex) {
			return nil, 0, nil, rerr
		}
		return nil, 0, nil, err
	}
	if len(gf.Items) == 0 && dropped == 0 {
		// Nothing was read: the feed failed, and says why in one line.
		return nil, 0, nil, errors.New(cut.note(0))
	}
	return gf, dropped, cut, nil
}
