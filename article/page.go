package article

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rules for whole pages only: what a page carries around its article and
// main-content extraction keeps.

var (
	// postedLine is "Posted on DATE by NAME" in any of a few languages.
	postedLine *lazyRegexp
	// metaLabel starts a "Label: value" segment of a metadata line.
	metaLabel *lazyRegexp
	// metaSep separates the segments of a metadata line.
	metaSep *lazyRegexp
)

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
	if isDateLine(s) || isBoilerplate(s) || isBreadcrumb(s) {
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
	if postedLine.MatchString(s) || metaSegments(s) || readingLine.MatchString(s) || pictureCredit.MatchString(s) || pageTool.MatchString(s) {
		return true
	}
	if _, ok := creditOnly(s); ok {
		return true // the lead picture's credit
	}
	if wordCount(s) > 5 || endsSentence(s) || strings.HasSuffix(s, ":") {
		return false
	}
	// A count ("3.409 reads") or a name ("Opinion Columnist"), not a
	// short line of the article ("Serves 4").
	return shortLabel(s)
}

// pageLead drops the chrome between the headline and the first paragraph of
// text: dates, the byline again, section labels, breadcrumbs, the page's
// address. Headings, figures and quotes stay.
func (c *cleaner) pageLead(byline string) {
	var changed []leadChange
	note := func(i int) {
		if len(changed) == 0 || changed[len(changed)-1].i != i {
			changed = append(changed, leadChange{i, c.items[i]})
		}
	}
	forms := c.dateSeries()
	for i, it := range c.kept() {
		switch it.Kind {
		case Paragraph:
			if inSeries(it, forms) {
				continue // the first entry's date of a diary or live blog
			}
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
			for k < len(parts) && c.headerParagraph(parts[k], byline) {
				k++
			}
			if k == len(parts) || it.links && wordCount(it.plain) <= 8 {
				note(i)
				it.drop = true
				continue
			}
			if k > 0 {
				note(i)
				it.Text = strings.Join(parts[k:], "\n\n")
				it.plain = plainMarkdown(strings.ReplaceAll(it.Text, "\n", " "))
			}
			if realParagraph(it) && c.bodyStarts(i, forms) {
				c.undoLead(changed, false)
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
				note(i)
				it.drop = true
			}
		}
	}
	c.undoLead(changed, true)
}

// leadChange is an item as it was before pageLead changed it.
type leadChange struct {
	i   int
	was item
}

// undoLead puts back what pageLead took when it was no header: the body
// never started (lines too short to tell, as in a photo blog's captions or
// a language written without spaces), or the lines taken hold more words
// than the article left.
func (c *cleaner) undoLead(changed []leadChange, noBody bool) {
	if !noBody {
		taken, left := 0, 0
		for _, ch := range changed {
			taken += wordCount(ch.was.plain)
			if now := &c.items[ch.i]; !now.drop {
				taken -= wordCount(now.plain)
			}
		}
		for _, it := range c.kept() {
			left += wordCount(it.plain)
		}
		if taken <= left {
			return
		}
	}
	for _, ch := range changed {
		c.items[ch.i] = ch.was
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

// pageHeadline makes the page's own <h1>, when it comes before any text, the
// title: it is the headline the page shows, where <title> and og:title often
// carry a variant written for search engines.
func (c *cleaner) pageHeadline() string {
	for _, it := range c.kept() {
		if realParagraph(it) {
			return ""
		}
		if it.Kind == Heading && (it.h1 || slices.Contains(c.info.h1s, norm(it.plain))) && wordCount(it.plain) >= 2 {
			it.drop = true
			return it.plain
		}
	}
	return ""
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

// bodyStarts reports whether the real paragraph at i starts the body: the
// next paragraph is real too, or one of the text's date lines (forms; see
// dateSeries). A standfirst is often followed by more header lines:
// "Opinion Columnist", the byline, the date.
func (c *cleaner) bodyStarts(i int, forms map[dateForm]bool) bool {
	for j := c.next(i); j >= 0; j = c.next(j) {
		switch it := &c.items[j]; it.Kind {
		case FigureBlock:
			continue
		case Paragraph:
			return realParagraph(it) || inSeries(it, forms) || !labelParagraph(it.Text, "")
		default:
			return true
		}
	}
	return true
}

// pageChrome drops what a whole page carries around its article and
// readability may keep: date lines before the text (the date is in the
// meta line; see dateSeries for the text's own), bare
// addresses, all-capitals links to other stories, and lists of links after
// the last paragraph of text (or table, quote or list of text).
func (c *cleaner) pageChrome() {
	last := -1
	forms, text := c.dateSeries(), false
	for i, it := range c.kept() {
		switch it.Kind {
		case Paragraph:
			switch {
			case isDateLine(it.plain) && !text && !inSeries(it, forms):
				// The header's date: the text's own dates stay.
				it.drop = true
			case it.links && wordCount(it.plain) >= 4 && shouting(it.plain):
				it.drop = true
			}
			if !it.drop && !it.links && wordCount(it.plain) >= 15 {
				last = i
			}
			text = text || !it.drop && realParagraph(it)
		case Table, Quote, Code, List:
			if contentBlock(it) {
				last = i // a table, and the list after it, are the article's
			}
		}
	}
	if last < 0 {
		return
	}
	for i := last + 1; i < len(c.items); i++ {
		it := &c.items[i]
		if it.drop {
			continue
		}
		if it.Kind == Paragraph && it.links && c.teaserParagraph(it) {
			if c.linkSentence(i) {
				continue // "Read the full report." before more text
			}
			// Teasers for other stories: a headline link, often with a
			// picture before it.
			it.drop = true
			if p := c.prev(i); p > last && c.items[p].Kind == FigureBlock && c.items[p].Figure.Caption == "" {
				c.items[p].drop = true
			}
			continue
		}
		if it.Kind == List && (it.links || it.linked && !c.afterTable(i)) && len(it.Items) >= 2 && c.teaserList(it) {
			it.drop = true
			// A heading right before the dropped list was its label.
			if p := c.prev(i); p > last && (c.items[p].Kind == Heading || c.items[p].Kind == Paragraph && wordCount(c.items[p].plain) <= 8) {
				c.items[p].drop = true
			}
		}
	}
}

// shouting reports whether s is written in capitals ("TAYLOR SWIFT CLEARED
// TO PERFORM AT AMAs"): nine in ten of its letters or more.
func shouting(s string) bool {
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper > 0 && upper >= 9*lower
}

func init() {
	register(func() {
		postedLine = compileLater(`(?i)^(?:posted|published|written|publicado|publié|diposting|pubblicato)\s+(?:on\s+|el\s+|le\s+|pada\s+|il\s+)?[^.!?]{0,30}\d[^.!?]{0,30}?\s+(?:by|por|par|oleh|da)\s+\S+(?:\s+\S+){0,3}$`)
		metaLabel = compileLater(`^(?:\p{L}+\s+){0,2}\p{L}+\s*:\s*\S`)
		metaSep = compileLater(`\s+[-–—|·•]\s+`)
	})
}
