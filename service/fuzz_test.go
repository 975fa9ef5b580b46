package service

import (
	"strings"
	"testing"

	"github.com/herald-reader/herald/sanitize"
)

// FuzzCleanSource feeds arbitrary bytes through what `herald read` does —
// feed detection, parsing, item selection, clean-up — and asserts that the
// Markdown it would print never carries a control character or an escape
// sequence, and that nothing panics.
func FuzzCleanSource(f *testing.F) {
	for _, seed := range []string{
		"plain text\nsecond line\n",
		"<p>A fragment with \x1b]0;title\x07 and \u009b2J.</p>",
		"<!doctype html><html><head><title>T</title></head><body><article><p>Body &#x9b;31m &amp;#27;]52;c;x&amp;#7;</p></article></body></html>",
		`<rss version="2.0"><channel><title>T&#x9b;</title><item><title>I &#x202e;</title><description>&lt;p&gt;d&amp;#27;[2J&lt;/p&gt;</description></item></channel></rss>`,
		`{"version":"https://jsonfeed.org/version/1.1","title":"J\u001b]8;;x\u0007","items":[{"id":"1","title":"\u001b[31mred","content_html":"<p>\u0007bell</p>"}]}`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;A&lt;/b&gt;</title><entry><title>E</title><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>`,
	} {
		f.Add([]byte(seed))
	}
	s := &Service{}
	f.Fuzz(func(t *testing.T, data []byte) {
		md, err := s.cleanSource(data, "", "https://fuzz.test/", 0)
		if err != nil {
			if strings.Contains(err.Error(), "clean-up failed") {
				t.Fatalf("clean-up panicked: %v", err)
			}
			return
		}
		if sanitize.HasControl(md) {
			t.Fatalf("control character in output %q", md)
		}
	})
}
