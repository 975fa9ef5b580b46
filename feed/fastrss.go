package feed

import (
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

// The fast path for RSS 2.0: the rss.Feed that gofeed v1.4.2's rss.Parser
// makes of a plain document (fastxml.go), built from parseXMLTree's nodes
// in the same order and by the same rules, then handed to gofeed's own
// translator. Anything gofeed's parser would treat in a way this file does
// not repeat (RSS 1.0 and RDF, a default namespace, xml:base, skipHours,
// skipDays, cloud, textInput, an image or textInput at the root) makes it
// give up, and gofeed parses the document. fast_test.go holds every
// result to gofeed's on the same bytes.

// fastParse parses body as gofeedParse does, or reports false when the
// fast path does not read it.
func fastParse(body []byte) (*gofeed.Feed, bool) {
	t, ok := parseXMLTree(body)
	if !ok {
		return nil, false
	}
	defer t.release()
	root := &t.nodes[0]
	switch {
	case root.prefix == "" && strings.EqualFold(root.local, "feed"):
		return t.fastAtom(root)
	case root.prefix == "" && strings.EqualFold(root.local, "rss") && t.defaultNS == "":
		rf, ok := t.rssFeed(root)
		if !ok {
			return nil, false
		}
		tr := &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
		gf, err := tr.Translate(rf)
		return gf, err == nil
	}
	return nil, false
}

// rssFeed is rss.Parser's parseRoot.
func (t *xtree) rssFeed(root *xnode) (*rss.Feed, bool) {
	var channel *rss.Feed
	items := []*rss.Item{}
	d := dates{}
	for _, k := range root.kids {
		n := &t.nodes[k]
		if t.isExtension(n) {
			continue // skipped
		}
		switch strings.ToLower(n.local) {
		case "channel":
			c, ok := t.rssChannel(n, d)
			if !ok {
				return nil, false
			}
			channel = c
		case "item":
			it, ok := t.rssItem(n, d)
			if !ok {
				return nil, false
			}
			items = append(items, it)
		case "textinput", "image":
			return nil, false
		}
	}
	if channel == nil {
		channel = &rss.Feed{Items: []*rss.Item{}}
	}
	if len(items) > 0 {
		channel.Items = append(channel.Items, items...)
	}
	channel.Version = attribute(root.attrs, "version")
	return channel, true
}

// isExtension is gofeed's IsExtension for the RSS parser: an element
// outside RSS's own namespaces.
func (t *xtree) isExtension(n *xnode) bool {
	return n.prefix != "" // parseXMLTree refuses prefixes bound to RSS's namespaces
}

// rssChannel is rss.Parser's parseChannel.
func (t *xtree) rssChannel(c *xnode, d dates) (*rss.Feed, bool) {
	f := &rss.Feed{Items: []*rss.Item{}}
	extensions := ext.Extensions{}
	var categories []*rss.Category
	var links []string
	for _, k := range c.kids {
		n := &t.nodes[k]
		if t.isExtension(n) {
			if !t.addExtension(extensions, n) {
				return nil, false
			}
			continue
		}
		ok := true
		switch strings.ToLower(n.local) {
		case "title":
			f.Title = t.parseText(n)
		case "description":
			f.Description = t.parseText(n)
		case "link":
			f.Link = t.rssLink(n)
			links = append(links, f.Link)
		case "language":
			f.Language = t.parseText(n)
		case "copyright":
			f.Copyright = t.parseText(n)
		case "managingeditor":
			f.ManagingEditor = t.parseText(n)
		case "webmaster":
			f.WebMaster = t.parseText(n)
		case "pubdate":
			f.PubDate = t.parseText(n)
			f.PubDateParsed, ok = d.parse(f.PubDate)
		case "lastbuilddate":
			f.LastBuildDate = t.parseText(n)
			f.LastBuildDateParsed, ok = d.parse(f.LastBuildDate)
		case "generator":
			f.Generator = t.parseText(n)
		case "docs":
			f.Docs = t.parseText(n)
		case "ttl":
			f.TTL = t.parseText(n)
		case "rating":
			f.Rating = t.parseText(n)
		case "item":
			var it *rss.Item
			if it, ok = t.rssItem(n, d); ok {
				f.Items = append(f.Items, it)
			}
		case "category":
			categories = append(categories, t.rssCategory(n))
		case "image":
			f.Image = t.rssImage(n)
		case "skiphours", "skipdays", "cloud", "textinput":
			ok = false
		}
		if !ok {
			return nil, false
		}
	}
	if len(categories) > 0 {
		f.Categories = categories
	}
	if len(links) > 0 {
		f.Links = links
	}
	if len(extensions) > 0 {
		f.Extensions = extensions
		if itunes, ok := extensions["itunes"]; ok {
			f.ITunesExt = ext.NewITunesFeedExtension(itunes)
		}
		if dc, ok := extensions["dc"]; ok {
			f.DublinCoreExt = ext.NewDublinCoreExtension(dc)
		}
	}
	return f, true
}

// rssItem is rss.Parser's parseItem.
func (t *xtree) rssItem(it *xnode, d dates) (*rss.Item, bool) {
	item := &rss.Item{}
	extensions := ext.Extensions{}
	var categories []*rss.Category
	var enclosures []*rss.Enclosure
	var links []string
	for _, k := range it.kids {
		n := &t.nodes[k]
		if strings.ToLower(n.local) == "encoded" && t.prefixFor(n) == "content" {
			item.Content = t.parseText(n)
			continue
		}
		if t.isExtension(n) {
			if !t.addExtension(extensions, n) {
				return nil, false
			}
			continue
		}
		switch strings.ToLower(n.local) {
		case "title":
			item.Title = t.parseText(n)
		case "description":
			item.Description = t.parseText(n)
		case "link":
			item.Link = t.rssLink(n)
			links = append(links, item.Link)
		case "author":
			item.Author = t.parseText(n)
		case "comments":
			item.Comments = t.parseText(n)
		case "pubdate":
			item.PubDate = t.parseText(n)
			parsed, ok := d.parse(item.PubDate)
			if !ok {
				return nil, false
			}
			if parsed != nil { // gofeed keeps an earlier date over one it cannot read
				item.PubDateParsed = parsed
			}
		case "source":
			item.Source = &rss.Source{URL: attribute(resolvedAttrs(n), "url"), Title: t.parseText(n)}
		case "enclosure":
			attrs := resolvedAttrs(n)
			enc := &rss.Enclosure{URL: attribute(attrs, "url"), Length: attribute(attrs, "length"), Type: attribute(attrs, "type")}
			item.Enclosure = enc
			enclosures = append(enclosures, enc)
		case "guid":
			attrs := resolvedAttrs(n)
			permalink := attribute(attrs, "isPermaLink")
			if permalink == "" {
				permalink = attribute(attrs, "isPermalink")
			}
			if permalink == "" {
				permalink = "true"
			}
			item.GUID = &rss.GUID{IsPermalink: permalink, Value: t.parseText(n)}
		case "category":
			categories = append(categories, t.rssCategory(n))
		default: // parseItemCustom, "encoded" without the content prefix included
			if item.Custom == nil {
				item.Custom = make(map[string]string)
			}
			item.Custom[n.local] = t.parseText(n)
		}
	}
	if len(enclosures) > 0 {
		item.Enclosures = enclosures
	}
	if len(categories) > 0 {
		item.Categories = categories
	}
	if len(links) > 0 {
		item.Links = links
	}
	if len(extensions) > 0 {
		item.Extensions = extensions
		if itunes, ok := extensions["itunes"]; ok {
			item.ITunesExt = ext.NewITunesItemExtension(itunes)
		}
		if dc, ok := extensions["dc"]; ok {
			item.DublinCoreExt = ext.NewDublinCoreExtension(dc)
		}
	}
	return item, true
}

// rssLink is rss.Parser's parseLink with no xml:base in scope.
func (t *xtree) rssLink(n *xnode) string {
	href := attribute(resolvedAttrs(n), "href")
	u := t.parseText(n)
	if u == "" && href != "" {
		u = href
	}
	return u
}

func (t *xtree) rssCategory(n *xnode) *rss.Category {
	return &rss.Category{Domain: attribute(resolvedAttrs(n), "domain"), Value: t.parseText(n)}
}

// rssImage is rss.Parser's parseImage: children by name, whatever their
// namespace.
func (t *xtree) rssImage(img *xnode) *rss.Image {
	image := &rss.Image{}
	for _, k := range img.kids {
		n := &t.nodes[k]
		switch strings.ToLower(n.local) {
		case "url":
			image.URL = t.parseText(n)
		case "title":
			image.Title = t.parseText(n)
		case "link":
			image.Link = t.parseText(n)
		case "width":
			image.Width = t.parseText(n)
		case "height":
			image.Height = t.parseText(n)
		case "description":
			image.Description = t.parseText(n)
		}
	}
	return image
}

// prefixFor is gofeed's PrefixForNamespace for n's namespace: the
// canonical prefix of a well-known namespace, else the document's latest
// prefix for it, else the namespace itself.
func (t *xtree) prefixFor(n *xnode) string {
	space := t.space(n)
	if p, ok := canonicalPrefixes[space]; ok {
		return p
	}
	for i := len(t.ns) - 1; i >= 0; i-- {
		if t.ns[i].value == space && t.ns[i].local != "" {
			return t.ns[i].local
		}
	}
	return space
}

// space is the namespace URI encoding/xml gives n.
func (t *xtree) space(n *xnode) string {
	if n.prefix == "" {
		return t.defaultNS
	}
	return t.uri(n.prefix)
}

// addExtension is gofeed's ParseExtension: n (reached by NextTag, so with
// its URL attributes resolved) under its namespace's prefix and its name.
func (t *xtree) addExtension(fe ext.Extensions, n *xnode) bool {
	prefix := t.prefixFor(n)
	e, ok := t.extension(n, resolvedAttrs(n))
	if !ok {
		return false
	}
	if _, ok := fe[prefix]; !ok {
		fe[prefix] = map[string][]ext.Extension{}
	}
	fe[prefix][n.local] = append(fe[prefix][n.local], e)
	return true
}

// extension is gofeed's parseExtensionElement: attributes by local name,
// children by name, the element's own character data trimmed.
func (t *xtree) extension(n *xnode, attrs []xattr) (ext.Extension, bool) {
	e := ext.Extension{Name: n.local, Children: map[string][]ext.Extension{}, Attrs: map[string]string{}}
	for _, a := range attrs {
		e.Attrs[a.local] = a.value
	}
	for _, k := range n.kids {
		c := &t.nodes[k]
		child, ok := t.extension(c, c.attrs)
		if !ok {
			return e, false
		}
		e.Children[c.local] = append(e.Children[c.local], child)
	}
	v, ok := t.charData(n)
	e.Value = strings.TrimSpace(v)
	return e, ok
}
