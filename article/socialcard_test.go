package article

import "testing"

// card is a post as an old blog plugin printed it: styled divs, a Follow
// button, the handle and name, the text, a row of buttons.
const card = `<div style="background: #C6E2EE; padding: 20px"><div style="background: #fff; padding: 10px">` +
	`<span style="width: 100%"><span style="float: right"><a href="http://twitter.com/harbourmaster" class="twitter-follow-button">Follow @harbourmaster</a></span>` +
	`<span><a href="http://twitter.com/intent/user?screen_name=harbourmaster" title="Ines Marlow" class="twitter-action"></a>` +
	`<strong><a href="http://twitter.com/intent/user?screen_name=harbourmaster" title="Ines Marlow" class="twitter-action">@harbourmaster</a></strong><span><br />Ines Marlow</span></span></span>` +
	`<div style="margin: 1em 0">The north quay stays shut until the divers finish. Updates at <a href="https://port.example/notices">port.example/notices</a></div>` +
	`<div class="twitter-actions"><span class="twitter-meta"><a title="tweeted on March 3, 2026 8:15 am" href="http://twitter.com/#!/harbourmaster/status/123456789">2 hours ago</a> via <a href="http://x.example/app">Web</a></span>` +
	`<a href="https://twitter.com/intent/tweet?in_reply_to=123456789" class="twitter-action twitter-reply-action" title="Reply"><span><em></em><strong>Reply</strong></span></a>` +
	`<a href="https://twitter.com/intent/retweet?tweet_id=123456789" class="twitter-action twitter-retweet-action" title="Retweet"><span><em></em><strong>Retweet</strong></span></a>` +
	`<a href="https://twitter.com/intent/favorite?tweet_id=123456789" class="twitter-action twitter-favorite-action" title="Favorite"><span><em></em><strong>Favorite</strong></span></a></div>` +
	`</div></div>`

func TestSocialCards(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "an old plugin's card becomes a quote with its author",
			in:   `<p>The harbour master posted at dawn:</p>` + card + `<p>Ferries use the south quay meanwhile.</p>`,
			present: []string{
				"> The north quay stays shut until the divers finish. Updates at [port.example/notices](https://port.example/notices)",
				"> — Ines Marlow (@harbourmaster) [March 3, 2026 8:15 am](http://twitter.com/#!/harbourmaster/status/123456789)",
				"The harbour master posted at dawn:", "Ferries use the south quay meanwhile.",
			},
			absent: []string{"Follow", "Reply", "Retweet", "Favorite", "2 hours ago", "intent/"},
		},
		{
			name:    "a follow button alone is not a card",
			in:      `<div><p>Our reporter is on the quay.</p><a class="twitter-follow-button" href="http://twitter.com/reporter">Follow @reporter</a></div>`,
			present: []string{"Our reporter is on the quay."},
			absent:  []string{">"},
		},
	})
}

func TestFeedHeadingLabels(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a heading every item repeats stays over a section of its own",
			in:   `<p>The company raised a second round.</p><h2>About the company</h2><p>Founded in 2019, it makes tide gauges for small ports.</p>`,
			meta: Meta{Boilerplate: []string{"About the company"}},
			once: []string{"## About the company", "tide gauges"},
		},
		{
			name:    "it goes with a section the feed repeats too",
			in:      `<p>The company raised a second round.</p><h2>Support us</h2><p>Become a member for the price of a coffee.</p>`,
			meta:    Meta{Boilerplate: []string{"Support us", "Become a member for the price of a coffee."}},
			present: []string{"second round"},
			absent:  []string{"Support us", "coffee"},
		},
	})
}

func TestTrailingRelatedLabels(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a bare label left at the end goes",
			in:      `<p>The line reopens on Monday.</p><h2>More on this story</h2>`,
			present: []string{"The line reopens on Monday."},
			absent:  []string{"More on this story"},
		},
		{
			name:    "a bare label as the last paragraph goes",
			in:      `<p>The line reopens on Monday.</p><p><strong>Related Topics</strong></p>`,
			present: []string{"The line reopens on Monday."},
			absent:  []string{"Related Topics"},
		},
		{
			name:    "a heading that only starts the same way is a section",
			in:      `<p>The line reopens on Monday.</p><h2>More on this story's history</h2><p>The line opened in 1868.</p>`,
			present: []string{"More on this story's history", "opened in 1868"},
		},
	})
}
