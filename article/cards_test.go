package article

import (
	"strings"
	"testing"
)

func TestLinkPreviewCards(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a Ghost bookmark card is one link line",
			in: `<p>We wrote about this before.</p><figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://example.org/planning/">` +
				`<div class="kg-bookmark-content"><div class="kg-bookmark-title">Planning the harbour</div><div class="kg-bookmark-description">How the council chose the new quay.</div>` +
				`<div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="https://example.org/favicon.png" alt=""><span class="kg-bookmark-author">Harbour Weekly</span><span class="kg-bookmark-publisher">Jo Marsh</span></div></div>` +
				`<div class="kg-bookmark-thumbnail"><img src="https://example.org/og-planning.jpg" alt=""></div></a></figure>`,
			present: []string{"[Planning the harbour](https://example.org/planning/) — How the council chose the new quay. (Jo Marsh · Harbour Weekly)"},
			absent:  []string{"og-planning.jpg", "favicon"},
		},
		{
			name: "a Substack embedded post keeps title, excerpt and link, not its chrome",
			in: `<div class="embedded-post-wrap"><a class="embedded-post" native="true" href="https://valley.substack.com/p/ferry?utm_source=substack&utm_campaign=post_embed&utm_medium=web">` +
				`<div class="embedded-post-header"><img class="embedded-post-publication-logo" src="https://substackcdn.com/logo.png"><span class="embedded-post-publication-name">Valley Notes</span></div>` +
				`<div class="embedded-post-title-wrapper"><div class="embedded-post-title">The winter ferry</div></div><div class="embedded-post-body">It ran every day but two.</div>` +
				`<div class="embedded-post-cta-wrapper"><span class="embedded-post-cta">Read more</span></div><div class="embedded-post-meta">2 years ago · 14 likes · 3 comments · Ann Jones</div></a></div>`,
			present: []string{"[The winter ferry](https://valley.substack.com/p/ferry) — It ran every day but two. (Valley Notes)"},
			absent:  []string{"Read more", "14 likes", "logo.png", "utm_"},
		},
		{
			name: "a WordPress embedded post is a link line naming the site",
			in: `<figure class="wp-block-embed is-type-wp-embed"><div class="wp-block-embed__wrapper"><blockquote class="wp-embedded-content" data-secret="ab12"><a href="https://other.blog/ferry/">The winter ferry</a></blockquote>` +
				`<iframe class="wp-embedded-content" sandbox="allow-scripts" title="“The winter ferry” — Other Blog" src="https://other.blog/ferry/embed/#?secret=ab12"></iframe></div></figure>`,
			present: []string{"[The winter ferry](https://other.blog/ferry/) (Other Blog)"},
			absent:  []string{"> ", "secret"},
		},
		{
			name:    "a bare link around an image, a title and a description",
			in:      `<p>Background:</p><div><a href="https://news.example/quay"><img src="https://news.example/og.jpg"><h3>The new quay</h3><p>Work starts in May.</p></a></div>`,
			present: []string{"[The new quay](https://news.example/quay) — Work starts in May."},
			absent:  []string{"og.jpg"},
		},
		{
			name:    "a linked photo with a caption is no card",
			in:      `<div><a href="https://news.example/big.jpg"><img src="https://news.example/small.jpg" alt="The quay"></a></div><p>Work starts in May on the quay.</p>`,
			present: []string{"![](https://news.example/small.jpg)\n\nWork starts in May on the quay."},
			absent:  []string{"[The quay]", "big.jpg"},
		},
		{
			name:    "teasers in a list stay as they are",
			in:      `<p>Read on.</p><ul><li><a href="https://news.example/a"><img src="https://news.example/a.jpg"><h3>First story</h3><p>One line.</p></a></li></ul>`,
			present: []string{"First story", "One line."},
			absent:  []string{"[First story](https://news.example/a) — One line."},
		},
	})
}

func TestPageBookmarkAuthorIsNoByline(t *testing.T) {
	runPages(t, []pageCase{{
		name:   "byline of the page, not of its bookmark card",
		byline: "Rita Blake",
		header: `<p class="byline">By <span class="author">Rita Blake</span></p>`,
		content: paragraphs(pageBody...) + `<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://example.org/planning/"><div class="kg-bookmark-content"><div class="kg-bookmark-title">Planning the harbour</div>` +
			`<div class="kg-bookmark-description">How the council chose the new quay.</div><div class="kg-bookmark-metadata"><span class="kg-bookmark-author">Jo Marsh</span><span class="kg-bookmark-publisher">Harbour Weekly</span></div></div></a></figure>`,
		present: []string{"[Planning the harbour](https://example.org/planning/) — How the council chose the new quay. (Harbour Weekly · Jo Marsh)"},
		absent:  []string{"By Jo Marsh", "*By Rita Blake, Jo Marsh"},
	}})
}

func TestSiteBuiltPostCards(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a Substack tweet card is a quote with its author",
			in: `<div class="tweet" data-attrs="{}"><a class="tweet-link-top" href="https://twitter.com/mayorjones/status/123?ref_src=twsrc"><div class="tweet-header"><img class="tweet-header-avatar" src="https://pbs.twimg.com/a.jpg" alt="Twitter avatar for @mayorjones">` +
				`<div class="tweet-header-text"><span class="tweet-author-name">Ann Jones </span><span class="tweet-author-handle">@mayorjones</span></div></div><div class="tweet-text">The ferry runs all winter.</div></a>` +
				`<a class="tweet-link-bottom" href="https://twitter.com/mayorjones/status/123"><div class="tweet-footer"><p class="tweet-date">10:15 AM ∙ Mar 3, 2026</p><hr><div class="tweet-ui"><div class="like"><span>1,234</span><span>Likes</span></div><div class="retweet"><span>56</span><span>Retweets</span></div></div></div></a></div>`,
			present: []string{"> The ferry runs all winter.", "> — Ann Jones (@mayorjones) [10:15 AM ∙ Mar 3, 2026](https://twitter.com/mayorjones/status/123)"},
			absent:  []string{"Likes", "Retweets", "1,234", "a.jpg"},
		},
		{
			name:    "a box named tweet with no handle stays prose",
			in:      `<div class="tweet-this"><div class="tweet-text">Ferries are the best way to travel.</div></div><p>More on that later.</p>`,
			present: []string{"Ferries are the best way to travel."},
			absent:  []string{"> Ferries"},
		},
		{
			name:    "a Facebook post ends with its page and dated link",
			in:      `<div class="fb-post"><blockquote cite="https://www.facebook.com/ValleyEcho/posts/1" class="fb-xfbml-parse-ignore"><p>The quay opens on Monday.</p>Posted by <a href="https://www.facebook.com/ValleyEcho">Valley Echo</a> on&nbsp;<a href="https://www.facebook.com/ValleyEcho/posts/1">Tuesday, March 3, 2026</a></blockquote></div>`,
			present: []string{"> The quay opens on Monday.", "> — Valley Echo [Tuesday, March 3, 2026](https://www.facebook.com/ValleyEcho/posts/1)"},
			absent:  []string{"Posted by"},
		},
		{
			name:    "an ordinary quote saying Posted by is left alone",
			in:      `<blockquote><p>All mail is posted by noon.</p>Posted by <a href="https://x.example/">the clerk</a></blockquote>`,
			present: []string{"> All mail is posted by noon.\n>\n> Posted by [the clerk](https://x.example/)"},
			absent:  []string{"> —"},
		},
		{
			name:    "a Bluesky post's handle is plain, the link on the date",
			in:      `<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/xyz"><p lang="en">Fog on the quay.</p>&mdash; Ann Jones (<a href="https://bsky.app/profile/did:plc:abc?ref_src=embed">@ann.bsky.social</a>) <a href="https://bsky.app/profile/did:plc:abc/post/xyz?ref_src=embed">March 3, 2026 at 10:00 AM</a></blockquote>`,
			present: []string{"> — Ann Jones (@ann.bsky.social) [March 3, 2026 at 10:00 AM](https://bsky.app/profile/did:plc:abc/post/xyz?ref_src=embed)"},
			absent:  []string{"[@ann"},
		},
	})
}

func TestPlayersInDataAttributesAndLinks(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a Squarespace video block leaves its line",
			in:      `<p>Watch the launch.</p><div class="sqs-block video-block sqs-block-video" data-block-json="{&quot;url&quot;:&quot;https://www.youtube.com/watch?v=abcdefghijk&quot;,&quot;html&quot;:&quot;&lt;iframe src=\&quot;https://www.youtube.com/embed/abcdefghijk?feature=oembed\&quot;&gt;&lt;/iframe&gt;&quot;}"><div class="sqs-block-content"></div></div>`,
			present: []string{"Video (YouTube): [https://www.youtube.com/watch?v=abcdefghijk](https://www.youtube.com/watch?v=abcdefghijk)"},
		},
		{
			name:    "a wrapper with data-html holding a player",
			in:      `<div class="video-wrapper" data-html="&lt;iframe src=&quot;https://player.vimeo.com/video/123456&quot;&gt;&lt;/iframe&gt;"></div><p>That was the launch.</p>`,
			present: []string{"Video (Vimeo): [https://vimeo.com/123456](https://vimeo.com/123456)"},
		},
		{
			name:    "a data-url to a page is no player",
			in:      `<div class="share" data-url="https://news.example/quay"><p>The quay opens on Monday.</p></div>`,
			present: []string{"The quay opens on Monday."},
			absent:  []string{"Video", "Audio"},
		},
		{
			name:    "player links lose tracking and player parameters",
			in:      `<audio src="https://blog.example/ep1.mp3?_=1"></audio><iframe src="https://www.buzzsprout.com/1/2?client_source=small_player&iframe=true&id=7"></iframe>`,
			present: []string{"Audio: [https://blog.example/ep1.mp3](https://blog.example/ep1.mp3)", "https://www.buzzsprout.com/1/2?id=7"},
			absent:  []string{"_=1", "client_source", "iframe=true"},
		},
		{
			name:    "a SoundCloud API embed links the track page beside it",
			in:      `<iframe title="Harbour song" src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/123&color=%23ff5500"></iframe><div><a href="https://soundcloud.com/valley">Valley</a> · <a href="https://soundcloud.com/valley/harbour-song">Harbour song</a></div>`,
			present: []string{"Audio (SoundCloud): Harbour song — [https://soundcloud.com/valley/harbour-song](https://soundcloud.com/valley/harbour-song)"},
		},
		{
			name:    "a SoundCloud API embed alone keeps the API address",
			in:      `<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/123"></iframe><p>Listen.</p>`,
			present: []string{"Audio (SoundCloud): [https://api.soundcloud.com/tracks/123](https://api.soundcloud.com/tracks/123)"},
		},
	})
}

// TestLinkCardHeadingTitle: a card without classes takes its title from a
// heading of any level (atom values are hashes, not in tag order).
func TestLinkCardHeadingTitle(t *testing.T) {
	for _, h := range []string{"h2", "h3", "h6"} {
		in := `<figure class="link-card"><a href="https://other.example/quay"><p>other.example</p><` + h + `>The new quay opens</` + h + `><p class="card-description">Ferries move in May.</p></a></figure>`
		md := FromHTML(in, Meta{Title: "T"}).Markdown()
		if !strings.Contains(md, "[The new quay opens](https://other.example/quay) — Ferries move in May.") {
			t.Errorf("%s: card title not taken from the heading:\n%s", h, md)
		}
	}
}
