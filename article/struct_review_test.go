package article

import "testing"

// Structural and media rules must keep legitimate content: each case pairs
// what a rule must leave alone with what it was made for.

func TestWidgetsKeepDataCells(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "plain text in data cells is data, however it reads",
			in: `<table><tr><th>Keys</th><th>Action</th></tr><tr><td>Ctrl+T</td><td>New tab</td></tr><tr><td>Ctrl+N</td><td>New window</td></tr>` +
				`<tr><td>F11</td><td><span>Full screen</span></td></tr><tr><td>Ctrl+W</td><td>Close tab</td></tr></table>` +
				`<table><tr><th>Principle</th><th>Since</th></tr><tr><td>Open data</td><td>2019</td></tr><tr><td>View data</td><td>2021</td></tr><tr><td>Open standards</td><td>2020</td></tr></table>`,
			present: []string{"| Ctrl+T | New tab ", "| Ctrl+N | New window ", "| F11    | Full screen ", "| Open data ", "| View data "},
		},
		{
			name: "a link in a data cell leads somewhere: it stays",
			in: `<table><tr><th>Policy</th><th>Owner</th></tr><tr><td><a href="https://gov.example/open-data">Open data</a></td><td>Digital office</td></tr><tr><td>Procurement</td><td>Treasury</td></tr></table>` +
				`<table><tr><th>Keys</th><th>Action</th></tr><tr><td>Ctrl+Click</td><td><a href="https://help.example/tabs">Open in new tab</a></td></tr><tr><td>Ctrl+W</td><td>Close tab</td></tr></table>`,
			present: []string{"[Open data](https://gov.example/open-data)", "[Open in new tab](https://help.example/tabs)"},
		},
		{
			name: "controls that act on the table go, in cells or around them",
			in: `<table><caption>Ferry fares <a href="#" class="expand">Full screen</a> <span class="hint">Scroll right to see the full table</span></caption><tr><th>Route</th><th>Fare <button>Full screen</button></th></tr>` +
				`<tr><td>Holm</td><td>€4.50</td></tr><tr><td>Skerry <a href="javascript:void(0)">New window</a></td><td>€3.00</td></tr>` +
				`<tfoot><tr><td colspan="2"><a href="https://ferries.example/f.csv">Download CSV</a></td></tr></tfoot></table>`,
			present: []string{"| Holm ", "| Skerry ", "€3.00"},
			absent:  []string{"Full screen", "New window", "Download", "Scroll right"},
		},
		{
			name:    "a paragraph of an ordinary term is text; a control's sentence beside a table goes",
			in:      `<p>The council adopted three principles.</p><p>Open data</p><p>Every dataset is published.</p><p><a href="/t" target="_blank">Open in new window</a></p>`,
			present: []string{"Open data\n\nEvery dataset is published."},
			absent:  []string{"new window"},
		},
	})
}

func TestHowToListsKeepNumbering(t *testing.T) {
	shot := func(n string) string {
		return `<img src="https://help.example/shots/step-` + n + `.png" alt="" width="640" height="400">`
	}
	runRules(t, []ruleCase{
		{
			name: "numbered steps with a screenshot each stay a numbered list",
			in: `<p>To turn on backups:</p><ol><li>Open <strong>Settings</strong>.` + shot("1") + `</li><li>Tap <strong>Backup</strong>, then <em>Turn on</em>.` + shot("2") + `</li>` +
				`<li>Choose how often.</li><li><p>Wait for the first backup.</p>` + shot("4") + `</li></ol><p>That is all.</p>`,
			present: []string{"1. Open **Settings**.\n\n![](https://help.example/shots/step-1.png)\n\n2. Tap **Backup**, then *Turn on*.\n\n![](https://help.example/shots/step-2.png)\n\n3. Choose how often.\n4. Wait for the first backup.\n\n![](https://help.example/shots/step-4.png)\n\nThat is all."},
		},
		{
			name: "a step's figure keeps its caption",
			in: `<ol><li><p>Open the <a href="https://help.example/app">app</a>.</p><figure>` + shot("1") + `<figcaption>The home screen.</figcaption></figure></li>` +
				`<li><p>Tap the menu.</p></li></ol>`,
			present: []string{"1. Open the [app](https://help.example/app).\n\n[Image](https://help.example/shots/step-1.png)\n\n*The home screen.*\n\n2. Tap the menu."},
		},
		{
			name: "an icon that starts each entry stays before it",
			in: `<ul><li><img src="https://help.example/ico/text.png" alt="Text"> <code>Text</code>: format each task as one line of the list, with a dash and a tab before it.</li>` +
				`<li><img src="https://help.example/ico/text.png" alt="Text"> <code>Combine Text</code>: join the tasks together, one line each, so that the inbox gets them all at once.</li></ul>`,
			present: []string{"text.png)\n\n- `Text`: format each task", "text.png)\n\n- `Combine Text`: join"},
		},
		{
			name:    "an ordered list's own start is kept",
			in:      `<ol start="5"><li>Restart the phone.` + shot("5") + `</li><li>Check the date.</li></ol>`,
			present: []string{"5. Restart the phone.\n\n![](https://help.example/shots/step-5.png)\n\n6. Check the date."},
		},
		{
			name: "a list of pictures with their captions is a gallery",
			in: `<p>Our week at sea.</p><ul><li><img src="https://sea.example/p/dawn.jpg" alt=""><span class="caption">Dawn over Holm</span></li>` +
				`<li><img src="https://sea.example/p/quay.jpg" alt="">The quay at noon</li><li><img src="https://sea.example/p/gulls.jpg" alt=""></li></ul>`,
			present: []string{"![](https://sea.example/p/dawn.jpg)", "![](https://sea.example/p/gulls.jpg)", "The quay at noon"},
			absent:  []string{"- ", "1. "},
		},
	})
}

func TestLargeImagesAreNotDecorations(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a name with a decoration's word in a longer title, a large logo",
			in: `<p>The first still is out.</p><p><img src="https://film.example/uploads/2025/06/avatar-fire-and-ash-still-1024x576.jpg" alt="Jake and Neytiri"></p>` +
				`<p>Her style endures.</p><p><img src="https://mag.example/img/style-icon-audrey-hepburn.jpg" alt="Audrey Hepburn in 1954"></p>` +
				`<p>The council unveiled its new logo.</p><p><img src="https://town.example/media/brand-2026.png" alt="Logo" width="800" height="450"></p><p>It cost little.</p>`,
			present: []string{"avatar-fire-and-ash-still-1024x576.jpg", "style-icon-audrey-hepburn.jpg", "brand-2026.png", "It cost little."},
		},
		{
			name: "avatars, icons and small logos still go",
			in: `<p>Posted by Ana.</p><p><img src="https://blog.example/img/avatar.png" alt=""><img src="https://blog.example/img/icon-twitter.svg" alt="">` +
				`<img src="https://blog.example/avatars/123.jpg" alt=""><img src="https://blog.example/img/site-logo.png" alt="Logo"><img src="https://blog.example/img/default-avatar-32x32.jpg" alt="">` +
				`<img src="https://blog.example/img/user-icon.png" alt="Avatar" width="40" height="40"></p><p>Body.</p>`,
			present: []string{"Posted by Ana.", "Body."},
			absent:  []string{"Image", "avatar", "icon", "logo"},
		},
	})
}

func TestQueryNamesTheImage(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "two photos served by one script are two figures",
			in: `<p>Two finds.</p><figure><img src="https://museum.example/getimage.php?id=101&amp;w=600"><figcaption>A bronze pin.</figcaption></figure>` +
				`<figure><img src="https://museum.example/getimage.php?id=102&amp;w=600"><figcaption>A glass bead.</figcaption></figure>`,
			present: []string{"getimage.php?id=101", "getimage.php?id=102", "*A bronze pin.*", "*A glass bead.*"},
		},
		{
			name: "one photo at two sizes is one figure, the larger",
			in: `<p>The find.</p><figure><img src="https://cdn.example/img/pin.jpg?w=300&amp;q=80&amp;id=7"><figcaption>A bronze pin.</figcaption></figure>` +
				`<p><img src="https://cdn.example/img/pin.jpg?id=7&amp;w=1200&amp;auto=format"></p>`,
			once:    []string{"[Image]", "A bronze pin."},
			present: []string{"pin.jpg?id=7&w=1200"},
		},
	})
}

func TestMonospaceProseIsNotCode(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a travel post set in Courier is prose",
			in: `<div style="font-family: &quot;courier new&quot;, courier, monospace;">We reached the lake at dusk, tired but happy.<br>` +
				`The <a href="https://camps.example/lakeside">campsite</a> was full, so we slept (badly) in the car.<br><br><i>Next morning</i> the sun came out; we swam.</div>`,
			present: []string{"[campsite](https://camps.example/lakeside)", "*Next morning*"},
			absent:  []string{"```"},
		},
		{
			name:    "code set in Courier is still code",
			in:      `<p>Add this:</p><div style="font-family: courier new, monospace">if (n &gt; 0) {<br>&nbsp;&nbsp;total += n;<br>}</div><p>Done.</p>`,
			present: []string{"```\nif (n > 0) {\n  total += n;\n}\n```"},
		},
	})
}

func TestEscapedPlayerInSentenceIsText(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "markup quoted in a sentence stays in it",
			in:      `<p>Paste the code, which looks like &lt;iframe src="https://www.youtube.com/embed/abcDEF12345"&gt;&lt;/iframe&gt; into it.</p><p>Then save.</p>`,
			present: []string{`which looks like &lt;iframe src="https://www.youtube.com/embed/abcDEF12345"&gt;&lt;/iframe&gt; into it.`},
			absent:  []string{"Video (YouTube)"},
		},
		{
			name:    "markup alone in its paragraph is a player",
			in:      `<p>The talk:</p><p> &lt;iframe src="https://www.youtube.com/embed/abcDEF12345"&gt;&lt;/iframe&gt; </p><p>Questions followed.</p>`,
			present: []string{"Video (YouTube):", "Questions followed."},
			absent:  []string{"<iframe"},
		},
	})
}

func TestBodyParagraphIsNoCaption(t *testing.T) {
	const img = `<p><img src="https://harbour.example/img/plans-1911.jpg" alt=""></p>`
	runRules(t, []ruleCase{
		{
			name:    "a paragraph ending in a loan's credit stays body text",
			in:      `<p>The exhibition opens on Friday.</p>` + img + `<p>The plans, drawn in 1911, were lent for the exhibition (courtesy of the Harbour Trust).</p><p>Entry is free.</p>`,
			present: []string{"\n\nThe plans, drawn in 1911, were lent for the exhibition (courtesy of the Harbour Trust).\n\nEntry is free."},
			absent:  []string{"*The plans", "— Photo"},
		},
		{
			name:    "a long paragraph with a credit at its end is body text",
			in:      `<p>Intro.</p>` + img + `<p>The harbour board first met in 1911, when the town had two quays and a single crane; its plans for a third quay, a breakwater and a ferry terminal took twenty years to build and changed the shape of the bay for good. Photo: Harbour Trust</p>`,
			absent:  []string{"*The harbour board"},
			present: []string{"took twenty years"},
		},
		{
			name:    "a short caption with its credit is taken",
			in:      `<p>Intro.</p>` + img + `<p>The 1911 plans (courtesy of the Harbour Trust)</p><p>Entry is free.</p>`,
			present: []string{"*The 1911 plans* — Photo: courtesy of the Harbour Trust"},
		},
		{
			name:    "a caption in small print is taken",
			in:      `<p>Intro.</p>` + img + `<p><small>The plans were drawn in 1911. Photo: Jane Holt / Harbour Trust</small></p>`,
			present: []string{"*The plans were drawn in 1911.* — Photo: Jane Holt / Harbour Trust"},
		},
	})
}
