package article

import "testing"

// Players behind lazy loaders and facades, YouTube's other embed forms,
// Mastodon and Threads posts, and old tweet cards alone in an item.

func TestLazyPlayersLeaveALine(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a placeholder src gives way to the lazy loader's attribute",
			in: `<p>The launch, filmed from the quay.</p>` +
				`<iframe src="about:blank" data-lazy-src="https://www.youtube.com/embed/aBcD3fGh1jK" width="560"></iframe>` +
				`<iframe src="data:text/html;base64,PGh0bWw+" data-src="https://player.vimeo.com/video/123456789"></iframe>` +
				`<iframe src="https://quay.example/wp-content/plugins/lazy/spinner.gif" data-original="https://www.youtube-nocookie.com/embed/Zx9yW8vU7tS"></iframe>` +
				`<iframe src="" data-lazy-src="//www.youtube.com/embed/Qw3rT5yU7iO"></iframe>`,
			present: []string{
				"Video (YouTube): [https://www.youtube.com/watch?v=aBcD3fGh1jK]",
				"Video (Vimeo): [https://vimeo.com/123456789]",
				"Video (YouTube): [https://www.youtube.com/watch?v=Zx9yW8vU7tS]",
				"Video (YouTube): [https://www.youtube.com/watch?v=Qw3rT5yU7iO]",
			},
			absent: []string{"about:blank", "spinner", "data:"},
		},
		{
			name: "a real src wins over a lazy attribute, a blank page of the site gives way, a blank frame alone stays out",
			in: `<p>Text.</p><iframe src="https://www.youtube.com/embed/aBcD3fGh1jK" data-src="https://www.youtube.com/embed/Zx9yW8vU7tS"></iframe><iframe src="about:blank" class="ad-slot"></iframe>` +
				`<iframe src="https://news.example/lazy-frame.html" data-lazy-src="https://player.vimeo.com/video/76979871"></iframe>`,
			present: []string{"watch?v=aBcD3fGh1jK", "Video (Vimeo): [https://vimeo.com/76979871]"},
			absent:  []string{"Zx9yW8vU7tS", "about:blank", "Video:", "lazy-frame"},
		},
	})
}

func TestPlayerFacadesLeaveALine(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "WP Rocket, lite-youtube, lite-vimeo, Lyte and Plyr",
			in: `<p>Watch the keynote.</p>` +
				`<div class="rll-youtube-player" data-src="https://www.youtube.com/embed/aBcD3fGh1jK" data-id="aBcD3fGh1jK" data-query="feature=oembed" data-alt="Harbour keynote"></div>` +
				`<noscript><iframe src="https://www.youtube.com/embed/aBcD3fGh1jK"></iframe></noscript>` +
				`<p><lite-youtube videoid="Zx9yW8vU7tS" params="start=30" playlabel="Play: Tide tables explained"></lite-youtube></p>` +
				`<lite-vimeo videoid="76979871"></lite-vimeo>` +
				`<div class="lyte-wrapper fourthree"><div class="lyMe" id="WYL_Qw3rT5yU7iO"><div class="pL"><div class="tT">Dredging the channel</div><div class="play"></div></div></div></div>` +
				`<div id="player" data-plyr-provider="vimeo" data-plyr-embed-id="22222222"></div>` +
				`<amp-youtube data-videoid="Mn8bV6cX4zL" layout="responsive" width="480" height="270"></amp-youtube>` +
				`<div class="js-video" data-video-provider="youtube" data-video-id="Lk9jH8gF7dS"><img src="https://i.ytimg.com/vi/Lk9jH8gF7dS/hqdefault.jpg" alt=""></div>`,
			present: []string{
				"Video (YouTube): Harbour keynote — [https://www.youtube.com/watch?v=aBcD3fGh1jK]",
				"Video (YouTube): Tide tables explained — [https://www.youtube.com/watch?v=Zx9yW8vU7tS&t=30]",
				"Video (Vimeo): [https://vimeo.com/76979871]",
				"Video (YouTube): [https://www.youtube.com/watch?v=Qw3rT5yU7iO]",
				"Video (Vimeo): [https://vimeo.com/22222222]",
				"Video (YouTube): [https://www.youtube.com/watch?v=Mn8bV6cX4zL]",
				"Video (YouTube): [https://www.youtube.com/watch?v=Lk9jH8gF7dS]",
			},
			absent: []string{"ytimg", "Image"},
			once:   []string{"watch?v=aBcD3fGh1jK]"},
		},
		{
			name: "a wrapper named for YouTube around an iframe gives one line; ids that are not videos stay out",
			in: `<p>Text.</p><div class="youtube-embed-wrapper" data-id="aBcD3fGh1jK"><iframe src="https://www.youtube.com/embed/aBcD3fGh1jK"></iframe></div>` +
				`<div class="youtube-series" data-id="42"><p>Tide reports every week, filmed on the pier.</p></div>` +
				`<lite-badge>New</lite-badge>` +
				`<div class="youtube-video" data-id="Qw3rT5yU7iO"><p>In this week's video the harbour master walks the north quay and explains why the divers need three more days before it can reopen.</p></div>`,
			once:    []string{"watch?v=aBcD3fGh1jK]"},
			present: []string{"Tide reports every week, filmed on the pier.", "New", "the divers need three more days"},
			absent:  []string{"embed/42", "watch?v=42"},
		},
		{
			name: "a Mastodon post in a frame",
			in: `<p>She answered on Mastodon:</p><iframe src="https://mastodon.social/@tbaxter/112083281191909486/embed" class="mastodon-embed" width="400"></iframe>` +
				`<iframe src="https://social.example/users/harbour/statuses/110000000000000001/embed"></iframe>`,
			present: []string{
				"Post (Mastodon): [https://mastodon.social/@tbaxter/112083281191909486](https://mastodon.social/@tbaxter/112083281191909486)",
				"Post (Mastodon): [https://social.example/users/harbour/statuses/110000000000000001]",
			},
		},
		{
			name:   "a frame of an unknown host with a path like a post's is not one",
			in:     `<p>Text.</p><iframe src="https://ads.example/@campaign/12345/banner"></iframe>`,
			absent: []string{"Post (", "ads.example"},
		},
	})
}

func TestYouTubeEmbedForms(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "playlists, start times, playlists around a video, live streams",
			in: `<p>Text.</p>` +
				`<iframe src="https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"></iframe>` +
				`<iframe src="https://www.youtube.com/embed?listType=playlist&amp;list=PLabc123"></iframe>` +
				`<iframe src="https://www.youtube.com/embed/aBcD3fGh1jK?start=30&amp;rel=0"></iframe>` +
				`<iframe src="https://www.youtube-nocookie.com/embed/Zx9yW8vU7tS?list=PLdef456&amp;start=95"></iframe>` +
				`<iframe src="https://www.youtube.com/embed/live_stream?channel=UCabcdef123"></iframe>`,
			present: []string{
				"[https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG]",
				"[https://www.youtube.com/playlist?list=PLabc123]",
				"[https://www.youtube.com/watch?v=aBcD3fGh1jK&t=30]",
				"[https://www.youtube.com/watch?v=Zx9yW8vU7tS&list=PLdef456&t=95]",
				"[https://www.youtube.com/channel/UCabcdef123/live]",
			},
			absent: []string{"videoseries", "v=live_stream", "rel=0"},
		},
		{
			name:    "a playlist embed without its list keeps its own address, not a broken video",
			in:      `<p>Text.</p><iframe src="https://www.youtube.com/embed/videoseries"></iframe>`,
			present: []string{"Video (YouTube): [https://www.youtube.com/embed/videoseries]"},
			absent:  []string{"watch?v=videoseries"},
		},
	})
}

// mastodonCard is Mastodon's embed code: the post itself is loaded by its
// script; the blockquote holds only a logo and labels.
const mastodonCard = `<blockquote class="mastodon-embed" data-embed-url="https://mastodon.social/@dragonhoards/114638610368343397/embed" style="background: #FCF8FF;"> <a href="https://mastodon.social/@dragonhoards/114638610368343397" target="_blank"> <svg width="32" height="32" viewBox="0 0 79 75"><path d="M63 45.3v-20"/></svg> <div style="color: #787588;">Post by @dragonhoards@mastodon.social</div> <div style="font-weight: 500;">View on Mastodon</div> </a> </blockquote> <script async src="https://mastodon.social/embed.js"></script>`

// threadsCard is Threads' embed code, with only a logo and a label.
const threadsCard = `<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.com/@robot.taylor/post/Db99uRjGwe1" data-text-post-version="0" id="ig-tp-Db99uRjGwe1"> <a href="https://www.threads.com/@robot.taylor/post/Db99uRjGwe1" target="_blank"> <div><div><svg aria-label="Threads" height="32px"><path d="M141.5 88.9"/></svg></div><div> View on Threads</div></div></a></blockquote><script async src="https://www.threads.com/embed.js"></script>`

func TestMastodonAndThreadsPosts(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "embed codes with only chrome become a line to the post",
			in:   `<p>The bot posted its hoard.</p>` + mastodonCard + `<p>Then it moved again.</p>` + threadsCard + `<p>The end.</p>`,
			present: []string{
				"Post (Mastodon): @dragonhoards@mastodon.social — [https://mastodon.social/@dragonhoards/114638610368343397](https://mastodon.social/@dragonhoards/114638610368343397)",
				"Post (Threads): [https://www.threads.com/@robot.taylor/post/Db99uRjGwe1](https://www.threads.com/@robot.taylor/post/Db99uRjGwe1)",
				"The bot posted its hoard.", "Then it moved again.", "The end.",
			},
			absent: []string{"View on", "Post by", "\\\n", "> "},
		},
		{
			name: "a post with its text keeps it, with its author and a link",
			in: `<blockquote class="mastodon-embed" data-embed-url="https://fedi.example/@ines/111213356862010785/embed"><p>The north quay reopens on Monday at six.</p>` +
				`<a href="https://fedi.example/@ines/111213356862010785"><div>Post by Ines Marlow (@ines@fedi.example)</div><div>View on Mastodon</div></a></blockquote>` +
				`<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net/@lena/post/C8abc"><p>Ferries use the south quay meanwhile.</p><a href="https://www.threads.net/@lena/post/C8abc">Post by @lena</a> <a href="https://www.threads.net/@lena/post/C8abc">View this post on Threads</a></blockquote>`,
			present: []string{
				"> The north quay reopens on Monday at six.\n>\n> — Ines Marlow (@ines@fedi.example) [post](https://fedi.example/@ines/111213356862010785)",
				"> Ferries use the south quay meanwhile.\n>\n> — @lena [post](https://www.threads.net/@lena/post/C8abc)",
			},
			absent: []string{"View on", "View this post", "Post by"},
		},
		{
			name: "the labels stay in an ordinary quote, and a post's sentence that starts like one stays",
			in: `<blockquote><p>View on Mastodon</p><p>Post by @someone</p></blockquote>` +
				`<blockquote class="mastodon-embed" data-embed-url="https://fedi.example/@ines/1/embed"><p>Post by the harbour master this morning: all clear.</p></blockquote>`,
			present: []string{"> View on Mastodon", "> Post by @someone", "> Post by the harbour master this morning: all clear."},
		},
	})
}

func TestTweetCardAloneInItem(t *testing.T) {
	const quote = "> The north quay stays shut until the divers finish."
	const by = "> — Ines Marlow (@harbourmaster) [March 3, 2026 8:15 am](http://twitter.com/#!/harbourmaster/status/123456789)"
	runRules(t, []ruleCase{
		{name: "the card is the whole item", in: card, present: []string{quote, by}, absent: []string{"Follow", "Reply", "Retweet"}},
		{name: "the card is alone in entry-content", in: `<div class="entry-content">` + card + `</div>`, present: []string{quote, by}, absent: []string{"Follow", "Reply"}},
		{name: "in Blackbird Pie's own box", in: `<!-- tweet id : 123456789 --><div id="bbpBox_123456789" class="bbpBox">` + card + `</div>`, present: []string{quote, by}, absent: []string{"Follow"}},
		{
			name:    "text around the card in the same wrapper stays",
			in:      `<div class="entry-content"><p>The harbour master posted at dawn.</p>` + card + `<p>Ferries use the south quay.</p></div>`,
			present: []string{"The harbour master posted at dawn.", quote, by, "Ferries use the south quay."},
		},
	})
	t.Run("a page whose entry-content holds only the card", func(t *testing.T) {
		page := `<!DOCTYPE html><html><head><title>Quay closed | Harbour Blog</title></head><body><nav><a href="/">Home</a></nav>` +
			`<article><h1>Quay closed</h1><div class="entry-content">` + card + `</div></article><footer><p>Contact us</p></footer></body></html>`
		d, err := FromPage(page, Meta{Link: "https://harbour.example/quay-closed"})
		if err != nil {
			t.Fatal(err)
		}
		checkContains(t, d.Markdown(), []string{quote, by}, []string{"Follow", "Retweet"}, nil)
	})
}
