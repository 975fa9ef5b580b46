package article

import "testing"

func TestQuoteKeepsItsAttribution(t *testing.T) {
	const q = "We will have the slipway open before the first crab boats come in."
	const said = "> " + q + "\n>\n> — Ines Moreau, harbour master"
	runRules(t, []ruleCase{
		{
			name:    "footer inside the quote",
			in:      `<blockquote><p>` + q + `</p><footer>— Ines Moreau, harbour master</footer></blockquote><p>Body.</p>`,
			present: []string{said + "\n\nBody."},
		},
		{
			name:    "cite inside the quote (WordPress quote block)",
			in:      `<blockquote class="wp-block-quote"><p>` + q + `</p><cite>Ines Moreau, harbour master</cite></blockquote><p>Body.</p>`,
			present: []string{said + "\n\nBody."},
		},
		{
			name:    "cite right after the quote",
			in:      `<blockquote><p>` + q + `</p></blockquote>` + "\n" + `<cite>– Ines Moreau, harbour master</cite><p>Body.</p>`,
			present: []string{said + "\n\nBody."},
			absent:  []string{"— –", "— —"},
		},
		{
			name:    "a paragraph holding only a cite after the quote",
			in:      `<blockquote><p>` + q + `</p></blockquote><p>— <cite>Ines Moreau, harbour master</cite></p><p>Body.</p>`,
			present: []string{said + "\n\nBody."},
		},
		{
			name:    "a quote in a figure, its speaker in the figcaption",
			in:      `<figure class="quote"><blockquote><p>` + q + `</p></blockquote><figcaption>Ines Moreau, harbour master</figcaption></figure><p>Body.</p>`,
			present: []string{said + "\n\nBody."},
			absent:  []string{"*Ines Moreau"},
		},
		{
			name:    "an attribution span inside the quote",
			in:      `<blockquote class="quote-box"><span class="quote">` + q + `</span><span class="attribution" style="display:block;">Ines Moreau, harbour master</span></blockquote><p>Body.</p>`,
			present: []string{said + "\n\nBody."},
		},
		{
			name:    "a cite naming a work inside the text stays where it is",
			in:      `<blockquote><p>As <cite>The Tide Tables</cite> put it, the water always comes back.</p></blockquote><p>Body.</p>`,
			present: []string{"> As The Tide Tables put it, the water always comes back.\n\nBody."},
			absent:  []string{"— The Tide Tables"},
		},
		{
			name:    "a cite that links its source keeps the link",
			in:      `<blockquote><p>` + q + `</p><cite><a href="https://gazette.example/2026/03/slipway">Kelpie Bay Gazette</a></cite></blockquote>`,
			present: []string{"> " + q + "\n>\n> — [Kelpie Bay Gazette](https://gazette.example/2026/03/slipway)"},
		},
	})
}

func TestPullQuoteRepeatingTheBodyIsDropped(t *testing.T) {
	const s = "The crab boats will not wait for the council"
	const body = `<p>Ines Moreau has run the harbour for eleven years. "` + s + `," she said on Monday, pointing at the cracked concrete.</p>`
	runRules(t, []ruleCase{
		{
			name:    "an aside after the paragraph it repeats",
			in:      body + `<aside class="pullquote">` + s + `</aside><p>Repairs start in April.</p>`,
			once:    []string{s},
			present: []string{"Repairs start in April."},
		},
		{
			name: "a WordPress pull quote before the paragraph, with its cite",
			in: `<p>Repairs start in April.</p><figure class="wp-block-pullquote"><blockquote><p>“` + s + `”</p><cite>Ines Moreau</cite></blockquote></figure>` +
				body,
			once:   []string{s},
			absent: []string{"> —"},
		},
		{
			name:    "a pull quote with its speaker said differently",
			in:      body + `<blockquote class="pull-quote">“` + s + `,” Moreau said of the repairs.</blockquote><p>Repairs start in April.</p>`,
			once:    []string{s},
			absent:  []string{"said of the repairs"},
			present: []string{"Repairs start in April."},
		},
		{
			name:    "a pull quote cut with an ellipsis",
			in:      body + `<div class="article-pullout"><p>“The crab boats will not wait … she said on Monday”</p></div>`,
			once:    []string{"The crab boats will not wait"},
			absent:  []string{"> "},
			present: []string{"pointing at the cracked concrete"},
		},
		{
			name:    "a pull quote the body does not hold stays, as a quote",
			in:      body + `<aside class="pullquote"><p>Eleven years, and never a winter like this one.</p><p class="pullquote-author">Ines Moreau</p></aside>`,
			present: []string{"> Eleven years, and never a winter like this one.\n>\n> — Ines Moreau", s},
		},
		{
			name:    "a sidebar aside the body does not hold stays as it is",
			in:      body + `<aside><p>The harbour office is open 8am to 4pm on weekdays.</p></aside>`,
			present: []string{"\n\nThe harbour office is open 8am to 4pm on weekdays."},
			absent:  []string{"> The harbour office"},
		},
		{
			name:    "an ordinary quote repeating the body stays",
			in:      body + `<blockquote><p>` + s + `</p></blockquote>`,
			present: []string{"> " + s},
		},
	})
}
