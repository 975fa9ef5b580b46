package article

import "strings"

// Rules for other stories' teasers that a page sets inside its article.

// thumbWidth is the width under which a page draws a picture as a
// thumbnail.
const thumbWidth = 240

// teaserCards drops runs of three or more story teasers: a heading and a
// one-line headline under it, often after a thumbnail ("### RANDY ANDY",
// "Andrew parties in unearthed pics…"), as the "most read" rails of news
// sites lay them out. A rail shows thumbnails, or its cards lead to other
// stories (by the picture when there is one) and it sits at the edge of
// the text. Cards with photos of full size that lead nowhere, or set
// between paragraphs of text, are a list article's ("The Old Man of
// Storr", "Two hours there and back from the car park").
func (c *cleaner) teaserCards() {
	type card struct {
		idx     []int
		picture bool
	}
	rail := func(run []card) bool {
		thumbs, links := true, true
		for _, cd := range run {
			linked := false
			for _, j := range cd.idx {
				switch it := &c.items[j]; {
				case it.Kind == FigureBlock:
					w, _ := pictureSize(it)
					thumbs = thumbs && w > 0 && w < thumbWidth
					// A teaser's picture links to its story; a list
					// article's links, if any, are in its words.
					linked = it.href != "" && c.storyLink(it.href)
				case cd.picture:
				case it.Kind == Heading:
					linked = linked || it.links
				case it.Kind == Paragraph:
					linked = linked || it.links && c.teaserParagraph(it)
				}
			}
			links = links && linked
		}
		last := run[len(run)-1].idx
		return thumbs || links && !c.textAround(run[0].idx[0], last[len(last)-1])
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
		if len(run) >= 3 && pictures*2 >= len(run) && rail(run) {
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
// story of the site ("- [Photos: Europa, Mysterious Icy Moon](…)"): a
// related-stories box inside the article. A list the text introduces
// ("…the pieces I keep coming back to:") or that leads elsewhere is a
// reading list, and stays.
func (c *cleaner) teaserLists() {
	for i, it := range c.kept() {
		if it.Kind != List || !it.links || len(it.Items) < 2 {
			continue
		}
		if p := c.prev(i); p >= 0 && c.items[p].Kind == Paragraph && strings.HasSuffix(strings.TrimSpace(c.items[p].plain), ":") {
			continue
		}
		headlines := true
		for _, e := range it.Items {
			m := markdownLink.FindStringSubmatch(e)
			if n := wordCount(plainMarkdown(e)); n < 3 || n > 25 || m == nil || !c.storyLink(m[1]) {
				headlines = false
				break
			}
		}
		if headlines {
			it.drop = true
		}
	}
}

// textAround reports whether real paragraphs come both before item i and
// after item j.
func (c *cleaner) textAround(i, j int) bool {
	before, after := false, false
	for k, it := range c.kept() {
		if realParagraph(it) {
			before = before || k < i
			after = after || k > j
		}
	}
	return before && after
}
