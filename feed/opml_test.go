package feed

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestReadOPMLNested(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE opml>
<opml version="1.0">
<head><title>My feeds</title></head>
<body>
  <outline text="Tech">
    <outline text="Go &amp; Rust" title="Go &amp;amp; Rust">
      <outline type="rss" text="Go Blog" xmlUrl="https://go.dev/blog/feed.atom" htmlUrl="https://go.dev/blog"/>
    </outline>
    <outline text="Caf&eacute; &#8217;s blog" xmlURL="https://cafe.example/rss" category="coffee, /food"/>
  </outline>
  <outline type="rss" title="Top &lt;b&gt;level&lt;/b&gt;" text="ignored" xmlurl="https://top.example/feed"/>
  <outline text="News">
    <outline text="Dup" xmlUrl="https://go.dev/blog/feed.atom"/>
    <outline text="Evil" xmlUrl="exec:rm -rf ~"/>
    <outline text="Filter" xmlUrl="filter:/bin/sh:https://x.example/"/>
  </outline>
</body>
</opml>`
	got, err := ReadOPML(strings.NewReader(doc))
	var skipped *SkippedError
	if !errors.As(err, &skipped) || len(skipped.Entries) != 2 {
		t.Fatalf("err = %v, want 2 skipped entries", err)
	}
	if !strings.Contains(skipped.Entries[0], `URL scheme "exec" not allowed`) || !strings.Contains(skipped.Entries[1], `"filter"`) {
		t.Errorf("skipped = %q", skipped.Entries)
	}
	want := []Outline{
		{Title: "Go Blog", XMLURL: "https://go.dev/blog/feed.atom", HTMLURL: "https://go.dev/blog", Tags: []string{"Tech", "Go & Rust", "News"}},
		{Title: "Café ’s blog", XMLURL: "https://cafe.example/rss", Tags: []string{"Tech", "coffee", "/food"}},
		{Title: "Top <b>level</b>", XMLURL: "https://top.example/feed"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadOPMLErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":    "",
		"html":     "<html><body>no</body></html>",
		"garbage":  "\x00\x01\x02",
		"unclosed": `<opml><body><outline text="a" xmlUrl="https://a.example/"`,
	} {
		if _, err := ReadOPML(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.HasPrefix(err.Error(), "read OPML: ") {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	feeds := []Outline{
		{Title: "Go Blog", XMLURL: "https://go.dev/blog/feed.atom", HTMLURL: "https://go.dev/blog", Tags: []string{"tech", "go"}},
		{Title: `Quotes "&" <angles>`, XMLURL: "https://q.example/feed?a=1&b=2"},
		{Title: "", XMLURL: "file:///home/u/feed.xml", Tags: []string{"local"}},
		{Title: "Ünïcode ✓", XMLURL: "https://u.example/rss"},
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "herald export", feeds); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{`<?xml version="1.0" encoding="UTF-8"?>`, `<opml version="2.0">`, "<title>herald export</title>", "<dateCreated>", `type="rss"`, `xmlUrl="https://go.dev/blog/feed.atom"`, `htmlUrl="https://go.dev/blog"`, `category="tech,go"`, `text="file:///home/u/feed.xml"`} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	created := strings.Split(strings.Split(out, "<dateCreated>")[1], "</dateCreated>")[0]
	if _, err := time.Parse(time.RFC1123Z, created); err != nil {
		t.Errorf("dateCreated %q: %v", created, err)
	}
	back, err := ReadOPML(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// The third feed has no title; text falls back to the URL on write.
	feeds[2].Title = feeds[2].XMLURL
	if !reflect.DeepEqual(back, feeds) {
		t.Errorf("round trip:\n got  %+v\n want %+v", back, feeds)
	}
}

func TestReadURLs(t *testing.T) {
	in := "\ufeff# newsboat urls\n" +
		"https://a.example/feed.xml tech \"two words\" \"~A Example\"\n" +
		"\n" +
		"   # indented comment\n" +
		"https://b.example/rss \"~Bee \\\"quoted\\\"\" ! news # trailing comment\n" +
		"\"query:Unread Articles:unread = \\\"yes\\\"\"\n" +
		"exec:~/bin/script.sh \"~Script\"\n" +
		"filter:~/bin/filter.sh:https://c.example/feed \"~Filtered\"\n" +
		"file:///home/u/local.xml local\n" +
		"https://a.example/feed.xml duplicate\n" +
		"https://x.example/a#frag tag\n"
	got, err := ReadURLs(strings.NewReader(in))
	var skipped *SkippedError
	if !errors.As(err, &skipped) || len(skipped.Entries) != 3 {
		t.Fatalf("err = %v, want 3 skipped", err)
	}
	for i, s := range []string{`line 6: URL scheme "query"`, `line 7: URL scheme "exec"`, `line 8: URL scheme "filter"`} {
		if !strings.HasPrefix(skipped.Entries[i], s) {
			t.Errorf("skipped[%d] = %q, want prefix %q", i, skipped.Entries[i], s)
		}
	}
	want := []Outline{
		{Title: "A Example", XMLURL: "https://a.example/feed.xml", Tags: []string{"tech", "two words"}},
		{Title: `Bee "quoted"`, XMLURL: "https://b.example/rss", Tags: []string{"news"}, Hidden: true},
		{XMLURL: "file:///home/u/local.xml", Tags: []string{"local"}},
		{XMLURL: "https://x.example/a#frag", Tags: []string{"tag"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestAllowedURL(t *testing.T) {
	for _, u := range []string{"http://a.example/", "https://a.example/feed?x=1", "HTTPS://A.EXAMPLE/", "file:///tmp/x.xml"} {
		if err := AllowedURL(u); err != nil {
			t.Errorf("AllowedURL(%q) = %v", u, err)
		}
	}
	for u, want := range map[string]string{
		"exec:/bin/sh":                  `scheme "exec"`,
		"filter:/bin/f:http://x/":       `scheme "filter"`,
		"query:Unread:unread = \"yes\"": `scheme "query"`,
		"javascript:alert(1)":           `scheme "javascript"`,
		"ftp://x.example/":              `scheme "ftp"`,
		"a.example/feed":                "no scheme",
		"http:///nohost":                "no host",
		"http://a.example/\x1b[2J":      "invalid URL",
	} {
		if err := AllowedURL(u); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("AllowedURL(%q) = %v, want %q", u, err, want)
		}
	}
}
