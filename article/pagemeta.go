package article

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/herald-reader/herald/sanitize"
)

// Facts about an article that a page gives besides its body: the author
// as the page names it, the headline without the site's name, the site.

var (
	// titleSeps separate a headline from the site's name in <title>.
	titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "}
	// bylineLabel is a label in front of an author's name.
	bylineLabel *lazyRegexp
	// gluedDate is a weekday or month name run into the name before it.
	gluedDate *lazyRegexp
	// staffByline names no one: "By", "Editorial", "Staff".
	staffByline *lazyRegexp
	// bylineDate is a date trailing an author's name.
	bylineDate *lazyRegexp
)

// pageByline tidies an author taken from a page: no "Analysis by" label, no
// date after the name; empty when it only names the site.
func pageByline(by, site, host string) string {
	by = sanitize.Line(by)
	for range 2 {
		by = bylineLabel.ReplaceAllString(by, "")
	}
	if m := gluedDate.FindStringIndex(by); m != nil {
		// "Jane DoeMonday", "Jane DoeNovember 15, 2019": text run together.
		_, size := utf8.DecodeRuneInString(by[m[0]:])
		by = by[:m[0]+size]
	}
	by = bylineDate.ReplaceAllString(by, "")
	if staffByline.MatchString(by) {
		return ""
	}
	if i := strings.LastIndex(by, ", "); i > 0 {
		// "Jane Doe, Example.com": the site again.
		if t := norm(by[i+2:]); t == norm(site) || host != "" && strings.HasPrefix(strings.ReplaceAll(t, " ", ""), host) {
			by = by[:i]
		}
	}
	by = strings.TrimSpace(strings.TrimRight(by, " ,;|·-–—"))
	if by == "" || norm(by) == norm(site) || host != "" && strings.ReplaceAll(norm(by), " ", "") == host {
		return ""
	}
	return by
}

// pageTitle strips the site's name from a <title>: "Headline | Site",
// "Headline - Site - Tagline".
func pageTitle(title, site string) string {
	title = sanitize.Line(title)
	sn := norm(site)
	if sn == "" {
		return title
	}
	for _, sep := range titleSeps {
		for from := 0; ; {
			i := strings.Index(title[from:], sep)
			if i < 0 {
				break
			}
			i += from
			head, rest := title[:i], title[i+len(sep):]
			if wordCount(head) >= 2 && strings.HasPrefix(norm(rest), sn) {
				return strings.TrimSpace(head)
			}
			from = i + len(sep)
		}
	}
	return title
}

// headlineSeps separate a headline from a site's or blog's name, on
// either side.
var headlineSeps = []string{" | ", " - ", " – ", " — ", ": ", " · ", " :: ", " » "}

// titleByHeadline returns the part of title that is the page's <h1> (h1s
// normalized) when the rest is a site's name beside it: "Headline | Site",
// "Blog: Headline"; else title.
func titleByHeadline(title string, h1s []string) string {
	for _, sep := range headlineSeps {
		for from := 0; ; {
			i := strings.Index(title[from:], sep)
			if i < 0 {
				break
			}
			i += from
			head, rest := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
			if head != "" && rest != "" {
				for _, h := range h1s {
					if norm(head) == h && siteLike(rest) {
						return head
					}
					if norm(rest) == h && siteLike(head) {
						return rest
					}
				}
			}
			from = i + len(sep)
		}
	}
	return title
}

// siteLike reports whether s may be a site's name: a few words, not
// starting in lower case as a subtitle's clause does ("and what stays").
func siteLike(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return wordCount(s) <= 6 && !unicode.IsLower(r)
}

// hostName returns the name in an address's host: "linknaija" for
// https://www.linknaija.com/2018/10/x.html.
func hostName(u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Hostname() == "" {
		return ""
	}
	labels := strings.Split(strings.TrimPrefix(strings.ToLower(pu.Hostname()), "www."), ".")
	if len(labels) < 2 {
		return labels[0]
	}
	// "example.co.uk": the name is before the two-letter pair.
	if n := len(labels); n >= 3 && len(labels[n-1]) == 2 && len(labels[n-2]) <= 3 {
		return labels[n-3]
	}
	return labels[len(labels)-2]
}

func init() {
	register(func() {
		bylineLabel = compileLater(`(?i)^(?:(?:an? )?(?:analysis|opinion|commentary|review|story|words|text|written|reporting|posted|published) by\s+|by\s+)`)
		gluedDate = compileLater(`\p{Ll}(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Updated|Published)`)
		staffByline = compileLater(`(?i)^(?:by|editorial|editor|staff|admin|administrator|author|guest|anonymous|unknown|.{0,40}\b(?:editorial )?staff(?: writers?| reporters?)?)?$`)
		bylineDate = compileLater(`(?i)\s*(?:[-–—|,·]|\bon\b)\s*(?:(?:updated|published|posted)\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}).*$`)
	})
}
