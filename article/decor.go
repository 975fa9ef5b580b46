package article

import (
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Images that decorate rather than illustrate: author avatars, social and
// donation buttons, favicons, badges and emoji drawn as pictures. None is a
// figure; an emoji image becomes its own character again.

// decorClass is the class of an image that only decorates.
var decorClass *lazyRegexp

// decorSrc is the address of an image that only decorates: an avatar, an
// icon, an emoji, a favicon (a .ico file, DuckDuckGo's and Google's favicon
// services), by its host or a folder of its path. A file named so is
// decorFile's.
var decorSrc *lazyRegexp

// decorWords are the words of a decorating image's file name
// ("avatar.png", "icon-twitter.svg", "paypal-button.png"); fileFiller
// the words that may stand around them in such a name and say nothing
// of a photo's subject.
var (
	decorWords = map[string]bool{"icon": true, "icons": true, "avatar": true, "avatars": true, "button": true, "buttons": true, "btn": true}
	fileFiller = map[string]bool{
		"default": true, "user": true, "author": true, "profile": true, "placeholder": true, "generic": true, "blank": true,
		"anon": true, "anonymous": true, "sm": true, "md": true, "lg": true, "xl": true, "hover": true, "active": true,
		"dark": true, "light": true, "rounded": true, "red": true, "blue": true, "green": true, "grey": true, "gray": true,
		"mono": true, "outline": true, "filled": true, "solid": true, "flat": true, "home": true, "search": true, "menu": true,
		"close": true, "arrow": true, "left": true, "right": true, "up": true, "down": true, "play": true, "pause": true,
		"subscribe": true, "donate": true, "buy": true, "now": true, "click": true, "here": true, "more": true, "info": true,
		"help": true, "print": true, "download": true, "get": true, "app": true, "store": true, "png": true, "svg": true,
	}
)

// decorFile reports whether the file name of address src names a
// decoration: a word of decorWords with at most one word besides that
// is not filler. More words name a subject ("avatar-fire-and-ash-still",
// "style-icon-audrey-hepburn").
func decorFile(src string) bool {
	name := lastSegment(src)
	name = sizeSuffix.ReplaceAllString(strings.TrimSuffix(name, path.Ext(name)), "")
	decor, other := false, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch {
		case decorWords[w]:
			decor = true
		case fileFiller[w] || iconWords[w] || networks[w] || len(w) < 2 || strings.Trim(w, "0123456789x") == "":
		default:
			other++
		}
	}
	return decor && other <= 1
}

// minContentSize is the width or height in pixels, declared or in the
// address ("-1024x576", "?w=600"), from which an image is a picture
// whatever its name or alt text says.
const minContentSize = 300

// pathSize is the width and height a file name ends with ("-32x32.png"),
// 0, 0 when none.
var pathSize *lazyRegexp

// avatarWrapper is the class of an element around an author's picture: the
// picture's own class may say nothing ("div.author-avatar > img").
var avatarWrapper *lazyRegexp

// decorClassWords and decorSrcWords are words one of which every match of
// decorClass and decorSrc holds: checking for them first spares the
// regular expressions nearly every image.
var (
	decorClassWords = []string{"avatar", "icon", "button", "badge", "emoji", "smiley", "favicon", "social", "shar", "profile-pic", "author-"}
	decorSrcWords   = []string{"gravatar", "avatar", "icon", "emoji", "smil", "favicon", "badge", "button", "btn", "s.w.org", ".ico"}
	avatarWords     = []string{"avatar", "author", "byline", "profile-pic", "profile_pic"}
)

// mayDecorate reports whether s, lowercased, holds one of words.
func mayDecorate(s string, words []string) bool {
	if s == "" {
		return false
	}
	s = strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// maxDecorSize is the largest width or height in pixels of an image taken
// for an icon when its size is all that is known.
const maxDecorSize = 48

// dropDecorations removes the decorating images among imgs from their tree,
// putting an emoji image's alt text in its place.
func dropDecorations(imgs []*html.Node) {
	for _, img := range imgs {
		if !isDecoration(img) {
			continue
		}
		if alt := strings.TrimSpace(attr(img, "alt")); isEmoji(alt) || isEmoticon(alt, img) {
			img.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: alt}, img)
		}
		parent := img.Parent
		parent.RemoveChild(img)
		// A link (or its wrapper) that held only the button goes with it:
		// an empty link is junk.
		for parent != nil && parent.Parent != nil && isWrapper(parent) && isEmpty(parent) {
			next := parent.Parent
			next.RemoveChild(parent)
			parent = next
		}
	}
}

// isWrapper reports whether n is an inline element that only wraps an
// image: a link, a span, a picture.
func isWrapper(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.A, atom.Span, atom.Picture, atom.Figure:
		return true
	}
	return false
}

// isEmpty reports whether n holds no text and no image.
func isEmpty(n *html.Node) bool {
	return strings.TrimSpace(textOf(n)) == "" && !hasImage(n)
}

// isDecoration reports whether img only decorates: by its class or its
// wrapper's, a size no photo has, its address or file name, its alt text
// ("avatar"). A large image is a picture whatever its name or alt text:
// a film's still, a new logo.
func isDecoration(img *html.Node) bool {
	if c := attr(img, "class"); mayDecorate(c, decorClassWords) && decorClass.MatchString(c) {
		return true
	}
	if avatarByWrapper(img) {
		return true
	}
	w, wok := pixels(attr(img, "width"))
	h, hok := pixels(attr(img, "height"))
	if wok && hok && w <= maxDecorSize && h <= maxDecorSize {
		return true
	}
	if isEmoji(strings.TrimSpace(attr(img, "alt"))) {
		return true
	}
	var srcs []string
	for _, k := range []string{"src", "data-src", "data-lazy-src"} {
		if v := strings.TrimSpace(attr(img, k)); v != "" {
			srcs = append(srcs, v)
		}
	}
	for _, v := range srcs {
		if m := pathSize.FindStringSubmatch(lastSegment(v)); m != nil {
			pw, _ := strconv.Atoi(m[1])
			ph, _ := strconv.Atoi(m[2])
			if pw <= maxDecorSize && ph <= maxDecorSize {
				return true
			}
		}
		if imageWidth(v) >= minContentSize {
			return false
		}
	}
	if w >= minContentSize || h >= minContentSize {
		return false
	}
	for _, v := range srcs {
		if mayDecorate(v, decorSrcWords) && (decorSrc.MatchString(v) || decorFile(v)) {
			return true
		}
	}
	switch strings.ToLower(strings.TrimSpace(attr(img, "alt"))) {
	case "avatar", "icon", "logo", "favicon", "gravatar":
		if !captionedFigure(img) {
			return true
		}
	}
	return socialIcon(img, w, h)
}

// captionedFigure reports whether img stands in a figure with a caption.
func captionedFigure(img *html.Node) bool {
	for p, i := img.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if p.Type == html.ElementNode && p.DataAtom == atom.Figure {
			for c := p.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Figcaption && textOf(c) != "" {
					return true
				}
			}
			return false
		}
	}
	return false
}

// avatarByWrapper reports whether the parent or grandparent of img names
// an author's picture.
func avatarByWrapper(img *html.Node) bool {
	p := img.Parent
	for i := 0; i < 2 && p != nil && p.Type == html.ElementNode; i, p = i+1, p.Parent {
		if c := attr(p, "class"); mayDecorate(c, avatarWords) && avatarWrapper.MatchString(c) {
			return true
		}
	}
	return false
}

// pixels parses an HTML width or height ("32", "32px").
func pixels(v string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "px"))
	return n, err == nil && n > 0
}

// isEmoji reports whether s is one emoji or symbol (with its modifiers), as
// the alt text of an emoji image is.
func isEmoji(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 8 {
		return false
	}
	symbol := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || r >= 0x1f000:
			symbol = true
		case r == '\u200d' || r == '\ufe0f' || unicode.Is(unicode.Mn, r):
		default:
			return false
		}
	}
	return symbol
}

// emoticon is an ASCII smiley (":-)", ";D", "<3", "^_^") or a smiley's
// code (":mrgreen:").
var emoticon *lazyRegexp

// isEmoticon reports whether alt is the text a smiley image stands for: an
// emoticon, or any short word without spaces when the image is a smiley
// by its class or address.
func isEmoticon(alt string, img *html.Node) bool {
	if alt == "" || len(alt) > 24 || strings.ContainsAny(alt, " \t\n") {
		return false
	}
	if emoticon.MatchString(alt) {
		return true
	}
	return mayDecorate(attr(img, "class")+" "+attr(img, "src"), []string{"smil", "emoji", "emoticon"})
}

// networks are the names of networks whose icons share and follow
// buttons show; iconWords may stand around such a name ("share on
// Twitter", "icon-facebook-32").
var (
	networks = map[string]bool{
		"twitter": true, "x": true, "facebook": true, "fb": true, "instagram": true, "linkedin": true,
		"mastodon": true, "bluesky": true, "bsky": true, "threads": true, "youtube": true, "tiktok": true,
		"pinterest": true, "reddit": true, "whatsapp": true, "telegram": true, "tumblr": true, "flickr": true,
		"vimeo": true, "github": true, "discord": true, "snapchat": true, "email": true, "mail": true, "rss": true, "feed": true,
	}
	iconWords = map[string]bool{
		"icon": true, "icons": true, "logo": true, "btn": true, "button": true, "social": true, "share": true, "follow": true,
		"find": true, "like": true, "join": true, "connect": true, "us": true, "on": true, "via": true, "to": true, "with": true,
		"at": true, "round": true, "circle": true, "square": true, "color": true, "colour": true, "white": true, "black": true,
		"e": true, "small": true, "large": true,
	}
)

// networkName is the network s names when it is only a network's name with
// icon words around it: "Twitter", "icon-facebook-32", "Share via email".
func networkName(s string) string {
	name := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = strings.ToLower(w)
		switch {
		case networks[w] && name == "":
			name = w
		case iconWords[w] || strings.Trim(w, "0123456789x") == "":
		default:
			return ""
		}
	}
	return name
}

// networkHosts are what a link to a network holds, when its name does not
// say it.
var networkHosts = map[string][]string{
	"twitter": {"twitter.com", "x.com", "t.co"}, "x": {"twitter.com", "x.com"},
	"facebook": {"facebook.com", "fb.com", "fb.me"}, "fb": {"facebook.com", "fb.com", "fb.me"},
	"bluesky": {"bsky.app"}, "bsky": {"bsky.app"}, "telegram": {"t.me", "telegram."}, "whatsapp": {"wa.me", "whatsapp."},
	"email": {"mailto:"}, "mail": {"mailto:"}, "rss": {"rss", "feed", "atom"}, "feed": {"rss", "feed", "atom"},
	"mastodon": {"mastodon", "/@", "/share?text"},
}

// maxIconSize is the largest width or height in pixels of a network's
// icon.
const maxIconSize = 64

// socialIcon reports whether img is a network's icon: its alt text or file
// name is just the network's name, and it is small (w, h from its
// attributes, 0 when unknown) or, not large, inside a link to that
// network.
func socialIcon(img *html.Node, w, h int) bool {
	name := ""
	if alt := attr(img, "alt"); len(alt) <= 40 {
		name = networkName(alt)
	}
	if name == "" {
		if stem := lastSegment(attr(img, "src")); len(stem) <= 40 {
			name = networkName(strings.TrimSuffix(stem, path.Ext(stem)))
		}
	}
	if name == "" {
		return false
	}
	switch {
	case w > 0 && w <= maxIconSize || h > 0 && h <= maxIconSize:
		return true
	case w > 2*maxIconSize || h > 2*maxIconSize:
		return false // a photo, even one linked to its post
	}
	for p, i := img.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if p.DataAtom != atom.A {
			continue
		}
		href := strings.ToLower(attr(p, "href"))
		marks := networkHosts[name]
		if marks == nil {
			marks = []string{name + "."}
		}
		return containsAny(href, marks...)
	}
	return false
}

func init() {
	register(func() {
		decorClass = compileLater(`(?i)(?:^|[\s_-])(?:avatar|gravatar|icon|icons|button|badge|emoji|smiley|wp-smiley|favicon|social|share|sharing|profile-pic|author-pic|author-image|author-profile-image)(?:$|[\s_-])`)
		decorSrc = compileLater(`(?i)(?:^https?://(?:[a-z0-9-]+\.)*gravatar\.com/|/(?:avatars?|icons?|emoji|emojis|smilies|smileys|badges?)/|favicon|\.ico(?:$|[?#])|^https?://icons\.duckduckgo\.com/|s\.w\.org/images/core/emoji/)`)
		pathSize = compileLater(`[-_](\d{2,4})x(\d{2,4})(?:@[23]x)?\.[A-Za-z]+$`)
		avatarWrapper = compileLater(`(?i)avatar|author[-_]?(?:image|img|photo|pic|picture|profile|thumb|headshot)|byline[-_]?(?:image|img|photo|pic|thumb|headshot)|profile[-_]pic`)
		emoticon = compileLater(`^(?::[a-z_]{2,20}:|[>}O0]?[:;=8BX][-'^o]?[)(\]\[DPpOo03|/\\*$@!{}xX]+|[)(\]\[DdPp|/\\]+[-'^]?[:;=]|</?3+|\^_*\^|[-oO^]_+[-oO^]|T_T)$`)
	})
}
