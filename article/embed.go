package article

import (
	"net/url"
	"regexp"
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
	youtubeID = regexp.MustCompile(`^/(?:embed|v|shorts)/([A-Za-z0-9_-]{6,})`)
	vimeoID   = regexp.MustCompile(`^/video/(\d+)`)
	peertube  = regexp.MustCompile(`^/videos/embed/([0-9a-zA-Z-]{8,})`)
	spotify   = regexp.MustCompile(`^/embed(?:-podcast)?/((?:episode|show|track|album|playlist)/[A-Za-z0-9]+)`)
)

// genericTitle is an embed title that names only the player.
var genericTitle = regexp.MustCompile(`(?i)player|embed|iframe|^(?:video|audio|podcast|youtube|vimeo|spotify|soundcloud)$`)

var embedPlayers = []embedPlayer{
	{"youtube.com", "YouTube", "Video", func(u *url.URL) string {
		if m := youtubeID.FindStringSubmatch(u.Path); m != nil {
			return "https://www.youtube.com/watch?v=" + m[1]
		}
		return ""
	}},
	{"youtube-nocookie.com", "YouTube", "Video", func(u *url.URL) string {
		if m := youtubeID.FindStringSubmatch(u.Path); m != nil {
			return "https://www.youtube.com/watch?v=" + m[1]
		}
		return ""
	}},
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
		para := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		if t := strings.TrimSpace(attr(p, "title")); t != "" && !genericTitle.MatchString(t) {
			line += ": " + t + " —"
		} else {
			line += ":"
		}
		para.AppendChild(&html.Node{Type: html.TextNode, Data: line + " "})
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: link}}}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: link})
		para.AppendChild(a)
		p.Parent.InsertBefore(para, p)
		p.Parent.RemoveChild(p)
	}
}

// embedLine says what a player is ("Video (YouTube)") and where it plays;
// empty when it is not a player herald knows.
func embedLine(p *html.Node, base *url.URL) (string, string) {
	src := ""
	for _, k := range []string{"src", "data-src", "data-lazy-src", "data"} {
		if v := strings.TrimSpace(attr(p, k)); v != "" {
			src = v
			break
		}
	}
	if src == "" && (p.DataAtom == atom.Video || p.DataAtom == atom.Audio || p.DataAtom == atom.Object) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Source || c.DataAtom == atom.Embed || c.DataAtom == atom.Param && strings.EqualFold(attr(c, "name"), "movie")) {
				if v := strings.TrimSpace(attr(c, "src") + attr(c, "value")); v != "" {
					src = v
					break
				}
			}
		}
	}
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
	switch p.DataAtom {
	case atom.Video:
		return "Video", u.String()
	case atom.Audio:
		return "Audio", u.String()
	}
	return "", ""
}
