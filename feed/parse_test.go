package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Example &amp;amp; News</title>
<link>https://news.example/</link>
<description>All the news</description>
<item>
  <title>Q&amp;A: &lt;b&gt;bold&lt;/b&gt; &amp;amp; more   spaced
  out</title>
  <link>/2026/11/story.html</link>
  <guid isPermaLink="false">story-1</guid>
  <dc:creator>Jane &lt;i&gt;Doe&lt;/i&gt;</dc:creator>
  <pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate>
  <description>&lt;p&gt;Summary text&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Full body</p>]]></content:encoded>
  <media:content url="https://img.news.example/small.jpg" medium="image" width="140"/>
  <media:content url="https://img.news.example/big.jpg" medium="image" width="800">
    <media:credit role="photographer">AHMAD AL-RUBAYE / AFP</media:credit>
    <media:description>Protesters gather in the square.</media:description>
  </media:content>
</item>
<item>
  <title>No guid, epoch date</title>
  <link>https://news.example/2</link>
  <guid></guid>
  <pubDate>Thu, 01 Jan 1970 00:00:00 +0000</pubDate>
  <description>Only a description</description>
  <enclosure url="https://img.news.example/enc.png" type="image/png" length=""/>
</item>
<item>
  <title>Grouped image</title>
  <link>https://news.example/3</link>
  <media:group>
    <media:content url="https://img.news.example/g.mp4" medium="video"/>
    <media:content url="https://img.news.example/g.jpg" type="image/jpeg">
      <media:title>Grouped caption</media:title>
    </media:content>
    <media:credit>Group Credit</media:credit>
  </media:group>
</item>
<item>
  <title>NYT layout</title>
  <link>https://news.example/4</link>
  <media:content url="https://img.news.example/n.jpg" medium="image"/>
  <media:credit>Name for The Example Times</media:credit>
  <media:description>Item-level caption</media:description>
</item>
<item>
  <title>Thumbnail only</title>
  <link>https://news.example/5</link>
  <media:thumbnail url="thumb.jpg"/>
</item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">&lt;b&gt;Atom&lt;/b&gt; &amp;amp; Co</title>
  <link href="https://atom.example/" rel="alternate"/>
  <entry>
    <title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; co &amp;eacute;t&amp;eacute;</title>
    <link href="posts/1" rel="alternate"/>
    <id>urn:uuid:1</id>
    <updated>2026-11-03T08:00:00Z</updated>
    <author><name>Ann &amp;amp; Bob</name></author>
    <summary>Short</summary>
    <content type="html">&lt;p&gt;Long&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain &lt; title &gt; here</title>
    <id>urn:uuid:2</id>
    <published>2026-11-01T08:00:00Z</published>
    <updated>2026-11-02T08:00:00Z</updated>
    <summary>Only summary</summary>
  </entry>
  <entry>
    <title>Year one</title>
    <id>urn:uuid:3</id>
    <updated>0001-01-01T00:00:00Z</updated>
  </entry>
</feed>`

const jsonFeed = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON &amp; Feed",
  "home_page_url": "https://json.example/",
  "items": [
    {"id": "j1", "url": "https://json.example/1", "title": "Hello <em>JSON</em>",
     "authors": [{"name": "Zoë"}], "date_published": "2026-11-04T09:00:00+01:00",
     "summary": "Sum", "content_html": "<p>Body</p>", "image": "/img/j1.png"},
    {"id": "", "url": "/2", "title": "Second", "content_text": "text only"}
  ]
}`

func mustParse(t *testing.T, body, ct, base string) *Feed {
	t.Helper()
	f, err := Parse([]byte(body), ct, base)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParseRSSMapping(t *testing.T) {
	f := mustParse(t, rssFeed, "application/rss+xml", "https://news.example/feed.xml")
	if f.Title != "Example & News" || f.SiteURL != "https://news.example/" {
		t.Errorf("feed title/site = %q %q", f.Title, f.SiteURL)
	}
	if len(f.Items) != 5 {
		t.Fatalf("items = %d", len(f.Items))
	}
	it := f.Items[0]
	checks := []struct{ name, got, want string }{
		{"title", it.Title, "Q&A: bold & more spaced out"},
		{"author", it.Author, "Jane Doe"},
		{"link", it.Link, "https://news.example/2026/11/story.html"},
		{"guid", it.GUID, "story-1"},
		{"content", it.Content, "<p>Full body</p>"},
		{"summary", it.Summary, "<p>Summary text</p>"},
		{"image", it.ImageURL, "https://img.news.example/big.jpg"},
		{"credit", it.ImageCredit, "AHMAD AL-RUBAYE / AFP"},
		{"caption", it.ImageCaption, "Protesters gather in the square."},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC); !it.Published.Equal(want) {
		t.Errorf("published = %v", it.Published)
	}

	it = f.Items[1]
	if it.GUID != "" || !it.Published.IsZero() || it.Content != "Only a description" || it.Summary != "Only a description" {
		t.Errorf("item 2 = %+v", it)
	}
	if it.ImageURL != "https://img.news.example/enc.png" {
		t.Errorf("enclosure image = %q", it.ImageURL)
	}
	if it := f.Items[2]; it.ImageURL != "https://img.news.example/g.jpg" || it.ImageCaption != "Grouped caption" || it.ImageCredit != "Group Credit" {
		t.Errorf("group image = %q %q %q", it.ImageURL, it.ImageCaption, it.ImageCredit)
	}
	if it := f.Items[3]; it.ImageURL != "https://img.news.example/n.jpg" || it.ImageCaption != "Item-level caption" || it.ImageCredit != "Name for The Example Times" {
		t.Errorf("NYT image = %q %q %q", it.ImageURL, it.ImageCaption, it.ImageCredit)
	}
	if it := f.Items[4]; it.ImageURL != "https://news.example/thumb.jpg" {
		t.Errorf("thumbnail = %q", it.ImageURL)
	}
}

func TestParseMediaPrefixIsCanonical(t *testing.T) {
	body := `<rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/"><channel><title>t</title>
<item><title>x</title><m:content url="https://i.example/a.jpg" medium="image"><m:credit>Cred</m:credit></m:content></item>
</channel></rss>`
	f := mustParse(t, body, "", "")
	if it := f.Items[0]; it.ImageURL != "https://i.example/a.jpg" || it.ImageCredit != "Cred" {
		t.Errorf("got %q %q", it.ImageURL, it.ImageCredit)
	}
}

func TestParseAtomMapping(t *testing.T) {
	f := mustParse(t, atomFeed, "application/atom+xml", "https://atom.example/blog/feed.atom")
	if f.Title != "Atom & Co" {
		t.Errorf("feed title = %q", f.Title)
	}
	it := f.Items[0]
	if it.Title != "Bold & co été" {
		t.Errorf("html title = %q", it.Title)
	}
	if it.Author != "Ann & Bob" {
		t.Errorf("author = %q", it.Author)
	}
	if it.Link != "https://atom.example/blog/posts/1" {
		t.Errorf("link = %q", it.Link)
	}
	if it.Content != "<p>Long</p>" || it.Summary != "Short" {
		t.Errorf("content/summary = %q %q", it.Content, it.Summary)
	}
	if want := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC); !it.Published.Equal(want) || !it.Updated.Equal(want) {
		t.Errorf("updated-only dates = %v %v", it.Published, it.Updated)
	}
	it = f.Items[1]
	if it.Title != "Plain < title > here" {
		t.Errorf("plain title = %q", it.Title)
	}
	if !it.Published.Equal(time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)) || !it.Updated.Equal(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("dates = %v %v", it.Published, it.Updated)
	}
	if it.Content != "Only summary" {
		t.Errorf("content falls back to summary: %q", it.Content)
	}
	if it := f.Items[2]; !it.Published.IsZero() || !it.Updated.IsZero() {
		t.Errorf("year-one dates should be zero: %v %v", it.Published, it.Updated)
	}
}

func TestParseJSONMapping(t *testing.T) {
	f := mustParse(t, jsonFeed, "application/feed+json", "https://json.example/feed.json")
	if f.Title != "JSON & Feed" || f.SiteURL != "https://json.example/" {
		t.Errorf("feed = %q %q", f.Title, f.SiteURL)
	}
	it := f.Items[0]
	if it.Title != "Hello JSON" || it.Author != "Zoë" || it.Content != "<p>Body</p>" || it.Summary != "Sum" {
		t.Errorf("item = %+v", it)
	}
	if it.ImageURL != "https://json.example/img/j1.png" {
		t.Errorf("image = %q", it.ImageURL)
	}
	if want := time.Date(2026, 11, 4, 8, 0, 0, 0, time.UTC); !it.Published.Equal(want) {
		t.Errorf("published = %v", it.Published)
	}
	if it := f.Items[1]; it.GUID != "" || it.Link != "https://json.example/2" || !it.Published.IsZero() {
		t.Errorf("item 2 = %+v", it)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty", "", "empty response"},
		{"blank", " \n\t\r\n ", "empty response"},
		{"bom only", "\xef\xbb\xbf\n", "empty response"},
		{"html page", "<!DOCTYPE html>\n<html><head><title>Home</title></head><body>hi</body></html>", "not a feed (got an HTML page)"},
		{"html no doctype", "\n<html lang=en><body><p>x</p></body></html>", "not a feed (got an HTML page)"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not a feed"},
		{"zeros", string(make([]byte, 5000)), "not a feed"},
		{"plain text", "hello world", "not a feed"},
		{"other json", `{"error":"nope"}`, "not a feed"},
		{"other xml", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "not a feed"},
		{"broken xml", `<rss version="2.0"><channel><title>x</title><item><title>a < b</title></item></channel></rss>`, "parse feed:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), "", "")
			if err == nil {
				t.Fatalf("want error %q, got feed %+v", tt.want, f)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestParseCharsetFromContentType(t *testing.T) {
	utf := `<rss version="2.0"><channel><title>Café ‘quotes’ – déjà</title><item><title>Ça marche € ok</title></item></channel></rss>`
	for _, cs := range []struct {
		label string
		enc   *charmap.Charmap
	}{{"ISO-8859-1", charmap.ISO8859_1}, {"windows-1252", charmap.Windows1252}} {
		src := utf
		if cs.enc == charmap.ISO8859_1 { // no curly quotes or euro in Latin-1
			src = `<rss version="2.0"><channel><title>Café déjà</title><item><title>Ça marche ok</title></item></channel></rss>`
		}
		body, err := cs.enc.NewEncoder().String(src)
		if err != nil {
			t.Fatal(err)
		}
		// Without the header's charset gofeed alone fails ("invalid UTF-8").
		f, err := Parse([]byte(body), "text/xml; charset="+cs.label, "")
		if err != nil {
			t.Fatalf("%s: %v", cs.label, err)
		}
		want := strings.Split(strings.Split(src, "<title>")[1], "</title>")[0]
		if f.Title != want {
			t.Errorf("%s: title = %q, want %q", cs.label, f.Title, want)
		}
	}
}

func TestParseDeclaredEncodingWins(t *testing.T) {
	body, _ := charmap.ISO8859_1.NewEncoder().String(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Été</title></channel></rss>`)
	f, err := Parse([]byte(body), "text/xml; charset=utf-8", "")
	if err != nil || f.Title != "Été" {
		t.Fatalf("got %v %v", f, err)
	}
}

func TestParseStrayLatin1InUTF8(t *testing.T) {
	body := []byte("<rss version=\"2.0\"><channel><title>caf\xe9 ok \xe2\x80\x94 yes</title></channel></rss>")
	f, err := Parse(body, "application/rss+xml", "")
	if err != nil || f.Title != "café ok — yes" {
		t.Fatalf("got %+v %v", f, err)
	}
}

func TestParseLeadingJunk(t *testing.T) {
	feed := `<rss version="2.0"><channel><title>T</title><item><title>I</title></item></channel></rss>`
	long := `<?xml version="1.0" encoding="UTF-8"?>` + "\n<!-- " + strings.Repeat("padding ", 1000) + "-->\n" +
		`<!DOCTYPE rss [<!ENTITY x "y">]>` + "\n" + feed
	for name, body := range map[string]string{
		"php warning":        "Warning: something in /var/www/x.php on line 3\n<?xml version=\"1.0\"?>\n" + feed,
		"whitespace > 4KiB":  strings.Repeat("\n", 5000) + feed,
		"comment > 4KiB":     long,
		"bom and whitespace": "\xef\xbb\xbf  \n" + feed,
	} {
		t.Run(name, func(t *testing.T) {
			if !LooksLikeFeed([]byte(body)) {
				t.Error("LooksLikeFeed = false")
			}
			f, err := Parse([]byte(body), "", "")
			if err != nil || f.Title != "T" || len(f.Items) != 1 {
				t.Fatalf("got %+v, %v", f, err)
			}
		})
	}
}

func TestLooksLikeFeed(t *testing.T) {
	for _, s := range []string{rssFeed, atomFeed, jsonFeed} {
		if !LooksLikeFeed([]byte(s)) {
			t.Errorf("LooksLikeFeed(%.30q) = false", s)
		}
	}
	for _, s := range []string{"", "<html><body/></html>", `{"a":1}`, "\x00\x01junk"} {
		if LooksLikeFeed([]byte(s)) {
			t.Errorf("LooksLikeFeed(%q) = true", s)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"  a \n\t b  ", "a b"},
		{"A &amp; B", "A & B"},
		{"&amp;amp;", "&amp;"}, // decoded once only
		{"<b>Bold</b> &amp; co", "Bold & co"},
		{"line<br>break", "line break"},
		{"<p>one</p><p>two</p>", "one two"},
		{"5 < 6 and 7 > 3", "5 < 6 and 7 > 3"},
		{"x<y", "x<y"},
		{"a <script>alert(1)</script>b", "a b"},
		{"caf&eacute; &#8217;s", "café ’s"},
		{"esc &#27;[2J kept", "esc \x1b[2J kept"}, // controls are the output layer's job
		{"Vec<T> in Rust", "Vec<T> in Rust"},      // not markup a title carries
		{"<b>std::vector<int></b> tips", "std::vector<int> tips"},
		{"Map<String, List<T>> explained", "Map<String, List<T>> explained"},
		{"<em>New</em> <font color=red>sale</font>", "New sale"},
		{"Budget<o:p></o:p> vote", "Budget vote"},
		{"<iframe src=x></iframe>Video <svg onload=x></svg>here", "Video here"},
	}
	for _, tt := range tests {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHostileFixtures checks that the shared hostile feeds parse and that
// their escapes reach the Feed unchanged (the output layer strips them).
func TestHostileFixtures(t *testing.T) {
	t.Run("xml", func(t *testing.T) {
		f, err := Parse(readFixture(t, "hostile.xml"), "application/rss+xml", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 4 {
			t.Fatalf("items = %d", len(f.Items))
		}
		if !strings.Contains(f.Title, "\x1b]2;") {
			t.Errorf("feed title lost its encoded OSC 2: %q", f.Title)
		}
		if !strings.Contains(f.Items[1].Title, "\x1b]0;pwned title\x07") || !strings.Contains(f.Items[1].Author, "\x1b]8;;") {
			t.Errorf("encoded escapes not decoded in title/author: %q / %q", f.Items[1].Title, f.Items[1].Author)
		}
		if !strings.Contains(f.Items[2].Title, "\u009d0;title") || !strings.Contains(f.Items[2].Title, "\u202e") {
			t.Errorf("C1/bidi lost: %q", f.Items[2].Title)
		}
		if !f.Items[2].Published.IsZero() {
			t.Errorf("epoch date kept: %v", f.Items[2].Published)
		}
		if !strings.Contains(f.Items[2].ImageCredit, "&#27;]8;;") {
			t.Errorf("credit not kept raw: %q", f.Items[2].ImageCredit)
		}
	})
	t.Run("charref", func(t *testing.T) {
		f, err := Parse(readFixture(t, "hostile-charref.xml"), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 1 || f.Items[0].Title != "Title [2J cleared ]0;pwned" {
			t.Errorf("got %+v", f.Items)
		}
	})
	t.Run("json", func(t *testing.T) {
		f, err := Parse(readFixture(t, "hostile.json"), "application/feed+json", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 2 || !strings.Contains(f.Items[0].Title, "\x1b[2J") || !strings.Contains(f.Items[0].Author, "\x1b]0;") {
			t.Errorf("got %+v", f.Items)
		}
		if !f.Items[1].Published.IsZero() {
			t.Errorf("epoch date kept")
		}
	})
}

func TestStripIllegalCharRefs(t *testing.T) {
	in := []byte("a&#27;b&#x1B;c&#8217;d&#x9b;e&#0;f&#65;g&#xD800;h&amp;#27;i")
	want := "abc&#8217;d&#x9b;ef&#65;gh&amp;#27;i"
	if got := string(stripIllegalCharRefs(in)); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	same := []byte("no refs &#8217; here")
	if got := stripIllegalCharRefs(same); !bytes.Equal(got, same) {
		t.Errorf("changed %q", got)
	}
}

func TestParseUTF16(t *testing.T) {
	for _, tc := range []struct {
		name  string
		order unicode.Endianness
		bom   unicode.BOMPolicy
	}{
		{"LE with BOM", unicode.LittleEndian, unicode.UseBOM},
		{"BE with BOM", unicode.BigEndian, unicode.UseBOM},
		{"LE without BOM", unicode.LittleEndian, unicode.IgnoreBOM},
		{"BE without BOM", unicode.BigEndian, unicode.IgnoreBOM},
	} {
		enc := func(s string) string {
			out, err := unicode.UTF16(tc.order, tc.bom).NewEncoder().String(s)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		declared := enc(`<?xml version="1.0" encoding="UTF-16"?>` + "\n" + utf16Doc)
		if !LooksLikeFeed([]byte(declared)) {
			t.Errorf("%s: LooksLikeFeed = false", tc.name)
		}
		for _, variant := range []struct{ name, body, ct string }{
			{"", declared, "application/rss+xml"},
			{", charset in the header", declared, "application/rss+xml; charset=utf-16"},
			{", UTF-16LE header, no declaration", enc(utf16Doc), "text/xml; charset=UTF-16LE"},
			{", UCS-2 declaration", enc(`<?xml version="1.0" encoding="ISO-10646-UCS-2"?>` + "\n" + utf16Doc), ""},
			{", leading newline", enc("\n  " + utf16Doc), "application/xml; charset=utf-16"},
		} {
			name := tc.name + variant.name
			f, err := Parse([]byte(variant.body), variant.ct, "")
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if f.Title != "Café – déjà" || len(f.Items) != 1 || f.Items[0].Title != "Ça marche € 日本" || f.Items[0].Content != "<p>Corps</p>" {
				t.Errorf("%s: got %q / %+v", name, f.Title, f.Items)
			}
		}
	}
}

const utf16Doc = `<rss version="2.0"><channel><title>Café – déjà</title>
<item><title>Ça marche € 日本</title><link>https://utf16.example/1</link><description>&lt;p&gt;Corps&lt;/p&gt;</description></item>
</channel></rss>`
