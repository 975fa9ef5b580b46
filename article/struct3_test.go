package article

import "testing"

// Content that structural markup hides: buttons holding words, screen-reader
// classes on a part, footnotes, code gutters and player clocks.

func TestButtonsHoldingContent(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a sortable table's header buttons are its column names; sort labels go",
			in: `<table><thead><tr><th aria-sort="ascending"><button>Ward</button></th><th><button class="sort">Turnout <span aria-hidden="true">▼</span></button></th><th>Seats <button>Sort</button></th></tr></thead>` +
				`<tbody><tr><td>North</td><td>61%</td><td>4</td></tr><tr><td>South</td><td><button class="cell">48%</button></td><td>3</td></tr></tbody></table>`,
			present: []string{"| Ward  | Turnout | Seats |", "| South | 48%     | 3     |"},
			absent:  []string{"Sort", "▼"},
		},
		{
			name:    "an accordion's question is its heading; a lone chrome button is not text",
			in:      `<div class="faq"><div class="q"><button aria-expanded="false" aria-controls="a1">Who can apply for the grant?</button><div id="a1" class="panel"><p>Any resident over 18.</p></div></div></div><p>Read on <button>Close</button> below.</p><div><button>Share</button></div><p>More text.</p>`,
			present: []string{"Who can apply for the grant?\n\nAny resident over 18.", "Read on below."},
			absent:  []string{"Close", "Share"},
		},
	})
}

func TestFieldLabelHiddenKeepsField(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "Drupal field with a visually hidden label keeps its image and caption",
			in: `<p>The new footbridge opened on Monday after two years of work.</p><div class="field field--name-field-media-image field--type-image field--label-visually_hidden">` +
				`<div class="field__label visually-hidden">Image</div><div class="field__item"><figure><img src="https://news.example/sites/default/files/bridge.jpg" alt="" width="900" height="600">` +
				`<figcaption>The bridge at dawn. <span class="credit">Photo: Dan Price</span></figcaption></figure></div></div><p>Traffic is expected to ease.</p>`,
			present: []string{"(https://news.example/sites/default/files/bridge.jpg)", "The bridge at dawn."},
			absent:  []string{"Image\n"},
		},
		{
			name:    "screen-reader-only classes, plain or prefixed, still hide",
			in:      `<p>Visible words here.<span class="sr-only">(opens in new window)</span></p><p>More<span class="govuk-visually-hidden"> hidden label</span> text. <span class="visually_hidden">Skip</span></p>`,
			present: []string{"Visible words here.", "More text."},
			absent:  []string{"opens in new window", "hidden label", "Skip"},
		},
	})
}

func TestFootnotes(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "kramdown: reference after the word, back link gone, note kept",
			in: `<p>The idea was first proposed in 2004<sup id="fnref:1"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> and shelved.</p>` +
				`<div class="footnotes" role="doc-endnotes"><ol><li id="fn:1"><p>See <a href="https://example.org/report">the report</a>.&nbsp;<a href="#fnref:1" class="reversefootnote" role="doc-backlink">↩︎</a></p></li></ol></div>`,
			present: []string{"proposed in 2004[1] and shelved", "1. See [the report](https://example.org/report)."},
			absent:  []string{"20041", "↩"},
		},
		{
			name: "Pandoc and Goldmark references, Gutenberg back links",
			in: `<p>Rivers flood<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> each spring, says Hugo<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>.</p>` +
				`<section class="footnotes"><hr><ol><li id="fn1"><p>Since 1990. <a href="#fnref1" class="footnote-back">↩</a></p></li><li id="fn:2"><p>In his notes. <a href="#fn-link-2" aria-label="Jump to footnote reference 2">↩︎</a></p></li></ol></section>`,
			present: []string{"Rivers flood[1] each spring, says Hugo[2].", "Since 1990.", "In his notes."},
			absent:  []string{"↩", "flood1"},
		},
		{
			name: "Substack notes keep their number with their text",
			in: `<p>Writers matter<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a> to us.</p>` +
				`<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number" contenteditable="false">1</a><div class="footnote-content"><p>As argued <a href="https://example.org/x">here</a>.</p></div></div>`,
			present: []string{"Writers matter[1] to us.", "[1] As argued [here](https://example.org/x)."},
			absent:  []string{"\n1\n"},
		},
		{
			name:    "a plain superscript is not a note",
			in:      `<p>The flat has 40 m<sup>2</sup> on the 1<sup>st</sup> floor, see <a href="#plan">plan 3</a>.</p>`,
			present: []string{"40 m2 on the 1st floor, see plan 3."},
			absent:  []string{"[2]", "[st]"},
		},
	})
}

func TestCodeGutters(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "Chroma and Rouge line-number columns go, the code stays",
			in: `<p>The handler:</p><div class="highlight"><table class="lntable"><tr><td class="lntd"><pre class="chroma"><code><span class="lnt">1
</span><span class="lnt">2
</span></code></pre></td><td class="lntd"><pre class="chroma"><code>func main() {
}</code></pre></td></tr></table></div><table class="rouge-table"><tbody><tr><td class="rouge-gutter gl"><pre class="lineno">1
2
</pre></td><td class="rouge-code"><pre>puts "hi"
puts "bye"</pre></td></tr></tbody></table>`,
			present: []string{"```\nfunc main() {\n}\n```", "```\nputs \"hi\"\nputs \"bye\"\n```"},
			absent:  []string{"1\n2"},
		},
		{
			name:    "a data column classed as numbers is data",
			in:      `<table><tr><th>Line</th><th>Stop</th></tr><tr><td class="ln">1</td><td>Central</td></tr><tr><td class="ln">2</td><td>Market</td></tr></table>`,
			present: []string{"| 1    | Central |", "| 2    | Market  |"},
		},
	})
}

func TestPlayerClocks(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a Ghost audio card and a MediaElement player lose their clocks",
			in: `<p>Listen below.</p><div class="kg-card kg-audio-card"><div class="kg-audio-player-container"><audio src="https://example.com/ep1.mp3"></audio><div class="kg-audio-title">Episode 1: Rivers</div>` +
				`<div class="kg-audio-player"><span class="kg-audio-current-time">0:00</span><div class="kg-audio-time">/<span class="kg-audio-duration">1:12:04</span></div><button class="kg-audio-playback-rate">1×</button></div></div></div>` +
				`<div class="mejs-container mejs-audio"><div class="mejs-controls"><div class="mejs-time mejs-currenttime-container"><span class="mejs-currenttime">00:00</span></div><div class="mejs-time"><span class="mejs-duration">05:12</span></div></div></div><p>Notes follow.</p>`,
			present: []string{"Audio: ", "Episode 1: Rivers", "Notes follow."},
			absent:  []string{"0:00", "1:12:04", "1×", "05:12"},
		},
		{
			name:    "times outside a player are data",
			in:      `<table><tr><th>Train</th><th>Time</th></tr><tr><td>Express</td><td class="time">10:30</td></tr><tr><td>Local</td><td class="time">11:05</td></tr></table><p>Doors open at <span class="time">19:30</span>.</p>`,
			present: []string{"| Express | 10:30 |", "Doors open at 19:30."},
		},
	})
}

func TestTitleFromHeadline(t *testing.T) {
	page := func(title, h1 string) string {
		return `<html><head><title>` + title + `</title></head><body><article><h1>` + h1 + `</h1><p>The council voted on Tuesday to approve a scheme of 120 new homes on the old depot site, ending a long dispute.</p>` +
			`<p>Residents had objected to the plans for over two years, citing traffic and the loss of green space along the river.</p><p>Work is expected to start next spring.</p></article></body></html>`
	}
	for _, tc := range []struct{ title, h1, want string }{
		{"Town approves housing scheme | Valley Echo", "Town approves housing scheme", "Town approves housing scheme"},
		{"Valley Walks: The mill race", "The mill race", "The mill race"},
		{"Town approves housing scheme — Valley Echo", "Town approves housing scheme", "Town approves housing scheme"},
	} {
		d, err := FromPage(page(tc.title, tc.h1), Meta{Link: "https://echo.example/a"})
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != tc.want {
			t.Errorf("title %q, h1 %q: got %q, want %q", tc.title, tc.h1, d.Title, tc.want)
		}
	}
}

func TestTitleByHeadlineNeedsWholePart(t *testing.T) {
	h1s := []string{norm("What changes")}
	for _, title := range []string{"Budget 2025: What changes for renters", "What changes - and what stays"} {
		if got := titleByHeadline(title, h1s); got != title {
			t.Errorf("%q: got %q, want it whole", title, got)
		}
	}
	if got := titleByHeadline("Valley Echo | What changes", h1s); got != "What changes" {
		t.Errorf("site first: got %q", got)
	}
}
