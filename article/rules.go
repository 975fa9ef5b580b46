package article

import (
	"strings"
)

var (
	// boilerplateLine matches whole paragraphs that are never article text.
	boilerplateLine *lazyRegexp

	// Medium's footer on every cross-posted story, in its fixed words; the
	// footers of WordPress and other platforms are siteFooter's.

	// A cookie notice in the words of a terms notice; the terms notice
	// itself is a tailNotice.

	// "Like this:" alone is likeThis's: it may introduce an example.

	// A photo viewer's buttons on a line of their own.

	// shareItem matches one entry of a share widget.
	shareItem *lazyRegexp

	// Newsletters' rows ("Share Tweet Forward") and the networks and
	// buttons of other languages.

	// relatedLabel introduces a list of links to other stories.
	relatedLabel *lazyRegexp
	// digestLabel is a related label that may also head a section of a
	// digest, where the links are the article.
	digestLabel *lazyRegexp
	// relatedTeaser is a label with the headline of another story.
	relatedTeaser *lazyRegexp
	// relatedInline is a label followed, in the same paragraph, by links to
	// other stories: "Related Posts: <a>…</a>, <a>…</a>".
	relatedInline *lazyRegexp
	// crosshead matches AFP's "- Heading -" and "— Heading —".
	crosshead *lazyRegexp
	// readMoreLink is the text of a link that only leads to the rest of the
	// article.
	readMoreLink *lazyRegexp
	// trackerURL matches the addresses of tracking pixels and feed beacons.
	trackerURL *lazyRegexp
)

// epochDate matches a date line whose date is missing or the Unix epoch.
var (
	dateLabel *lazyRegexp
	dateWord  *lazyRegexp
	dateToken *lazyRegexp
)

// isEpochDate reports whether s is a date line showing no date or the Unix
// epoch: "Last updated: January 1, 1970", "Published: 01/01/1970",
// "Updated:", "1970-01-01T00:00:00Z".
func isEpochDate(s string) bool {
	if len(s) > 100 {
		return false
	}
	rest := s
	labelled := false
	if m := dateLabel.FindStringIndex(s); m != nil {
		rest, labelled = s[m[1]:], true
	}
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(strings.Trim(rest, " .")) {
	case "", "n/a", "invalid date", "nan", "null", "undefined", "unknown", "0":
		return labelled
	}
	// Thursday 1 January 1970 is the epoch; 31 December 1969 is the epoch
	// in a time zone west of UTC.
	if !strings.Contains(rest, "1970") && !strings.Contains(rest, "1969") {
		return false
	}
	for _, tok := range dateToken.FindAllString(rest, -1) {
		if !dateWord.MatchString(tok) {
			return false
		}
	}
	return true
}

// dateLineLabel starts a line that only dates the article.
var dateLineLabel *lazyRegexp

// dateLineWord is a word a date line may hold.
var dateLineWord *lazyRegexp

// isDateLine reports whether s only says when the article was published
// or updated: "Updated Nov. 19, 2019 8:21 am ET".
func isDateLine(s string) bool {
	if len(s) > 120 || !dateLineLabel.MatchString(s) || isEpochDate(s) {
		return isEpochDate(s)
	}
	toks := dateToken.FindAllString(s, -1)
	digits := 0
	for _, t := range toks {
		if !dateLineWord.MatchString(t) {
			return false
		}
		if t[0] >= '0' && t[0] <= '9' {
			digits++
		}
	}
	return digits >= 2
}

// isBoilerplate reports whether a paragraph's plain text is boilerplate on
// every site.
func isBoilerplate(plain string) bool {
	if len(plain) > 600 {
		return false
	}
	if drawnRule(plain) {
		return true
	}
	lower := strings.ToLower(plain)
	if (hasAnyPrefix(lower, boilerplateStarts...) || containsAny(lower, "disqus", "newsletter", "on medium")) && boilerplateLine.MatchString(plain) {
		return true
	}
	if isSiteLine(plain, lower) || signupLine(plain, lower) || readingTime(plain, lower) {
		return true
	}
	if isAdLine(plain) || isIntlSignup(plain) || isHostNotice(plain) || isShareOn(plain) {
		return true
	}
	if strings.Contains(plain, "1970") || strings.Contains(plain, "1969") || len(plain) < 40 && containsAny(lower, dateKeys...) {
		return labelledEpochDate(plain)
	}
	return false
}

// isoStamp is a machine's timestamp alone on a line: "1970-01-01T00:00:00Z".
var isoStamp *lazyRegexp

// labelledEpochDate reports whether s is a date line showing no date or the
// Unix epoch that says what it is ("Published: 1 January 1970", "Updated:"),
// or a bare machine timestamp. "Thursday, 1 January 1970." alone may open
// an essay on Unix time: a bare date line is chrome only in a page's header
// (isDateLine, through labelLine).
func labelledEpochDate(s string) bool {
	return isEpochDate(s) && (dateLabel.MatchString(s) || isoStamp.MatchString(strings.TrimSpace(s)))
}

// drawnRule reports whether a paragraph is a rule drawn with characters
// ("___", "* * *", "———"): a section break, dropped like <hr>.
func drawnRule(plain string) bool {
	n := 0
	for _, r := range plain {
		switch {
		case strings.ContainsRune("-_*=~—–•·", r):
			n++
		case r != ' ':
			return false
		}
	}
	return n >= 3
}

// boilerplateStarts are the words a boilerplateLine match starts with
// (besides those holding "disqus" or "newsletter"); looking for them first
// spares the regular expression most paragraphs.
var boilerplateStarts = []string{
	"continue", "keep", "read", "share", "like", "click", "subscribe", "image", "photo",
	"picture", "slide", "advertisement", "caption", "close", "skip", "loading", "back to top",
	"sign in", "log in", "menu", "please enable", "enlarge", "hide", "show", "toggle",
	"expand", "[", "we use cookie", "this site uses", "this website uses", "leave a",
	"by continuing", "by using", "by browsing", "by visiting",
}

// hasAnyPrefix reports whether s starts with one of prefixes.
func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// dateKeys label a date line.
var dateKeys = []string{"updated", "published", "posted", "modified", "date", "mis à jour", "publié"}

// shareLabel opens a line of share buttons: "Share this article:".
var shareLabel *lazyRegexp

// shareSeparator splits a line of share buttons.
var shareSeparator *lazyRegexp

// isShareLine reports whether a short paragraph is a row of share buttons:
// "Share this article: Facebook · X · LinkedIn · Email" (a label, then
// networks), or, when the paragraph is made of links, "Share on Facebook
// Share on X Share by email". A paragraph that merely mentions a network
// keeps its place: it needs the label, or to be links only.
func isShareLine(s string, links bool) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return false
	}
	if isFollowLine(s) {
		return true
	}
	labelled := false
	if m := shareLabel.FindStringIndex(s); m != nil {
		s, labelled = s[m[1]:], true
	}
	if !labelled && !links {
		return false
	}
	if parts := shareSeparator.Split(s, -1); len(parts) > 1 && isShareList(parts) {
		return true
	}
	// Buttons with no separator: consume "share on|via|to|with|by NAME" and
	// single-word buttons from the left.
	words := strings.Fields(s)
	if len(words) == 0 {
		return labelled
	}
	for i := 0; i < len(words); {
		w := strings.ToLower(words[i])
		switch {
		case (w == "share" || w == "post" || w == "send") && i+2 < len(words) && isShareVerb(words[i+1]):
			i += 3
		case shareItem.MatchString(words[i]):
			i++
		default:
			return false
		}
	}
	return true
}

func isShareVerb(w string) bool {
	switch strings.ToLower(w) {
	case "on", "via", "to", "with", "by":
		return true
	}
	return false
}

// isShareList reports whether every entry of a list (or every word group of
// a short links-only paragraph) is a share button.
func isShareList(entries []string) bool {
	if len(entries) == 0 {
		return false
	}
	for _, e := range entries {
		if !shareItem.MatchString(strings.TrimSpace(e)) {
			return false
		}
	}
	return true
}

// mdLinkText matches a Markdown link, capturing its text.
var mdLinkText *lazyRegexp

// linkHeavy reports whether most words of a Markdown paragraph (seven in
// ten) are the text of links.
func linkHeavy(md string) bool {
	linked := 0
	for _, m := range mdLinkText.FindAllStringSubmatch(md, -1) {
		linked += len(strings.Fields(m[1]))
	}
	words := len(strings.Fields(mdLinkText.ReplaceAllString(md, "$1")))
	return words > 0 && linked*10 >= words*7
}

var (
	// followLabel starts an invitation to a publisher's social accounts:
	// "Follow us on", "Find me on", "Like us on", "Connect with us on".
	followLabel *lazyRegexp
	// followSeparator splits the networks of a follow line: commas, "and",
	// "or", "&", bullets.
	followSeparator *lazyRegexp
)

// isFollowLine reports whether a short paragraph only invites the reader to
// the publisher's social accounts: "Follow us on Twitter, Facebook, and
// Instagram." Every name after the label must be a network; "Follow us on
// our trip through Norway" is prose and stays.
func isFollowLine(s string) bool {
	m := followLabel.FindStringIndex(s)
	if m == nil || len(s) > 160 {
		return false
	}
	rest := strings.TrimRight(s[m[1]:], ".!: ")
	n := 0
	for _, name := range followSeparator.Split(rest, -1) {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if !shareItem.MatchString(name) {
			return false
		}
		n++
	}
	return n > 0
}

// breadcrumbSeparator splits a trail of sections: "Home › News › Local".
var breadcrumbSeparator *lazyRegexp

// isBreadcrumb reports whether a line is a trail of sections from the home
// page: it starts with "Home" (or "Start", "Accueil", "Inicio", "Startseite")
// and every step after it is a short name.
func isBreadcrumb(plain string) bool {
	if len(plain) > 160 || !hasAnyPrefix(strings.ToLower(plain), "home", "start", "accueil", "inicio", "startseite") {
		return false
	}
	steps := breadcrumbSeparator.Split(strings.TrimSpace(plain), -1)
	if len(steps) < 2 {
		return false
	}
	switch strings.ToLower(steps[0]) {
	case "home", "homepage", "start", "accueil", "inicio", "startseite":
	default:
		return false
	}
	for _, s := range steps[1:] {
		if n := wordCount(s); n == 0 || n > 6 {
			return false
		}
	}
	return true
}

func init() {
	register(func() {
		boilerplateLine = compileLater(`(?i)^(?:` +
			`.{0,60}comments powered by disqus\.?` +
			`|please enable javascript to view the comments.{0,80}` +

			`|.{1,400} was originally published (?:in .{1,200} )?on medium, where people are continuing the conversation by highlighting and responding to this story\.?` +
			`|(?:we|this (?:site|website)) uses? cookies\b.{0,300}\b(?:accept|consent|privacy|cookie policy|learn more|agree|find out more|more info(?:rmation)?|read more|ok|okay|got it|dismiss|settings|preferences)\b.{0,100}` +
			`|(?:we|this (?:site|website)) uses? cookies\.?` +

			`|by (?:continuing to (?:use|browse|visit)|using|browsing|visiting) (?:this|our) (?:site|website|service)s?,? you (?:agree|consent|accept)(?: to)?(?: (?:our|the))?(?: use of)? cookies\b[^.!?]{0,100}[.!]?` +
			`|leave a (?:comment|reply)(?: cancel reply)?` +
			`|read more of this story at .{1,100}` +

			`|share this(?: article| story| post| page)?\s*:?|like this (?:article|story|post|page)\s*:?|share` +
			`|like loading\.*…?` +
			`|share (?:on|via) \S+(?: \(opens in new window\))?` +
			`|click to (?:share|email|print)[^.]{0,60}` +
			`|newsletters? sign[- ]?up:?` +
			`|(?:image|photo|picture|slide)s? \d+ (?:of|/)\s*/?\s*\d+` +
			`|advertisement|caption|close|skip (?:ad|advert)|loading\.*|back to top|sign in|log in|menu` +

			`|enlarge this (?:image|photo|picture)|(?:hide|show|toggle) caption|expand|enlarge|\[\s*[+-]\s*\]` +
			`)$`)
		shareItem = compileLater(`(?i)^(?:share|tweet|tweet this|email|e-mail|mail|print|print (?:this )?(?:article|story|page)|order reprints?|reprints?|text size|font size|pin(?: it)?|save|copy(?: the)? link|link copied` +
			`|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|messenger|tumblr|pocket|flipboard|threads|bluesky|mastodon` +
			`|instagram|youtube|tiktok|share (?:on|via|to|with) .{1,30}|share this.{0,20}|click to .{1,60}|\(opens in new window\)|comments?|\d+ comments?` +

			`|forward|forward to a friend|xing|vk|weibo|wechat|kakaotalk|(?-i:LINE)|はてブ|はてなブックマーク|mixi|correo|courriel|imprimer|drucken|imprimir|stampa|afdrukken|link kopieren|copier le lien|copiar (?:el )?(?:enlace|link)|copia link|kopieer link)$`)
		relatedLabel = compileLater(`(?i)^(?:related(?: (?:topics|stories|articles|content|coverage|links|reading|posts))?|more on this (?:story|topic)|more from .{1,40}|you (?:may|might) also like|read (?:more|next|also)|see also|top stories|most (?:read|popular)|recommended(?: for you| stories)?|more|related\s*:.{1,120}|` + relatedWords + `)[\s:.…：]*$`)
		digestLabel = compileLater(`(?i)^(?:top stories|most (?:read|popular|viewed|shared)|more from .{1,40}|more|recommended(?: stories)?|latest(?: news| stories)?)[\s:.…]*$`)
		relatedTeaser = compileLater(`(?i)^related\s*:\s*\S`)
		relatedInline = compileLater(`(?i)^(?:related(?: (?:posts|stories|articles|links|reading|coverage))?|see also|read (?:also|next)|more on this (?:story|topic))\s*:\s*\S|^(?:` + relatedWords + `)\s*[:：|]?\s*\S`)
		crosshead = compileLater(`^[-–—]+\s*(\S.{0,120}?)\s*[-–—]+$`)
		readMoreLink = compileLater(`(?i)^[\[(«<]?\s*(?:continue reading|read more|keep reading|read the (?:full|rest of the) (?:story|article|post))\b.{0,100}$`)
		trackerURL = compileLater(`(?i)^(?:https?:)?//(?:feeds\.feedburner\.com|feedproxy\.google\.com|pixel\.wp\.com|stats\.[^/]+|[^/]*\.?doubleclick\.net|pixel\.[^/]+|[^/]*quantserve\.com|[^/]*scorecardresearch\.com|[^/]*google-analytics\.com|www\.facebook\.com/tr)|/(?:~r|~ff|~a)/|/(?:pixel|beacon|tracking|track|open)(?:\.gif|\.png|\.php)?(?:[/?]|$)|[?&](?:utm_[a-z]+)=.*\.gif`)
		dateLabel = compileLater(`(?i)^(?:last\s+)?(?:updated|published|posted|modified|date|mis à jour|publié)(?:\s+(?:on|at|le))?\s*:?\s*`)
		dateWord = compileLater(`(?i)^(?:\d{1,4}|jan(?:uary|\.)?|janvier|thu(?:rsday|\.)?|jeudi|wed(?:nesday)?|dec(?:ember)?|am|pm|utc|gmt|z|t|h|st|nd|rd|th|at|on|le|l)$`)
		dateToken = compileLater(`[\p{L}]+|\d+`)
		dateLineLabel = compileLater(`(?i)^(?:(?:last\s+)?(?:updated|published|posted|modified)(?:\s+(?:on|at))?\s*:?\s*|\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)`)
		dateLineWord = compileLater(`(?i)^(?:\d{1,4}(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm|a|p|m|utc|gmt|et|est|edt|pt|pst|pdt|ct|cst|cdt|bst|cet|cest|updated|published|posted|modified|last|on|at|original|and)$`)
		isoStamp = compileLater(`^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$`)
		shareLabel = compileLater(`(?i)^(?:(?:share(?: this(?: article| story| post| page)?)?|share (?:on|via)|spread the word)\s*:\s*|(?:` + shareWords + `)(?:\s*[:：]\s*|\s+|$))`)
		shareSeparator = compileLater(`\s*[·•|,/]\s*`)
		mdLinkText = compileLater(`\[([^\]]*)\]\([^)]*\)`)
		followLabel = compileLater(`(?i)^(?:please\s+)?(?:follow|find|like|join|connect with)\s+(?:us|me)\s+(?:on|at)\s+`)
		followSeparator = compileLater(`(?i)\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|&|·|•|\|)\s*`)
		breadcrumbSeparator = compileLater(`\s+[›»>/|→]\s+|\s*[›»→]\s*`)
	})
}
