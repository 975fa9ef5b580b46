package article

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/herald-reader/herald/sanitize"
)

// Rules for whole pages only: what a page carries around its article and
// main-content extraction keeps.

var (
	// promoText matches a paragraph promoting the site rather than
	// telling the story: "Follow us on Twitter", "Join our forums",
	// "Sign up for our newsletter", "Listen to … live".
	promoText = regexp.MustCompile(`(?i)(?:^|\b)(?:` +
		`follow (?:us|him|her|them|@\w+|\S+(?: \S+)? on (?:twitter|facebook|instagram|x|linkedin|youtube|tiktok))` +
		`|join (?:us|our|the conversation|the discussion)` +
		`|subscribe (?:to|now|today|here)|sign up (?:for|to|here)|newsletters?\b` +
		`|listen to .{1,40} (?:live|on|at)|download (?:the|our) (?:app|podcast)` +
		`)\b`)
	// noticeText matches the notices that close a page: "If you enjoyed
	// this article…", copyright, affiliate and comment-moderation notes.
	noticeText = regexp.MustCompile(`(?i)(?:^|\b)(?:` +
		`if you (?:enjoyed|liked|value|appreciate) (?:this|our)` +
		`|all rights reserved|affiliate commission|may earn (?:a|an) (?:affiliate )?commission` +
		`|moderat\w+ (?:all )?comments|comments? (?:are|is) (?:closed|moderated)` +
		`)\b`)
	// tailLabel matches a short closing line that labels page chrome.
	tailLabel = regexp.MustCompile(`(?i)^(?:(?:filed|posted) (?:under|in)\s*:.*|tags?\s*:.*|categor(?:y|ies)\s*:.*|source\s*:\s*\S.{0,60}|copyright\b.{0,120}|©.{0,120}|write to .{1,80}|advertisement|comments?|\d+ comments?|leave a (?:comment|reply)|share this.{0,30})$`)
	// bioVerb marks a sentence about the author.
	bioVerb = regexp.MustCompile(`\b(?:is|was|joined|writes|covers|has been|reports|is the|is a)\b`)
	// postedLine is "Posted on DATE by NAME" in any of a few languages.
	postedLine = regexp.MustCompile(`(?i)^(?:posted|published|written|publicado|publié|diposting|pubblicato)\s+(?:on\s+|el\s+|le\s+|pada\s+|il\s+)?[^.!?]{0,30}\d[^.!?]{0,30}?\s+(?:by|por|par|oleh|da)\s+\S+(?:\s+\S+){0,3}$`)
	// addressLine is a bare web address, perhaps after a short label.
	addressLine = regexp.MustCompile(`^(?:[\p{L}][\p{L} ]{0,20}:\s*)?https?://\S+$`)
	// metaLabel starts a "Label: value" segment of a metadata line.
	metaLabel = regexp.MustCompile(`^(?:\p{L}+\s+){0,2}\p{L}+\s*:\s*\S`)
	// metaSep separates the segments of a metadata line.
	metaSep = regexp.MustCompile(`\s+[-–—|·•]\s+`)
	// titleSeps separate a headline from the site's name in <title>.
	titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "}
	// bylineLabel is a label in front of an author's name.
	bylineLabel = regexp.MustCompile(`(?i)^(?:(?:an? )?(?:analysis|opinion|commentary|review|story|words|text|written|reporting|posted|published) by\s+|by\s+)`)
	// gluedDate is a weekday or month name run into the name before it.
	gluedDate = regexp.MustCompile(`\p{Ll}(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Updated|Published)`)
	// staffByline names no one: "By", "Editorial", "Staff".
	staffByline = regexp.MustCompile(`(?i)^(?:by|editorial|editor|staff|admin|administrator|author|guest|anonymous|unknown|.{0,40}\b(?:editorial )?staff(?: writers?| reporters?)?)?$`)
	// bylineDate is a date trailing an author's name.
	bylineDate = regexp.MustCompile(`(?i)\s*(?:[-–—|,·]|\bon\b)\s*(?:(?:updated|published|posted)\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}).*$`)
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
	r := utf8.RuneCountInString(it.plain)
	return r >= 40 && r >= 20*n && !strings.Contains(it.plain, "http")
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
	if postedLine.MatchString(s) || metaSegments(s) {
		return true
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
	for i, it := range c.kept() {
		switch it.Kind {
		case Paragraph:
			if it.bold && !strings.Contains(it.Text, "\n") {
				// A bold kicker or crosshead: leave it to crossheads.
				if !isDateLine(it.plain) {
					continue
				}
			}
			// Readability may have merged the header lines with the
			// first paragraph: drop the leading lines that are chrome.
			parts := strings.Split(it.Text, "\n\n")
			k := 0
			for k < len(parts) && labelParagraph(parts[k], byline) {
				k++
			}
			if k == len(parts) || it.links && wordCount(it.plain) <= 8 {
				it.drop = true
				continue
			}
			if k > 0 {
				it.Text = strings.Join(parts[k:], "\n\n")
				it.plain = plainMarkdown(strings.ReplaceAll(it.Text, "\n", " "))
			}
			if realParagraph(it) && c.bodyStarts(i) {
				return
			}
		case List:
			dates := true
			for _, e := range strings.Split(it.plain, "\n") {
				if !isDateLine(e) {
					dates = false
					break
				}
			}
			if it.links || dates {
				it.drop = true
			}
		}
	}
}

// labelParagraph reports whether every line of a Markdown paragraph is
// header chrome (see labelLine).
func labelParagraph(md, byline string) bool {
	for _, l := range strings.Split(md, "\n") {
		if !labelLine(plainMarkdown(l), byline) {
			return false
		}
	}
	return true
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
			// A picture after the last paragraph with nothing said
			// about it: a promotion, a logo, an author's portrait.
			if it.Figure.Caption == "" {
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
	if it.links && wordCount(p) <= 12 || tailLabel.MatchString(p) || len(p) < 400 && noticeText.MatchString(p) {
		return true
	}
	// A promotion links somewhere or is set apart in italics; a closing
	// quote that says "join us" is neither.
	if len(p) < 400 && (strings.Contains(it.Text, "](") || emphasised(it.Text)) && promoText.MatchString(p) {
		return true
	}
	if wordCount(p) <= 2 && !endsSentence(p) {
		return true
	}
	if addressLines(it.Text) {
		// "Listen: https://…", "iTunes: https://…".
		return true
	}
	if _, ok := creditOnly(p); ok {
		// A photo credit whose picture is gone.
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
	for i, it := range c.kept() {
		if (it.Kind != Heading && it.Kind != Paragraph) || norm(it.plain) != bn {
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
	for _, it := range c.kept() {
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
// page, and the page's own address (og:url, else its canonical link).
func headlines(doc *html.Node) (h1s []string, self string) {
	var out []string
	canonical := ""
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(out) < 4; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case c.DataAtom == atom.Meta && self == "" && attr(c, "property") == "og:url":
				self = attr(c, "content")
			case c.DataAtom == atom.Link && canonical == "" && strings.EqualFold(attr(c, "rel"), "canonical"):
				canonical = attr(c, "href")
			case c.DataAtom == atom.Head:
				walk(c)
			}
			if skipTags[c.DataAtom] {
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
	if self == "" {
		self = canonical
	}
	return out, strings.TrimSpace(self)
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

// teaserCards drops runs of three or more story teasers: a heading and a
// one-line headline under it, often after a thumbnail ("### RANDY ANDY",
// "Andrew parties in unearthed pics…"), as the "most read" rails of news
// sites lay them out.
func (c *cleaner) teaserCards() {
	type card struct {
		idx     []int
		picture bool
	}
	var run []card
	flush := func() {
		pictures := 0
		for _, cd := range run {
			if cd.picture {
				pictures++
			}
		}
		// Teasers come with thumbnails; sections of a Q&A or a list
		// article mostly do not.
		if len(run) >= 3 && pictures*2 >= len(run) {
			for _, cd := range run {
				for _, j := range cd.idx {
					c.items[j].drop = true
				}
			}
		}
		run = run[:0]
	}
	for i := 0; i < len(c.items); {
		if c.items[i].drop {
			i++
			continue
		}
		var idx []int
		j := i
		if c.items[j].Kind == FigureBlock && c.items[j].Figure.Caption == "" {
			idx = append(idx, j)
			if j = c.next(j); j < 0 {
				break
			}
		}
		// Labels such as "Warning" may sit between picture and heading.
		if c.items[j].Kind == Paragraph && wordCount(c.items[j].plain) <= 2 && !endsSentence(c.items[j].plain) {
			if k := c.next(j); k >= 0 && c.items[k].Kind == Heading {
				idx = append(idx, j)
				j = k
			}
		}
		if c.items[j].Kind != Heading || strings.HasSuffix(c.items[j].plain, "?") || strings.HasSuffix(c.items[j].plain, ":") {
			flush()
			i = j + 1
			continue
		}
		k := c.next(j)
		if k < 0 || c.items[k].Kind != Paragraph || !headlineLike(c.items[k].plain) || wordCount(c.items[k].plain) < 4 || endsSentence(c.items[k].plain) {
			flush()
			i = j + 1
			continue
		}
		run = append(run, card{idx: append(idx, j, k), picture: len(idx) > 0 && c.items[idx[0]].Kind == FigureBlock})
		i = k + 1
	}
	flush()
}

// teaserLists drops lists whose every entry is only a link to another
// story's headline ("- [Photos: Europa, Mysterious Icy Moon](…)"): a
// related-stories box inside the article.
func (c *cleaner) teaserLists() {
	for _, it := range c.kept() {
		if it.Kind != List || !it.links || len(it.Items) < 2 {
			continue
		}
		headlines := true
		for _, e := range strings.Split(it.plain, "\n") {
			if n := wordCount(e); n < 3 || n > 25 {
				headlines = false
				break
			}
		}
		if headlines {
			it.drop = true
		}
	}
}

// metaSegments reports whether s is a metadata line such as "05/10/2018 -
// Published by: NAME - Category: Health - Tags: a b c": segments that are a
// date or "Label: value", at least one of them a date.
func metaSegments(s string) bool {
	segs := metaSep.Split(s, -1)
	if len(segs) < 2 || len(s) > 400 {
		return false
	}
	dated := false
	for _, g := range segs {
		switch {
		case isDateLine(g):
			dated = true
		case metaLabel.MatchString(g) && wordCount(g) <= 12:
		default:
			return false
		}
	}
	return dated
}

// addressLines reports whether every line of a Markdown paragraph is a bare
// address, perhaps labelled.
func addressLines(md string) bool {
	for _, l := range strings.Split(md, "\n") {
		if !addressLine.MatchString(plainMarkdown(l)) {
			return false
		}
	}
	return true
}

// bodyStarts reports whether the real paragraph at i starts the body: the
// next paragraph is real too (a standfirst is often followed by more
// header lines: "Opinion Columnist", the byline, the date).
func (c *cleaner) bodyStarts(i int) bool {
	for j := c.next(i); j >= 0; j = c.next(j) {
		switch it := &c.items[j]; it.Kind {
		case FigureBlock:
			continue
		case Paragraph:
			return realParagraph(it) || !labelParagraph(it.Text, "")
		default:
			return true
		}
	}
	return true
}

// emphasised reports whether a Markdown paragraph is set in italics or bold
// throughout.
func emphasised(md string) bool {
	md = strings.TrimSpace(md)
	return len(md) > 2 && (md[0] == '*' || md[0] == '_') && (md[len(md)-1] == '*' || md[len(md)-1] == '_')
}
