package feed

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
)

const (
	rssHead  = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Cap</title><link>https://cap.example/</link>`
	rssTail  = `</channel></rss>`
	atomHead = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Cap</title><id>urn:cap</id>`
	atomTail = `</feed>`
	jsonHead = `{"version":"https://jsonfeed.org/version/1.1","title":"Cap","items":[`
	jsonTail = `]}`
)

// millionItems returns a feed of n empty items.
func millionItems(kind string, n int) []byte {
	switch kind {
	case "rss":
		return []byte(rssHead + strings.Repeat("<item/>", n) + rssTail)
	case "atom":
		return []byte(atomHead + strings.Repeat("<entry/>", n) + atomTail)
	}
	return []byte(jsonHead + "{}" + strings.Repeat(",{}", n-1) + jsonTail)
}

// TestParseMillionItems: a document of a million empty items keeps
// MaxItems of them, and parsing it allocates a bounded amount (without
// the cut, gofeed alone allocates about a gigabyte).
func TestParseMillionItems(t *testing.T) {
	const n = 1_000_000
	for _, kind := range []string{"rss", "atom", "json"} {
		t.Run(kind, func(t *testing.T) {
			body := millionItems(kind, n)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			f, err := Parse(body, "", "https://cap.example/feed")
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != MaxItems || f.TotalItems != n {
				t.Errorf("kept %d of %d items, want %d of %d", len(f.Items), f.TotalItems, MaxItems, n)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 150<<20 {
				t.Errorf("Parse allocated %d MB, want under 150 MB", alloc>>20)
			}
		})
	}
}

// BenchmarkParseMillionItems measures Parse on a million empty items:
// go test ./feed -run '^$' -bench MillionItems -benchmem
func BenchmarkParseMillionItems(b *testing.B) {
	for _, kind := range []string{"rss", "atom", "json"} {
		b.Run(kind, func(b *testing.B) {
			body := millionItems(kind, 1_000_000)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(body, "", "https://cap.example/feed"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// datedFeed returns a feed of one item per date (zero: undated), each
// with the GUID "g<index>".
func datedFeed(kind string, dates []time.Time) []byte {
	var b strings.Builder
	ends := map[string][2]string{"rss": {rssHead, rssTail}, "atom": {atomHead, atomTail}, "json": {jsonHead, jsonTail}}[kind]
	b.WriteString(ends[0])
	for i, d := range dates {
		switch kind {
		case "rss":
			fmt.Fprintf(&b, "\n<item><guid>g%d</guid>", i)
			if !d.IsZero() {
				fmt.Fprintf(&b, "<pubDate>%s</pubDate>", d.Format(time.RFC1123Z))
			}
			b.WriteString("</item>")
		case "atom":
			fmt.Fprintf(&b, "\n<entry><id>g%d</id>", i)
			if !d.IsZero() {
				fmt.Fprintf(&b, "<updated>%s</updated>", d.Format(time.RFC3339))
			}
			b.WriteString("</entry>")
		case "json":
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, `{"id":"g%d"`, i)
			if !d.IsZero() {
				fmt.Fprintf(&b, `,"date_published":%q`, d.Format(time.RFC3339))
			}
			b.WriteString("}")
		}
	}
	b.WriteString(ends[1])
	return []byte(b.String())
}

func guids(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.GUID)
	}
	return out
}

// TestParseKeepsNewest: of MaxItems+10 items with shuffled dates, the
// MaxItems newest are kept, in document order.
func TestParseKeepsNewest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := MaxItems + 10
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	order := rng.Perm(n) // item i is the order[i]-th oldest
	dates := make([]time.Time, n)
	var want []string
	for i, k := range order {
		dates[i] = base.Add(time.Duration(k) * time.Minute)
		if k >= 10 {
			want = append(want, fmt.Sprintf("g%d", i))
		}
	}
	for _, kind := range []string{"rss", "atom", "json"} {
		t.Run(kind, func(t *testing.T) {
			f, err := Parse(datedFeed(kind, dates), "", "https://cap.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			if f.TotalItems != n || !slices.Equal(guids(f.Items), want) {
				t.Errorf("kept %d of %d items, want the %d newest of %d in document order", len(f.Items), f.TotalItems, MaxItems, n)
			}
		})
	}
}

// TestCapTiesAndUndated: dated items first, newest first; ties and
// undated items in document order.
func TestCapTiesAndUndated(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2026, 1, day, 12, 0, 0, 0, time.UTC) }
	var none time.Time
	dates := []time.Time{d(2), none, d(1), d(2), none, d(3), d(2)}
	for _, tc := range []struct {
		limit int
		want  []string
	}{
		{1, []string{"g5"}},
		{3, []string{"g0", "g3", "g5"}},
		{5, []string{"g0", "g2", "g3", "g5", "g6"}},
		{6, []string{"g0", "g1", "g2", "g3", "g5", "g6"}},
	} {
		for _, kind := range []string{"rss", "atom", "json"} {
			f, err := parse(datedFeed(kind, dates), "", "", tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if got := guids(f.Items); !slices.Equal(got, tc.want) || f.TotalItems != len(dates) {
				t.Errorf("%s limit %d: kept %v of %d, want %v", kind, tc.limit, got, f.TotalItems, tc.want)
			}
		}
	}
	undated := make([]time.Time, 5)
	f, err := parse(datedFeed("rss", undated), "", "", 2)
	if err != nil || !slices.Equal(guids(f.Items), []string{"g0", "g1"}) {
		t.Errorf("undated feed: kept %v (%v), want the first two", guids(f.Items), err)
	}
}

// TestParseUntouched: a feed of MaxItems items or fewer parses as it did
// before the cap; its bytes reach gofeed unchanged, even when the scan
// runs (JSON: every item is an object, so it does).
func TestParseUntouched(t *testing.T) {
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{MaxItems, 10} {
		dates := make([]time.Time, n)
		for i := range dates {
			dates[i] = base.Add(time.Duration(i%7) * time.Hour)
		}
		for _, kind := range []string{"rss", "atom", "json"} {
			body := datedFeed(kind, dates)
			body, typ, err := prepare(body)
			if err != nil {
				t.Fatal(err)
			}
			out, dropped, err := capItems(body, typ, MaxItems)
			if err != nil || dropped != 0 || len(out) != len(body) || &out[0] != &body[0] {
				t.Errorf("%s of %d items: capItems changed the document (dropped %d, %v)", kind, n, dropped, err)
			}
		}
	}
	// The whole parse, once: deep-equal to the parse without a cap.
	for _, n := range []int{MaxItems, 10} {
		body := datedFeed("rss", make([]time.Time, n))
		got, err := Parse(body, "", "https://cap.example/feed")
		if err != nil {
			t.Fatal(err)
		}
		want, err := parse(body, "", "https://cap.example/feed", math.MaxInt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || got.TotalItems != n {
			t.Errorf("rss of %d items: the capped parse differs, or TotalItems = %d", n, got.TotalItems)
		}
	}
}

// TestCapHiddenItems: item markup in CDATA, comments, processing
// instructions, directives, attribute values, deeper elements or foreign
// namespaces is not an item.
func TestCapHiddenItems(t *testing.T) {
	decoys := strings.Repeat("<item/>", MaxItems+1)
	cases := map[string]string{
		"rss": `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "<item/>"> <!-- <item/> -->]>` +
			`<rss version="2.0"><channel><title>T</title><!-- ` + decoys + ` -->` +
			`<item><title>a</title><description><![CDATA[` + decoys + `]]></description></item>` +
			`<?pi ` + decoys + `?><foo><item/><item/></foo><x:item xmlns:x="http://example.org/x"/>` +
			`<item note='a>b' b=c><title>b</title></item>` +
			`<item><title>c</title><description>&lt;item/&gt;` + `<br>` + `</description></item>` +
			`</channel><item><title>d</title></item></rss>`,
		"atom": `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:a="http://www.w3.org/2005/Atom"><title>T</title>` +
			`<entry><id>a</id><source><entry><id>no</id></entry><updated>2031-01-01T00:00:00Z</updated></source></entry>` +
			`<!-- ` + strings.Repeat("<entry/>", MaxItems+1) + ` --><a:entry><id>b</id></a:entry>` +
			`<x:entry xmlns:x="http://example.org/x"><id>no</id></x:entry>` +
			`<entry><id>c</id><content type="html"><![CDATA[` + strings.Repeat("<entry/>", 5) + `]]></content></entry></feed>`,
		"json": `{"version":"https://jsonfeed.org/version/1.1","_x":{"items":[` + strings.Repeat(`{},`, MaxItems) + `{}]},` +
			`"items":[{"id":"a","content_html":"{{{[[\"}"},{"id":"b","_y":{"items":[{},{}]}},{"id":"c"}]}`,
	}
	for kind, doc := range cases {
		got, err := Parse([]byte(doc), "", "")
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		want, err := parse([]byte(doc), "", "", math.MaxInt)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if !reflect.DeepEqual(got, want) || got.TotalItems != len(want.Items) {
			t.Errorf("%s: the capped parse differs (TotalItems %d, items %d)", kind, got.TotalItems, len(want.Items))
		}
		// With a cap of one, the scan alone decides what an item is.
		capped, err := parse([]byte(doc), "", "", 1)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if capped.TotalItems != len(want.Items) || len(capped.Items) != 1 || !reflect.DeepEqual(capped.Items[0], want.Items[0]) {
			t.Errorf("%s: capped to one, kept %d of %d items, want 1 of %d", kind, len(capped.Items), capped.TotalItems, len(want.Items))
		}
	}
}

// TestCapEncodings: control characters gofeed drops cannot hide items,
// and a document in another encoding is cut where gofeed reads it.
func TestCapEncodings(t *testing.T) {
	hidden := rssHead + strings.Repeat("<it\x01em><title>x</title></it\x01em>", 5) + rssTail
	f, err := parse([]byte(hidden), "", "", 2)
	if err != nil || len(f.Items) != 2 || f.TotalItems != 5 {
		t.Errorf("control characters: %v, want 2 of 5 items", err)
	} else if f.Items[0].Title != "x" {
		t.Errorf("control characters: title %q", f.Items[0].Title)
	}

	// In Shift_JIS, "‐" is 0x81 0x5D: "‐]>" holds "]]>" byte-wise.
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>ニュース</title>`)
	for i := range 4 {
		fmt.Fprintf(&doc, `<item><title>記事 %d</title><guid>g%d</guid><pubDate>Mon, 0%d Feb 2026 10:00:00 +0900</pubDate><description><![CDATA[‐]><item>]]></description></item>`, i, i, 5-i)
	}
	doc.WriteString(rssTail)
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(doc.String()))
	if err != nil {
		t.Fatal(err)
	}
	f, err = parse(sjis, "", "", 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := guids(f.Items); !slices.Equal(got, []string{"g0", "g1"}) || f.TotalItems != 4 || f.Items[0].Title != "記事 0" || f.Items[0].Content != "‐]><item>" {
		t.Errorf("Shift_JIS: kept %v of %d (%q, %q), want g0, g1 of 4", got, f.TotalItems, f.Items[0].Title, f.Items[0].Content)
	}
}

// TestCapMalformed: a document that may hold more than the cap but cannot
// be read, or cut the way gofeed reads it, is refused, never handed to
// gofeed whole; a small one keeps gofeed's own error. (A document cut
// short is repaired first, then capped: TestRepairKeepsLimits.)
func TestCapMalformed(t *testing.T) {
	for name, doc := range map[string]string{
		"bad tag":        rssHead + strings.Repeat("<item/>", 5) + `<a b="c` + rssTail,
		"prefix":         `<rss><channel>` + strings.Repeat("<item/>", 5) + `<a:b></c:b></channel></rss>`,
		"late decl":      rssHead + strings.Repeat("<item/>", 5) + `<?xml version="1.0" encoding="utf-16"?>` + rssTail,
		"json comma":     jsonHead + strings.Repeat(`{} `, 5) + jsonTail,
		"json two items": jsonHead + strings.Repeat(`{},`, 5) + `{}],"ITEMS":[{}]}`,
	} {
		if _, err := parse([]byte(doc), "", "", 3); err == nil || !strings.Contains(err.Error(), "more than 3 items and could not be cut down") {
			t.Errorf("%s: err = %v", name, err)
		}
		if name == "json two items" || name == "late decl" {
			continue // gofeed reads these
		}
		_, err := parse([]byte(doc), "", "", 10)
		if err == nil || strings.Contains(err.Error(), "cut down") {
			t.Errorf("%s under the cap: err = %v, want gofeed's", name, err)
		}
	}
}
