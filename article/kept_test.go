package article

import "testing"

// The cases below hold article text that looks like chrome. Each runs on a
// feed fragment (FromHTML) and, where page rules apply, on a whole page
// (FromPage).

const (
	keptFirst = `<p>The harbour board approved four electric cranes on Tuesday, ending a two-year argument over the cost of rebuilding the north quay.</p>`
	keptLast  = `<p>Work on the quay starts in the spring, and the first crane should arrive from the yard in Rotterdam before the end of the summer.</p>`
)

func TestLinkLinesStay(t *testing.T) {
	report := `<p><a href="https://agency.example/report">Read the full report from the agency</a>.</p>`
	runRules(t, []ruleCase{
		{
			name:    "a link sentence between paragraphs",
			in:      keptFirst + report + keptLast,
			present: []string{"[Read the full report from the agency](https://agency.example/report).\n\nWork on the quay"},
		},
		{
			name:    "a link naming its subject",
			in:      keptFirst + `<p><a href="https://news.example/history">Read more about the harbour's history</a>.</p>` + keptLast,
			present: []string{"[Read more about the harbour's history](https://news.example/history)."},
		},
		{
			name:    "a read-more link inside a sentence",
			in:      keptFirst + `<p>Those who want to <a href="https://news.example/x">continue reading</a> can find the minutes online.</p>` + keptLast,
			present: []string{"Those who want to [continue reading](https://news.example/x) can find the minutes online."},
		},
		{
			name:    "a teaser's read-more link goes, with its full stop",
			in:      keptFirst + `<p>The cranes are painted blue. <a href="https://news.example/x">Read more »</a></p><p><a href="https://news.example/x">Continue reading</a>.</p>`,
			present: []string{"The cranes are painted blue."},
			absent:  []string{"Read more", "Continue reading", "\n\n."},
		},
	})
	runPages(t, []pageCase{
		{
			name:    "page: a link sentence before the last short paragraph",
			content: paragraphs(pageBody...) + report + `<p>The council meets again on Monday.</p>`,
			present: []string{"[Read the full report from the agency](https://agency.example/report).\n\nThe council meets again on Monday."},
		},
		{
			name:    "page: a link sentence in the middle",
			content: paragraphs(pageBody[:2]...) + report + paragraphs(pageBody[2:]...),
			once:    []string{"[Read the full report from the agency](https://agency.example/report)."},
		},
		{
			name:    "page: teaser headlines after the article still go",
			content: paragraphs(pageBody...) + `<p><a href="/news/1">Ferry fares to rise in April</a></p><p><a href="/news/2">New school opens on Holm</a></p>`,
			absent:  []string{"Ferry fares", "New school"},
		},
	})
}

func TestListAfterTableStays(t *testing.T) {
	table := `<table><tr><th>Crane</th><th>Arrives</th></tr><tr><td>One</td><td>June</td></tr><tr><td>Two</td><td>August</td></tr></table>`
	list := `<ul><li><a href="https://yard.example/1">Crane one</a> is tested in Rotterdam first</li><li><a href="https://yard.example/2">Crane two</a> comes by barge</li></ul>`
	runRules(t, []ruleCase{{
		name:    "feed: a list with links after a table",
		in:      keptFirst + table + list,
		present: []string{"| Two   | August  |\n\n- [Crane one](https://yard.example/1) is tested in Rotterdam first\n- [Crane two](https://yard.example/2) comes by barge"},
	}})
	runPages(t, []pageCase{
		{
			name:    "page: a list with links after a closing table",
			content: paragraphs(pageBody...) + table + list,
			present: []string{"| One   | June    |", "- [Crane one](https://yard.example/1) is tested in Rotterdam first"},
		},
		{
			name:    "page: a plain list after a table, then a link sentence",
			content: paragraphs(pageBody...) + table + `<ul><li>Crane one is tested in Rotterdam first</li><li>Crane two comes by barge from the yard</li></ul><p><a href="https://yard.example/">See the yard's own schedule</a>.</p><p>The quay reopens in October.</p>`,
			present: []string{"- Crane two comes by barge from the yard", "[See the yard's own schedule](https://yard.example/).", "The quay reopens in October."},
		},
	})
}

func TestLineBetweenFiguresStays(t *testing.T) {
	fig := func(name, caption string) string {
		c := ""
		if caption != "" {
			c = "<figcaption>" + caption + "</figcaption>"
		}
		return `<figure><img src="https://img.example/` + name + `.jpg" alt="">` + c + `</figure>`
	}
	runRules(t, []ruleCase{
		{
			name:    "between two figures",
			in:      keptFirst + fig("a", "") + `<p>Then the second crane arrived.</p>` + fig("b", "") + keptLast,
			present: []string{"![](https://img.example/a.jpg)\n\nThen the second crane arrived.\n\n![](https://img.example/b.jpg)"},
		},
		{
			name:    "between two captioned figures",
			in:      keptFirst + fig("a", "The first crane on the quay.") + `<p>Then the second crane arrived.</p>` + fig("b", "The second crane on the barge.") + keptLast,
			present: []string{"*The first crane on the quay.*\n\nThen the second crane arrived.\n\n[Image](https://img.example/b.jpg)"},
		},
		{
			name: "a gallery keeps every caption",
			in: keptFirst + `<figure class="wp-block-gallery has-nested-images">` + fig("a", "The first crane on the quay.") + fig("b", "The second crane on the barge.") +
				`<figcaption class="blocks-gallery-caption">Both cranes were built in Rotterdam.</figcaption></figure>` + keptLast,
			once: []string{"*The first crane on the quay.*", "*The second crane on the barge.*", "Both cranes were built in Rotterdam."},
		},
		{
			name:    "a paragraph between the images of one figure",
			in:      keptFirst + `<figure><img src="https://img.example/a.jpg"><p>Then the second crane arrived, a week late.</p><img src="https://img.example/b.jpg"></figure>` + keptLast,
			present: []string{"![](https://img.example/a.jpg)\n\nThen the second crane arrived, a week late.\n\n![](https://img.example/b.jpg)"},
		},
	})
	runPages(t, []pageCase{{
		name:    "page: between two figures",
		content: paragraphs(pageBody[:2]...) + fig("a", "") + `<p>Then the second crane arrived.</p>` + fig("b", "") + paragraphs(pageBody[2:]...),
		present: []string{"Then the second crane arrived."},
	}})
}
