package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// baseTime is the publication time of the newest item of every feed, fixed so
// that the corpus is the same from one run to the next.
var baseTime = time.Date(2026, time.November, 20, 9, 0, 0, 0, time.UTC)

// Word lists for the generated prose. They are the project's own, chosen to
// read like wire copy; nothing here is copied from a real article.
var (
	words = []string{
		"the", "a", "of", "in", "to", "and", "on", "for", "with", "after", "before", "over",
		"government", "minister", "officials", "city", "council", "report", "week", "year",
		"police", "court", "market", "prices", "energy", "water", "election", "vote",
		"villagers", "residents", "workers", "union", "talks", "agreement", "border",
		"river", "flood", "storm", "drought", "harvest", "farmers", "school", "hospital",
		"doctors", "patients", "budget", "tax", "bank", "rates", "inflation", "exports",
		"company", "shares", "profits", "investors", "rail", "bridge", "road", "airport",
		"said", "says", "told", "announced", "warned", "expected", "agreed", "rejected",
		"new", "local", "national", "regional", "former", "senior", "early", "late",
		"morning", "evening", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"spokesperson", "statement", "plan", "project", "study", "data", "figures",
		"percent", "million", "thousand", "dozens", "hundreds", "several", "many",
		"protest", "crowd", "square", "streets", "district", "province", "capital",
		"coast", "island", "mountain", "valley", "village", "port", "factory", "mine",
		"scientists", "researchers", "university", "museum", "festival", "team", "match",
		"season", "coach", "players", "fans", "stadium", "record", "history", "first",
		"since", "during", "while", "because", "although", "despite", "amid", "about",
		"would", "could", "should", "will", "has", "had", "was", "were", "is", "are",
		"not", "more", "less", "than", "most", "some", "all", "its", "their", "his", "her",
	}
	firstNames = []string{"Amal", "Jonas", "Priya", "Tomás", "Mei", "Olu", "Sofia", "Kenji",
		"Leila", "Marek", "Ana", "Idris", "Hannah", "Rafael", "Yara", "Pieter", "Nadia", "Chen"}
	lastNames = []string{"Haddad", "Lindqvist", "Raman", "Ortega", "Zhang", "Adeyemi",
		"Rossi", "Tanaka", "Karimi", "Novak", "Silva", "Bello", "Weber", "Costa", "Nasser",
		"de Vries", "Okafor", "Lin"}
	agencies   = []string{"AFP", "Reuters", "AP", "EPA", "Getty Images", "Anadolu", "Staff"}
	sections   = []string{"World", "Business", "Science", "Sport", "Culture", "Technology", "Climate", "Politics"}
	siteNouns  = []string{"Courier", "Herald", "Tribune", "Gazette", "Observer", "Ledger", "Post", "Chronicle", "Dispatch", "Review"}
	sitePlaces = []string{"Northern", "Harbour", "Valley", "Riverside", "Capital", "Coastal", "Highland", "Metro", "Eastern", "Western"}
)

// corpus holds every feed, generated once at start.
type corpus struct {
	seed  uint64
	items int // items per feed window
	pool  int // items generated per feed (> items in rotate mode)
	feeds []*feedDoc
}

// feedDoc is one generated feed: a header, the items as ready XML fragments
// and a footer. The default window (offset 0) is kept gzipped only, as it is
// served to every client that accepts gzip (herald and newsboat do): at 10000
// feeds the plain documents would be another 1.9 GB.
type feedDoc struct {
	index   int
	atom    bool
	title   string
	site    string // site URL (scheme://host/site/N/)
	feedURL string
	section string
	head    []byte
	entries [][]byte // newest first
	idEnd   []int    // offset in entries[i] just after its GUID (Atom id)
	tail    []byte
	dates   []time.Time // publication date of entries[i]

	size    int    // length of the offset-0 document
	gz      []byte // the offset-0 document, gzipped
	etag    string
	lastMod string
}

// rng returns the deterministic random source for feed f, item i.
func (c *corpus) rng(f, i int) *rand.Rand {
	return rand.New(rand.NewPCG(c.seed^uint64(f)*0x9E3779B97F4A7C15, uint64(i)+1))
}

// buildDoc renders the feed document for the window of n items starting at
// offset. Past the end of the pool the items come round again with "#cN"
// appended to their GUID, so that every window brings new items.
func (d *feedDoc) buildDoc(offset, n int) []byte {
	size := len(d.head) + len(d.tail)
	for k := 0; k < n; k++ {
		size += len(d.entries[(offset+k)%len(d.entries)]) + 12
	}
	b := make([]byte, 0, size)
	b = append(b, d.head...)
	for k := offset; k < offset+n; k++ {
		i, cycle := k%len(d.entries), k/len(d.entries)
		e := d.entries[i]
		if cycle == 0 {
			b = append(b, e...)
			continue
		}
		b = append(b, e[:d.idEnd[i]]...)
		b = fmt.Appendf(b, "#c%d", cycle)
		b = append(b, e[d.idEnd[i]:]...)
	}
	return append(b, d.tail...)
}

// validators returns a strong ETag and a Last-Modified value for the window
// starting at offset.
func (d *feedDoc) validators(offset int, body []byte) (etag, lastMod string) {
	h := fnv.New64a()
	h.Write(body)
	etag = `"` + strconv.FormatUint(h.Sum64(), 36) + `"`
	// In rotate mode a later window counts as newer.
	t := baseTime.Add(time.Duration(offset) * time.Minute)
	return etag, t.UTC().Format(http.TimeFormat)
}

// plain returns the offset-0 document uncompressed, for the rare client
// that does not accept gzip.
func (d *feedDoc) plain() []byte {
	zr, err := gzip.NewReader(bytes.NewReader(d.gz))
	if err != nil {
		panic(err) // gz was written by gzipBytes
	}
	buf := bytes.NewBuffer(make([]byte, 0, d.size))
	if _, err := buf.ReadFrom(zr); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// gzipper is a compressor and its output buffer, reused through gzippers:
// a new compressor allocates about 1 MB, and the output is copied out at its
// exact size (the corpus keeps 0.5 GB of it at 10000 feeds).
type gzipper struct {
	buf bytes.Buffer
	zw  *gzip.Writer
}

var gzippers = sync.Pool{New: func() any {
	g := new(gzipper)
	g.zw, _ = gzip.NewWriterLevel(&g.buf, gzip.BestSpeed)
	return g
}}

// gzipBytes compresses b at the fastest level.
func gzipBytes(b []byte) []byte {
	g := gzippers.Get().(*gzipper)
	defer gzippers.Put(g)
	g.buf.Reset()
	g.zw.Reset(&g.buf)
	g.zw.Write(b)
	g.zw.Close()
	return bytes.Clone(g.buf.Bytes())
}

// genFeed generates feed f served at base (scheme://host:port).
func (c *corpus) genFeed(f int, base string, atomEvery int, keepEntries bool) *feedDoc {
	r := c.rng(f, 0)
	d := &feedDoc{index: f}
	d.atom = atomEvery > 0 && f%atomEvery == atomEvery-1
	d.section = sections[f%len(sections)]
	d.title = fmt.Sprintf("The %s %s — %s", pick(r, sitePlaces), pick(r, siteNouns), d.section)
	d.site = fmt.Sprintf("%s/site/%d/", base, f)
	ext := "rss"
	if d.atom {
		ext = "atom"
	}
	d.feedURL = fmt.Sprintf("%s/feed/%d.%s", base, f, ext)
	// Some publishers append boilerplate to every item.
	boiler := f%3 == 0
	var b []byte
	for i := 0; i < c.pool; i++ {
		ir := c.rng(f, i+1)
		pub := baseTime.Add(-time.Duration(i)*97*time.Minute - time.Duration(f%60)*time.Minute)
		it := genItem(ir, d, f, i, base, boiler)
		var idEnd int
		if d.atom {
			b, idEnd = appendAtomEntry(b[:0], it, pub)
		} else {
			b, idEnd = appendRSSItem(b[:0], it, pub)
		}
		d.entries = append(d.entries, append([]byte(nil), b...))
		d.idEnd = append(d.idEnd, idEnd)
		d.dates = append(d.dates, pub)
	}
	if d.atom {
		d.head = fmt.Appendf(nil, `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>%s</title>
<subtitle>%s news from the %s desk</subtitle>
<link rel="alternate" type="text/html" href="%s"/>
<link rel="self" type="application/atom+xml" href="%s"/>
<id>%s</id>
<updated>%s</updated>
`, xmlEsc(d.title), d.section, d.section, d.site, d.feedURL, d.feedURL, d.dates[0].Format(time.RFC3339))
		d.tail = []byte("</feed>\n")
	} else {
		d.head = fmt.Appendf(nil, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>%s</title>
<link>%s</link>
<atom:link href="%s" rel="self" type="application/rss+xml"/>
<description>%s news from the %s desk</description>
<language>en</language>
<lastBuildDate>%s</lastBuildDate>
<ttl>15</ttl>
`, xmlEsc(d.title), d.site, d.feedURL, d.section, d.section, d.dates[0].Format(time.RFC1123Z))
		d.tail = []byte("</channel>\n</rss>\n")
	}
	body := d.buildDoc(0, c.items)
	d.size = len(body)
	d.gz = gzipBytes(body)
	d.etag, d.lastMod = d.validators(0, body)
	if !keepEntries {
		d.entries, d.idEnd, d.dates = nil, nil, nil // only the pre-joined window is served
	}
	return d
}

// item is one generated article.
type item struct {
	title, link, guid, author, summary, content string
	image, caption, credit                      string
	permalink                                   bool
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// sentence appends one sentence of n words.
func sentence(b []byte, r *rand.Rand, n int) []byte {
	for k := 0; k < n; k++ {
		w := pick(r, words)
		if k == 0 {
			b = append(b, w[0]&^0x20)
			b = append(b, w[1:]...)
		} else {
			b = append(b, ' ')
			b = append(b, w...)
		}
	}
	return append(b, '.')
}

// paragraph appends a paragraph's text (no tags) of a few sentences.
func paragraph(b []byte, r *rand.Rand) []byte {
	n := 2 + r.IntN(4)
	for k := 0; k < n; k++ {
		if k > 0 {
			b = append(b, ' ')
		}
		b = sentence(b, r, 8+r.IntN(14))
	}
	return b
}

// genItem generates item i of feed f.
func genItem(r *rand.Rand, d *feedDoc, f, i int, base string, boiler bool) item {
	var it item
	tb := sentence(nil, r, 5+r.IntN(7))
	it.title = string(tb[:len(tb)-1])
	if r.IntN(10) == 0 {
		it.title += " & more" // an entity in the title
	}
	it.link = fmt.Sprintf("%s/news/%d/%d.html", base, f, i)
	if r.IntN(4) == 0 {
		it.guid, it.permalink = it.link, true
	} else {
		it.guid = fmt.Sprintf("tag:bench.herald,2026:%d/%d", f, i)
	}
	it.author = pick(r, firstNames) + " " + pick(r, lastNames)
	it.image = fmt.Sprintf("%s/img/%d/%d.jpg", base, f, i)
	cb := sentence(nil, r, 7+r.IntN(8))
	it.caption = string(cb)
	it.credit = fmt.Sprintf("%s %s / %s", pick(r, firstNames), pick(r, lastNames), pick(r, agencies))

	target := 2048 + r.IntN(6144)
	var c []byte
	lead := paragraph(nil, r)
	it.summary = string(lead)
	c = append(c, "<p>"...)
	c = append(c, lead...)
	c = append(c, "</p>\n"...)
	c = append(c, `<figure><img src="`...)
	c = append(c, it.image...)
	c = append(c, `" alt="`...)
	c = append(c, cb...)
	c = append(c, `" width="1024" height="576"><figcaption>`...)
	c = append(c, cb...)
	c = append(c, ` <span class="credit">Photo: `...)
	c = append(c, it.credit...)
	c = append(c, "</span></figcaption></figure>\n"...)
	for p := 0; len(c) < target; p++ {
		switch {
		case p > 0 && p%4 == 0:
			c = append(c, "<h2>"...)
			h := sentence(nil, r, 3+r.IntN(4))
			c = append(c, h[:len(h)-1]...)
			c = append(c, "</h2>\n"...)
		case p%5 == 3:
			c = append(c, "<blockquote><p>“"...)
			c = sentence(c, r, 10+r.IntN(10))
			c = append(c, "”</p></blockquote>\n"...)
		}
		c = append(c, "<p>"...)
		c = paragraph(c, r)
		if r.IntN(3) == 0 {
			c = fmt.Appendf(c, ` <a href="%s/news/%d/%d.html">Read our earlier report</a>.`, base, f, r.IntN(90))
		}
		c = append(c, "</p>\n"...)
	}
	if boiler {
		c = fmt.Appendf(c, `<p>The post <a href="%s">%s</a> appeared first on <a href="%s">%s</a>.</p>`+"\n",
			it.link, xmlEsc(it.title), d.site, xmlEsc(d.title))
	}
	it.content = string(c)
	return it
}

// appendRSSItem renders an RSS 2.0 <item>; idEnd is the offset just after
// the GUID's text.
func appendRSSItem(b []byte, it item, pub time.Time) (_ []byte, idEnd int) {
	b = append(b, "<item>\n<title>"...)
	b = appendEsc(b, it.title)
	b = append(b, "</title>\n<link>"...)
	b = append(b, it.link...)
	if it.permalink {
		b = append(b, "</link>\n<guid>"...)
	} else {
		b = append(b, "</link>\n<guid isPermaLink=\"false\">"...)
	}
	b = append(b, it.guid...)
	idEnd = len(b)
	b = append(b, "</guid>\n<pubDate>"...)
	b = append(b, pub.Format(time.RFC1123Z)...)
	b = append(b, "</pubDate>\n<dc:creator>"...)
	b = appendEsc(b, it.author)
	b = append(b, "</dc:creator>\n<description><![CDATA["...)
	b = append(b, it.summary...)
	b = append(b, "]]></description>\n<content:encoded><![CDATA["...)
	b = append(b, it.content...)
	b = append(b, "]]></content:encoded>\n<media:content url=\""...)
	b = append(b, it.image...)
	b = append(b, "\" medium=\"image\" type=\"image/jpeg\">\n<media:description>"...)
	b = appendEsc(b, it.caption)
	b = append(b, "</media:description>\n<media:credit>"...)
	b = appendEsc(b, it.credit)
	return append(b, "</media:credit>\n</media:content>\n</item>\n"...), idEnd
}

// appendAtomEntry renders an Atom <entry>; idEnd is the offset just after
// the id's text.
func appendAtomEntry(b []byte, it item, pub time.Time) (_ []byte, idEnd int) {
	b = append(b, "<entry>\n<title>"...)
	b = appendEsc(b, it.title)
	b = append(b, "</title>\n<link rel=\"alternate\" type=\"text/html\" href=\""...)
	b = append(b, it.link...)
	b = append(b, "\"/>\n<id>"...)
	b = append(b, it.guid...)
	idEnd = len(b)
	b = append(b, "</id>\n<published>"...)
	b = append(b, pub.Format(time.RFC3339)...)
	b = append(b, "</published>\n<updated>"...)
	b = append(b, pub.Add(20*time.Minute).Format(time.RFC3339)...)
	b = append(b, "</updated>\n<author><name>"...)
	b = appendEsc(b, it.author)
	b = append(b, "</name></author>\n<summary type=\"html\">"...)
	b = appendEsc(b, "<p>"+it.summary+"</p>")
	b = append(b, "</summary>\n<content type=\"html\">"...)
	b = appendEsc(b, it.content)
	return append(b, "</content>\n</entry>\n"...), idEnd
}

// appendEsc appends s with XML's special characters escaped.
func appendEsc(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, rep...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

func xmlEsc(s string) string { return string(appendEsc(nil, s)) }

// articlePage renders the web page an item links to, regenerated on demand.
func (c *corpus) articlePage(f, i int, base string) []byte {
	d := c.feeds[f]
	it := genItem(c.rng(f, i+1), d, f, i, base, false)
	var b []byte
	b = fmt.Appendf(b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<link rel="alternate" type="%s" title="%s" href="%s">
</head><body>
<header><nav><a href="%s">Home</a> <a href="%s">%s</a></nav></header>
<main><article><h1>%s</h1><p class="byline">By %s</p>
%s
</article>
<aside><h3>Sign up for our newsletter</h3><p>Get the day's top stories every morning.</p></aside>
</main><footer><p>© 2026 %s</p></footer></body></html>
`, xmlEsc(it.title), xmlEsc(d.title), feedType(d), xmlEsc(d.title), d.feedURL,
		d.site, d.site, d.section, xmlEsc(it.title), xmlEsc(it.author), it.content, xmlEsc(d.title))
	return b
}

// sitePage renders a feed's home page, which advertises the feed.
func sitePage(d *feedDoc) []byte {
	return fmt.Appendf(nil, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title>
<link rel="alternate" type="%s" title="%s" href="%s">
</head><body><h1>%s</h1><p>Latest %s news.</p></body></html>
`, xmlEsc(d.title), feedType(d), xmlEsc(d.title), d.feedURL, xmlEsc(d.title), d.section)
}

func feedType(d *feedDoc) string {
	if d.atom {
		return "application/atom+xml"
	}
	return "application/rss+xml"
}
