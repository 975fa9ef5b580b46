package article

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Posts embedded from social networks arrive as a blockquote that the
// network's script would turn into a card. Without the script, herald shows
// the post as a quote with its author, and drops the card's chrome: the
// Follow, Reply and Like buttons, "View this post on Instagram", empty links.

// socialClass marks the blockquote of an embedded post.
var socialClass = regexp.MustCompile(`(?i)\b(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|bluesky-embed|threads-embed|mastodon-embed|fb-xfbml-parse-ignore|reddit-card)\b`)

// socialChrome is the text of a card's button or label.
var socialChrome = regexp.MustCompile(`(?i)^(?:follow|reply|replies|retweet|repost|quote|favorite|like|likes|share|copy link(?: to (?:tweet|post))?|read \d+ repl(?:y|ies)|read (?:more|the full conversation) on (?:twitter|x|instagram|threads|bluesky|tiktok)|view (?:this )?(?:post|profile) on (?:instagram|threads|tiktok|facebook)|view (?:more )?on (?:instagram|threads)|watch on (?:tiktok|instagram)|see (?:more )?on (?:instagram|facebook)|[\d,.]+[km]? (?:likes?|replies|reposts|retweets|comments)|embedded (?:tweet|post)|tweet)\W*$`)

// sharedBy is Instagram's and Threads' attribution: "A post shared by NAME
// (@handle)".
var sharedBy = regexp.MustCompile(`(?i)^an? (?:post|photo|video|reel) shared by\s+(.+)$`)

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
	var attribution string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
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
	if attribution != "" {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: "— " + attribution})
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
	if len(loose) == 0 {
		return
	}
	first := strings.TrimLeft(loose[0].Data, " \t\n\u200a\u2009")
	if loose[0].Type != html.TextNode || !strings.HasPrefix(first, "—") && !strings.HasPrefix(first, "-") {
		return
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	for _, c := range loose {
		q.RemoveChild(c)
		p.AppendChild(c)
	}
	q.AppendChild(p)
}
