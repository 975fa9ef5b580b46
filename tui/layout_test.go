package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/render"
)

// Every screen fills the window exactly: as many lines as rows, none wider
// than the columns (a taller view mis-renders, STACK.md §2.6).
func TestViewFitsWindow(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Renderer = render.New(render.Options{Dark: true, NoColor: true})
	h := newHarness(t, d)
	sizes := [][2]int{{80, 24}, {100, 30}, {40, 10}, {24, 6}, {200, 60}}
	check := func(name string) {
		t.Helper()
		for _, sz := range sizes {
			h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			for _, helpOn := range []bool{false, true} {
				h.m.showHelp = helpOn
				h.m.layout()
				v := h.view()
				lines := strings.Split(v, "\n")
				where := fmt.Sprintf("%s at %dx%d help=%v", name, sz[0], sz[1], helpOn)
				if len(lines) != sz[1] {
					t.Errorf("%s: %d lines:\n%s", where, len(lines), v)
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Errorf("%s: line %d is %d cells: %q", where, i, w, l)
					}
				}
			}
			h.m.showHelp = false
			h.m.layout()
		}
		h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	}
	check("feeds")
	h.selectFeed("Broken Feed")
	check("feeds with error")
	h.selectFeed("World Report")
	h.keys("enter", "s")
	check("items")
	h.keys("enter")
	check("reader")
	h.keys("/")
	h.typeText("zebra")
	check("search input")
	h.keys("enter")
	check("search results")
	h.m.refresh.active, h.m.refresh.total, h.m.refresh.done, h.m.refresh.last = true, 10, 3, "A feed with a rather long name indeed"
	check("refreshing")
}
