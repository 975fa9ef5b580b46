package article

import (
	"strings"
	"testing"
)

// Whole-page rules on small pages shaped like a blog or a local paper's:
// a site header with navigation, an article with its own header (title,
// date, author) and body, a footer. Each case holds a negative (article
// text that must stay) and, where the rule was made for chrome, a positive
// (the chrome still goes).

// reviewPage is a whole page: head is added to <head>, header to the
// article's header under its <h1>, body to the article's body, after
// after the body (inside the article).
func reviewPage(head, header, body, after string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
		`<title>Notes from the harbour | Kelp &amp; Tide</title>` + head + `</head><body>
<header class="site-header"><a class="logo" href="https://kelp.example/">Kelp &amp; Tide</a>
<nav><ul><li><a href="https://kelp.example/news/">News</a></li><li><a href="https://kelp.example/walks/">Walks</a></li><li><a href="https://kelp.example/about/">About</a></li></ul></nav></header>
<main id="content"><article class="post">
<div class="post-top"><h1 class="post-title">Notes from the harbour</h1>` + header + `</div>
<div class="post-body">` + body + `</div>` + after + `
</article></main>
<footer class="site-footer"><p>Kelp &amp; Tide is a small website about the west coast.</p><ul><li><a href="https://kelp.example/privacy/">Privacy</a></li><li><a href="https://kelp.example/contact/">Contact</a></li></ul></footer>
</body></html>`
}

// reviewLink is the address of the page reviewPage builds.
const reviewLink = "https://kelp.example/2025/04/notes-from-the-harbour/"

// reviewText is prose long enough for readability to take the article.
var reviewText = []string{
	"The harbour master opened the new slipway on Saturday morning, a year later than planned, after a winter of storms that twice washed away the shuttering before the concrete had set.",
	"Boat owners who had been launching from the beach at low tide said the difference was enormous, and several of them were out on the water within an hour of the ribbon being cut.",
	"The work cost a little under two hundred thousand pounds, most of it raised by the harbour trust through a decade of raffles, ceilidhs and sponsored swims across the bay.",
	"Next year the trust hopes to rebuild the old fish store at the end of the pier as a place where visiting crews can dry their gear and shelter from the weather.",
}

type reviewCase struct {
	name                 string
	head, header         string
	body, after          string
	meta                 Meta
	present, absent      []string
	keepText             bool // every reviewText paragraph must stay
	noTextCheckForHeader bool
}

func runReview(t *testing.T, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.meta
			if m.Link == "" {
				m.Link = reviewLink
			}
			d, err := FromPage(reviewPage(tc.head, tc.header, tc.body, tc.after), m)
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			checkContains(t, md, tc.present, tc.absent, nil)
			if tc.keepText {
				for _, p := range reviewText {
					if strings.Contains(tc.body, p) && !strings.Contains(md, p) {
						t.Errorf("body paragraph lost: %q\n%s", p, md)
					}
				}
			}
			checkInvariants(t, md)
		})
	}
}

func img(name string, w, h int) string {
	return `<img src="https://kelp.example/wp-content/uploads/2025/04/` + name + `.jpg" width="` + itoa(w) + `" height="` + itoa(h) + `">`
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func TestReviewTailPictures(t *testing.T) {
	runReview(t, []reviewCase{
		{
			name: "a photo post's pictures after its one paragraph stay",
			body: `<p>` + reviewText[0] + ` ` + reviewText[1] + `</p>` +
				`<p>` + img("slipway-1", 1200, 800) + `</p>` +
				`<figure class="wp-block-image">` + img("slipway-2", 1200, 800) + `</figure>` +
				`<p><a href="https://kelp.example/wp-content/uploads/2025/04/slipway-3-full.jpg">` + img("slipway-3", 1200, 800) + `</a></p>`,
			present:  []string{"slipway-1.jpg", "slipway-2.jpg", "slipway-3.jpg"},
			keepText: true,
		},
		{
			name: "a photo post with a one-line intro keeps its photos",
			body: `<p>Opening day at the slipway.</p>` +
				`<figure>` + img("open-1", 1024, 683) + `</figure><figure>` + img("open-2", 1024, 683) + `</figure>`,
			present: []string{"Opening day at the slipway.", "open-1.jpg", "open-2.jpg"},
		},
		{
			name: "a picture linking to another story, a portrait and a badge after the text go",
			body: strings.Join(wrapP(reviewText), "") +
				`<p><a href="https://kelp.example/2025/03/harbour-wall-repairs/">` + img("harbour-wall", 1200, 800) + `</a></p>` +
				`<p>` + img("author-portrait", 96, 96) + `</p>` +
				`<p><img src="https://kelp.example/badges/member-88x31.png" width="88" height="31"></p>`,
			present:  []string{reviewText[3]},
			absent:   []string{"harbour-wall", "author-portrait", "member-88x31"},
			keepText: true,
		},
	})
}

func wrapP(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = "<p>" + p + "</p>"
	}
	return out
}

func TestReviewTailLines(t *testing.T) {
	paras := strings.Join(wrapP(reviewText), "")
	runReview(t, []reviewCase{
		{
			name:     "a last sentence with a link and a promotion word inside stays",
			body:     paras + `<p>Fans who want to follow her progress can track the boat on the <a href="https://race.example/tracker">race website</a>.</p>`,
			present:  []string{"follow her progress", "[race website]"},
			keepText: true,
		},
		{
			name:     "a newsletter named inside a sentence stays",
			body:     paras + `<p>The plans will appear in the council's <a href="https://council.example/news">residents' newsletter</a> next month.</p>`,
			present:  []string{"residents' newsletter"},
			keepText: true,
		},
		{
			name: "promotions that are the whole line's point still go",
			body: paras + `<p><em>Follow us on <a href="https://social.example/kelp">Instagram</a> for more from the coast.</em></p>` +
				`<p>Enjoyed this? <a href="https://kelp.example/newsletter/">Sign up for our newsletter</a>.</p>`,
			absent:   []string{"Follow us", "Sign up"},
			keepText: true,
		},
		{
			name:     "a letter's sign-off and name stay",
			body:     `<p>Dear Editor,</p>` + paras + `<p>Yours faithfully,</p><p>Margaret Hale</p>`,
			present:  []string{"Yours faithfully,", "Margaret Hale"},
			keepText: true,
		},
		{
			name:     "an op-ed's closing name stays",
			body:     paras + `<p><em>Margaret Hale</em></p>`,
			present:  []string{"Margaret Hale"},
			keepText: true,
		},
		{
			name:     "a first name under a closing formula stays",
			body:     paras + `<p>Best wishes,</p><p>Tom</p>`,
			present:  []string{"Best wishes,", "Tom"},
			keepText: true,
		},
		{
			name:     "following a person's progress is no promotion",
			body:     paras + `<p>You can follow her progress on the <a href="https://race.example/tracker">race tracker</a>.</p>`,
			present:  []string{"follow her progress"},
			keepText: true,
		},
		{
			name:     "a short chrome line after the text still goes",
			body:     paras + `<p>Share</p><p>Related Posts</p>`,
			absent:   []string{"Share", "Related Posts"},
			keepText: true,
		},
		{
			name:     "a source line stays",
			body:     paras + `<p>Source: Registers of Scotland, monthly house price statistics</p>`,
			present:  []string{"Source: Registers of Scotland, monthly house price statistics"},
			keepText: true,
		},
		{
			name: "download links that end a how-to stay",
			body: paras + `<p>Pick the installer for your system:</p>` +
				`<p><a href="https://go.example/dl/go1.22.0.windows-amd64.msi">Download Go 1.22 for Windows</a></p>` +
				`<p><a href="https://go.example/dl/go1.22.0.darwin-arm64.pkg">Download Go 1.22 for macOS</a></p>`,
			present:  []string{"Download Go 1.22 for Windows", "Download Go 1.22 for macOS"},
			keepText: true,
		},
		{
			name: "steps of a how-to linking to the site's pages stay",
			body: paras + `<p>When the installer has finished:</p>` +
				`<p><a href="https://kelp.example/tools/tides/">Open the tide tables for your harbour</a></p>` +
				`<p><a href="https://kelp.example/tools/tides/alerts/">Set up an alert for spring tides</a></p>`,
			present:  []string{"Open the tide tables", "Set up an alert"},
			keepText: true,
		},
		{
			name: "a reading list of other sites that ends the article stays",
			body: paras + `<h3>Further reading</h3><ul>` +
				`<li><a href="https://tides.example/why-tables-are-wrong">Why the tide tables are wrong every spring</a></li>` +
				`<li><a href="https://boats.example/slipways">A short history of the west coast slipway</a></li></ul>`,
			present:  []string{"Further reading", "Why the tide tables", "west coast slipway"},
			keepText: true,
		},
		{
			name: "a list of the site's other stories that ends the article still goes",
			body: paras + `<h3>More from Kelp &amp; Tide</h3><ul>` +
				`<li><a href="https://kelp.example/2025/03/harbour-wall-repairs/">Harbour wall repairs to begin next month</a></li>` +
				`<li><a href="/2025/02/lifeboat-crew-honoured/">Lifeboat crew honoured for winter rescue</a></li></ul>`,
			absent:   []string{"More from", "Harbour wall", "Lifeboat crew"},
			keepText: true,
		},
		{
			name: "teasers to the site's other stories after the text still go",
			body: paras,
			after: `<div class="more">` +
				`<p><a href="https://kelp.example/2025/03/harbour-wall-repairs/">` + img("wall", 400, 260) + `</a></p>` +
				`<p><a href="https://kelp.example/2025/03/harbour-wall-repairs/">Harbour wall repairs to begin next month</a></p>` +
				`<p><a href="https://kelp.example/2025/02/lifeboat-crew-honoured/">Lifeboat crew honoured for winter rescue</a></p></div>`,
			absent:   []string{"Harbour wall repairs", "Lifeboat crew", "wall.jpg"},
			keepText: true,
		},
	})
}

func TestReviewDates(t *testing.T) {
	runReview(t, []reviewCase{
		{
			name: "a diary's date headings stay",
			body: `<p><strong>March 3, 2025</strong></p><p>` + reviewText[0] + `</p><p>` + reviewText[1] + `</p>` +
				`<p><strong>March 4, 2025</strong></p><p>` + reviewText[2] + `</p><p>` + reviewText[3] + `</p>`,
			present:  []string{"March 3, 2025", "March 4, 2025"},
			keepText: true,
		},
		{
			name: "a live blog's time stamps stay",
			body: `<p>10:42</p><p>` + reviewText[0] + `</p><p>11:15</p><p>` + reviewText[1] + `</p>` +
				`<p>11:58</p><p>` + reviewText[2] + `</p>`,
			present:  []string{"10:42", "11:15", "11:58"},
			keepText: true,
		},
		{
			name:     "a date inside the text stays",
			body:     `<p>` + reviewText[0] + `</p><p>` + reviewText[1] + `</p><p>12 March 2025</p><p>` + reviewText[2] + `</p>`,
			present:  []string{"12 March 2025"},
			keepText: true,
		},
		{
			name: "a live blog's stamps in posts of their own stay",
			body: `<div class="entry"><p><strong>10:42</strong></p><p>` + reviewText[0] + `</p></div>` +
				`<div class="entry"><p><strong>11:15</strong></p><p>` + reviewText[1] + `</p></div>` +
				`<div class="entry"><p><strong>11:58</strong></p><p>` + reviewText[2] + `</p></div>`,
			present:  []string{"10:42", "11:15", "11:58"},
			keepText: true,
		},
		{
			name:     "a labelled date line after the text still goes",
			body:     strings.Join(wrapP(reviewText), "") + `<p>Last updated: April 3, 2025</p>`,
			absent:   []string{"Last updated"},
			keepText: true,
		},
		{
			name:     "the header's date line still goes",
			header:   `<p class="post-date">April 2, 2025</p>`,
			body:     strings.Join(wrapP(reviewText), ""),
			absent:   []string{"April 2, 2025"},
			keepText: true,
		},
		{
			name:     "a date line above the text inside the body still goes",
			body:     `<p>Updated April 2, 2025 10:02</p>` + strings.Join(wrapP(reviewText), ""),
			absent:   []string{"10:02"},
			keepText: true,
		},
	})
}

func TestReviewHeader(t *testing.T) {
	paras := strings.Join(wrapP(reviewText), "")
	runReview(t, []reviewCase{
		{
			name:     "a recipe's serving and timing lines stay",
			body:     `<p>Serves 4</p><p>Takes 30 minutes, plus chilling</p>` + paras,
			present:  []string{"Serves 4", "Takes 30 minutes, plus chilling"},
			keepText: true,
		},
		{
			name:     "more recipe lines stay",
			body:     `<p>Prep time: 15 mins</p><p>Makes 12 biscuits</p><p>Serves 4-6</p>` + paras,
			present:  []string{"Prep time: 15 mins", "Makes 12 biscuits", "Serves 4-6"},
			keepText: true,
		},
		{
			name:     "a date and byline line goes when the byline names its author",
			head:     `<meta name="author" content="Ruth Okafor">`,
			header:   `<p class="post-meta">April 2, 2025 by Ruth Okafor</p>`,
			body:     paras,
			present:  []string{"By Ruth Okafor"},
			absent:   []string{"April 2, 2025 by"},
			keepText: true,
		},
		{
			name:     "a date and byline line goes when the meta has its date",
			head:     `<meta property="article:published_time" content="2025-04-02T09:00:00+01:00">`,
			header:   `<p class="post-meta">April 2, 2025 by Ruth Okafor</p>`,
			body:     paras,
			absent:   []string{"by Ruth Okafor"},
			keepText: true,
		},
		{
			name:     "a date and byline line inside the body goes too",
			head:     `<meta name="author" content="Ruth Okafor">`,
			body:     `<p>2 April 2025 by Ruth Okafor</p>` + paras,
			absent:   []string{"2 April 2025 by"},
			keepText: true,
		},
		{
			name: "reading times and listen buttons at the top go",
			header: `<p class="meta">Reading time: 4 minutes</p><p>4 min read</p>` +
				`<p>Listen to this article</p><p>Listen to this article · 6 min</p>`,
			body:     paras,
			absent:   []string{"Reading time", "min read", "Listen to this article"},
			keepText: true,
		},
		{
			name:     "a date, a byline and a section on one line go",
			head:     `<meta name="author" content="Ruth Okafor">`,
			header:   `<p class="post-meta">on April 2, 2025 · by Ruth Okafor in News</p>`,
			body:     paras,
			absent:   []string{"April 2, 2025", "in News"},
			keepText: true,
		},
		{
			name:     "reading times written otherwise go",
			header:   `<p>⏱ 6 min read</p><p>4 minute read</p><p>Listen to article (5 min)</p><p>Estimated reading time: 7 minutes</p>`,
			body:     paras,
			absent:   []string{"min read", "minute read", "Listen", "reading time"},
			keepText: true,
		},
		{
			name:     "reading times in the body's first lines go",
			body:     `<p>Reading time: 4 minutes</p><p>Listen to this article 5:12</p><p>3 min read</p>` + paras,
			absent:   []string{"Reading time", "min read", "Listen to this article"},
			keepText: true,
		},
		{
			name:     "section labels above the text still go",
			body:     `<p>Local News</p><p>Opinion Columnist</p>` + paras,
			absent:   []string{"Local News", "Opinion Columnist"},
			keepText: true,
		},
	})
}

func TestReviewTeasers(t *testing.T) {
	paras := wrapP(reviewText)
	walk := func(name, title, line string) string {
		return img(name, 1200, 800) + `<h3>` + title + `</h3><p>` + line + `</p>`
	}
	rail := func(n string) string {
		return `<div class="card"><a href="https://kelp.example/2025/03/story-` + n + `/">` + img("thumb-"+n, 300, 200) + `</a>` +
			`<h3><a href="https://kelp.example/2025/03/story-` + n + `/">STORY ` + n + `</a></h3>` +
			`<p><a href="https://kelp.example/2025/03/story-` + n + `/">Another story about something else entirely ` + n + `</a></p></div>`
	}
	runReview(t, []reviewCase{
		{
			name: "a reading list in the middle of the text stays",
			body: paras[0] + paras[1] + `<p>If you want to go deeper, these are the pieces I keep coming back to:</p>` +
				`<ul><li><a href="https://tides.example/why-tables-are-wrong">Why the tide tables are wrong every spring</a></li>` +
				`<li><a href="https://boats.example/slipways">A short history of the west coast slipway</a></li>` +
				`<li><a href="https://kelp.example/2024/11/net-loft/">What to do with a disused net loft</a></li></ul>` + paras[2] + paras[3],
			present:  []string{"Why the tide tables", "history of the west coast slipway", "disused net loft"},
			keepText: true,
		},
		{
			name: "a listicle of walks in the middle of the text stays",
			body: paras[0] + paras[1] +
				walk("storr", "The Old Man of Storr", "Two hours there and back from the car park") +
				walk("quiraing", "The Quiraing", "A three hour loop along the ridge and back") +
				walk("fairy-pools", "The Fairy Pools", "An easy hour along the river from the road") +
				paras[2] + paras[3],
			present:  []string{"The Old Man of Storr", "Two hours there and back", "The Quiraing", "The Fairy Pools", "storr.jpg"},
			keepText: true,
		},
		{
			name: "a listicle of walks that ends the article stays",
			body: paras[0] + paras[1] + paras[2] +
				walk("storr", "The Old Man of Storr", "Two hours there and back from the car park") +
				walk("quiraing", "The Quiraing", "A three hour loop along the ridge and back") +
				walk("fairy-pools", "The Fairy Pools", "An easy hour along the river from the road"),
			present:  []string{"The Old Man of Storr", "Two hours there and back", "The Fairy Pools", "fairy-pools.jpg"},
			keepText: true,
		},
		{
			name: "a listicle whose headings link to the site's pages stays in the text",
			body: paras[0] + paras[1] +
				img("storr", 1200, 800) + `<h3><a href="/walks/storr/">The Old Man of Storr</a></h3><p>Two hours there and back from the car park</p>` +
				img("quiraing", 1200, 800) + `<h3><a href="/walks/quiraing/">The Quiraing</a></h3><p>A three hour loop along the ridge and back</p>` +
				img("pools", 1200, 800) + `<h3><a href="/walks/fairy-pools/">The Fairy Pools</a></h3><p>An easy hour along the river from the road</p>` +
				paras[2] + paras[3],
			present:  []string{"The Old Man of Storr", "Two hours there and back", "The Fairy Pools", "pools.jpg"},
			keepText: true,
		},
		{
			name: "a listicle whose headings link to the site's pages stays at the end",
			body: paras[0] + paras[1] + paras[2] +
				img("storr", 1200, 800) + `<h3><a href="/walks/storr/">The Old Man of Storr</a></h3><p>Two hours there and back from the car park</p>` +
				img("quiraing", 1200, 800) + `<h3><a href="/walks/quiraing/">The Quiraing</a></h3><p>A three hour loop along the ridge and back</p>` +
				img("pools", 1200, 800) + `<h3><a href="/walks/fairy-pools/">The Fairy Pools</a></h3><p>An easy hour along the river from the road</p>`,
			present:  []string{"The Old Man of Storr", "Two hours there and back", "The Fairy Pools", "pools.jpg"},
			keepText: true,
		},
		{
			name:     "a rail of teaser cards linking to other stories still goes",
			body:     paras[0] + paras[1] + paras[2] + paras[3],
			after:    `<div class="most-read">` + rail("1") + rail("2") + rail("3") + `</div>`,
			absent:   []string{"STORY", "Another story", "thumb-"},
			keepText: true,
		},
	})
}
