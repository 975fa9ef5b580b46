package article

// Date lines on a whole page. In the page's header a date line only says
// when the article was published, and goes; in the text, dates and times
// on lines of their own head a diary's entries or stamp a live blog's
// posts, and stay. The header's own date line keeps its label or its look
// apart from them.

// datedLabel starts a date line that labels itself as the page's:
// "Updated …", "Published on …".
var datedLabel *lazyRegexp

// dateForm is how a date line is set: its kind of block, bold or not, and
// the tag and class of the element it sits in (a live blog sets each post
// in an element of its own, all of one class).
type dateForm struct {
	kind BlockKind
	bold bool
	box  string
}

func formOf(it *item) dateForm {
	f := dateForm{kind: it.Kind, bold: it.bold}
	if it.box != nil {
		f.box = it.box.Data + "." + attr(it.box, "class")
	}
	return f
}

// dateLine reports whether a paragraph or heading is only a date or a time.
func dateLine(it *item) bool {
	return (it.Kind == Paragraph || it.Kind == Heading) && isDateLine(it.plain)
}

// dateSeries returns how the date lines without a label that come after
// the first paragraph of text are set: the headings of a diary's entries,
// a live blog's time stamps. A date line before the text set the same way
// is the first of them.
func (c *cleaner) dateSeries() map[dateForm]bool {
	forms := map[dateForm]bool{}
	text := false
	for _, it := range c.kept() {
		switch {
		case !text:
			text = realParagraph(it)
		case dateLine(it) && !datedLabel.MatchString(it.plain):
			forms[formOf(it)] = true
		}
	}
	return forms
}

// inSeries reports whether a date line is one of the text's (see
// dateSeries).
func inSeries(it *item, forms map[dateForm]bool) bool {
	return dateLine(it) && !datedLabel.MatchString(it.plain) && forms[formOf(it)]
}

func init() {
	register(func() {
		datedLabel = compileLater(`(?i)^(?:last\s+)?(?:updated|published|posted|modified)\b`)
	})
}
