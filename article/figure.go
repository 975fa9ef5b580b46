package article

// Images and figures: each picture becomes one Figure with its caption and
// credit; tracking pixels are dropped.

import (
	"slices"
	"strings"

	"github.com/herald-reader/herald/sanitize"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// imagesIn emits figures for the images inside n, removing them from n.
func (b *builder) imagesIn(n *html.Node) {
	for _, img := range detachImages(n) {
		b.image(img)
	}
}

// detachImages removes the images inside n and returns them in order.
func detachImages(n *html.Node) []*html.Node {
	var imgs []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipped(c) {
				continue
			}
			if c.DataAtom == atom.Img {
				imgs = append(imgs, c)
				continue
			}
			walk(c)
		}
	}
	walk(n)
	for _, img := range imgs {
		// Where a link around it leads, noted before it leaves the link.
		img.Attr = slices.DeleteFunc(img.Attr, func(a html.Attribute) bool { return a.Key == linkAttr })
		if h := imageLink(img); h != "" {
			img.Attr = append(img.Attr, html.Attribute{Key: linkAttr, Val: h})
		}
		img.Parent.RemoveChild(img)
	}
	return imgs
}

// attrSize reads a width or height attribute; 0 when there is none.
func attrSize(v string) int {
	n, _ := pixels(v)
	return max(n, 0)
}

// linkAttr keeps, on an image taken out of its link, the link's address.
const linkAttr = "data-herald-link"

// imageLink returns the address of the link around img, if any.
func imageLink(img *html.Node) string {
	if img.Parent == nil {
		return attr(img, linkAttr)
	}
	for a, up := img.Parent, 0; a != nil && up < 6; a, up = a.Parent, up+1 {
		if a.Type == html.ElementNode && a.DataAtom == atom.A {
			return strings.TrimSpace(attr(a, "href"))
		}
	}
	return ""
}

// isTracker reports whether img is a tracking pixel.
func isTracker(img *html.Node, src string) bool {
	w, h := strings.TrimSpace(attr(img, "width")), strings.TrimSpace(attr(img, "height"))
	if w == "0" || w == "1" || h == "0" || h == "1" || w == "1px" || h == "1px" {
		return true
	}
	return trackerURL.MatchString(src)
}

// image emits a figure for a lone <img>.
func (b *builder) image(img *html.Node) {
	src := b.imageURL(img)
	if src == "" || isTracker(img, src) {
		return
	}
	var alts []string
	for _, k := range []string{"alt", "title"} {
		if v := sanitize.Line(attr(img, k)); v != "" {
			alts = append(alts, v)
		}
	}
	credit := ""
	for _, k := range []string{"data-credit", "data-photo-credit", "data-copyright"} {
		if credit = normCredit(attr(img, k)); credit != "" {
			break
		}
	}
	b.add(item{Block: Block{Kind: FigureBlock, Figure: &Figure{ImageURL: src, Credit: credit}}, alts: alts,
		href: imageLink(img), width: attrSize(attr(img, "width")), height: attrSize(attr(img, "height"))})
}

// creditClass marks elements holding a photo credit; creditBlockClass a
// block of its own after an image, where a "byline" or "source" is the
// article's unless the class says it is a picture's.
var (
	creditClass      *lazyRegexp
	creditBlockClass *lazyRegexp
)

// figure handles <figure>: the image, its caption and its credit become one
// figure item.
func (b *builder) figure(f *html.Node) {
	var imgs []*html.Node
	var caption *html.Node
	var credits, others []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if skipped(c) {
				continue
			}
			switch {
			case c.Type == html.ElementNode && c.DataAtom == atom.Img:
				imgs = append(imgs, c)
			case c.Type == html.ElementNode && c.DataAtom == atom.Figcaption:
				if caption == nil {
					caption = c
				}
			case c.Type == html.ElementNode && creditClass.MatchString(attr(c, "class")):
				if t := textOf(c); t != "" {
					credits = append(credits, t)
				}
			case c.Type == html.TextNode:
				if t := sanitize.Line(c.Data); t != "" {
					others = append(others, t)
				}
			case c.Type == html.ElementNode && !hasImage(c) && !hasTag(c, atom.Figcaption):
				// "Image source, AGENCY" and other text beside the image,
				// with the label screen readers are given.
				if t := labelledText(c); t != "" {
					others = append(others, t)
				}
			default:
				walk(c)
			}
		}
	}
	walk(f)
	if len(imgs) == 0 || galleryFigure(f) {
		// A figure holding a quote, a table or a video, or a gallery:
		// its content is ordinary blocks.
		b.container(f)
		return
	}
	start := len(b.items)
	for _, img := range imgs {
		b.image(img)
	}
	if len(b.items) == start {
		if caption != nil {
			b.block(caption)
		}
		return
	}
	fig := &b.items[start]
	capText := ""
	if caption != nil {
		// Credits marked up inside the caption.
		var cw func(*html.Node)
		cw = func(n *html.Node) {
			for c := n.FirstChild; c != nil; {
				next := c.NextSibling
				if c.Type == html.ElementNode && creditClass.MatchString(attr(c, "class")) {
					if t := textOf(c); t != "" {
						credits = append(credits, t)
					}
					n.RemoveChild(c)
				} else {
					cw(c)
				}
				c = next
			}
		}
		cw(caption)
		capText = textOf(caption)
	}
	for _, o := range others {
		if cr, ok := creditOnly(o); ok {
			credits = append(credits, cr)
		} else {
			fig.alts = append(fig.alts, o)
		}
	}
	c, cr := splitCredit(capText)
	fig.Figure.Caption = c
	if cr == "" {
		for _, x := range credits {
			if cr = normCredit(x); cr != "" {
				break
			}
		}
	}
	if cr != "" {
		fig.Figure.Credit = cr // else the image's own data-credit, if any
	}
}

func init() {
	register(func() {
		creditClass = compileLater(`(?i)credit|copyright|photographer|attribution|byline|source`)
		creditBlockClass = compileLater(`(?i)credit|copyright|photographer|(?:photo|image|img|picture|media|foto)[\w-]*(?:byline|source|attribution)`)
	})
}
