package feed

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// TestCapMatchesGofeed checks random feeds of every format, cut to random
// caps, against gofeed's parse of the whole document: the items kept are
// the newest of the items gofeed reads, in its order, and TotalItems
// counts what gofeed reads.
func TestCapMatchesGofeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	checked, cut := 0, 0
	for i := range 300 {
		kind := []string{"rss", "rdf", "atom", "json"}[i%4]
		doc := randomCapFeed(rng, kind)
		full, err := parse(doc, "", "https://cap.example/", math.MaxInt)
		if err != nil {
			continue
		}
		checked++
		limit := 1 + rng.IntN(len(full.Items)+1)
		got, err := parse(doc, "", "https://cap.example/", limit)
		if err != nil {
			t.Fatalf("limit %d: %v\n%s", limit, err, doc)
		}
		want := *full
		want.Items = newest(full.Items, limit)
		want.TotalItems = len(full.Items)
		if len(got.Items) < len(full.Items) {
			cut++
		}
		if !reflect.DeepEqual(got, &want) {
			t.Fatalf("limit %d: kept %v of %d, want %v of %d\n%s", limit, guids(got.Items), got.TotalItems,
				guids(want.Items), want.TotalItems, doc)
		}
	}
	if checked < 250 || cut < 120 {
		t.Errorf("only %d of 300 random feeds parsed, %d cut", checked, cut)
	}
}

// newest is the cap's rule, written out plainly: the limit items with the
// latest Published (zero last), ties in order, kept in order.
func newest(items []Item, limit int) []Item {
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		pa, pb := items[a].Published, items[b].Published
		switch {
		case pa.IsZero() != pb.IsZero():
			if pa.IsZero() {
				return 1
			}
			return -1
		default:
			return pb.Compare(pa)
		}
	})
	idx = idx[:min(limit, len(idx))]
	slices.Sort(idx)
	out := []Item{}
	for _, i := range idx {
		out = append(out, items[i])
	}
	return out
}

// randomCapFeed builds a feed from items with random dates among a few
// (ties), in the forms both gofeed and the cap read, and the decoys the
// scan must see through.
func randomCapFeed(rng *rand.Rand, kind string) []byte {
	date := func() string {
		d := time.Date(2026, 5, 1+rng.IntN(4), rng.IntN(3), 0, 0, 0, time.FixedZone("", 3600*(rng.IntN(5)-2)))
		switch rng.IntN(7) {
		case 0:
			return d.Format(time.RFC1123Z)
		case 1:
			return d.UTC().Format(time.RFC1123)
		case 2:
			return d.Format(time.RFC3339)
		case 3:
			return "1970-01-01T00:00:00Z"
		case 4:
			return "someday"
		}
		return ""
	}
	pick := func(opts ...string) string { return opts[rng.IntN(len(opts))] }
	var b strings.Builder
	n := rng.IntN(9)
	guid := 0
	rssItems := func(n int) {
		for range n {
			i := guid
			guid++
			b.WriteString(pick("", "\n", `<!-- <item/> -->`, `<foo><item><guid>no</guid></item></foo>`, `<x:item xmlns:x="http://example.org/x"/>`, `<?pi <item/>?>`))
			tag := pick("item", "ITEM", "rss:item", "Item", "item")
			fmt.Fprintf(&b, "<%s><guid>g%d</guid><title>%s %d</title>", tag, i, pick("T", "Café"), i)
			for range 2 {
				if d := date(); d != "" {
					fmt.Fprintf(&b, "<%s>%s</%[1]s>", pick("pubDate", "dc:date", "atom:published", "atom:updated", "pubDate"), d)
				}
			}
			b.WriteString(pick("", `<description><![CDATA[<item>x</item>]]></description>`, `<description>&lt;item/&gt;<br></description>`,
				`<enclosure url="https://cap.example/a>b.jpg" type='image/jpeg'/>`, `<description>`+strings.Repeat("long body ", 40)+`</description>`))
			fmt.Fprintf(&b, "</%s>", tag)
		}
	}
	latin1 := rng.IntN(4) == 0 // declared ISO-8859-1, gofeed decodes it
	if latin1 {
		b.WriteString(`<?xml version="1.0" encoding="ISO-8859-1"?>`)
	}
	switch kind {
	case "rss":
		// gofeed reads the root's own namespace as RSS, unless it knows it
		// as an extension's.
		fmt.Fprintf(&b, `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"%s>`,
			pick("", "", ` xmlns="http://example.org/own"`, ` xmlns="http://purl.org/dc/elements/1.1/"`))
		rssItems(rng.IntN(2)) // gofeed lists these after the channel's
		b.WriteString(`<channel><title>R</title>`)
		rssItems(n)
		b.WriteString(`</channel>`)
		if rng.IntN(4) == 0 { // gofeed keeps only the last channel
			b.WriteString(`<channel><title>R2</title>`)
			rssItems(rng.IntN(4))
			b.WriteString(pick(`</channel>`, `</channel><channel/>`))
		}
		rssItems(rng.IntN(2))
		b.WriteString(`</rss>`)
	case "rdf":
		b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel>`)
		rssItems(n)
		b.WriteString(`</rdf:RDF>`)
	case "atom":
		b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:a="http://www.w3.org/2005/Atom"><title>A</title>`)
		for i := range n {
			b.WriteString(pick("", "\n ", `<!-- <entry/> -->`, `<foo><entry><id>no</id></entry></foo>`))
			tag := pick("entry", "a:entry", "entry")
			fmt.Fprintf(&b, "<%s><id>g%d</id><title>%s %d</title>", tag, i, pick("T", "Café"), i)
			for range 2 {
				if d := date(); d != "" {
					fmt.Fprintf(&b, "<%s>%s</%[1]s>", pick("published", "updated", "a:updated"), d)
				}
			}
			b.WriteString(pick("", `<source><entry/><updated>2031-01-01T00:00:00Z</updated></source>`, `<content type="html"><![CDATA[<entry>]]></content>`))
			fmt.Fprintf(&b, "</%s>", tag)
		}
		b.WriteString(`</feed>`)
	case "json":
		b.WriteString(`{"version":"https://jsonfeed.org/version/1.1",` + pick("", `"_x":{"items":[{"id":"no"}]},`) + `"title":"J",` + pick(`"items"`, `"Items"`) + `:[`)
		for i := range n {
			if i > 0 {
				b.WriteString(pick(",", " , ", ",\n"))
			}
			fmt.Fprintf(&b, `{"id":"g%d","title":"T %d"`, i, i)
			if d := date(); d != "" {
				fmt.Fprintf(&b, `,%s:%q`, pick(`"date_published"`, `"date_modified"`, `"\u0064ate_published"`), d)
			}
			b.WriteString(pick("", `,"content_html":"{[\"]}"`, `,"_y":{"items":[{}]}`) + "}")
		}
		b.WriteString(`]` + pick("", `,"home_page_url":"https://cap.example/"`) + `}`)
	}
	if latin1 {
		out, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(b.String()))
		if err != nil {
			panic(err)
		}
		return out
	}
	return []byte(b.String())
}

// FuzzCap checks the cut against gofeed's parse of the whole document, on
// any bytes: capped to a few items, the items kept are that many of the
// items gofeed reads (or all of them), in its order, and TotalItems counts
// what gofeed reads. (Which ones are kept depends on dates gofeed and the
// cap may read differently; TestCapMatchesGofeed checks that on dates
// both read.)
func FuzzCap(f *testing.F) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, kind := range []string{"rss", "rdf", "atom", "json"} {
		f.Add(randomCapFeed(rng, kind), uint8(1))
	}
	f.Add([]byte(rssFeed), uint8(0))
	f.Add([]byte(atomFeed), uint8(0))
	f.Add([]byte(jsonFeed), uint8(0))
	f.Add([]byte(`<!DOCTYPE rss [<!ENTITY e "<item/>">]><rss><channel><!-- <item/> --><item a='>'/><item/></channel><item/></rss>`), uint8(0))
	f.Fuzz(func(t *testing.T, doc []byte, limit uint8) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q", doc)) })
		defer wd.Stop()
		full, err := parse(doc, "", "https://fuzz.example/", math.MaxInt)
		if err != nil {
			return
		}
		n := 1 + int(limit%4)
		got, err := parse(doc, "", "https://fuzz.example/", n)
		if err != nil {
			t.Fatalf("capped to %d: %v, while gofeed reads %d items", n, err, len(full.Items))
		}
		if got.TotalItems != len(full.Items) || len(got.Items) != min(n, len(full.Items)) {
			t.Fatalf("capped to %d: kept %d of %d, gofeed reads %d", n, len(got.Items), got.TotalItems, len(full.Items))
		}
		j := 0
		for _, it := range got.Items {
			for j < len(full.Items) && !reflect.DeepEqual(it, full.Items[j]) {
				j++
			}
			if j == len(full.Items) {
				t.Fatalf("capped to %d: kept %+v, not one of gofeed's items in order", n, it)
			}
			j++
		}
		got.Items, got.TotalItems, full.TotalItems = nil, 0, 0
		full.Items = nil
		if !reflect.DeepEqual(got, full) {
			t.Fatalf("capped to %d: the feed differs: %+v, want %+v", n, got, full)
		}
	})
}
