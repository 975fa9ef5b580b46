package article

import (
	"net/url"
	"strings"
)

// Posts from social networks also arrive as a bare iframe of the network's
// embed page, with no blockquote holding their text. Such a frame leaves a
// line to the post, as a player does: "Post (Instagram): URL".

var (
	instagramFrame *lazyRegexp
	twitterID      *lazyRegexp
	tiktokFrame    *lazyRegexp
)

// postFrame says what network's post an iframe at u shows and where the
// post is; empty when u is no post embed herald knows.
func postFrame(u *url.URL) (string, string) {
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	switch {
	case host == "instagram.com":
		if m := instagramFrame.FindStringSubmatch(u.Path); m != nil {
			return "Post (Instagram)", "https://www.instagram.com/" + m[1] + "/"
		}
	case host == "platform.twitter.com" || host == "platform.x.com":
		if id := u.Query().Get("id"); twitterID.MatchString(id) && strings.HasPrefix(u.Path, "/embed/") {
			return "Post (Twitter)", "https://twitter.com/i/status/" + id
		}
	case host == "facebook.com":
		href := u.Query().Get("href")
		if h, err := url.Parse(href); err != nil || (h.Scheme != "http" && h.Scheme != "https") || h.Host == "" {
			return "", ""
		}
		switch u.Path {
		case "/plugins/post.php":
			return "Post (Facebook)", href
		case "/plugins/video.php":
			return "Video (Facebook)", href
		}
	case host == "tiktok.com":
		if m := tiktokFrame.FindStringSubmatch(u.Path); m != nil {
			return "Video (TikTok)", "https://www.tiktok.com/embed/v2/" + m[1]
		}
	case host == "embed.bsky.app":
		if strings.HasPrefix(u.Path, "/embed/") {
			return "Post (Bluesky)", "https://embed.bsky.app" + u.Path
		}
	}
	return "", ""
}

func init() {
	register(func() {
		instagramFrame = compileLater(`^/((?:p|reel|tv)/[A-Za-z0-9_-]+)/embed`)
		twitterID = compileLater(`^\d{5,25}$`)
		tiktokFrame = compileLater(`^/embed(?:/v2)?/(\d{5,25})`)
	})
}
