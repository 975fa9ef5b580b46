package article

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageInfo is what a whole page says about its article besides the body
// readability finds; it is read before readability changes the tree.
type pageInfo struct {
	h1s          []string // norm() of the texts of the first few <h1> elements
	self         string   // the page's own address: og:url, else its canonical link
	descriptions []string // norm() of its description meta tags, each once
	articleBody  string   // the longest JSON-LD articleBody, as plain text
}

// maxH1s is how many <h1> texts readPage keeps.
const maxH1s = 4

// readPage walks a parsed page once for its pageInfo.
func readPage(doc *html.Node) pageInfo {
	var info pageInfo
	canonical := ""
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Meta:
				info.meta(c)
			case atom.Link:
				if canonical == "" && strings.EqualFold(attr(c, "rel"), "canonical") {
					canonical = attr(c, "href")
				}
			case atom.Head:
				walk(c)
			case atom.Script:
				if strings.Contains(attr(c, "type"), "ld+json") && c.FirstChild != nil {
					if b := ldArticleBody(c.FirstChild.Data); len(b) > len(info.articleBody) {
						info.articleBody = b
					}
				}
			case atom.H1:
				if t := norm(textOf(c)); t != "" && len(info.h1s) < maxH1s {
					info.h1s = append(info.h1s, t)
				}
				continue
			}
			if skipTags[c.DataAtom] {
				continue
			}
			walk(c)
		}
	}
	walk(doc)
	if info.self == "" {
		info.self = canonical
	}
	info.self = strings.TrimSpace(info.self)
	return info
}

// meta notes what one <meta> element tells: the page's address, its
// description.
func (info *pageInfo) meta(n *html.Node) {
	key := attr(n, "property")
	if key == "" {
		key = attr(n, "name")
	}
	switch strings.ToLower(key) {
	case "og:url":
		if info.self == "" {
			info.self = attr(n, "content")
		}
	case "description", "og:description", "twitter:description":
		d := norm(attr(n, "content"))
		if d != "" && !slices.Contains(info.descriptions, d) {
			info.descriptions = append(info.descriptions, d)
		}
	}
}
