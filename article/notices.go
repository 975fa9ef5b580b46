package article

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/publicsuffix"
)

// Lines that are chrome only in the shape of their widget. Each starts like
// a sentence of the article could ("The post about the strike appeared
// first on…", "Category: Literary fiction", "All comments are reviewed…"),
// so each rule asks for what only the widget has: the post's own title and
// a site name ending the line, a place at the edge of the item, links.

// siteFooter is the line a blog platform adds to each post of its feed,
// "<label> <post title> <verb> <site name>.", in the platforms' own words
// (WordPress's Yoast in its translations): group 1 is the title, group 2
// the site.
var siteFooter *lazyRegexp

// maxFooterSiteWords is how long a site's name may be.
const maxFooterSiteWords = 8

// footerParts returns the title and the site of a platform's footer, and
// whether plain has its shape: the fixed words, and a short site name that
// ends the line ("The post about the strike appeared first on Facebook,
// where…" goes on).
func footerParts(plain string) (title, site string, ok bool) {
	if len(plain) > 500 {
		return "", "", false
	}
	m := siteFooter.FindStringSubmatch(plain)
	if m == nil {
		return "", "", false
	}
	site = m[2]
	if wordCount(site) > maxFooterSiteWords || strings.ContainsAny(site, ",;:!?…") || strings.Contains(site, ". ") {
		return "", "", false
	}
	return m[1], site, true
}

// linkedFooter reports whether paragraph p, whose text is plain, is a
// platform's footer with the post or the site as a link, as the platforms
// write it.
func linkedFooter(p *html.Node, plain string) bool {
	title, site, ok := footerParts(plain)
	if !ok {
		return false
	}
	title, site = norm(title), norm(site)
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				t := norm(textOf(c))
				found = t != "" && (t == title || t == site)
				continue
			}
			walk(c)
		}
	}
	walk(p)
	return found
}

// siteFooter reports whether a paragraph is a platform's footer: its shape
// (footerParts), and the post named, as a link or as the item's own title.
// "Het bericht over de aanslag verscheen eerst op Telegram." has the words
// but names no post.
func (c *cleaner) siteFooter(it *item) bool {
	if it.footer {
		return true
	}
	title, _, ok := footerParts(it.plain)
	return ok && norm(title) != "" && norm(title) == norm(c.m.Title)
}

var (
	// newsletterLine invites the reader to the publisher's newsletter, by
	// name or as "our newsletter", in a line of its own: "Sign up for our
	// newsletter to get the day's top stories", "Sign up to receive our
	// free daily email", "Get the Morning Briefing newsletter". Between the
	// verb and the newsletter only a name (capitalised words) or its
	// cadence may stand: "Get your first hundred subscribers before you
	// design your newsletter" is advice.
	newsletterLine *lazyRegexp

	// "Get the Morning Briefing" may be a heading over prose; "the"
	// needs the word "newsletter" or "email".

	// "Sign up for Command Line, a paid weekly newsletter from…"

	// What follows says what the reader gets, or nothing does: "the
	// Gazette's newsletter team" goes on about something else.

	// signupInbox is an invitation to subscribe that promises the inbox:
	// "Sign up to get the Morning Briefing in your inbox every morning."
	signupInbox *lazyRegexp
	// signupAside is a sign-up form's label: "Newsletter sign-up".
	signupAside *lazyRegexp
)

const (
	// newsletterName is what may stand between "our" and "newsletter": a
	// name in capitals, a cadence.
	newsletterName = `(?: (?:free|daily|weekly|monthly|morning|evening|e-?mail|(?-i:\p{Lu})\S*|\d\S*|of|and|&))*?`
	// newsletterMail is a newsletter called an email.
	newsletterMail = `(?:free|daily|weekly|monthly|morning|evening) e-?mails?`
)

// signupLine reports whether a paragraph invites the reader to a
// newsletter.
func signupLine(plain, lower string) bool {
	if len(plain) > 300 || !containsAny(lower, "newsletter", "inbox", "briefing", "digest", "bulletin", "mail") {
		return false
	}
	return newsletterLine.MatchString(plain) || signupInbox.MatchString(plain)
}

// signupInvite reports whether a line is an invitation to subscribe that
// names what is offered ("Sign up for our newsletter", "Subscribe to The
// Gazette"): a sign-up box's heading, never a section's title, unlike
// "Sign up" or "Subscribe" alone, which may head a tutorial's section.
func signupInvite(plain string) bool {
	lower := strings.ToLower(plain)
	return signupLine(plain, lower) || signupAside.MatchString(plain) || isIntlSignup(plain) ||
		wordCount(plain) > 2 && (subscribeLine.MatchString(plain) || publicationName(plain))
}

// readingTimeLine is a reading or listening time shown over an article:
// "Reading time: 4 minutes", "4 min read", "Listen to this article (5
// min)", "Lesezeit: 4 Minuten".
var readingTimeLine *lazyRegexp

// readingTime reports whether a paragraph only says how long the article
// takes to read or to hear.
func readingTime(plain, lower string) bool {
	return len(plain) < 60 && containsAny(lower, "min", "read", "listen", "lesezeit", "lecture", "lectura", "lettura", "leitura", "leestijd", "lästid", "czytania", "чтения") &&
		readingTimeLine.MatchString(strings.TrimSpace(plain))
}

var (
	// likeThis is the label Jetpack puts over its like button, which may
	// also introduce an example: "Like this:" before a code sample.
	likeThis *lazyRegexp
	// likeButton is what stands under that label: the button, its
	// "Loading…", its count.
	likeButton *lazyRegexp
)

// likeLabel drops "Like this:" when the like button follows it (or nothing
// does): the button's label, not a sentence's.
func (c *cleaner) likeLabel(i int) bool {
	if c.items[i].Kind != Paragraph || !likeThis.MatchString(c.items[i].plain) {
		return false
	}
	if i+1 < len(c.items) && likeButton.MatchString(c.items[i+1].plain) {
		return true
	}
	return c.next(i) < 0
}

// tailNotice is what a comment form or a site says at the end of an item:
// "Comments are closed.", "All comments are moderated before
// publication.", "By using this site, you agree to our Terms of Use." The
// same words are a sentence in an article about moderation, so a notice
// goes only at the end (see edgeLines).
var tailNotice *lazyRegexp

// tagLabel starts a list of tags or categories, in several languages:
// "Tags: harbour, storm", "Mots-clés : port", "Tags | a | b".
var tagLabel *lazyRegexp

// tagSeparator splits the terms of a tag list.
var tagSeparator *lazyRegexp

// maxTagWords is how many words one tag may have.
const maxTagWords = 4

// tagLine reports whether a line is a tag list in its shape: the label,
// then short terms between commas or bars, no sentence ("Tags: harbour,
// storm"). "Tags: the small labels that link posts" and "Category: Best
// Photograph – Winner: Mhairi Ross" are not.
func tagLine(plain string) bool {
	if len(plain) > 300 {
		return false
	}
	m := tagLabel.FindStringIndex(plain)
	if m == nil {
		return false
	}
	rest := strings.TrimSpace(plain[m[1]:])
	if rest == "" || strings.ContainsAny(rest, ".!?:–—") {
		return false
	}
	for _, t := range tagSeparator.Split(rest, -1) {
		if n := wordCount(t); n == 0 || n > maxTagWords {
			return false
		}
	}
	return true
}

// detailLine is a label and its value: "Publisher: Faber", "Pages: 320".
var detailLine *lazyRegexp

// inDetails reports whether the paragraph at i stands among other label
// lines that are no tag list ("Publisher: Faber", "Pages: 320"): the
// details of a book or an award, where "Category: Literary fiction" is
// one detail.
func (c *cleaner) inDetails(i int) bool {
	for _, j := range []int{c.prev(i), c.next(i)} {
		if j < 0 || c.items[j].Kind != Paragraph {
			continue
		}
		p := c.items[j].plain
		if detailLine.MatchString(p) && !tagLine(p) && !postFooterPart.MatchString(p) {
			return true
		}
	}
	return false
}

// edgeLines drops the notices and tag lists at the end of the item (tag
// lists at its start too): read from the end, every line up to the first
// of the article's own. A tag list elsewhere goes when its tags are links.
// It runs once the related links are gone, and on a page again once the
// page's tail is cut.
func (c *cleaner) edgeLines() {
	tag := func(i int) bool {
		it := &c.items[i]
		return it.Kind == Paragraph && tagLine(it.plain) && !c.inDetails(i)
	}
	c.mailingAddress()
	for i := len(c.items) - 1; i >= 0; i-- {
		it := &c.items[i]
		switch {
		case it.Kind == FigureBlock && !it.drop && badgeImage.MatchString(it.Figure.ImageURL):
			it.drop = true
			continue
		case it.drop || it.Kind == FigureBlock:
			continue
		case it.Kind == Paragraph && (tailNotice.MatchString(it.plain) || isMailNotice(it.plain)) || tag(i):
			it.drop = true
			continue
		case it.Kind == Paragraph && signOff(it.plain):
			continue
		}
		break
	}
	for i := range c.items {
		it := &c.items[i]
		if it.drop || it.Kind == FigureBlock || it.h1 {
			continue
		}
		if !tag(i) && (it.Kind != Paragraph || !mailHead.MatchString(strings.TrimSpace(it.plain))) {
			break
		}
		it.drop = true
	}
	for i, it := range c.kept() {
		if tag(i) && linkedTags(it.Text) {
			it.drop = true
		}
	}
	c.bareLabels()
}

// signOff reports whether a short line at the end of a post may stand
// after its tags and stay: "Posted by Jo at 10:00", "By Jo Smith", a date.
func signOff(plain string) bool {
	return isDateLine(plain) || wordCount(plain) <= 6 && postFooterPart.MatchString(plain) && !endsSentence(plain) && !tagLine(plain)
}

// linkedTags reports whether the terms of a tag list, after its label, are
// links.
func linkedTags(md string) bool {
	if i := strings.IndexAny(md, ":|"); i >= 0 {
		md = md[i+1:]
	}
	return linkHeavy(strings.TrimLeft(md, " *_"))
}

// siteKey is the registered domain of an address ("example.co.uk" for
// https://news.example.co.uk/a), "" for a relative one.
func siteKey(u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Hostname() == "" {
		return ""
	}
	host := strings.ToLower(pu.Hostname())
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return strings.TrimPrefix(host, "www.")
}

// mdLinkURL captures the address of a Markdown link.
var mdLinkURL *lazyRegexp

// homeLinks reports whether most links of the Markdown md go to the item's
// own site (relative links do). A publisher's "Related" links point home;
// an author's "Recommended" books point elsewhere. Without the item's
// address there is nothing to compare, and the links count as home.
func (c *cleaner) homeLinks(md ...string) bool {
	home := siteKey(c.m.Link)
	if home == "" {
		return true
	}
	same, all := 0, 0
	for _, s := range md {
		for _, m := range mdLinkURL.FindAllStringSubmatch(s, -1) {
			all++
			if k := siteKey(m[1]); k == "" || k == home {
				same++
			}
		}
	}
	return all == 0 || 2*same > all
}

// toolClass names a toolbar or its buttons in a class: "article-tools",
// "share-bar", "icon print".
var toolClass *lazyRegexp

// toolList reports whether list l is a row of buttons by its markup: the
// list or every entry is marked as a tool, or every entry is a control.
func toolList(l *html.Node) bool {
	if toolClass.MatchString(attr(l, "class")) {
		return true
	}
	n := 0
	for c := l.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if !isControl(c) && !toolClass.MatchString(attr(c, "class")) {
			return false
		}
		n++
	}
	return n > 0
}

func init() {
	register(func() {
		siteFooter = compileLater(`(?i)^(?:the post|der beitrag|(?:la|a) entrada|inlägget|innlegget|indlægget|wpis|příspěvek|сообщение|запись|l['’]article|l['’]articolo|o post|het bericht) ` +
			`(.{1,300}?) (?:appeared first on|erschien zuerst auf|(?:se public[óo]|aparece|apareci[óo]) primero en|dök (?:först upp|upp först) på|dukket (?:først opp|opp først) på` +
			`|(?:blev vist første gang|dukkede først op) på|pojawił się (?:po ?raz pierwszy|pierwszy raz) (?:w|na)|se poprvé objevil na` +
			`|(?:появил(?:ись|ось|ась) (?:сначала|впервые)|впервые появил(?:ось|ась))(?: на)?|est apparu en premier sur|proviene da|sembra essere il primo su` +
			`|apareceu primeiro em|verscheen eerst op) (.{1,100}?)[.!]?$`)
		newsletterLine = compileLater(`(?i)^(?:[^.!?:]{1,60}[:?!—–]\s+)?(?:sign(?: me)? up|subscribe|register|get|join)(?: now| today| here| for free)*(?: (?:for|to|with|on))?(?: (?:receive|get))? ` +
			`(?:(?:our|my)` + newsletterName + ` (?:newsletters?|briefings?|digests?|bulletins?|mailing list|` + newsletterMail + `)` +

			`|(?:the|this|(?-i:\p{Lu})\S*['’]s)` + newsletterName + ` (?:newsletters?|mailing list|` + newsletterMail + `)` +

			`|(?-i:\p{Lu})[^,.!?]{0,40}, (?:a|an|our|my|the) (?:[^.!?,]{0,40} )?(?:newsletters?|digest|briefing|bulletin|` + newsletterMail + `))` +

			`(?:(?:[,:;—–(-]| (?:to|for|and|or|here|now|today|below|which|that|with|from|in|on|at|by|every|each|delivered|sent|straight|direct|free|&)\b)[^.!?]{0,140})?` +
			`(?:[.!]+(?: [^.!?]{1,80}[.!]?)?)?$`)
		signupInbox = compileLater(`(?i)^(?:sign up|subscribe)(?: now| today| here| for free)* (?:to|for|and)\b[^.!?]{0,100}\b(?:in|to) your inbox\b[^.!?]{0,60}[.!]?$`)
		signupAside = compileLater(`(?i)^newsletters? sign[- ]?up:?$`)
		readingTimeLine = compileLater(`(?i)^(?:` +
			`(?:estimated |approximate )?(?:reading time|read time|time to read|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura|leestijd|lästid|czas czytania|время чтения)\s*:?\s*(?:about |approx\.? |ca\.? |~|<\s*)?\d+(?:[–-]\d+)?\s*(?:min(?:ute)?s?|minuten|minutos|minuti|minuter|minuty|минут[аы]?|мин)\.?` +
			`|(?:about |~|<\s*)?\d+(?:[–-]\d+)?\s*(?:min(?:ute)?s?\.?|m) (?:read|listen|de lecture|de lectura|lesen|leestijd)` +
			`|listen to (?:this|the) (?:article|story|post)(?:\s*[(·•|–—-]?\s*\d+(?::\d\d)?\s*(?:min(?:ute)?s?|m)?\.?\)?)?` +
			`)$`)
		likeThis = compileLater(`(?i)^like this\s*:?$`)
		likeButton = compileLater(`(?i)^(?:like|loading\.*…?|like loading\.*…?|be the first to like this\.?|\d+ (?:bloggers?|people) likes? this\.?)$`)
		tailNotice = compileLater(`(?i)^(?:` +
			`comments? (?:are|is) (?:now )?closed(?: (?:for|on) this (?:article|story|post|page|entry|thread))?\.?` +
			`|comments? (?:have been|are|were) (?:disabled|turned off|switched off)(?: (?:for|on) this (?:article|story|post|page|entry))?\.?` +
			`|(?:all )?comments? (?:are|is|will be) (?:pre-?)?(?:moderated|held for moderation|reviewed)` +
			`(?:(?: and| but)? (?:will|may|might) (?:appear|be (?:published|visible|shown|approved)|not appear|take)\b.{0,120}| before (?:they|publication|being|appearing)\b.{0,100})?` +
			`|your comment is awaiting moderation\.?` +
			`|you must be (?:logged|signed) in to (?:post|leave|write|add|submit) a (?:comment|reply)\.?` +
			`|your email address will not be published\.?(?: required fields are marked \*?)?` +
			`|by (?:continuing to (?:use|browse|visit)|using|browsing|visiting) (?:this|our) (?:site|website|service|app)s?,? you (?:agree|consent|accept)(?: to)?(?: (?:our|the|its))? ` +
			`(?:updated )?(?:terms|privacy|cookie|legal|conditions|policies)\b[^.!?]{0,100}[.!]?` +
			`)$`)
		tagLabel = compileLater(`(?i)^(?:tags?|tagged(?: with| as)?|filed under|categor(?:y|ies|ie|ía|ías|ia)|kategorie[n]?|kategori(?:er)?|mots[- ]cl[ée]s|étiquettes?|etiquettes|etiquetas|etichette|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|trefwoorden|parole chiave|palavras[- ]chave|tagi|теги|метки|рубрики|rubriques?)\s*[:|]\s*`)
		tagSeparator = compileLater(`\s*[,;|·•/]\s*`)
		detailLine = compileLater(`^\p{L}[\p{L}\p{M} '’-]{0,30}\s*:\s*\S`)
		mdLinkURL = compileLater(`\]\(([^)\s]+)`)
		toolClass = compileLater(`(?i)(?:^|[\s_-])(?:tools?|toolbar|share|sharing|social|actions?|icons?|btn|button)(?:$|[\s_-])`)
	})
}
