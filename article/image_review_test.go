package article

import "testing"

// The same photo at two addresses, decorations kept as pictures, and alt
// texts taken for captions when they are a title or a network's guess.

func TestSameImageAcrossCDNs(t *testing.T) {
	for _, tc := range []struct {
		a, b   string
		same   bool
		larger bool // a is a larger copy than b
	}{
		// Blogger and Google: a size segment, or "=s…" at the end.
		{"https://blogger.googleusercontent.com/img/b/R29v/AVvX/s1600/harbour.jpg", "https://blogger.googleusercontent.com/img/b/R29v/AVvX/s72-c/harbour.jpg", true, true},
		{"https://1.bp.blogspot.com/-abc/XYZ/AAA/def/s400/harbour.jpg", "https://1.bp.blogspot.com/-abc/XYZ/AAA/def/w640-h480/harbour.jpg", true, false},
		{"https://blogger.googleusercontent.com/img/b/R29v/AVvXsEh=s1600", "https://blogger.googleusercontent.com/img/b/R29v/AVvXsEh=w400-h300-c", true, true},
		// Cloudinary-style transformations, resizing proxies, size folders.
		{"https://res.example.com/image/upload/w_1600/v1700000000/quay.jpg", "https://res.example.com/image/upload/c_fill,w_600,h_400/v1700000000/quay.jpg", true, true},
		{"https://img.example.com/resize/600x/2026/quay.jpg", "https://img.example.com/resize/1200x/2026/quay.jpg", true, false},
		{"https://cdn.example.com/1200x800/2026/quay.jpg", "https://cdn.example.com/600x400/2026/quay.jpg", true, true},
		{"https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto,q_auto:good/https%3A%2F%2Fx.example%2Fa.png", "https://substackcdn.com/image/fetch/w_424,c_limit,f_webp/https%3A%2F%2Fx.example%2Fa.png", true, true},
		// WordPress: Photon's host and query, file name sizes.
		{"https://news.example/uploads/quay.jpg", "https://i0.wp.com/news.example/uploads/quay.jpg?w=600&ssl=1", true, true},
		{"https://news.example/uploads/quay-1024x683.jpg", "https://news.example/uploads/quay-300x200.jpg", true, true},
		{"https://news.example/uploads/quay-300x200.jpg", "https://news.example/uploads/quay-1024x683.jpg", true, false},
		// Wikimedia's thumbnails.
		{"https://upload.wikimedia.org/wikipedia/commons/a/ab/Quay.jpg", "https://upload.wikimedia.org/wikipedia/commons/thumb/a/ab/Quay.jpg/800px-Quay.jpg", true, true},
		// Two photos in one folder stay two.
		{"https://blogger.googleusercontent.com/img/b/R29v/AVvX/s400/harbour.jpg", "https://blogger.googleusercontent.com/img/b/R29v/AVvX/s400/quay.jpg", false, false},
		{"https://res.example.com/image/upload/w_600/quay.jpg", "https://res.example.com/image/upload/w_600/pier.jpg", false, false},
		{"https://cdn.example.com/600x400/2026/quay.jpg", "https://cdn.example.com/600x400/2025/quay.jpg", false, false},
		{"https://a.example/photos/quay.jpg", "https://b.example/photos/quay.jpg", false, false},
	} {
		if got := sameImage(tc.a, tc.b); got != tc.same {
			t.Errorf("sameImage(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
		if tc.same {
			if got := largerCopy(tc.a, tc.b); got != tc.larger {
				t.Errorf("largerCopy(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.larger)
			}
		}
	}
}

func TestSamePhotoTwiceIsOneFigure(t *testing.T) {
	const blog = "https://blogger.googleusercontent.com/img/b/R29v/AVvX/"
	runRules(t, []ruleCase{
		{
			name:    "a Blogger feed thumbnail and the body's copy",
			meta:    Meta{ImageURL: blog + "s72-c/harbour.jpg"},
			in:      `<p>The harbour this morning.</p><div class="separator"><a href="` + blog + `s1600/harbour.jpg"><img src="` + blog + `s400/harbour.jpg" width="400" height="300"></a></div><p>More text.</p>`,
			once:    []string{"harbour.jpg"},
			present: []string{blog + "s1600/harbour.jpg"},
			absent:  []string{"s72-c", "s400/"},
		},
		{
			name: "two sized copies: the larger stays, whichever comes first",
			in: `<p>Text.</p><p><img src="https://news.example/uploads/quay-300x200.jpg"></p><p><img src="https://news.example/uploads/quay-1024x683.jpg" alt="The quay after the storm, boats back at their moorings"></p>` +
				`<p>Between.</p><p><img src="https://res.example.com/image/upload/w_1600/pier.jpg"></p><p><img src="https://res.example.com/image/upload/c_fill,w_600,h_400/pier.jpg"></p>`,
			once:   []string{"quay-1024x683.jpg", "w_1600/pier.jpg", "The quay after the storm"},
			absent: []string{"quay-300x200", "w_600"},
		},
		{
			name:    "Photon's copy and the original",
			in:      `<p>Text.</p><p><img src="https://i0.wp.com/news.example/uploads/quay.jpg?w=600&amp;ssl=1"></p><p><img src="https://news.example/uploads/quay.jpg"></p>`,
			once:    []string{"quay.jpg"},
			present: []string{"(https://news.example/uploads/quay.jpg)"},
		},
		{
			name: "two photos of one folder stay two",
			meta: Meta{ImageURL: blog + "s72-c/harbour.jpg"},
			in: `<p>Text.</p><p><img src="` + blog + `s400/harbour.jpg"></p><p><img src="` + blog + `s400/quay.jpg"></p>` +
				`<p><img src="https://cdn.example.com/600x400/pier.jpg"></p><p><img src="https://cdn.example.com/600x400/beach.jpg"></p>`,
			once: []string{"s400/harbour.jpg", "s400/quay.jpg", "600x400/pier.jpg", "600x400/beach.jpg"},
		},
	})
}

func TestDecorationsReview(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "avatars by their own class or their wrapper's",
			in: `<p>Story text.</p><img class="author-profile-image" src="https://blog.example/content/images/2024/05/jo.jpg" alt="Jo Bloggs">` +
				`<div class="author-avatar"><img src="https://blog.example/uploads/jo-portrait.jpg" alt="Jo Bloggs"></div>` +
				`<figure class="avatar"><img src="https://blog.example/uploads/ann.jpg"></figure>` +
				`<span class="byline-avatar"><a href="/author/kim"><img src="https://blog.example/uploads/kim.jpg" alt="Kim"></a></span><p>More text.</p>`,
			present: []string{"Story text.", "More text."},
			absent:  []string{"jo.jpg", "jo-portrait", "ann.jpg", "kim.jpg", "Image"},
		},
		{
			name: "favicons",
			in: `<p>Sources: <img src="https://icons.duckduckgo.com/ip3/news.example.ico"> News, <img src="https://www.google.com/s2/favicons?domain=https://radio.example/&amp;sz=64"> Radio, ` +
				`<img src="https://blog.example/favicon.ico"> Blog, <img src="https://wiki.example/static/favicon-32x32.png"> Wiki.</p>`,
			present: []string{"Sources: News, Radio, Blog, Wiki."},
			absent:  []string{"duckduckgo", "s2/favicons", ".ico", "favicon-32"},
		},
		{
			name: "a network's icon in a share link or small",
			in: `<p>Story text.</p><p><a href="https://twitter.com/intent/tweet?url=https://news.example/a"><img src="https://news.example/plugins/share/img/twitter.png" alt="Twitter"></a>` +
				`<a href="https://www.facebook.com/sharer/sharer.php?u=https://news.example/a"><img src="https://news.example/plugins/share/icons/facebook.svg" alt="Facebook"></a>` +
				`<img src="https://news.example/img/icon-linkedin.png" width="24" alt="">` +
				`<a href="mailto:?subject=a"><img src="https://news.example/img/email.png" alt="Share via email"></a></p>`,
			present: []string{"Story text."},
			absent:  []string{"twitter.png", "facebook.svg", "linkedin", "email.png", "Image"},
		},
		{
			name: "photos about a network stay",
			in: `<p>Story text.</p><p><img src="https://news.example/uploads/twitter-hq.jpg" alt="Protesters outside Twitter's headquarters on Market Street" width="1200" height="800"></p>` +
				`<p><img src="https://news.example/uploads/facebook.jpg" alt="Facebook" width="1200" height="675"></p>` +
				`<div class="profile"><img src="https://news.example/uploads/mayor-portrait.jpg" alt="The mayor in her office on Tuesday"></div>` +
				`<p><a href="https://www.instagram.com/p/Cx1/"><img src="https://news.example/uploads/beach-party.jpg" alt="Instagram" width="1080" height="1080"></a></p>`,
			present: []string{"twitter-hq.jpg", "*Protesters outside Twitter's headquarters on Market Street*", "uploads/facebook.jpg", "mayor-portrait.jpg", "beach-party.jpg"},
		},
		{
			name: "a smiley leaves its text, ASCII or not",
			in: `<p>That went well <img alt=":)" class="wp-smiley" src="https://blog.example/wp-includes/images/smilies/simple-smile.png"> really` +
				` <img src="https://forum.example/images/wink.gif" width="15" height="15" alt=";-)">` +
				` <img class="wp-smiley" alt=":mrgreen:" src="https://blog.example/wp-includes/images/smilies/mrgreen.png"> <img class="emoji" alt="🎉" src="https://s.w.org/images/core/emoji/15.0.3/svg/1f389.svg"></p>`,
			present: []string{"That went well :) really ;-) :mrgreen: 🎉"},
			absent:  []string{"smilies", "wink.gif"},
		},
		{
			name:    "an icon's word does not become text",
			in:      `<p>Print this page <img src="https://news.example/icons/print.png" alt="Print"> or share it <img src="https://news.example/img/rss.png" alt="RSS" width="16" height="16">.</p>`,
			present: []string{"Print this page or share it ."},
			absent:  []string{"Print this page Print", "RSS"},
		},
	})
}

func TestAltTextThatIsNoCaption(t *testing.T) {
	const title = "Harbour reopens after the storm"
	runRules(t, []ruleCase{
		{
			name: "the title with the site's name",
			meta: Meta{Title: title},
			in: `<p>Story text.</p><p><img src="https://news.example/a.jpg" alt="Harbour reopens after the storm | Kelpie Bay Gazette"></p>` +
				`<p><img src="https://news.example/b.jpg" alt="Kelpie Bay Gazette - Harbour Reopens After The Storm"></p>` +
				`<p><img src="https://news.example/c.jpg" alt="Harbour reopens after the storm — News — Kelpie Bay"></p>`,
			present: []string{"a.jpg", "b.jpg", "c.jpg"},
			absent:  []string{"*Harbour", "*Kelpie", "Gazette"},
		},
		{
			name:    "the title names the site, the alt is the bare title",
			meta:    Meta{Title: "Harbour reopens after the storm | Kelpie Bay Gazette"},
			in:      `<p>Story text.</p><p><img src="https://news.example/a.jpg" alt="Harbour reopens after the storm"></p>`,
			present: []string{"a.jpg"},
			absent:  []string{"*Harbour"},
		},
		{
			name: "Facebook's and Instagram's guesses",
			in: `<p>Story text.</p><p><img src="https://news.example/a.jpg" alt="May be an image of 2 people, people smiling and text"></p>` +
				`<p><img src="https://news.example/b.jpg" alt="Image may contain: 3 people, people standing, ocean and outdoor"></p>` +
				`<p><img src="https://news.example/c.jpg" alt="No photo description available."></p>` +
				`<p><img src="https://news.example/d.jpg" alt="Photo by Kelpie Bay Gazette on March 3, 2026. May be an image of boat and body of water."></p>`,
			present: []string{"a.jpg", "b.jpg", "c.jpg", "d.jpg"},
			absent:  []string{"*May be", "*Image may", "*No photo", "*Photo by"},
		},
		{
			name: "captions that start like the title or say may be stay",
			meta: Meta{Title: title},
			in: `<p>Story text.</p><p><img src="https://news.example/a.jpg" alt="Harbour reopens after the storm as the first trawler leaves at dawn"></p>` +
				`<p><img src="https://news.example/b.jpg" alt="Harbour reopens after the storm - boats return to the quay after a week of repairs at the yard"></p>` +
				`<p><img src="https://news.example/c.jpg" alt="A photo that may be the oldest of the harbour, taken in 1890"></p>`,
			present: []string{
				"*Harbour reopens after the storm as the first trawler leaves at dawn*",
				"*Harbour reopens after the storm - boats return to the quay after a week of repairs at the yard*",
				"*A photo that may be the oldest of the harbour, taken in 1890*",
			},
		},
	})
}
