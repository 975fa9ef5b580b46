package article

import (
	"regexp"
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
var decorClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:avatar|gravatar|icon|icons|button|badge|emoji|smiley|wp-smiley|favicon|social|share|sharing|profile-pic|author-pic|author-image)(?:$|[\s_-])`)

// decorSrc is the address of an image that only decorates.
var decorSrc = regexp.MustCompile(`(?i)(?:^https?://(?:[a-z0-9-]+\.)*gravatar\.com/|/(?:avatars?|icons?|emoji|emojis|smilies|smileys|favicons?|badges?)/|favicon[^/]*$|/(?:[a-z-]*[-_])?(?:icon|avatar|button)s?[-_.][^/]*$|s\.w\.org/images/core/emoji/)`)

// decorClassWords and decorSrcWords are words one of which every match of
// decorClass and decorSrc holds: checking for them first spares the
// regular expressions nearly every image.
var (
	decorClassWords = []string{"avatar", "icon", "button", "badge", "emoji", "smiley", "favicon", "social", "shar", "profile-pic", "author-"}
	decorSrcWords   = []string{"gravatar", "avatar", "icon", "emoji", "smil", "favicon", "badge", "button", "s.w.org"}
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
		if alt := strings.TrimSpace(attr(img, "alt")); isEmoji(alt) {
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

// isDecoration reports whether img only decorates: by its class, its
// address, its alt text ("avatar") or a size no photo has.
func isDecoration(img *html.Node) bool {
	if c := attr(img, "class"); mayDecorate(c, decorClassWords) && decorClass.MatchString(c) {
		return true
	}
	for _, k := range []string{"src", "data-src", "data-lazy-src"} {
		if v := strings.TrimSpace(attr(img, k)); mayDecorate(v, decorSrcWords) && decorSrc.MatchString(v) {
			return true
		}
	}
	switch strings.ToLower(strings.TrimSpace(attr(img, "alt"))) {
	case "avatar", "icon", "logo", "favicon", "gravatar":
		return true
	}
	if isEmoji(strings.TrimSpace(attr(img, "alt"))) {
		return true
	}
	w, wok := pixels(attr(img, "width"))
	h, hok := pixels(attr(img, "height"))
	return wok && hok && w <= maxDecorSize && h <= maxDecorSize
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
