package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Short lines that end an article and look like chrome: a letter's
// closing formula and the name under it, the name that signs an op-ed, a
// promotion word inside a sentence.

var (
	// valediction closes a letter: "Yours faithfully,", "Best wishes",
	// "With love".
	valediction *lazyRegexp
	// promoLead is what may open a promotion's sentence before it: nothing,
	// or words of address ("Please", "Don't forget to").
	promoLead *lazyRegexp
)

// notNames are words of page chrome that a line of one to four capitalised
// words may be made of ("Related Posts", "Share Article").
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`share shares sharing related post posts comment comments tag tags more
		read reading news latest popular previous prev next newer older advertisement advert sponsored
		follow subscribe print email top back home menu search contact about reply replies like likes
		tweet facebook twitter instagram linkedin whatsapp pinterest youtube tiktok reddit telegram
		threads bluesky mastodon newsletter newsletters story stories article articles video videos photo
		photos gallery trending recommended topic topics category categories archive archives continue
		view show load see all listen download watch page pages site blog login logout register sign join
		donate support feedback source sources credit credits author authors editor editors staff
		copyright privacy terms cookies policy rss feed save bookmark loading close open here now today
		also more up`) {
		notNames[w] = true
	}
}

// promoLine reports whether promoting the site is what p says: a promotion
// opens one of its sentences or clauses, perhaps after words of address
// ("Enjoyed this? Sign up…", "For more, follow us…"), not a word inside
// one ("…in the council's residents' newsletter next month").
func promoLine(p string) bool {
	for _, m := range promoText.FindAllStringIndex(p, -1) {
		lead := p[:m[0]]
		if k := strings.LastIndexAny(lead, ".!?:;,—–|•·("); k >= 0 {
			_, size := utf8.DecodeRuneInString(lead[k:])
			lead = lead[k+size:]
		}
		if promoLead.MatchString(lead) {
			return true
		}
	}
	return false
}

// personName reports whether s is a name alone: one to four capitalised
// words ("Margaret Hale", "J. R. Hale", "Ana de la Cruz"), none of them a
// word of page chrome.
func personName(s string) bool {
	w := strings.Fields(strings.TrimLeft(s, "—–-~ "))
	if len(w) == 0 || len(w) > 4 {
		return false
	}
	capital := false
	for _, x := range w {
		x = strings.TrimRight(x, ",.")
		if notNames[strings.ToLower(x)] {
			return false
		}
		switch strings.ToLower(x) {
		case "de", "del", "la", "le", "van", "von", "der", "den", "da", "di", "du", "bin", "ibn", "al", "el":
			continue
		}
		r, _ := utf8.DecodeRuneInString(x)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, r := range x {
			if !unicode.IsLetter(r) && !strings.ContainsRune("-'’.", r) {
				return false
			}
		}
		capital = true
	}
	return capital
}

// signOff reports whether the paragraph at i closes a letter or signs the
// article: a closing formula, or a name under one or under the last
// paragraph of text.
func (c *cleaner) signOff(i int) bool {
	it := &c.items[i]
	if valediction.MatchString(it.plain) {
		return true
	}
	if it.links || !personName(it.plain) || c.namesSite(it.plain) {
		return false
	}
	p := c.prev(i)
	if p < 0 || c.items[p].Kind != Paragraph {
		return false
	}
	prev := &c.items[p]
	if valediction.MatchString(prev.plain) {
		return true
	}
	// The name under the last paragraph must be a single word only
	// after a closing formula ("Love, / Margaret").
	return realParagraph(prev) && wordCount(it.plain) >= 2
}

// namesSite reports whether s holds the name in the page's address (or in
// the one the page gives itself): "Jane Doebigbrand" on bigbrand.com is the
// site's author box, not a signature.
func (c *cleaner) namesSite(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	for _, u := range []string{c.m.Link, c.info.self} {
		if h := hostName(u); len(h) >= 4 && strings.Contains(s, h) {
			return true
		}
	}
	return false
}

func init() {
	register(func() {
		valediction = compileLater(`(?i)^(?:yours(?: (?:faithfully|sincerely|truly|ever|respectfully))?|(?:very )?(?:sincerely|faithfully|truly|respectfully)(?: yours)?|(?:with )?(?:(?:kind|kindest|best|warm|warmest|many) )?(?:regards|wishes|thanks)|all the best|(?:with )?love|cheers|thank you)\s*[,.!]?$`)
		promoLead = compileLater(`(?i)^\s*(?:(?:please|also|and|or|so|then|now|just|why not|don't forget to|do not forget to|be sure to|make sure (?:to|you)|remember to|you can(?: also)?|click (?:here )?to|to)\s+)*$`)
	})
}
