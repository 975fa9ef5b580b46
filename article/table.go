package article

import (
	"strconv"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// table handles <table>: data tables become GFM tables, layout tables are
// walked as containers.
func (b *builder) table(t *html.Node) {
	dropUnseen(t)
	dropWidgets(t)
	if layoutTable(t) {
		b.cells(t)
		return
	}
	dropControls(t)
	plain := textOf(t)
	if plain == "" {
		b.imagesIn(t)
		return
	}
	orderRows(t)
	dropEmptyColumns(t)
	breaksToSpaces(t)
	plain = textOf(t)
	md := b.markdown(t)
	if !strings.HasPrefix(md, "|") {
		b.cells(t)
		return
	}
	b.add(item{Block: Block{Kind: Table, Markdown: md}, plain: plain})
}

// cells walks the cells of a layout table as containers.
func (b *builder) cells(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipped(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
			b.cells(c)
		case atom.Td, atom.Th, atom.Caption:
			b.container(c)
		default:
			b.block(c)
		}
	}
}

// layoutTable reports whether t lays out a page rather than holding data:
// nested tables, block content in cells, long texts or a single cell.
func layoutTable(t *html.Node) bool {
	cells, rows := 0, 0
	layout := false
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && !layout; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Table:
				layout = true
			case atom.Tr:
				rows++
				walk(c, depth)
			case atom.Td, atom.Th:
				cells++
				if len(textOf(c)) > 400 {
					layout = true
				}
				walk(c, depth+1)
			case atom.P, atom.Div, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Figure, atom.Blockquote, atom.Pre, atom.Img:
				if depth > 0 {
					if c.DataAtom == atom.Div || c.DataAtom == atom.P {
						// One paragraph in a cell is still data.
						if hasBlockChild(c) || c.NextSibling != nil || c.PrevSibling != nil && strings.TrimSpace(textOf(c.PrevSibling)) != "" {
							layout = true
						}
						continue
					}
					layout = true
				}
				walk(c, depth)
			default:
				walk(c, depth)
			}
		}
	}
	walk(t, 0)
	return layout || cells < 2 || rows < 2
}

// tableRows returns the rows of table t in the order its sections hold
// them, with their cells.
func tableRows(t *html.Node) [][]*html.Node {
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
				rows = append(rows, rowCells(c))
			}
		}
	}
	walk(t)
	return rows
}

// rowCells returns the cells of row tr.
func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for d := tr.FirstChild; d != nil; d = d.NextSibling {
		if d.Type == html.ElementNode && (d.DataAtom == atom.Td || d.DataAtom == atom.Th) {
			cells = append(cells, d)
		}
	}
	return cells
}

// orderRows puts a table's rows in reading order: the footer (totals, a
// source line) after the body, wherever the source put it, and without
// the header row repeated in a second <thead>, in the body (long tables
// repeat it every few rows) or in the footer. Rows left empty go.
func orderRows(t *html.Node) {
	for c := t.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Tfoot {
			t.RemoveChild(c)
			t.AppendChild(c)
		}
		c = next
	}
	header := headerRow(t)
	key := ""
	if header != nil {
		key = rowKey(rowCells(header))
	}
	spans := false
	for _, r := range tableRows(t) {
		for _, c := range r {
			spans = spans || span(c, "rowspan") > 1
		}
	}
	for _, r := range tableRows(t) {
		if len(r) == 0 || r[0].Parent == header {
			continue
		}
		tr := r[0].Parent
		k := rowKey(r)
		if key != "" && k == key || !spans && k == "" && !hasImage(tr) {
			tr.Parent.RemoveChild(tr)
		}
	}
}

// headerRow returns the row html-to-markdown makes the table's header: the
// first row of the first <thead>, else the first row holding a <th>.
func headerRow(t *html.Node) *html.Node {
	var first *html.Node
	for _, r := range tableRows(t) {
		if len(r) == 0 {
			continue
		}
		tr := r[0].Parent
		if tr.Parent.DataAtom == atom.Thead {
			return tr
		}
		if first == nil {
			for _, c := range r {
				if c.DataAtom == atom.Th {
					first = tr
					break
				}
			}
		}
	}
	return first
}

// rowKey is the normalized text of a row's cells, "" when they are all
// empty.
func rowKey(cells []*html.Node) string {
	parts := make([]string, len(cells))
	empty := true
	for i, c := range cells {
		parts[i] = norm(textOf(c))
		empty = empty && parts[i] == ""
	}
	if empty {
		return ""
	}
	return strings.Join(parts, "\x00")
}

// breaksToSpaces turns the line breaks inside a data table's cells into
// spaces: a Markdown table cell holds one line, and html-to-markdown gives
// up on a table with a break in it.
func breaksToSpaces(t *html.Node) {
	var brs []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Br {
				brs = append(brs, c)
				continue
			}
			walk(c)
		}
	}
	walk(t)
	for _, br := range brs {
		br.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, br)
		br.Parent.RemoveChild(br)
	}
}

// cellPlugin puts a space between the cells of a row. A table
// html-to-markdown cannot lay out (inside a list item or a quote, or with
// a list in a cell) is written as text, and its cells would run together
// ("NorthSouth"); the table plugin trims the space from the cells it lays
// out.
type cellPlugin struct{}

func (cellPlugin) Name() string { return "herald-cells" }

func (cellPlugin) Init(conv *converter.Converter) error {
	conv.Register.Renderer(func(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
		if n.Type != html.ElementNode || n.DataAtom != atom.Td && n.DataAtom != atom.Th {
			return converter.RenderTryNext
		}
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode {
				w.WriteString(" ")
				break
			}
		}
		ctx.RenderChildNodes(ctx, w, n)
		return converter.RenderSuccess
	}, converter.PriorityStandard)
	return nil
}

// dropEmptyColumns removes the columns of a data table that are empty in
// every row (an avatar column once the avatars are gone, a column of share
// buttons): drawn, they are only rules around nothing. A row of one cell
// spanning the table (a group heading) spans what is left.
func dropEmptyColumns(t *html.Node) {
	rows := tableRows(t)
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
