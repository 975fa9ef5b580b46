package feed

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse checks that the parser wrapper never panics, on any bytes and
// content type, and that what it returns is well-formed: errors are one
// line, titles are one line.
func FuzzParse(f *testing.F) {
	for _, s := range []string{rssFeed, atomFeed, jsonFeed, smallFeed, "", "<html></html>", "\x00\xff"} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("<rss><channel><title>caf\xe9</title></channel></rss>"), "text/xml; charset=iso-8859-1")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q %q", body, contentType)) })
		defer wd.Stop()
		feed, err := Parse(body, contentType, "https://fuzz.example/feed")
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		if feed == nil {
			t.Fatal("nil feed without error")
		}
		_ = LooksLikeFeed(body)
		for _, it := range feed.Items {
			if strings.ContainsAny(it.Title, "\r\n\t") || strings.ContainsAny(it.Author, "\r\n\t") {
				t.Errorf("title/author not one line: %q / %q", it.Title, it.Author)
			}
			if !utf8.ValidString(it.Title) {
				t.Errorf("invalid UTF-8 title %q", it.Title)
			}
		}
	})
}

// FuzzReadOPML checks that OPML import never panics and accepts only
// allowed URLs, and that an export of what it read reads back the same.
func FuzzReadOPML(f *testing.F) {
	f.Add([]byte(`<opml version="2.0"><body><outline text="T"><outline text="a" xmlUrl="https://a.example/"/></outline></body></opml>`))
	f.Add([]byte(`<opml><body><outline xmlUrl="exec:x"/></body></opml>`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, doc []byte) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q", doc)) })
		defer wd.Stop()
		outs, _ := ReadOPML(bytes.NewReader(doc))
		for _, o := range outs {
			if err := AllowedURL(o.XMLURL); err != nil {
				t.Errorf("accepted %q: %v", o.XMLURL, err)
			}
		}
		var buf bytes.Buffer
		if err := WriteOPML(&buf, "fuzz", outs); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadOPML(&buf); err != nil {
			if _, skipped := err.(*SkippedError); !skipped {
				t.Errorf("re-reading our own export: %v\n%s", err, buf.String())
			}
		}
	})
}
