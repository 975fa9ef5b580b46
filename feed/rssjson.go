package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"

	"github.com/mmcdole/gofeed"
)

// RSS in JSON (Dave Winer's rss.js, read by NetNewsWire): an RSS 2.0
// document written as JSON, {"rss": {"version": "2.0", "channel": {"title":
// …, "item": [{…}, …]}}}. An element is a member named as it is; its text
// is a string (or number), or "#value" in an object whose other scalar
// members are its attributes (a guid with isPermaLink, a category with a
// domain, an enclosure's url, type and length); an element that repeats
// is an array, and one that occurs once may be a lone object or string.
//
// rssJSONToXML writes the RSS the document stands for, and parse reads
// that as it reads any RSS: the dates, enclosures, categories, extensions
// and authors come out the same, and the item cap and limits hold.

// feedTypeRSSJSON is a document in RSS in JSON, a type gofeed does not know.
const feedTypeRSSJSON gofeed.FeedType = -1

// rssContainers are the RSS elements whose scalar members are child
// elements; in any other object they are attributes.
var rssContainers = map[string]bool{"channel": true, "item": true, "image": true, "textInput": true, "textinput": true}

// isRSSInJSON reports whether a JSON document is RSS in JSON: an object
// whose "rss" member is an object with a "channel" object.
func isRSSInJSON(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	if !toMember(dec, "rss") || !toMember(dec, "channel") {
		return false
	}
	t, err := dec.Token()
	return err == nil && t == json.Delim('{')
}

// toMember reads the object at dec's position up to its member named key,
// reporting whether it is an object that has one.
func toMember(dec *json.Decoder, key string) bool {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		if t == key {
			return true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// jsonNode is a JSON value with its object members in document order.
type jsonNode struct {
	text     string // a string, number or boolean
	isText   bool
	isObject bool
	keys     []string // object members
	values   []*jsonNode
	elems    []*jsonNode // array elements
}

// rssJSONToXML writes the RSS document an RSS in JSON document stands for.
// It refuses, like any JSON, a document over the limits (census.go).
func rssJSONToXML(body []byte) ([]byte, error) {
	if err := checkJSON(body); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	doc, err := readJSONNode(dec, 0)
	if errors.Is(err, ErrTooComplex) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	var rss *jsonNode
	for i, k := range doc.keys {
		if k == "rss" {
			rss = doc.values[i]
		}
	}
	if rss == nil || !rss.isObject {
		return nil, errors.New("not a feed (JSON that is not a JSON Feed)")
	}
	var b bytes.Buffer
	b.Grow(len(body) + len(body)/4)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	writeRSSElement(&b, "rss", rss)
	return b.Bytes(), nil
}

// maxRSSJSONDepth bounds the nesting read: RSS needs a few levels, and
// the decoder's token stream has no limit of its own.
const maxRSSJSONDepth = 100

// readJSONNode reads one JSON value nested depth deep.
func readJSONNode(dec *json.Decoder, depth int) (*jsonNode, error) {
	if depth > maxRSSJSONDepth {
		return nil, overLimit("feed nests JSON more than %d deep; RSS needs a few levels", maxRSSJSONDepth)
	}
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	n := &jsonNode{}
	switch v := t.(type) {
	case json.Delim:
		n.isObject = v == '{'
		for dec.More() {
			if n.isObject {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := k.(string)
				n.keys = append(n.keys, key)
			}
			child, err := readJSONNode(dec, depth+1)
			if err != nil {
				return nil, err
			}
			if n.isObject {
				n.values = append(n.values, child)
			} else {
				n.elems = append(n.elems, child)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing brace or bracket
			return nil, err
		}
	case string:
		n.text, n.isText = v, true
	case json.Number:
		n.text, n.isText = v.String(), true
	case bool:
		n.text, n.isText = fmt.Sprint(v), true
	}
	return n, nil // null: an element without text
}

// xmlNamePattern matches the member names that can be written as XML names.
var xmlNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?$`)

// asXMLName reports whether a member's name is written as an element or
// attribute name. Long ones are not: an array writes its name twice per
// element, and RSS names are short.
func asXMLName(k string) bool { return len(k) <= 64 && xmlNamePattern.MatchString(k) }

// writeRSSElement writes n as the element name: text, an element per array
// element, or an object's attributes, "#value" and children.
func writeRSSElement(b *bytes.Buffer, name string, n *jsonNode) {
	switch {
	case n.isText:
		b.WriteString("<" + name + ">")
		xml.EscapeText(b, []byte(n.text))
		b.WriteString("</" + name + ">")
	case n.isObject:
		attrs := !rssContainers[name]
		b.WriteString("<" + name)
		for i, k := range n.keys {
			if v := n.values[i]; attrs && v.isText && asXMLName(k) {
				b.WriteString(" " + k + `="`)
				xml.EscapeText(b, []byte(v.text))
				b.WriteByte('"')
			}
		}
		b.WriteByte('>')
		for i, k := range n.keys {
			switch v := n.values[i]; {
			case k == "#value" && v.isText:
				xml.EscapeText(b, []byte(v.text))
			case (attrs && v.isText) || !asXMLName(k):
			default:
				writeRSSElement(b, k, v)
			}
		}
		b.WriteString("</" + name + ">")
	default: // an array, or null
		for _, e := range n.elems {
			writeRSSElement(b, name, e)
		}
	}
}
