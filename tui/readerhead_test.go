package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/herald-reader/herald/render"
)

// TestReaderHeaderInColumn: the reader renders at the window's width, the
// body in the centred reading measure, and the header (title, facts,
// link, rule) stands in the same column: indented as the text, no wider.
// The views are goldens too (testdata/TestReaderHeaderInColumn/W.golden).
func TestReaderHeaderInColumn(t *testing.T) {
	for _, width := range []int{80, 120, 200} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			f := newFixture(t)
			d := f.deps()
			d.Renderer = render.New(render.Options{Dark: true, NoColor: true, Measure: DefaultMeasure})
			h := newHarness(t, d)
			h.send(tea.WindowSizeMsg{Width: width, Height: 24})
			openArticle(h, "Floods reach the capital")
			left, cols := d.Renderer.Column(width)
			if width >= 120 && (cols != DefaultMeasure || left != (width-DefaultMeasure)/2) {
				t.Fatalf("column at %d: left %d cols %d", width, left, cols)
			}
			pad := strings.Repeat(" ", left)
			lines := strings.Split(ansi.Strip(h.view()), "\n")
			at := func(what string) string {
				t.Helper()
				i := lineWith(lines, what)
				if i < 0 {
					t.Fatalf("no line with %q:\n%s", what, strings.Join(lines, "\n"))
				}
				return lines[i]
			}
			for _, what := range []string{"Floods reach the capital", "World Report · Ana Reyes", "/article/floods", "Rivers rose overnight"} {
				line := at(what)
				if indent := len(line) - len(strings.TrimLeft(line, " ")); indent != left {
					t.Errorf("%q starts at column %d, want %d: %q", what, indent, left, line)
				}
				if w := ansi.StringWidth(strings.TrimRight(line, " ")); w > left+cols {
					t.Errorf("%q ends at column %d, past the column's %d", what, w, left+cols)
				}
			}
			if rule := at("───"); strings.TrimRight(rule, " ") != pad+strings.Repeat("─", cols) {
				t.Errorf("rule %q, want %d cells from column %d", rule, cols, left)
			}
			golden.RequireEqual(t, []byte(port.ReplaceAllString(h.view(), "127.0.0.1:PORT0")))
		})
	}
}
