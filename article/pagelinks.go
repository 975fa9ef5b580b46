package article

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Where a page's links and pictures lead: a teaser is a headline, often
// with a picture, linking to another page of the same site; a link to a
// file, to another site or to the page itself is no teaser, and a run of
// pictures in the article's element that link nowhere else is the
// article's.

// markdownLink finds the destinations of a Markdown paragraph's links.
var markdownLink *lazyRegexp

// fileExt are the endings of the address of a file rather than a page: an
// installer, an archive, a document, a recording, a picture.
var fileExt = map[string]bool{}

func init() {
	for _, e := range strings.Fields(`pdf zip gz tgz bz2 xz 7z rar tar msi exe dmg pkg deb rpm apk ipa appimage iso
		epub mobi mp3 mp4 m4a ogg oga wav flac mov avi mkv webm csv xls xlsx doc docx ppt pptx odt ods odp rtf
		jpg jpeg png gif webp avif svg tif tiff heic`) {
		fileExt["."+e] = true
	}
}

// fileLink reports whether an address leads to a file (see fileExt).
func fileLink(u *url.URL) bool {
	return fileExt[strings.ToLower(path.Ext(strings.TrimSuffix(u.Path, "/")))]
}

// pageURLs are the page's own addresses: the one it was fetched from and
// the one it gives itself (og:url, canonical), which a redirecting feed
// link may hide.
func (c *cleaner) pageURLs() []*url.URL {
	var us []*url.URL
	for _, s := range []string{c.m.Link, c.info.self} {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.IsAbs() && u.Host != "" {
			us = append(us, u)
		}
	}
	return us
}

// storyLink reports whether href leads to another page of the page's own
// site: not to a file, the home page, another site, the page itself or a
// page under it (a photo's attachment page). With no address for the page,
// every link to a page counts.
func (c *cleaner) storyLink(href string) bool {
	h, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return false
	}
	if h.Scheme != "" && h.Scheme != "http" && h.Scheme != "https" {
		return false
	}
	if fileLink(h) {
		return false
	}
	selves := c.pageURLs()
	if len(selves) == 0 {
		return true
	}
	for _, self := range selves {
		u := self.ResolveReference(h)
		p, own := strings.TrimSuffix(u.Path, "/"), strings.TrimSuffix(self.Path, "/")
		if hostName(u.String()) == hostName(self.String()) && p != "" && p != own && !strings.HasPrefix(p, own+"/") {
			return true
		}
	}
	return false
}

// stepLink is the text of a link that tells the reader what to do next
// ("Download Go 1.22 for Windows", "Learn more about Style Editor"): a
// step of a how-to, not another story's headline.
var stepLink *lazyRegexp

// teaserParagraph reports whether a paragraph made of links leads to other
// stories of the site: some link does, none leads to a file, and it is no
// step of a how-to (stepLink).
func (c *cleaner) teaserParagraph(it *item) bool {
	if stepLink.MatchString(strings.TrimLeft(it.plain, "→»>•-–—* ")) {
		return false
	}
	story := false
	for _, m := range markdownLink.FindAllStringSubmatch(it.Text, -1) {
		u, err := url.Parse(m[1])
		if err != nil {
			continue
		}
		if fileLink(u) {
			return false // a download, a document
		}
		story = story || c.storyLink(m[1])
	}
	return story
}

// nameSize is the size a CMS writes into an image's file name
// ("-468x60.gif").
var nameSize *lazyRegexp

// pictureSize is the size the page gives a picture, else the one its file
// name says; 0 for what neither says.
func pictureSize(it *item) (w, h int) {
	w, h = it.width, it.height
	if m := nameSize.FindStringSubmatch(it.Figure.ImageURL); m != nil && w == 0 && h == 0 {
		w, _ = strconv.Atoi(m[1])
		h, _ = strconv.Atoi(m[2])
	}
	if w == 0 {
		w = imageWidth(it.Figure.ImageURL)
	}
	return w, h
}

// smallPicture reports whether a picture is drawn small or thin: an
// author's portrait, a badge, a banner.
func smallPicture(it *item) bool {
	w, h := pictureSize(it)
	return w > 0 && w < 200 || h > 0 && h < 120 || w > 0 && h > 0 && w > 4*h
}

// articlePicture reports whether a picture without a caption may be the
// article's: it sits in the element holding the body, leads to no other
// story of the site and is not drawn small.
func (c *cleaner) articlePicture(it *item, box *html.Node) bool {
	if box != nil && (it.box == nil || !within(it.box, box)) {
		return false
	}
	return it.Kind == FigureBlock && it.Figure.Caption == "" && !(it.href != "" && c.storyLink(it.href)) && !smallPicture(it)
}

// articlePictures reports whether the picture at i, without a caption and
// after the last paragraph, belongs to the article: it and the one before
// or after it are article pictures (articlePicture; box is the element
// holding the body, nil when the text is too short to tell), or, alone, it
// links nowhere but to itself and the page gives it a photo's size.
func (c *cleaner) articlePictures(i int, box *html.Node) bool {
	it := &c.items[i]
	if !c.articlePicture(it, box) {
		return false
	}
	if p := c.prev(i); p >= 0 && c.articlePicture(&c.items[p], box) {
		return true
	}
	if j := c.next(i); j >= 0 && c.articlePicture(&c.items[j], box) {
		return true
	}
	w, h := pictureSize(it)
	if w < 300 || h < 200 {
		return false
	}
	u, err := url.Parse(strings.TrimSpace(it.href))
	return it.href == "" || err == nil && fileLink(u)
}

// teaserList reports whether a list of links leads to the site's other
// stories: one of its entries does. A reading list that leads only to
// other sites, or to files, is the article's.
func (c *cleaner) teaserList(it *item) bool {
	for _, e := range it.Items {
		for _, m := range markdownLink.FindAllStringSubmatch(e, -1) {
			if c.storyLink(m[1]) {
				return true
			}
		}
	}
	return false
}

func init() {
	register(func() {
		markdownLink = compileLater(`\]\(<?([^)\s>]+)`)
		stepLink = compileLater(`(?i)^(?:download|install|update|upgrade|run|open|launch|visit|go to|navigate to|click|tap|select|choose|enable|disable|create|copy|paste|enter|type|save|restart|extract|unzip|clone|set up|configure|try|learn (?:more|how)|see (?:what|how)|find out|get started|read the (?:docs|documentation|guide|manual|instructions|faq))\b`)
		nameSize = compileLater(`[-_](\d{2,4})x(\d{2,4})(?:@[23]x)?\.[A-Za-z]+$`)
	})
}
