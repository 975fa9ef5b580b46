package article

import "testing"

func TestAltTextCaptionsOnlyWhenItSaysSomething(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "alt texts that say nothing",
			meta: Meta{Title: "Harbour reopens after storm"},
			in: `<p>Text of the story, long enough to be one.</p>` +
				`<p><img src="https://news.example/img/a.jpg" alt="Harbour reopens after storm"></p>` +
				`<p><img src="https://news.example/img/fishing-boats-at-the-quay-1024x683.jpg" alt="fishing boats at the quay"></p>` +
				`<p><img src="https://news.example/img/c.jpg" alt="Featured image for the harbour story"></p>` +
				`<p><img src="https://news.example/img/d.jpg" alt="IMG_2041 (1)"></p>` +
				`<p><img src="https://news.example/img/e.jpg" alt="hero image"></p>`,
			present: []string{"Text of the story", "a.jpg", "fishing-boats-at-the-quay-1024x683.jpg", "c.jpg", "d.jpg", "e.jpg"},
			absent:  []string{"*Harbour reopens after storm*", "*fishing boats at the quay*", "Featured image", "IMG_2041", "hero image"},
		},
		{
			name:    "alt text that describes the photo is its caption",
			meta:    Meta{Title: "Harbour reopens after storm"},
			in:      `<p>Text.</p><p><img src="https://news.example/img/dawn.jpg" alt="The first trawler leaves the harbour at dawn on Tuesday"></p>`,
			present: []string{"*The first trawler leaves the harbour at dawn on Tuesday*"},
		},
		{
			name: "the same photo at two sizes is one figure, the larger",
			in: `<p>Text.</p><p><a href="https://news.example/uploads/2026/02/quay.jpg"><img src="https://news.example/uploads/2026/02/quay-300x200.jpg" alt=""></a></p>` +
				`<p><img src="https://news.example/uploads/2026/02/quay.jpg?w=1200" alt="The quay after the storm, with boats back at their moorings"></p>`,
			once:    []string{"uploads/2026/02/quay.jpg?w=1200)", "The quay after the storm"},
			absent:  []string{"quay-300x200.jpg"},
			present: []string{"Text."},
		},
	})
}
