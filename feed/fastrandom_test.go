package feed

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestFastRandomFeeds builds RSS and Atom documents from the pieces gofeed
// reads in its own ways (names in any case, extension and unknown
// elements, URL attributes, type and mode attributes, references, CDATA,
// comments, dates in many layouts, nesting) and holds the fast path to
// gofeed on each. FAST_N sets how many (default 4000).
func TestFastRandomFeeds(t *testing.T) {
	n := 4000
	if s := os.Getenv("FAST_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	g := &feedGen{rng: rand.New(rand.NewPCG(15, 2026))}
	read := 0
	for i := range n {
		doc := g.rss()
		if i%2 == 1 {
			doc = g.atom()
		}
		read += fastAgrees(t, []byte(doc))
	}
	if read < n/4 {
		t.Errorf("the fast path read only %d of %d random documents: the generator no longer exercises it", read, n)
	}
	t.Logf("%d documents, %d read by the fast path", n, read)
}

type feedGen struct{ rng *rand.Rand }

func (g *feedGen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

// text is element content: words, references, CDATA, markup, comments.
// One text in eight may hold what makes the fast path (or gofeed) give
// up: markup, references XML does not define, forbidden characters.
func (g *feedGen) text() string {
	var b strings.Builder
	hostile := g.rng.IntN(8) == 0
	for range g.rng.IntN(5) {
		switch n := g.rng.IntN(10); {
		case n == 0:
			b.WriteString("<![CDATA[" + g.pick("<p>raw</p>", " spaced ", "&amp;", "", "a]]b") + "]]>")
		case n == 1 && hostile:
			b.WriteString(g.pick("<b>x</b>", "<br/>", "<!-- c -->", "<i a=\"1\">y</i>", "&nbsp;", "&bogus;", "& ", "&#0;", "&copy=2;"))
		default:
			b.WriteString(g.pick("news ", "café ", "&amp;", "&lt;p&gt;", "&#233;", "&#x1F600;", "&#128;", " ", "\t", "\n",
				"]]", "&quot;&apos;", "&#59;", "&amp;lt;", "\u00a0", "a;b", "&amp;nbsp;"))
		}
	}
	return b.String()
}

func (g *feedGen) date() string {
	return g.pick("Tue, 24 Nov 2026 07:15:00 +0000", "Tue, 24 Nov 2026 07:15:00 GMT", "2026-11-24T07:15:00Z",
		"2026-11-24T07:15:00.123+02:00", "24 Nov 26 07:15 -0500", "Tue, 4 Nov 2026 7:15:00 EST", "2026-11-24", "",
		"  Tue, 24 Nov 2026 07:15:00 +0000 ", "not a date", "Tue Nov 24 07:15:00 -0700 2026", "Mon Jan  2 15:04:05 2006")
}

func (g *feedGen) url() string {
	return g.pick("https://a.example/x", " https://a.example/sp ace", "relative/path", "/abs", "HTTPS://A.EXAMPLE/%7Ex",
		"https://a.example/?a=1&amp;b=2", "", "mailto:a@b.example", "https://a.example/é", "tag:a.example,2026:1", "%zz")
}

func (g *feedGen) attr() string {
	return g.pick("", "", ` href="`+g.url()+`"`, ` url="`+g.url()+`"`, ` src="`+g.url()+`"`, ` type="`+g.pick("html", "text", "xhtml", "HTML", "text/html", "application/xhtml+xml", "image/png", "application/json", "")+`"`,
		` mode="`+g.pick("escaped", "xml", "escaped", "base64")+`"`, ` xml:lang="en"`, ` isPermaLink="`+g.pick("false", "true", "")+`"`,
		` isPermalink="false"`, ` domain="d"`, ` rel="`+g.pick("alternate", "self", "enclosure", "")+`"`, ` term="t" scheme="`+g.url()+`"`,
		` length="12"`, ` a="1" a="2"`, ` version="2.0"`)
}

// element writes one child element of the given vocabulary, sometimes
// with children of its own.
func (g *feedGen) element(b *strings.Builder, names []string, depth int) {
	name := g.pick(names...)
	if g.rng.IntN(4) == 0 && !strings.Contains(name, ":") {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	if g.rng.IntN(8) == 0 {
		fmt.Fprintf(b, "<%s%s/>", name, g.attr())
		return
	}
	fmt.Fprintf(b, "<%s%s%s>", name, g.attr(), g.attr())
	switch {
	case strings.Contains(strings.ToLower(name), "date") || strings.HasSuffix(name, "ated") || strings.HasSuffix(name, "ished"):
		b.WriteString(g.date())
	case depth < 2 && g.rng.IntN(5) == 0:
		for range 1 + g.rng.IntN(3) {
			g.element(b, []string{"name", "url", "uri", "email", "media:title", "x:y", "media:content", "title"}, depth+1)
			b.WriteString(g.pick("", "\n", " text "))
		}
	default:
		b.WriteString(g.text())
	}
	fmt.Fprintf(b, "</%s>", name)
}

func (g *feedGen) rss() string {
	var b strings.Builder
	b.WriteString(g.pick(`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0"?>`, "", `<?xml version="1.0" encoding="utf-8" standalone="yes"?>`) + "\n")
	b.WriteString(`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:x="urn:x" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">` + "\n<channel>")
	channel := []string{"title", "link", "description", "language", "pubDate", "lastBuildDate", "docs", "ttl", "category",
		"image", "generator", "atom:link", "itunes:author", "itunes:category", "dc:date", "x:thing", "unknown", "webMaster"}
	for range g.rng.IntN(6) {
		g.element(&b, channel, 0)
	}
	item := []string{"title", "link", "description", "content:encoded", "c:encoded", "encoded", "pubDate", "guid", "author",
		"category", "enclosure", "comments", "source", "dc:creator", "dc:date", "media:content", "media:group", "itunes:duration",
		"x:thing", "custom", "Custom"}
	for range 1 + g.rng.IntN(4) {
		b.WriteString("<item>")
		for range 1 + g.rng.IntN(7) {
			g.element(&b, item, 0)
			b.WriteString(g.pick("", "\n", "<!-- between -->"))
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

func (g *feedGen) atom() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(g.pick(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xmlns:media="http://search.yahoo.com/mrss/" xmlns:x="urn:x">`,
		`<feed xmlns="http://purl.org/atom/ns#" version="0.3">`, `<feed>`))
	head := []string{"title", "subtitle", "id", "updated", "link", "generator", "icon", "logo", "rights", "author",
		"contributor", "category", "media:thumbnail", "unknown"}
	for range g.rng.IntN(6) {
		g.element(&b, head, 0)
	}
	entry := []string{"title", "id", "updated", "published", "issued", "modified", "summary", "content", "link", "author",
		"contributor", "category", "rights", "media:content", "x:thing", "unknown"}
	for range 1 + g.rng.IntN(4) {
		b.WriteString("<entry>")
		for range 1 + g.rng.IntN(7) {
			g.element(&b, entry, 0)
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>")
	return b.String()
}
