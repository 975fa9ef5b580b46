package render

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// seedMarkdown builds a Markdown article from the seed text the way the
// article package is expected to (title, figure with caption and credit,
// crossheads as headings), so render is measured on a realistic document
// without copying the seed into the repository.
func seedMarkdown(tb testing.TB) string {
	tb.Helper()
	raw, err := os.ReadFile(sharedtest.Path(tb, "seed/article.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var caption, credit, title string
	var body []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "", strings.HasPrefix(line, "Last updated:"), strings.Contains(line, "powered by Disqus"):
		case caption == "":
			caption = line
		case strings.HasPrefix(line, caption):
			if i := strings.Index(line, "©"); i >= 0 {
				credit = "Photo: " + strings.ReplaceAll(strings.TrimSpace(line[i+len("©"):]), " - ", " / ")
			}
		case title == "":
			title = line
		case strings.HasPrefix(line, "- ") && strings.HasSuffix(line, " -"):
			body = append(body, "## "+strings.TrimSuffix(strings.TrimPrefix(line, "- "), " -"))
		default:
			body = append(body, line)
		}
	}
	md := "# " + title + "\n\n*By AFP · 24 February 2017*\n\n" +
		"[Image](https://images.example.com/mosul/buseif.jpg)\n\n*" + caption + "* — " + credit + "\n\n" +
		strings.Join(body, "\n\n") + "\n"
	return md
}

func fixture(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/article.md")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// checkSafe fails unless out holds no escape sequence but SGR and no control
// character but newline (nor C1, bidi controls or invalid UTF-8).
func checkSafe(tb testing.TB, out string) {
	tb.Helper()
	rest := sgrSeq.ReplaceAllString(out, "")
	if !utf8.ValidString(rest) {
		tb.Fatalf("invalid UTF-8 in output %q", out)
	}
	for i, r := range rest {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			tb.Fatalf("control %U at %d in output %q", r, i, out)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			tb.Fatalf("bidi control %U at %d in output %q", r, i, out)
		}
	}
}

// checkWidth fails unless every line of out is at most width cells.
func checkWidth(tb testing.TB, out string, width int) {
	tb.Helper()
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > width {
			tb.Fatalf("line %d is %d cells wide, limit %d: %q", i, w, width, l)
		}
	}
}

func asciiDark() Options { return Options{Dark: true, Profile: termenv.Ascii} }

func TestGolden(t *testing.T) {
	md := fixture(t)
	for _, width := range []int{80, 40} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			out, err := New(asciiDark()).Render(md, width)
			if err != nil {
				t.Fatal(err)
			}
			checkWidth(t, out, width)
			checkSafe(t, out)
			golden.RequireEqualEscape(t, []byte(out), true)
		})
	}
}

func TestGoldenNoColor(t *testing.T) {
	out, err := New(Options{NoColor: true, Profile: termenv.TrueColor}).Render(fixture(t), 80)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("NoColor output holds escape sequences: %q", out)
	}
	golden.RequireEqual(t, []byte(out))
}

func TestStyles(t *testing.T) {
	md := fixture(t)
	for _, o := range []Options{
		{Dark: true, Profile: termenv.TrueColor},
		{Dark: false, Profile: termenv.TrueColor},
		{Dark: true, Profile: termenv.ANSI256},
		{Dark: false, Profile: termenv.ANSI},
		{Dark: true, Profile: termenv.Ascii},
		{NoColor: true},
	} {
		t.Run(fmt.Sprintf("dark=%v/profile=%d/nocolor=%v", o.Dark, o.Profile, o.NoColor), func(t *testing.T) {
			for _, width := range []int{120, 80, 33, 12, 5, 1} {
				out, err := New(o).Render(md, width)
				if err != nil {
					t.Fatal(err)
				}
				checkWidth(t, out, width)
				checkSafe(t, out)
				if width >= 33 && !strings.Contains(ansi.Strip(out), "References") {
					t.Errorf("width %d: no References section", width)
				}
			}
		})
	}
}

func TestDarkAndLightDiffer(t *testing.T) {
	md := fixture(t)
	dark, _ := New(Options{Dark: true}).Render(md, 80)
	light, _ := New(Options{Dark: false}).Render(md, 80)
	if dark == light {
		t.Error("dark and light renderings are identical")
	}
	if ansi.Strip(dark) != ansi.Strip(light) {
		t.Error("dark and light renderings differ in text")
	}
}

func TestWidthHardLimit(t *testing.T) {
	long := "https://example.com/" + strings.Repeat("very-long-path-segment/", 12) + "end"
	cjk := strings.Repeat("日本語の文章は空白なしで続きます", 8)
	emoji := strings.Repeat("👨‍👩‍👧 🇫🇷 ⚠️ ❤️ 😀", 10) + strings.Repeat("😀", 50)
	tabs := "```\n\tcode\twith\ttabs and " + strings.Repeat("x", 100) + "\n```"
	cases := map[string]string{
		"url":       "See " + long + " now.",
		"link":      "See [this](" + long + ") now.",
		"cjk":       cjk,
		"emoji":     emoji,
		"tabs":      tabs,
		"heading":   "# " + cjk + "\n\n## " + long,
		"quote":     "> " + cjk + "\n>\n> > " + long,
		"list":      "- " + long + "\n  - " + cjk + "\n    - " + emoji,
		"table":     "| a | b |\n|---|---|\n| " + long + " | " + cjk + " |",
		"caption":   "[Image](" + long + ")\n\n*" + cjk + "* — Photo: " + long,
		"codespan":  "`" + long + strings.Repeat("`x", 3) + "`",
		"wideChars": strings.Repeat("字", 200),
	}
	r := New(Options{Dark: true, Profile: termenv.TrueColor})
	for name, md := range cases {
		for _, width := range []int{80, 60, 40, 20, 7, 2, 1} {
			t.Run(fmt.Sprintf("%s/%d", name, width), func(t *testing.T) {
				out, err := r.Render(md, width)
				if err != nil {
					t.Fatal(err)
				}
				checkWidth(t, out, width)
				checkSafe(t, out)
				if strings.Contains(out, "\t") {
					t.Error("tab in output")
				}
			})
		}
	}
}

func TestCache(t *testing.T) {
	r := New(Options{Dark: true})
	md := fixture(t)
	a, _ := r.Render(md, 80)
	b, _ := r.Render(md, 80)
	if a != b {
		t.Fatal("cached rendering differs")
	}
	c, _ := r.Render(md, 60)
	if a == c {
		t.Fatal("width not part of the cache key")
	}
	for i := 0; i < 2*cacheSize; i++ {
		if _, err := r.Render(fmt.Sprintf("# %d\n\ntext", i), 40); err != nil {
			t.Fatal(err)
		}
	}
	if n := r.cache.len(); n != cacheSize {
		t.Errorf("cache holds %d entries, want %d", n, cacheSize)
	}
}

func TestConcurrent(t *testing.T) {
	r := New(Options{Dark: true, Profile: termenv.ANSI256})
	md := fixture(t)
	want := map[int]string{}
	for _, w := range []int{80, 61, 40} {
		want[w], _ = New(Options{Dark: true, Profile: termenv.ANSI256}).Render(md, w)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range []int{80, 61, 40} {
				got, err := r.Render(md, w)
				if err != nil || got != want[w] {
					t.Errorf("concurrent render at %d differs (err %v)", w, err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestZeroWidth(t *testing.T) {
	out, err := New(Options{Dark: true}).Render("# T\n\n"+strings.Repeat("word ", 100), 0)
	if err != nil {
		t.Fatal(err)
	}
	checkWidth(t, out, DefaultWidth)
	// The default width, not a width of 0 (every line truncated away).
	wide := false
	for _, l := range strings.Split(ansi.Strip(out), "\n") {
		wide = wide || ansi.StringWidth(l) > DefaultWidth/2
	}
	if !wide || strings.Count(out, "word") != 100 {
		t.Errorf("width 0 did not render at the default width:\n%s", out)
	}
}

func TestSeed(t *testing.T) {
	md := seedMarkdown(t)
	for _, o := range []Options{{Dark: true}, asciiDark()} {
		out, err := New(o).Render(md, 80)
		if err != nil {
			t.Fatal(err)
		}
		checkWidth(t, out, 80)
		checkSafe(t, out)
		text := ansi.Strip(out)
		lines := map[string]bool{}
		for _, l := range strings.Split(text, "\n") {
			lines[strings.TrimSpace(l)] = true
		}
		// Crossheads stand on a line of their own, drawn as headings,
		// never with Markdown's "##".
		for _, want := range []string{"'Moving fast so far'", "Syria bombing", "Cross-border strike"} {
			if !lines[want] {
				t.Errorf("heading %q is not a line of its own", want)
			}
		}
		if !strings.Contains(text, "▎ Photo: AHMAD AL-RUBAYE / AFP\n") {
			t.Error("missing the credit under the figure")
		}
		if strings.Contains(text, "##") || strings.Contains(text, "*Iraqi") {
			t.Errorf("Markdown marks left in the page:\n%s", text)
		}
		if n := strings.Count(text, "towards the the village"); n != 1 {
			t.Errorf("caption shown %d times", n)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add(fixture(f), 80)
	f.Add("[Image](https://x.example/a.jpg)\n\n*cap* — Photo: A", 20)
	f.Add("# T\n\n*By A · B*\n\n[a](javascript:x) [b](<u v> 't') `c` <http://d>", 7)
	f.Add("&#27;[2J \x1b]52;c;AA\x07 \u009b \u202e", 40)
	f.Add("> > - ```\n\t[x](y)\n```\n| a | b |\n|-|-|\n| [c](d) | 字字 |", 3)
	r := New(Options{Dark: true, Profile: termenv.ANSI256})
	f.Fuzz(func(t *testing.T, md string, width int) {
		if width > 300 {
			width %= 300
		}
		out, err := r.Render(md, width)
		if err != nil {
			return // glamour may refuse input; it must not panic
		}
		if width < 1 {
			width = DefaultWidth
		}
		checkSafe(t, out)
		checkWidth(t, out, width)
	})
}

func benchmarkRender(b *testing.B, o Options, md string) {
	r := New(o)
	r.cache = newRenders(0) // measure rendering, not the cache
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(md, 80); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSeed(b *testing.B) {
	md := seedMarkdown(b)
	b.Run("TrueColor", func(b *testing.B) { benchmarkRender(b, Options{Dark: true, Profile: termenv.TrueColor}, md) })
	b.Run("Ascii", func(b *testing.B) { benchmarkRender(b, Options{Dark: true, Profile: termenv.Ascii}, md) })
	b.Run("NoColor", func(b *testing.B) { benchmarkRender(b, Options{NoColor: true}, md) })
	b.Run("Fixture/TrueColor", func(b *testing.B) { benchmarkRender(b, Options{Dark: true, Profile: termenv.TrueColor}, fixture(b)) })
}

// TestPathological guards the limits that keep hostile input cheap: before
// them, 500 nested quotes or lists took 10-25 s and a 10,000-byte word 3 s.
func TestPathological(t *testing.T) {
	var indented strings.Builder
	for i := 0; i < 300; i++ {
		indented.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	cases := map[string]string{
		"quotes":    strings.Repeat(">", 500) + " x",
		"quotes2":   strings.Repeat("> ", 500) + " x",
		"lists":     strings.Repeat("- ", 500) + "x",
		"ordered":   strings.Repeat("1. ", 500) + "x",
		"indented":  indented.String(),
		"word":      strings.Repeat("x", 20000),
		"codespan":  "`" + strings.Repeat("x", 20000) + "`",
		"brackets":  strings.Repeat("[", 10000),
		"nested":    strings.Repeat("[", 1000) + "x" + strings.Repeat("](u)", 1000),
		"backticks": strings.Repeat("`a``", 3000),
	}
	r := New(Options{Dark: true})
	for name, md := range cases {
		t.Run(name, func(t *testing.T) {
			out, err := r.Render(md, 80)
			if err != nil {
				t.Fatal(err)
			}
			checkWidth(t, out, 80)
			checkSafe(t, out)
		})
	}
}

// TestGoldenTrueColor pins the light style's colours (the goldens above
// pin layout with the Ascii profile).
func TestGoldenTrueColor(t *testing.T) {
	out, err := New(Options{Dark: false, Profile: termenv.TrueColor}).Render(fixture(t), 80)
	if err != nil {
		t.Fatal(err)
	}
	checkWidth(t, out, 80)
	checkSafe(t, out)
	golden.RequireEqualEscape(t, []byte(out), true)
}
