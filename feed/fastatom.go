package feed

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
)

// The fast path for Atom: the atom.Feed that gofeed v1.4.2's atom.Parser
// makes of a plain document, handed to gofeed's own translator. It gives
// up on what it does not repeat: an entry's source, base64 content, HTML
// or XHTML text constructs holding markup outside CDATA (gofeed runs them
// through an HTML parser), a default namespace other than Atom's, and a
// prefix bound to Atom's namespaces.

// atomURIElements are the elements whose text gofeed reads as a URL.
var atomURIElements = map[string]bool{"icon": true, "id": true, "logo": true, "uri": true, "url": true}

// fastAtom parses an Atom document, or reports false.
func (t *xtree) fastAtom(root *xnode) (*gofeed.Feed, bool) {
	switch t.defaultNS {
	case "", nsAtom, nsAtom03:
	default:
		return nil, false
	}
	for _, d := range t.ns {
		if d.value == nsAtom || d.value == nsAtom03 {
			return nil, false
		}
	}
	af, ok := t.atomFeed(root)
	if !ok {
		return nil, false
	}
	gf, err := (&gofeed.DefaultAtomTranslator{}).Translate(af)
	return gf, err == nil
}

// atomVersion is atom.Parser's parseVersion.
func (t *xtree) atomVersion(root *xnode) string {
	if v := attribute(root.attrs, "version"); v != "" {
		return v
	}
	switch t.defaultNS {
	case nsAtom03:
		return "0.3"
	case nsAtom:
		return "1.0"
	}
	return ""
}

// atomFeed is atom.Parser's parseRoot.
func (t *xtree) atomFeed(root *xnode) (*atom.Feed, bool) {
	f := &atom.Feed{Entries: []*atom.Entry{}, Version: t.atomVersion(root), Language: attribute(root.attrs, "lang")}
	var contributors, authors []*atom.Person
	var categories []*atom.Category
	var links []*atom.Link
	extensions := ext.Extensions{}
	d := dates{}
	for _, k := range root.kids {
		n := &t.nodes[k]
		if n.prefix != "" {
			if !t.addExtension(extensions, n) {
				return nil, false
			}
			continue
		}
		ok := true
		switch strings.ToLower(n.local) {
		case "title":
			f.Title, ok = t.atomText(n)
		case "id":
			f.ID, ok = t.atomText(n)
		case "updated", "modified":
			if f.Updated, ok = t.atomText(n); ok {
				f.UpdatedParsed, ok = d.parse(f.Updated)
			}
		case "subtitle", "tagline":
			f.Subtitle, ok = t.atomText(n)
		case "link":
			links = append(links, atomLink(n))
		case "generator":
			f.Generator, ok = t.atomGenerator(n)
		case "icon":
			f.Icon, ok = t.atomText(n)
		case "logo":
			f.Logo, ok = t.atomText(n)
		case "rights", "copyright":
			f.Rights, ok = t.atomText(n)
		case "contributor":
			var p *atom.Person
			if p, ok = t.atomPerson(n); ok {
				contributors = append(contributors, p)
			}
		case "author":
			var p *atom.Person
			if p, ok = t.atomPerson(n); ok {
				authors = append(authors, p)
			}
		case "category":
			categories = append(categories, atomCategory(n))
		case "entry":
			var e *atom.Entry
			if e, ok = t.atomEntry(n, d); ok {
				f.Entries = append(f.Entries, e)
			}
		}
		if !ok {
			return nil, false
		}
	}
	if len(categories) > 0 {
		f.Categories = categories
	}
	if len(authors) > 0 {
		f.Authors = authors
	}
	if len(contributors) > 0 {
		f.Contributors = contributors
	}
	if len(links) > 0 {
		f.Links = links
	}
	if len(extensions) > 0 {
		f.Extensions = extensions
	}
	return f, true
}

// atomEntry is atom.Parser's parseEntry.
func (t *xtree) atomEntry(en *xnode, d dates) (*atom.Entry, bool) {
	e := &atom.Entry{}
	var contributors, authors []*atom.Person
	var categories []*atom.Category
	var links []*atom.Link
	extensions := ext.Extensions{}
	for _, k := range en.kids {
		n := &t.nodes[k]
		if n.prefix != "" {
			if !t.addExtension(extensions, n) {
				return nil, false
			}
			continue
		}
		ok := true
		switch strings.ToLower(n.local) {
		case "title":
			e.Title, ok = t.atomText(n)
		case "id":
			e.ID, ok = t.atomText(n)
		case "rights", "copyright":
			e.Rights, ok = t.atomText(n)
		case "summary":
			e.Summary, ok = t.atomText(n)
		case "source":
			ok = false
		case "updated", "modified":
			if e.Updated, ok = t.atomText(n); ok {
				e.UpdatedParsed, ok = d.parse(e.Updated)
			}
		case "contributor":
			var p *atom.Person
			if p, ok = t.atomPerson(n); ok {
				contributors = append(contributors, p)
			}
		case "author":
			var p *atom.Person
			if p, ok = t.atomPerson(n); ok {
				authors = append(authors, p)
			}
		case "category":
			categories = append(categories, atomCategory(n))
		case "link":
			links = append(links, atomLink(n))
		case "published", "issued":
			if e.Published, ok = t.atomText(n); ok {
				e.PublishedParsed, ok = d.parse(e.Published)
			}
		case "content":
			attrs := resolvedAttrs(n)
			c := &atom.Content{Type: attribute(attrs, "type"), Src: attribute(attrs, "src")}
			c.Value, ok = t.atomText(n)
			e.Content = c
		}
		if !ok {
			return nil, false
		}
	}
	if len(categories) > 0 {
		e.Categories = categories
	}
	if len(authors) > 0 {
		e.Authors = authors
	}
	if len(links) > 0 {
		e.Links = links
	}
	if len(contributors) > 0 {
		e.Contributors = contributors
	}
	if len(extensions) > 0 {
		e.Extensions = extensions
	}
	return e, true
}

// atomPerson is atom.Parser's parsePerson: children by name, whatever
// their namespace.
func (t *xtree) atomPerson(pn *xnode) (*atom.Person, bool) {
	p := &atom.Person{}
	for _, k := range pn.kids {
		n := &t.nodes[k]
		ok := true
		switch strings.ToLower(n.local) {
		case "name":
			p.Name, ok = t.atomText(n)
		case "email":
			p.Email, ok = t.atomText(n)
		case "uri", "url", "homepage":
			p.URI, ok = t.atomText(n)
		}
		if !ok {
			return nil, false
		}
	}
	return p, true
}

func atomLink(n *xnode) *atom.Link {
	attrs := resolvedAttrs(n)
	l := &atom.Link{
		Href: attribute(attrs, "href"), Hreflang: attribute(attrs, "hreflang"), Type: attribute(attrs, "type"),
		Length: attribute(attrs, "length"), Title: attribute(attrs, "title"), Rel: attribute(attrs, "rel"),
	}
	if l.Rel == "" {
		l.Rel = "alternate"
	}
	return l
}

func atomCategory(n *xnode) *atom.Category {
	attrs := resolvedAttrs(n)
	return &atom.Category{Term: attribute(attrs, "term"), Scheme: attribute(attrs, "scheme"), Label: attribute(attrs, "label")}
}

func (t *xtree) atomGenerator(n *xnode) (*atom.Generator, bool) {
	attrs := resolvedAttrs(n)
	g := &atom.Generator{Version: attribute(attrs, "version")}
	if uri := attribute(attrs, "uri"); uri != "" {
		g.URI = uri
	} else if u := attribute(attrs, "url"); u != "" {
		g.URI = u
	}
	var ok bool
	g.Value, ok = t.atomText(n)
	return g, ok
}

// atomText is atom.Parser's parseAtomText with no xml:base in scope; ok
// is false where gofeed would parse the text as HTML or base64.
func (t *xtree) atomText(n *xnode) (string, bool) {
	raw := bytes.TrimSpace(t.src[n.inner[0]:n.inner[1]])
	typ := strings.ToLower(lastAttr(n.attrs, "type"))
	mode := strings.ToLower(lastAttr(n.attrs, "mode"))
	var result string
	switch {
	case bytes.Contains(raw, []byte(cdataStart)):
		result = t.parseText(n) // the same reading of CDATA
	case typ == "text" || strings.HasPrefix(typ, "text/") || (typ == "" && mode == ""):
		result = decodeEntityBytes(raw)
	case strings.Contains(typ, "xhtml"):
		if bytes.IndexByte(raw, '<') >= 0 {
			return "", false // gofeed strips a wrapping div through an HTML parse
		}
		result = string(raw)
	case typ == "html":
		if bytes.IndexByte(raw, '<') >= 0 {
			return "", false
		}
		result = decodeEntityBytes(raw)
	case mode == "base64" || isBinaryMediaType(typ):
		return "", false
	default:
		result = string(raw)
	}
	if atomURIElements[strings.ToLower(n.local)] {
		if u, err := url.Parse(strings.TrimLeft(result, " ")); err == nil {
			result = u.String()
		}
	}
	return result, true
}

// lastAttr is how encoding/xml fills a struct's attribute field: the last
// attribute of that local name, whatever its prefix.
func lastAttr(attrs []xattr, name string) string {
	v := ""
	for _, a := range attrs {
		if a.local == name {
			v = a.value
		}
	}
	return v
}

// isBinaryMediaType is atom.Parser's: whether a content type is read as
// base64.
func isBinaryMediaType(t string) bool {
	if t == "" || strings.HasPrefix(t, "text/") || strings.Contains(t, "xml") {
		return false
	}
	if strings.HasPrefix(t, "image/") || strings.HasPrefix(t, "audio/") || strings.HasPrefix(t, "video/") {
		return true
	}
	switch t {
	case "application/octet-stream", "application/pdf", "application/zip",
		"application/gzip", "application/x-gzip", "application/ogg":
		return true
	}
	return false
}
