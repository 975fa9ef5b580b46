package article

import "testing"

// The line rules against the sentences a reviewer found them eating: each
// case keeps the prose word for word, and its twin drops the widget the
// rule was made for.

const reviewBody = `<p>The harbour wall was rebuilt over the winter, at a cost of four million pounds.</p>`

func TestSiteFooterNeedsItsShape(t *testing.T) {
	meta := Meta{Title: "Harbour wall rebuilt", Link: "https://gazette.example/2026/wall"}
	prose := []string{
		"Сообщение о взрыве впервые появилось в телеграм-канале Mash, а позже его подтвердили в МЧС.",
		"L'articolo 18 dello Statuto dei lavoratori proviene da una legge del 1970, approvata dopo l'autunno caldo.",
		"Het bericht over de aanslag verscheen eerst op Telegram, waarna de politie het bevestigde.",
		"La entrada de las tropas en la ciudad apareció primero en la prensa británica, que publicó las fotos.",
		"Der Beitrag von Anna Schmidt erschien zuerst auf Deutschlandfunk Kultur und wurde später gedruckt.",
		"L'article de Libération est apparu en premier sur les réseaux sociaux, avant d'être retiré.",
		"The post about the strike appeared first on Facebook, where it was shared ten thousand times.",
		"Her essay, which was originally published on Medium in 2016, became a book two years later.",
		// The words and a short name at the end, but no post named.
		"Het bericht over de aanslag verscheen eerst op Telegram.",
		"Der Beitrag von Anna Schmidt erschien zuerst auf Deutschlandfunk Kultur.",
		"The post about the strike appeared first on Facebook.",
	}
	in := reviewBody
	for _, p := range prose {
		in += "<p>" + p + "</p>"
	}
	in += `<p>Der Beitrag von <a href="https://dlf.example/schmidt">Anna Schmidt</a> erschien zuerst auf Deutschlandfunk Kultur.</p>`
	runRules(t, []ruleCase{
		{name: "news sentences with the footer's words stay", in: in, meta: meta,
			present: append(prose, "Der Beitrag von [Anna Schmidt](https://dlf.example/schmidt) erschien zuerst auf Deutschlandfunk Kultur.")},
		{
			name: "footers naming the post in a link go",
			in: reviewBody + `<p>The post <a href="https://gazette.example/2026/wall">Harbour wall rebuilt</a> appeared first on <a href="https://gazette.example/">The Gazette</a>.</p>` +
				`<p>Сообщение <a href="https://ug.example/a">Новый мост открыт</a> появились сначала на <a href="https://ug.example">Учительская газета</a>.</p>` +
				`<p>L'articolo <a href="#">Il ponte</a> proviene da <a href="#">Cronaca di Leith</a>.</p>` +
				`<p><a href="https://medium.example/p/1">Why walls fail</a> was originally published in <a href="https://medium.example/civil">Civil Notes</a> on Medium, where people are continuing the conversation by highlighting and responding to this story.</p>`,
			meta:    Meta{Title: "Something else"},
			present: []string{"rebuilt over the winter"},
			absent:  []string{"appeared first", "Сообщение", "articolo", "originally published"},
		},
		{
			name: "a footer in plain text names the item's title", text: true, meta: meta,
			in:      "The harbour wall was rebuilt over the winter.\nThe post Harbour wall rebuilt appeared first on The Gazette.",
			present: []string{"rebuilt over the winter."}, absent: []string{"appeared first"},
		},
	})
}

func TestShareListsAreLinks(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "plain lists of button names and apps stay",
			in: reviewBody + `<p>The toolbar adds three buttons:</p><ul><li>Share</li><li>Print</li><li>Save</li></ul>` +
				`<p>The apps teens use:</p><ul><li>YouTube</li><li>TikTok</li><li>Instagram</li><li>WhatsApp</li></ul>`,
			present: []string{"- Share\n- Print\n- Save", "- YouTube\n- TikTok\n- Instagram\n- WhatsApp"},
		},
		{
			name:    "a toolbar's buttons in plain text go by their markup",
			in:      reviewBody + `<ul class="js-article-tools print-tools"><li class="icon reprint">Order Reprints</li><li class="icon print">Print Article</li></ul>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Reprints", "Print"},
		},
		{
			name: "a list of share links goes",
			in: reviewBody + `<ul><li><a href="https://www.facebook.com/sharer.php?u=x">Facebook</a></li><li><a href="https://x.com/intent/tweet?u=x">Twitter</a></li>` +
				`<li><a href="mailto:?body=x">Email</a></li><li><a href="https://gazette.example/print">Print</a></li></ul>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Facebook", "Twitter", "Email", "Print"},
		},
	})
}

func TestNoticesInTheirShape(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "sentences shaped like notices stay",
			in: `<p>Get your first hundred subscribers before you spend a penny on the design of your newsletter.</p>` +
				`<p>Join a swap with other writers: you recommend their newsletters once a month, and they recommend yours.</p>` +
				`<p>By using our service, you agree to resolve disputes through arbitration, the updated document reads.</p>` +
				`<p>All comments are reviewed before publication.</p><p>That rule, the editor says, halved the abuse in a year.</p>` +
				`<p>You can nest the calls. Like this:</p><p>Like this:</p><pre><code>f(g(x))</code></pre><p>Each call returns first.</p>` +
				`<p>Note: sign up for our newsletter team meeting, which is at noon.</p><p>Join Anna Lee, a newsletter writer from Leith, on a walk.</p>`,
			present: []string{"Get your first hundred subscribers before you spend a penny on the design of your newsletter.",
				"Join a swap with other writers: you recommend their newsletters once a month, and they recommend yours.",
				"By using our service, you agree to resolve disputes through arbitration, the updated document reads.",
				"All comments are reviewed before publication.", "Like this:\n\n```", "Note: sign up for our newsletter team meeting, which is at noon.",
				"Join Anna Lee, a newsletter writer from Leith, on a walk."},
		},
		{
			name: "the widgets go",
			in: reviewBody + `<p>Sign up for our newsletter to get the day's top stories.</p><p>Get the Morning Briefing newsletter.</p>` +
				`<p>Like what you read? Sign up for our newsletter.</p><p>Sign up to get the Evening Wrap in your inbox every day.</p>` +
				`<p>Sign up for Harbour Notes, a weekly newsletter from Jo Lee about the coast. Your first month is free!</p>` +
				`<p>Like this:</p><p>Like Loading...</p><p>All comments are reviewed before publication.</p>` +
				`<p>By using this site, you agree to our Terms of Use and Privacy Policy.</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"newsletter", "Like", "comments", "Terms", "inbox"},
		},
	})
}

func TestTagListsAtTheEdge(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "label lines that are details or definitions stay",
			in: reviewBody + `<h2>The book</h2><p>Publisher: Faber</p><p>Pages: 320</p><p>Category: Literary fiction</p>` +
				`<h2>Winners</h2><p>Category: Best Photograph – Winner: Mhairi Ross, for her picture of the harbour</p>` +
				`<h2>Glossary</h2><p>Tags: the small labels that link posts on the same subject</p><p>Slug: the last part of a post's address</p>`,
			present: []string{"Category: Literary fiction", "Category: Best Photograph – Winner: Mhairi Ross", "Tags: the small labels that link posts"},
		},
		{
			name: "tag lists at the start, at the end, or made of links go",
			in: `<p>Filed under: Local news</p>` + reviewBody + `<p>Categories: <a href="https://gazette.example/c/harbour">Harbour</a>, <a href="https://gazette.example/c/weather">Weather</a></p>` +
				`<p>The work ends in June.</p><p>Tags: harbour, storm, council</p><p>Posted by Jo Lee at 10:00</p><h3>Related posts</h3><ul><li><a href="/a">Pier to close</a></li></ul>`,
			present: []string{"rebuilt over the winter", "The work ends in June.", "Posted by Jo Lee at 10:00"},
			absent:  []string{"Filed under", "Categories", "Tags", "Pier"},
		},
	})
}

func TestBoilerplateHeadingsGoWithTheirSection(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a tutorial's sign-in sections keep their headings",
			in:      reviewBody + `<h2>Sign in</h2><p>Open the app and enter your e-mail address.</p><h2>Log in</h2><p>On the web, use the button at the top right.</p>`,
			present: []string{"## Sign in\n\nOpen the app", "## Log in\n\nOn the web"},
		},
		{
			name: "a widget's heading goes with the widget",
			in: reviewBody + `<h3>Share this:</h3><ul><li><a href="https://www.facebook.com/sharer.php?u=x">Facebook</a></li><li><a href="https://x.com/intent/tweet">X</a></li></ul>` +
				`<h3>Like this:</h3><p>Like Loading…</p><h3>Leave a Reply</h3>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Share", "Like", "Reply"},
		},
	})
}

func TestBreadcrumbsNeedASign(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "menu paths in a how-to stay",
			in:      `<p>Start &gt; Run &gt; cmd</p><p>Type the command and press Enter.</p><p>On a phone the switch is under:</p><p>Home › Settings › Privacy › Location history</p>`,
			present: []string{"Start &gt; Run &gt; cmd", "Home › Settings › Privacy › Location history"},
		},
		{
			name:    "linked and labelled trails go",
			in:      `<p><a href="/">Home</a> › <a href="/news">News</a></p>` + reviewBody + `<p>You are here: Home / News / Local</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Home", "News"},
		},
	})
	runPages(t, []pageCase{{
		name:   "a plain trail in a page's header goes",
		header: `<p>Home › News › Local</p><h1>Baths to close</h1>`,
		absent: []string{"Home ›", "Local"},
	}})
}

func TestRelatedPointsHome(t *testing.T) {
	meta := Meta{Title: "Books of the year", Link: "https://blog.example/2026/books"}
	runRules(t, []ruleCase{
		{
			name: "an author's recommendations elsewhere stay",
			in: reviewBody + `<h2>Recommended</h2><ul><li><a href="https://books.example/a">The Sea Wall, by Ann Lee</a></li>` +
				`<li><a href="https://shop.example/b">Tides, by Tom Ray</a></li></ul>`,
			meta:    meta,
			present: []string{"## Recommended", "The Sea Wall, by Ann Lee", "Tides, by Tom Ray"},
		},
		{
			name: "a publisher's related posts go",
			in: reviewBody + `<h2>Related posts</h2><ul><li><a href="https://blog.example/2025/tides">Tides of 2025</a></li>` +
				`<li><a href="https://www.blog.example/2024/walls">Walls we lost</a></li></ul><p><strong>Related Posts: </strong><a href="/x">Pier to close</a>, <a href="/y">Ferry fares</a></p>`,
			meta:    meta,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Related", "Tides of 2025", "Walls we lost", "Pier"},
		},
	})
}

func TestReadMoreOnlyAfterASentence(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a link inside a sentence stays",
			in:      `<p>When you have finished this chapter, <a href="https://book.example/3">continue reading with chapter 3</a>.</p><p>Keep reading in Spanish.</p><p>Keep reading below.</p>`,
			present: []string{"When you have finished this chapter, [continue reading with chapter 3](https://book.example/3).", "Keep reading in Spanish.", "Keep reading below."},
		},
		{
			name:    "a link in brackets inside a sentence stays",
			in:      `<p>The store is read in a reactive way (<a href="https://docs.example/stores">read more in the docs</a>).</p>`,
			present: []string{"in a reactive way ([read more in the docs](https://docs.example/stores))."},
		},
		{
			name:    "a button after a headline goes",
			in:      `<ul><li><a href="https://x.example/a">Storm hits coast</a> <a href="https://x.example/a">Read more</a></li><li>Pier to close <a href="https://x.example/b">[read more]</a></li></ul>`,
			present: []string{"- [Storm hits coast](https://x.example/a)\n- Pier to close"},
			absent:  []string{"Read more", "read more"},
		},
		{
			name: "a link after a sentence or an ellipsis goes",
			in: `<p>The wall was finished in March. <a href="https://x.example/1">Continue reading</a></p><p>It took a year… <a href="https://x.example/2">Read more »</a></p>` +
				`<p>The end of the teaser<br><a href="https://x.example/3">Keep reading in Spanish</a></p>`,
			present: []string{"The wall was finished in March.", "It took a year…", "The end of the teaser"},
			absent:  []string{"Continue", "Read more", "Spanish"},
		},
	})
}

func TestEpochDateNeedsALabel(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a date in an essay stays",
			in:      `<p>Thursday, 1 January 1970.</p><p>At midnight, by the clocks of every Unix machine, time began.</p>`,
			present: []string{"Thursday, 1 January 1970.", "time began."},
		},
		{
			name:    "a labelled epoch date goes",
			in:      `<p>Published: Thursday, 1 January 1970</p><p>Posted on 1970-01-01</p><p>At midnight time began.</p>`,
			present: []string{"At midnight time began."},
			absent:  []string{"1970"},
		},
	})
}

func TestReadingTimeAndSignUpBoxes(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "reading times and an unmarked sign-up box go",
			in: `<p>Reading time: 4 minutes</p><p>4 min read</p><p>Listen to this article (5 min)</p>` + reviewBody +
				`<h3>Get the Morning Briefing</h3><p>Sign up to receive our free daily email with the stories that matter.</p><p>The best of the Gazette, in your inbox every morning.</p>` +
				`<p>The work ends in June.</p>`,
			present: []string{"rebuilt over the winter", "The work ends in June."},
			absent:  []string{"Reading time", "min read", "Listen", "Morning Briefing", "Sign up", "inbox"},
		},
		{
			name: "sentences about reading time and briefings stay",
			in: `<p>Reading time: the hours a child spends with a book, the survey found, fell by a third.</p><p>It is a 4 min read at most.</p>` +
				`<h3>Get the Morning Briefing</h3><p>The minister gets the morning briefing at six, in her inbox.</p>`,
			present: []string{"Reading time: the hours", "It is a 4 min read at most.", "### Get the Morning Briefing", "in her inbox."},
		},
	})
}
