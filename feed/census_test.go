package feed

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/sharedtest"
	"github.com/mmcdole/gofeed"
)

// nsFlood returns an RSS document whose channel declares n namespaces
// (spelling each attribute name decl+"K"), then holds items items with an
// attribute each (so the cutter resolves every one's prefix).
func nsFlood(n, items int, decl string) []byte {
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel`)
	for i := range n {
		fmt.Fprintf(&b, ` %s%d=""`, decl, i)
	}
	b.WriteString(`><title>Flood</title>`)
	b.WriteString(strings.Repeat(`<item a=""/>`, items))
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// parseAlloc parses body, returning what Parse returns and the bytes it
// allocated.
func parseAlloc(body []byte) (*Feed, error, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := Parse(body, "", "https://flood.example/feed")
	runtime.ReadMemStats(&after)
	return f, err, after.TotalAlloc - before.TotalAlloc
}

// TestCapNamespaceResolveLinear: the cutter resolves an item's prefix in
// one step however many namespaces are in scope, so scanning N
// declarations and N items takes work and allocations linear in N (a scan
// of the bindings took 18 s at N = 80,000). Counted, not timed.
func TestCapNamespaceResolveLinear(t *testing.T) {
	cost := func(n int) (steps int, allocs float64) {
		doc := nsFlood(n, n, "xmlns:p")
		allocs = testing.AllocsPerRun(1, func() {
			sc := xmlScanner{src: doc}
			if err := sc.scan(); err != nil {
				t.Fatal(err)
			}
			if len(sc.items) != n {
				t.Fatalf("scanned %d items, want %d", len(sc.items), n)
			}
			steps = sc.nsSteps
		})
		return steps, allocs
	}
	const n = 80_000
	s1, a1 := cost(n)
	s2, a2 := cost(2 * n)
	t.Logf("N=%d: %d steps, %.0f allocations; 2N: %d steps, %.0f allocations", n, s1, a1, s2, a2)
	if s1 == 0 || s1 > 4*n || s2 > 2*s1+100 {
		t.Errorf("resolving prefixes took %d steps for N=%d and %d for 2N: not linear", s1, n, s2)
	}
	if a2 > 2.5*a1 {
		t.Errorf("scanning allocated %.0f times for N=%d and %.0f for 2N: not linear", a1, n, a2)
	}
}

// TestParseNamespaceFloods: a document declaring more namespaces than a
// feed needs, or declaring them in scope of too many elements, is refused
// before gofeed copies them at every start tag; feeds declaring them the
// ways real ones do parse.
func TestParseNamespaceFloods(t *testing.T) {
	nested := `<rss version="2.0" xmlns:f="urn:f"><channel><title>T</title><item><f:a`
	for i := range 1000 {
		nested += fmt.Sprintf(` xmlns:p%d="urn:%d"`, i, i)
	}
	nested += `>` + strings.Repeat(`<f:b/>`, 5000) + `</f:a></item></channel></rss>`
	for name, tc := range map[string]struct {
		body []byte
		want string
	}{
		"80k on the channel, 80k items":  {nsFlood(80_000, 80_000, "xmlns:p"), "declares more than 50000 XML namespaces"},
		"10k on the channel, 1000 items": {nsFlood(10_000, 1000, "xmlns:p"), "declares XML namespaces over too many elements"},
		"hidden by control bytes":        {nsFlood(10_000, 1000, "xml\x01ns:p"), "declares XML namespaces over too many elements"},
		"1000 in an item, 5000 elements": {[]byte(nested), "declares XML namespaces over too many elements"},
		"60k on the channel, no items":   {nsFlood(60_000, 0, "xmlns:p"), "declares more than 50000 XML namespaces"},
	} {
		f, err, alloc := parseAlloc(tc.body)
		if !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %d items, err %v; want %q", name, itemCount(f), err, tc.want)
		}
		if alloc > 64<<20 {
			t.Errorf("%s: Parse allocated %d MB, want under 64 MB", name, alloc>>20)
		}
	}
	// Real feeds: a few dozen on the root, and one or two on every item.
	for _, items := range []int{MaxItems, 5000} {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"`)
		for i := range 30 {
			fmt.Fprintf(&b, ` xmlns:n%d="http://n%d.example/ns"`, i, i)
		}
		b.WriteString(`><channel><title>T</title>`)
		for i := range items {
			fmt.Fprintf(&b, `<item xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">`+
				`<title>%d</title><guid>g%d</guid><dc:creator>A</dc:creator><n1:x a="1">y</n1:x>`+
				`<content:encoded><![CDATA[<p>text</p>]]></content:encoded></item>`, i, i)
		}
		b.WriteString(`</channel></rss>`)
		f, err := Parse([]byte(b.String()), "", "")
		if err != nil || len(f.Items) != MaxItems || f.TotalItems != items {
			t.Errorf("%d items declaring namespaces: %d of %d items, %v", items, itemCount(f), totalCount(f), err)
		}
	}
}

func itemCount(f *Feed) int {
	if f == nil {
		return -1
	}
	return len(f.Items)
}

func totalCount(f *Feed) int {
	if f == nil {
		return -1
	}
	return f.TotalItems
}

// floods are documents under 8 MiB that cost gofeed hundreds of megabytes
// (or, for text pieces, minutes) within a single item.
func floods() map[string][]byte {
	rss := func(inItem string) []byte {
		return []byte(`<rss version="2.0" xmlns:f="http://f.example/"><channel><title>T</title><item><title>x</title>` + inItem + `</item></channel></rss>`)
	}
	var attrs strings.Builder
	for i := range 700_000 {
		fmt.Fprintf(&attrs, ` a%d=""`, i)
	}
	json := func(member string) []byte {
		return []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"x",` + member + `}]}`)
	}
	return map[string][]byte{
		"1M extension elements": rss(strings.Repeat("<f:b/>", 1_000_000)),
		"1M Atom links": []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>x</id>` +
			strings.Repeat("<link/>", 1_000_000) + `</entry></feed>`),
		"1M unclosed elements":     rss(strings.Repeat("<b>", 1_000_000)),
		"700k attributes":          rss("<f:b" + attrs.String() + "/>"),
		"150k attributed elements": rss(strings.Repeat(`<f:b a="1"/>`, 150_000)),
		"100k pieces, comments":    rss("<f:b>" + strings.Repeat("x<!---->", 100_000) + "</f:b>"),
		"100k pieces, children":    rss("<f:b>" + strings.Repeat("x<c/>", 100_000) + "</f:b>"),
		"30k pieces of 100 bytes":  rss("<f:b>" + strings.Repeat(strings.Repeat("y", 100)+"<![CDATA[]]>", 30_000) + "</f:b>"),
		"2M JSON attachments":      json(`"attachments":[{}` + strings.Repeat(",{}", 2_000_000-1) + `]`),
		"2.7M JSON tags":           json(`"tags":[""` + strings.Repeat(`,""`, 2_700_000-1) + `]`),
		"1M JSON authors":          json(`"authors":[{}` + strings.Repeat(",{}", 1_000_000-1) + `]`),
		"4M JSON numbers as tags":  json(`"tags":[0` + strings.Repeat(",0", 4_000_000-1) + `]`),
	}
}

// TestParseFloodsInOneItem: floods of children, attributes, text pieces
// or JSON values inside one item, which the item cap does not bound, are
// refused having allocated little (gofeed allocated 0.6 to 1.3 GB, and
// held up to 500 MB, for each of the first ones).
func TestParseFloodsInOneItem(t *testing.T) {
	for name, body := range floods() {
		if len(body) > 8<<20 {
			t.Fatalf("%s: %d bytes, more than a response may hold", name, len(body))
		}
		f, err, alloc := parseAlloc(body)
		if !errors.Is(err, ErrTooComplex) || strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("%s: got %d items, err %v; want a one-line ErrTooComplex", name, itemCount(f), err)
		}
		if alloc > 64<<20 {
			t.Errorf("%s: Parse allocated %d MB, want under 64 MB", name, alloc>>20)
		}
	}
}

// TestCapDeepNesting: a document the cutter must scan, nesting millions
// of unclosed elements, is refused without a stack of them all.
func TestCapDeepNesting(t *testing.T) {
	body := []byte(rssHead + strings.Repeat("<item/>", MaxItems+1) + strings.Repeat("<b>", 2_600_000) + rssTail)
	_, err, alloc := parseAlloc(body)
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("err = %v, want nesting refused", err)
	}
	if alloc > 100<<20 {
		t.Errorf("Parse allocated %d MB, want under 100 MB", alloc>>20)
	}
}

// TestParseUnderLimits: documents just under the limits parse, and the
// heap peaks well under 150 MB while they do. (The peak is sampled: it can
// only be missed, never overstated.)
func TestParseUnderLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("parses documents of 200,000 elements")
	}
	rss := func(decls int, inItem string) []byte {
		var b strings.Builder
		b.WriteString(`<rss version="2.0" xmlns:f="http://f.example/"`)
		for i := range decls {
			fmt.Fprintf(&b, ` xmlns:p%d="http://p%d.example/"`, i, i)
		}
		b.WriteString(`><channel><title>T</title><item><title>x</title>` + inItem + `</item></channel></rss>`)
		return []byte(b.String())
	}
	for name, body := range map[string][]byte{
		"199,990 extension elements":       rss(0, strings.Repeat("<f:b/>", 199_990)),
		"99,980 attributed, 19 namespaces": rss(18, strings.Repeat(`<f:b a="1">x</f:b>`, 99_980)),
		"199,990 attributes":               rss(0, "<f:b"+strings.Repeat(" a", 199_990)+"/>"),
		"249,000 JSON attachments": []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"x","attachments":[{}` +
			strings.Repeat(",{}", 249_000) + `]}]}`),
	} {
		var f *Feed
		var err error
		peak := peakHeap(func() { f, err = Parse(body, "", "") })
		if err != nil || len(f.Items) != 1 {
			t.Errorf("%s: %d items, %v", name, itemCount(f), err)
		}
		if peak > 150<<20 {
			t.Errorf("%s: the heap reached %d MB, want well under 150 MB", name, peak>>20)
		}
		t.Logf("%s: heap peaked at %d MB or more", name, peak>>20)
	}
}

// peakHeap runs f and returns the most heap it saw in use (live and not
// yet swept), sampling every 100µs.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base, peak := read(), uint64(0)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	if peak = max(peak, read()); peak < base {
		return 0
	}
	return peak - base
}

// TestSharedFeedsUnderLimits: no real feed in ../shared/feeds comes near
// a limit, counted exactly (the census, not the cheap bounds).
func TestSharedFeedsUnderLimits(t *testing.T) {
	dir := sharedtest.Path(t, "feeds")
	var most struct {
		nodes, namespaces, json int
		scope, textCopy         int64
	}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".tsv") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, err := Parse(raw, "", ""); errors.Is(err, ErrTooComplex) {
			t.Errorf("%s: %v", p, err)
		}
		body, typ, err := prepare(raw)
		if err != nil {
			return nil
		}
		files++
		body = toUTF8(body, "")
		if body, _, err = capItems(body, typ, MaxItems); err != nil {
			return nil
		}
		if typ == gofeed.FeedTypeJSON {
			most.json = max(most.json, jsonValues(body))
			return nil
		}
		src, err := declaredToUTF8(stripControl(body))
		if err != nil {
			return nil
		}
		c := xmlCensus{src: src}
		if err := c.scan(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		most.nodes = max(most.nodes, c.elements+c.attributes)
		most.namespaces = max(most.namespaces, c.namespaces)
		most.scope = max(most.scope, c.scope)
		most.textCopy = max(most.textCopy, c.textCopy)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d feeds; the most: %d elements and attributes (limit %d), %d namespaces (%d), %d in scope (%d), "+
		"%d bytes copied joining text (%d), %d JSON values (%d)", files, most.nodes, maxNodes, most.namespaces, maxNamespaces,
		most.scope, maxNamespaceScope, most.textCopy, int64(maxTextCopy), most.json, maxJSONValues)
	if files < 200 {
		t.Errorf("only %d feeds read in %s", files, dir)
	}
}

// BenchmarkCheckSize measures the checks on news feeds of 30 items (120 KB:
// the byte counts decide) and 300 (1.2 MB: the census runs), to compare
// with BenchmarkParse: go test ./feed -run '^$' -bench 'CheckSize|Parse$'
func BenchmarkCheckSize(b *testing.B) {
	for _, n := range []int{30, 300} {
		body := []byte(newsFeed(1, n, 4096))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := checkSize(body, gofeed.FeedTypeRSS); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
