package main

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/herald-reader/herald/sanitize"
)

// Source is what an item's cleaned Markdown is compared with: what the feed
// gave for that item.
type Source struct {
	Title        string // the item's title
	HTML         string // its content, else its summary (what the clean-up read)
	ImageCaption string // media:description of its lead image
	ImageCredit  string // media:credit of its lead image
}

// Findings is what the checks found wrong in one item's Markdown. Each list
// holds short excerpts, one per defect.
type Findings struct {
	NotArticle   string   `json:"not_article,omitempty"` // why the output looks like markup, not prose
	Control      bool     `json:"control,omitempty"`     // the output holds a control character
	Duplicates   []string `json:"duplicates,omitempty"`
	Boilerplate  []string `json:"boilerplate,omitempty"`
	CreditsLost  []string `json:"credits_lost,omitempty"`
	HeadingsLost []string `json:"headings_lost,omitempty"`
}

// Check runs every check on the Markdown md made from src.
func Check(src Source, md string) Findings {
	units := mdUnits(md)
	doc := parseSource(src.HTML)
	return Findings{
		NotArticle:   rawMarkup(units),
		Control:      sanitize.HasControl(md),
		Duplicates:   duplicates(append(normWords(src.Title), doc.words...), units),
		Boilerplate:  boilerplateLeft(units),
		CreditsLost:  lostCredits(src, doc, units),
		HeadingsLost: lostHeadings(doc.headings, src.Title, units),
	}
}

// rawMarkup reports why the output reads as raw JSON, XML or HTML rather
// than an article ("" when it does not): a document prologue or a JSON
// object at the start, or many tags, escaped tags or JSON keys in the text.
func rawMarkup(units []unit) string {
	var body []string
	for _, u := range units {
		if u.level != 1 && !u.code { // the title is the feed's; code may show markup
			body = append(body, html.UnescapeString(unescapeMarkdown(u.raw)))
		}
	}
	text := strings.Join(body, "\n")
	first := strings.ToLower(strings.TrimSpace(text))
	if len(body) > 1 && isMetaLine(body[0]) {
		first = strings.ToLower(strings.TrimSpace(strings.Join(body[1:], "\n")))
	}
	for _, p := range []string{`{"`, `[{`, `[ {`, "<?xml", "<!doctype", "<html", "<rss", "<feed", "<rdf:rdf", "<entry", "<item>"} {
		if strings.HasPrefix(first, p) {
			return fmt.Sprintf("starts with %s: %s", p, excerpt(first, 80))
		}
	}
	if tags := markupTag.FindAllStringSubmatchIndex(text, -1); len(tags) >= minTags {
		// Text may mention "<L29Ah>" or "<title>"; markup closes its tags.
		for _, m := range tags {
			if m[2] >= 0 || m[4] >= 0 {
				return fmt.Sprintf("%d HTML/XML tags: %s", len(tags), excerpt(text[tags[0][0]:], 80))
			}
		}
	}
	for _, m := range jsonSigns {
		if locs := m.re.FindAllStringIndex(text, -1); len(locs) >= m.min {
			return fmt.Sprintf("%d %s: %s", len(locs), m.what, excerpt(text[locs[0][0]:], 80))
		}
	}
	return ""
}

// markupTag matches a tag; its groups are a closing slash and a
// self-closing one. Entities are decoded before it is used, so "&lt;p&gt;",
// which a Markdown renderer shows as "<p>", counts too.
var markupTag = regexp.MustCompile(`<(/)?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*?)?(/)?>`)

// minTags is how many tags make an output markup.
const minTags = 4

// jsonSigns are patterns that prose shows rarely, JSON often; min is how
// many make an output JSON.
var jsonSigns = []struct {
	what string
	re   *regexp.Regexp
	min  int
}{
	{`escaped JSON keys (\"key\":)`, regexp.MustCompile(`\\"[^"\\\s]{1,40}\\"\s*:`), 2},
	{`JSON keys ("key": value)`, regexp.MustCompile(`"[A-Za-z_][\w-]{0,40}"\s*:\s*["{\[0-9tfn-]`), 3},
}

// isMetaLine reports whether a unit is the "*By … · date*" line.
func isMetaLine(s string) bool {
	return strings.HasPrefix(s, "*") && strings.HasSuffix(s, "*") && !strings.Contains(s, "\n")
}

// Minimum sizes of a repeated paragraph or sentence worth reporting: short
// phrases ("Photo: AFP", "Click here") legitimately recur.
const (
	minDupWords = 5
	minDupChars = 25
)

// duplicates lists the paragraphs and sentences the output shows more often
// than the source (src: the title's and the text's normalised words) holds
// them: a post whose body only repeats its title is shown as the feed gave it.
func duplicates(src []string, units []unit) []string {
	type seen struct {
		text string
		n    int
	}
	counts := map[string]*seen{}
	var order []string
	add := func(text string) {
		key := normJoin(text)
		if len(key) < minDupChars || strings.Count(key, " ")+1 < minDupWords {
			return
		}
		if c := counts[key]; c != nil {
			c.n++
			return
		}
		counts[key] = &seen{text: text, n: 1}
		order = append(order, key)
	}
	for _, u := range units {
		if u.code || u.row || isMetaLine(u.raw) { // code and tables repeat lines of their own
			continue
		}
		add(u.text)
		if ss := sentences(u.text); len(ss) > 1 {
			for _, s := range ss {
				add(s)
			}
		}
	}
	var out, reported []string
	for _, key := range order {
		c := counts[key]
		if c.n < 2 || containedIn(key, reported) {
			continue
		}
		if inSrc := countSeq(src, strings.Fields(key)); c.n > inSrc {
			reported = append(reported, key)
			out = append(out, fmt.Sprintf("%s (×%d, source ×%d)", excerpt(c.text, 100), c.n, inSrc))
		}
	}
	return out
}

// containedIn reports whether key is part of one of the texts already
// reported (a sentence of a repeated paragraph is not reported again).
func containedIn(key string, texts []string) bool {
	for _, t := range texts {
		if strings.Contains(" "+t+" ", " "+key+" ") {
			return true
		}
	}
	return false
}

// pattern is a named regular expression, tried only on text holding one of
// its hints (lower-case words it cannot match without: most paragraphs are
// spared the regular expression). short means it only counts in a paragraph
// of at most shortUnit characters: a widget line, not prose that mentions
// the words.
type pattern struct {
	name  string
	hints []string
	re    *regexp.Regexp
	short bool
}

// matches reports whether the paragraph s, and lower, its lower case, match.
func (p pattern) matches(s, lower string) bool {
	if p.short && len(s) > shortUnit {
		return false
	}
	for _, h := range p.hints {
		if strings.Contains(lower, h) {
			return p.re.MatchString(s)
		}
	}
	return false
}

// shortUnit is the length under which a paragraph can be a widget.
const shortUnit = 200

// words splits a list of hints written "a|b|c".
func words(s string) []string { return strings.Split(s, "|") }

// boilerplatePatterns are the publisher and widget lines that must not reach
// the reader, in the languages the real feeds use.
var boilerplatePatterns = []pattern{
	{"appeared first on", words("appeared first"), regexp.MustCompile(`(?i)\bthe post\b.{1,400}\bappeared first on\b`), false},
	{"erschien zuerst auf", words("erschien zuerst"), regexp.MustCompile(`(?i)\bder beitrag\b.{1,400}\berschien zuerst\b`), false},
	{"se publicó primero en", words("primero"), regexp.MustCompile(`(?i)\bla entrada\b.{1,400}\bse public[oó] primero\b`), false},
	{"est apparu en premier sur", words("apparu en premier"), regexp.MustCompile(`(?i)\bl['’]article\b.{1,400}\best apparu en premier\b`), false},
	{"originally published on Medium", words("on medium"), regexp.MustCompile(`(?i)\bwas originally published in\b.{1,300}\bon medium\b`), false},
	{"read more of this story", words("of this story"), regexp.MustCompile(`(?i)\bread more of this story at\b`), false},
	// At the start of a paragraph, or as the last sentence or link of one;
	// "let's keep reading…" inside prose is no link to the rest.
	{"continue reading", words("continue reading|keep reading"), regexp.MustCompile(`(?i)(?:^|[.!?…:»|–—-]\s*[\[(]?)(?:continue|keep) reading\b[^.!?]{0,120}$`), false},
	{"read more", words("read "), regexp.MustCompile(`(?i)^read (?:more|the (?:full|rest of the) (?:story|article|post))\b.{0,40}$|(?:^|[.!?…:»|–—-]\s*[\[(]?)read more\b[\s.…»→>)\]]*$`), true},
	{"share/follow/subscribe", words("share|follow|subscribe|sign up|like this|tweet|email|digg|del.icio.us|click to"),
		regexp.MustCompile(`(?i)^(?:share (?:this|on|via)\b|follow (?:us|me)\b|subscribe (?:to|now|today|here|for)\b|sign up for (?:our|the)\b.{0,60}newsletter|like this:?$|tweet this\b|email this\b|digg this\b|add to del\.icio\.us|click to (?:share|email|print)\b)`), true},
	{"cookie notice", words("cookie"), regexp.MustCompile(`(?i)\b(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences|consent))\b`), true},
	{"related links", words("related|more on|more from|also like"), regexp.MustCompile(`(?i)^(?:(?:related (?:topics|stories|articles|posts|links|content|coverage)|more on this (?:story|topic)|you (?:may|might) also like)\b|more from\b.{1,40}:$)`), true},
	{"comments widget", words("comment"), regexp.MustCompile(`(?i)comments powered by disqus|enable javascript to view the comments|^(?:leave a comment|view comments|add a comment|post a comment|\d+ comments?)\W*$`), true},
	{"blog footer", words("was posted in|permalink"), regexp.MustCompile(`(?i)^this (?:entry|post) was posted in\b|\bbookmark the permalink\b`), true},
	{"social card chrome", words("retweet|follow @|repost"), regexp.MustCompile(`(?i)\breply\W+(?:retweet|repost)\W+(?:favorite|like)\b|^\W*follow @\w+`), false},
	{"advertisement", words("advertisement"), regexp.MustCompile(`(?i)^advertisement\W*$`), true},
}

// boilerplateLeft lists the output paragraphs that match a boilerplate
// pattern, as "name: excerpt".
func boilerplateLeft(units []unit) []string {
	var out []string
	for _, u := range units {
		if u.code {
			continue
		}
		if name := boilerplateName(u.text); name != "" {
			out = append(out, name+": "+excerpt(u.text, 100))
		}
		for _, m := range mdImageURL.FindAllStringSubmatch(u.raw, -1) {
			if iconImage.MatchString(m[1]) {
				out = append(out, "share/follow icon or avatar: "+excerpt(shortURL(m[1]), 100))
			}
		}
	}
	return out
}

var (
	// mdImageURL finds the address of an image, bare or captioned.
	mdImageURL = regexp.MustCompile(`(?:!\[[^\]]*\]|\[Image\])\(([^)\s]+)\)`)
	// iconImage is the address of a social network, donation or feed icon,
	// or of an avatar: page chrome, not a picture of the article.
	iconImage = regexp.MustCompile(`(?i)gravatar\.com/avatar/|/social/(?:[^/?]+/)*icons?/|/(?:twitter|facebook|fb|linkedin|pinterest|reddit|tumblr|whatsapp|email|mail|rss|feed|share|paypal|bitcoin|flattr|adn|instagram|youtube|gplus|google-plus|mastodon)[-_]?(?:icon|logo|button)?[-_]?\d*(?:x\d+)?\.(?:png|gif|svg|jpe?g)(?:$|\?)`)
)

// shortURL keeps the host and the file name of an address, which say what
// an image is: "cre.fm/…/twitter-128.png".
func shortURL(u string) string {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		rest = strings.TrimPrefix(u, "http://")
	}
	host, path, _ := strings.Cut(rest, "/")
	path, _, _ = strings.Cut(path, "?")
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return host + "/…/" + path[i+1:]
	}
	return host + "/" + path
}

// boilerplateName returns the name of the first boilerplate pattern the
// plain text s matches, or "".
func boilerplateName(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	for _, p := range boilerplatePatterns {
		if p.matches(s, lower) {
			return p.name
		}
	}
	return ""
}

// creditPatterns find photo credits in the source's text: "(AP
// Photo/NAME)", "Photo: NAME", "Image credit: NAME", "NAME/Getty Images",
// "Courtesy of NAME". Only the name is used.
var creditPatterns = []pattern{
	{"agency photo", words("photo"), regexp.MustCompile(`\((?:[A-Z]{2,8} )?Photos?\s*/\s*[^()]{2,80}\)`), false},
	{"label", words("photo|image|picture"), regexp.MustCompile(`(?i)\b(?:photo(?:graph)?s?|image|picture)(?: credit)?\s*:\s*[^\n|()]{2,80}`), false},
	{"credit", words("credit"), regexp.MustCompile(`(?i)\bcredits?\s*:\s*[^\n|()]{2,80}`), false},
	{"getty", words("getty images"), regexp.MustCompile(`(?:\p{Lu}[\pL.'’-]*\s+){0,4}\p{Lu}[\pL.'’-]*\s*/\s*Getty Images|\bGetty Images\b`), false},
	{"courtesy", words("courtesy of"), regexp.MustCompile(`(?i)\bcourtesy of\s+[^\n.;|()]{2,60}`), false},
}

// creditLabel words are dropped before a credit is looked for in the output:
// the clean-up may relabel a credit, never rename its photographer.
var creditLabel = map[string]bool{
	"photo": true, "photos": true, "photograph": true, "photographs": true, "image": true,
	"images": true, "picture": true, "credit": true, "credits": true, "courtesy": true,
	"of": true, "by": true, "via": true, "the": true, "and": true,
}

// lostCredits lists the photo credits of the source that the output lacks:
// the item's media:credit, and credits written in its text or caption.
func lostCredits(src Source, doc sourceDoc, units []unit) []string {
	var found []string
	if c := strings.TrimSpace(src.ImageCredit); c != "" {
		found = append(found, c)
	}
	for _, text := range append([]string{src.ImageCaption}, doc.blocks...) {
		lower := strings.ToLower(text)
		for _, p := range creditPatterns {
			if !p.matches(text, lower) {
				continue
			}
			for _, m := range p.re.FindAllString(text, -1) {
				found = append(found, cutCredit(m))
			}
		}
	}
	have := map[string]bool{}
	for _, u := range units {
		for _, w := range normWords(u.text) {
			have[w] = true
		}
	}
	var out []string
	done := map[string]bool{}
	for _, c := range found {
		var keys []string // a name and an agency: the first few words
		for _, w := range normWords(c) {
			if !creditLabel[w] && len(keys) < 4 {
				keys = append(keys, w)
			}
		}
		k := strings.Join(keys, " ")
		if k == "" || done[k] {
			continue
		}
		done[k] = true
		for _, w := range keys {
			if !have[w] {
				out = append(out, excerpt(c, 80))
				break
			}
		}
	}
	return out
}

// cutCredit ends a credit found in running text at the end of its sentence.
func cutCredit(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// lostHeadings lists the h2–h4 headings of the source that are not headings
// in the output. Headings the clean-up rightly drops (the item's title,
// boilerplate such as "Related Topics") are not counted.
func lostHeadings(headings []heading, title string, units []unit) []string {
	var have, shown []string // the output's headings, and all its words
	for _, u := range units {
		if u.level > 0 {
			have = append(have, normJoin(u.text))
		}
		shown = append(shown, normWords(u.text)...)
	}
	tn := normJoin(title)
	var out []string
	for _, h := range headings {
		n := normJoin(h.text)
		if n == "" || n == tn || len(h.text) > 300 || boilerplateName(h.text) != "" || headingIn(n, have) {
			continue
		}
		// A widget dropped whole ("Crunchbase" and its company card) loses
		// its heading rightly: count only headings whose section is shown.
		next := normWords(h.next)
		if len(next) == 0 || countSeq(shown, next[:min(len(next), nextWords)]) == 0 {
			continue
		}
		out = append(out, excerpt(h.text, 80))
	}
	return out
}

// headingIn reports whether the normalised heading n is one of the output
// headings (or most of one, when the clean-up trimmed or joined it).
func headingIn(n string, have []string) bool {
	for _, h := range have {
		if h == n || strings.Contains(" "+h+" ", " "+n+" ") && 2*len(n) >= len(h) ||
			strings.Contains(" "+n+" ", " "+h+" ") && 2*len(h) >= len(n) {
			return true
		}
	}
	return false
}
