package feed

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"
)

// A small XML reader for the fast path (fastrss.go, fastatom.go).
//
// It reads the plain XML that nearly every feed is and gives up on
// anything else, so that the fast path only ever sees documents on which
// it can be exact about what gofeed (encoding/xml in non-strict mode, then
// goxpp) would read: UTF-8 with no control characters, no carriage
// returns and no characters XML forbids; an XML declaration only first,
// for version 1.0 and UTF-8; no DOCTYPE, processing instruction or comment
// holding "--"; names of ASCII letters, digits, '_', '-' and '.', with at
// most one prefix; every attribute quoted, and its references the five XML
// entities or characters XML allows; namespace declarations only on the
// root, never bound twice or to a native RSS namespace; every element
// prefix declared; no prefixed attribute below the root but xml:lang, and
// no other xml: attribute anywhere (xml:base); every end tag matching its start tag; nothing after the
// root but white space and comments; text runs without "]]>" and with
// numeric references only to characters XML allows.

// maxFastDepth is the deepest nesting the fast path reads; deeper
// documents go to gofeed.
const maxFastDepth = 48

// xnode is one element: its names, attributes, the raw bytes between its
// tags, and its child elements (by index into xtree.nodes).
type xnode struct {
	prefix, local string
	attrs         []xattr
	inner         [2]int // content, start and end offsets in the source
	kids          []int32
	// text runs and CDATA sections directly inside, in order (for the
	// character data extension elements collect).
	texts []xtext
}

// xattr is an attribute with its value decoded.
type xattr struct {
	prefix, local, value string
}

// xtext is a run of character data directly inside an element: raw text
// (references to decode) or a CDATA section's content.
type xtext struct {
	start, end int
	cdata      bool
}

// xtree is a parsed document: nodes[0] is the root; ns holds the root's
// namespace declarations in document order.
type xtree struct {
	src   []byte
	nodes []xnode
	ns    []xattr // prefix in local, URI in value
	// defaultNS is the root's default namespace, when it declares one.
	defaultNS string
	names     map[string]string
}

// parseXMLTree reads src, or reports false when it holds anything outside
// the plain XML described above. The caller releases the tree.
func parseXMLTree(src []byte) (*xtree, bool) {
	if !plainXMLBytes(src) {
		return nil, false
	}
	t := newXMLTree(src)
	if !t.read() {
		t.release()
		return nil, false
	}
	return t, true
}

// xtrees keeps trees between feeds: their nodes and slices are reused.
var xtrees = sync.Pool{New: func() any { return &xtree{names: make(map[string]string, 32)} }}

func newXMLTree(src []byte) *xtree {
	t := xtrees.Get().(*xtree)
	t.src = src
	return t
}

// release gives t back for reuse; nothing of it may be used after.
func (t *xtree) release() {
	if cap(t.nodes) > maxPooledNodes || len(t.names) > maxPooledNames {
		return // a huge document's tree goes to the collector
	}
	for i := range t.nodes {
		n := &t.nodes[i]
		if cap(n.attrs) > maxPooledSlice || cap(n.kids) > maxPooledSlice || cap(n.texts) > maxPooledSlice {
			*n = xnode{}
		}
	}
	t.src, t.ns, t.defaultNS = nil, t.ns[:0], ""
	t.nodes = t.nodes[:0]
	xtrees.Put(t)
}

// A tree is kept for reuse only when it is the size of a news feed's.
const (
	maxPooledNodes = 4096
	maxPooledNames = 256
	maxPooledSlice = 256 // a node's attributes, children or texts
)

// maxFastNamespaces is the most namespace declarations the fast path follows
// (each element's prefix is looked up among them).
const maxFastNamespaces = 64

// read parses t.src.
func (t *xtree) read() bool {
	src := t.src
	pos := skipSpace(src, 0)
	if bytes.HasPrefix(src[pos:], []byte("<?xml")) {
		end := bytes.Index(src[pos:], []byte("?>"))
		if end < 0 || !plainXMLDecl(src[pos:pos+end+2]) {
			return false
		}
		pos += end + 2
	}
	pos, ok := t.skipMisc(pos)
	if !ok || pos >= len(src) || src[pos] != '<' {
		return false
	}
	var stack []int32
	for {
		switch {
		case pos >= len(src):
			return false
		case src[pos] != '<':
			end := bytes.IndexByte(src[pos:], '<')
			if end < 0 {
				return false
			}
			if !t.text(stack, pos, pos+end) {
				return false
			}
			pos += end
		case bytes.HasPrefix(src[pos:], []byte("<![CDATA[")):
			start := pos + len(cdataStart)
			end := bytes.Index(src[start:], []byte(cdataEnd))
			if end < 0 || len(stack) == 0 {
				return false
			}
			top := &t.nodes[stack[len(stack)-1]]
			top.texts = append(top.texts, xtext{start: start, end: start + end, cdata: true})
			pos = start + end + len(cdataEnd)
		case bytes.HasPrefix(src[pos:], []byte("<!--")):
			end, ok := commentEnd(src, pos)
			if !ok {
				return false
			}
			pos = end
		case bytes.HasPrefix(src[pos:], []byte("</")):
			if len(stack) == 0 {
				return false
			}
			top := &t.nodes[stack[len(stack)-1]]
			end, ok := t.endTag(top, pos)
			if !ok {
				return false
			}
			top.inner[1] = pos
			stack = stack[:len(stack)-1]
			pos = end
			if len(stack) == 0 {
				rest, ok := t.skipMisc(pos)
				return ok && rest == len(src)
			}
		case pos+1 < len(src) && (src[pos+1] == '!' || src[pos+1] == '?'):
			return false
		default:
			if len(stack) >= maxFastDepth || (len(stack) == 0 && len(t.nodes) > 0) {
				return false
			}
			i := int32(len(t.nodes))
			end, selfClosing, ok := t.startTag(pos, len(stack) == 0)
			if !ok {
				return false
			}
			if len(stack) > 0 {
				parent := &t.nodes[stack[len(stack)-1]]
				parent.kids = append(parent.kids, i)
			} else if end > detectWindow {
				return false // gofeed's type detection does not see this root
			}
			pos = end
			if selfClosing {
				t.nodes[i].inner = [2]int{pos, pos}
				if len(stack) == 0 {
					rest, ok := t.skipMisc(pos)
					return ok && rest == len(src)
				}
				continue
			}
			t.nodes[i].inner[0] = pos
			stack = append(stack, i)
		}
	}
}

// plainXMLBytes checks the whole document at once: valid UTF-8, no control
// character but tab and newline, no U+FFFE or U+FFFF.
func plainXMLBytes(src []byte) bool {
	return utf8.Valid(src) && !hasControl(src) && bytes.IndexByte(src, '\r') < 0 &&
		!bytes.Contains(src, []byte("\xef\xbf\xbe")) && !bytes.Contains(src, []byte("\xef\xbf\xbf"))
}

// plainXMLDecl reports whether decl ("<?xml … ?>") declares version 1.0
// and UTF-8 or no encoding, in the plain form.
func plainXMLDecl(decl []byte) bool {
	rest := decl[len("<?xml") : len(decl)-2]
	seen := map[string]bool{}
	for {
		p := skipSpace(rest, 0)
		if p == len(rest) {
			return seen["version"]
		}
		if p == 0 {
			return false
		}
		name, q := xmlName(rest, p)
		if q+1 >= len(rest) || rest[q] != '=' || (rest[q+1] != '"' && rest[q+1] != '\'') {
			return false
		}
		end := bytes.IndexByte(rest[q+2:], rest[q+1])
		if end < 0 || seen[name] {
			return false
		}
		val := string(rest[q+2 : q+2+end])
		switch {
		case name == "version" && val == "1.0" && len(seen) == 0:
		case name == "encoding" && (val == "UTF-8" || val == "utf-8") && seen["version"]:
		case name == "standalone" && (val == "yes" || val == "no") && seen["version"]:
		default:
			return false
		}
		seen[name] = true
		rest = rest[q+2+end+1:]
	}
}

// skipMisc skips white space, comments and processing instructions
// (xml-stylesheet) outside the root.
func (t *xtree) skipMisc(pos int) (int, bool) {
	for {
		pos = skipSpace(t.src, pos)
		var end int
		var ok bool
		switch {
		case bytes.HasPrefix(t.src[pos:], []byte("<!--")):
			end, ok = commentEnd(t.src, pos)
		case bytes.HasPrefix(t.src[pos:], []byte("<?")):
			end, ok = t.procInstEnd(pos)
		default:
			return pos, true
		}
		if !ok {
			return pos, false
		}
		pos = end
	}
}

// procInstEnd returns the offset after the processing instruction at pos,
// one with a plain target other than xml (in any case).
func (t *xtree) procInstEnd(pos int) (int, bool) {
	prefix, target, p, ok := t.plainName(pos + 2)
	if !ok || prefix != "" || strings.EqualFold(target, "xml") || (t.src[p] != ' ' && t.src[p] != '?') {
		return 0, false
	}
	end := bytes.Index(t.src[p:], []byte("?>"))
	if end < 0 {
		return 0, false
	}
	return p + end + 2, true
}

// commentEnd returns the offset after the comment at pos, which must not
// hold "--" (encoding/xml refuses it).
func commentEnd(src []byte, pos int) (int, bool) {
	body := src[pos+4:]
	end := bytes.Index(body, []byte("--"))
	if end < 0 || end+2 >= len(body) || body[end+2] != '>' {
		return 0, false
	}
	return pos + 4 + end + 3, true
}

// text records a run of character data at [start, end) inside the open
// element; outside the root only white space may stand.
func (t *xtree) text(stack []int32, start, end int) bool {
	run := t.src[start:end]
	if len(stack) == 0 {
		return len(bytes.TrimLeft(run, " \t\n")) == 0
	}
	if bytes.Contains(run, []byte("]]>")) || !numericRefsAllowed(run) {
		return false
	}
	top := &t.nodes[stack[len(stack)-1]]
	top.texts = append(top.texts, xtext{start: start, end: end})
	return true
}

// intern returns b as a string, allocated once per distinct name.
func (t *xtree) intern(b []byte) string {
	if s, ok := t.names[string(b)]; ok {
		return s
	}
	s := string(b)
	t.names[s] = s
	return s
}

// plainName splits a name of ASCII name characters with at most one
// prefix; ok is false for anything else.
func (t *xtree) plainName(pos int) (prefix, local string, end int, ok bool) {
	src := t.src
	start := pos
	colon := -1
	for pos < len(src) {
		c := src[pos]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case isDigit(c) || c == '-' || c == '.':
			if pos == start || pos == colon+1 {
				return "", "", 0, false
			}
		case c == ':' && colon < 0 && pos > start:
			colon = pos
		default:
			if pos == start || pos == colon+1 {
				return "", "", 0, false
			}
			if colon < 0 {
				return "", t.intern(src[start:pos]), pos, true
			}
			return t.intern(src[start:colon]), t.intern(src[colon+1 : pos]), pos, true
		}
		pos++
	}
	return "", "", 0, false
}

// startTag reads the start tag at pos into a new node.
func (t *xtree) startTag(pos int, root bool) (end int, selfClosing, ok bool) {
	src := t.src
	prefix, local, p, ok := t.plainName(pos + 1)
	if !ok || prefix == "xml" || prefix == "xmlns" || (prefix != "" && !t.declared(prefix)) {
		return 0, false, false
	}
	i := len(t.nodes)
	if i < cap(t.nodes) {
		t.nodes = t.nodes[:i+1]
		old := &t.nodes[i]
		t.nodes[i] = xnode{attrs: old.attrs[:0], kids: old.kids[:0], texts: old.texts[:0]}
	} else {
		t.nodes = append(t.nodes, xnode{})
	}
	n := &t.nodes[i]
	n.prefix, n.local = prefix, local
	for {
		q := skipSpace(src, p)
		if q >= len(src) {
			return 0, false, false
		}
		if src[q] == '>' || (src[q] == '/' && q+1 < len(src) && src[q+1] == '>') {
			selfClosing = src[q] == '/'
			end = q + 1
			if selfClosing {
				end++
			}
			break
		}
		if q == p {
			return 0, false, false
		}
		ap, al, r, ok := t.plainName(q)
		if !ok || r >= len(src) || src[r] != '=' || r+1 >= len(src) || (src[r+1] != '"' && src[r+1] != '\'') {
			return 0, false, false
		}
		vend := bytes.IndexByte(src[r+2:], src[r+1])
		if vend < 0 {
			return 0, false, false
		}
		val, ok := attrValue(src[r+2 : r+2+vend])
		if !ok {
			return 0, false, false
		}
		p = r + 2 + vend + 1
		switch {
		case ap == "" && al == "xmlns":
			// The root's default namespace (Atom's); anywhere else, or
			// unusual, it is left to gofeed.
			if !root || val == "" || val != strings.TrimSpace(val) || val == nsXML {
				return 0, false, false
			}
			t.defaultNS = val
		case ap == "xmlns":
			if !root || !t.declare(al, val) {
				return 0, false, false
			}
		case ap == "xml":
			if al != "lang" {
				return 0, false, false // xml:base above all
			}
		case ap != "" && !root:
			return 0, false, false
		}
		n.attrs = append(n.attrs, xattr{prefix: ap, local: al, value: val})
	}
	if prefix != "" && !t.declared(prefix) {
		return 0, false, false // declared on its own tag: order matters to gofeed
	}
	return end, selfClosing, true
}

// declare records a root namespace declaration; false for one the fast
// path does not follow.
func (t *xtree) declare(prefix, uri string) bool {
	if uri == "" || uri != strings.TrimSpace(uri) || prefix == "xml" || prefix == "xmlns" || isNativeRSS(uri) ||
		uri == nsXML || t.declared(prefix) || len(t.ns) >= maxFastNamespaces {
		return false
	}
	t.ns = append(t.ns, xattr{local: prefix, value: uri})
	return true
}

func (t *xtree) declared(prefix string) bool {
	return t.uri(prefix) != ""
}

// uri is the namespace a declared prefix is bound to.
func (t *xtree) uri(prefix string) string {
	for _, d := range t.ns {
		if d.local == prefix {
			return d.value
		}
	}
	return ""
}

// endTag checks the end tag at pos against n and returns the offset after it.
func (t *xtree) endTag(n *xnode, pos int) (int, bool) {
	prefix, local, p, ok := t.plainName(pos + 2)
	if !ok || prefix != n.prefix || local != n.local {
		return 0, false
	}
	p = skipSpace(t.src, p)
	if p >= len(t.src) || t.src[p] != '>' {
		return 0, false
	}
	return p + 1, true
}
