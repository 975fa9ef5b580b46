package feed

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
)

// Namespaces gofeed reads RSS elements in (besides none, the undeclared
// prefixes "rss" and "rdf", and the root element's own).
const (
	nsRDF      = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsRSS09    = "http://channel.netscape.com/rdf/simple/0.9/"
	nsRSS09Alt = "http://my.netscape.com/rdf/simple/0.9/"
)

// xmlScanner finds the items of an RSS or Atom document where gofeed
// reads them (rss > item, rss > channel > item, rdf:RDF > item, feed >
// entry), as its non-strict encoding/xml decoder tokenizes the bytes: '<'
// always starts markup; comments, CDATA sections, processing instructions
// and directives hide what they hold; an end tag closes every element
// opened since the one it names; reading stops when the root closes.
type xmlScanner struct {
	src        []byte
	atom       bool
	stack      []xmlFrame
	ns         []nsBinding    // declarations in scope on the root, channel and item levels
	bound      map[string]int // index in ns of each prefix's innermost binding
	nsSteps    int            // resolve's steps, for tests that check they grow linearly
	rootSpace  []byte
	rootTag    []byte // the root's start tag, and its name
	rootName   []byte
	rootProbe  int // whether gofeed reads rootSpace as RSS: 0 unknown, 1 yes, -1 no
	rootSeen   bool
	items      []itemSpan
	channels   [][2]int  // each channel's items: from and to indexes in items
	memoName   []byte    // the last item's name, when it had no attributes
	memoParent int       // and its parent's (xmlFrame.start)
	open       int       // index in items of the item being read, or -1
	openDepth  int       // its depth
	dates      [4][]byte // its date elements' text, by priority
	err        error     // what makes the document one not to cut
}

// xmlFrame is an open element: its name's span in src; for a channel,
// the index in items of its first item.
type xmlFrame struct {
	start, end    int
	from          int
	channel, item bool
}

// nsBinding is a namespace prefix declared at a depth ("" is the default),
// and the index in ns of the binding of the same prefix it hides, or -1.
type nsBinding struct {
	prefix, uri []byte
	depth       int
	hides       int
}

// scan reads the document up to the end of its root element.
func (s *xmlScanner) scan() error {
	s.open = -1
	src := s.src
	for p := 0; ; {
		i := bytes.IndexByte(src[p:], '<')
		if i < 0 {
			if !s.rootSeen {
				return errors.New("no root element")
			}
			return errors.New("document ends before its root element closes")
		}
		var done bool
		var err error
		if p, done, err = s.markup(p + i); err != nil || done || s.err != nil {
			return cmp.Or(err, s.err)
		}
	}
}

// markup consumes the markup at src[at] ('<') and returns the position
// after it; done is true once the root element has closed.
func (s *xmlScanner) markup(at int) (next int, done bool, err error) {
	rest := s.src[at:]
	if len(rest) < 2 {
		return 0, false, fmt.Errorf("unterminated markup at byte %d", at)
	}
	end := -1
	switch rest[1] {
	case '/':
		return s.endTag(at)
	case '?':
		if end = indexAfter(rest, 2, "?>"); end >= 0 && !utf8Decl(s.src, at) {
			return 0, false, fmt.Errorf("an XML declaration at byte %d names another encoding", at)
		}
	case '!':
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = indexAfter(rest, 4, "-->")
		case bytes.HasPrefix(rest, []byte(cdataStart)):
			end = indexAfter(rest, len(cdataStart), cdataEnd)
		default:
			end = directiveEnd(rest)
		}
	default:
		next, err = s.startTag(at)
		return next, len(s.stack) == 0, err // a root without content ends at once
	}
	if end < 0 {
		return 0, false, fmt.Errorf("unterminated markup at byte %d", at)
	}
	return at + end, false, nil
}

// indexAfter returns the index after the first sep in b[from:], or -1.
func indexAfter(b []byte, from int, sep string) int {
	i := bytes.Index(b[from:], []byte(sep))
	if i < 0 {
		return -1
	}
	return from + i + len(sep)
}

// directiveEnd returns the length of the directive at the start of b
// ("<!DOCTYPE …>"), read the way encoding/xml reads one: quoted '<' and
// '>' do not count, unquoted ones nest, comments are skipped; -1 when it
// never ends.
func directiveEnd(b []byte) int {
	var quote byte
	depth := 0
	for i := 3; i < len(b); { // encoding/xml takes the byte after "<!" as is
		c := b[i]
		i++
		if quote == 0 && c == '>' && depth == 0 {
			return i
		}
		for again := true; again; {
			again = false
			switch {
			case c == quote:
				quote = 0
			case quote != 0:
			case c == '\'' || c == '"':
				quote = c
			case c == '>':
				depth--
			case c == '<':
				if bytes.HasPrefix(b[i:], []byte("!--")) {
					end := bytes.Index(b[i+3:], []byte("-->"))
					if end < 0 {
						return -1
					}
					i += 3 + end + 3
					break
				}
				// The bytes of "!--" that match are consumed; the first
				// one that does not is read again after the '<'.
				for k := 0; i < len(b) && b[i] == "!--"[k]; k++ {
					i++
				}
				if i >= len(b) {
					return -1
				}
				depth++
				c, again = b[i], true
				i++
			}
		}
	}
	return -1
}

// startTag consumes a start tag.
func (s *xmlScanner) startTag(at int) (int, error) {
	src := s.src
	ne := nameEnd(src, at+1)
	name := src[at+1 : ne]
	prefix, local, ok := splitName(name)
	if !ok {
		return 0, fmt.Errorf("bad element name at byte %d", at)
	}
	depth := len(s.stack)
	p, selfClosing, attrs, err := s.attributes(ne, depth)
	if err != nil {
		return 0, fmt.Errorf("bad start tag at byte %d: %w", at, err)
	}
	// A sibling spelled as the last item, without attributes, is an item
	// too: long feeds skip resolving the same name again.
	item := depth > 0 && !attrs && s.stack[depth-1].start == s.memoParent && bytes.Equal(name, s.memoName)
	if !item {
		item = s.itemLevel(depth) && nameIs(local, s.itemName()) && s.native(prefix)
		if item && !attrs {
			s.memoParent, s.memoName = s.stack[depth-1].start, name
		}
	}
	frame := xmlFrame{start: at + 1, end: ne}
	if depth == 0 {
		s.rootSeen, s.rootTag, s.rootName = true, src[at:p], name
		s.rootSpace = bytes.TrimSpace(s.resolve(prefix))
	}
	switch {
	case item:
		if selfClosing {
			s.items = append(s.items, itemSpan{start: at, end: p, date: noDate})
			break
		}
		frame.item = true
		s.items = append(s.items, itemSpan{start: at, end: -1, date: noDate})
		s.open, s.openDepth, s.dates = len(s.items)-1, depth, [4][]byte{}
	case !s.atom && depth == 1 && nameIs(local, "channel") && s.native(prefix):
		if selfClosing {
			s.channels = append(s.channels, [2]int{len(s.items), len(s.items)})
			break
		}
		frame.channel, frame.from = true, len(s.items)
	case s.open >= 0 && depth == s.openDepth+1 && !selfClosing:
		// In Atom the last date element counts; in RSS the last pubDate
		// that parses, and an extension's first.
		if k := s.dateSlot(prefix, local); k >= 0 && (s.dates[k] == nil || s.atom) {
			s.dates[k] = s.textAt(p)
		} else if k == 0 {
			if text := s.textAt(p); readable(text) {
				s.dates[k] = text
			}
		}
	}
	if selfClosing {
		s.undeclare(depth)
		return p, nil
	}
	if depth >= maxNodes { // checkSize would refuse what is kept
		return 0, fmt.Errorf("elements nested more than %d deep at byte %d", maxNodes, at)
	}
	s.stack = append(s.stack, frame)
	return p, nil
}

// attributes reads the attributes of a start tag from p, the end of its
// name, as non-strict encoding/xml reads them (unquoted values, names
// without values), and returns the position after the tag; attrs is true
// when it has any.
func (s *xmlScanner) attributes(p, depth int) (next int, selfClosing, attrs bool, err error) {
	src := s.src
	for ; ; attrs = true {
		p = skipSpace(src, p)
		if p >= len(src) {
			return 0, false, false, errors.New("unterminated")
		}
		if src[p] == '>' {
			return p + 1, false, attrs, nil
		}
		if src[p] == '/' {
			if p+1 >= len(src) || src[p+1] != '>' {
				return 0, false, false, errors.New("'/' without '>'")
			}
			return p + 2, true, attrs, nil
		}
		ae := nameEnd(src, p)
		if ae == p {
			return 0, false, false, fmt.Errorf("bad attribute at byte %d", p)
		}
		attr := src[p:ae]
		val := attr // non-strict: a name alone is its own value
		if p = skipSpace(src, ae); p < len(src) && src[p] == '=' {
			if p = skipSpace(src, p+1); p >= len(src) {
				return 0, false, false, errors.New("unterminated")
			}
			if q := src[p]; q == '"' || q == '\'' {
				end := bytes.IndexByte(src[p+1:], q)
				if end < 0 {
					return 0, false, false, fmt.Errorf("unterminated attribute value at byte %d", p)
				}
				val, p = src[p+1:p+1+end], p+1+end+1
			} else {
				v := p
				for p < len(src) && unquotedValueByte(src[p]) {
					p++
				}
				val = src[v:p]
			}
		}
		if depth <= 2 { // only these levels' namespaces decide what an item is
			s.declare(attr, val, depth)
		}
	}
}

// endTag consumes an end tag. Like encoding/xml, it closes the open
// elements down to the one with its local name; reaching the root ends
// the read as gofeed does, whether the names match or not.
func (s *xmlScanner) endTag(at int) (int, bool, error) {
	src := s.src
	ne := nameEnd(src, at+2)
	prefix, local, ok := splitName(src[at+2 : ne])
	q := skipSpace(src, ne)
	if !ok || q >= len(src) || src[q] != '>' {
		return 0, false, fmt.Errorf("bad end tag at byte %d", at)
	}
	next := q + 1
	for len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		tp, tl, _ := splitName(src[top.start:top.end])
		if bytes.Equal(tl, local) {
			if !bytes.Equal(tp, prefix) {
				return 0, false, fmt.Errorf("element closed with another prefix at byte %d", at)
			}
			s.pop(next)
			break
		}
		s.pop(at) // left open: closed where its ancestor closes
	}
	return next, len(s.stack) == 0, nil
}

// pop closes the innermost open element, which ends at end.
func (s *xmlScanner) pop(end int) {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.undeclare(len(s.stack))
	if top.channel {
		s.channels = append(s.channels, [2]int{top.from, len(s.items)})
	}
	if top.item && s.open >= 0 {
		it := &s.items[s.open]
		it.end = end
		it.date = s.itemDate()
		s.open = -1
	}
}

// utf8Decl reports whether the processing instruction at src[at] is not
// an XML declaration naming another encoding than UTF-8, which would make
// encoding/xml decode the rest otherwise (declaredToUTF8 has converted a
// leading one).
func utf8Decl(src []byte, at int) bool {
	cs, ce, ok := xmlDecl(src, at)
	if !ok {
		return true
	}
	_, _, other := otherEncoding(src, cs, ce)
	return !other
}

// listed returns the items in the order gofeed lists them: the last
// channel's, then those outside every channel (gofeed keeps only the last
// channel); reordered is false when that is simply all of them.
func (s *xmlScanner) listed() (items []itemSpan, reordered bool) {
	if len(s.channels) == 0 || (len(s.channels) == 1 && s.channels[0][0] == 0) {
		return s.items, false
	}
	last := s.channels[len(s.channels)-1]
	items = append(make([]itemSpan, 0, len(s.items)), s.items[last[0]:last[1]]...)
	c := 0
	for i, it := range s.items {
		for c < len(s.channels) && i >= s.channels[c][1] {
			c++
		}
		if c == len(s.channels) || i < s.channels[c][0] { // outside every channel
			items = append(items, it)
		}
	}
	return items, true
}

// itemLevel reports whether an element at depth is where gofeed reads items.
func (s *xmlScanner) itemLevel(depth int) bool {
	return depth == 1 || (!s.atom && depth == 2 && s.stack[1].channel)
}

func (s *xmlScanner) itemName() string {
	if s.atom {
		return "entry"
	}
	return "item"
}

// native reports whether an element with prefix is in a namespace gofeed
// reads as RSS or Atom, rather than as an extension.
func (s *xmlScanner) native(prefix []byte) bool {
	space := bytes.TrimSpace(s.resolve(prefix))
	if s.atom {
		switch string(space) {
		case "", nsAtom, nsAtom03:
			return true
		}
		return false
	}
	switch string(space) {
	case "", "rss", "rdf", nsRDF, nsRSS10, nsRSS09, nsRSS09Alt:
		return true
	}
	return len(s.rootSpace) > 0 && bytes.Equal(space, s.rootSpace) && s.rootNative()
}

// rootNative reports whether gofeed reads elements in the root's own
// namespace as RSS. It does unless that is the namespace of an extension
// it knows, a list it does not export: ask it, once, on a document of the
// root's start tag and one item.
func (s *xmlScanner) rootNative() bool {
	if s.rootProbe == 0 {
		s.rootProbe = -1
		prefix, _, _ := splitName(s.rootName)
		if len(prefix) > 0 {
			prefix = append(prefix[:len(prefix):len(prefix)], ':')
		}
		probe := fmt.Sprintf("%s<%schannel><%[2]sitem/></%[2]schannel></%s>", s.rootTag, prefix, s.rootName)
		if gf, err := gofeedParse([]byte(probe)); err == nil && len(gf.Items) == 1 {
			s.rootProbe = 1
		}
	}
	return s.rootProbe == 1
}

// resolve returns the namespace bound to prefix; an undeclared prefix
// stands for itself, as in encoding/xml. It takes one step (a map lookup),
// however many bindings are in scope.
func (s *xmlScanner) resolve(prefix []byte) []byte {
	s.nsSteps++
	if i, ok := s.bound[string(prefix)]; ok {
		return s.ns[i].uri
	}
	return prefix
}

// declare records an xmlns or xmlns:p attribute.
func (s *xmlScanner) declare(attr, val []byte, depth int) {
	if bytes.IndexByte(val, '&') >= 0 && bytes.HasPrefix(attr, []byte("xmlns")) {
		s.err = errors.New("a namespace declaration holds a reference") // encoding/xml would decode it
	}
	var prefix []byte
	switch {
	case bytes.Equal(attr, []byte("xmlns")):
	case bytes.HasPrefix(attr, []byte("xmlns:")) && len(attr) > len("xmlns:"):
		prefix = attr[len("xmlns:"):]
	default:
		return
	}
	if s.bound == nil {
		s.bound = make(map[string]int)
	}
	hides, ok := s.bound[string(prefix)]
	if !ok {
		hides = -1
	}
	s.bound[string(prefix)] = len(s.ns)
	s.ns = append(s.ns, nsBinding{prefix: prefix, uri: val, depth: depth, hides: hides})
}

// undeclare drops the declarations of an element at depth that closed,
// bringing back the bindings they hid.
func (s *xmlScanner) undeclare(depth int) {
	for len(s.ns) > 0 && s.ns[len(s.ns)-1].depth >= depth {
		b := s.ns[len(s.ns)-1]
		s.ns = s.ns[:len(s.ns)-1]
		if b.hides >= 0 {
			s.bound[string(b.prefix)] = b.hides
		} else {
			delete(s.bound, string(b.prefix))
		}
	}
}

// nameEnd returns the end of the name at b[p:] as encoding/xml reads one
// (name bytes and any non-ASCII byte); p when there is none.
func nameEnd(b []byte, p int) int {
	for p < len(b) && (b[p] >= 0x80 || isNameByte(b[p])) {
		p++
	}
	return p
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func unquotedValueByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == ':' || c == '-'
}

// splitName splits a qualified name as encoding/xml does; ok is false for
// no name or one with two colons.
func splitName(n []byte) (prefix, local []byte, ok bool) {
	i := bytes.IndexByte(n, ':')
	switch {
	case len(n) == 0 || (i >= 0 && bytes.IndexByte(n[i+1:], ':') >= 0):
		return nil, nil, false
	case i <= 0 || i == len(n)-1:
		return nil, n, true
	}
	return n[:i], n[i+1:], true
}
