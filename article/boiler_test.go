package article

import "testing"

// The clean-up rules for chrome against prose that looks like it: each
// finding has the widget it must drop and the sentence it must keep.

const boilerBody = `<p>The harbour wall was rebuilt over the winter, at a cost of four million pounds.</p>`

func TestReadMoreLines(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "read-more lines end where the link or the site does",
			in: boilerBody + `<p>Continue reading…</p><p>Keep reading →</p><p>Continue reading at The Gazette</p>` +
				`<p>Continue reading “Why the harbour wall failed”</p><p>Continue reading <a href="https://x.example/wall">Why the harbour wall failed</a></p>` +
				`<p>Read the full story</p><p>Read the full story at gazette.example.</p><p>Read the rest of this post »</p><p>Read the full article on our website.</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Continue", "Keep reading", "Read the", "failed"},
		},
		{
			name: "sentences that start the same way go on and stay",
			in: boilerBody + `<p>Continue reading the minutes, though, and a different picture emerges.</p>` +
				`<p>Keep reading past the first chapter: the book improves.</p>` +
				`<p>Read the full story of the 1953 flood <a href="https://x.example/archive">in our archive</a>.</p>` +
				`<p>Read the full report, and you will see why the council hesitated.</p>`,
			present: []string{"Continue reading the minutes, though, and a different picture emerges.", "Keep reading past the first chapter", "Read the full story of the 1953 flood [in our archive]", "Read the full report, and"},
		},
	})
}

func TestSubscribeLines(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "subscription widgets",
			in: boilerBody + `<p>Subscribe now</p><p>Subscribe to The Harbour Gazette</p><p>Subscribe to get the latest posts sent to your email.</p>` +
				`<p>Subscribe to our YouTube channel for more videos!</p><p><a href="https://x.example/s">Subscribe</a> to the Gazette and stay ahead with more of your favourite writers.</p><p>Thanks for reading The Harbour Letter! Subscribe for free to receive new posts and support my work.</p>` +
				`<p>The Harbour Letter is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p>` +
				`<p class="button-wrapper"><a class="button primary" href="https://x.substack.com/p/wall/comments"><span>Leave a comment</span></a></p>` +
				`<p class="button-wrapper"><a class="button primary" href="https://x.substack.com/p/wall?action=share"><span>Share</span></a></p><p>Share</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Subscribe", "Thanks for reading", "reader-supported", "Leave a comment", "Share"},
		},
		{
			name: "sentences about subscribing and sharing stay",
			in: boilerBody + `<p>Subscribe to flood alerts by texting FLOOD to 61234.</p><p>Subscribe to the idea that the sea always wins, and you will build higher.</p>` +
				`<p>Thanks for reading this far: the best part comes next.</p><p>Leave a comment on the council's consultation page before Friday.</p>` +
				`<p>Share the road, the signs say.</p>`,
			present: []string{"Subscribe to flood alerts by texting FLOOD to 61234.", "Subscribe to the idea", "Thanks for reading this far", "Leave a comment on the council's", "Share the road"},
		},
	})
}

func TestBreadcrumbPlace(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "trails made of links, or labelled",
			in: `<p><a href="/">Home</a> › <a href="/n">News</a> › <a href="/l">Local</a></p>` + boilerBody + `<p>The council will <a href="/v">vote</a> in May.</p><p><a href="/">Home</a> / <a href="/n">News</a> / <a href="/l">Local</a></p>` +
				`<p>Your fare may change.</p><p>You are here: Home / News / Local</p><p>Sie sind hier: Startseite » Kultur</p><p>The ferry runs daily.</p><p><a href="/">Home</a> / <a href="/s">Sport</a> / <a href="/r">Rugby union</a></p>`,
			present: []string{"rebuilt over the winter", "The council will [vote]", "Your fare may change.", "The ferry runs daily."},
			absent:  []string{"Home", "News", "Local", "Startseite", "Rugby"},
		},
		{
			name: "steps of a how-to in prose stay",
			in: boilerBody + `<p>To remove the old driver, open:</p><p>Start > Control Panel > Programs and Features</p><p>Then, on a phone:</p>` +
				`<p>Home › Settings › Privacy › Location Services</p><p>Turn it off there. On a tablet the same switch is under:</p><p>Home › Settings › Location</p>`,
			present: []string{"Start &gt; Control Panel &gt; Programs and Features", "Home › Settings › Privacy › Location Services", "Home › Settings › Location"},
		},
	})
}

func TestRelatedNeedsLinks(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a related teaser is a link",
			in:      boilerBody + `<p><strong>Related:</strong> <a href="https://x.example/pier">Pier to close until June</a></p><p>The work starts in March.</p>`,
			present: []string{"rebuilt over the winter", "The work starts in March."},
			absent:  []string{"Related", "Pier to close"},
		},
		{
			name:    "prose after Related: stays",
			in:      boilerBody + `<p>Related: the council also voted to close the pier until June.</p><p><a href="https://x.example/minutes">The minutes of the meeting</a></p>`,
			present: []string{"Related: the council also voted to close the pier until June.", "[The minutes of the meeting]"},
		},
		{
			name: "more on this story with dates beside the links",
			in: boilerBody + `<h2>More on this story</h2><ul><li><a href="/a">Storm hits coast</a><span>5 days ago</span></li>` +
				`<li><a href="/b">Harbour wall to be rebuilt</a><span>12 March 2026</span></li></ul>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"More on this story", "Storm hits coast", "5 days ago"},
		},
		{
			name: "a digest made of links is the article",
			in: `<p>Good morning.</p><h2>Top stories</h2><ul><li><a href="/a">Storm closes the harbour road</a></li><li><a href="/b">Council votes on the new pier</a></li>` +
				`<li><a href="/c">Ferry fares rise in April</a></li><li><a href="/d">Lifeboat crew rescues two walkers</a></li></ul>`,
			meta:    Meta{Title: "Morning briefing"},
			present: []string{"## Top stories", "- [Storm closes the harbour road]", "- [Lifeboat crew rescues two walkers]"},
		},
		{
			name: "a related list under a teaser goes even when it is long",
			in: boilerBody + `<h2>Related stories</h2><ul><li><a href="/a">Storm closes the harbour road for the third time this winter</a></li>` +
				`<li><a href="/b">Council votes on the new pier after a year of delays</a></li><li><a href="/c">Ferry fares rise in April, the operator says</a></li></ul>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Related stories", "Storm closes", "Ferry fares"},
		},
	})
}

func TestBoilerplateHeadingWithSection(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a menu heading over dishes stays",
			in:      `<p>The restaurant opened in May.</p><h3>Menu</h3><p>Grilled mackerel, samphire and brown butter.</p><p>Crab on toast.</p>`,
			present: []string{"### Menu", "Grilled mackerel"},
		},
		{
			name:    "a share heading over a paragraph stays; a menu heading with nothing under it goes",
			in:      `<p>The restaurant opened in May.</p><h2>Share</h2><p>Every dish is made to be shared between two.</p><h3>Menu</h3>`,
			present: []string{"## Share", "Every dish is made to be shared"},
			absent:  []string{"Menu"},
		},
		{
			name:    "a menu heading over chrome goes with it",
			in:      `<p>The restaurant opened in May.</p><h3>Menu</h3><ul><li><a href="https://x.example/share">Share</a></li><li><a href="mailto:?body=x">Email</a></li></ul>`,
			present: []string{"The restaurant opened in May."},
			absent:  []string{"Menu"},
		},
	})
}

func TestSiteNotices(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "cookie banners",
			in:      boilerBody + `<p>This site uses cookies. Find out more.</p><p>By continuing to use this site, you consent to our use of cookies.</p><p>We use cookies.</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"cookies", "continuing"},
		},
		{
			name:    "sentences about cookies stay",
			in:      boilerBody + `<p>By continuing to use the old bridge, drivers risk a fine.</p><p>This site uses cookies baked by volunteers to thank donors.</p>`,
			present: []string{"By continuing to use the old bridge", "This site uses cookies baked by volunteers"},
		},
		{
			name: "first appeared on, in other languages",
			in: boilerBody + `<p>La entrada <a href="#">Puente nuevo</a> aparece primero en <a href="#">Blog local</a>.</p>` +
				`<p>Inlägget <a href="#">Ny bro</a> dök först upp på <a href="#">Lokalbloggen</a>.</p>` +
				`<p>Wpis <a href="#">Nowy most</a> pojawił się poraz pierwszy w <a href="#">Blog</a>.</p>` +
				`<p>Сообщение <a href="#">Новый мост</a> появились сначала на <a href="#">Блог</a>.</p>` +
				`<p>L'articolo <a href="#">Il ponte</a> sembra essere il primo su <a href="#">Cronaca</a>.</p>` +
				`<p>O post <a href="#">A ponte</a> apareceu primeiro em <a href="#">Jornal</a>.</p>` +
				`<p>Het bericht <a href="#">De brug</a> verscheen eerst op <a href="#">Stadskrant</a>.</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"entrada", "Inlägget", "Wpis", "Сообщение", "articolo", "O post", "Het bericht"},
		},
		{
			name:    "sentences in those languages stay",
			in:      boilerBody + `<p>La entrada al museo es gratuita los domingos.</p><p>Wpis do rejestru trwa tydzień.</p><p>Сообщение пришло утром.</p>`,
			present: []string{"La entrada al museo", "Wpis do rejestru", "Сообщение пришло утром."},
		},
		{
			name: "post footers and tag lists",
			in: boilerBody + `<p>Posted in News | Tagged harbour, storm | Leave a comment</p><p>This entry was posted in News and tagged harbour, storm. Bookmark the permalink.</p>` +
				`<p>Mots-clés : port, tempête</p><p>Schlagwörter: Hafen, Sturm</p><p>Etiquetas: puerto, tormenta</p><p>Étiquettes : port</p><p>Categorie: Cronaca</p><p>Tags | harbour | storm</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Posted in", "Tagged", "permalink", "Mots-clés", "Schlagwörter", "Etiquetas", "Étiquettes", "Categorie", "Tags"},
		},
		{
			name: "sentences about posting and labels stay",
			in: boilerBody + `<p>Posted in 1998 | the letter reached us only last week.</p><p>Schlagwörter: so nennt das Archiv seine Register, seit 1950.</p>` +
				`<p>Etiquette: elbows off the table, phones in pockets</p>`,
			present: []string{"Posted in 1998 | the letter", "Schlagwörter: so nennt", "Etiquette: elbows off the table"},
		},
		{
			name: "comment policies",
			in: boilerBody + `<p>Comments are moderated and will appear after approval.</p><p>You must be logged in to post a comment.</p>` +
				`<p>All comments are moderated before publication.</p><p>Comments are now closed for this story.</p><p>Your email address will not be published. Required fields are marked *</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"moderated", "logged in", "closed", "email address"},
		},
		{
			name:    "sentences about comments stay",
			in:      boilerBody + `<p>Comments are moderated by volunteers, the forum's founder said, and some wait weeks.</p><p>You must be logged in to the council portal to comment on the plans.</p>`,
			present: []string{"Comments are moderated by volunteers", "You must be logged in to the council portal"},
		},
	})
}

func TestTableWidgetLabels(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "labels of a table's controls",
			in: boilerBody + `<p>Click to expand table</p><table><tr><th>Port</th><th>Ships</th></tr><tr><td>Leith</td><td>12</td></tr></table>` +
				`<p>Tap to see full table</p><p>Swipe to see more</p><div>Tap to expand</div><p>Click here to view the full chart →</p>`,
			present: []string{"| Leith | 12"},
			absent:  []string{"Click", "Tap", "Swipe"},
		},
		{
			name:    "instructions in a sentence stay",
			in:      boilerBody + `<p>To compare, tap to see the full table of results, then pick your district.</p><p>Swipe to see more of the map on a phone.</p>`,
			present: []string{"tap to see the full table of results", "Swipe to see more of the map"},
		},
	})
}

func TestNewsletterBox(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a sign-up box goes whole",
			in: boilerBody + `<div class="newsletter-promo"><h3>Sign up for our newsletter</h3><p>The best of the Gazette in your inbox every Friday.</p><form><input type="email"><button>Sign up</button></form></div>` +
				`<aside class="signup"><p>The best of the Gazette, every Friday.</p></aside><p>The work ends in June.</p>`,
			present: []string{"rebuilt over the winter", "The work ends in June."},
			absent:  []string{"Sign up", "inbox", "every Friday"},
		},
		{
			name: "an unmarked box: the pitch goes with its heading",
			in: boilerBody + `<div><h3>Sign up for our newsletter</h3><p>The best of the Gazette in your inbox every Friday.</p></div><p>The work ends in June.</p>` +
				`<h3>Get our newsletter</h3><p>Residents will find the new bin calendar in their inbox next week, the council said, along with a map of the routes and the dates of collections.</p>`,
			present: []string{"The work ends in June.", "bin calendar in their inbox"},
			absent:  []string{"Sign up", "every Friday", "Get our newsletter"},
		},
		{
			name:    "a newsletter's own article stays",
			in:      `<div class="newsletter">` + boilerBody + `<p>The best of the week, in your inbox every Friday, is this letter.</p><p>` + longProse + `</p></div>`,
			present: []string{"rebuilt over the winter", "in your inbox every Friday", "longer sentence"},
		},
		{
			name: "the parts of a newsletter's issue stay",
			in: `<div class="newsletter-item"><h3>Harbour</h3><p>The wall is finished, a month early.</p></div>` +
				`<div class="newsletter-item"><h3>Ferries</h3><p>Fares rise in April.</p></div>`,
			present: []string{"### Harbour", "The wall is finished", "### Ferries", "Fares rise in April."},
		},
	})
}

const longProse = `This is a longer sentence about the harbour, the wall, the storms that broke it, the people who rebuilt it, and the money it cost; ` +
	`the council argued for a year over who would pay, the port authority paid half, and the fishermen, who lost a season, paid in their own way, ` +
	`with nets left on the quay and boats moored at Leith until the spring tides had passed and the new stones had settled into the sand.`
