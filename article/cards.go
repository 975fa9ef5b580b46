package article

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A link-preview card shows another page: its thumbnail, favicon, title,
// description, publisher and author, all inside one link (Ghost's
// bookmark card, WordPress's embedded post, Substack's embedded post,
// Notion's and Medium's link cards, a bare link around an og:image, a title
// and a description). In a terminal it reads as one line,
// "[Title](URL) — description (Publisher)": no thumbnail, no favicon, no
// "Read more" nor counts, and no author for extraction to take for the
// page's byline.

// linkCardClass marks the root of a link-preview card.
var linkCardClass *lazyRegexp

// Words of the class of a card's parts.
var (
	cardTitleClass *lazyRegexp
	cardDescClass  *lazyRegexp
	cardPubClass   *lazyRegexp
	cardParts      *lazyRegexp
	cardChrome     *lazyRegexp
)

// mayBeLinkCard is the cheap test an element passes before isLinkCard.
func mayBeLinkCard(n *html.Node, class string) bool {
	if class == "" {
		return n.DataAtom == atom.A && n.FirstChild != nil && standaloneLink(n)
	}
	return containsAny(class, "bookmark", "embed", "link", "preview", "card", "unfurl", "mixtape") && linkCardClass.MatchString(class) ||
		n.DataAtom == atom.A && standaloneLink(n)
}

// standaloneLink reports whether a is the only thing its block holds (so
// not one teaser among others, not a link in a sentence) and wraps an
// image and at least two blocks of text.
func standaloneLink(a *html.Node) bool {
	if a.Parent == nil || onlyElementChild(a.Parent) != a || !hasImage(a) || webAddress(attr(a, "href")) == "" {
		return false
	}
	for p := a.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Li || p.DataAtom == atom.Nav || p.DataAtom == atom.Aside {
			return false
		}
	}
	blocks := 0
	var count func(*html.Node)
	count = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isBlockish(c) && !hasBlockChild(c) && textOf(c) != "" {
				blocks++
				continue
			}
			count(c)
		}
	}
	count(a)
	return blocks >= 2 && wordCount(textOf(a)) <= 80
}

func isBlockish(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Strong, atom.Em:
		return true
	}
	return false
}

// linkCard is a card's parts.
type linkCard struct{ title, desc, publisher, author, link string }

// cardAuthorClass marks the author of the piece a card links to.
var cardAuthorClass *lazyRegexp

// readLinkCard reads the card at root; ok is false when it has no title
// and link.
func readLinkCard(root *html.Node) (linkCard, bool) {
	var c linkCard
	if root.DataAtom == atom.A {
		c.link = webAddress(attr(root, "href"))
	}
	var loose []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for e := n.FirstChild; e != nil; e = e.NextSibling {
			if e.Type != html.ElementNode {
				continue
			}
			if e.DataAtom == atom.A && c.link == "" {
				c.link = webAddress(attr(e, "href"))
			}
			class := attr(e, "class")
			t := textOf(e)
			switch {
			case t == "" || e.DataAtom == atom.Script || e.DataAtom == atom.Style:
				continue
			case cardPubClass.MatchString(class):
				if c.publisher == "" {
					c.publisher = t
				}
				continue
			case cardTitleClass.MatchString(class) || headingAtom(e):
				if c.title == "" {
					c.title = t
					continue
				}
			case cardDescClass.MatchString(class):
				if c.desc == "" {
					c.desc = t
					continue
				}
			case cardChrome.MatchString(class):
				if c.publisher == "" {
					c.publisher = findClassText(e, cardPubClass)
				}
				if c.author == "" {
					if cardAuthorClass.MatchString(class) {
						c.author = t
					} else {
						c.author = findClassText(e, cardAuthorClass)
					}
				}
				continue
			}
			if hasBlockChild(e) || e.DataAtom == atom.A || findClassText(e, cardParts) != "" {
				walk(e)
			} else if isBlockish(e) {
				loose = append(loose, t)
			}
		}
	}
	walk(root)
	// A card with no classes (a bare link): its first block is the title,
	// the next one the description.
	for _, t := range loose {
		switch {
		case c.title == "":
			c.title = t
		case c.desc == "" && !cardCounts.MatchString(t):
			c.desc = t
		}
	}
	if c.title == "" && root.DataAtom == atom.Blockquote {
		c.title = textOf(root) // WordPress: a blockquote holding only the link
	}
	if c.publisher == "" {
		c.publisher = embeddedSite(root)
	}
	c.link = cleanPlayerLink(c.link)
	return c, c.title != "" && c.link != ""
}

func headingAtom(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// cardCounts is a card's "Read more" or "2 years ago · 14 likes".
var cardCounts *lazyRegexp

// embeddedSite is the site WordPress names in the title of the iframe next
// to its embedded post's blockquote: "“Title” — Site".
func embeddedSite(root *html.Node) string {
	for s := root.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			if s.DataAtom == atom.Iframe && strings.Contains(attr(s, "class"), "wp-embedded-content") {
				if _, site, ok := strings.Cut(attr(s, "title"), "” — "); ok {
					return strings.TrimSpace(site)
				}
			}
			break
		}
	}
	return ""
}

// linkCards replaces each card with its line, and drops the iframe
// WordPress pairs with its blockquote.
func linkCards(cards []*html.Node) {
	for _, root := range cards {
		if root.Parent == nil {
			continue
		}
		c, ok := readLinkCard(root)
		if !ok {
			continue
		}
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(anchor(c.link, c.title))
		tail := ""
		if c.desc != "" && c.desc != c.title {
			tail += " — " + c.desc
		}
		// The source in brackets: the publisher and the author, each once.
		var source []string
		if c.publisher != "" && !strings.Contains(c.title, c.publisher) {
			source = append(source, c.publisher)
		}
		if c.author != "" && c.author != c.publisher && !strings.Contains(c.title, c.author) && !strings.Contains(c.desc, c.author) {
			source = append(source, c.author)
		}
		if len(source) > 0 {
			tail += " (" + strings.Join(source, " · ") + ")"
		}
		if tail != "" {
			p.AppendChild(&html.Node{Type: html.TextNode, Data: tail})
		}
		for s := root.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode {
				if s.DataAtom == atom.Iframe && strings.Contains(attr(s, "class"), "wp-embedded-content") {
					s.Parent.RemoveChild(s)
				}
				break
			}
		}
		root.Parent.InsertBefore(p, root)
		root.Parent.RemoveChild(root)
	}
}

// findClassText is the text of the first element inside n whose class
// matches re.
func findClassText(n *html.Node, re *lazyRegexp) string {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if class := attr(c, "class"); class != "" && re.MatchString(class) {
			if t := textOf(c); t != "" {
				return t
			}
		}
		if t := findClassText(c, re); t != "" {
			return t
		}
	}
	return ""
}

// A tweet card built by a site's own script (Substack's div.tweet) holds
// the author's avatar, name and handle, the text, the date and a row of
// counts, all inside links to the post. It becomes the quote a tweet's
// blockquote gives: "> text" and "> — Name (@handle) [date](link)".
var (
	postCardText   *lazyRegexp
	postCardName   *lazyRegexp
	postCardHandle *lazyRegexp
	postCardDate   *lazyRegexp
)

// mayBePostCard is the cheap test before isPostCard: a div named for a
// tweet or post.
func mayBePostCard(n *html.Node, class string) bool {
	return n.DataAtom == atom.Div && (strings.Contains(class, "tweet") || strings.Contains(class, "toot")) && !socialClass.MatchString(class)
}

// isPostCard reports whether root holds a post's text and its author's
// handle.
func isPostCard(root *html.Node) bool {
	return findClass(root, postCardText) != nil && strings.HasPrefix(findClassText(root, postCardHandle), "@")
}

// postCardQuote is the quote of the card at root; nil when root is no
// such card.
func postCardQuote(root *html.Node) *html.Node {
	text := findClass(root, postCardText)
	handle := findClassText(root, postCardHandle)
	if text == nil || handle == "" || !strings.HasPrefix(handle, "@") {
		return nil
	}
	name := findClassText(root, postCardName)
	date := findClassText(root, postCardDate)
	link := ""
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && link == ""; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if c.DataAtom == atom.A {
					link = webAddress(attr(c, "href"))
				}
				walk(c)
			}
		}
	}
	walk(root)
	q := &html.Node{Type: html.ElementNode, Data: "blockquote", DataAtom: atom.Blockquote}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	text.Parent.RemoveChild(text)
	for c := text.FirstChild; c != nil; c = text.FirstChild {
		text.RemoveChild(c)
		p.AppendChild(c)
	}
	q.AppendChild(p)
	q.AppendChild(attributionPara(name, handle, date, cleanPlayerLink(link)))
	return q
}

// attributionPara is "— Name (@handle) [date](link)", each part optional.
func attributionPara(name, handle, date, link string) *html.Node {
	by := strings.TrimSpace(name)
	if handle != "" && !strings.Contains(by, handle) {
		by = strings.TrimSpace(by + " (" + handle + ")")
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: "— " + by})
	if link != "" {
		if date == "" {
			date = "post"
		}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
		p.AppendChild(anchor(link, date))
	} else if date != "" {
		p.AppendChild(&html.Node{Type: html.TextNode, Data: " " + date})
	}
	return p
}

// findClass is the first element inside n whose class matches re.
func findClass(n *html.Node, re *lazyRegexp) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if class := attr(c, "class"); class != "" && re.MatchString(class) {
			return c
		}
		if f := findClass(c, re); f != nil {
			return f
		}
	}
	return nil
}

// postCards replaces each card with its quote.
func postCards(cards []*html.Node) {
	for _, root := range cards {
		if root.Parent == nil {
			continue
		}
		if q := postCardQuote(root); q != nil {
			root.Parent.InsertBefore(q, root)
			root.Parent.RemoveChild(root)
		}
	}
}

// A page builder may keep a player in an attribute its script renders:
// Squarespace's data-block-json ({"url": "https://www.youtube.com/watch?v=…",
// "html": "<iframe …>"}) and data-html, or data-embed / data-oembed-url on
// a wrapper. The player is read from there.

// playerDataAttrs hold a player's markup, JSON or address.
var playerDataAttrs = []string{"data-block-json", "data-html", "data-embed", "data-oembed-url", "data-oembed", "data-embed-url", "data-url"}

// iframeSrc is the src of the iframe in a piece of markup.
var iframeSrc *lazyRegexp

// holdsPlayerData reports whether n carries one of playerDataAttrs with a
// player in it: the cheap test.
func holdsPlayerData(n *html.Node) bool {
	for _, a := range n.Attr {
		if len(a.Key) > 8 && strings.HasPrefix(a.Key, "data-") && (strings.Contains(a.Val, "<iframe") || strings.Contains(a.Val, "://")) {
			for _, k := range playerDataAttrs {
				if a.Key == k {
					return true
				}
			}
		}
	}
	return false
}

// dataPlayerSrc is the address of the player n's attributes hold: an
// iframe's src in markup, the "url" or "html" of a JSON, or the address
// itself.
func dataPlayerSrc(n *html.Node) string {
	for _, k := range playerDataAttrs {
		v := strings.TrimSpace(attr(n, k))
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "{") {
			var j struct {
				URL, HTML, EmbedURL string
				Src                 string `json:"src"`
			}
			if json.Unmarshal([]byte(v), &j) == nil {
				for _, s := range []string{iframeOf(j.HTML), j.EmbedURL, j.URL, j.Src} {
					if knownPlayer(s) {
						return s
					}
				}
			}
			continue
		}
		if s := iframeOf(v); knownPlayer(s) {
			return s
		}
		if knownPlayer(v) {
			return v
		}
	}
	return ""
}

// iframeOf is the src of the iframe in markup, unescaped.
func iframeOf(markup string) string {
	if m := iframeSrc.FindStringSubmatch(markup); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// knownPlayer reports whether src plays on a host herald knows.
func knownPlayer(src string) bool {
	if src == "" {
		return false
	}
	line, _ := playerLine(&html.Node{Type: html.ElementNode, Data: "iframe", DataAtom: atom.Iframe}, src, nil)
	return line != ""
}

func init() {
	register(func() {
		linkCardClass = compileLater(`(?i)(?:^|\s)(?:kg-bookmark-card|embedded-post-wrap|embedded-post|wp-embedded-content|bookmark-card|notion-bookmark-block|link-card|linkcard|link-preview|linkpreview|url-preview|og-card|unfurl|graf--mixtapeEmbed|mixtapeEmbed)(?:\s|$)`)
		cardTitleClass = compileLater(`(?i)title|heading|headline`)
		cardDescClass = compileLater(`(?i)desc|excerpt|summary|body|subtitle|snippet`)
		cardPubClass = compileLater(`(?i)publisher|publication-name|site-?name|provider|domain`)
		cardParts = compileLater(`(?i)title|heading|headline|desc|excerpt|summary|body|subtitle|snippet|publisher|publication-name|site-?name|provider|domain`)
		cardChrome = compileLater(`(?i)(?:^|[-_\s])(?:meta|cta|metadata|author|icon|logo|thumbnail|image|footer|date|byline|stats)(?:$|[-_\s])`)
		cardAuthorClass = compileLater(`(?i)(?:^|[-_\s])(?:author|byline|creator)(?:$|[-_\s])`)
		cardCounts = compileLater(`(?i)^(?:read more|continue reading|\d+ \w+ ago\b.*|.*\b\d+ (?:likes?|comments?|restacks?)\b.*)$`)
		postCardText = compileLater(`(?i)(?:^|[-_\s])(?:tweet|post|status|toot)-(?:text|content|body)(?:$|\s)`)
		postCardName = compileLater(`(?i)author-name|user-name|display-name|(?:^|[-_\s])name(?:$|\s)`)
		postCardHandle = compileLater(`(?i)handle|screen-name|username`)
		postCardDate = compileLater(`(?i)(?:^|[-_\s])(?:date|time|timestamp)(?:$|\s)`)
		iframeSrc = compileLater(`(?i)<iframe\b[^>]*?\ssrc=["']([^"']+)["']`)
	})
}
