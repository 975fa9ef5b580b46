package article

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Embedded players (iframe, video, audio, object, embed) cannot play in a
// terminal, and dropping them silently leaves "the video above" with nothing
// above it. Each becomes a line that says what it was and where it plays:
// "Video (YouTube): https://www.youtube.com/watch?v=ID".

// embedPlayer is one known player: its host (a suffix), what it plays and
// how its embed address becomes the address of the page that plays it.
type embedPlayer struct {
	host, name, kind string
	page             func(u *url.URL) string
}

var (
	youtubeID *lazyRegexp
	vimeoID   *lazyRegexp
	peertube  *lazyRegexp
	spotify   *lazyRegexp
	// mastodonPost is the embed address of a Mastodon post, on any host:
	// /@user/123/embed or /users/user/statuses/123/embed.
	mastodonPost *lazyRegexp
	// youtubeParam is a playlist or channel id, a start time ("30", "1m30s").
	youtubeParam *lazyRegexp
)

// genericTitle is an embed title that names only the player.
var genericTitle *lazyRegexp

// youtubePage is where a YouTube embed plays: the video (with its playlist
// and start time), a playlist ("/embed/videoseries?list=…") or a
// channel's live stream.
func youtubePage(u *url.URL) string {
	q := u.Query()
	param := func(k string) string {
		if v := q.Get(k); youtubeParam.MatchString(v) {
			return v
		}
		return ""
	}
	m := youtubeID.FindStringSubmatch(u.Path)
	switch {
	case m == nil || m[1] == "videoseries":
		if list := param("list"); list != "" && (q.Get("listType") == "" || q.Get("listType") == "playlist") {
			return "https://www.youtube.com/playlist?list=" + list
		}
		return ""
	case m[1] == "live_stream":
		if ch := param("channel"); ch != "" {
			return "https://www.youtube.com/channel/" + ch + "/live"
		}
		return ""
	}
	page := "https://www.youtube.com/watch?v=" + m[1]
	if list := param("list"); list != "" {
		page += "&list=" + list
	}
	if t := param("start"); t != "" {
		page += "&t=" + t
	} else if t := param("t"); t != "" {
		page += "&t=" + t
	}
	return page
}

var embedPlayers = []embedPlayer{
	{"youtube.com", "YouTube", "Video", youtubePage},
	{"youtube-nocookie.com", "YouTube", "Video", youtubePage},
	{"player.vimeo.com", "Vimeo", "Video", func(u *url.URL) string {
		if m := vimeoID.FindStringSubmatch(u.Path); m != nil {
			return "https://vimeo.com/" + m[1]
		}
		return ""
	}},
	{"dailymotion.com", "Dailymotion", "Video", nil},
	{"w.soundcloud.com", "SoundCloud", "Audio", func(u *url.URL) string { return u.Query().Get("url") }},
	{"open.spotify.com", "Spotify", "Audio", func(u *url.URL) string {
		if m := spotify.FindStringSubmatch(u.Path); m != nil {
			return "https://open.spotify.com/" + m[1]
		}
		return ""
	}},
	{"bandcamp.com", "Bandcamp", "Audio", nil},
	{"podcasts.apple.com", "Apple Podcasts", "Audio", nil},
	{"embed.podcasts.apple.com", "Apple Podcasts", "Audio", nil},
	{"anchor.fm", "Anchor", "Audio", nil},
	{"megaphone.fm", "Megaphone", "Audio", nil},
	{"simplecast.com", "Simplecast", "Audio", nil},
	{"libsyn.com", "Libsyn", "Audio", nil},
	{"buzzsprout.com", "Buzzsprout", "Audio", nil},
	{"twitch.tv", "Twitch", "Video", nil},
	{"ted.com", "TED", "Video", nil},
}

// embedLines replaces every player of players with a paragraph naming it and
// linking to where it plays. Players of unknown hosts in an iframe (ads,
// like buttons, forms) are left to be skipped as before.
func embedLines(players []*html.Node, base *url.URL) {
	for _, p := range players {
		line, link := embedLine(p, base)
		if line == "" || p.Parent == nil {
			continue
		}
		link = cleanPlayerLink(soundCloudPage(p, link))
		p.Parent.InsertBefore(lineParagraph(line, playerTitle(p), link), p)
		p.Parent.RemoveChild(p)
	}
}

// lineParagraph is the paragraph that stands for a player or a post:
// "Video (YouTube): title — address", the title optional.
func lineParagraph(what, title, address string) *html.Node {
	if title != "" {
		what += ": " + title + " —"
	} else {
		what += ":"
	}
	para := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	para.AppendChild(&html.Node{Type: html.TextNode, Data: what + " "})
	para.AppendChild(anchor(address, address))
	return para
}

// anchor is an <a> to address saying text.
func anchor(address, text string) *html.Node {
	a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: address}}}
	a.AppendChild(&html.Node{Type: html.TextNode, Data: text})
	return a
}

// embedLine says what a player is ("Video (YouTube)") and where it plays;
// empty when it is not a player herald knows.
func embedLine(p *html.Node, base *url.URL) (string, string) {
	if !isPlayer(p) {
		return playerLine(p, facadeSrc(p), base)
	}
	// Its src, else the address a lazy loader swaps in: src may be a
	// placeholder (about:blank, a spinner, a blank page of the site's own).
	for _, k := range playerSrcAttrs {
		if v := strings.TrimSpace(attr(p, k)); v != "" && !placeholderFrame(v) {
			if line, link := playerLine(p, v, base); line != "" {
				return line, link
			}
		}
	}
	return playerLine(p, childSrc(p), base)
}

// playerSrcAttrs hold a player's address: its src, or the attribute a lazy
// loader swaps in while src shows a placeholder.
var playerSrcAttrs = []string{"src", "data-src", "data-lazy-src", "data-original", "data-lazy", "data"}

// childSrc is the address a video, audio or object element plays from
// its <source>, <embed> or <param name="movie">.
func childSrc(p *html.Node) string {
	if p.DataAtom != atom.Video && p.DataAtom != atom.Audio && p.DataAtom != atom.Object {
		return ""
	}
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Source || c.DataAtom == atom.Embed || c.DataAtom == atom.Param && strings.EqualFold(attr(c, "name"), "movie")) {
			if v := strings.TrimSpace(attr(c, "src") + attr(c, "value")); v != "" {
				return v
			}
		}
	}
	return ""
}

// placeholderFrame reports whether a player's address is a lazy loader's
// stand-in: about:blank, a data: URI, javascript:, a spinner or a blank
// image.
func placeholderFrame(src string) bool {
	if len(src) >= 6 && strings.EqualFold(src[:6], "about:") || len(src) >= 11 && strings.EqualFold(src[:11], "javascript:") {
		return true
	}
	return placeholderSrc(src)
}

// playerLine says what plays at src in player p and where.
func playerLine(p *html.Node, src string, base *url.URL) (string, string) {
	if strings.HasPrefix(src, "//") {
		src = "https:" + src
	}
	u, err := url.Parse(src)
	if err == nil && base != nil {
		u = base.ResolveReference(u)
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", ""
	}
	host := strings.ToLower(u.Hostname())
	for _, pl := range embedPlayers {
		if host != pl.host && !strings.HasSuffix(host, "."+pl.host) {
			continue
		}
		page := ""
		if pl.page != nil {
			page = pl.page(u)
		}
		if page == "" {
			page = u.String()
		}
		return pl.kind + " (" + pl.name + ")", page
	}
	if m := peertube.FindStringSubmatch(u.Path); m != nil {
		return "Video (PeerTube)", "https://" + u.Host + "/w/" + m[1]
	}
	if m := mastodonPost.FindStringSubmatch(u.Path); m != nil {
		return "Post (Mastodon)", "https://" + u.Host + m[1]
	}
	if line, link := postFrame(u); line != "" {
		return line, cleanPlayerLink(link)
	}
	switch p.DataAtom {
	case atom.Video:
		return "Video", u.String()
	case atom.Audio:
		return "Audio", u.String()
	}
	return "", ""
}

// playerOnlyParam is a query parameter that tracks the reader or sets up
// the player, and names nothing: it goes from a player's page link, while
// those that identify the media (v, list, t, id) stay.
func playerOnlyParam(k string) bool {
	k = strings.ToLower(k)
	if strings.HasPrefix(k, "utm_") {
		return true
	}
	switch k {
	case "_", "client_source", "iframe", "embed", "autoplay", "auto_play", "ref_src", "ref_url", "ref", "si", "feature",
		"igshid", "igsh", "player", "rel", "modestbranding", "showinfo", "enablejsapi", "origin", "wmode", "dnt",
		"controls", "muted", "hide_related", "show_comments", "show_user", "show_reposts", "show_teaser", "visual", "color",
		"fbclid", "gclid", "mc_cid", "mc_eid", "playsinline", "widget_referrer":
		return true
	}
	return false
}

// cleanPlayerLink is address without playerOnlyParam parameters.
func cleanPlayerLink(address string) string {
	i := strings.IndexByte(address, '?')
	if i < 0 {
		return address
	}
	frag := ""
	rest := address[i+1:]
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		rest, frag = rest[:j], rest[j:]
	}
	var kept []string
	for _, kv := range strings.Split(rest, "&") {
		k, _, _ := strings.Cut(kv, "=")
		if kv != "" && !playerOnlyParam(k) {
			kept = append(kept, kv)
		}
	}
	if len(kept) == 0 {
		return address[:i] + frag
	}
	return address[:i] + "?" + strings.Join(kept, "&") + frag
}

// soundCloudTrack is a SoundCloud page of a user's track.
var soundCloudTrack *lazyRegexp

// soundCloudPage is the track's page that SoundCloud's embed code links to
// after the iframe, for an embed that plays from the API's address.
func soundCloudPage(p *html.Node, link string) string {
	if !strings.Contains(link, "//api.soundcloud.com/") {
		return link
	}
	n := 0
	for s := p.NextSibling; s != nil && n < 2; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		n++
		var found string
		var walk func(*html.Node)
		walk = func(e *html.Node) {
			for c := e.FirstChild; c != nil && found == ""; c = c.NextSibling {
				if c.Type == html.ElementNode {
					if c.DataAtom == atom.A && soundCloudTrack.MatchString(attr(c, "href")) {
						found = attr(c, "href")
					}
					walk(c)
				}
			}
		}
		if s.DataAtom == atom.A && soundCloudTrack.MatchString(attr(s, "href")) {
			return attr(s, "href")
		}
		walk(s)
		if found != "" {
			return found
		}
	}
	return link
}

func init() {
	register(func() {
		youtubeID = compileLater(`^/(?:embed|v|shorts)/([A-Za-z0-9_-]{6,})`)
		vimeoID = compileLater(`^/video/(\d+)`)
		peertube = compileLater(`^/videos/embed/([0-9a-zA-Z-]{8,})`)
		spotify = compileLater(`^/embed(?:-podcast)?/((?:episode|show|track|album|playlist)/[A-Za-z0-9]+)`)
		mastodonPost = compileLater(`^(/@[A-Za-z0-9_]+(?:@[A-Za-z0-9.-]+)?/\d+|/users/[A-Za-z0-9_]+/statuses/\d+)/embed/?$`)
		youtubeParam = compileLater(`^[A-Za-z0-9_-]+$`)
		genericTitle = compileLater(`(?i)player|embed|iframe|^(?:play|video|audio|podcast|youtube|vimeo|spotify|soundcloud)$|^(?:x|twitter|instagram|facebook|tiktok|bluesky|threads)(?: (?:post|tweet|video))?$`)
		soundCloudTrack = compileLater(`^https?://(?:www\.)?soundcloud\.com/[\w-]+/[\w-]+/?$`)
	})
}
