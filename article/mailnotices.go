package article

import (
	"strings"
)

// The chrome of a newsletter's web archive (Mailchimp, beehiiv,
// Buttondown, ConvertKit) and the fixed footers of podcast hosts, chart
// tools and site platforms. A newsletter's footer reads like a sentence
// ("You are receiving this email because…"), so it goes only at the start
// or the end of the item (edgeLines); a host's footer names the host.

// mailNotice is a line of a newsletter's header or footer.
var mailNotice *lazyRegexp

// mailHead is a line of a newsletter's header: the link to its web copy,
// the forwarded reader's invitation, the paid tier's button.
var mailHead *lazyRegexp

// isMailNotice reports whether a paragraph is a newsletter's header or
// footer line, or a footer of several such lines (a Mailchimp footer is
// one block broken by <br>).
func isMailNotice(plain string) bool {
	if len(plain) > 800 {
		return false
	}
	plain = strings.TrimSpace(plain)
	if mailNotice.MatchString(plain) || rightsNotice.MatchString(plain) {
		return true
	}
	lines := strings.Split(plain, "\n")
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !mailNotice.MatchString(l) && !rightsNotice.MatchString(l) {
			return false
		}
	}
	return true
}

// mailingAddress drops "Our mailing address is:" and the address lines
// under it when they stand in the item's footer: only footer lines, or
// nothing, follow the address.
func (c *cleaner) mailingAddress() {
	for i, it := range c.kept() {
		if it.Kind != Paragraph || !strings.EqualFold(strings.TrimRight(strings.TrimSpace(it.plain), ": "), "our mailing address is") {
			continue
		}
		var addr []int
		j := c.next(i)
		for ; j >= 0 && len(addr) < 6 && c.items[j].Kind == Paragraph && addressPart(c.items[j].plain); j = c.next(j) {
			addr = append(addr, j)
		}
		for k := j; k >= 0; k = c.next(k) {
			if c.items[k].Kind == FigureBlock || c.items[k].Kind == Paragraph && isMailNotice(c.items[k].plain) {
				continue
			}
			return
		}
		it.drop = true
		for _, k := range addr {
			c.items[k].drop = true
		}
	}
}

// addressPart reports whether a line may be part of a postal address:
// short, no sentence.
func addressPart(plain string) bool {
	return wordCount(plain) <= 8 && !strings.ContainsAny(plain, ".!?") || wordCount(plain) <= 8 && strings.HasSuffix(plain, ".") && !strings.Contains(strings.TrimSuffix(plain, "."), ". ")
}

// badgeImage is a newsletter platform's badge: Mailchimp's "Intuit
// Mailchimp", "Powered by beehiiv".
var badgeImage *lazyRegexp

// hostNotice is the line a podcast host, a chart tool or a site platform
// adds to every item: "Hosted on Acast. See acast.com/privacy for more
// information.", "Learn more about your ad choices. Visit
// megaphone.fm/adchoices", "Get the data · Created with Datawrapper", "Log
// in or register to post comments", "Exported from Medium on May 5, 2024."
var hostNotice *lazyRegexp

// chartPart is a part of a chart tool's footer line, which may also credit
// the chart and its source ("Source: ONS"): those lines stay.
var chartPart *lazyRegexp

// isHostNotice reports whether a paragraph is one of the fixed footers
// above, or a chart tool's footer line made of its links only.
func isHostNotice(plain string) bool {
	if len(plain) > 300 {
		return false
	}
	plain = strings.TrimSpace(plain)
	if hostNotice.MatchString(plain) {
		return true
	}
	lower := strings.ToLower(plain)
	if !strings.Contains(lower, "datawrapper") && !strings.Contains(lower, "flourish") {
		return false
	}
	for _, p := range shareSeparator.Split(plain, -1) {
		if p = strings.TrimSpace(p); p != "" && !chartPart.MatchString(p) {
			return false
		}
	}
	return true
}

func init() {
	register(func() {
		mailNotice = compileLater(`(?i)^(?:` +
			`(?:(?:e-?mail |newsletter )?(?:not displaying (?:correctly|properly)|having trouble (?:viewing|reading) this e-?mail)\??\s*)?view (?:this|it|the) (?:e-?mail|newsletter|message|issue|post)? ?(?:in (?:your|a|the) (?:web )?browser|online|on the web)[.!]?` +
			`|view (?:in|on) (?:browser|web|online)|read online|view online|view (?:as|in a) web ?page` +
			`|you(?:['’]re| are) receiving this (?:e-?mail|newsletter|message|because)\b.{0,240}` +
			`|this e-?mail was sent to \S+.{0,240}` +
			`|our mailing address is:?(?:\s+.{1,240})?` +
			`|add us to your address book\.?` +
			`|want to change how you receive these e-?mails\??(?:\s+.{0,160})?` +
			`|(?:you can )?(?:update your (?:e-?mail )?preferences|manage (?:your )?(?:subscription|preferences|e-?mail preferences)|update your profile)(?:,? or (?:unsubscribe|opt out)(?: (?:from this list|here|at any time))?)?\.?` +
			`|unsubscribe(?: (?:here|from this list|instantly|at any time))?(?:\s*[|·•]\s*[^|·•]{1,60})*\.?` +
			`|(?:forward (?:this e-?mail )?to a friend|forwarded this e-?mail\?.{0,120}|was this e-?mail forwarded to you\?.{0,120})` +
			`|you currently have \d+ referrals?\b.{0,240}` +
			`|(?:or )?copy and paste this link to others:?.{0,200}` +
			`|(?:upgrade|go) (?:to )?(?:paid|premium)(?: subscription)?[.!]?` +
			`|powered by (?:intuit )?(?:mailchimp|beehiiv|buttondown|convertkit|kit|substack|ghost|revue|tinyletter)\b.{0,120}` +
			`|(?:intuit )?mailchimp` +
			`|(?:` + rightsWords + `)\.?` +
			`)$`)
		mailHead = compileLater(`(?i)^(?:` +
			`(?:(?:e-?mail |newsletter )?(?:not displaying (?:correctly|properly)|having trouble (?:viewing|reading) this e-?mail)\??\s*)?view (?:this|it|the) (?:e-?mail|newsletter|message|issue|post)? ?(?:in (?:your|a|the) (?:web )?browser|online|on the web)[.!]?` +
			`|view (?:in|on) (?:browser|web|online)|read online|view online|view (?:as|in a) web ?page` +
			`|forwarded this e-?mail\?.{0,120}|was this e-?mail forwarded to you\?.{0,120}` +
			`|(?:upgrade|go) (?:to )?(?:paid|premium)(?: subscription)?[.!]?` +
			`)$`)
		badgeImage = compileLater(`(?i)^https?://[^/]*(?:mailchimp\.com|list-manage\.com|beehiiv\.com|buttondown\.(?:email|com)|convertkit\.com|kit\.com)/[^?#]*(?:monkey_rewards|rewards|badge|powered|logo-(?:mailchimp|beehiiv|buttondown|kit))`)
		hostNotice = compileLater(`(?i)^(?:` +
			`(?:hosted (?:on|by) [\w .-]{2,40}?(?:, an adswizz company)?\.\s*)?see \S+ for (?:more )?(?:privacy )?(?:information|info|details)(?: about our collection and use of personal data for advertising)?\.?` +
			`|hosted (?:on|by) (?:acast|simplecast|megaphone|art19|libsyn|omny(?: ?studio)?|spreaker|podbean|buzzsprout|anchor|transistor|captivate|redcircle|audioboom|whooshkaa)(?:, an adswizz company)?\.?` +
			`|learn more about your ad[- ]?choices\.?(?:\s*visit \S+?)?[.!]?` +
			`|see (?:our )?privacy policy at \S+(?: and (?:the )?california privacy notice at \S+)?\.?` +
			`|privacy (?:&|and) opt-out:?\s*\S+` +
			`|log ?in (?:or register )?to post comments\.?|(?:log ?in|sign in) or register to post comments\.?|register or log ?in to post comments\.?` +
			`|canonical link|exported from medium on (?:\p{L}+\.? \d{1,2},? \d{4}|\d{1,2} \p{L}+\.? \d{4}|\d{4}-\d\d-\d\d)\.?` +
			`)$`)
		chartPart = compileLater(`(?i)^(?:get the data|download (?:the )?(?:data|image|png|svg|csv)|embed|created with datawrapper|made with (?:datawrapper|flourish)|created with flourish|a flourish (?:chart|map|data visuali[sz]ation|visuali[sz]ation|graphic|table)|datawrapper)$`)
	})
}
