package feed

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/mmcdole/gofeed"
)

// Bounding what gofeed builds from one document, beyond its items.
//
// capItems bounds a document's items; checkSize bounds what else gofeed's
// cost grows with, in the document as gofeed will read it (after the cut):
//
//   - XML elements and attributes: each becomes structs, maps and strings
//     (about 400 bytes an element, as much again for its first attribute),
//     so a million empty extension elements in one item cost a gigabyte;
//   - namespace declarations: goxpp copies every binding in scope at every
//     start tag, so the cost is declarations in scope times elements;
//   - text in many pieces in one element: gofeed's extension parser joins
//     an element's text one piece at a time, copying what it has so far;
//   - JSON values: each array element and object becomes a struct or slot.
//
// Real feeds stay far below every limit; a document over one is refused
// with a one-line error wrapping ErrTooComplex. Ordinary feeds pay a few
// bytes.Count passes: the exact census runs only when those counts allow
// a document over a limit.

// Limits on one document as gofeed reads it. A 3000-item feed of 20
// elements and 10 attributes an item has 90,000 of them. Real feeds
// declare 5 to 30 namespaces on the root; some declare more on every item
// or even every extension element (a 730-item podcast in ../shared
// declares 4,400: 18,000 at 3000 items), each in scope of a few elements.
const (
	// maxNodes is the most XML elements (start tags) and attributes read,
	// together: gofeed's parse of that many peaks at about 80 MB.
	maxNodes = 200_000
	// maxNamespaces is the most namespace declarations (xmlns attributes).
	maxNamespaces = 50_000
	// maxNamespaceScope bounds the sum, over start tags, of the namespace
	// declarations in scope there: what goxpp copies. 30 root declarations
	// over 60,000 elements is 1.8 million; 4 million costs goxpp about 2 s.
	maxNamespaceScope = 4_000_000
	// maxTextCopy bounds the bytes gofeed copies joining pieces of element
	// text (about 2 s of copying): the sum, over pieces, of the element's
	// text so far. An element of 100 KB in 1,000 pieces costs 50 MB.
	maxTextCopy = 4 << 30
	// maxJSONValues is the most JSON values read (array elements, member
	// values): about 65 MB at most. A rich 3000-item JSON Feed has 75,000.
	maxJSONValues = 250_000
	// maxJSONDepth is encoding/json's nesting limit: gofeed reads nothing
	// of a deeper document.
	maxJSONDepth = 10_000
)

// ErrTooComplex is wrapped by the error Parse returns for a document
// refused for what it holds rather than for its syntax: more XML elements,
// attributes or namespace declarations, text pieces or JSON values than a
// feed needs (census.go).
var ErrTooComplex = errors.New("feed too complex to read")

// limitError is a document over one of the limits.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }
func (e *limitError) Unwrap() error { return ErrTooComplex }

func overLimit(format string, args ...any) error {
	return &limitError{msg: fmt.Sprintf(format, args...)}
}

// checkSize returns an error wrapping ErrTooComplex when body, of type
// typ, is over one of the limits.
func checkSize(body []byte, typ gofeed.FeedType) error {
	switch typ {
	case gofeed.FeedTypeJSON:
		return checkJSON(body)
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return checkXML(body)
	}
	return nil
}

// checkXML checks an RSS or Atom document. Its byte counts bound what
// encoding/xml reads in every encoding gofeed decodes (all spell '<' and
// ASCII letters as themselves, or, in UTF-16 without the zero bytes gofeed
// strips, not at all): elements by '<' bytes, declarations by 'x' bytes
// (each starts "xmlns"), attributes by half the length (each takes a space
// and a letter), text pieces by twice the '<' bytes (a run of text, or a
// CDATA section, per markup).
func checkXML(body []byte) error {
	tags := int64(bytes.Count(body, []byte("<")))
	exes := int64(bytes.Count(body, []byte("x")))
	size := int64(len(body))
	if tags+size/2 <= maxNodes && exes <= maxNamespaces &&
		tags*exes <= maxNamespaceScope && (2*tags+1)*size <= maxTextCopy {
		return nil
	}
	src := body
	if hasControl(src) { // gofeed drops these before reading the XML
		src = stripControl(src)
	}
	src, err := declaredToUTF8(src)
	if err != nil {
		return nil // gofeed cannot decode it either, and reads nothing
	}
	c := xmlCensus{src: src}
	return c.scan()
}

// xmlCensus counts what encoding/xml's non-strict decoder, as gofeed sets
// it up, reads from a document, up to where it would stop with an error
// (gofeed then fails, having built no more): what it counts is never less.
type xmlCensus struct {
	src                              []byte
	elements, attributes, namespaces int
	scope                            int64 // namespace declarations in scope, summed over start tags
	textCopy                         int64 // element text so far, summed over pieces
	stack                            []censusFrame
}

// censusFrame is an open element: its name's span in src, the namespace
// declarations in scope on it (its own and its ancestors'), and the bytes
// of its own text so far.
type censusFrame struct {
	start, end int
	decls      int64
	text       int64
}

// scan reads the document and returns the first limit it is over.
func (c *xmlCensus) scan() error {
	src := c.src
	for p := 0; p < len(src); {
		i := bytes.IndexByte(src[p:], '<')
		if i < 0 {
			return c.text(len(src) - p)
		}
		if err := c.text(i); err != nil {
			return err
		}
		next, err := c.markup(p + i)
		if next < 0 || err != nil {
			return err // encoding/xml stops here, or a limit is reached
		}
		p = next
	}
	return nil
}

// markup reads the markup at src[at] ('<') and returns the position after
// it, or -1 where encoding/xml would stop with a syntax error.
func (c *xmlCensus) markup(at int) (int, error) {
	rest := c.src[at:]
	if len(rest) < 2 {
		return -1, nil
	}
	end := -1
	switch rest[1] {
	case '/':
		return c.endTag(at), nil
	case '?':
		if end = indexAfter(rest, 2, "?>"); end >= 0 && !utf8Decl(c.src, at) {
			// encoding/xml decodes the rest otherwise: bytes no longer tell.
			return -1, overLimit("feed switches to another encoding at byte %d; a document this large is not read", at)
		}
	case '!':
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = indexAfter(rest, 4, "-->")
		case bytes.HasPrefix(rest, []byte(cdataStart)):
			if end = indexAfter(rest, len(cdataStart), cdataEnd); end >= 0 {
				return at + end, c.text(end - len(cdataStart) - len(cdataEnd))
			}
		default:
			end = directiveEnd(rest)
		}
	default:
		return c.startTag(at)
	}
	if end < 0 {
		return -1, nil
	}
	return at + end, nil
}

// text counts a piece of text (a run between markup, or a CDATA section's
// content) of n bytes in the innermost open element.
func (c *xmlCensus) text(n int) error {
	if len(c.stack) == 0 || n == 0 {
		return nil // outside the root, or nothing joined
	}
	top := &c.stack[len(c.stack)-1]
	top.text += int64(n)
	if c.textCopy += top.text; c.textCopy > maxTextCopy {
		return overLimit("feed splits its text into too many pieces: joining them would copy more than %d MB", maxTextCopy>>20)
	}
	return nil
}

// startTag reads a start tag, checking the limits.
func (c *xmlCensus) startTag(at int) (int, error) {
	src := c.src
	ne := nameEnd(src, at+1)
	if !qualifiedName(src[at+1 : ne]) {
		return -1, nil
	}
	frame := censusFrame{start: at + 1, end: ne}
	if len(c.stack) > 0 {
		frame.decls = c.stack[len(c.stack)-1].decls
	}
	p, selfClosing, ok := c.readAttributes(ne, &frame)
	if !ok {
		return -1, nil
	}
	c.elements++
	c.scope += frame.decls
	switch {
	case c.elements+c.attributes > maxNodes:
		return -1, overLimit("feed has more than %d XML elements and attributes; at most %d are read", maxNodes, maxNodes)
	case c.namespaces > maxNamespaces:
		return -1, overLimit("feed declares more than %d XML namespaces; at most %d are read", maxNamespaces, maxNamespaces)
	case c.scope > maxNamespaceScope:
		return -1, overLimit("feed declares XML namespaces over too many elements: more than %d namespace-element pairs; at most %d are read",
			maxNamespaceScope, maxNamespaceScope)
	}
	if !selfClosing {
		c.stack = append(c.stack, frame)
	}
	return p, nil
}

// readAttributes reads a start tag's attributes from p as encoding/xml does
// (xmlScanner.attributes), counting them and the namespace declarations
// among them into frame; ok is false where encoding/xml stops.
func (c *xmlCensus) readAttributes(p int, frame *censusFrame) (next int, selfClosing, ok bool) {
	src := c.src
	for {
		p = skipSpace(src, p)
		switch {
		case p >= len(src):
			return 0, false, false
		case src[p] == '>':
			return p + 1, false, true
		case src[p] == '/':
			if p+1 >= len(src) || src[p+1] != '>' {
				return 0, false, false
			}
			return p + 2, true, true
		}
		ae := nameEnd(src, p)
		if ae == p {
			return 0, false, false
		}
		c.attributes++
		if bytes.HasPrefix(src[p:ae], []byte("xmlns")) { // xmlns and xmlns:p, and more
			c.namespaces++
			frame.decls++
		}
		if p = skipSpace(src, ae); p >= len(src) || src[p] != '=' {
			continue // non-strict: a name alone is its own value
		}
		if p = skipSpace(src, p+1); p >= len(src) {
			return 0, false, false
		}
		if q := src[p]; q == '"' || q == '\'' {
			end := bytes.IndexByte(src[p+1:], q)
			if end < 0 {
				return 0, false, false
			}
			p += 1 + end + 1
			continue
		}
		for p < len(src) && unquotedValueByte(src[p]) {
			p++
		}
	}
}

// endTag reads an end tag: like encoding/xml, it closes the open elements
// down to the one with its local name. It returns -1 where encoding/xml
// stops: a malformed tag, another prefix, no such element open.
func (c *xmlCensus) endTag(at int) int {
	src := c.src
	ne := nameEnd(src, at+2)
	name := src[at+2 : ne]
	q := skipSpace(src, ne)
	if !qualifiedName(name) || q >= len(src) || src[q] != '>' {
		return -1
	}
	if n := len(c.stack); n > 0 && bytes.Equal(src[c.stack[n-1].start:c.stack[n-1].end], name) {
		c.stack = c.stack[:n-1] // the usual case: it closes the innermost
		return q + 1
	}
	prefix, local, _ := splitName(name)
	for len(c.stack) > 0 {
		top := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		tp, tl, _ := splitName(src[top.start:top.end])
		if bytes.Equal(tl, local) {
			if !bytes.Equal(tp, prefix) {
				return -1
			}
			return q + 1
		}
	}
	return -1
}

// qualifiedName reports whether n is a name encoding/xml reads as one:
// not empty, with one colon at most (splitName, without slicing).
func qualifiedName(n []byte) bool {
	colons := 0
	for _, c := range n {
		if c == ':' {
			colons++
		}
	}
	return len(n) > 0 && colons <= 1
}

// checkJSON checks a JSON Feed: the values encoding/json decodes. Each is
// the document, a member's value (after ':'), the first element of an
// array (after '[') or a later one (after ','): their count bounds it
// wherever those bytes are.
func checkJSON(body []byte) error {
	bound := 1 + bytes.Count(body, []byte("[")) + bytes.Count(body, []byte(",")) + bytes.Count(body, []byte(":"))
	if bound <= maxJSONValues || jsonValues(body) <= maxJSONValues {
		return nil
	}
	return overLimit("feed has more than %d JSON values; at most %d are read", maxJSONValues, maxJSONValues)
}

// jsonValues counts the values of a JSON document outside strings: member
// values, array elements and the document itself. It stops early past
// maxJSONValues, and returns 0 for a document nested deeper than
// encoding/json reads (gofeed then reads nothing).
func jsonValues(b []byte) int {
	n := 1
	var inArray []bool // the open containers: arrays or objects
	for p := 0; p < len(b) && n <= maxJSONValues; p++ {
		switch b[p] {
		case '"':
			for p++; p < len(b) && b[p] != '"'; p++ {
				if b[p] == '\\' {
					p++
				}
			}
		case '{', '[':
			if len(inArray) == maxJSONDepth {
				return 0
			}
			inArray = append(inArray, b[p] == '[')
			if b[p] == '[' {
				if q := skipJSONSpace(b, p+1); q < len(b) && b[q] != ']' {
					n++ // a first element
				}
			}
		case '}', ']':
			if len(inArray) > 0 {
				inArray = inArray[:len(inArray)-1]
			}
		case ':':
			n++
		case ',':
			if len(inArray) > 0 && inArray[len(inArray)-1] {
				n++
			}
		}
	}
	return n
}
