package article

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropEmptyColumns removes the columns of a data table that are empty in
// every row (an avatar column once the avatars are gone, a column of share
// buttons): drawn, they are only rules around nothing. A row of one cell
// spanning the table (a group heading) spans what is left.
func dropEmptyColumns(t *html.Node) {
	var rows [][]*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			case atom.Tr:
				var cells []*html.Node
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.Type == html.ElementNode && (d.DataAtom == atom.Td || d.DataAtom == atom.Th) {
						cells = append(cells, d)
					}
				}
				rows = append(rows, cells)
			}
		}
	}
	walk(t)
	width := 0
	var spanning [][]*html.Node
	var grid [][]*html.Node
	for _, r := range rows {
		switch {
		case len(r) == 1 && span(r[0], "colspan") > 1:
			spanning = append(spanning, r)
		case len(r) > 0:
			for _, c := range r {
				if span(c, "colspan") > 1 || span(c, "rowspan") > 1 {
					return // a real grid with merged cells: left as it is
				}
			}
			grid = append(grid, r)
			width = max(width, len(r))
		}
	}
	if width < 2 || len(grid) == 0 {
		return
	}
	keep := 0
	for col := width - 1; col >= 0; col-- {
		empty := true
		for _, r := range grid {
			if col < len(r) && !isEmpty(r[col]) {
				empty = false
				break
			}
		}
		if !empty {
			keep++
			continue
		}
		for _, r := range grid {
			if col < len(r) {
				r[col].Parent.RemoveChild(r[col])
			}
		}
	}
	for _, r := range spanning {
		if keep > 0 {
			setAttr(r[0], "colspan", strconv.Itoa(keep))
		}
	}
}

// span reads a cell's colspan or rowspan (1 when absent or invalid).
func span(c *html.Node, key string) int {
	n, err := strconv.Atoi(strings.TrimSpace(attr(c, key)))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// setAttr sets an attribute of n.
func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
