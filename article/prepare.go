package article

import (
	"net/url"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// prepareTree rewrites what a terminal cannot show before the tree is
// read, in one walk: decorating images go (decor.go), players become a line
// saying where they play (embed.go), embedded posts become quotes
// (social.go), and CSS bold and italics become tags (inline.go).
func prepareTree(n *html.Node, base *url.URL) {
	var imgs, players, posts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
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
				if socialClass.MatchString(attr(c, "class")) {
					posts = append(posts, c)
				}
			}
			walk(c)
		}
	}
	walk(n)
	dropDecorations(imgs)
	embedLines(players, base)
	socialEmbeds(posts)
}
