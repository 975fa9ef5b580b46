package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rules for the end of a page's article: what follows its last paragraph
// of text.

var (
	// promoText matches a paragraph promoting the site rather than
	// telling the story: "Follow us on Twitter", "Join our forums",
	// "Sign up for our newsletter", "Listen to … live".
	promoText *lazyRegexp

	// noticeText matches the notices that close a page: "If you enjoyed
	// this article…", copyright, affiliate and comment-moderation notes.
	noticeText *lazyRegexp

	// tailLabel matches a short closing line that labels page chrome.
	tailLabel *lazyRegexp
	// bioVerb marks a sentence about the author.
	bioVerb *lazyRegexp
	// addressLine is a bare web address, perhaps after a short label.
	addressLine *lazyRegexp
)

// pageTail drops, from the end of the article backwards, what follows its
// last paragraph of text: promotions, author boxes, comment and tag lines,
// copyright lines, headings with nothing under them, pictures without a
// caption, lists of links.
func (c *cleaner) pageTail(byline string) {
	names := bylineNames(byline)
	box := c.bodyBox()
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
			// about it: a promotion, a logo, an author's portrait; not
			// the photos a photo post ends with.
			if it.Figure.Caption == "" && !c.articlePictures(i, box) {
				it.drop = true
				continue
			}
		case List:
			if it.links && c.teaserList(it) {
				it.drop = true
				continue
			}
		case Paragraph:
			if c.signOff(i) {
				return
			}
			if c.tailParagraph(it, names) {
				it.drop = true
				continue
			}
		}
		return
	}
}

// tailParagraph reports whether a paragraph at the end of a page is chrome.
func (c *cleaner) tailParagraph(it *item, names []string) bool {
	p := it.plain
	if it.links && wordCount(p) <= 12 && c.teaserParagraph(it) || tailLabel.MatchString(p) || len(p) < 400 && noticeText.MatchString(p) {
		return true
	}
	// A promotion links somewhere or is set apart in italics; a closing
	// quote that says "join us" is neither.
	if len(p) < 400 && (strings.Contains(it.Text, "](") || emphasised(it.Text)) && promoLine(p) {
		return true
	}
	if wordCount(p) <= 2 && !endsSentence(p) {
		return true
	}
	if isDateLine(p) && datedLabel.MatchString(p) {
		// "Last updated 3 March 2025": the page's date, not the text's.
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
		if c.tailParagraph(&c.items[j], names) {
			it.drop = true
			c.items[j].drop = true
		}
	}
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

// emphasised reports whether a Markdown paragraph is set in italics or bold
// throughout.
func emphasised(md string) bool {
	md = strings.TrimSpace(md)
	return len(md) > 2 && (md[0] == '*' || md[0] == '_') && (md[len(md)-1] == '*' || md[len(md)-1] == '_')
}

func init() {
	register(func() {
		promoText = compileLater(`(?i)(?:^|\b)(?:` +
			`follow (?:us|@\w+|\S+(?: \S+)? on (?:twitter|facebook|instagram|x|linkedin|youtube|tiktok|threads|bluesky|mastodon))` +
			`|join (?:us|our|the conversation|the discussion)` +
			`|subscribe (?:to|now|today|here)|sign up (?:for|to|here)|newsletters?\b` +
			`|listen to .{1,40} (?:live|on|at)|download (?:the|our) (?:app|podcast)` +
			`)\b`)
		noticeText = compileLater(`(?i)(?:^|\b)(?:` +
			`if you (?:enjoyed|liked|value|appreciate) (?:this|our)` +
			`|all rights reserved|affiliate commission|may earn (?:a|an) (?:affiliate )?commission` +
			`|moderat\w+ (?:all )?comments|comments? (?:are|is) (?:closed|moderated)` +
			`)\b`)
		tailLabel = compileLater(`(?i)^(?:(?:filed|posted) (?:under|in)\s*:.*|tags?\s*:.*|categor(?:y|ies)\s*:.*|copyright\b.{0,120}|©.{0,120}|write to .{1,80}|advertisement|comments?|\d+ comments?|leave a (?:comment|reply)|share this.{0,30})$`)
		bioVerb = compileLater(`\b(?:is|was|joined|writes|covers|has been|reports|is the|is a)\b`)
		addressLine = compileLater(`^(?:[\p{L}][\p{L} ]{0,20}:\s*)?https?://\S+$`)
	})
}
