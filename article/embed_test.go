package article

import "testing"

func TestEmbedsLeaveALine(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "players of known hosts",
			meta: Meta{Link: "https://news.example/2026/story"},
			in: `<p>Watch the launch in the video above.</p>` +
				`<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/aBcD3fGh1jK?rel=0" title="YouTube video player" allowfullscreen></iframe>` +
				`<p><iframe src="//player.vimeo.com/video/123456789?h=ab" width="640"></iframe></p>` +
				`<iframe src="https://videos.example.org/videos/embed/9c9de5e8-0a1b-4f3c-8d2e-1234567890ab"></iframe>` +
				`<iframe src="https://w.soundcloud.com/player/?url=https%3A//soundcloud.com/band/track-one&amp;color=ff5500"></iframe>` +
				`<iframe src="https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk"></iframe>` +
				`<video controls poster="/media/poster.jpg"><source src="/media/harbour.mp4" type="video/mp4"></video>` +
				`<audio controls src="https://cdn.example/ep12.mp3"></audio>` +
				`<object width="425" height="355"><param name="movie" value="http://www.youtube.com/v/Zx9yW8vU7tS"><embed src="http://www.youtube.com/v/Zx9yW8vU7tS" type="application/x-shockwave-flash"></object>`,
			present: []string{
				"Video (YouTube): [https://www.youtube.com/watch?v=aBcD3fGh1jK](https://www.youtube.com/watch?v=aBcD3fGh1jK)",
				"Video (Vimeo): [https://vimeo.com/123456789]",
				"Video (PeerTube): [https://videos.example.org/w/9c9de5e8-0a1b-4f3c-8d2e-1234567890ab]",
				"Audio (SoundCloud): [https://soundcloud.com/band/track-one]",
				"Audio (Spotify): [https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk]",
				"Video: [https://news.example/media/harbour.mp4]",
				"Audio: [https://cdn.example/ep12.mp3]",
				"Video (YouTube): [https://www.youtube.com/watch?v=Zx9yW8vU7tS]",
			},
			once: []string{"Zx9yW8vU7tS](", "Watch the launch"},
		},
		{
			name:    "frames that are not players stay out",
			in:      `<p>Text.</p><iframe src="https://ads.example/slot?id=3"></iframe><iframe src="https://www.facebook.com/plugins/like.php?href=x"></iframe><iframe src="javascript:alert(1)"></iframe>`,
			present: []string{"Text."},
			absent:  []string{"ads.example", "facebook", "javascript", "Video", "Audio"},
		},
	})
}
