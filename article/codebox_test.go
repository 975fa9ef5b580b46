package article

import (
	"testing"
)

func TestCodeBoxes(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a highlighter's box with breaks and paragraphs",
			in: `<p>Given this template:</p><div class="codesnip" style="font-family: monospace;"><span class="kw">page</span> = Render(&lt;&lt;-TPL)<br />` + "\n" +
				`&lt;ul&gt;<br />` + "\n" + `&nbsp; &lt;li&gt;one&lt;/li&gt;<br />` + "\n" + `&lt;/ul&gt;</p>` + "\n" + `<p>TPL<br />done()</p></div><p>It prints a list.</p>`,
			present: []string{"```\npage = Render(<<-TPL)\n<ul>\n  <li>one</li>\n</ul>\n\nTPL\ndone()\n```", "It prints a list."},
			absent:  []string{"&lt;", "<br"},
		},
		{
			name:    "a one-line fixed-width box",
			in:      `<p>Then call it:</p><div style="font-family: 'Courier New', monospace">result = fetch(url) # =&gt; 200</div><p>That is all.</p>`,
			present: []string{"```\nresult = fetch(url) # => 200\n```"},
		},
		{
			name:    "a styled box of prose paragraphs is not code",
			in:      `<div class="code" style="font-family: monospace"><p>First paragraph of a note.</p><ul><li>an item</li></ul></div>`,
			present: []string{"First paragraph of a note.", "- an item"},
			absent:  []string{"```"},
		},
		{
			name:    "a plain div is prose",
			in:      `<div class="entry">One line<br>and another.</div>`,
			present: []string{"One line"},
			absent:  []string{"```"},
		},
	})
}

func TestEscapedPlayers(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "an escaped iframe of a known player becomes its line",
			in: `<p>Watch the launch:</p><div>&lt;iframe width="560" height="315" src="https://www.youtube.com/embed/abcDEF12345" title="Launch day"&gt;&lt;/iframe&gt;</div>` +
				`<p>It flew for nine minutes.</p>`,
			present: []string{"Video (YouTube): Launch day — [https://www.youtube.com/watch?v=abcDEF12345]", "It flew for nine minutes."},
			absent:  []string{"<iframe", "&lt;"},
		},
		{
			name: "an escaped flash object of an unknown host goes, the words beside it stay",
			in: `<div><a href="https://slides.example/talk">My talk</a>&lt;object width="425"&gt;&lt;param name="movie" value="https://slides.example/player.swf"&gt;&lt;embed src="https://slides.example/player.swf"&gt;&lt;/embed&gt;&lt;/object&gt;` +
				`<div>View the slides or download them.</div></div>`,
			present: []string{"[My talk](https://slides.example/talk)", "View the slides or download them."},
			absent:  []string{"object", "embed", "param", "swf"},
		},
		{
			name:    "markup shown as an example in code stays",
			in:      `<p>Paste this:</p><pre><code>&lt;iframe src="https://www.youtube.com/embed/abcDEF12345"&gt;&lt;/iframe&gt;</code></pre>`,
			present: []string{`<iframe src="https://www.youtube.com/embed/abcDEF12345"></iframe>`},
			absent:  []string{"Video (YouTube)"},
		},
		{
			name:    "escaped markup holding words is text",
			in:      `<p>The tag &lt;video&gt;plays here&lt;/video&gt; is what we used.</p>`,
			present: []string{"plays here"},
		},
	})
}
