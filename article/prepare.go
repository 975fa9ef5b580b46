package article

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// prepareTree rewrites what a terminal cannot show before the tree is
// read, in one walk: decorating images go (decor.go), a thumbnail linked to
// its larger copy takes that copy's address (imgsrc.go), players and their
// facades become a line saying where they play (embed.go, facade.go), also
// when their markup was escaped into text (escaped.go), embedded posts and
// the cards older plugins printed become quotes or a line to the post
// (social.go, socialcard.go), quotes get their attribution as last line
// (quote.go), and CSS bold and italics become tags (inline.go). Footnotes,
// buttons whose label is content, code's line numbers and players' clocks
// are settled first (structure, controls.go).
func prepareTree(n *html.Node, base *url.URL) {
	structure(n)
	var imgs, players, posts, escaped, cards, quotes, links, tweets []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && mayHoldEscapedPlayer(c.Data) {
				escaped = append(escaped, c)
			}
			if c.Type != html.ElementNode {
				continue
			}
			if len(c.Attr) > 0 {
				styleEmphasis(c)
			}
			switch c.DataAtom {
			case atom.Img:
				imgs = append(imgs, c)
				continue
			case atom.Iframe, atom.Video, atom.Audio, atom.Object, atom.Embed:
				players = append(players, c)
				continue
			case atom.Blockquote:
				if class := attr(c, "class"); class != "" && mayBeLinkCard(c, class) {
					if _, ok := readLinkCard(c); ok {
						links = append(links, c) // WordPress's embedded post
						continue
					}
				}
				if socialClass.MatchString(attr(c, "class")) {
					posts = append(posts, c)
				} else {
					quotes = append(quotes, c)
				}
			default:
				class := attr(c, "class")
				if isFacadeElement(c, class) {
					players = append(players, c) // a player's stand-in
					continue
				}
				if mayBeLinkCard(c, class) {
					if _, ok := readLinkCard(c); ok {
						links = append(links, c) // a link-preview card (cards.go)
						continue
					}
				}
				if mayBePostCard(c, class) && isPostCard(c) {
					tweets = append(tweets, c) // a site's own tweet card (cards.go)
					continue
				}
				if strings.Contains(class, "twitter-") && cardActions.MatchString(class) {
					cards = append(cards, c)
				} else if pullClass(c) && onlyQuote(c) == nil {
					quotes = append(quotes, c) // a pull quote with no blockquote
				}
			}
			walk(c)
		}
	}
	walk(n)
	players = append(players, unescapePlayers(escaped)...)
	pictureSources(imgs)
	linkedFullSizes(imgs)
	dropDecorations(imgs)
	embedLines(players, base)
	socialEmbeds(posts)
	socialCards(cards)
	linkCards(links)
	postCards(tweets)
	quoteAttributions(quotes)
}
