package article

import "testing"

func TestPostFrames(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "frames of posts leave a line to the post",
			in: `<p>The harbour master's photo:</p><iframe src="https://www.instagram.com/p/C4xYz12AbC/embed/captioned/?utm_source=ig_embed" width="400"></iframe>` +
				`<p>And the council's answer:</p><iframe src="https://platform.twitter.com/embed/Tweet.html?dnt=true&id=1765432101234567890" title="X Post"></iframe>` +
				`<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fharbour%2Fposts%2F12345&width=500"></iframe>` +
				`<iframe src="https://www.tiktok.com/embed/v2/7301234567890123456"></iframe><p>Ferries run as normal.</p>`,
			present: []string{
				"Post (Instagram): [https://www.instagram.com/p/C4xYz12AbC/]",
				"Post (Twitter): [https://twitter.com/i/status/1765432101234567890]",
				"Post (Facebook): [https://www.facebook.com/harbour/posts/12345]",
				"Video (TikTok): [https://www.tiktok.com/embed/v2/7301234567890123456]",
				"Ferries run as normal.",
			},
			// A generic frame title ("X Post") is not repeated as the line's label.
			absent: []string{"utm_source", "plugins/post.php", "X Post"},
		},
		{
			name:    "frames that show no post stay out",
			in:      `<p>Text.</p><iframe src="https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fharbour.example"></iframe><iframe src="https://platform.twitter.com/widgets/follow_button.html?screen_name=harbour"></iframe><iframe src="https://www.instagram.com/harbour/embed"></iframe>`,
			present: []string{"Text."},
			absent:  []string{"Post (", "facebook", "twitter", "instagram"},
		},
	})
}
