package picturetest

import (
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Cell is one ▀ cell as a terminal draws it: its upper half in Fg, its
// lower half in Bg. A colour never set, or set back to the default (SGR 0,
// 39, 49), is the zero color.RGBA.
type Cell struct{ Fg, Bg color.RGBA }

// Row is a line of text holding ▀ cells: its index among the text's lines
// and its cells, left to right.
type Row struct {
	Line  int
	Cells []Cell
}

// HalfblockCells reads the ▀ cells of one line of styled text with x/ansi's
// parser: the colours the SGR sequences before each cell put in force.
// Other sequences and characters are passed over. A sequence left
// unterminated, or a colour channel above 255, fails the test.
func HalfblockCells(tb testing.TB, line string) []Cell {
	tb.Helper()
	var cells []Cell
	var cur Cell
	p := ansi.NewParser()
	var state byte
	for rest := line; len(rest) > 0; {
		seq, _, n, newState := ansi.DecodeSequence(rest, state, p)
		state, rest = newState, rest[n:]
		switch {
		case seq == "▀":
			cells = append(cells, cur)
		case strings.HasPrefix(seq, "\x1b[") && ansi.Cmd(p.Command()) == 'm':
			applySGR(tb, &cur, p.Params(), seq)
		}
	}
	if state != ansi.NormalState {
		tb.Fatalf("picturetest: unterminated escape sequence in %q", line)
	}
	return cells
}

// applySGR applies one SGR sequence's colour parameters to c.
func applySGR(tb testing.TB, c *Cell, params ansi.Params, seq string) {
	tb.Helper()
	if len(params) == 0 {
		*c = Cell{}
		return
	}
	for i := 0; i < len(params); {
		switch params[i].Param(0) {
		case 0:
			*c = Cell{}
		case 39:
			c.Fg = color.RGBA{}
		case 49:
			c.Bg = color.RGBA{}
		case 38, 48:
			var col color.Color
			n := ansi.ReadStyleColor(params[i:], &col)
			if n == 0 {
				tb.Fatalf("picturetest: unreadable colour in SGR %q", seq)
			}
			for _, v := range params[i+min(2, n) : i+n] { // ReadStyleColor keeps the low 8 bits
				if v.Param(0) > 255 {
					tb.Fatalf("picturetest: colour channel %d in SGR %q", v.Param(0), seq)
				}
			}
			rgba := color.RGBAModel.Convert(col).(color.RGBA)
			if params[i].Param(0) == 38 {
				c.Fg = rgba
			} else {
				c.Bg = rgba
			}
			i += n
			continue
		}
		i++
	}
}

// HalfblockRows reads every line of text that holds ▀ cells, in order.
func HalfblockRows(tb testing.TB, text string) []Row {
	tb.Helper()
	var rows []Row
	for i, line := range strings.Split(text, "\n") {
		if cells := HalfblockCells(tb, line); len(cells) > 0 {
			rows = append(rows, Row{Line: i, Cells: cells})
		}
	}
	return rows
}
