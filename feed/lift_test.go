package feed

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// Feeds for the lift tests, in the shapes publishers send: WordPress RSS
// with CDATA bodies, Atom with escaped HTML, RSS 1.0, and the cases lift
// must leave to gofeed.
var liftFeeds = map[string]string{
	"wordpress-cdata": `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Harbour Courier</title><link>https://courier.example/</link>
<description>Local news</description>
<item>
<title>Council approves the new ferry timetable</title>
<link>https://courier.example/2026/11/ferry/</link>
<guid isPermaLink="false">https://courier.example/?p=4411</guid>
<pubDate>Tue, 24 Nov 2026 07:15:00 +0000</pubDate>
<dc:creator><![CDATA[Marta Silva]]></dc:creator>
<description><![CDATA[  <p>The council voted 7–2 on Monday to add two evening crossings. Residents had asked for later sailings since the summer &amp; the operator agreed.</p> [&#8230;]  ]]></description>
<content:encoded><![CDATA[
<p>The council voted 7–2 on Monday to add two evening crossings, the first change to the timetable since 2019.</p>
<figure><img src="https://courier.example/wp-content/ferry.jpg" alt="The ferry at dusk"><figcaption>The ferry at dusk. Photo: Courier staff</figcaption></figure>
<p>“We asked for this for years,” said one resident. <a href="https://courier.example/tag/ferry/">More on the ferry</a></p>
<p>The post <a rel="nofollow" href="https://courier.example/2026/11/ferry/">Council approves the new ferry timetable</a> appeared first on <a rel="nofollow" href="https://courier.example">Harbour Courier</a>.</p>
]]></content:encoded>
<media:content url="https://courier.example/wp-content/ferry.jpg" medium="image"><media:description>The ferry at dusk, seen from the harbour wall; the long caption that a photo desk writes for every picture it sends out.</media:description></media:content>
</item>
<item><title>Two sections</title><link>https://courier.example/2</link>
<description>Before &amp; <![CDATA[<p>A section of text that is long enough to be lifted out of the skeleton by the scanner, as news bodies are.</p>]]> between <![CDATA[<p>And a second section that is also long enough to be lifted, so both pieces go out and come back in order.</p>]]> after</description>
</item>
</channel></rss>`,

	"atom-escaped": `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Field Notes</title><id>tag:notes.example,2026:feed</id><updated>2026-11-24T10:00:00Z</updated>
<link href="https://notes.example/"/>
<entry><title type="html">Rain &amp;amp; wind</title><id>tag:notes.example,2026:1</id>
<updated>2026-11-24T10:00:00Z</updated><author><name>R. Okafor</name></author>
<summary type="text">   A short walk along the estuary, with notes on the birds that stayed through the storm and the ones that did not; an escaped &lt;summary&gt; of some length.   </summary>
<content type="html" xml:lang="en">
  &lt;p&gt;The tide was high at 9:40 &amp;amp; the wind came from the west.&lt;/p&gt;
  &lt;p&gt;&#8220;Quotes&#8221; and &#x2014; dashes, &lt;a href=&quot;https://notes.example/map?a=1&amp;amp;b=2&quot;&gt;a map&lt;/a&gt;, caf&#233; &apos;au lait&apos;.&lt;/p&gt;
</content>
</entry>
<entry><title>Unknown entity stays with gofeed</title><id>tag:notes.example,2026:2</id><updated>2026-11-23T10:00:00Z</updated>
<content type="html">&lt;p&gt;Non&amp;nbsp;breaking &amp;eacute; text that is long enough to lift but holds an HTML entity, so lift must decode it exactly as gofeed would if it did lift it.&lt;/p&gt; &nbsp;</content>
</entry>
<entry><title>XHTML</title><id>tag:notes.example,2026:3</id><updated>2026-11-22T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline XHTML is read as markup, so it is never lifted; this paragraph is long enough that it would be.</p></div></content>
</entry>
<entry><title>CDATA in Atom</title><id>tag:notes.example,2026:4</id><updated>2026-11-21T10:00:00Z</updated>
<content type="html"><![CDATA[<p>A CDATA body in an Atom feed, which gofeed hands back verbatim, long enough to be lifted by the scanner for sure.</p>]]></content>
</entry>
</feed>`,

	"rss10": `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old School</title><link>https://old.example/</link><description>RSS 1.0</description></channel>
<item rdf:about="https://old.example/1"><title>First</title><link>https://old.example/1</link>
<description>&lt;p&gt;An RSS 1.0 item with an escaped description that runs long enough to be lifted out by the scanner and put back.&lt;/p&gt;</description>
<dc:date>2026-11-20T08:00:00Z</dc:date></item>
</rdf:RDF>`,

	"left-alone": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Mixed</title><link>https://mixed.example/</link>
<item><title>Child elements</title><description><p>Raw markup inside the description is parsed as XML by gofeed, so lift keeps its hands off it entirely.</p></description></item>
<item><title>Comment</title><description><!-- note --><![CDATA[<p>A CDATA section next to a comment: the comment goes into the text too, so this element is not lifted.</p>]]></description></item>
<item><title>CRLF</title><description><![CDATA[<p>Carriage returns stay as they are in gofeed's innerxml,` + "\r\n" + `so a body holding one is lifted like any other.</p>]]></description></item>
<item><title>Short</title><description><![CDATA[<p>Short.</p>]]></description></item>
<item><title>Other prefix</title><c:encoded xmlns:c="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>Content under a prefix other than content: is followed by gofeed but not by lift, which leaves it be.</p>]]></c:encoded></item>
</channel></rss>`,

	"control-character": `<rss version="2.0"><channel><title>Control</title>
<item><title>Control</title><description><![CDATA[<p>A control character ` + "\x01" + ` is dropped by gofeed before it reads the XML, so a feed holding one is read by gofeed alone.</p>]]></description></item>
</channel></rss>`,

	"latin1": "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Caf\xe9</title>" +
		"<item><title>One</title><description><![CDATA[<p>A body in a declared ISO-8859-1 encoding, caf\xe9, which gofeed converts while it reads, so lift must not touch it.</p>]]></description></item>" +
		"</channel></rss>",
}

// liftedFeed parses body as Parse does, lifting bodies of at least minLen
// bytes, and reports how many were lifted.
func liftedFeed(t *testing.T, body []byte, typ gofeed.FeedType, minLen int) (*gofeed.Feed, int, error) {
	t.Helper()
	skeleton, bodies := liftMinLen(body, typ, minLen)
	if bodies == nil {
		gf, err := gofeedParse(body)
		return gf, 0, err
	}
	gf, err := gofeedParse(skeleton)
	if err != nil {
		return nil, len(bodies.bodies), fmt.Errorf("skeleton: %w", err)
	}
	bodies.restore(gf)
	return gf, len(bodies.bodies), nil
}

// sameAsGofeed fails the test when lifting changes what gofeed makes of body.
func sameAsGofeed(t *testing.T, body []byte, minLen int) int {
	t.Helper()
	prepared, typ, err := prepare(body)
	if err != nil {
		return 0
	}
	prepared = toUTF8(prepared, "")
	want, wantErr := gofeedParse(prepared)
	got, n, gotErr := liftedFeed(t, prepared, typ, minLen)
	if n == 0 {
		return 0
	}
	if (wantErr != nil) != (gotErr != nil) {
		t.Fatalf("gofeed error %v, lifted %d bodies, error %v\nbody: %q", wantErr, n, gotErr, body)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("lifting %d bodies changed the parse\nbody: %q\ngofeed: %s\nlifted: %s", n, body, dumpFeed(want), dumpFeed(got))
	}
	return n
}

func dumpFeed(f *gofeed.Feed) string {
	if f == nil {
		return "<nil>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "title=%q desc=%q\n", f.Title, f.Description)
	for _, it := range f.Items {
		fmt.Fprintf(&b, "  item title=%q desc=%q content=%q ext=%v\n", it.Title, it.Description, it.Content, it.Extensions)
	}
	return b.String()
}

func TestLiftMatchesGofeed(t *testing.T) {
	// Bodies lifted when every length qualifies.
	wantLifted := map[string]int{
		"wordpress-cdata":   4, // description, content:encoded, the two CDATA sections
		"atom-escaped":      3, // summary, content, CDATA content; not the &nbsp; one nor XHTML
		"rss10":             1,
		"left-alone":        2, // the short one and the CRLF one
		"control-character": 0,
		"latin1":            0,
	}
	for name, doc := range liftFeeds {
		t.Run(name, func(t *testing.T) {
			sameAsGofeed(t, []byte(doc), liftMin)
			if n, want := sameAsGofeed(t, []byte(doc), 1), wantLifted[name]; n != want {
				t.Errorf("lifted %d bodies, want %d", n, want)
			}
		})
	}
	if n := sameAsGofeed(t, []byte(liftFeeds["wordpress-cdata"]), liftMin); n != 1 {
		t.Errorf("wordpress-cdata: lifted %d bodies of %d bytes or more, want 1 (content:encoded)", n, liftMin)
	}
	for name, doc := range map[string]string{"rss": rssFeed, "atom": atomFeed} {
		t.Run(name, func(t *testing.T) { sameAsGofeed(t, []byte(doc), 1) })
	}
}

func TestLiftThroughParse(t *testing.T) {
	f, err := Parse([]byte(liftFeeds["wordpress-cdata"]), "application/rss+xml", "https://courier.example/feed/")
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if !strings.Contains(it.Content, "the first change to the timetable since 2019") ||
		!strings.Contains(it.Summary, "Residents had asked for later sailings since the summer &amp; the operator") {
		t.Errorf("bodies not restored:\ncontent %q\nsummary %q", it.Content, it.Summary)
	}
	if strings.Contains(it.Content+it.Summary+it.ImageCaption, liftMark) {
		t.Errorf("a placeholder leaked: %+v", it)
	}
	f, err = Parse([]byte(liftFeeds["atom-escaped"]), "", "https://notes.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if want := `<p>“Quotes” and — dashes, <a href="https://notes.example/map?a=1&amp;b=2">a map</a>, café 'au lait'.</p>`; !strings.Contains(f.Items[0].Content, want) {
		t.Errorf("escaped body not decoded as gofeed does: %q", f.Items[0].Content)
	}
}

func TestLiftGivesUp(t *testing.T) {
	long := strings.Repeat("news ", 80)
	for name, doc := range map[string]string{
		"placeholder in feed":  `<rss><channel><item><description>` + liftMark + `0z ` + long + `</description></item></channel></rss>`,
		"xml:base":             `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/"><entry><content>` + long + `</content></entry></feed>`,
		"internal subset":      `<!DOCTYPE rss [<!ENTITY x "y">]><rss><channel><item><description>` + long + `</description></item></channel></rss>`,
		"unquoted attribute":   `<rss version=2.0><channel><item><description>` + long + `</description></item></channel></rss>`,
		"mismatched tags":      `<rss><channel><item><description>` + long + `</describe></item></channel></rss>`,
		"unclosed":             `<rss><channel><item><description>` + long,
		"two roots":            `<rss></rss><rss><channel><item><description>` + long + `</description></item></channel></rss>`,
		"foreign default ns":   `<rss xmlns="urn:x"><channel><item><description>` + long + `</description></item></channel></rss>`,
		"atom base64":          `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content mode="base64">` + long + `</content></entry></feed>`,
		"bad char ref":         `<rss><channel><item><description>` + long + `&#0;</description></item></channel></rss>`,
		"invalid utf-8":        "<rss><channel><item><description>" + long + "\xff</description></item></channel></rss>",
		"C1 reference":         `<rss><channel><item><description>` + long + `&#150;</description></item></channel></rss>`,
		"item in an extension": `<rss xmlns:x="urn:x"><channel><x:wrap><item><description>` + long + `</description></item></x:wrap></channel></rss>`,
		"entry in an entry":    `<feed xmlns="http://www.w3.org/2005/Atom"><entry><entry><content>` + long + `</content></entry></entry></feed>`,
	} {
		typ := gofeed.FeedTypeRSS
		if strings.Contains(doc, "Atom") {
			typ = gofeed.FeedTypeAtom
		}
		if out, bodies := lift([]byte(doc), typ); bodies != nil || !bytes.Equal(out, []byte(doc)) {
			t.Errorf("%s: lifted %v", name, bodies)
		}
	}
}

func TestLiftExpand(t *testing.T) {
	l := &lifted{mark: liftMark + "0123456789abcdef", bodies: []string{"BODY", "TWO"}}
	m := l.mark
	for in, want := range map[string]string{
		m + "n0z":                  "BODY",
		"a " + m + "n1z b":         "a TWO b",
		m + "n0z" + m + "n1z.":     "BODYTWO.",
		m + "n7z":                  m + "n7z", // not one of ours
		m + "n0":                   m + "n0",
		m + "0z":                   m + "0z",
		m + "n+0z":                 m + "n+0z",
		liftMark + "n0z":           liftMark + "n0z", // another nonce
		strings.Repeat(m+" ", 3):   strings.Repeat(m+" ", 3),
		m + "n99999999999999999z!": m + "n99999999999999999z!",
	} {
		if got := l.expand(in); got != want {
			t.Errorf("expand(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzLift checks that lifting never changes what gofeed makes of a feed:
// for any bytes, the lifted parse (every body, however short) equals
// gofeed's parse of the original.
func FuzzLift(f *testing.F) {
	for _, doc := range liftFeeds {
		f.Add([]byte(doc))
	}
	for _, docs := range []map[string]string{reviewBreaks, reviewHolds} {
		for _, doc := range docs {
			f.Add([]byte(doc))
		}
	}
	f.Add([]byte(rssFeed))
	f.Add([]byte(atomFeed))
	f.Fuzz(func(t *testing.T, body []byte) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q", body)) })
		defer wd.Stop()
		sameAsGofeed(t, body, 1)
	})
}

// BenchmarkParseNewsFeed measures Parse on a 30-item news feed like the
// refresh benchmark's, with and without lifting the bodies.
func BenchmarkParseNewsFeed(b *testing.B) {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>`)
	para := "<p>The council voted on Monday to add two evening crossings, the first change to the timetable since 2019, after residents asked for later sailings.</p>\n"
	for i := range 30 {
		fmt.Fprintf(&doc, "<item><title>Story %d</title><link>https://bench.example/%d</link><guid>b-%d</guid><pubDate>Tue, 24 Nov 2026 07:15:00 +0000</pubDate>"+
			"<description><![CDATA[%s]]></description><content:encoded><![CDATA[%s]]></content:encoded></item>\n",
			i, i, i, para, strings.Repeat(para, 20+i%20))
	}
	doc.WriteString(`</channel></rss>`)
	body := []byte(doc.String())
	b.Run("lifted", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := Parse(body, "", "https://bench.example/feed"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gofeed", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := gofeedParse(body); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestLiftRandomFeeds builds feeds from the pieces that trip XML readers
// (entities, CDATA splits, edge white space, control characters, markup,
// attributes and namespace declarations) and checks each against gofeed.
func TestLiftRandomFeeds(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	text := []string{"news ", "café ", "&amp;", "&lt;p&gt;", "&#233;", "&#x1F600;", "&#128;", "&#9;", "&nbsp;",
		"&bogus;", "& ", "\r\n", "\u00a0", "\u0085", " ", "\t", "\n", "]]", "]]>", "&#0;", "&#xD800;", "\x01", "\x7f",
		"\xff", "\uFFFE", "<b>x</b>", "<br/>", "<!-- c -->", "<?pi x?>", "&quot;&apos;", "&#59;", "&amp;lt;"}
	content := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			if rng.IntN(3) == 0 {
				b.WriteString("<![CDATA[")
				for range rng.IntN(5) {
					s := pick(text)
					if !strings.Contains(s, "]]>") {
						b.WriteString(s)
					}
				}
				b.WriteString("]]>")
				continue
			}
			b.WriteString(pick(text))
		}
		return b.String()
	}
	rssElems := []string{"description", "content:encoded", "title", "media:description", "c:encoded", "dc:creator"}
	rssAttrs := []string{"", ` xml:lang="en"`, ` type="html"`, ` media:x="1"`, ` xmlns="urn:other"`,
		` xmlns:content="urn:other"`, ` xmlns:content="http://purl.org/rss/1.0/modules/content/"`}
	atomElems := []string{"content", "summary", "title", "subtitle"}
	atomAttrs := []string{"", ` type="html"`, ` type="text"`, ` type="xhtml"`, ` type="HTML"`, ` type="text/plain"`,
		` type="text/html"`, ` mode="escaped"`, ` mode="base64"`, ` xml:lang="fr"`, ` xmlns="urn:other"`, ` src="x"`}
	// entries writes 1-3 entries (or items), each of 1-3 body-like elements.
	entries := func(doc *strings.Builder, entry string, entryAttrs, elems, attrs []string) {
		for range 1 + rng.IntN(3) {
			doc.WriteString("<" + entry + pick(entryAttrs) + ">")
			for range 1 + rng.IntN(3) {
				el := pick(elems)
				fmt.Fprintf(doc, "<%s%s>%s</%s>", el, pick(attrs), content(), el)
			}
			doc.WriteString("</" + entry + ">\n")
		}
	}
	lifts := 0
	for i := range 3000 {
		var doc strings.Builder
		if i%2 == 1 {
			doc.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>`)
			entries(&doc, "entry", []string{"", ` xmlns="urn:other"`, ` xml:lang="en"`}, atomElems, atomAttrs)
			doc.WriteString("</feed>")
		} else {
			root := pick([]string{
				`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/">`,
				`<rss version="2.0">`,
			})
			doc.WriteString(`<?xml version="1.0"?>` + "\n" + root + "<channel><title>T</title>")
			entries(&doc, "item", []string{"", ` xmlns="urn:other"`, ` xmlns:content="urn:x"`}, rssElems, rssAttrs)
			doc.WriteString("</channel></rss>")
		}
		lifts += sameAsGofeed(t, []byte(doc.String()), 1)
	}
	if lifts < 300 {
		t.Errorf("only %d bodies lifted in 3000 feeds: the generator no longer exercises lift", lifts)
	}
}

func TestLiftableTextAtEveryOffset(t *testing.T) {
	for _, tc := range []struct {
		bad     string
		escaped bool // only refused in escaped text
	}{{"\x01", false}, {"\x1f", false}, {"\xff", false}, {"\xef\xbf\xbe", false},
		{"&nbsp;", true}, {"& ", true}, {"]]>", true}, {"&#0;", true}} {
		for off := range 20 {
			b := []byte(strings.Repeat("a", off) + tc.bad + strings.Repeat("b", 20-off))
			if liftableText(b, true) {
				t.Errorf("liftableText(%q, escaped) = true", b)
			}
			if got := liftableText(b, false); got != tc.escaped {
				t.Errorf("liftableText(%q, cdata) = %v", b, got)
			}
		}
	}
	for _, ok := range []string{"plain ascii text, long enough for words", "caf\u00e9 \U0001F600 &amp; &#233; &#x1F600; tab\tnl\n ]] >"} {
		if !liftableText([]byte(ok), true) {
			t.Errorf("liftableText(%q) = false", ok)
		}
	}
}

// TestLiftGofeedVersion pins the gofeed version lift.go and the fast path
// (fastrss.go, fastatom.go, fasttext.go) were proven against (see
// gofeedParse). On an upgrade: read gofeed's rss and atom parsers,
// ParseText, parseAtomText, ParseExtension, DecodeEntities, ParseDate and
// translators (and goxpp) again, run the lift tests with REVIEW2_N=100000
// and the fast-path tests with FAST_N=200000, fuzz FuzzLift and
// FuzzFastParse, then move this version.
func TestLiftGofeedVersion(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	const want = "github.com/mmcdole/gofeed v1.4.2"
	if !bytes.Contains(mod, []byte("\t"+want+"\n")) {
		t.Errorf("go.mod does not require %s; lift.go was checked against that version (see gofeedParse)", want)
	}
}

// TestLiftMatchesGofeedOnFixtures runs the differential check over the
// project's feed fixtures and the demo's embedded feeds.
func TestLiftMatchesGofeedOnFixtures(t *testing.T) {
	var paths []string
	for _, glob := range []string{"../testdata/feeds/*", "../demo/feeds/*"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	lifted := 0
	for _, p := range paths {
		if strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".json") {
			continue
		}
		doc, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lifted += sameAsGofeed(t, doc, 1)
		sameAsGofeed(t, doc, liftMin)
	}
	if lifted == 0 {
		t.Errorf("nothing lifted from %d fixtures", len(paths))
	}
	t.Logf("%d fixtures, %d bodies lifted", len(paths), lifted)
}
