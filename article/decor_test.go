package article

import "testing"

func TestDecorationsAreNotFigures(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "avatars, social and donation buttons",
			in: `<p>The episode is about planetariums.</p><table><tr><td class="avatar_cell"><img alt="avatar" src="https://www.gravatar.com/avatar/0a1b2c?s=50" class="avatar avatar-50 photo" height="50" width="50"></td><td>Jo Host</td>` +
				`<td><a href="https://social.example/@jo"><img width="32" height="32" src="https://pod.example/plugins/social/images/icons/mastodon-128.png" class="contributor-button" alt="Mastodon"></a>` +
				`<a href="https://pay.example/donate"><img src="https://pod.example/img/paypal-button.png" alt="Donate"></a></td></tr></table>` +
				`<p><img src="https://pod.example/favicon.ico" alt="">Show notes follow.</p>`,
			present: []string{"The episode is about planetariums.", "Jo Host", "Show notes follow."},
			absent:  []string{"gravatar", "mastodon-128", "paypal", "favicon", "Image"},
		},
		{
			name:    "emoji images become their character",
			in:      `<p>We won <img draggable="false" role="img" class="emoji" alt="🎉" src="https://s.w.org/images/core/emoji/15.0.3/svg/1f389.svg"> and then <img class="wp-smiley" alt="🙂" src="https://blog.example/wp-includes/images/smilies/simple-smile.png"> went home.</p>`,
			present: []string{"We won 🎉 and then 🙂 went home."},
			absent:  []string{"svg", "smilies"},
		},
		{
			name: "photos stay",
			in: `<p>Text.</p><p><img class="wp-image-881 size-large" src="https://news.example/uploads/2026/03/harbour-at-dawn.jpg" alt="The harbour at dawn" width="1024" height="683"></p>` +
				`<figure><img src="https://news.example/media/iconic-bridge.jpg" alt="The bridge at night"><figcaption>The bridge at night.</figcaption></figure>`,
			present: []string{"[Image](https://news.example/uploads/2026/03/harbour-at-dawn.jpg)\n\n*The harbour at dawn*",
				"[Image](https://news.example/media/iconic-bridge.jpg)\n\n*The bridge at night.*"},
		},
	})
}

func TestEmptyTableColumnsGo(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a column empty in every row goes, a group heading spans what is left",
			in: `<table><tr><th colspan="4">Results</th></tr><tr><td>Oslo</td><td></td><td>12</td><td> </td></tr>` +
				`<tr><td>Bergen</td><td><span></span></td><td>9</td><td></td></tr></table>`,
			present: []string{"| Results |    |\n|---------|----|\n| Oslo    | 12 |\n| Bergen  | 9  |"},
		},
		{
			name:    "a column with one value stays",
			in:      `<table><tr><td>Oslo</td><td></td><td>12</td></tr><tr><td>Bergen</td><td>rain</td><td>9</td></tr></table>`,
			present: []string{"| Bergen | rain | 9  |"},
		},
	})
}

func TestBodyEscapedTwice(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a body escaped twice is read as HTML",
			in:      `&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Hello from the harbour. We sailed at &lt;a href=&quot;https://sea.example/&quot;&gt;dawn&lt;/a&gt;.&lt;/p&gt;&lt;/div&gt;&lt;!-- SC_ON --&gt; submitted by <a href="https://forum.example/u/ana">ana</a>`,
			present: []string{"Hello from the harbour. We sailed at [dawn](https://sea.example/).", "submitted by [ana](https://forum.example/u/ana)"},
			absent:  []string{"<p>", "&lt;", "SC_OFF", "<div"},
		},
		{
			name:    "HTML shown as an example stays text",
			in:      `<p>Write the markup like this:</p><pre><code>&lt;p&gt;Hello&lt;/p&gt;&lt;div&gt;x&lt;/div&gt;</code></pre>`,
			present: []string{"<p>Hello</p><div>x</div>"},
		},
		{
			name:    "a text that starts with one escaped tag stays text",
			in:      `&lt;b&gt; is the bold tag, and it is older than CSS.`,
			present: []string{"&lt;b&gt; is the bold tag"},
			absent:  []string{"**"},
		},
	})
}
