package article

import (
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/sanitize"
)

// ruleCase is one input and what its Markdown must and must not hold.
type ruleCase struct {
	name    string
	in      string // HTML fragment, or text when text is set
	text    bool
	meta    Meta
	once    []string
	present []string
	absent  []string
}

func runRules(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var d *Document
			if tc.text {
				d = FromText(tc.in, tc.meta)
			} else {
				d = FromHTML(tc.in, tc.meta)
			}
			md := d.Markdown()
			checkContains(t, md, tc.present, tc.absent, tc.once)
			checkInvariants(t, md)
		})
	}
}

func TestCaptions(t *testing.T) {
	const cap = "Firefighters battle a blaze at a warehouse in Valencia on Sunday"
	runRules(t, []ruleCase{
		{
			name:    "alt, figcaption and following paragraph",
			in:      `<figure><img src="https://x.example/a.jpg" alt="` + cap + `"><figcaption>` + cap + ` © JOSE JORDAN - AFP</figcaption></figure><p>` + cap + `</p><p>Body text follows here.</p>`,
			once:    []string{"Firefighters battle", "Photo: JOSE JORDAN / AFP"},
			present: []string{"[Image](https://x.example/a.jpg)\n\n*" + cap + "* — Photo: JOSE JORDAN / AFP", "Body text follows here."},
			absent:  []string{"![", "©"},
		},
		{
			name: "differing by case and punctuation",
			in:   `<p><img src="https://x.example/a.jpg" alt="FIREFIGHTERS battle a blaze at a warehouse in Valencia, on Sunday."></p><p>` + cap + `. Photo: Jose Jordan/AFP</p><p>Next.</p>`,
			once: []string{"battle a blaze", "Photo: Jose Jordan / AFP"},
		},
		{
			name:    "preceding paragraph",
			in:      `<p>` + cap + `</p><figure><img src="https://x.example/a.jpg"><figcaption>` + cap + `</figcaption></figure><p>Body.</p>`,
			once:    []string{"battle a blaze"},
			present: []string{"[Image](https://x.example/a.jpg)\n\n*" + cap + "*\n\nBody."},
		},
		{
			name:    "credit only line after the image",
			in:      `<figure><img src="https://x.example/a.jpg"><figcaption>` + cap + `</figcaption></figure><p>Credit: Ana Ruiz/EFE</p><p>Body.</p>`,
			present: []string{"*" + cap + "* — Photo: Ana Ruiz / EFE"},
		},
		{
			name:    "Guardian photograph credit",
			in:      `<figure><img src="https://x.example/a.jpg"><figcaption>A heron at dawn. Photograph: Sam Lee/The Guardian</figcaption></figure>`,
			present: []string{"*A heron at dawn.* — Photo: Sam Lee / The Guardian"},
		},
		{
			name:    "BBC labels",
			in:      `<figure><span>Image source, Getty Images</span><img src="https://x.example/a.jpg"><figcaption><span>Image caption, </span>A heron at dawn</figcaption></figure>`,
			present: []string{"*A heron at dawn* — Photo: Getty Images"},
			absent:  []string{"Image caption", "Image source"},
		},
		{
			name:    "BBC labels as text lines",
			in:      "Image source, Getty Images\nImage caption, A heron at dawn\nThe body starts here.",
			text:    true,
			present: []string{"*A heron at dawn* — Photo: Getty Images\n\nThe body starts here."},
			absent:  []string{"Image caption", "Image source"},
		},
		{
			name:    "media credit from the feed",
			in:      `<p>Body.</p>`,
			meta:    Meta{ImageURL: "https://x.example/lead.jpg", ImageCaption: cap, ImageCredit: "JOSE JORDAN/AFP"},
			present: []string{"[Image](https://x.example/lead.jpg)\n\n*" + cap + "* — Photo: JOSE JORDAN / AFP\n\nBody."},
		},
		{
			name:    "media credit completes the body's figure",
			in:      `<figure><img src="https://x.example/lead.jpg?w=600"><figcaption>` + cap + `</figcaption></figure><p>Body.</p>`,
			meta:    Meta{ImageURL: "https://x.example/lead.jpg", ImageCredit: "Jose Jordan / AFP"},
			once:    []string{"[Image](", "battle a blaze"},
			present: []string{"— Photo: Jose Jordan / AFP"},
		},
		{
			name:    "credit without caption",
			in:      `<figure><img src="https://x.example/a.jpg"><figcaption>Photo: Reuters</figcaption></figure>`,
			present: []string{"[Image](https://x.example/a.jpg)\n\n*Photo: Reuters*"},
		},
		{
			name:    "sentence with a colon is not a credit",
			in:      `<figure><img src="https://x.example/a.jpg"><figcaption>The mayor, pictured: smiling at the crowd</figcaption></figure>`,
			present: []string{"*The mayor, pictured: smiling at the crowd*"},
		},
	})
}

func TestCaptionLabel(t *testing.T) {
	for in, want := range map[string]string{
		"Image caption, A heron at dawn": "A heron at dawn",
		"Media captionWho is he?":        "Who is he?",
		"Media captioning is hard":       "Media captioning is hard",
		"A heron at dawn":                "A heron at dawn",
	} {
		if got := stripCaptionLabel(in); got != want {
			t.Errorf("stripCaptionLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCredits(t *testing.T) {
	checkSplitCredit(t, []creditCase{
		{"Troops advance © AHMAD AL-RUBAYE - AFP", "Troops advance", "Photo: AHMAD AL-RUBAYE / AFP"},
		{"A heron. Photograph: Sam Lee/The Guardian", "A heron.", "Photo: Sam Lee / The Guardian"},
		{"Image source, Getty Images", "", "Photo: Getty Images"},
		{"Workers at the plant (Photo: Ann Lee/Reuters)", "Workers at the plant", "Photo: Ann Lee / Reuters"},
		{"Manifestants à Lyon. Photo : Jean DUPONT / AFP", "Manifestants à Lyon.", "Photo: Jean DUPONT / AFP"},
		{"Credit: Sam Smith", "", "Photo: Sam Smith"},
		{"Image copyright EPA", "", "Photo: EPA"},
		{"An artist's view of Europa (Image: © NASA/ESA)", "An artist's view of Europa", "Photo: NASA / ESA"},
		{"Home Depot shares fell. Photo by Robyn Beck/AFP via Getty Images", "Home Depot shares fell.", "Photo: Robyn Beck / AFP via Getty Images"},
		{"He said the photo: was taken at night", "He said the photo: was taken at night", ""},
		{"The firm said in an image: statement", "The firm said in an image: statement", ""},
	})
	if got := normCredit("JOSE JORDAN/AFP"); got != "Photo: JOSE JORDAN / AFP" {
		t.Errorf("normCredit = %q", got)
	}
}

func TestHeadings(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "crossheads",
			in:      `<p>Intro paragraph.</p><p>- First part -</p><p>Text one.</p><p>— Second part —</p><p>Text two.</p><p><strong>Third part</strong></p><p>Text three.</p><h3>Fourth</h3><p>Text four.</p>`,
			present: []string{"## First part\n\nText one.", "## Second part\n\nText two.", "## Third part\n\nText three.", "### Fourth\n\nText four."},
		},
		{
			name:    "h1 in the body becomes level 2",
			in:      `<p>Intro.</p><h1>A section</h1><p>Text.</p>`,
			meta:    Meta{Title: "The title"},
			present: []string{"# The title\n", "## A section"},
		},
		{
			name:    "title repeated as the first heading",
			in:      `<h1>Storm closes ports</h1><p>Text.</p><h2>Storm closes ports!</h2>`,
			meta:    Meta{Title: "Storm closes ports"},
			once:    []string{"Storm closes ports"},
			present: []string{"# Storm closes ports\n"},
		},
		{
			name:    "title repeated as the first paragraph",
			in:      `<p><b>Storm closes ports</b></p><p>Text of the story.</p>`,
			meta:    Meta{Title: "Storm Closes Ports"},
			once:    []string{"Storm"},
			present: []string{"# Storm Closes Ports\n"},
		},
		{
			name:    "title from the first h1 when the feed has none",
			in:      `<h1>Storm closes ports</h1><p>Text.</p>`,
			once:    []string{"Storm closes ports"},
			present: []string{"# Storm closes ports\n\nText."},
		},
		{
			name:    "title line after the caption lines in text",
			in:      "A crane at the port at dawn, on Monday\nA crane at the port at dawn, on Monday © EMMA LUND - AFP\nStorm closes ports\nText of the story.",
			text:    true,
			present: []string{"# Storm closes ports\n\n*A crane at the port at dawn, on Monday* — Photo: EMMA LUND / AFP\n\nText of the story."},
			once:    []string{"Storm closes ports"},
		},
		{
			name:    "markdown in the title is escaped",
			in:      `<p>Text.</p>`,
			meta:    Meta{Title: "# Why *this* [matters] <b>"},
			present: []string{"# \\# Why \\*this\\* \\[matters\\] \\<b>\n"},
		},
		{
			name:    "bold sentence is not a heading",
			in:      `<p><b>Police have closed the road.</b></p><p>Text.</p>`,
			present: []string{"**Police have closed the road.**"},
		},
	})
}

func TestBoilerplate(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "epoch and missing dates",
			in:   "Last updated: January 1, 1970\nPublished: 01/01/1970\nUpdated: 1970-01-01T00:00:00Z\nPosted on Thursday, 1 January 1970 00:00 UTC\nPublished:\nDate: 31 December 1969\nBody.",
			text: true, absent: []string{"1970", "1969", "Published", "Updated", "Posted"}, present: []string{"Body."},
		},
		{
			name: "a real date in the body stays",
			in:   "Published: 3 March 2026\nThe 1970 World Cup was held in Mexico.",
			text: true, present: []string{"Published: 3 March 2026", "The 1970 World Cup"},
		},
		{
			name:    "rules drawn with characters go like <hr>; dashes in text stay",
			in:      `<p>First section.</p><p>___</p><p>Second section.</p><p>* * *</p><p>Third — and last — section.</p><p>– – –</p><p>-- x --</p>`,
			present: []string{"First section.\n\nSecond section.\n\nThird — and last — section.", "x"},
			absent:  []string{"_", "\\*", "– –"},
		},
		{
			name:    "feed boilerplate",
			in:      `<p>Body.</p><p>Follow us on Mastodon for more.</p>`,
			meta:    Meta{Boilerplate: []string{"Follow us on Mastodon for more"}},
			absent:  []string{"Mastodon"},
			present: []string{"Body."},
		},
		{
			name: "share widgets, disqus, newsletter, read more",
			in: `<p>Body.</p><p>Share this:</p><ul><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li><li><a href="#">Email</a></li></ul>` +
				`<p><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></p>` +
				`<p>Sign up for our newsletter to get the day's top stories.</p><p>Please enable JavaScript to view the comments powered by Disqus.</p>` +
				`<p><a href="#">Continue reading…</a></p><p>Read more of this story at Slashdot.</p><p>The post <a href="#">Body</a> appeared first on <a href="#">Site</a>.</p>`,
			present: []string{"Body."},
			absent:  []string{"Share", "Facebook", "newsletter", "Disqus", "Continue", "Slashdot", "appeared first"},
		},
		{
			name: "an invitation to the publisher's accounts",
			in: `<p>The episode was recorded live in Leeds.</p><p>Follow us on <a href="#">Mastodon</a>, <a href="#">YouTube</a>, and <a href="#">Instagram</a>.</p>` +
				`<p>Like us on Facebook or Threads!</p><p>Find me on Bluesky &amp; Reddit</p>`,
			present: []string{"recorded live in Leeds"},
			absent:  []string{"Follow", "Mastodon", "Like us", "Find me", "Bluesky"},
		},
		{
			name:    "following someone somewhere is prose",
			in:      `<p>Follow us on our trip through Norway, one fjord a week.</p><p>Join us at the town hall, and bring a chair.</p><p>Follow me on Twitter, where I post about trains and my cat.</p>`,
			present: []string{"Follow us on our trip through Norway", "Join us at the town hall", "Follow me on Twitter, where I post"},
		},
		{
			name: "the footer of other languages and platforms",
			in: `<p>Die Brücke wird im Mai eröffnet.</p><p>Der Beitrag <a href="#">Neue Brücke</a> erschien zuerst auf <a href="#">Stadtblog</a>.</p>` +
				`<p>La entrada <a href="#">Puente nuevo</a> se publicó primero en <a href="#">Blog local</a>.</p>` +
				`<p>L’article <a href="#">Un pont neuf</a> est apparu en premier sur <a href="#">Le Quotidien</a>.</p>` +
				`<p>L'articolo <a href="#">Il ponte</a> proviene da <a href="#">Cronaca</a>.</p>` +
				`<p>O post <a href="#">A ponte</a> apareceu primeiro em <a href="#">Jornal</a>.</p>` +
				`<p>Het bericht <a href="#">De brug</a> verscheen eerst op <a href="#">Stadskrant</a>.</p>` +
				`<hr><p><a href="#">Why bridges sing</a> was originally published in <a href="#">Civil Notes</a> on Medium, where people are continuing the conversation by highlighting and responding to this story.</p>`,
			present: []string{"Die Brücke wird im Mai eröffnet."},
			absent:  []string{"Beitrag", "entrada", "apparu", "articolo", "apareceu", "verscheen", "Medium", "originally published"},
		},
		{
			name: "cookie banner, closed comments, tag list",
			in: `<p>The harbour reopened on Monday.</p><p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>` +
				`<p>Comments are closed.</p><p>Tags: harbour, shipping, weather</p><p>Filed under: Local news</p>`,
			present: []string{"The harbour reopened on Monday."},
			absent:  []string{"cookie", "Comments are closed", "Tags:", "Filed under"},
		},
		{
			name:    "breadcrumbs",
			in:      `<p><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/local">Local</a></p><p>The library opens late on Thursdays.</p><p><a href="/">Startseite</a> » <a href="/k">Kultur</a> » <a href="/b">Bühne</a></p><p><a href="/">Home</a> / <a href="/s">Sport</a> / <a href="/r">Rugby union</a></p>`,
			present: []string{"The library opens late on Thursdays."},
			absent:  []string{"Home", "News", "Startseite", "Rugby"},
		},
		{
			name:    "prose that starts at home stays",
			in:      `<p>Home » is the sign the old station still shows, and the town kept it.</p><p>Home is where the harbour is.</p><p>Start › the button on the left, then wait.</p>`,
			present: []string{"Home » is the sign the old station still shows", "Home is where the harbour is.", "Start › the button"},
		},
		{
			name: "text about cookies, comments and tags stays",
			in: `<p>We use cookies from the bakery on the corner for every meeting.</p><p>Comments are closed on weekends, the council said, to give moderators a rest.</p>` +
				`<p>Tags: the word the museum uses for its labels, was chosen by visitors.</p>`,
			present: []string{"We use cookies from the bakery", "Comments are closed on weekends", "Tags: the word the museum uses"},
		},
		{
			name:    "bracketed read more at the end of a teaser",
			in:      `<p>I stood in place for thirty seconds. When I was done, I took two steps... <a href="https://comic.example/2026/skip">[read more]</a></p>`,
			present: []string{"I took two steps..."},
			absent:  []string{"read more", "[]"},
		},
		{
			name: "related posts inline with their links",
			in: `<p>The review ends here.</p><p><strong>Related Posts: </strong><a href="https://a.example/1">Power meters compared for the new season</a>, <a href="https://a.example/2">A first ride with the new pedals</a></p>` +
				`<p>See also: the council's <a href="https://a.example/3">report</a>, which found that the harbour walls need repairs before the winter storms arrive.</p>`,
			present: []string{"The review ends here.", "See also: the council's"},
			absent:  []string{"Related Posts", "Power meters compared"},
		},
		{
			name:    "Slashdot footer",
			in:      `<p>Body text of the story.</p><p><a href="https://slashdot.example/story/1">Read more of this story</a> at Slashdot.</p>`,
			present: []string{"Body text of the story."},
			absent:  []string{"Slashdot", "Read more"},
		},
		{
			name:    "Guardian feed item",
			in:      `<p>The standfirst of the piece, in one sentence.</p> <a href="https://www.example.org/x">Continue reading...</a>`,
			present: []string{"The standfirst of the piece, in one sentence."},
			absent:  []string{"Continue"},
		},
		{
			name:    "gallery and page chrome",
			in:      `<p>Image 1 of 13</p><p>Caption</p><p>Close</p><p>Advertisement</p><p>Body.</p>`,
			present: []string{"Body."},
			absent:  []string{"Image 1", "Caption", "Close", "Advertisement"},
		},
		{
			name:    "tracker images",
			in:      `<p>Body.<img src="https://pixel.wp.com/g.gif?x=1"><img src="https://feeds.feedburner.com/~r/x/~4/abc"><img src="https://s.example/i.gif" width="1" height="1"><img src="https://stats.example.com/t.gif"><img src="https://example.com/beacon?id=1"></p>`,
			present: []string{"Body."},
			absent:  []string{"Image", "![", "pixel", "feedburner", "s.example", "stats.example", "beacon"},
		},
		{
			name:    "related links",
			in:      `<p>Body.</p><h2>Related Topics</h2><ul><li><a href="/a">Rail</a></li><li><a href="/b">Travel</a></li></ul><h3>More on this story</h3><ul><li><a href="/c">Fares rise</a></li></ul>`,
			present: []string{"Body."},
			absent:  []string{"Related", "Rail", "More on this story", "Fares rise"},
		},
		{
			name:    "a list of links after a normal heading stays",
			in:      `<p>Body.</p><h2>Sources</h2><ul><li><a href="/a">Report</a></li><li><a href="/b">Data</a></li></ul>`,
			present: []string{"## Sources", "- [Report]"},
		},
	})
}

func TestNothingLegitimateGoes(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "vote list and repeated thanks",
			in:      `<p>The votes:</p><p>Yes</p><p>Yes</p><p>No</p><p>Yes</p><p>"Thank you."</p><p>"Thank you."</p><ul><li>No</li><li>No</li></ul>`,
			present: []string{"Yes\n\nYes\n\nNo\n\nYes", "\"Thank you.\"\n\n\"Thank you.\"", "- No\n- No"},
		},
		{
			name:    "repeated lines in text",
			in:      "Yes\nYes\nNo\nThank you.\nThank you.\nThe chorus repeats three times here\nThe chorus repeats three times here",
			text:    true,
			present: []string{"Yes\n\nYes\n\nNo\n\nThank you.\n\nThank you.\n\nThe chorus repeats three times here\n\nThe chorus repeats three times here"},
		},
		{
			name:    "repeated first lines without a credit are not a caption",
			in:      "The vote is on Monday at noon\nThe vote is on Monday at noon\nBody text of the story.",
			text:    true,
			present: []string{"The vote is on Monday at noon\n\nThe vote is on Monday at noon\n\nBody"},
			absent:  []string{"*The vote"},
		},
		{
			name:    "summary repeated inside the content shown once",
			in:      `<p>The council has approved the new cycle lanes after a two-year consultation.</p><p>The council has approved the new cycle lanes after a two-year consultation.</p><p>Work starts in May.</p>`,
			meta:    Meta{Summary: "<p>The council has approved the new cycle lanes after a two-year consultation.</p>"},
			once:    []string{"approved the new cycle lanes"},
			present: []string{"Work starts in May."},
		},
		{
			name:    "teaser ending in an ellipsis",
			in:      `<p>The council has approved the new cycle lanes after a…</p><p>The council has approved the new cycle lanes after a two-year consultation.</p>`,
			once:    []string{"approved the new cycle lanes"},
			present: []string{"two-year consultation."},
		},
		{
			name:    "quote, list, code and table",
			in:      `<blockquote><p>We will build it.</p><p>Soon.</p></blockquote><ol><li>One</li><li>Two</li></ol><pre><code>go test ./...` + "\n" + `echo ok</code></pre><table><tr><th>City</th><th>Votes</th></tr><tr><td>Lyon</td><td>12</td></tr></table>`,
			present: []string{"> We will build it.\n>\n> Soon.", "1. One\n2. Two", "```\ngo test ./...\necho ok\n```", "| City | Votes |"},
		},
		{
			name:    "paragraphs split at double line breaks",
			in:      `First line<br>second line<br><br>Next paragraph`,
			present: []string{"First line  \nsecond line\n\nNext paragraph"},
		},
		{
			name:    "empty fragment falls back to the summary",
			in:      ``,
			meta:    Meta{Summary: "Only a summary."},
			present: []string{"Only a summary."},
		},
	})
}

func TestMetaLine(t *testing.T) {
	for _, tc := range []struct {
		m    Meta
		want string
	}{
		{Meta{Title: "T", Author: "Jo Bloggs", Published: time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)}, "# T\n\n*By Jo Bloggs · 4 March 2026*\n\nBody.\n"},
		{Meta{Title: "T", Author: "By Jo Bloggs"}, "# T\n\n*By Jo Bloggs*\n\nBody.\n"},
		{Meta{Title: "T", Author: "by Reuters,"}, "# T\n\n*By Reuters*\n\nBody.\n"},
		{Meta{Title: "T", Published: time.Unix(0, 0)}, "# T\n\nBody.\n"},
		{Meta{Title: "T", Published: time.Date(1969, 12, 31, 19, 0, 0, 0, time.FixedZone("EST", -5*3600))}, "# T\n\nBody.\n"},
		{Meta{Published: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}, "*2 January 2026*\n\nBody.\n"},
	} {
		if got := FromText("Body.", tc.m).Markdown(); got != tc.want {
			t.Errorf("Markdown() = %q, want %q", got, tc.want)
		}
	}
}

func TestControlCharacters(t *testing.T) {
	hostile := "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b31m\u202eevil\u202c"
	for _, tc := range []struct {
		name string
		d    *Document
	}{
		{"raw in HTML", FromHTML(`<p>A `+hostile+` B</p><figure><img src="https://x.example/a.jpg" alt="`+hostile+`"><figcaption>`+hostile+` © X</figcaption></figure>`, Meta{Title: hostile, Author: hostile})},
		{"entities in HTML", FromHTML(`<p>A &#27;]0;title&#7; &#x1b;[31m &#x9b;1m &#155; &amp;#27; &amp;#x1b;[2J &#8238;B</p><pre>&#27;[2J</pre><h2>&#27;[1m</h2>`, Meta{})},
		{"raw in text", FromText("Title "+hostile+"\nBody "+hostile+" &#27;[2J.", Meta{})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := tc.d.Markdown()
			if sanitize.HasControl(md) || strings.Contains(md, "\x1b") {
				t.Errorf("control character in %q", md)
			}
			if strings.Contains(md, "&#27;") || strings.Contains(md, "&#x1b;") {
				t.Errorf("control reference left for a renderer to decode: %q", md)
			}
		})
	}
}

func TestFromAny(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<!DOCTYPE html><html><head><title>Page title here</title></head><body><article><p>" + strings.Repeat("Some article text that goes on. ", 30) + "</p></article></body></html>", "# Page title here"},
		{"<p>Fragment <b>bold</b></p>", "Fragment **bold**"},
		{"Plain *text* line", `Plain \*text\* line`},
	} {
		d, err := FromAny(tc.in, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if md := d.Markdown(); !strings.Contains(md, tc.want) {
			t.Errorf("FromAny(%.30q) = %q, want it to contain %q", tc.in, md, tc.want)
		}
	}
	if _, err := FromPage("  ", Meta{}); err == nil {
		t.Error("FromPage of an empty page: no error")
	}
}

func TestFeedBoilerplate(t *testing.T) {
	bodies := []string{
		"<p>Story one.</p><p>Support our journalism: donate today.</p>",
		"<p>Story two.</p><p>Support our journalism: donate today.</p><p>Thank you.</p>",
		"<p>Story three.</p><p>Support our journalism: donate today.</p>",
		"<p>Story four.</p><p>Thank you.</p>",
		"Story five.\nSupport our journalism: donate today.",
	}
	got := FeedBoilerplate(bodies)
	if len(got) != 1 || got[0] != "Support our journalism: donate today." {
		t.Errorf("FeedBoilerplate = %q", got)
	}
	if got := FeedBoilerplate(bodies[:2]); got != nil {
		t.Errorf("two items: %q, want nothing", got)
	}
	d := FromHTML(bodies[0], Meta{Boilerplate: got})
	if md := d.Markdown(); strings.Contains(md, "donate") || !strings.Contains(md, "Story one.") {
		t.Errorf("boilerplate not dropped: %q", md)
	}
}

func TestLinks(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "links resolved, unsafe schemes dropped",
			in:      `<p><a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a href="/rel">rel</a> <a href="mailto:a@example.com">mail</a> <a href="#top">top</a></p>`,
			meta:    Meta{Link: "https://news.example.com/world/story.html"},
			present: []string{"js data [rel](https://news.example.com/rel) [mail](mailto:a@example.com) top"},
			absent:  []string{"javascript", "data:"},
		},
	})
}

// TestConcurrent: the package keeps no mutable state, so documents can be
// built from many goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	src := `<figure><img src="https://x.example/a.jpg" alt="A heron at dawn"><figcaption>A heron at dawn © SAM LEE - AFP</figcaption></figure><p>A heron at dawn</p><p>- Part -</p><p>Body.</p>`
	want := FromHTML(src, Meta{Title: "T"}).Markdown()
	done := make(chan string)
	for range 8 {
		go func() { done <- FromHTML(src, Meta{Title: "T"}).Markdown() }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent result differs: %q", got)
		}
	}
}
