package article

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Rules for whole pages only: what a page carries around its article and
// main-content extraction keeps.

var (
	// tailJunk matches a paragraph that closes a page rather than its
	// article: promotions, comment notices, tag lines, copyright lines.
	tailJunk = regexp.MustCompile(`(?i)(?:^|\b)(?:` +
		`follow (?:us|him|her|them|@\w+|\S+(?: \S+)? on (?:twitter|facebook|instagram|x|linkedin|youtube|tiktok))` +
		`|join (?:us|our|the conversation|the discussion)` +
		`|subscribe (?:to|now|today|here)|sign up (?:for|to|here)|newsletters?\b` +
		`|listen to .{1,40} (?:live|on|at)|download (?:the|our) (?:app|podcast)` +
		`|if you (?:enjoyed|liked|value|appreciate) (?:this|our)` +
		`|all rights reserved|affiliate commission|may earn (?:a|an) (?:affiliate )?commission` +
		`|moderat\w+ (?:all )?comments|comments? (?:are|is) (?:closed|moderated)` +
		`)\b`)
	// tailLabel matches a short closing line that labels page chrome.
	tailLabel = regexp.MustCompile(`(?i)^(?:(?:filed|posted) (?:under|in)\s*:.*|tags?\s*:.*|categor(?:y|ies)\s*:.*|source\s*:\s*\S.{0,60}|copyright\b.{0,120}|©.{0,120}|write to .{1,80}|advertisement|comments?|\d+ comments?|leave a (?:comment|reply)|share this.{0,30})$`)
	// bioVerb marks a sentence about the author.
	bioVerb = regexp.MustCompile(`\b(?:is|was|joined|writes|covers|has been|reports|is the|is a)\b`)
	// titleSep separates a headline from the site's name in <title>.
	titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "}
	// bylineLabel is a label in front of an author's name.
	bylineLabel = regexp.MustCompile(`(?i)^(?:(?:an? )?(?:analysis|opinion|commentary|review|story|words|text|written|reporting|posted|published) by\s+|by\s+)`)
	// gluedDate is a weekday or month name run into the name before it.
	gluedDate = regexp.MustCompile(`\p{Ll}(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Updated|Published)`)
	// staffByline names no one: "By", "Editorial", "Staff".
	staffByline = regexp.MustCompile(`(?i)^(?:by|editorial|editor|staff|admin|administrator|author|guest|anonymous|unknown)?$`)
	// bylineDate is a date trailing an author's name.
	bylineDate = regexp.MustCompile(`(?i)\s*(?:[-–—|,·]|\bon\b)\s*(?:(?:updated|published|posted)\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}).*$`)
)

// pageByline tidies an author taken from a page: no "Analysis by" label, no
// date after the name; empty when it only names the site.
func pageByline(by, site string) string {
	by = cleanLine(by)
	for range 2 {
		by = bylineLabel.ReplaceAllString(by, "")
	}
	if m := gluedDate.FindStringIndex(by); m != nil {
		// "Jane DoeMonday", "Jane DoeNovember 15, 2019": text run together.
		by = by[:m[0]+1]
	}
	by = bylineDate.ReplaceAllString(by, "")
	if staffByline.MatchString(by) {
		return ""
	}
	by = strings.TrimSpace(strings.TrimRight(by, " ,;|·-–—"))
	if by == "" || norm(by) == norm(site) {
		return ""
	}
	return by
}

// pageTitle strips the site's name from a <title>: "Headline | Site",
// "Headline - Site - Tagline".
func pageTitle(title, site string) string {
	title = cleanLine(title)
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

// realParagraph reports whether it reads as article text: a paragraph of
// some length that is not only links.
func realParagraph(it *item) bool {
	if it.Kind != Paragraph || it.links {
		return false
	}
	n := wordCount(it.plain)
	if n >= 15 {
		return true
	}
	if n >= 8 && endsSentence(it.plain) {
		return true
	}
	// Scripts without spaces between words.
	return n < 8 && utf8.RuneCountInString(it.plain) >= 40 && !strings.Contains(it.plain, "http")
}

// endsSentence reports whether s ends like a sentence.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)»")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？", r)
}

// labelLine reports whether a line of a page's header is chrome: a date, a
// bare address, or a short label with no sentence in it ("Opinion
// Columnist", "Sioux Falls Argus Leader", "Skip to content").
func labelLine(s string, byline string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	if isDateLine(s) || isBoilerplate(s) {
		return true
	}
	if !strings.Contains(s, " ") && (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) {
		return true
	}
	if bn := norm(byline); bn != "" {
		if n := norm(bylineLabel.ReplaceAllString(s, "")); n == bn || strings.HasPrefix(n, bn+" ") && wordCount(s) <= 10 {
			return true
		}
	}
	if wordCount(s) > 5 || endsSentence(s) || strings.HasSuffix(s, ":") {
		return false
	}
	// A number alone ("3.409" reads) or a few words.
	return true
}

// pageLead drops the chrome between the headline and the first paragraph of
// text: dates, the byline again, section labels, breadcrumbs, the page's
// address. Headings, figures and quotes stay.
func (c *cleaner) pageLead(byline string) {
	for i := range c.items {
		it := &c.items[i]
		if it.drop {
			continue
		}
		if realParagraph(it) {
			return
		}
		switch it.Kind {
		case Paragraph:
			if it.bold && !strings.Contains(it.Text, "\n") {
				// A bold kicker or crosshead: leave it to crossheads.
				if !isDateLine(it.plain) {
					continue
				}
			}
			all := true
			for _, l := range strings.Split(it.Text, "\n") {
				if !labelLine(plainMarkdown(l), byline) {
					all = false
					break
				}
			}
			if all || it.links && wordCount(it.plain) <= 8 {
				it.drop = true
			}
		case List:
			if it.links {
				it.drop = true
			}
		}
	}
}

// plainMarkdown strips the inline Markdown of one line well enough to judge
// it: emphasis, escapes, link targets.
func plainMarkdown(s string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case ch == '*' || ch == '_' && (i == 0 || i == len(s)-1 || s[i-1] == ' ' || s[i+1] == ' '):
		case ch == '[' || ch == ']':
		case ch == '(' && i > 0 && s[i-1] == ']':
			depth = 1
			for i++; i < len(s) && depth > 0; i++ {
				switch s[i] {
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			i--
		default:
			b.WriteByte(ch)
		}
	}
	return collapse(b.String())
}

// pageTail drops, from the end of the article backwards, what follows its
// last paragraph of text: promotions, author boxes, comment and tag lines,
// copyright lines, headings with nothing under them, pictures without a
// caption, lists of links.
func (c *cleaner) pageTail(byline string) {
	names := bylineNames(byline)
	for i := len(c.items) - 1; i >= 0; i-- {
		it := &c.items[i]
		if it.drop {
			continue
		}
		switch it.Kind {
		case Heading:
			it.drop = true
			continue
		case FigureBlock:
			if it.Figure.Caption == "" && it.Figure.Credit == "" {
				it.drop = true
				continue
			}
		case List:
			if it.links {
				it.drop = true
				continue
			}
		case Paragraph:
			if tailParagraph(it, names) {
				it.drop = true
				continue
			}
		}
		return
	}
}

// tailParagraph reports whether a paragraph at the end of a page is chrome.
func tailParagraph(it *item, names []string) bool {
	p := it.plain
	if it.links && wordCount(p) <= 12 || len(p) < 400 && tailJunk.MatchString(p) || tailLabel.MatchString(p) {
		return true
	}
	if wordCount(p) <= 2 && !endsSentence(p) {
		return true
	}
	// An author box: "Jane Doe is a reporter covering …", "Jane joined …".
	if len(names) > 0 && wordCount(p) <= 80 {
		first := strings.ToLower(strings.Fields(p)[0])
		for _, n := range names {
			if first == n && bioVerb.MatchString(p) {
				return true
			}
		}
	}
	return false
}

// bylineNames returns the lower-case first and last names of a one-person
// byline.
func bylineNames(by string) []string {
	by = strings.TrimSpace(strings.Split(by, ",")[0])
	w := strings.Fields(by)
	if len(w) < 2 || len(w) > 4 || strings.Contains(strings.ToLower(by), " and ") {
		return nil
	}
	for _, x := range w {
		if r, _ := utf8.DecodeRuneInString(x); !unicode.IsUpper(r) {
			return nil
		}
	}
	return []string{strings.ToLower(w[0]), strings.ToLower(w[len(w)-1])}
}

// authorBox drops a heading or line naming the author followed by a
// paragraph about them, wherever the page put it.
func (c *cleaner) authorBox(byline string) {
	bn := norm(byline)
	names := bylineNames(byline)
	if bn == "" || len(names) == 0 {
		return
	}
	for i := range c.items {
		it := &c.items[i]
		if it.drop || (it.Kind != Heading && it.Kind != Paragraph) || norm(it.plain) != bn {
			continue
		}
		j := c.next(i)
		if j < 0 || c.items[j].Kind != Paragraph {
			continue
		}
		if tailParagraph(&c.items[j], names) {
			it.drop = true
			c.items[j].drop = true
		}
	}
}

// pageHeadline makes the page's own <h1>, when it comes before any text, the
// title: it is the headline the page shows, where <title> and og:title often
// carry a variant written for search engines.
func (c *cleaner) pageHeadline() string {
	for i := range c.items {
		it := &c.items[i]
		if it.drop {
			continue
		}
		if realParagraph(it) {
			return ""
		}
		if it.Kind == Heading && (it.h1 || slices.Contains(c.h1s, norm(it.plain))) && wordCount(it.plain) >= 2 {
			it.drop = true
			return it.plain
		}
	}
	return ""
}

// headlines returns norm() of the texts of the first few <h1> elements of a
// page.
func headlines(doc *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(out) < 4; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.DataAtom] {
				continue
			}
			if c.DataAtom == atom.H1 {
				if t := norm(textOf(c)); t != "" {
					out = append(out, t)
				}
				continue
			}
			walk(c)
		}
	}
	walk(doc)
	return out
}
