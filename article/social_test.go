package article

import "testing"

func TestSocialEmbedsAreQuotes(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a tweet: text, then its author and date on a line of their own",
			in: `<p>The mayor answered at once.</p><blockquote class="twitter-tweet" data-dnt="true"><p lang="en" dir="ltr">The ferry runs all winter. Thanks to everyone who wrote in! <a href="https://t.co/abc123">pic.twitter.com/abc123</a></p>&mdash; Mayor of Hawsker (@hawskermayor) <a href="https://twitter.com/hawskermayor/status/1790000000000000000?ref_src=twsrc%5Etfw">March 3, 2026</a></blockquote>` +
				`<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`,
			present: []string{"> The ferry runs all winter. Thanks to everyone who wrote in!", "> — Mayor of Hawsker (@hawskermayor) [March 3, 2026](https://twitter.com/hawskermayor/status/1790000000000000000"},
			once:    []string{"The ferry runs all winter"},
		},
		{
			name: "an Instagram card loses its chrome and keeps its author",
			in: `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/Cx1/"><div><a href="https://www.instagram.com/p/Cx1/"><div></div><div>View this post on Instagram</div></a>` +
				`<p>First light over the bay this morning.</p><p><a href="https://www.instagram.com/p/Cx1/">A post shared by Lena Holm (@lenaholm)</a></p><a href="https://www.instagram.com/p/Cx1/">Follow</a> <span>1,204 likes</span></div></blockquote>`,
			present: []string{"> First light over the bay this morning.", "> — Lena Holm (@lenaholm)"},
			absent:  []string{"View this post", "Follow", "likes", "[](", "A post shared by"},
		},
		{
			name: "an ordinary quote is left alone",
			in:   `<blockquote><p>Share what you have, the old sailors said.</p><p>Follow</p></blockquote>`,
			// "Follow" is a card's chrome only in a card: here it stays in the quote.
			present: []string{"> Share what you have, the old sailors said.\n>\n> Follow"},
		},
	})
}
