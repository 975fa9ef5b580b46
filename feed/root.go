package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
)

// A document's root element: an Atom entry is read as a feed of one entry
// (atomEntryFeed), and a document that is no feed is refused saying what
// it is (notAFeed).

// atomEntryFeed returns an Atom Entry Document (RFC 4287 §4.1.2: a
// document whose root is an Atom entry) as a feed of that one entry: its
// root wrapped in a feed element of the entry's namespace. ok is false for
// any other document.
func atomEntryFeed(body []byte) (feed []byte, ok bool) {
	at := rootStart(body)
	if at < 0 {
		return nil, false
	}
	// encoding/xml resolves the root's namespace from its own attributes,
	// reading no further than its start tag.
	d := xml.NewDecoder(bytes.NewReader(body[at:]))
	d.Strict = false
	t, err := d.Token()
	root, isStart := t.(xml.StartElement)
	if err != nil || !isStart || root.Name.Local != "entry" {
		return nil, false
	}
	var open string
	switch root.Name.Space {
	case nsAtom:
		open = `<feed xmlns="` + nsAtom + `">`
	case nsAtom03:
		open = `<feed version="0.3" xmlns="` + nsAtom03 + `">`
	default:
		return nil, false
	}
	out := make([]byte, 0, len(body)+len(open)+len("\n</feed>"))
	out = append(append(append(out, body[:at]...), open...), body[at:]...)
	if cut := (cutXML{src: body[at:], atom: true}); cut.scan() {
		return out, true // the entry is cut short: repaired, and told, as a feed's is
	}
	return append(out, "\n</feed>"...), true
}

// rootStart returns where the root element's start tag is, after the XML
// declaration, comments, processing instructions and doctype; -1 when
// something else comes first.
func rootStart(body []byte) int {
	for p := 0; ; {
		p = skipSpace(body, p)
		if bytes.HasPrefix(body[p:], utf8BOM) {
			p = skipSpace(body, p+len(utf8BOM))
		}
		rest := body[p:]
		end := -1
		switch {
		case len(rest) < 2 || rest[0] != '<':
			return -1
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = indexAfter(rest, 4, "-->")
		case rest[1] == '?':
			end = indexAfter(rest, 2, "?>")
		case rest[1] == '!':
			end = doctypeEnd(rest)
		default:
			return p
		}
		if end < 0 {
			return -1
		}
		p += end
	}
}

// notAFeed returns the error for a document that is not a feed, saying
// what it is when that is plain: an HTML page or a piece of HTML, XML with
// another root element, or XML with no element at all.
func notAFeed(body []byte) error {
	at := rootStart(body)
	if at < 0 {
		if looksLikeHTML(body) {
			return errors.New("not a feed (got an HTML page)")
		}
		if b := bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(body, " \t\r\n"), utf8BOM), " \t\r\n"); bytes.HasPrefix(b, []byte("<?xml")) || bytes.HasPrefix(b, []byte("<!--")) {
			return errors.New("not a feed (XML with no element in it)")
		}
		return errors.New("not a feed")
	}
	name := string(body[at+1 : nameEnd(body, at+1)])
	lower := strings.ToLower(name)
	switch {
	case lower == "html" || lower == "head" || lower == "body":
		return errors.New("not a feed (got an HTML page)")
	case blockTags[lower] || titleTags[lower]:
		return errors.New("not a feed (got a piece of HTML)")
	case lower == "rss" || lower == "feed" || lower == "rdf:rdf":
		// gofeed would know it by this name: its start tag is broken or cut.
		return fmt.Errorf("parse feed: the start tag of its root element <%s> cannot be read", name)
	case name != "" && len(name) <= 64:
		return fmt.Errorf("not a feed (XML whose root element is <%s>)", name)
	case looksLikeHTML(body):
		return errors.New("not a feed (got an HTML page)")
	}
	return errors.New("not a feed")
}
