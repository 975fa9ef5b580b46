package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Posts embedded from social networks arrive as a blockquote that the
// network's script would turn into a card. Without the script, herald shows
// the post as a quote with its author, and drops the card's chrome: the
// Follow, Reply and Like buttons, "View this post on Instagram", empty links.

// socialClass marks the blockquote of an embedded post.
var socialClass *lazyRegexp

// socialNetworks name the network of a post by a word of its class.
var socialNetworks = []struct{ word, name string }{
	{"twitter", "Twitter"}, {"instagram", "Instagram"}, {"tiktok", "TikTok"}, {"bluesky", "Bluesky"},
	{"threads", "Threads"}, {"text-post-media", "Threads"}, {"mastodon", "Mastodon"}, {"fb-", "Facebook"}, {"reddit", "Reddit"},
}

// permalinkAttrs hold the address of an embedded post.
var permalinkAttrs = []string{"data-text-post-permalink", "data-instgrm-permalink", "data-embed-url", "cite"}

// socialChrome is the text of a card's button or label.
var socialChrome *lazyRegexp

// sharedBy is Instagram's and Threads' attribution: "A post shared by NAME
// (@handle)".
var sharedBy *lazyRegexp

// postBy is Mastodon's and Threads' label: "Post by @user@host", "Post by
// Name (@handle)".
var postBy *lazyRegexp

// socialEmbeds rewrites the embedded posts among quotes (see socialClass).
func socialEmbeds(quotes []*html.Node) {
	for _, q := range quotes {
		cleanSocial(q)
	}
}

// cleanSocial drops a post's chrome and sets its attribution apart: a last
// paragraph starting with "—".
func cleanSocial(q *html.Node) {
	var drop []*html.Node
	var attribution, permalink string
	for _, k := range permalinkAttrs {
		if v := webAddress(attr(q, k)); v != "" {
			permalink = cleanPlayerLink(strings.TrimSuffix(strings.TrimSuffix(v, "/"), "/embed"))
			break
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A && permalink == "" {
				permalink = cleanPlayerLink(webAddress(attr(c, "href")))
			}
			t := textOf(c)
			switch {
			case t == "" && !hasImage(c):
				drop = append(drop, c) // an empty link or spacer
				continue
			case socialChrome.MatchString(t):
				drop = append(drop, c)
				continue
			case sharedBy.MatchString(t):
				attribution = sharedBy.FindStringSubmatch(t)[1]
				drop = append(drop, c)
				continue
			case postBy.MatchString(t):
				attribution = postBy.FindStringSubmatch(t)[1]
				drop = append(drop, c)
				continue
			}
			walk(c)
		}
	}
	walk(q)
	for _, d := range drop {
		if d.Parent != nil {
			d.Parent.RemoveChild(d)
		}
	}
	if len(drop) > 0 {
		pruneEmpty(q) // the links and boxes that held only chrome
	}
	if textOf(q) == "" && !hasImage(q) {
		// Only chrome: the post itself is loaded by the network's script.
		// Say where it is, as for a player.
		if permalink != "" && q.Parent != nil {
			q.Parent.InsertBefore(lineParagraph("Post ("+socialNetwork(q)+")", attribution, permalink), q)
			q.Parent.RemoveChild(q)
		}
		return
	}
	if attribution != "" {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: "— " + attribution})
		if permalink != "" && !linksTo(q, permalink) {
			p.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
			p.AppendChild(anchor(permalink, "post"))
		}
		q.AppendChild(p)
		return
	}
	// Twitter's "— Name (@handle) <a>date</a>" follows the text loose in
	// the blockquote: put it in a paragraph of its own.
	var loose []*html.Node
	for c := q.LastChild; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode && c.DataAtom != atom.A && c.DataAtom != atom.Span {
			break
		}
		loose = append([]*html.Node{c}, loose...)
	}
	if postedBy(q, loose) || len(loose) == 0 {
		return
	}
	first := strings.TrimLeft(loose[0].Data, " \t\n\u200a\u2009")
	if loose[0].Type != html.TextNode || !strings.HasPrefix(first, "—") && !strings.HasPrefix(first, "-") {
		return
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	for _, c := range loose {
		q.RemoveChild(c)
		if c.DataAtom == atom.A && strings.HasPrefix(textOf(c), "@") {
			// Bluesky links the handle: plain, as a tweet's, the link
			// stays on the date.
			c = &html.Node{Type: html.TextNode, Data: textOf(c)}
		}
		p.AppendChild(c)
	}
	q.AppendChild(p)
}

// postedBy turns Facebook's closing "Posted by <a>Name</a> on <a>date</a>",
// loose in the quote or in its last paragraph, into "— Name [date](link)".
func postedBy(q *html.Node, loose []*html.Node) bool {
	parts := loose
	var box *html.Node
	if len(parts) == 0 || parts[0].Type != html.TextNode || strings.TrimSpace(parts[0].Data) == "" {
		last := q.LastChild
		for last != nil && last.Type == html.TextNode && strings.TrimSpace(last.Data) == "" {
			last = last.PrevSibling
		}
		if last == nil || last.DataAtom != atom.P {
			return false
		}
		box, parts = last, nil
		for c := last.FirstChild; c != nil; c = c.NextSibling {
			parts = append(parts, c)
		}
	}
	if len(parts) == 0 || parts[0].Type != html.TextNode || !strings.HasPrefix(strings.TrimSpace(parts[0].Data), "Posted by") {
		return false
	}
	var links []*html.Node
	for _, c := range parts {
		if c.DataAtom == atom.A {
			links = append(links, c)
		}
	}
	if len(links) == 0 {
		return false
	}
	name := textOf(links[0])
	date, link := "", ""
	if len(links) > 1 {
		date, link = textOf(links[len(links)-1]), webAddress(attr(links[len(links)-1], "href"))
	}
	if box != nil {
		q.RemoveChild(box)
	} else {
		for _, c := range parts {
			q.RemoveChild(c)
		}
	}
	q.AppendChild(attributionPara(name, "", date, cleanPlayerLink(link)))
	return true
}

// socialNetwork names the network of the embedded post q by its class.
func socialNetwork(q *html.Node) string {
	class := strings.ToLower(attr(q, "class"))
	for _, n := range socialNetworks {
		if strings.Contains(class, n.word) {
			return n.name
		}
	}
	return "social"
}

// webAddress is v when it is an http(s) address, else "".
func webAddress(v string) string {
	v = strings.TrimSpace(v)
	if l := strings.ToLower(v); strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return v
	}
	return ""
}

// linksTo reports whether a link inside n goes to address.
func linksTo(n *html.Node, address string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A && strings.TrimSuffix(attr(c, "href"), "/") == strings.TrimSuffix(address, "/") || linksTo(c, address) {
			return true
		}
	}
	return false
}

// pruneEmpty removes the links, divs, spans and paragraphs inside n left
// with no text and no image.
func pruneEmpty(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			pruneEmpty(c)
			switch c.DataAtom {
			case atom.A, atom.Div, atom.Span, atom.P:
				if isEmpty(c) {
					n.RemoveChild(c)
				}
			}
		}
		c = next
	}
}

func init() {
	register(func() {
		socialClass = compileLater(`(?i)\b(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|bluesky-embed|threads-embed|text-post-media|mastodon-embed|fb-xfbml-parse-ignore|reddit-card)\b`)
		socialChrome = compileLater(`(?i)^(?:follow|reply|replies|retweet|repost|quote|favorite|like|likes|share|copy link(?: to (?:tweet|post))?|read \d+ repl(?:y|ies)|read (?:more|the full conversation) on (?:twitter|x|instagram|threads|bluesky|tiktok)|view (?:this |more )?(?:post |profile |thread )?on (?:instagram|threads|tiktok|facebook|mastodon|bluesky|x|twitter)|watch on (?:tiktok|instagram)|see (?:more )?on (?:instagram|facebook)|[\d,.]+[km]? (?:likes?|replies|reposts|retweets|comments)|embedded (?:tweet|post)|tweet)\W*$`)
		sharedBy = compileLater(`(?i)^an? (?:post|photo|video|reel) shared by\s+(.+)$`)
		postBy = compileLater(`(?i)^(?:an? )?post by\s+((?:[^@()]{1,60}\s)?\(?@[\w.-]+(?:@[\w.-]+)?\)?)$`)
	})
}
