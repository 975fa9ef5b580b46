package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Table widgets: the controls a page draws around and inside its tables
// ("Expand table", "Open in new window", "Download CSV", sort toggles)
// are not part of the table.

var (
	// widgetLabel is the whole text of a table control that is never
	// anything else.
	widgetLabel *lazyRegexp

	// toggleLabel is the text of a control that sorts, filters or pages
	// a table; as these are ordinary words too, only links and buttons
	// holding nothing else go.
	toggleLabel *lazyRegexp

	// controlClass marks an element drawn as a control.
	controlClass *lazyRegexp
)

// weakWidget is a widget label that is also an ordinary term, as a cell
// of data may hold it: a shortcut's "New tab", a policy's "Open data",
// "Full screen". It goes only as a control that acts on the page.
var weakWidget *lazyRegexp

// isWidget reports whether text is a widget label that is never anything
// else ("Expand table", "Download CSV", "Open in new window").
func isWidget(text string) bool {
	return text != "" && len(text) < 80 && widgetLabel.MatchString(text) && !weakWidget.MatchString(text)
}

// Where in a table an element stands, for dropWidgets.
const (
	aroundCells = iota // a caption, a toolbar between the rows
	edgeCell           // a header cell, a cell of the head or the foot
	dataCell           // a cell of the body
)

// downloadLabel is a widget label that offers the table as a file.
var downloadLabel *lazyRegexp

// dropWidgets removes from table t the controls whose whole text is a
// widget label; a cell holding one stays, so the columns do. A control
// goes when it acts on the page itself ("#", a script, a button) or
// offers the table as a file; in the head, the foot or a caption also a
// link whose label can only be a widget's ("Open in new window"). Plain
// text in a cell is data, whatever it says ("New tab", "Open data");
// around the cells, plain text that can only be a widget's goes.
func dropWidgets(t *html.Node) {
	var drop []*html.Node
	var walk func(n *html.Node, zone int)
	walk = func(n *html.Node, zone int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Table, atom.Tbody, atom.Tr:
				walk(c, zone)
				continue
			case atom.Thead, atom.Tfoot, atom.Th:
				walk(c, max(zone, edgeCell))
				continue
			case atom.Td:
				if zone == edgeCell {
					walk(c, edgeCell)
				} else {
					walk(c, dataCell)
				}
				continue
			}
			if text := textOf(c); text != "" && len(text) < 80 && widgetLabel.MatchString(text) {
				if widgetControl(c, text, zone) {
					drop = append(drop, c)
					continue
				}
			}
			walk(c, zone)
		}
	}
	walk(t, aroundCells)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

// widgetControl reports whether element c, whose text is a widget label,
// is a table's control in zone.
func widgetControl(c *html.Node, text string, zone int) bool {
	if !isControl(c) || zone == dataCell && !clickable(c) {
		// In a data cell a class alone ("widget-title") makes no control.
		return zone == aroundCells && isWidget(text)
	}
	if actsOnPage(c) || downloadLabel.MatchString(text) {
		return true
	}
	return zone != dataCell && isWidget(text)
}

// actsOnPage reports whether control n acts on the page rather than
// leading away: a button, a script, a link to this page ("#", "#t1",
// "javascript:").
func actsOnPage(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return true // a button, a click handler, a control's class
	}
	href := strings.ToLower(strings.TrimSpace(attr(n, "href")))
	return href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "javascript:")
}

// dropControls removes from data table t the links and buttons that only
// sort, filter or page it ("Sort", "Show more", "▲"): in a header cell,
// or alone in their cell.
func dropControls(t *html.Node) {
	var drop []*html.Node
	var walk func(n, cell *html.Node)
	walk = func(n, cell *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case c.DataAtom == atom.Td || c.DataAtom == atom.Th:
				walk(c, c)
				continue
			case cell != nil && isControl(c):
				t := textOf(c)
				if t != "" && len(t) < 40 && toggleLabel.MatchString(t) && (cell.DataAtom == atom.Th || textOf(cell) == t) {
					drop = append(drop, c)
					continue
				}
			}
			walk(c, cell)
		}
	}
	walk(t, nil)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

// clickable reports whether n is a link, a button or has a button's role
// or a click handler.
func clickable(n *html.Node) bool {
	return n.DataAtom == atom.A || n.DataAtom == atom.Button || strings.EqualFold(attr(n, "role"), "button") || attr(n, "onclick") != ""
}

// isControl reports whether n is drawn as something to click rather than
// read: a link, an element with a button's role or a click handler, or
// one whose class names a control.
func isControl(n *html.Node) bool {
	if clickable(n) {
		return true
	}
	return n.DataAtom != atom.Td && n.DataAtom != atom.Th && controlClass.MatchString(attr(n, "class"))
}

// openTerm is a widget label that reads as a noun with "open" for its
// adjective, a term on a line of its own ("Open data"), not a command.
var openTerm *lazyRegexp

// isWidgetLine reports whether a paragraph is only a control's label left
// beside its table or player ("Open in new window", "Fullscreen"); a term
// that reads as one ("Open data") is text.
func isWidgetLine(plain string) bool {
	return len(plain) < 80 && widgetLabel.MatchString(plain) && !openTerm.MatchString(plain)
}

func init() {
	register(func() {
		widgetLabel = compileLater(`(?i)^(?:` +
			`(?:expand|collapse|enlarge|maximi[sz]e|show|hide|view|open|see)(?: (?:the )?(?:full|whole|entire|complete|interactive))? (?:table|chart|graphic|data)(?: for more results| in (?:a )?(?:new|separate) (?:window|tab))?` +
			`|(?:open|view|show|see)(?: (?:the )?(?:table|chart|data|image|graphic|map))? in (?:a )?(?:new|separate|full) (?:window|tab|screen)` +
			`|(?:opens? )?in (?:a )?new (?:window|tab)|new (?:window|tab)` +
			`|(?:download|export|get)(?: (?:the|this))?(?: (?:table|data|dataset|chart|results))?(?: (?:as|in|to))?(?: an?)? (?:csv|tsv|xlsx?|excel|json|pdf|spreadsheet|data)(?: file| format)?(?: \([^)]{0,20}\))?` +
			`|(?:click|tap|press|touch)(?: here)? (?:to|for) (?:expand|enlarge|see|view|show|open)(?: (?:the )?(?:full|whole|entire|complete|interactive|larger|bigger))?(?: (?:table|chart|graphic|data|list|map|version|image|results))?` +
			`|back to less results|(?:enter |exit |view )?full ?screen` +
			`|(?:scroll|swipe)(?: (?:left|right|sideways|horizontally|across))? (?:to|for) (?:(?:see|view|show) )?(?:more|all|the (?:full|whole|rest of the) table|all (?:columns|the data))` +
			`)[\s.:!…→»↗⤢↔]*$`)
		toggleLabel = compileLater(`(?i)^(?:` +
			`sort(?: by .{1,30})?(?: (?:asc|desc)(?:ending)?)?|(?:show|view|see|load) (?:more|less|all|fewer)(?: rows| results| entries| items)?` +
			`|more|less|filter|search|reset|print|copy|embed|toggle.{0,30}|[▲▼△▽↑↓⇅↕⬍]+` +
			`)[\s.:!…→»▲▼△▽↑↓⇅↕⬍]*$`)
		controlClass = compileLater(`(?i)(?:^|[\s_-])(?:btn|button|toggle|sort(?:er|able)?|expand(?:er)?|download|control|widget)(?:$|[\s_-])`)
		weakWidget = compileLater(`(?i)^(?:new (?:window|tab)|full ?screen|(?:open|view|show|see|hide) (?:the )?(?:data|table|chart|graphic|map|image))[\s.:!…→»↗⤢↔]*$`)
		downloadLabel = compileLater(`(?i)^(?:download|export|get)\b`)
		openTerm = compileLater(`(?i)^open (?:data|table|chart|graphic|map|image)s?[\s.:!…]*$`)
	})
}
