package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A facade stands in for a player until the reader clicks it: a thumbnail
// and a play button whose script then loads the real iframe. WP Rocket's
// div.rll-youtube-player, <lite-youtube videoid>, <lite-vimeo videoid>,
// AMP's <amp-youtube data-videoid>, WP YouTube Lyte's div#WYL_ID, Plyr's
// data-plyr-provider and the divs that carry data-youtube-id and the like. Without the script there is no
// player: the facade becomes the same line as the iframe would have.

var (
	youtubeVideoID *lazyRegexp
	vimeoVideoID   *lazyRegexp
)

// maxFacadeWords is the most words a facade shows (a title, "Play"): more
// are prose that happens to sit in a box named for a video.
const maxFacadeWords = 12

// facadeIDAttrs hold a facade's video id.
var facadeIDAttrs = []string{"videoid", "data-id", "data-videoid", "data-video-id", "data-embed", "data-youtube-id", "data-youtube", "data-ytid", "data-yt-id", "data-vimeo-id", "data-plyr-embed-id"}

// mayBeFacade is the cheap test an element passes before facadeSrc looks at
// it: a custom element, div, span, figure or section whose name, class or
// a data- attribute names a video host (a link so named is prose about the
// video, and stays).
func mayBeFacade(n *html.Node, class string) bool {
	switch n.DataAtom {
	case 0: // a custom element: lite-youtube, amp-vimeo
		return strings.Contains(n.Data, "youtube") || strings.Contains(n.Data, "vimeo")
	case atom.Div, atom.Span, atom.Figure, atom.Section:
	default:
		return false
	}
	if holdsPlayerData(n) {
		return true
	}
	if strings.Contains(class, "youtube") || strings.Contains(class, "vimeo") || strings.Contains(class, "lyte") {
		return true
	}
	for _, a := range n.Attr {
		if strings.HasPrefix(a.Key, "data-") && (strings.Contains(a.Key, "youtube") || strings.Contains(a.Key, "vimeo") || namesProvider(a.Key)) {
			return true
		}
	}
	return false
}

// namesProvider reports whether a data- attribute's value may name the
// host of a video: data-plyr-provider, data-video-provider, data-platform.
func namesProvider(key string) bool {
	return strings.HasSuffix(key, "provider") || strings.HasSuffix(key, "platform")
}

// facadeSrc is the embed address of the video a facade stands for; empty
// when n is no facade, wraps a player that speaks for itself, or holds
// prose.
func facadeSrc(n *html.Node) string {
	src := facadeAddress(n)
	if src == "" {
		src = dataPlayerSrc(n)
	}
	if src == "" || holdsPlayerElement(n) || wordCount(textOf(n)) > maxFacadeWords {
		return ""
	}
	return src
}

// facadeAddress is the embed address n's attributes give, if n is a
// facade.
func facadeAddress(n *html.Node) string {
	provider := facadeProvider(n)
	if provider == "" {
		return ""
	}
	// The address the script will load, when the facade carries it.
	for _, k := range []string{"data-src", "data-lazy-src", "data-embed-src", "data-iframe-src"} {
		if v := strings.TrimSpace(attr(n, k)); strings.Contains(v, "youtube") && strings.Contains(v, "/embed") || strings.Contains(v, "player.vimeo.com/video/") {
			return v
		}
	}
	id := ""
	for _, k := range facadeIDAttrs {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			id = v
			break
		}
	}
	if id == "" && provider == "youtube" {
		id = lyteID(n, 0)
	}
	if strings.HasPrefix(id, "https://") && (strings.Contains(id, "youtube") || strings.Contains(id, "vimeo")) {
		return id // Plyr's data-plyr-embed-id may be the address itself
	}
	params := strings.TrimSpace(attr(n, "params") + attr(n, "data-query"))
	switch {
	case provider == "youtube" && youtubeVideoID.MatchString(id):
		src := "https://www.youtube.com/embed/" + id
		if params != "" && !strings.ContainsAny(params, " \"<>") {
			src += "?" + params
		}
		return src
	case provider == "youtube" && id == "":
		if list := attr(n, "playlistid"); youtubeParam.MatchString(list) {
			return "https://www.youtube.com/embed/videoseries?list=" + list
		}
	case provider == "vimeo" && vimeoVideoID.MatchString(id):
		return "https://player.vimeo.com/video/" + id
	}
	return ""
}

// facadeProvider says which host a facade plays from: "youtube", "vimeo"
// or "" when it names none.
func facadeProvider(n *html.Node) string {
	names := n.Data + " " + attr(n, "class")
	for _, a := range n.Attr {
		if strings.HasPrefix(a.Key, "data-") {
			names += " " + a.Key
			if namesProvider(a.Key) {
				names += " " + a.Val
			}
		}
	}
	names = strings.ToLower(names)
	switch {
	case strings.Contains(names, "youtube") || strings.Contains(names, "lyte"):
		return "youtube"
	case strings.Contains(names, "vimeo"):
		return "vimeo"
	}
	return ""
}

// lyteID is the video id WP YouTube Lyte puts in an id ("WYL_ID") on the
// facade or an element a few levels inside it.
func lyteID(n *html.Node, depth int) string {
	if id := attr(n, "id"); strings.HasPrefix(id, "WYL_") && youtubeVideoID.MatchString(id[4:]) {
		return id[4:]
	}
	if depth >= 3 {
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if id := lyteID(c, depth+1); id != "" {
				return id
			}
		}
	}
	return ""
}

// holdsPlayerElement reports whether an iframe, video, audio, object or
// embed is inside n.
func holdsPlayerElement(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isPlayer(c) || c.Type == html.ElementNode && holdsPlayerElement(c) {
			return true
		}
	}
	return false
}

// playerTitle is what a player or facade says it plays ("Keynote"); empty
// when it names only the player ("YouTube video player", "Play").
func playerTitle(p *html.Node) string {
	for _, k := range []string{"title", "data-title", "playlabel", "data-alt"} {
		t := strings.TrimSpace(attr(p, k))
		if k == "playlabel" {
			t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, "Play:"), "Play "))
		}
		if t != "" && !genericTitle.MatchString(t) {
			return t
		}
	}
	return ""
}

// isFacadeElement reports whether n, with class, is a facade: the cheap
// test first.
func isFacadeElement(n *html.Node, class string) bool {
	return mayBeFacade(n, class) && facadeSrc(n) != ""
}

func init() {
	register(func() {
		youtubeVideoID = compileLater(`^[A-Za-z0-9_-]{11}$`)
		vimeoVideoID = compileLater(`^\d{5,}$`)
	})
}
