package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// blockKinds holds one small document per kind of block, for the goldens.
var blockKinds = []struct{ name, md string }{
	{"paragraph", "The council of Porthaven voted late on Tuesday to keep the island ferry running through the winter months, reversing a *decision* taken in the **autumn** with `code` and ~~strike~~.\n\nA second paragraph."},
	{"headings", "# The title of the article, long enough to wrap at forty\n\nText.\n\n## A crosshead\n\nText.\n\n### A smaller heading\n\nText."},
	{"byline", "# Harbour town votes\n\n*By Mara Ellison · 3 March 2026*\n\nBody text."},
	{"figure", "Before.\n\n[Image](https://images.example.com/ferry.jpg)\n\n*The morning ferry leaves the north quay at dawn, with the old lighthouse behind it* — Photo: JONAS KREBS / HARBOUR PRESS\n\nAfter."},
	{"picture", "Before.\n\n![A ferry](https://images.example.com/ferry.jpg)\n\n*The morning ferry at dawn* — Photo: JONAS KREBS / HARBOUR PRESS\n\nAfter."},
	{"quote", "Before.\n\n> An island without a boat is not an island any more. It is just a rock with people stranded on it.\n> — Ruth Penhale, shopkeeper\n\nAfter."},
	{"lists", "- Crossings scheduled last winter: 412\n- Crossings cancelled for weather: 6\n  - of which in January: 4\n  - in February: 2\n\n1. First step\n2. Second step, with a longer text that has to wrap at the narrowest widths\n3. Third"},
	{"code", "Text.\n\n```go\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n```\n\nMore text."},
	{"table", "| Route | Crossings | Cancelled |\n|:--|--:|:-:|\n| North quay | 412 | 6 |\n| Skerra | 380 | 9 |"},
	{"widetable", "| Route | Operator | Crossings scheduled last winter | Cancelled for weather | Notes |\n|---|---|---|---|---|\n| North quay to Skerra | Porthaven Ferries | 412 | 6 | The larger ferry missed only six crossings |\n| Skerra to Holm | Island Boats Ltd | 120 | 31 | A smaller craft, often confined to port |"},
	{"links", "See the [minutes](https://council.example.org/minutes), the [report](https://council.example.org/report.pdf), the [minutes again](https://council.example.org/minutes) and an ![inline image](https://img.example/x.png); a [bad link](javascript:alert(1))."},
}

// pictureStub draws every image as a fixed block of half-block cells.
type pictureStub struct{ rows []string }

func (p pictureStub) Picture(url string, cols, rows int) ([]string, bool) {
	return p.rows, true
}

// halfBlocks returns rows of n half-block cells in 24-bit colours.
func halfBlocks(rows, n int) []string {
	out := make([]string, rows)
	for r := range out {
		var b strings.Builder
		for c := 0; c < n; c++ {
			fmt.Fprintf(&b, "\x1b[38;2;%d;%d;%d;48;2;%d;%d;%dm▀", r*20, c*8, 100, r*20+10, c*8, 120)
		}
		out[r] = b.String() + "\x1b[m"
	}
	return out
}

// TestGoldenBlocks pins each kind of block at four widths, in the NoColor
// style and the TrueColor dark style.
func TestGoldenBlocks(t *testing.T) {
	themes := map[string]Options{
		"nocolor":   {NoColor: true},
		"truecolor": {Dark: true, Profile: termenv.TrueColor},
	}
	for _, k := range blockKinds {
		for theme, o := range themes {
			for _, width := range []int{40, 72, 120, 200} {
				t.Run(fmt.Sprintf("%s/%s/%d", k.name, theme, width), func(t *testing.T) {
					var pics Pictures
					if k.name == "picture" {
						pics = pictureStub{rows: halfBlocks(4, 24)}
					}
					out, err := New(o).RenderWith(k.md, width, pics)
					if err != nil {
						t.Fatal(err)
					}
					checkWidth(t, out, width)
					checkSafe(t, out)
					if o.NoColor && strings.Contains(out, "\x1b") && pics == nil {
						t.Errorf("escape sequence in NoColor output: %q", out)
					}
					golden.RequireEqualEscape(t, []byte(out), true)
				})
			}
		}
	}
}

// TestMeasure: the body is at most Measure cells wide, centred in wider
// terminals; narrower terminals use their width less the margins.
func TestMeasure(t *testing.T) {
	md := strings.Repeat("The ferry is the thread that holds everything else together. ", 20)
	for _, tc := range []struct{ measure, width, left, cols int }{
		{0, 200, 64, 72}, {0, 80, 4, 72}, {0, 76, 2, 72}, {0, 75, 2, 71}, {0, 40, 2, 36},
		{0, 8, 0, 8}, {60, 100, 20, 60}, {0, 0, 4, 72},
	} {
		r := New(Options{NoColor: true, Measure: tc.measure})
		left, cols := r.Column(tc.width)
		if left != tc.left || cols != tc.cols {
			t.Errorf("measure %d, width %d: Column = %d, %d; want %d, %d", tc.measure, tc.width, left, cols, tc.left, tc.cols)
		}
		out, err := r.Render(md, tc.width)
		if err != nil {
			t.Fatal(err)
		}
		widest := 0
		for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
			if l == "" {
				continue
			}
			if got := len(l) - len(strings.TrimLeft(l, " ")); got != tc.left {
				t.Errorf("measure %d, width %d: line starts at %d, want %d: %q", tc.measure, tc.width, got, tc.left, l)
			}
			widest = max(widest, ansi.StringWidth(strings.TrimLeft(l, " ")))
		}
		if widest > tc.cols || widest < tc.cols-15 {
			t.Errorf("measure %d, width %d: widest line %d cells, want about %d", tc.measure, tc.width, widest, tc.cols)
		}
	}
}

func TestQuoteAttribution(t *testing.T) {
	for name, md := range map[string]string{
		"em dash":       "> A rock with people stranded on it.\n> — Ruth Penhale",
		"double dash":   "> A rock with people stranded on it.\n>\n> -- Ruth Penhale",
		"list-like":     "> A rock with people stranded on it.\n> - Ruth Penhale",
		"own paragraph": "> A rock with people stranded on it.\n>\n> — Ruth Penhale",
	} {
		t.Run(name, func(t *testing.T) {
			out, err := New(Options{Dark: true, Profile: termenv.TrueColor}).Render(md, 60)
			if err != nil {
				t.Fatal(err)
			}
			text := ansi.Strip(out)
			if !strings.Contains(text, "    — Ruth Penhale\n") {
				t.Errorf("attribution not drawn under the quote:\n%s", text)
			}
			if strings.Contains(text, "•") || strings.Contains(text, "--") {
				t.Errorf("attribution kept its Markdown:\n%s", text)
			}
			att, body := lineSGR(t, out, "Ruth Penhale"), lineSGR(t, out, "A rock")
			if att == "" || att == body {
				t.Errorf("attribution %q not styled apart from the quote %q", att, body)
			}
		})
	}
	// A dash inside the quote is text, and a quote that is only a dashed
	// line stays a quote.
	out, _ := New(Options{NoColor: true}).Render("> — just this", 60)
	if !strings.Contains(out, "|— just this") {
		t.Errorf("a quote of one dashed line lost its quote:\n%s", out)
	}
}

func TestTables(t *testing.T) {
	r := New(Options{NoColor: true})
	out, err := r.Render(blockKinds[8].md, 72)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"┌────────────┬───────────┬───────────┐", "│ Route      │ Crossings │ Cancelled │", "│ North quay │       412 │     6     │", "└"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	out, err = r.Render(blockKinds[9].md, 72)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Route: North quay to Skerra\n", "Crossings scheduled last winter: 412\n", "Notes: A smaller craft, often confined to port\n", "Notes: The larger ferry missed only six crossings\n\n  Route: Skerra to Holm"} {
		if !strings.Contains(out, want) {
			t.Errorf("wide table: missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "|") || strings.Contains(out, "│") {
		t.Errorf("wide table drawn with rules:\n%s", out)
	}
	// An empty cell of a wide table gives no bare "Header:" line.
	wide := "| Route | Crossings scheduled in the whole of last winter | Notes on the service and the weather |\n|---|---|---|\n" +
		"| North quay to Skerra, by the long way round the headland |  | The larger ferry missed only six crossings in the whole winter |\n"
	if out, err = r.Render(wide, 40); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "Crossings scheduled") || !strings.Contains(out, "Route: North quay") {
		t.Errorf("wide table with an empty cell:\n%s", out)
	}
}

func TestReferencesHeading(t *testing.T) {
	for _, o := range []Options{{NoColor: true}, {Dark: true}, {Dark: false, Profile: termenv.ANSI}} {
		out, err := New(o).Render("A [link](https://a.example/).", 60)
		if err != nil {
			t.Fatal(err)
		}
		text := ansi.Strip(out)
		if strings.Contains(text, "#") || !strings.Contains(text, "\n  References\n") {
			t.Errorf("References not drawn as a heading:\n%s", text)
		}
	}
}
