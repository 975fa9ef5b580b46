package article

import "strings"

// Rules for other stories' teasers that a page sets inside its article.

// teaserCards drops runs of three or more story teasers: a heading and a
// one-line headline under it, often after a thumbnail ("### RANDY ANDY",
// "Andrew parties in unearthed pics…"), as the "most read" rails of news
// sites lay them out.
func (c *cleaner) teaserCards() {
	type card struct {
		idx     []int
		picture bool
	}
	var run []card
	flush := func() {
		pictures := 0
		for _, cd := range run {
			if cd.picture {
				pictures++
			}
		}
		// Teasers come with thumbnails; sections of a Q&A or a list
		// article mostly do not.
		if len(run) >= 3 && pictures*2 >= len(run) {
			for _, cd := range run {
				for _, j := range cd.idx {
					c.items[j].drop = true
				}
			}
		}
		run = run[:0]
	}
	for i := 0; i < len(c.items); {
		if c.items[i].drop {
			i++
			continue
		}
		var idx []int
		j := i
		if c.items[j].Kind == FigureBlock && c.items[j].Figure.Caption == "" {
			idx = append(idx, j)
			if j = c.next(j); j < 0 {
				break
			}
		}
		// Labels such as "Warning" may sit between picture and heading.
		if c.items[j].Kind == Paragraph && wordCount(c.items[j].plain) <= 2 && !endsSentence(c.items[j].plain) {
			if k := c.next(j); k >= 0 && c.items[k].Kind == Heading {
				idx = append(idx, j)
				j = k
			}
		}
		if c.items[j].Kind != Heading || strings.HasSuffix(c.items[j].plain, "?") || strings.HasSuffix(c.items[j].plain, ":") {
			flush()
			i = j + 1
			continue
		}
		k := c.next(j)
		if k < 0 || c.items[k].Kind != Paragraph || !headlineLike(c.items[k].plain) || wordCount(c.items[k].plain) < 4 || endsSentence(c.items[k].plain) {
			flush()
			i = j + 1
			continue
		}
		run = append(run, card{idx: append(idx, j, k), picture: len(idx) > 0 && c.items[idx[0]].Kind == FigureBlock})
		i = k + 1
	}
	flush()
}

// teaserLists drops lists whose every entry is only a link to another
// story's headline ("- [Photos: Europa, Mysterious Icy Moon](…)"): a
// related-stories box inside the article.
func (c *cleaner) teaserLists() {
	for _, it := range c.kept() {
		if it.Kind != List || !it.links || len(it.Items) < 2 {
			continue
		}
		headlines := true
		for _, e := range strings.Split(it.plain, "\n") {
			if n := wordCount(e); n < 3 || n > 25 {
				headlines = false
				break
			}
		}
		if headlines {
			it.drop = true
		}
	}
}
