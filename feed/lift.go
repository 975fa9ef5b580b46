package feed

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
)

// Lifting article bodies out of a feed before gofeed parses it.
//
// gofeed reads every element through encoding/xml, which copies text one
// byte at a time (twice for gofeed's innerxml); for a news feed that is
// nearly all item-body HTML, that is most of a refresh's CPU. The bodies
// need no XML parsing: gofeed hands a CDATA section's content back
// verbatim, and decodes an escaped body with html.UnescapeString after
// trimming it. So lift copies each long item body out, puts a short
// placeholder where it was, lets gofeed parse the much smaller skeleton,
// and restores the bodies into the parsed feed.
//
// gofeed stays the parser of every feed: lift only rewrites text it can
// prove gofeed would pass through unchanged, and gives up (parsing the
// original) on anything else: an encoding other than UTF-8, an XML
// declaration anywhere but first, a DOCTYPE with quotes, '<' or an internal
// subset, any other directive, xml:base (under any prefix), a namespace
// declaration holding a reference, unquoted attributes, mismatched tags,
// control characters anywhere. It leaves a body to gofeed when the body has
// attributes that change how gofeed reads it, entities other than the five
// XML ones and character references, comments or child elements. The
// placeholders carry a random nonce, so no feed can spell one. FuzzLift and
// TestLiftRandomFeeds check the result against gofeed on the original
// bytes.

// liftMin is the shortest body worth lifting; shorter ones cost gofeed little.
const liftMin = 256

// liftMark starts every placeholder: liftMark, a nonce of nonceLen hex
// digits drawn for each feed, 'n', the body's index, 'z'.
const liftMark = "heraldLiftedBody"

const nonceLen = 16

// nsXML is the namespace of the xml: prefix; a prefix bound to it spells
// xml:base another way.
const nsXML = "http://www.w3.org/XML/1998/namespace"

// Namespaces under which lift knows how gofeed reads a body element.
const (
	nsAtom     = "http://www.w3.org/2005/Atom"
	nsAtom03   = "http://purl.org/atom/ns#"
	nsRSS10    = "http://purl.org/rss/1.0/"
	nsContent  = "http://purl.org/rss/1.0/modules/content/"
	cdataStart = "<![CDATA["
	cdataEnd   = "]]>"
)

// lifted is a skeleton's bodies, by placeholder index, and the mark (with
// its nonce) its placeholders start with.
type lifted struct {
	mark   string
	bodies []string
}

// lift returns body with long item bodies replaced by placeholders, and
// the bodies; a nil result means nothing was lifted and body is returned
// as is.
func lift(body []byte, typ gofeed.FeedType) ([]byte, *lifted) {
	return liftMinLen(body, typ, liftMin)
}

func liftMinLen(body []byte, typ gofeed.FeedType, minLen int) ([]byte, *lifted) {
	if (typ != gofeed.FeedTypeRSS && typ != gofeed.FeedTypeAtom) || len(body) < minLen ||
		bytes.Contains(body, []byte(liftMark)) || bytes.Contains(body, []byte("xml:base")) ||
		bytes.Contains(body, []byte(nsXML)) || hasControl(body) {
		return body, nil
	}
	sc := liftScanner{src: body, atom: typ == gofeed.FeedTypeAtom, minLen: minLen}
	if !sc.scan() || len(sc.cuts) == 0 {
		return body, nil
	}
	l := &lifted{
		mark:   fmt.Sprintf("%s%0*x", liftMark, nonceLen, rand.Uint64()),
		bodies: make([]string, len(sc.cuts)),
	}
	out := make([]byte, 0, len(body)/8+len(sc.cuts)*48)
	at := 0
	for i, c := range sc.cuts {
		out = append(out, body[at:c.start]...)
		out = append(out, l.mark...)
		out = append(out, 'n')
		out = strconv.AppendInt(out, int64(i), 10)
		out = append(out, 'z')
		raw := string(body[c.start:c.end])
		if c.escaped {
			raw = html.UnescapeString(raw)
		}
		l.bodies[i] = raw
		at = c.end
	}
	out = append(out, body[at:]...)
	return out, l
}

// hasControl reports whether b holds a C0 control character other than
// tab, newline and carriage return: gofeed drops those before it reads the
// XML, which can join markup ("?\x01>") that lift would read apart.
func hasControl(b []byte) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if (x-0x20*lo)&^x&hi == 0 {
			continue // no byte below 0x20
		}
		for _, c := range b[i : i+8] {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return true
			}
		}
	}
	for _, c := range b[i:] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// cut is one lifted span of the source: escaped text without its leading
// and trailing white space (entities to decode), or a CDATA section's content.
type cut struct {
	start, end int
	escaped    bool
}

// segment is one piece of a candidate element's content.
type segment struct {
	start, end int // text run, or CDATA content
	cdata      bool
}

type openElement struct {
	name string
	// In-scope bindings of the default namespace and the content: prefix.
	defaultNS, contentNS string
	candidate            bool // an item body gofeed reads with ParseText
	pure                 bool // only text and CDATA inside so far
	segments             []segment
}

type liftScanner struct {
	src    []byte
	atom   bool
	minLen int
	pos    int
	stack  []openElement
	root   bool // the root element has been seen
	cuts   []cut
}

// scan walks the document; false means "do not lift" (anything it does
// not fully understand).
func (s *liftScanner) scan() bool {
	src := s.src
	s.pos = len(src) - len(bytes.TrimPrefix(src, utf8BOM))
	for s.pos < len(src) {
		i := bytes.IndexByte(src[s.pos:], '<')
		if i < 0 {
			i = len(src) - s.pos
		}
		if i > 0 {
			if len(s.stack) == 0 {
				if len(bytes.TrimSpace(src[s.pos:s.pos+i])) != 0 {
					return false // text outside the root
				}
			} else if top := &s.stack[len(s.stack)-1]; top.candidate {
				top.segments = append(top.segments, segment{start: s.pos, end: s.pos + i})
			}
			s.pos += i
			continue
		}
		if !s.markup() {
			return false
		}
	}
	return s.root && len(s.stack) == 0
}

// markup consumes the markup at s.pos ('<').
func (s *liftScanner) markup() bool {
	rest := s.src[s.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<?")):
		end := bytes.Index(rest, []byte("?>"))
		if end < 0 {
			return false
		}
		if target, _ := xmlName(rest, 2); strings.EqualFold(target, "xml") && !s.utf8Decl(rest[:end]) {
			return false // gofeed would convert, or read it otherwise
		}
		s.impure()
		s.pos += end + 2
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := bytes.Index(rest[4:], []byte("-->"))
		if end < 0 {
			return false
		}
		s.impure()
		s.pos += 4 + end + 3
	case bytes.HasPrefix(rest, []byte(cdataStart)):
		if len(s.stack) == 0 {
			return false
		}
		end := bytes.Index(rest[len(cdataStart):], []byte(cdataEnd))
		if end < 0 {
			return false
		}
		start := s.pos + len(cdataStart)
		if top := &s.stack[len(s.stack)-1]; top.candidate {
			top.segments = append(top.segments, segment{start: start, end: start + end, cdata: true})
		}
		s.pos = start + end + len(cdataEnd)
	case bytes.HasPrefix(rest, []byte("<!")):
		// Only a DOCTYPE before the root, without '<' (nesting, comments)
		// or an internal subset outside its quoted strings: encoding/xml
		// ends it at the first '>' outside quotes, and so does lift.
		if s.root || !bytes.HasPrefix(rest, []byte("<!DOCTYPE ")) {
			return false
		}
		end := plainDoctypeEnd(rest)
		if end < 0 {
			return false
		}
		s.pos += end + 1
	case bytes.HasPrefix(rest, []byte("</")):
		end := bytes.IndexByte(rest, '>')
		if end < 0 || len(s.stack) == 0 {
			return false
		}
		name := string(bytes.TrimRight(rest[2:end], " \t\r\n"))
		top := s.stack[len(s.stack)-1]
		if name != top.name {
			return false
		}
		s.stack = s.stack[:len(s.stack)-1]
		if top.candidate && top.pure {
			s.cutBodies(top.segments)
		}
		s.pos += end + 1
	default:
		return s.startTag()
	}
	return true
}

// utf8Decl reports whether an XML declaration (decl is "<?xml ...", up to
// but not including "?>") is first in the document and names UTF-8, or no
// encoding, in the one way encoding/xml reads: encoding="…" with no space.
func (s *liftScanner) utf8Decl(decl []byte) bool {
	if s.root || s.pos != len(s.src)-len(bytes.TrimPrefix(s.src, utf8BOM)) {
		return false
	}
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return true
	}
	if bytes.Count(decl, []byte("encoding")) != 1 {
		return false
	}
	v := decl[i+len("encoding"):]
	if len(v) < 2 || v[0] != '=' || (v[1] != '"' && v[1] != '\'') {
		return false
	}
	end := bytes.IndexByte(v[2:], v[1])
	if end < 0 {
		return false
	}
	name := v[2 : 2+end]
	return bytes.EqualFold(name, []byte("utf-8")) || bytes.EqualFold(name, []byte("utf8"))
}

// plainDoctypeEnd returns the index of the '>' that ends the DOCTYPE at the
// start of b, or -1 when it holds '<' or '[' outside quotes, or never ends.
func plainDoctypeEnd(b []byte) int {
	var quote byte
	for i := 2; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<' || c == '[':
			return -1
		case c == '>':
			return i
		}
	}
	return -1
}

// impure marks the enclosing candidate as holding more than text.
func (s *liftScanner) impure() {
	if len(s.stack) > 0 {
		s.stack[len(s.stack)-1].pure = false
	}
}

// startTag consumes a start tag with only quoted attributes.
func (s *liftScanner) startTag() bool {
	src := s.src
	p := s.pos + 1
	name, p := xmlName(src, p)
	if name == "" || (len(s.stack) == 0 && s.root) {
		return false
	}
	var typ, mode bool // Atom type/mode attributes that change how text is read
	var defaultNS, contentNS string
	if len(s.stack) > 0 {
		parent := s.stack[len(s.stack)-1]
		defaultNS, contentNS = parent.defaultNS, parent.contentNS
	}
	attrsOK := true
	for {
		q := skipSpace(src, p)
		if q >= len(src) {
			return false
		}
		if src[q] == '>' || (src[q] == '/' && q+1 < len(src) && src[q+1] == '>') {
			selfClosing := src[q] == '/'
			s.impure()
			if selfClosing {
				s.root = true
				s.pos = q + 2
				return true
			}
			s.pos = q + 1
			break
		}
		if q == p {
			return false // attributes must be separated by white space
		}
		attr, r := xmlName(src, q)
		if attr == "" {
			return false
		}
		r = skipSpace(src, r)
		if r >= len(src) || src[r] != '=' {
			return false
		}
		r = skipSpace(src, r+1)
		if r >= len(src) || (src[r] != '"' && src[r] != '\'') {
			return false
		}
		end := bytes.IndexByte(src[r+1:], src[r])
		if end < 0 {
			return false
		}
		val := string(src[r+1 : r+1+end])
		p = r + 1 + end + 1
		if strings.IndexByte(val, '&') >= 0 && (attr == "xmlns" || strings.HasPrefix(attr, "xmlns:")) {
			return false // encoding/xml would decode it: not worth following
		}
		switch {
		case attr == "xmlns":
			defaultNS = val
			attrsOK = false // a body declaring namespaces: leave it alone
		case attr == "xmlns:content":
			contentNS = val
			attrsOK = false
		case strings.HasPrefix(attr, "xmlns:"):
			// Other prefixes never name a body element, but encoding/xml
			// fills gofeed's type,attr from xmlns:type too.
			attrsOK = false
		case attr == "type":
			t := strings.ToLower(val)
			typ = t != "" && t != "text" && t != "html"
		case attr == "mode":
			mode = true
		case strings.ContainsRune(attr, ':') && attr != "xml:lang":
			attrsOK = false // a namespaced attribute on a body: leave it alone
		}
	}
	s.root = true
	s.stack = append(s.stack, openElement{
		name:      name,
		defaultNS: defaultNS,
		contentNS: contentNS,
		candidate: attrsOK && s.isBody(name, defaultNS, contentNS, typ, mode),
		pure:      true,
	})
	return true
}

// isBody reports whether an element about to open is an item body that
// gofeed reads with its ParseText (RSS) or parseAtomText (Atom) and no
// other processing.
func (s *liftScanner) isBody(name, defaultNS, contentNS string, typ, mode bool) bool {
	if len(s.stack) < 1 {
		return false
	}
	// Only where feeds keep their entries: feed > entry, rss > channel >
	// item, rdf:RDF > item (or an RSS item right under the root).
	parent := s.stack[len(s.stack)-1]
	if s.atom {
		return len(s.stack) == 2 && (defaultNS == nsAtom || defaultNS == nsAtom03) && parent.defaultNS == defaultNS &&
			parent.name == "entry" && (name == "content" || name == "summary") && !typ && !mode
	}
	placed := len(s.stack) == 2 || (len(s.stack) == 3 && s.stack[1].name == "channel")
	if !placed || parent.name != "item" || (defaultNS != "" && defaultNS != nsRSS10) || parent.defaultNS != defaultNS {
		return false
	}
	return name == "description" || (name == "content:encoded" && contentNS == nsContent)
}

// cutBodies decides which pieces of a finished candidate to lift: a lone
// text run (escaped HTML) trimmed of white space, or CDATA sections.
func (s *liftScanner) cutBodies(segs []segment) {
	cdata := 0
	for _, g := range segs {
		if g.cdata {
			cdata++
		}
	}
	for _, g := range segs {
		if !g.cdata && (cdata > 0 || len(segs) != 1) {
			continue
		}
		// gofeed trims an element's text, which reaches into escaped text
		// but never into a CDATA section: its content comes back whole.
		start, end := g.start, g.end
		if !g.cdata {
			start, end = trimSpaceRange(s.src, g.start, g.end)
		}
		if end-start < s.minLen {
			continue
		}
		text := s.src[start:end]
		if !liftableText(text, !g.cdata) {
			continue
		}
		s.cuts = append(s.cuts, cut{start: start, end: end, escaped: !g.cdata})
	}
}
