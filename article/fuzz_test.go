package article

import (
	"fmt"
	"html"
	"strings"
	"testing"
	"unicode"

	"github.com/herald-reader/herald/sanitize"
)

// fuzzParagraphs derives a simple document from fuzz input: paragraphs made
// only of letters and digits, each starting with a unique marker so that no
// rule may take it for a caption, a crosshead or boilerplate.
func fuzzParagraphs(s string) []string {
	var paras []string
	for i, chunk := range strings.Split(s, "\n") {
		var words []string
		for _, w := range strings.FieldsFunc(chunk, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if sanitize.HasControl(w) {
				continue
			}
			words = append(words, w)
		}
		if len(words) == 0 {
			continue
		}
		p := fmt.Sprintf("Para%d %s", i, strings.Join(words, " "))
		if isBoilerplate(p) {
			continue // "Para5 blog comments powered by Disqus" goes, rightly
		}
		paras = append(paras, p)
		if len(paras) == 20 {
			break
		}
	}
	return paras
}

func addSeeds(f *testing.F) {
	for _, s := range []string{
		"<p>Hello <b>world</b></p>",
		"<figure><img src=x.jpg alt=Cap><figcaption>Cap © A - AFP</figcaption></figure><p>Cap</p>",
		"<p>\x1b]52;c;ZXZpbA==\x07 &#27;[2J &#x9b;31m &amp;#27; \u202e</p>",
		"Caption line\nCaption line © NAME - AGENCY\nHeadline here\nBody paragraph.\n- Crosshead -\nblog comments powered by Disqus",
		"<table><tr><td><p>a</p><p>b</p></td></tr></table><pre>x</pre><ul><li>Yes</li><li>Yes</li></ul>",
	} {
		f.Add(s)
	}
}

// FuzzFromHTML: whatever the fragment, the Markdown holds no control
// character; and every paragraph of a simple document derived from the
// input survives, in order.
func FuzzFromHTML(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		md := FromHTML(s, Meta{Title: s, Author: s, ImageCaption: s}).Markdown()
		if sanitize.HasControl(md) {
			t.Fatalf("control character in %q", md)
		}
		paras := fuzzParagraphs(s)
		if len(paras) == 0 {
			return
		}
		var b strings.Builder
		for _, p := range paras {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
		md = FromHTML(b.String(), Meta{Title: "Fuzz title"}).Markdown()
		assertParagraphsInOrder(t, md, paras)
	})
}

// FuzzFromText is FuzzFromHTML for plain text.
func FuzzFromText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		md := FromText(s, Meta{}).Markdown()
		if sanitize.HasControl(md) {
			t.Fatalf("control character in %q", md)
		}
		paras := fuzzParagraphs(s)
		if len(paras) == 0 {
			return
		}
		md = FromText(strings.Join(paras, "\n"), Meta{Title: "Fuzz title"}).Markdown()
		assertParagraphsInOrder(t, md, paras)
	})
}

// FuzzFromPage: whatever the page, extraction does not fail on non-blank
// input, does not panic, and the Markdown holds no control character and at
// most one level-1 heading, first.
func FuzzFromPage(f *testing.F) {
	addSeeds(f)
	f.Add(newsPage(`<title>T | Site</title><meta property="og:site_name" content="Site">`,
		`<h1>Head line here</h1><p>Published 9:30 AM Mar 11, 2026</p>`, paragraphs(pageBody...),
		`<p><em>Follow us on <a href="https://x.example">Twitter</a></em></p><h3>Comments</h3>`))
	f.Fuzz(func(t *testing.T, s string) {
		d, err := FromPage("<html><body>"+s, Meta{})
		if err != nil {
			return
		}
		md := d.Markdown()
		if sanitize.HasControl(md) {
			t.Fatalf("control character in %q", md)
		}
		checkInvariants(t, md)
	})
}
