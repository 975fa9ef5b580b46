package render

// Tables: one that fits the column is drawn with box rules; a wider one
// becomes one record per row, `Header: value` lines, a blank line between
// records, rather than wrapped pipes.

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// table draws a GFM table.
func (dr *drawer) table(n ast.Node) {
	t := n.(*east.Table)
	var header []string
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, dr.d.plainText(c))
		}
		if r.Kind() == east.KindTableHeader {
			header = cells
		} else {
			rows = append(rows, cells)
		}
	}
	cols := len(header)
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	header = padCells(header, cols)
	for i := range rows {
		rows[i] = padCells(rows[i], cols)
	}
	widths := make([]int, cols)
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	total := 1
	for _, w := range widths {
		total += w + 3
	}
	if total <= dr.cols {
		dr.add(false, dr.boxed(header, rows, widths, t.Alignments)...)
		return
	}
	dr.records(header, rows)
}

// padCells returns cells with empty cells added up to n.
func padCells(cells []string, n int) []string {
	for len(cells) < n {
		cells = append(cells, "")
	}
	return cells
}

// boxed draws the table with box rules, the header row in bold.
func (dr *drawer) boxed(header []string, rows [][]string, widths []int, aligns []east.Alignment) []string {
	lk := dr.r.looks
	rule := func(left, mid, right string) string {
		var b strings.Builder
		b.WriteString(left)
		for i, w := range widths {
			if i > 0 {
				b.WriteString(mid)
			}
			b.WriteString(strings.Repeat("─", w+2))
		}
		b.WriteString(right)
		return lk.rule.Styled(b.String())
	}
	bar := lk.rule.Styled("│")
	row := func(cells []string, st look) string {
		var b strings.Builder
		b.WriteString(bar)
		for i, c := range cells {
			var al east.Alignment
			if i < len(aligns) {
				al = aligns[i]
			}
			b.WriteString(" " + st.Styled(align(c, widths[i], al)) + " " + bar)
		}
		return b.String()
	}
	lines := []string{rule("┌", "┬", "┐"), row(header, lk.tableHead), rule("├", "┼", "┤")}
	for _, r := range rows {
		lines = append(lines, row(r, look{}))
	}
	return append(lines, rule("└", "┴", "┘"))
}

// align pads s to w cells as the column's alignment says.
func align(s string, w int, al east.Alignment) string {
	gap := max(w-ansi.StringWidth(s), 0)
	switch al {
	case east.AlignRight:
		return strings.Repeat(" ", gap) + s
	case east.AlignCenter:
		return strings.Repeat(" ", gap/2) + s + strings.Repeat(" ", gap-gap/2)
	}
	return s + strings.Repeat(" ", gap)
}

// records draws each row as `Header: value` lines, a block per row.
func (dr *drawer) records(header []string, rows [][]string) {
	lk := dr.r.looks
	for _, r := range rows {
		var lines []string
		for i, v := range r {
			if strings.TrimSpace(v) == "" {
				continue // an empty cell says nothing: no bare "Header:" line
			}
			h := header[i]
			if h == "" {
				h = "Column " + strconv.Itoa(i+1)
			}
			ws := strings.Split(ansi.Wrap(h+": "+strings.TrimSpace(v), dr.cols, ""), "\n")
			if rest, ok := strings.CutPrefix(ws[0], h+":"); ok {
				ws[0] = lk.tableHead.Styled(h+":") + rest
			}
			for _, w := range ws {
				lines = append(lines, strings.TrimRight(w, " "))
			}
		}
		dr.add(false, lines...)
	}
}
