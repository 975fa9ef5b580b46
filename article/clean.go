package article

import (
	"iter"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/herald-reader/herald/sanitize"
)

// cleaner applies the clean-up rules to the items of one article.
type cleaner struct {
	m           Meta
	text        bool     // the input was plain text
	page        bool     // the input was a whole page (after readability)
	pageTitle   bool     // page: the title came from the page, not from m
	info        pageInfo // page: what the page says besides its body
	altCaptions bool     // an image's alt text may serve as its caption
	items       []item
	labels      []int // headings that go only with their sections (see boilerplate)
}

// kept yields the items no rule has dropped (checked as each is reached, so
// an item dropped earlier in the same loop is skipped), with their indexes.
func (c *cleaner) kept() iter.Seq2[int, *item] {
	return func(yield func(int, *item) bool) {
		for i := range c.items {
			if !c.items[i].drop && !yield(i, &c.items[i]) {
				return
			}
		}
	}
}

// document runs every rule and returns the cleaned document.
func (c *cleaner) document() *Document {
	d := &Document{
		Title:  sanitize.Line(c.m.Title),
		Byline: byline(c.m.Author),
		Link:   sanitize.Line(c.m.Link),
	}
	if !isEpoch(c.m.Published) {
		d.Date = c.m.Published
	}
	c.leadImage()
	c.boilerplate()
	c.related()
	c.edgeLines()
	c.pullQuotes()
	if c.page {
		c.pageChrome()
	}
	c.captionGroups()
	c.figures()
	c.repeatedCaptions()
	if c.page {
		if c.pageTitle {
			if h := c.pageHeadline(); h != "" {
				d.Title = h
			}
		}
		c.pageHeader()
		c.ldEdges()
		c.pageLead(d.Byline)
		c.teaserLists()
		c.teaserCards()
		c.authorBox(d.Byline)
		c.pageTail(d.Byline)
		c.edgeLines()
	}
	c.crossheads()
	d.Title = c.title(d.Title)
	c.summary()
	for _, it := range c.kept() {
		if it.Kind == FigureBlock && it.lead && d.Lead == nil && len(d.Blocks) == 0 {
			d.Lead = it.Figure
			continue
		}
		d.Blocks = append(d.Blocks, it.Block)
	}
	return d
}

// byline tidies an author field: no "By " prefix, no trailing comma.
func byline(s string) string {
	s = sanitize.Line(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	return strings.TrimSpace(strings.TrimRight(s, " ,;|·-"))
}

// isEpoch reports whether t is missing: zero, or the Unix epoch in any time
// zone.
func isEpoch(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	u := t.Unix()
	return u > -2*86400 && u < 2*86400
}

// next returns the index of the first kept item after i, or -1.
func (c *cleaner) next(i int) int {
	for j := i + 1; j < len(c.items); j++ {
		if !c.items[j].drop {
			return j
		}
	}
	return -1
}

// prev returns the index of the last kept item before i, or -1.
func (c *cleaner) prev(i int) int {
	for j := i - 1; j >= 0; j-- {
		if !c.items[j].drop {
			return j
		}
	}
	return -1
}

// leadImage puts the feed's lead image (media:content, enclosure) in front,
// unless the body already shows it; then its caption and credit complete
// the body's figure.
func (c *cleaner) leadImage() {
	u := strings.TrimSpace(sanitizeURL(c.m.ImageURL))
	capText, credit := splitCredit(sanitize.Line(c.m.ImageCaption))
	if cr := normCredit(c.m.ImageCredit); cr != "" {
		credit = cr
	}
	if u == "" && capText == "" {
		return
	}
	for i := range c.items {
		it := &c.items[i]
		if it.Kind != FigureBlock {
			continue
		}
		f := it.Figure
		same := u != "" && sameImage(f.ImageURL, u)
		if !same && capText != "" && (norm(f.Caption) == norm(capText) || c.matches(it, capText)) {
			same = true
		}
		if same {
			if f.ImageURL == "" || largerCopy(u, f.ImageURL) {
				f.ImageURL = u
			}
			if f.Caption == "" {
				f.Caption = capText
			}
			if f.Credit == "" {
				f.Credit = credit
			}
			return
		}
	}
	// With no image (u == "") the caption may still collapse with caption
	// lines in the body.
	c.items = append([]item{{Block: Block{Kind: FigureBlock, Figure: &Figure{ImageURL: u, Caption: capText, Credit: credit}}, lead: true}}, c.items...)
}

// sanitizeURL keeps http(s) addresses only.
func sanitizeURL(u string) string {
	u = sanitize.Line(u)
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		return strings.ReplaceAll(u, " ", "%20")
	}
	return ""
}

// boilerplate drops what is never article text.
func (c *cleaner) boilerplate() {
	boiler := map[string]bool{}
	for _, l := range c.m.Boilerplate {
		if n := norm(l); n != "" {
			boiler[n] = true
		}
	}
	for i := range c.items {
		it := &c.items[i]
		switch it.Kind {
		case Heading:
			switch {
			case drawnRule(it.plain) || signupInvite(it.plain):
				// A sign-up box's heading names what it offers; it is the
				// box, whatever stands under it.
				it.drop = true
			case isBoilerplate(it.plain) || boiler[norm(it.plain)] || likeThis.MatchString(it.plain):
				// "Menu" over a restaurant's dishes, "Sign in" over a
				// tutorial's steps are sections' titles.
				c.labels = append(c.labels, i)
			}
		case Paragraph:
			if isBoilerplate(it.plain) || boiler[norm(it.plain)] || readMoreTeaser.MatchString(it.Text) || c.siteFooter(it) {
				it.drop = true
			} else if isShareLine(it.plain, it.links) || isWidgetLine(it.plain) {
				it.drop = true
			}
		case List:
			entries := strings.Split(it.plain, "\n")
			all := true
			for _, e := range entries {
				if !isBoilerplate(e) && !boiler[norm(e)] {
					all = false
				}
			}
			// Share buttons are links or controls; "Share", "Print", "Save"
			// as plain entries are what a toolbar offers, in a how-to.
			if all || (it.links || it.controls) && isShareList(entries) {
				it.drop = true
			}
		}
	}
	for i := range c.items {
		if !c.items[i].drop && c.likeLabel(i) {
			c.items[i].drop = true
		}
	}
	c.breadcrumbs()
	c.signupPitch()
	// A heading that is chrome on its own ("Menu", "Sign in", "Share
	// this:"), or one every item repeats ("Links", "About the company"),
	// labels a section whose words change: it goes only with its section.
	c.bareLabels()
}

// bareLabels drops the label headings whose sections have gone.
func (c *cleaner) bareLabels() {
	for _, i := range c.labels {
		c.items[i].drop = c.items[i].drop || c.sectionDropped(i)
	}
}

// sectionDropped reports whether every item under the heading at i, up to
// the next heading of its rank or above, is dropped.
func (c *cleaner) sectionDropped(i int) bool {
	for j := i + 1; j < len(c.items); j++ {
		if c.items[j].Kind == Heading && c.items[j].Level <= c.items[i].Level {
			break
		}
		if !c.items[j].drop && c.items[j].Kind != Heading {
			return false
		}
	}
	return true
}

// related drops "Related Topics" / "More on this story" labels with the
// link lists that follow them, and such a label left bare at the end. In a
// feed item the links must go to the item's own site (homeLinks): a
// publisher's related posts point home, an author's recommendations away.
// maxRelatedLabel is the longest line relatedLabel can match, in bytes:
// "Related: " and a headline of 120 characters.
const maxRelatedLabel = 600

func (c *cleaner) related() {
	total := 0 // the item's words, to tell a digest from its chrome
	for _, it := range c.kept() {
		total += wordCount(it.plain)
	}
	for i, it := range c.kept() {
		if it.Kind == Paragraph && relatedInline.MatchString(it.plain) && inlineLinks(it.Text) {
			it.drop = c.page || c.homeLinks(it.Text) // the label and its links in one paragraph
			continue
		}
		// A label is a short line: the regular expression, long and in many
		// languages, only looks at those.
		if (it.Kind != Heading && it.Kind != Paragraph) || len(it.plain) > maxRelatedLabel || !relatedLabel.MatchString(it.plain) {
			continue
		}
		// "Related: Another Story's Headline" is itself a teaser when it is
		// a heading or the headline is a link; "Related: the council also
		// voted…" is prose.
		teaser := relatedTeaser.MatchString(it.plain)
		if teaser && it.Kind == Paragraph && !(it.bold && headlineLike(it.plain)) &&
			!linkHeavy(strings.TrimLeft(it.Text[strings.Index(it.Text, ":")+1:], " *_")) {
			continue
		}
		var run []int
		words := wordCount(it.plain)
		md := []string{it.Text}
		for j := c.next(i); j >= 0 && relatedLinks(&c.items[j]); j = c.next(j) {
			run = append(run, j)
			words += wordCount(c.items[j].plain)
			md = append(md, c.items[j].Text)
			md = append(md, c.items[j].Items...)
		}
		if len(run) > 0 && 2*words > total && (digestLabel.MatchString(it.plain) || words >= total) {
			// Most of the item: a digest's "Top stories" is the article.
			continue
		}
		if !c.page && (teaser || len(run) > 0) && !c.homeLinks(md...) {
			continue
		}
		for _, j := range run {
			c.items[j].drop = true
		}
		if teaser || len(run) > 0 || c.next(i) < 0 && wordCount(it.plain) > 1 {
			// With its links, or a label left with nothing under it ("More."
			// alone may be the last word of a post).
			it.drop = true
		}
	}
}

// inlineLinks reports whether a related label's paragraph is its links:
// the whole paragraph, what follows the label's colon or bar ("Lesen Sie
// auch: [Title](…)"), or a link right after the label ("Lire aussi
// [Title](…)"). "Leia também o livro [X](…)" is a sentence.
func inlineLinks(md string) bool {
	if linkHeavy(md) {
		return true
	}
	if i := strings.IndexAny(md, ":|："); i >= 0 && (strings.IndexByte(md, '[') < 0 || i < strings.IndexByte(md, '[')) {
		_, size := utf8.DecodeRuneInString(md[i:])
		return linkHeavy(strings.TrimLeft(md[i+size:], " *_"))
	}
	m := relatedLead.FindStringIndex(md)
	return m != nil && strings.HasPrefix(md[m[1]:], "[") && linkHeavy(md[m[1]:])
}

// relatedLead is a related label of another language at the start of a
// Markdown paragraph, with its emphasis.
var relatedLead *lazyRegexp

// relatedLinks reports whether an item can be the links under a related
// label: a paragraph of links, or a list whose entries are links with few
// words besides ("Storm hits coast 5 days ago").
func relatedLinks(it *item) bool {
	switch it.Kind {
	case List:
		return it.links || it.linked
	case Paragraph:
		return it.links
	}
	return false
}

// crossheads turns "- Heading -", "— Heading —" and short bold-only
// paragraphs into section headings.
func (c *cleaner) crossheads() {
	for i, it := range c.kept() {
		if it.Kind != Paragraph {
			continue
		}
		if m := crosshead.FindStringSubmatch(it.plain); m != nil && wordCount(m[1]) <= 15 {
			it.Block = Block{Kind: Heading, Level: 2, Text: escapeText(m[1])}
			it.plain = m[1]
			continue
		}
		if it.bold && headlineLike(it.plain) && !strings.HasSuffix(it.plain, ":") && utf8.RuneCountInString(it.plain) <= 100 {
			j := c.next(i)
			p := c.prev(i)
			if j >= 0 && c.items[j].Kind == Paragraph && !c.items[j].bold && (p < 0 || !c.items[p].bold) {
				it.Block = Block{Kind: Heading, Level: 2, Text: escapeText(it.plain)}
			}
		}
	}
}

// headlineLike reports whether s reads like a headline: short, no final
// full stop.
func headlineLike(s string) bool {
	n := wordCount(s)
	if n < 1 || n > 20 || utf8.RuneCountInString(s) > 160 {
		return false
	}
	return !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ",") && !strings.HasSuffix(s, ";")
}

// title decides the title and drops its repetitions from the body.
func (c *cleaner) title(title string) string {
	if title == "" {
		for i, it := range c.kept() {
			if it.Kind == FigureBlock {
				continue
			}
			if c.text && it.Kind == Paragraph && headlineLike(it.plain) && wordCount(it.plain) >= 3 {
				// A headline is followed by body text, not by more short lines.
				if j := c.next(i); j >= 0 && c.items[j].Kind == Paragraph && !headlineLike(c.items[j].plain) {
					title = it.plain
					it.drop = true
				}
			} else if !c.text && it.Kind == Heading && it.h1 {
				title = it.plain
				it.drop = true
			}
			break
		}
	}
	tn := norm(title)
	if tn == "" {
		return title
	}
	seenBody := false
	for _, it := range c.kept() {
		switch it.Kind {
		case Heading:
			if norm(it.plain) == tn {
				it.drop = true
			}
		case Paragraph:
			if !seenBody && norm(it.plain) == tn {
				it.drop = true
				continue
			}
			seenBody = true
		}
	}
	return title
}

// summary shows a summary repeated inside the content once, and drops a
// teaser ending in "…" that the next paragraph repeats in full.
func (c *cleaner) summary() {
	sum := map[string]bool{}
	if s := strings.TrimSpace(c.m.Summary); s != "" {
		for _, p := range summaryParagraphs(s) {
			if wordCount(p) >= 5 {
				sum[norm(p)] = true
			}
		}
	}
	seen := map[string]bool{}
	for i, it := range c.kept() {
		if it.Kind != Paragraph {
			continue
		}
		n := norm(it.plain)
		if sum[n] {
			if seen[n] {
				it.drop = true
				continue
			}
			seen[n] = true
		}
		if t := strings.TrimRight(it.plain, " "); strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...") || strings.HasSuffix(t, "[…]") || strings.HasSuffix(t, "[...]") {
			if j := c.next(i); j >= 0 && c.items[j].Kind == Paragraph && len(n) > 20 {
				if nn := norm(c.items[j].plain); len(nn) > len(n) && strings.HasPrefix(nn, n) {
					it.drop = true
				}
			}
		}
	}
}

// summaryParagraphs splits a feed summary (HTML or text) into paragraph
// texts.
func summaryParagraphs(s string) []string {
	if looksLikeHTML(s) {
		nodes, err := html.ParseFragment(strings.NewReader(s), bodyContext())
		if err != nil {
			return nil
		}
		var out []string
		for _, n := range nodes {
			collectText(n, &out)
		}
		return out
	}
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = sanitize.Line(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func init() {
	register(func() {
		relatedLead = compileLater(`(?i)^[\s*_]*(?:` + relatedWords + `)[\s*_]*`)
	})
}
