package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestRawMarkup(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		want     bool
	}{
		{"prose", "# T\n\n*By A · 1 May 2020*\n\nA plain paragraph about <b> tags.\n\nAnother one.", false},
		{"json object", "# T\n\n{\"id\": 1, \"title\": \"x\"}", true},
		{"json after the meta line", "# T\n\n*1 May 2020*\n\n[{\"id\": 1}]", true},
		{"xml prologue", "# T\n\n\\<?xml version=\"1.0\"?>\\<rss>", true},
		{"escaped tags", "# T\n\n\\<div class=\"md\">\\<p>Hey\\</p>\\</div> and \\<br/>", true},
		{"entity tags", "# T\n\n&lt;div class=\"md\"&gt;&lt;p&gt;Hey&lt;/p&gt;&lt;/div&gt;", true},
		{"byline markup", "# T\n\n*By \\<name>Jo\\</name>\\<department>\\</department> · 1 May 2020*", true},
		{"nicknames are no markup", "# T\n\n\\<L29Ah> yes \\<Minoru> no \\<L29Ah> ok \\<bob> hi", false},
		{"code blocks may hold markup", "# T\n\n```\n<html><body><p>x</p></body></html>\n```", false},
		{"inline code may hold markup", "# T\n\nUse `<p>`, `</p>`, `<div>` and `</div>`.", false},
		{"escaped json keys", "# T\n\n{\\\\\"a\\\\\": 1, \\\\\"b\\\\\": 2}", true},
		{"json keys in text", "# T\n\nconfig \"name\": \"x\", \"size\": 3, \"on\": true", true},
		{"one quoted key", "# T\n\nHe said \"stop\": and left.", false},
	} {
		got := rawMarkup(mdUnits(tc.md))
		if (got != "") != tc.want {
			t.Errorf("%s: rawMarkup = %q, want markup %v", tc.name, got, tc.want)
		}
	}
}

func TestDuplicates(t *testing.T) {
	para := "The council voted on Tuesday to close the old bridge for repairs."
	other := "Traffic will be diverted through the town centre until spring."
	for _, tc := range []struct {
		name, src, md string
		want          int
	}{
		{"paragraph shown twice", "<p>" + para + "</p><p>" + other + "</p>",
			"# T\n\n" + para + "\n\n" + other + "\n\n" + para, 1},
		{"the source repeats it too", "<p>" + para + "</p><p>" + para + "</p>",
			"# T\n\n" + para + "\n\n" + para, 0},
		{"a sentence repeated inside another paragraph", "<p>" + para + "</p><p>" + other + "</p>",
			"# T\n\n" + para + "\n\n" + other + " " + para, 1},
		{"short phrases may recur", "<p>Photo: AFP</p>", "# T\n\nPhoto: AFP\n\nPhoto: AFP", 0},
		{"title repeated by a body that is only a post", "<blockquote>Highlights of the Baltic conference 2018<br>— @someone</blockquote>",
			"# Highlights of the Baltic conference 2018\n\n> Highlights of the Baltic conference 2018\n>\n> — @someone", 0},
		{"title shown twice by the clean-up", "<p>" + other + "</p>",
			"# Highlights of the Baltic conference 2018\n\n" + other + "\n\n## Highlights of the Baltic conference 2018", 1},
		{"markup differences do not count", "<p>The <b>council</b> voted on Tuesday to close the old bridge.</p>",
			"# T\n\nThe **council** voted on Tuesday to close the old bridge.\n\n[The council voted on Tuesday to close the old bridge.](http://x/)", 1},
		{"table rows repeat", "<table><tr><td>a</td></tr></table>",
			"# T\n\n| one two three four five six |\n| --- |\n| one two three four five six |", 0},
		{"code repeats", "<pre>x</pre>", "# T\n\n```\nfor i := range items { fmt.Println(i) }\nfor i := range items { fmt.Println(i) }\n```", 0},
	} {
		title := "Highlights of the Baltic conference 2018"
		got := duplicates(append(normWords(title), parseSource(tc.src).words...), mdUnits(tc.md))
		if len(got) != tc.want {
			t.Errorf("%s: duplicates = %q, want %d", tc.name, got, tc.want)
		}
	}
}

func TestBoilerplateLeft(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"The post [Ten tips](http://x/) appeared first on [Example Blog](http://x/).", "appeared first on"},
		{"Der Beitrag Zehn Tipps erschien zuerst auf Beispiel.", "erschien zuerst auf"},
		{"La entrada Diez consejos se publicó primero en Ejemplo.", "se publicó primero en"},
		{"L’article Dix conseils est apparu en premier sur Exemple.", "est apparu en premier sur"},
		{"Ten tips was originally published in Invironment on Medium, where people are continuing the conversation.", "originally published on Medium"},
		{"Continue reading →", "continue reading"},
		{"The vote is on Tuesday. [Continue reading “Ten tips”](http://x/)", "continue reading"},
		{"I’ll remember... [read more]", "read more"},
		{"Read more", "read more"},
		{"Share this: Facebook, Twitter", "share/follow/subscribe"},
		{"Follow us on Twitter, Facebook, and Instagram.", "share/follow/subscribe"},
		{"We use cookies to improve your experience.", "cookie notice"},
		{"Related Topics", "related links"},
		{"More on this story", "related links"},
		{"More from HuffPost Canada:", "related links"},
		{"3 Comments", "comments widget"},
		{"This entry was posted in News. Bookmark the permalink.", "blog footer"},
		{"Advertisement", "advertisement"},
		{"[Follow @someone](http://twitter.com/someone)[**@someone**](http://x/)", "social card chrome"},
		{"[47 minutes ago](http://x/) via Web [*Reply*](http://x/)[*Retweet*](http://x/)[*Favorite*](http://x/)", "social card chrome"},
		{"She said she would not follow @mayor's lead on the reply, retweet or favorite question.", ""},
		{"![](http://cre.fm/wp-content/plugins/podlove/lib/modules/social/images/icons/www-128.png)", "share/follow icon or avatar"},
		{"![](https://example.org/img/twitter-icon.png)", "share/follow icon or avatar"},
		{"[Image](https://www.gravatar.com/avatar/9739?s=50)\n\n*Jo*", "share/follow icon or avatar"},
		{"![](https://example.org/2019/10/bridge.jpg)", ""},
		// Prose that only mentions the words.
		{"Since the best way to learn is to build, I port an old project. Continue reading if you want to follow along!", ""},
		{"What? Apps are sandboxed to their own data, but let’s keep reading…", ""},
		{"You can read more about the bridge in the council’s report, which lists every repair.", ""},
		{"Read more on the Testing Blog: Hermetic Servers by Chaitali Narla and Diego Salas", ""},
		{"The company said it would share its findings with regulators next week.", ""},
	} {
		u := mdUnits(tc.text)
		var got string
		if l := boilerplateLeft(u); len(l) > 0 {
			got, _, _ = strings.Cut(l[0], ":")
		}
		if got != tc.want {
			t.Errorf("%q: boilerplate %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestLostCredits(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  Source
		md   string
		want int
	}{
		{"media:credit kept", Source{ImageCredit: "Jane Doe/AFP"}, "[Image](http://x/a.jpg)\n\n*A bridge* — Photo: Jane Doe / AFP", 0},
		{"media:credit lost", Source{ImageCredit: "Jane Doe/AFP"}, "[Image](http://x/a.jpg)\n\n*A bridge*", 1},
		{"agency credit relabelled", Source{HTML: "<figure><img src=a.jpg><figcaption>A bridge. (AP Photo/Evan Vucci)</figcaption></figure>"},
			"*A bridge.* — Photo: AP / Evan Vucci", 0},
		{"agency credit lost", Source{HTML: "<p>A bridge. (AP Photo/Evan Vucci)</p>"}, "A bridge.", 1},
		{"getty", Source{HTML: "<p>The bridge at night. Chip Somodevilla/Getty Images</p>"}, "The bridge at night.", 1},
		{"courtesy of", Source{HTML: "<p>Courtesy of the Smith Family</p><p>Text.</p>"}, "Text.", 1},
		{"image credit kept", Source{HTML: "<p>Image credit: NASA/JPL</p>"}, "*Photo: NASA / JPL*", 0},
		{"code counts as output", Source{HTML: "<pre>@IBOutlet var image: WKInterfaceImage!</pre>"},
			"```\n@IBOutlet var image: WKInterfaceImage!\n```", 0},
		{"no credit", Source{HTML: "<p>Nothing to credit here.</p>"}, "Nothing to credit here.", 0},
	} {
		got := lostCredits(tc.src, parseSource(tc.src.HTML), mdUnits(tc.md))
		if len(got) != tc.want {
			t.Errorf("%s: lostCredits = %q, want %d", tc.name, got, tc.want)
		}
	}
}

func TestLostHeadings(t *testing.T) {
	body := "<p>Traffic will be diverted through the town centre until the spring.</p>"
	kept := "Traffic will be diverted through the town centre until the spring."
	for _, tc := range []struct {
		name, src, title, md string
		want                 int
	}{
		{"kept as a heading", "<h2>What happens next</h2>" + body, "T", "# T\n\n## What happens next\n\n" + kept, 0},
		{"shown as bold text", "<h3>What happens next</h3>" + body, "T", "# T\n\n**What happens next**\n\n" + kept, 1},
		{"dropped, section kept", "<h2>Links:</h2>" + body, "T", "# T\n\n" + kept, 1},
		{"dropped with its section", "<h2>Crunchbase</h2><ul><li>GOOGLE</li><li>Company: Google Website: google.com</li></ul>", "T", "# T\n\nGoogle made an app.", 0},
		{"the title", "<h2>Bridge to close</h2>" + body, "Bridge to close", "# Bridge to close\n\n" + kept, 0},
		{"boilerplate", "<h2>Related Topics</h2>" + body, "T", "# T\n\n" + kept, 0},
		{"h5 is not checked", "<h5>Small print</h5>" + body, "T", "# T\n\n" + kept, 0},
	} {
		got := lostHeadings(parseSource(tc.src).headings, tc.title, mdUnits(tc.md))
		if len(got) != tc.want {
			t.Errorf("%s: lostHeadings = %q, want %d", tc.name, got, tc.want)
		}
	}
}

func TestMdUnits(t *testing.T) {
	md := "# Title\n\n*By A*\n\nOne [link](http://x/ \"t\") and **bold** \\*star\\*.\n\n- item one\n- item *two*\n\n" +
		"> quoted\n> line\n>\n> — source\n\n```go\ncode here\n```\n\n| a | b |\n| --- | --- |\n| c | d |\n\n![](http://x/i.png)\n\n### Sub"
	var got []string
	for _, u := range mdUnits(md) {
		kind := "p"
		switch {
		case u.level > 0:
			kind = "h" + strings.Repeat("#", u.level)
		case u.code:
			kind = "code"
		case u.row:
			kind = "row"
		}
		got = append(got, kind+":"+u.text)
	}
	want := []string{"h#:Title", "p:By A", "p:One link and bold *star*.", "p:item one", "p:item two",
		"p:quoted line", "p:— source", "code:code here", "row:a | b", "row:c | d", "p:", "h###:Sub"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mdUnits:\n got %q\nwant %q", got, want)
	}
}

func TestSentences(t *testing.T) {
	got := sentences(`He left. “Why?” she asked. It was 5 p.m. on a Monday! 3 more came… Then none.`)
	want := []string{"He left.", "“Why?” she asked.", "It was 5 p.m. on a Monday!", "3 more came…", "Then none."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

func TestParseSource(t *testing.T) {
	d := parseSource("<p>Intro <b>text</b>.<script>var x = 1;</script></p><h2>Next <i>part</i></h2><h3>Sub</h3><p>Body one.</p><p>Body two words here now.</p>")
	if want := []string{"Intro text.", "Next part", "Sub", "Body one.", "Body two words here now."}; !reflect.DeepEqual(d.blocks, want) {
		t.Errorf("blocks = %q, want %q", d.blocks, want)
	}
	if len(d.headings) != 2 || d.headings[0].text != "Next part" || d.headings[0].next != "Sub Body one. Body two words here now." {
		t.Errorf("headings = %+v", d.headings)
	}
	if strings.Contains(strings.Join(d.words, " "), "var") {
		t.Errorf("script text read: %q", d.words)
	}
}

func TestShortURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://cre.fm/wp/lib/social/icons/twitter-128.png?x=1": "cre.fm/…/twitter-128.png",
		"https://example.org/a.png":                             "example.org/a.png",
		"https://www.gravatar.com/avatar/973?s=50":              "www.gravatar.com/…/973",
	} {
		if got := shortURL(in); got != want {
			t.Errorf("shortURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountSeq(t *testing.T) {
	hay := strings.Fields("a b a b a c")
	for _, tc := range []struct {
		needle string
		want   int
	}{{"a b", 2}, {"a", 3}, {"b a b", 1}, {"c d", 0}, {"", 0}} {
		if got := countSeq(hay, strings.Fields(tc.needle)); got != tc.want {
			t.Errorf("countSeq(%q) = %d, want %d", tc.needle, got, tc.want)
		}
	}
}
