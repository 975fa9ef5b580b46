package feed

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Documents and measurements from an adversarial review of the fast path
// (fastxml.go, fasttext.go, fastrss.go, fastatom.go): corners of gofeed,
// goxpp and encoding/xml the review looked at. Every document in
// reviewFastHolds is read by the fast path and must be gofeed's feed
// exactly; those in reviewFastGivesUp must be left to gofeed.

const atomNS = `<feed xmlns="http://www.w3.org/2005/Atom">`

var reviewFastHolds = map[string]string{
	// gofeed trims the vertical tab html.UnescapeString makes of &#XB; off the
	// date; the fast path's GMT reading sees the same trimmed date.
	"pubDate with a control via &#XB;": `<rss><channel><item><pubDate>Tue, 24 Nov 2026 07:15:00 GMT&#XB;</pubDate></item></channel></rss>`,
	// Atom text constructs: type/mode rules without markup.
	"xhtml text keeps references": atomNS + `<title type="xhtml">a &amp;lt; b &#233;</title></feed>`,
	"html text decodes twice":     atomNS + `<title type="html">a &amp;lt;div&amp;gt; b &lt;p&gt;</title></feed>`,
	"type spaced is raw":          atomNS + `<title type=" html">a &amp; b</title><subtitle type="text/xhtml">c &amp; d</subtitle></feed>`,
	"mode without type is raw":    atomNS + `<title mode="escaped">a &amp; b</title><rights mode="xml">r &lt;</rights></feed>`,
	"last type wins, first for Content.Type": atomNS + `<entry><content type="html" type="text" src=" rel/x">a &amp;amp; b</content>` +
		`<summary type="text" type="xhtml">s &amp; t</summary></entry></feed>`,
	"cdata then html type":                 atomNS + `<entry><content type="html"><b>x</b><![CDATA[<i>y</i>]]>&amp;</content></entry></feed>`,
	"cdata in a comment":                   atomNS + `<title>a<!-- <![CDATA[ -->b &amp; c</title></feed>`,
	"self-closing constructs":              atomNS + `<title type="xhtml"/><entry><content type="html" src="a b"/><id/></entry></feed>`,
	"uri elements round trip":              atomNS + `<id>  http://a.example/a b</id><icon>HTTP://A.example/%7e</icon><logo>%zz</logo><entry><author><name>n</name><uri> /x y</uri><url>u</url><homepage> h p</homepage></author></entry></feed>`,
	"person children by name":              `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x"><author><x:name>N</x:name><x:uri> a b</x:uri><x:other>o</x:other></author></feed>`,
	"atom dates fail after ok":             atomNS + `<updated>2026-11-24T07:15:00Z</updated><updated>soon</updated><entry><published>2026-11-24T07:15:00Z</published><issued>x</issued></entry></feed>`,
	"atom root lang and version by prefix": `<feed xmlns:lang="urn:l" xmlns:version="urn:v" xml:lang="en"><title>x</title></feed>`,
	"atom root lang plain over xml:lang":   `<feed xml:lang="en" lang="fr" version="1.0" xmlns="http://purl.org/atom/ns#"><title>x</title></feed>`,
	"atom element named xmlns":             atomNS + `<xmlns>x</xmlns><entry><xmlns/><x>y</x></entry></feed>`,
	"atom link and category attrs": atomNS + `<link HREF="a" href=" b c" rel=""/><category term="t" scheme=" s t" label="l"/>` +
		`<generator uri=" g h" url="u" version="1">G</generator><entry><link rel="enclosure" length="1" hreflang="en" title="t" type="audio/mpeg" href="%zz"/></entry></feed>`,

	// RSS: namespaces and prefixes.
	"two prefixes, one uri":          `<rss xmlns:a="urn:x" xmlns:b="urn:x"><channel><a:t>1</a:t><b:t>2</b:t><item><a:encoded>e</a:encoded></item></channel></rss>`,
	"content prefix, other uri":      `<rss xmlns:a="urn:x" xmlns:content="urn:x"><channel><item><a:encoded>e</a:encoded><content:encoded>f</content:encoded></item></channel></rss>`,
	"content prefix then canon":      `<rss xmlns:content="urn:x" xmlns:c="http://purl.org/rss/1.0/modules/content/"><channel><item><content:encoded>e</content:encoded><c:ENCODED>f</c:ENCODED></item></channel></rss>`,
	"prefix named rss":               `<rss xmlns:rss="urn:r" xmlns:RSS="urn:R"><channel><rss:title>x</rss:title><RSS:title>y</RSS:title><item><rss:link>l</rss:link></item></channel></rss>`,
	"canonical under odd prefix":     `<rss xmlns:IT="http://www.itunes.com/DTDs/PodCast-1.0.dtd" xmlns:D="http://purl.org/dc/elements/1.1/"><channel><IT:author>a</IT:author><item><D:creator>c</D:creator><IT:duration>1:00</IT:duration></item></channel></rss>`,
	"rss root version by prefix":     `<rss xmlns:version="urn:v"><channel><title>x</title></channel></rss>`,
	"rss item named xmlns/xml":       `<rss><channel><item><xmlns>x</xmlns><xml>y</xml><Encoded>e</Encoded><encoded>f</encoded></item></channel></rss>`,
	"undeclared prefix on root attr": `<rss q:version="9" xml:lang="en"><channel><title>x</title></channel></rss>`,

	// RSS: attributes gofeed resolves (NextTag) or not (root, extension children).
	"url attributes resolved on top-level only": `<rss xmlns:m="http://search.yahoo.com/mrss/"><channel><item>` +
		`<m:content url=" u v" href=" a b" SRC=" c d"><m:thumbnail href=" e f" uri=" g h"/></m:content>` +
		`<enclosure url=" x" href=" y z" type="t"/><source url=" s t" href=" h i">S</source><category domain=" d" scheme=" s c">c</category>` +
		`<link href=" a b"/><guid isPermalink="false" isPermaLink="">g</guid></item></channel></rss>`,
	"references in attributes":      `<rss xmlns:x="urn:x"><channel><item><enclosure url="a&amp;b&#x41;&#65;&lt;&gt;&quot;&apos;" type="&#233;"/><x:y a="&#10;&#9;&#13;">v</x:y></item></channel></rss>`,
	"raw white space in attributes": "<rss xmlns:x=\"urn:x\"><channel><item><enclosure url=\"a\n\tb\" type=\" t \"/><x:y a=\"\n\">v</x:y></item></channel></rss>",

	// RSS: text.
	"numeric references": `<rss><channel><title>&#1114112; &#x110000; &#99999999999999999999999; &#xD800; &#; &#x; &#X41; &#0065;</title></channel></rss>`,
	"unicode spaces":     "<rss><channel><title>\u2003\u00a0 t \u3000\u0085</title><link>\u00a0https://a.example/\u00a0</link><item><pubDate>\u2003Tue, 24 Nov 2026 07:15:00 +0000\u00a0</pubDate></item></channel></rss>",
	"dates kept and dropped": `<rss><channel><pubDate>Tue, 24 Nov 2026 07:15:00 +0000</pubDate><pubDate>never</pubDate>` +
		`<lastBuildDate>Tue, 24 Nov 2026 07:15:00 GMT</lastBuildDate><item><pubDate>Tue, 24 Nov 2026 07:15:00 +0000</pubDate><pubDate>never</pubDate></item>` +
		`<item><pubDate>never</pubDate><pubDate>2026-11-24</pubDate></item></channel></rss>`,
	"pubDate via &#XD;": `<rss><channel><item><pubDate>Tue, 24 Nov 2026 07:15:00 +0000&#XD;</pubDate></item></channel></rss>`,
	"cdata shapes": `<rss><channel><title><![CDATA[]]></title><description> <![CDATA[a<![CDATA[b]]> </description><item>` +
		`<title><![CDATA[x]]]]><![CDATA[>]]></title><description>]]&amp;> ]]<!-- -->> <![CDATA[c]]]]>></description></item></channel></rss>`,
	"comments in text and extensions":           `<rss xmlns:x="urn:x"><channel><title>a<!-- c -->b<!---->c<!--- -->d</title><x:e> f <!-- g --> h <x:i/> j </x:e></channel></rss>`,
	"channel, items and extensions at the root": `<rss xmlns:x="urn:x"><item><title>r</title></item><x:item>skipped</x:item><channel><title>c</title><item><title>i</title></item><channel><title>nested</title></channel></channel><unknown/></rss>`,
	"image by name":             `<rss xmlns:x="urn:x"><channel><image><x:url> u v </x:url><Title>t</Title><link>l</link><x:width>1</x:width></image><image><height>2</height></image></channel></rss>`,
	"prolog":                    "\n<?xml version='1.0' standalone='no'?>\n<!-- a --><?pi x?><?a-b?>\n<!---->\n<rss><channel><title>x</title></channel></rss>\n<!-- z -->\n<?end?>\n",
	"upper-case root and names": `<RsS><CHANNEL><TITLE>x</TITLE><ITEM><PUBDATE>Tue, 24 Nov 2026 07:15:00 +0000</PUBDATE><Custom>a</Custom><custom>b</custom></ITEM></CHANNEL></RsS>`,
	"tab in end tags":           "<rss><channel><title\t>a</title\t\n></channel ></rss\n>",
	"single quotes":             `<rss><channel><item><guid isPermaLink='fa"lse'>g</guid><enclosure url='a"b' type="c'd"/></item></channel></rss>`,
	"odd names":                 `<rss xmlns:x.y-z="urn:q"><channel><x.y-z:a_b.c-d e.f="1">v</x.y-z:a_b.c-d><_u>u</_u><item><a.b>c</a.b></item></channel></rss>`,
	"xhtml with xml:lang":       atomNS + `<entry><content type="xhtml" xml:lang="en">plain &amp; simple</content></entry></feed>`,
	"link text and href":        `<rss><channel><link href="h">  t  </link><item><link href="h"> </link><link href=""/></item></channel></rss>`,
	"> and ]]> in attributes":   `<rss><channel><item><enclosure url="a>b]]>c" type="t"/></item></channel></rss>`,
	"version twice":             `<rss version="1" version="2"><channel/></rss>`,
	"entry in entry":            atomNS + `<entry><entry><title>inner</title></entry><title>outer</title></entry></feed>`,
	"text between children":     `<rss>junk<channel>more<title>t</title>text<item><item>i</item></item></channel>tail</rss>`,
}

var reviewFastGivesUp = map[string]string{
	"spaces around =":                        "<rss\n\tversion = \"2.0\"><channel/></rss>",
	"namespace declared below the root":      `<rss><channel><x:a xmlns:x="urn:x">v</x:a></channel></rss>`,
	"root tag past the detection window":     `<rss` + strings.Repeat(` a="1"`, 700) + `><channel><title>x</title></channel></rss>`,
	"xml:base":                               `<rss><channel><item xml:base="http://a.example/d/"><enclosure url="x"/></item></channel></rss>`,
	"prefix bound to the XML namespace":      `<rss xmlns:b="http://www.w3.org/XML/1998/namespace"><channel b:base="http://a.example/"><link>x</link></channel></rss>`,
	"xmlns:type below the root":              atomNS + `<entry><content xmlns:type="xhtml">&lt;p&gt;</content></entry></feed>`,
	"prefixed type below the root":           `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:t="urn:t"><title t:type="xhtml">a &amp; b</title></feed>`,
	"undeclared element prefix":              `<rss><channel><rss:title>x</rss:title></channel></rss>`,
	"prefix bound twice":                     `<rss xmlns:a="urn:a" xmlns:a="urn:b"><channel/></rss>`,
	"default namespace on rss":               `<rss xmlns="urn:x"><channel/></rss>`,
	"atom prefix in atom":                    `<feed xmlns:a="http://www.w3.org/2005/Atom"><title>x</title></feed>`,
	"html with markup":                       atomNS + `<title type="html"><b>x</b></title></feed>`,
	"xhtml with a comment":                   atomNS + `<title type="xhtml"><!-- c -->x</title></feed>`,
	"base64":                                 atomNS + `<entry><summary mode="BASE64">aGk=</summary></entry></feed>`,
	"binary type":                            atomNS + `<entry><content type="Image/PNG">aGk=</content></entry></feed>`,
	"pubDate gofeed cannot re-read":          `<rss><channel><pubDate>&#XFFFE;</pubDate></channel></rss>`,
	"]]> in text":                            `<rss><channel><title>a]]>b</title></channel></rss>`,
	"no space between attributes":            `<rss><channel><item><enclosure url="a"type="b"/></item></channel></rss>`,
	"BOM":                                    "\ufeff<rss><channel><title>x</title></channel></rss>",
	"entity in an extension":                 `<rss xmlns:x="urn:x"><channel><x:a>&nbsp;</x:a></channel></rss>`,
	"long numeric reference in an extension": `<rss xmlns:x="urn:x"><channel><x:a>&#0000000065;</x:a></channel></rss>`,
	"xml-stylesheet first":                   `<?xml-stylesheet href="a"?><rss><channel/></rss>`,
	"too deep":                               `<rss><channel><item>` + strings.Repeat("<a>", 50) + strings.Repeat("</a>", 50) + `</item></channel></rss>`,
}

func TestFastReviewHolds(t *testing.T) {
	for name, doc := range reviewFastHolds {
		t.Run(name, func(t *testing.T) {
			if _, ok := fastParse([]byte(doc)); !ok {
				t.Fatalf("the fast path does not read it, so this case checks nothing: %q", doc)
			}
			if fastAgrees(t, []byte(doc)) == 0 {
				t.Fatalf("fastAgrees read nothing: %q", doc)
			}
		})
	}
}

func TestFastReviewGivesUp(t *testing.T) {
	for name, doc := range reviewFastGivesUp {
		t.Run(name, func(t *testing.T) {
			if _, ok := fastParse([]byte(doc)); ok {
				t.Errorf("the fast path read it: %q", doc)
			}
			fastAgrees(t, []byte(doc))
		})
	}
}

// BenchmarkFastReviewRootNamespaces shows the fast path's cost on a root
// start tag holding many namespace declarations: declare checks each one
// against all earlier ones (quadratic), and the detection window is only
// checked after the whole document is read. Parse never gets here (its
// prepare needs the root tag inside the window), but fastParse alone does.
func BenchmarkFastReviewRootNamespaces(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		var doc strings.Builder
		doc.WriteString(`<rss version="2.0"`)
		for i := range n {
			fmt.Fprintf(&doc, ` xmlns:p%d="urn:%d"`, i, i)
		}
		doc.WriteString(`><channel><title>t</title></channel></rss>`)
		body := []byte(doc.String())
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, ok := fastParse(body); ok {
					b.Fatal("read a root tag past the detection window")
				}
			}
		})
	}
}

// BenchmarkFastReviewHostile times the fast path and gofeed on hostile
// shapes (no census in front of them here).
func BenchmarkFastReviewHostile(b *testing.B) {
	const n = 20000
	many := func(unit string) string { return strings.Repeat(unit, n) }
	docs := map[string]string{
		"attributes":     `<rss><channel><item><enclosure` + many(` a="1"`) + `/></item></channel></rss>`,
		"url-attributes": `<rss><channel><item><enclosure` + many(` href=" x"`) + `/></item></channel></rss>`,
		"ampersands":     `<rss><channel><title>` + many(`&a`) + `;</title></channel></rss>`,
		"numeric-refs":   `<rss><channel><title>` + many(`&#x1F600;`) + `</title></channel></rss>`,
		"cdata-pieces":   `<rss><channel><title>` + many(`<![CDATA[a]]>b`) + `</title></channel></rss>`,
		"siblings":       `<rss><channel><item>` + many(`<x/>`) + `</item></channel></rss>`,
		"ext-siblings":   `<rss xmlns:x="urn:x"><channel><item>` + many(`<x:y a="1">v</x:y>`) + `</item></channel></rss>`,
		"nested-ext":     `<rss xmlns:x="urn:x"><channel><item>` + strings.Repeat(strings.Repeat(`<x:a>`, 40)+strings.Repeat(`</x:a>`, 40), n/50) + `</item></channel></rss>`,
	}
	for name, doc := range docs {
		body := []byte(doc)
		b.Run("fast/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, ok := fastParse(body); !ok {
					b.Fatal("not read")
				}
			}
		})
		b.Run("gofeed/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := gofeedParse(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFastReviewPoolRetention reports the heap a pooled tree keeps
// after one 20,000-item feed: release() keeps the node slice, every node's
// slices and the interned-name map's buckets for the next document.
func BenchmarkFastReviewPoolRetention(b *testing.B) {
	var doc strings.Builder
	doc.WriteString(`<rss version="2.0"><channel><title>t</title>`)
	for i := range 20000 {
		fmt.Fprintf(&doc, `<item><title>i</title><link>https://a.example/%d</link><x%d>v</x%d><guid>g%d</guid></item>`, i, i, i, i)
	}
	doc.WriteString(`</channel></rss>`)
	body := []byte(doc.String())
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var kept int64
	for b.Loop() {
		before := heap()
		if _, ok := fastParse(body); !ok {
			b.Fatal("not read")
		}
		kept = int64(heap()) - int64(before)
		tr := xtrees.Get().(*xtree) // empty the pool for the next round
		_ = tr
	}
	b.ReportMetric(float64(kept), "retained-B")
}

// reviewGen builds documents around what the fast path's own generator
// leaves out: namespace games on the root, root-level children, entity
// and numeric references in attributes, Unicode spaces around URLs and
// dates, successive dates, prolog variety.
type reviewGen struct{ rng *rand.Rand }

func (g *reviewGen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

func (g *reviewGen) ns() string {
	var b strings.Builder
	decls := []string{
		` xmlns:content="http://purl.org/rss/1.0/modules/content/"`, ` xmlns:content="urn:x"`, ` xmlns:c="urn:x"`,
		` xmlns:dc="http://purl.org/dc/elements/1.1/"`, ` xmlns:DC="http://purl.org/dc/elements/1.1/"`,
		` xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"`, ` xmlns:it="http://www.itunes.com/DTDs/PodCast-1.0.dtd"`,
		` xmlns:atom="http://www.w3.org/2005/Atom"`, ` xmlns:a="urn:x"`, ` xmlns:rss="urn:rss"`, ` xmlns:media="http://search.yahoo.com/mrss/"`,
		` xmlns:m="http://search.yahoo.com/mrss"`, ` xmlns:version="urn:v"`, ` xmlns:lang="urn:l"`, ` xmlns:type="urn:t"`,
		` xml:lang="en"`, ` version="2.0"`, ` version="1.0"`, ` lang="fr"`, ` a:version="9"`, ` a:lang="de"`, ` q:x="undeclared"`,
	}
	seen := map[string]bool{}
	for range g.rng.IntN(8) {
		d := g.pick(decls...)
		key := d[:strings.IndexByte(d, '=')]
		if seen[key] {
			continue
		}
		seen[key] = true
		b.WriteString(d)
	}
	for _, p := range []string{"content", "c", "dc", "DC", "itunes", "it", "atom", "a", "rss", "media", "m"} {
		if !seen[" xmlns:"+p] {
			fmt.Fprintf(&b, ` xmlns:%s="urn:%s"`, p, p)
		}
	}
	return b.String()
}

func (g *reviewGen) prefix() string {
	return g.pick("", "", "", "content:", "c:", "dc:", "DC:", "itunes:", "it:", "atom:", "a:", "rss:", "media:", "m:")
}

func (g *reviewGen) value() string {
	return g.pick("", "x", " https://a.example/p ", "\u00a0https://a.example/nb\u00a0", "a&amp;b", "&#65;&#x42;", "&lt;b&gt;",
		"https://a.example/?q=1&amp;r=2", "%41", "a b", "\u2003", "Tue, 24 Nov 2026 07:15:00 GMT", "2026-11-24T07:15:00Z", "&#233;")
}

func (g *reviewGen) attrs() string {
	var b strings.Builder
	for range g.rng.IntN(4) {
		name := g.pick("href", "HREF", "url", "src", "uri", "scheme", "type", "mode", "rel", "term", "label", "domain", "isPermaLink",
			"isPermalink", "length", "version", "xml:lang", "title", "hreflang")
		v := g.value()
		if name == "type" {
			v = g.pick("html", "xhtml", "text", "HTML", "text/plain", "image/gif", "application/octet-stream", "")
		}
		if name == "mode" {
			v = g.pick("escaped", "base64", "xml", "")
		}
		fmt.Fprintf(&b, ` %s="%s"`, name, v)
	}
	return b.String()
}

func (g *reviewGen) text() string {
	var b strings.Builder
	for range g.rng.IntN(4) {
		b.WriteString(g.pick(g.value(), "<![CDATA["+g.value()+"]]>", "<!-- c -->", " ", "\n", "\u00a0", "\u2028", "&amp;amp;",
			"&#x2003;", g.pick("<b>bold</b>", "&nbsp;", "x"), "Mon, 02 Jan 2006 15:04:05 MST", "2006-01-02", "junk"))
	}
	return b.String()
}

func (g *reviewGen) element(b *strings.Builder, names []string, depth int) {
	name := g.prefix() + g.pick(names...)
	if g.rng.IntN(6) == 0 {
		fmt.Fprintf(b, "<%s%s/>", name, g.attrs())
		return
	}
	fmt.Fprintf(b, "<%s%s>", name, g.attrs())
	if depth < 2 && g.rng.IntN(5) == 0 {
		for range 1 + g.rng.IntN(3) {
			g.element(b, names, depth+1)
			b.WriteString(g.text())
		}
	} else {
		b.WriteString(g.text())
	}
	fmt.Fprintf(b, "</%s>", name)
}

var reviewRSSNames = []string{"title", "Title", "link", "description", "pubDate", "pubdate", "PUBDATE", "lastBuildDate", "guid",
	"enclosure", "category", "source", "author", "comments", "encoded", "Encoded", "creator", "date", "image", "url", "item",
	"channel", "docs", "ttl", "x", "content", "duration", "summary"}

var reviewAtomNames = []string{"title", "Title", "id", "ID", "updated", "Updated", "published", "issued", "modified", "summary",
	"content", "link", "author", "contributor", "name", "uri", "url", "email", "homepage", "category", "generator", "icon", "logo",
	"rights", "copyright", "subtitle", "tagline", "entry", "x"}

func (g *reviewGen) prolog() string {
	return g.pick("", `<?xml version="1.0"?>`, `<?xml version="1.0" encoding="utf-8"?>`+"\n<!-- x -->\n", "<?pi?>\n",
		"\n\n", `<?xml version='1.0' standalone='yes'?><?xml-stylesheet href="a"?>`)
}

func (g *reviewGen) rss() string {
	var b strings.Builder
	b.WriteString(g.prolog())
	root := g.pick("rss", "RSS", "Rss")
	fmt.Fprintf(&b, "<%s%s>", root, g.ns())
	for range g.rng.IntN(3) {
		g.element(&b, []string{"item", "x", "title"}, 1)
	}
	for range 1 + g.rng.IntN(2) {
		b.WriteString("<channel>")
		for range g.rng.IntN(8) {
			g.element(&b, reviewRSSNames, 0)
		}
		for range g.rng.IntN(4) {
			b.WriteString("<item>")
			for range g.rng.IntN(8) {
				g.element(&b, reviewRSSNames, 1)
			}
			b.WriteString("</item>")
		}
		b.WriteString("</channel>")
	}
	fmt.Fprintf(&b, "</%s>", root)
	return b.String()
}

func (g *reviewGen) atom() string {
	var b strings.Builder
	b.WriteString(g.prolog())
	def := g.pick(` xmlns="http://www.w3.org/2005/Atom"`, ` xmlns="http://purl.org/atom/ns#"`, "")
	fmt.Fprintf(&b, "<feed%s%s>", def, g.ns())
	for range g.rng.IntN(8) {
		g.element(&b, reviewAtomNames, 0)
	}
	for range g.rng.IntN(4) {
		b.WriteString("<entry>")
		for range g.rng.IntN(8) {
			g.element(&b, reviewAtomNames, 1)
		}
		b.WriteString("</entry>")
	}
	b.WriteString("</feed>")
	return b.String()
}

func TestFastReviewRandom(t *testing.T) {
	n := 3000
	if s := os.Getenv("REVIEW_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	seed := uint64(7)
	if s := os.Getenv("REVIEW_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	g := &reviewGen{rng: rand.New(rand.NewPCG(seed, 15))}
	read := 0
	for i := range n {
		doc := g.rss()
		if i%2 == 1 {
			doc = g.atom()
		}
		read += fastAgrees(t, []byte(doc))
	}
	t.Logf("%d documents, %d read by the fast path", n, read)
	if read < n/10 {
		t.Errorf("the fast path read only %d of %d", read, n)
	}
}

// BenchmarkFastReviewNamedZoneDates compares the fast path with gofeed on
// a 30-item feed whose dates use the RFC 1123 "GMT" form most RSS feeds
// send, which none of the fast path's quick layouts reads: every distinct
// date goes through gofeedDate (a one-element rss.Parser run).
func BenchmarkFastReviewNamedZoneDates(b *testing.B) {
	for _, zone := range []string{"GMT", "+0000"} {
		var doc strings.Builder
		doc.WriteString(`<rss version="2.0"><channel><title>t</title>`)
		for i := range 30 {
			fmt.Fprintf(&doc, "<item><title>Story %d</title><link>https://a.example/%d</link><guid>g%d</guid><pubDate>Tue, 24 Nov 2026 07:%02d:00 %s</pubDate><description>Short body.</description></item>", i, i, i, i, zone)
		}
		doc.WriteString(`</channel></rss>`)
		body := []byte(doc.String())
		b.Run("fast/"+zone, func(b *testing.B) {
			for b.Loop() {
				if _, ok := fastParse(body); !ok {
					b.Fatal("not read")
				}
			}
		})
		b.Run("gofeed/"+zone, func(b *testing.B) {
			for b.Loop() {
				if _, err := gofeedParse(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
