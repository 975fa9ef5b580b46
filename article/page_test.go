package article

import (
	"strings"
	"testing"
)

// body paragraphs long enough for readability to take the article.
var pageBody = []string{
	"The county council voted on Tuesday night to close the old swimming baths on Mill Road after engineers found the roof beams had rotted through in several places.",
	"Councillors said the decision had been forced on them by a survey that put the cost of repairs at more than four million pounds, a sum the authority does not have.",
	"Swimmers who have used the pool for decades gathered outside the town hall before the meeting, holding placards and singing, and several spoke during the public session.",
	"The leader of the council promised that a new leisure centre would be built within five years, although no site has yet been chosen and no money has been set aside.",
}

// newsPage wraps article content in the chrome of a news site's page.
func newsPage(head, header, content, after string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8">` + head + `</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><div class="article-body">` + header + content + after + `</div></article></main>
<footer><p>Contact us</p></footer></body></html>`
}

func paragraphs(ps ...string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + p + "</p>\n")
	}
	return b.String()
}

type pageCase struct {
	name             string
	head, header     string
	content, after   string
	meta             Meta
	present, absent  []string
	title, byline    string
	once             []string
	wantFirstBodyHas string
}

func runPages(t *testing.T, cases []pageCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			content := tc.content
			if content == "" {
				content = paragraphs(pageBody...)
			}
			d, err := FromPage(newsPage(tc.head, tc.header, content, tc.after), tc.meta)
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			if tc.title != "" && d.Title != tc.title {
				t.Errorf("title %q, want %q", d.Title, tc.title)
			}
			if tc.byline != "" || strings.HasPrefix(tc.name, "byline") {
				if d.Byline != tc.byline {
					t.Errorf("byline %q, want %q", d.Byline, tc.byline)
				}
			}
			checkContains(t, md, tc.present, tc.absent, tc.once)
			for _, p := range pageBody {
				if tc.content == "" && !strings.Contains(md, p) {
					t.Errorf("body paragraph lost: %q", p)
				}
			}
			checkInvariants(t, md)
		})
	}
}

func TestPageTitle(t *testing.T) {
	runPages(t, []pageCase{
		{
			name:  "site name stripped from title",
			head:  `<title>Pool on Mill Road to close - Millbrook Gazette - News for Millbrook</title><meta property="og:site_name" content="Millbrook Gazette">`,
			title: "Pool on Mill Road to close",
		},
		{
			name:   "page h1 is the headline and is not repeated",
			head:   `<title>Mill Road baths closure: council votes | Millbrook Gazette</title><meta property="og:title" content="Mill Road baths closure: council votes">`,
			header: `<h1>Swimmers lose their long fight for the old pool</h1>`,
			title:  "Swimmers lose their long fight for the old pool",
			once:   []string{"Swimmers lose their long fight for the old pool"},
			absent: []string{"## Swimmers lose"},
		},
		{
			name:   "the feed's title wins over the page's",
			meta:   Meta{Title: "Baths to close"},
			header: `<h1>Swimmers lose their long fight for the old pool</h1>`,
			title:  "Baths to close",
		},
		{
			name:  "a title without a site suffix stays whole",
			head:  `<title>Swimmers - and councillors - mourn the baths</title><meta property="og:site_name" content="Millbrook Gazette">`,
			title: "Swimmers - and councillors - mourn the baths",
		},
	})
}

func TestPageByline(t *testing.T) {
	for _, tc := range []struct{ in, site, host, want string }{
		{"By Jane Doe", "", "", "Jane Doe"},
		{"Analysis by Jane Doe, Political Editor", "", "", "Jane Doe, Political Editor"},
		{"By By Jane Doe", "", "", "Jane Doe"},
		{"Jane DoeMonday", "", "", "Jane Doe"},
		{"Zoë GarcíaMonday", "", "", "Zoë García"},
		{"Jane DoeNovember 15, 2019", "", "", "Jane Doe"},
		{"Jane Doe — November 18, 2019", "", "", "Jane Doe"},
		{"Jane Doe, Millbrook.com", "", "millbrook", "Jane Doe"},
		{"Jane Doe, Millbrook Gazette", "Millbrook Gazette", "", "Jane Doe"},
		{"Millbrook Gazette", "Millbrook Gazette", "", ""},
		{"MillbrookNews", "", "millbrooknews", ""},
		{"GAZETTE STAFF", "", "", ""},
		{"Editorial", "", "", ""},
		{"Reuters", "", "", "Reuters"},
		{"Jane Doe and John Roe", "", "", "Jane Doe and John Roe"},
	} {
		if got := pageByline(tc.in, tc.site, tc.host); got != tc.want {
			t.Errorf("pageByline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := hostName("https://www.example.co.uk/news/1"); got != "example" {
		t.Errorf("hostName = %q", got)
	}
	if got := hostName("https://news.example.com/x"); got != "example" {
		t.Errorf("hostName = %q", got)
	}
}

func TestPageLead(t *testing.T) {
	standfirst := "A survey found the roof beyond repair, and the council has no money to rebuild it."
	runPages(t, []pageCase{
		{
			name: "header chrome before the first paragraph goes",
			head: `<meta name="author" content="Jane Doe"><meta property="og:url" content="https://www.millbrook.example/news/baths">`,
			header: `<p>Skip to content</p><p>Local News</p><p>JANE DOE, Local Democracy Reporter</p>` +
				`<p>Published 10:02 AM EST Nov 19, 2019</p><p>https://www.millbrook.example/news/baths</p><ul><li>19.11.2019, 08:57</li></ul><ul><li>Order Reprints</li><li>Print Article</li></ul>` +
				`<p><b>05/10/2018</b> - Published by: Jane Doe - Category: <a href="/c/local">Local</a> - Tags: <a href="/t/pools">pools</a> <a href="/t/council">council</a></p>`,
			absent:  []string{"Skip to content", "Local News", "Local Democracy Reporter", "10:02", "https://www.millbrook", "Category", "Tags"},
			present: []string{"*By Jane Doe*"},
		},
		{
			name:    "a standfirst and a bold kicker stay",
			header:  `<p>` + standfirst + `</p>`,
			present: []string{standfirst},
		},
		{
			name: "header lines merged into the first paragraph are split off",
			content: `<p>Millbrook Gazette<br><br>Published 7:07 PM EST Nov 19, 2019<br><br>` + pageBody[0] + `</p>` +
				paragraphs(pageBody[1:]...),
			present: []string{pageBody[0], pageBody[3]},
			absent:  []string{"7:07 PM", "Millbrook Gazette\n"},
		},
		{
			name:    "short lines after the first paragraph stay",
			content: paragraphs(pageBody[0], "So what now?", "Nobody knows.", pageBody[1], pageBody[2], pageBody[3]),
			present: []string{"So what now?", "Nobody knows."},
		},
	})
}

func TestPageTail(t *testing.T) {
	runPages(t, []pageCase{
		{
			name: "promotions, author box, comments and copyright after the last paragraph go",
			head: `<meta name="author" content="Jane Doe">`,
			after: `<h4>Jane Doe</h4><p>Jane joined the Gazette in 2017 and has covered the council ever since.</p>` +
				`<p><em>Follow us on <a href="https://twitter.example/gazette">Twitter</a> to keep up with the latest news from Millbrook and around.</em></p>` +
				`<p><em>If you enjoyed this article, join our members' club for ad-free reading.</em></p>` +
				`<p><b>Listen:</b> <a href="https://pod.example/1">https://pod.example/1</a><br><b>Download:</b> <a href="https://pod.example/1.mp3">https://pod.example/1.mp3</a></p>` +
				`<p>Filed under: <a href="/t/pools">Pools</a> | <a href="/t/council">Council</a></p>` +
				`<p>Image source: Jane Doe / Millbrook Gazette</p>` +
				`<img src="https://cdn.example/promo.png">` +
				`<h3>Comments</h3><p>comments</p>` +
				`<p>Copyright © 2019 Millbrook Gazette. All rights reserved.</p>`,
			absent: []string{"Jane joined", "#### Jane Doe", "Follow us", "members' club", "pod.example", "Filed under", "Image source", "promo.png", "Comments", "comments", "Copyright"},
		},
		{
			name: "contributor lines and a captioned last picture stay",
			after: `<p>John Roe contributed reporting.</p>` +
				`<figure><img src="https://cdn.example/pool.jpg"><figcaption>The pool in 1965. Photo: JANE DOE / GAZETTE</figcaption></figure>`,
			present: []string{"John Roe contributed reporting.", "[Image](https://cdn.example/pool.jpg)", "*The pool in 1965.* — Photo: JANE DOE / GAZETTE"},
		},
		{
			name: "a closing quote or remark that happens to use promotion words stays",
			content: paragraphs(pageBody...) +
				`<p>"Come and join us for the last swim on Sunday," said the club's secretary.</p>` +
				`<p>The swimming club will announce its new home in its newsletter.</p>`,
			present: []string{"join us for the last swim", "in its newsletter."},
		},
		{
			name: "an article mentioning its author in its last paragraph keeps it",
			head: `<meta name="author" content="Jane Doe">`,
			content: paragraphs(pageBody...) +
				`<p>Jane said she would miss the early swims most of all.</p>`,
			present: []string{"Jane said she would miss"},
		},
	})
}

func TestPageTeasers(t *testing.T) {
	card := func(n string) string {
		return `<div class="rail__item"><img src="https://cdn.example/thumb` + n + `.jpg" width="150" height="96">` +
			`<h3>KICKER ` + n + `</h3><span>Another story about something else entirely number ` + n + `</span></div>`
	}
	qa := func(q, a string) string { return `<h4>Q: ` + q + `?</h4><p>A: ` + a + `</p>` }
	runPages(t, []pageCase{
		{
			name:    "a rail of story teasers goes",
			content: paragraphs(pageBody[:2]...) + `<div class="rail">` + card("1") + card("2") + card("3") + `</div>` + paragraphs(pageBody[2:]...),
			absent:  []string{"KICKER", "Another story", "thumb"},
		},
		{
			name: "a Q&A with short answers stays",
			content: paragraphs(pageBody[:2]...) + qa("Favourite stroke", "Backstroke on a quiet morning") +
				`<img src="https://cdn.example/swimmer.jpg">` + qa("Favourite pool", "Mill Road of course, always") +
				qa("Favourite snack", "Crisps from the vending machine") + paragraphs(pageBody[2:]...),
			present: []string{"Q: Favourite stroke?", "A: Backstroke", "A: Mill Road", "A: Crisps", "![](https://cdn.example/swimmer.jpg)"},
		},
		{
			name: "a list of related headlines inside the article goes",
			content: paragraphs(pageBody[:2]...) + `<h2>Related: The Mill Road baths in pictures</h2>` + paragraphs(pageBody[2]) +
				`<ul><li><a href="/a">Council budget gap widens again this year</a></li><li><a href="/b">Photos: the baths through the decades</a></li></ul>` +
				paragraphs(pageBody[3]),
			absent: []string{"Related:", "budget gap", "through the decades"},
		},
		{
			name: "a headline in capitals linking to another story goes",
			content: paragraphs(pageBody[:2]...) + `<p><a href="/x"><strong>SINGER CLEARED TO PERFORM AT AMAs AFTER ROW</strong></a></p>` +
				paragraphs(pageBody[2:]...),
			absent: []string{"SINGER CLEARED"},
		},
		{
			name: "a list of links that are not headlines stays",
			content: paragraphs(pageBody[:2]...) + `<ul><li><a href="/a">Minutes</a></li><li><a href="/b">Survey</a></li></ul>` +
				paragraphs(pageBody[2:]...),
			present: []string{"[Minutes]", "[Survey]"},
		},
	})
}

func TestBareImage(t *testing.T) {
	d := FromHTML(`<p>Text before.</p><img src="https://x.example/a.jpg"><p>Text after.</p>`+
		`<figure><img src="https://x.example/b.jpg"><figcaption>The pool at dawn</figcaption></figure>`, Meta{})
	md := d.Markdown()
	for _, want := range []string{"![](https://x.example/a.jpg)", "[Image](https://x.example/b.jpg)\n\n*The pool at dawn*"} {
		if !strings.Contains(md, want) {
			t.Errorf("%q missing from:\n%s", want, md)
		}
	}
	checkInvariants(t, md)
}
