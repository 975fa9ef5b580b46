package feed

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// fastAgrees checks the fast path against gofeed on body as Parse sees it
// (prepared, in UTF-8) and on its lifted skeleton: wherever the fast path
// reads a document, its feed must be gofeed's, field for field. It
// reports how many of the two the fast path read.
func fastAgrees(t *testing.T, body []byte) int {
	t.Helper()
	prepared, typ, err := prepare(body)
	if err != nil {
		return 0
	}
	prepared = toUTF8(prepared, "")
	read := 0
	docs := [][]byte{prepared}
	if skeleton, bodies := lift(prepared, typ); bodies != nil {
		docs = append(docs, skeleton)
	}
	for _, doc := range docs {
		got, ok := fastParse(doc)
		if !ok {
			continue
		}
		read++
		want, err := gofeedParse(doc)
		if err != nil {
			t.Fatalf("the fast path read a document gofeed refuses (%v)\nbody: %q", err, doc)
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("the fast path differs from gofeed\nbody: %q\n%s", doc, firstDifference(want.String(), got.String()))
		}
	}
	return read
}

func TestFastMatchesGofeed(t *testing.T) {
	read := 0
	for _, docs := range []map[string]string{liftFeeds, reviewBreaks, reviewHolds, fastFeeds, fastAtomFeeds} {
		for name, doc := range docs {
			t.Run(name, func(t *testing.T) { read += fastAgrees(t, []byte(doc)) })
		}
	}
	for name, doc := range map[string]string{"rss": rssFeed, "atom": atomFeed} {
		t.Run(name, func(t *testing.T) { read += fastAgrees(t, []byte(doc)) })
	}
	if read == 0 {
		t.Error("the fast path read none of the test feeds")
	}
}

// TestFastReadsNewsFeeds pins what the fast path is for: the plain RSS 2.0
// that news sites send is read without gofeed.
func TestFastReadsNewsFeeds(t *testing.T) {
	for _, name := range []string{"wordpress", "extensions", "dates", "corners", "atom-news", "atom03", "atom-no-namespace"} {
		doc := []byte(fastFeeds[name] + fastAtomFeeds[name])
		if fastAgrees(t, doc) == 0 {
			t.Errorf("%s: the fast path did not read it", name)
		}
	}
	if _, ok := fastParse([]byte(newsFeedForBench())); !ok {
		t.Error("the benchmark's news feed is not read by the fast path")
	}
}

// TestFastGivesUp lists documents the fast path must leave to gofeed.
func TestFastGivesUp(t *testing.T) {
	for name, doc := range map[string]string{
		"default namespace":    `<rss version="2.0" xmlns="urn:x"><channel><title>T</title></channel></rss>`,
		"undeclared prefix":    `<rss version="2.0"><channel><x:title>T</x:title></channel></rss>`,
		"doctype":              `<!DOCTYPE rss><rss version="2.0"><channel><title>T</title></channel></rss>`,
		"latin-1":              `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T</title></channel></rss>`,
		"mismatched":           `<rss version="2.0"><channel><title>T</titl></channel></rss>`,
		"xml:base":             `<rss version="2.0"><channel xml:base="https://a.example/"><link>x</link></channel></rss>`,
		"carriage return":      "<rss version=\"2.0\"><channel><title>T\r\n</title></channel></rss>",
		"unknown entity":       `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><dc:creator>A&nbsp;B</dc:creator></item></channel></rss>`,
		"cloud":                `<rss version="2.0"><channel><cloud domain="a" port="80"/></channel></rss>`,
		"rdf":                  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>`,
		"illegal reference":    `<rss version="2.0"><channel><title>&#1;</title></channel></rss>`,
		"comment with --":      `<rss version="2.0"><channel><!-- a -- b --><title>T</title></channel></rss>`,
		"unquoted":             `<rss version=2.0><channel><title>T</title></channel></rss>`,
		"text after root":      `<rss version="2.0"><channel/></rss>junk`,
		"namespace on a child": `<rss version="2.0"><channel><item><content:encoded xmlns:content="urn:x">b</content:encoded></item></channel></rss>`,
	} {
		if _, ok := fastParse([]byte(doc)); ok {
			t.Errorf("%s: the fast path read it", name)
		}
	}
}

// TestFastMatchesGofeedOnFixtures runs the differential check over the
// project's fixtures, the demo's feeds and, when ../shared is there, the
// 264 real feeds of ../shared/feeds.
func TestFastMatchesGofeedOnFixtures(t *testing.T) {
	var paths []string
	for _, glob := range []string{"../testdata/feeds/*", "../demo/feeds/*"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	read := 0
	check := func(t *testing.T, paths []string) {
		for _, p := range paths {
			doc, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(filepath.Base(p), func(t *testing.T) { read += fastAgrees(t, doc) })
		}
	}
	check(t, paths)
	if read == 0 {
		t.Errorf("the fast path read none of %d fixtures", len(paths))
	}
	// The real feeds of ../shared: skipped, saying so, in a fresh clone.
	t.Run("shared", func(t *testing.T) {
		var shared []string
		err := filepath.WalkDir(sharedtest.Path(t, "feeds"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".tsv") {
				shared = append(shared, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		check(t, shared)
	})
	t.Logf("%d documents read by the fast path", read)
}

// FuzzFastParse holds the fast path to gofeed on any bytes.
func FuzzFastParse(f *testing.F) {
	for _, docs := range []map[string]string{liftFeeds, reviewBreaks, reviewHolds, fastFeeds, fastAtomFeeds} {
		for _, doc := range docs {
			f.Add([]byte(doc))
		}
	}
	f.Add([]byte(rssFeed))
	f.Fuzz(func(t *testing.T, body []byte) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q", body)) })
		defer wd.Stop()
		fastAgrees(t, body)
	})
}

// newsFeedForBench is a 30-item news feed in the shape of the refresh
// benchmark's (bench/feedserver).
func newsFeedForBench() string {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Bench &amp; Co</title><link>https://bench.example/</link>
<atom:link href="https://bench.example/feed" rel="self" type="application/rss+xml"/>
`)
	para := "<p>The council voted on Monday to add two evening crossings, the first change to the timetable since 2019, after residents asked for later sailings.</p>\n"
	for i := range 30 {
		fmt.Fprintf(&doc, "<item>\n<title>Story %d: the ferry &amp; the tide</title>\n<link>https://bench.example/%d</link>\n<guid isPermaLink=\"false\">b-%d</guid>\n"+
			"<pubDate>Tue, 24 Nov 2026 07:%02d:00 +0000</pubDate>\n<dc:creator>Marta Silva</dc:creator>\n"+
			"<description><![CDATA[%s]]></description>\n<content:encoded><![CDATA[%s]]></content:encoded>\n"+
			"<media:content url=\"https://bench.example/%d.jpg\" medium=\"image\" type=\"image/jpeg\">\n<media:description>The ferry at dusk</media:description>\n<media:credit>Photo: staff</media:credit>\n</media:content>\n</item>\n",
			i, i, i, i%60, para, strings.Repeat(para, 20+i%20), i)
	}
	doc.WriteString("</channel></rss>\n")
	return doc.String()
}

// firstDifference shows where two JSON dumps part, with some context
// (when they are equal as text, the difference is in something the dump
// leaves out, such as a nil slice against an empty one).
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		if i < len(w) && i < len(g) && w[i] == g[i] {
			continue
		}
		from := max(0, i-6)
		return fmt.Sprintf("gofeed:\n%s\nfast:\n%s", strings.Join(w[from:min(len(w), i+4)], "\n"), strings.Join(g[from:min(len(g), i+4)], "\n"))
	}
	return "the JSON dumps are equal; the difference is in nil against empty, or a time's location"
}

// TestGMTDatesAsGofeed holds the fast path's reading of RFC 1123 dates in
// GMT or UTC to gofeed's own, over instants spread across decades, and
// over the shapes that look like them but are not (left to gofeed).
func TestGMTDatesAsGofeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1123, 5))
	var cases []string
	for range 3000 {
		at := time.Unix(rng.Int64N(2<<30)+631152000, 0).UTC()
		layout := pickOf(rng, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 02 Jan 2006 15:04 MST", "Monday, 02 Jan 2006 15:04:05 MST")
		zone := pickOf(rng, "GMT", "UTC", "UT", "EST", "Z", "gmt")
		cases = append(cases, strings.Replace(at.Format(layout), "UTC", zone, 1))
	}
	cases = append(cases, "Sun, 24 Nov 2026 07:15:00 GMT", "Tue, 31 Nov 2026 07:15:00 GMT", "Tue, 24 Nov 2026 24:00:00 GMT",
		"Tue, 24 Nov 2026 07:15:00 GMT+2", "Tue, 24 Nov 26 07:15:00 GMT", "Tue, 24 Nov 2026 07:15:60 GMT")
	quick := 0
	for _, c := range cases {
		want, ok := gofeedDate(c)
		if !ok {
			t.Fatalf("gofeedDate(%q) could not tell", c)
		}
		got, read := gmtDate(c)
		if !read {
			continue
		}
		quick++
		if want == nil || !want.Equal(got) || want.Location() != got.Location() {
			t.Errorf("%q: gofeed %v, fast path %v", c, want, got)
		}
	}
	if quick < 250 {
		t.Errorf("only %d of %d dates took the quick reading", quick, len(cases))
	}
}

func pickOf(rng *rand.Rand, xs ...string) string { return xs[rng.IntN(len(xs))] }
