package article

import (
	"regexp"
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
	widgetLabel = regexp.MustCompile(`(?i)^(?:` +
		`(?:expand|collapse|enlarge|maximi[sz]e|show|hide|view|open|see)(?: (?:the )?(?:full|whole|entire|complete|interactive))? (?:table|chart|graphic|data)(?: for more results| in (?:a )?(?:new|separate) (?:window|tab))?` +
		`|(?:open|view|show|see)(?: (?:the )?(?:table|chart|data|image|graphic|map))? in (?:a )?(?:new|separate|full) (?:window|tab|screen)` +
		`|(?:opens? )?in (?:a )?new (?:window|tab)|new (?:window|tab)` +
		`|(?:download|export|get)(?: (?:the|this))?(?: (?:table|data|dataset|chart|results))?(?: (?:as|in|to))?(?: an?)? (?:csv|tsv|xlsx?|excel|json|pdf|spreadsheet|data)(?: file| format)?(?: \([^)]{0,20}\))?` +
		`|(?:click|tap|press|touch)(?: here)? (?:to|for) (?:expand|enlarge|see|view|show|open)(?: (?:the )?(?:full|whole|entire|complete|interactive|larger|bigger))?(?: (?:table|chart|graphic|data|list|map|version|image|results))?` +
		`|back to less results|(?:enter |exit |view )?full ?screen` +
		`|(?:scroll|swipe)(?: (?:left|right|sideways|horizontally|across))? (?:to|for) (?:(?:see|view|show) )?(?:more|all|the (?:full|whole|rest of the) table|all (?:columns|the data))` +
		`)[\s.:!…→»↗⤢↔]*$`)
	// toggleLabel is the text of a control that sorts, filters or pages
	// a table; as these are ordinary words too, only links and buttons
	// holding nothing else go.
	toggleLabel = regexp.MustCompile(`(?i)^(?:` +
		`sort(?: by .{1,30})?(?: (?:asc|desc)(?:ending)?)?|(?:show|view|see|load) (?:more|less|all|fewer)(?: rows| results| entries| items)?` +
		`|more|less|filter|search|reset|print|copy|embed|toggle.{0,30}|[▲▼△▽↑↓⇅↕⬍]+` +
		`)[\s.:!…→»▲▼△▽↑↓⇅↕⬍]*$`)
	// controlClass marks an element drawn as a control.
	controlClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:btn|button|toggle|sort(?:er|able)?|expand(?:er)?|download|control|widget)(?:$|[\s_-])`)
)

// dropWidgets removes from table t the elements whose whole text is a
// widget label. A cell holding one is emptied, so the columns stay.
func dropWidgets(t *html.Node) {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr:
				walk(c)
				continue
			}
			if t := textOf(c); t != "" && len(t) < 80 && widgetLabel.MatchString(t) {
				drop = append(drop, c)
				continue
			}
			walk(c)
		}
	}
	walk(t)
	for _, n := range drop {
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			for c := n.FirstChild; c != nil; c = n.FirstChild {
				n.RemoveChild(c)
			}
			continue
		}
		n.Parent.RemoveChild(n)
	}
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

// isControl reports whether n is drawn as something to click rather than
// read: a link, an element with a button's role or a click handler, or
// one whose class names a control.
func isControl(n *html.Node) bool {
	switch {
	case n.DataAtom == atom.A || n.DataAtom == atom.Button:
		return true
	case strings.EqualFold(attr(n, "role"), "button") || attr(n, "onclick") != "":
		return true
	}
	return n.DataAtom != atom.Td && n.DataAtom != atom.Th && controlClass.MatchString(attr(n, "class"))
}

// isWidgetLine reports whether a paragraph is only a table control's label
// left beside its table ("Open in new window").
func isWidgetLine(plain string) bool {
	return len(plain) < 80 && widgetLabel.MatchString(plain)
}
