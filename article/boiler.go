package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Site chrome that reads like a sentence: read-more lines, invitations to
// subscribe, post footers, breadcrumbs. Each rule matches the shape of the
// widget, which ends where its link or its site name does; prose that
// starts the same way goes on and stays.

var (
	// readMoreLine is a line leading to the rest of the article:
	// "Continue reading…", "Keep reading →", "Continue reading at The
	// Gazette", "Read the full story here", "Continue reading “Title”".
	readMoreLine *lazyRegexp

	// Not "below", nor "in" a language or a publication: "Keep reading
	// in Spanish." says where the text is; as a link it goes with the
	// links (dropReadMore).

	// readMoreTeaser is the same line with the title as a link, in
	// Markdown: "Continue reading [Title](…)".
	readMoreTeaser *lazyRegexp

	// subscribeLine is an invitation to subscribe: the bare button, with
	// what the reader gets, or with the publication's channel.
	subscribeLine *lazyRegexp

	// Substack's footers.

	// subscribeTo is "Subscribe to NAME", the name checked by
	// publicationName.
	subscribeTo *lazyRegexp

	// postFooterPart is one part of a blog post's footer: "Posted in News |
	// Tagged harbour, storm | Leave a comment".
	postFooterPart *lazyRegexp
	// postFooterLead is a part only a footer starts with.
	postFooterLead *lazyRegexp
	// entryFooter is the older WordPress footer in one sentence.
	entryFooter *lazyRegexp
)

// isSiteLine reports whether a paragraph is one of the lines above.
func isSiteLine(plain, lower string) bool {
	switch {
	case hasAnyPrefix(lower, "continue", "keep", "read", "[", "(", "«", "<"):
		return readMoreLine.MatchString(plain)
	case hasAnyPrefix(lower, "subscribe", "sign up", "join", "thank"):
		return subscribeLine.MatchString(plain) || publicationName(plain)
	case strings.Contains(lower, "reader-supported"):
		return subscribeLine.MatchString(plain)
	case strings.HasPrefix(lower, "this entry was posted"):
		return entryFooter.MatchString(plain)
	}
	return postFooter(plain)
}

// publicationName reports whether a line is "Subscribe to" and a name
// (capitalised, no more than five words): "Subscribe to The Gazette".
func publicationName(plain string) bool {
	m := subscribeTo.FindStringSubmatch(plain)
	if m == nil || strings.ContainsAny(m[1], ",;:") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(m[1])
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// postFooter reports whether a line is made of a post footer's parts,
// separated by bars, one of them saying where the post was filed.
func postFooter(plain string) bool {
	if len(plain) > 400 || !strings.Contains(plain, "|") {
		return false
	}
	lead := false
	for _, p := range strings.Split(plain, "|") {
		p = strings.TrimSpace(p)
		if !postFooterPart.MatchString(p) {
			return false
		}
		lead = lead || postFooterLead.MatchString(p)
	}
	return lead
}

// breadcrumbLabel starts a breadcrumb that says what it is: "You are
// here: Home / News".
var breadcrumbLabel *lazyRegexp

// labelledBreadcrumb reports whether a line is "You are here:" followed by
// a trail of short section names.
func labelledBreadcrumb(plain string) bool {
	m := breadcrumbLabel.FindStringIndex(plain)
	if m == nil || len(plain) > 200 {
		return false
	}
	steps := breadcrumbSeparator.Split(strings.TrimSpace(plain[m[1]:]), -1)
	for _, s := range steps {
		if n := wordCount(s); n == 0 || n > 6 {
			return false
		}
	}
	return true
}

// breadcrumbs drops trails of sections ("Home › News › Local"). The same
// line is a how-to's steps in prose ("Start > Control Panel > Programs",
// "Home › Settings › Privacy"), so a trail goes when something else says
// it is one: it is labelled, or its first step is a link, or, on a whole
// page, it stands in the header (only figures or the headline before it).
// A trail after a line ending in a colon is what that line introduces. In
// a feed item, whose header is the feed's, only a linked trail goes.
func (c *cleaner) breadcrumbs() {
	for _, it := range c.kept() {
		if it.Kind == Paragraph && (labelledBreadcrumb(it.plain) || strings.HasPrefix(strings.TrimLeft(it.Text, " *_"), "[") && isBreadcrumb(it.plain)) {
			it.drop = true
		}
	}
	if !c.page {
		return
	}
	for i := range c.items {
		it := &c.items[i]
		if it.drop || it.Kind == FigureBlock || it.h1 {
			continue
		}
		if it.Kind != Paragraph || !isBreadcrumb(it.plain) {
			break
		}
		if p := c.prev(i); p >= 0 && strings.HasSuffix(strings.TrimSpace(c.items[p].plain), ":") {
			break
		}
		it.drop = true
	}
}

// signupPitch drops, when no class marked the box, what goes with a
// sign-up line that went ("Sign up for our newsletter", "Sign up to
// receive our free daily email", "Subscribe"): the pitch under it ("The
// best of the Gazette in your inbox every Friday."), and the box's heading
// right over it, or over its pitch ("Get the Morning Briefing").
func (c *cleaner) signupPitch() {
	for i := range c.items {
		it := &c.items[i]
		if !it.drop || it.Kind != Paragraph && it.Kind != Heading || !signupWidget(it.plain) {
			continue
		}
		if j := c.next(i); j > i && c.items[j].Kind == Paragraph && isPitch(c.items[j].plain) {
			c.items[j].drop = true
		}
		// The box's heading stands right over the line, or over a pitch
		// over it: "Get the Morning Briefing", "The best of the Gazette in
		// your inbox.", "Sign up".
		if it.Kind != Paragraph {
			continue
		}
		h := c.prev(i)
		pitch := -1
		if h >= 0 && c.items[h].Kind == Paragraph && isPitch(c.items[h].plain) {
			pitch, h = h, c.prev(h)
		}
		if h >= 0 && c.items[h].Kind == Heading && wordCount(c.items[h].plain) <= maxPitchWords/2 && boxHeading.MatchString(c.items[h].plain) {
			c.items[h].drop = true
			if pitch >= 0 {
				c.items[pitch].drop = true
			}
		}
	}
}

// signupWidget reports whether a line is a sign-up box's: an invitation
// to a newsletter or a subscription, or its button.
func signupWidget(plain string) bool {
	return strings.Contains(strings.ToLower(plain), "newsletter") || signupInvite(plain) || subscribeLine.MatchString(plain)
}

// boxHeading is what a sign-up box's heading says: an invitation, or what
// the reader gets. "Notes" over a sign-up line is the article's.
var boxHeading *lazyRegexp

// isPitch reports whether a line may be a newsletter's pitch: short, and
// about the reader's inbox.
func isPitch(plain string) bool {
	return wordCount(plain) <= maxPitchWords && strings.Contains(strings.ToLower(plain), "inbox")
}

// maxPitchWords is how long a newsletter's pitch may be.
const maxPitchWords = 25

// signupClass marks a newsletter or subscription box by its class or id:
// with signupOnly, a box that is nothing else; "newsletter" alone may
// also name the parts of a newsletter's own issue.
var (
	signupClass *lazyRegexp
	signupOnly  *lazyRegexp
)

// maxBoxWords is how many words a sign-up box or a form may hold: a
// heading, a pitch and the fine print. An element so marked that holds
// more is the article (a newsletter's archive page).
const maxBoxWords = 80

// signupBox reports whether element n is a form or a newsletter box: the
// heading, the pitch ("The best of the Gazette in your inbox every
// Friday") and the fields go together. A box marked "newsletter" alone
// must hold a form's field or button.
func signupBox(n *html.Node) bool {
	if n.DataAtom == atom.Form {
		return fewWords(n, maxBoxWords)
	}
	class, id := attr(n, "class"), attr(n, "id")
	if !signupHint(class) && !signupHint(id) {
		return false
	}
	c := class + " " + id
	if !signupClass.MatchString(c) || !fewWords(n, maxBoxWords) {
		return false
	}
	return signupOnly.MatchString(c) || hasTag(n, atom.Input) || hasTag(n, atom.Button) || hasTag(n, atom.Form)
}

// signupHint reports whether a class or id may match signupClass, looking
// for its words but their first letter (of either case): most elements
// have a class, and few a sign-up box's.
func signupHint(c string) bool {
	if len(c) < 4 {
		return false
	}
	for _, h := range []string{"ewsletter", "ignup", "ign-up", "ubscri", "ptin", "pt-in", "c4wp"} {
		if strings.Contains(c, h) {
			return true
		}
	}
	return false
}

// fewWords reports whether the text of n holds at most max words; it stops
// counting past max.
func fewWords(n *html.Node, max int) bool {
	words := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if words += wordCount(c.Data); words > max {
					return false
				}
			case html.ElementNode:
				if !skipTags[c.DataAtom] && !walk(c) {
					return false
				}
			}
		}
		return true
	}
	return walk(n)
}

func init() {
	register(func() {
		readMoreLine = compileLater(`(?i)^[\[(«<]?\s*` +
			`(?:(?:continue|keep) reading|read (?:the )?(?:full|whole|complete|entire|rest of (?:the|this)) (?:story|article|post|review|piece|interview|entry|essay))` +
			`(?: (?:the|this) (?:full |main |rest of the )?(?:story|article|post|entry|piece))?` +

			`(?: (?:here|now|online|for free|after the (?:jump|break)))?` +
			`(?: (?:at|on|via) [^\s,;!?]+(?: [^\s,;!?]+){0,3})?` +
			`(?:\s*[:–—-]?\s*["“‘«].{1,200}["”’»])?` +
			`[\s.…:!→»›>)\]]*$`)
		readMoreTeaser = compileLater(`(?i)^[*_]*(?:continue|keep) reading[*_]*\s*[:–—-]?\s*\[[^\]]+\]\([^)]*\)[\s.…!→»›]*$`)
		subscribeLine = compileLater(`(?i)^(?:` +
			`(?:subscribe|sign up|join)(?: now| today| here| for free)*` +
			`|subscribe(?: now| today| for free)* (?:to|and) (?:get|receive|continue|keep|read|support|unlock|access|never miss|stay)\b.{0,140}` +
			`|subscribe(?: now| today)? to .{1,60}? and (?:stay|get|support|receive|never miss|keep|enjoy|read|unlock|save)\b.{0,140}` +
			`|subscribe(?: now| today| for free)* to (?:our|my|this|the) (?:free |weekly |daily |monthly |e-?mail )?(?:newsletter|channel|youtube channel|podcast|blog|feed|rss feed|mailing list|site|website|publication|substack)s?\b.{0,120}` +

			`|thanks? (?:you )?for reading(?: [^!.?]{1,80})?[!.] (?:subscribe|this post is public|share)\b.{0,200}` +
			`|.{1,80} is a reader-supported publication\. .{0,160}subscriber\.?` +
			`)[.!]?$`)
		subscribeTo = compileLater(`(?i)^subscribe(?: now| today)? to (\S+(?: \S+){0,4}?)[.!]?$`)
		postFooterPart = compileLater(`(?i)^(?:posted (?:in|on|by)|filed under|tagged(?: with| as)?|tags?|categor(?:y|ies|ized as)|by|leave a (?:comment|reply)|\d+ (?:comments?|responses?|replies)|no comments|one comment|comments? (?:off|closed)(?: on .{1,150})?|edit|(?:bookmark the )?permalink)(?::|\b).{0,200}$`)
		postFooterLead = compileLater(`(?i)^(?:posted in|filed under|tagged|tags?|categor)`)
		entryFooter = compileLater(`(?i)^this entry was posted (?:in|on) .{1,300}\bbookmark the permalink\.?$`)
		breadcrumbLabel = compileLater(`(?i)^(?:you are here|sie sind hier|vous [êe]tes ici|(?:usted )?est[áa]s? aqu[íi]|sei qui|je bent hier|u bent hier|du er her|du är här|jesteś tutaj|вы здесь)\s*:\s*`)
		boxHeading = compileLater(`(?i)^(?:get|sign up|subscribe|join|stay|never miss|don['’]t miss|want more|like what you|enjoy(?:ed|ing)?|receive|free)\b|\b(?:newsletters?|briefing|inbox|e-?mails?|digest|updates|bulletin)\b`)
		signupClass = compileLater(`(?i)(?:^|[\s_-])(?:newsletters?|signup|sign-up|subscribe|optin|opt-in|mc4wp|subscriptions?-(?:form|widget|box|block))(?:$|[\s_-])`)
		signupOnly = compileLater(`(?i)(?:^|[\s_-])(?:signup|sign-up|subscribe|optin|opt-in|mc4wp|subscriptions?-(?:form|widget|box|block)|newsletters?[-_]?(?:promo|cta|signup|sign-up|subscribe|subscription|form|box|widget|inline|module|banner|block|embed|unit|teaser))(?:$|[\s_-])`)
	})
}
