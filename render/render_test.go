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

func TestReferences(t *testing.T) {
	md := strings.Join([]string{
		"# Title",
		"",
		"First [one](https://a.example/1) and [two](https://b.example/2 \"title\").",
		"Again [one again](https://a.example/1), an ![inline image](https://img.example/x.png),",
		"a [js link](javascript:alert(1)), a [data link](DATA:text/html;base64,AAAA)",
		"and a [spaced js](< java\tscript:alert(2)>).",
		"",
		"Code `[not](https://code.example/span)` stays, <https://auto.example/link> too,",
		"escaped \\[not a link\\](https://esc.example) too,",
		"a [nested ![img](https://img.example/n.png)](https://outer.example) link,",
		"and [parens](https://p.example/a_(b)) work.",
		"",
		"```",
		"[fenced](https://fence.example)",
		"```",
		"",
		"    [indented](https://indent.example)",
		"",
		"[Image](https://img.example/fig.jpg)",
		"",
		"*A caption with a [link](https://b.example/2)* — Photo: SOMEONE / AGENCY",
	}, "\n")
	// A measure as wide as the terminal: no line breaks inside the phrases.
	out, err := New(Options{NoColor: true, Measure: 196}).Render(md, 200)
	if err != nil {
		t.Fatal(err)
	}
	text := ansi.Strip(out)
	for _, want := range []string{
		"one[1]", "two[2]", "one again[1]", "inline image[3]",
		"a js link, a data link and", "spaced js.",
		"`[not](https://code.example/span)`", "https://auto.example/link",
		"[not a link](https://esc.example)",
		"nested img[4][5] link", "parens[6]",
		"[fenced](https://fence.example)", "[indented](https://indent.example)",
		"Image [7]", "A caption with a link[2]", "Photo: SOMEONE / AGENCY",
		"[1] https://a.example/1", "[2] https://b.example/2", "[3] https://img.example/x.png",
		"[4] https://img.example/n.png", "[5] https://outer.example", "[6] https://p.example/a_(b)",
		"[7] https://img.example/fig.jpg",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	for _, bad := range []string{"javascript", "alert", "DATA:", "[8]", "code.example/span)`[", "fence.example\n"} {
		if strings.Contains(text, bad) {
			t.Errorf("unexpected %q in\n%s", bad, text)
		}
	}
	if n := strings.Count(text, "https://a.example/1"); n != 1 {
		t.Errorf("https://a.example/1 listed %d times, want 1 (deduped)", n)
	}
	if strings.Count(text, "javascript") != 0 || strings.Count(text, "alert(") != 0 {
		t.Errorf("javascript: link listed:\n%s", text)
	}
}

func TestReferencesLongURLAlign(t *testing.T) {
	u := "https://example.com/" + strings.Repeat("abcdefghij", 10)
	out, err := New(Options{NoColor: true}).Render("[x]("+u+")", 40)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	var got []string
	for i, l := range lines {
		if strings.Contains(l, "[1] https://") {
			got = lines[i:]
			break
		}
	}
	if len(got) < 3 {
		t.Fatalf("reference not wrapped over lines:\n%s", out)
	}
	if !strings.HasPrefix(got[1], "      ") {
		t.Errorf("continuation not aligned under the URL: %q", got[1])
	}
	joined := strings.TrimSpace(got[0][strings.Index(got[0], "https"):])
	for _, l := range got[1:] {
		joined += strings.TrimSpace(l)
	}
	if joined != u {
		t.Errorf("URL pieces = %q, want %q", joined, u)
	}
}

func TestCaptionStyledApart(t *testing.T) {
	md := "# Title\n\n*By Jane Doe · 1 March 2026*\n\n[Image](https://img.example/a.jpg)\n\n" +
		"*Boats in the harbour at dawn* — Photo: JOHN SMITH / AGENCY\n\nBody text about boats.\n"
	t.Run("truecolor", func(t *testing.T) {
		out, err := New(Options{Dark: true, Profile: termenv.TrueColor}).Render(md, 80)
		if err != nil {
			t.Fatal(err)
		}
		capSeq := lineSGR(t, out, "Boats in the harbour")
		credSeq := lineSGR(t, out, "Photo: JOHN SMITH")
		bodySeq := lineSGR(t, out, "Body text")
		if capSeq == "" || capSeq == bodySeq || credSeq == "" || credSeq == bodySeq || capSeq == credSeq {
			t.Errorf("caption %q, credit %q and body %q must be styled apart", capSeq, credSeq, bodySeq)
		}
		if !strings.Contains(capSeq, "3") {
			t.Errorf("caption not italic: %q", capSeq)
		}
		if metaSeq := lineSGR(t, out, "By Jane Doe"); metaSeq == "" || metaSeq == bodySeq {
			t.Errorf("byline %q not styled apart from body %q", metaSeq, bodySeq)
		}
	})
	for _, o := range []Options{asciiDark(), {NoColor: true}} {
		t.Run(fmt.Sprintf("ascii/nocolor=%v", o.NoColor), func(t *testing.T) {
			out, err := New(o).Render(md, 80)
			if err != nil {
				t.Fatal(err)
			}
			text := ansi.Strip(out)
			for _, want := range []string{"  ▎ Image [1]", "  ▎ Boats in the harbour at dawn", "  ▎ Photo: JOHN SMITH / AGENCY", "  By Jane Doe · 1 March 2026", "  Body text about boats."} {
				if !strings.Contains(text, want+"\n") {
					t.Errorf("missing line %q in\n%s", want, text)
				}
			}
			if strings.Contains(text, "*Boats") || strings.Contains(text, "*By") {
				t.Errorf("emphasis markers left around caption or byline:\n%s", text)
			}
			if strings.Count(text, "Boats in the harbour at dawn") != 1 {
				t.Errorf("caption not shown exactly once:\n%s", text)
			}
		})
	}
}

// lineSGR returns the SGR sequences on the line of out holding text.
func lineSGR(t *testing.T, out, text string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(ansi.Strip(l), text) {
			i := strings.Index(l, text[:4])
			return strings.Join(sgrSeq.FindAllString(l[:i], -1), "")
		}
	}
	t.Fatalf("no line with %q in %q", text, out)
	return ""
}

func TestFigureVariants(t *testing.T) {
	cases := []struct{ name, md, want, notWant string }{
		{"credit only", "[Image](https://i.example/a.jpg)\n\nPhoto: A / B\n\nBody.", "▎ Photo: A / B", ""},
		{"caption only", "[Image](https://i.example/a.jpg)\n\n*Just a caption*\n\nBody.", "▎ Just a caption", ""},
		{"no caption", "[Image](https://i.example/a.jpg)\n\nBody paragraph.", "▎ Image [1]\n\n  Body paragraph.", "▎ Body"},
		{"same chunk", "[Image](https://i.example/a.jpg)\n*Cap* — Photo: X\n\nBody.", "▎ Cap\n  ▎ Photo: X", ""},
		{"image markdown", "![alt text](https://i.example/a.jpg)\n\n*Cap*", "▎ Image [1]\n  ▎ Cap", ""},
		{"data image", "[Image](data:image/png;base64,AAAA)\n\n*Cap*", "▎ Image\n  ▎ Cap", "[1]"},
		{"escaped caption", "[Image](https://i.example/a.jpg)\n\n*A \\*starred\\* \\_word\\_ &amp; more* — Photo: X", "▎ A *starred* _word_ & more", ""},
		{"not a caption", "[Image](https://i.example/a.jpg)\n\nJust a *paragraph*.", "▎ Image [1]\n\n  Just a *paragraph*.", ""},
		{"emphasised credit only", "[Image](https://i.example/a.jpg)\n\n*Photo: A / B*\n\nBody.", "▎ Photo: A / B", ""},
		{"escaped entity", "[Image](https://i.example/a.jpg)\n\n*AT\\&amp;T and R&amp;D*", "▎ AT&amp;T and R&D", ""},
		{"no image", "Body.\n\n*A caption without image* — Photo: A / B\n\nMore.", "  ▎ A caption without image\n  ▎ Photo: A / B\n", "Image"},
		{"no image credit only", "Body.\n\n*Photo: A / B*\n\nMore.", "\n  ▎ Photo: A / B\n", "*"},
		{"emphasis dash not credit", "*Editor's note* — this story was updated.", "*Editor's note* — this story was updated.", "▎"},
		{"in list stays text", "- [Image](https://i.example/a.jpg)", "• Image[1]", "▎"},
	}
	r := New(Options{NoColor: true})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := r.Render(c.md, 60)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, c.want) {
				t.Errorf("want %q in\n%s", c.want, out)
			}
			if c.notWant != "" && strings.Contains(out, c.notWant) {
				t.Errorf("unexpected %q in\n%s", c.notWant, out)
			}
		})
	}
}

func TestHostile(t *testing.T) {
	hostile := []string{
		"\x1b]52;c;cHduZWQ=\x07",                                // OSC 52 clipboard
		"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", // OSC 8 link
		"\x1b]0;pwned\x07", "\x1b]2;title\x1b\\",                // window title
		"\x1b[2J\x1b[H", "\x1b[6n", "\x1bc", // clear, query, reset
		"\x07", "\x08\x08", "\r", "\x7f",
		"\u009b31m", "\u009d0;x\u009c", "\x9b2J", // C1, UTF-8 and raw
		"\u202eevil\u202c", "\u2066x\u2069", "\u200f", // bidi
		"&#27;[2J", "&#x1b;]52;c;AA&#7;", "&#x9b;2J", "&#155;", "&#0027", "&#8238;rtl", "&#x81;",
		"`\x1b[31m code`", "```\n\x1b]0;t\x07\n&#27;[2J\n```",
		"[a\x1b[31m](https://x.example/\x1b]52;c;AA\x07)",
		"[Image](https://i.example/\x1b[2J.jpg)\n\n*cap \x1b]0;t\x07* — Photo: &#27;[2J",
		"<span>&#27;[2J</span>", "<b>&#x1b;]0;t&#x7;</b>",
		"*\x1b[5mBy \x1b]8;;x\x07Jane*",
	}
	for _, o := range []Options{{Dark: true}, {Dark: false, Profile: termenv.ANSI256}, asciiDark(), {NoColor: true}} {
		r := New(o)
		for _, h := range hostile {
			md := "# T " + h + "\n\nBody " + h + " text.\n\n" + h + "\n"
			out, err := r.Render(md, 40)
			if err != nil {
				t.Fatal(err)
			}
			checkSafe(t, out)
			checkWidth(t, out, 40)
			for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[6n", "\x1b[5m", "\x07", "\u009b", "\u202e", "pwned"} {
				if strings.Contains(out, bad) {
					t.Errorf("input %q: output holds %q: %q", h, bad, out)
				}
			}
		}
	}
}

func TestSafeANSI(t *testing.T) {
	cases := map[string]string{
		"plain\ntext":                                "plain\ntext",
		"\x1b[1;38;5;39mbold\x1b[0m":                 "\x1b[1;38;5;39mbold\x1b[0m",
		"\x1b[38:2::1:2:3mx\x1b[m":                   "\x1b[38:2::1:2:3mx\x1b[m",
		"a\x1b]0;title\x07b":                         "ab",
		"a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b": "alinkb",
		"a\x1b[2Jb\x1b[?25lc\x1b[>0md":               "abcd",
		"a\x1bPq#0;2;0;0;0\x1b\\b":                   "ab",
		"a\x1b_apc\x1b\\b\x1b^pm\x1b\\c":             "abc",
		"a\x1bcb\x1b(Bc\x1b7d":                       "abcd",
		"a\tb\rc\x00d\x7fe\x08f":                     "abcdef",
		"a\u009b31mb\u0085c":                         "a31mbc",
		"a\x9b31mb\xffc":                             "a31mbc",
		"a\u202eb\u2066c\u200fd":                     "abcd",
		"unterminated\x1b]0;title":                   "unterminated",
		"trailing\x1b":                               "trailing",
		"csi\x1b[12":                                 "csi",
		"日本 👨‍👩‍👧 é":                                 "日本 👨‍👩‍👧 é",
	}
	for in, want := range cases {
		if got := SafeANSI(in); got != want {
			t.Errorf("SafeANSI(%q) = %q, want %q", in, got, want)
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
		// Crossheads stand on a line of their own (styled as headings;
		// only the NoColor style keeps Markdown's "##").
		for _, want := range []string{"'Moving fast so far'", "Syria bombing", "Cross-border strike"} {
			if !lines[want] {
				t.Errorf("heading %q is not a line of its own", want)
			}
		}
		if !strings.Contains(text, "Photo: AHMAD AL-RUBAYE / AFP") {
			t.Error("missing the credit")
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
	r.cache = newLRU(0) // measure rendering, not the cache
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

func TestNoOrphanedWords(t *testing.T) {
	// reflow lets a line ending in a hyphenated word overflow by one cell and
	// glamour's second wrap then strands the last word on its own line.
	md := "The ferry, a forty-metre vessel built in 1987, has been operated under a subsidy agreement that expires in April."
	out, err := New(Options{NoColor: true}).Render(md, 40)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.TrimSpace(l) == "built" {
			t.Fatalf("orphaned word:\n%s", out)
		}
	}
	if !strings.Contains(out, "forty-metre") {
		t.Errorf("hyphen not restored:\n%s", out)
	}
}

func TestBylineOnlyUnderTitle(t *testing.T) {
	md := "# T\n\n```\ncode\n```\n\n*Not a byline*\n\n*Also not*"
	out, err := New(Options{NoColor: true}).Render(md, 60)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "*Not a byline*") || !strings.Contains(out, "*Also not*") {
		t.Errorf("emphasis paragraphs away from the title taken as byline:\n%s", out)
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

func TestHasBackground(t *testing.T) {
	for seq, want := range map[string]bool{
		"\x1b[0m": false, "\x1b[m": false, "\x1b[;;1m": false, "\x1b[38;5;40m": false,
		"\x1b[38;2;1;48;7m": false, "\x1b[38;5;228;48;5;63;1m": true, "\x1b[7m": true,
		"\x1b[41m": true, "\x1b[103m": true, "\x1b[1;48;2;1;2;3m": true,
	} {
		if got := hasBackground(seq); got != want {
			t.Errorf("hasBackground(%q) = %v, want %v", seq, got, want)
		}
	}
}

func TestNoTrailingPadding(t *testing.T) {
	md := "Text.\n\n```\nfunc main() {\n\tx := 1\n}\n```\n\n---\n\nEnd."
	for _, o := range []Options{{Dark: true}, asciiDark(), {NoColor: true}} {
		out, err := New(o).Render(md, 60)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(out, "\n") {
			if p := ansi.Strip(l); strings.HasSuffix(p, " ") {
				t.Errorf("trailing spaces in %q", l)
			}
		}
		if !strings.Contains(ansi.Strip(out), "        x := 1") {
			t.Errorf("tab in code not expanded to 4 spaces:\n%s", out)
		}
	}
}

// TestLongWordsKeepTheMargin checks that a word longer than a line (a URL,
// a run of letters) breaks at the width and carries on at the margin, not
// at column 0, styled or not.
func TestLongWordsKeepTheMargin(t *testing.T) {
	md := "# Title\n\nRead the filing at https://court.example/filings/2026/" + strings.Repeat("a", 90) +
		" before the hearing.\n\nSupercali" + strings.Repeat("fragilistic", 9) + " ends here.\n"
	for name, o := range map[string]Options{
		"no colour": {NoColor: true},
		"truecolor": {Dark: true, Profile: termenv.TrueColor},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := New(o).Render(md, 40)
			if err != nil {
				t.Fatal(err)
			}
			checkWidth(t, out, 40)
			checkSafe(t, out)
			if o.NoColor && strings.Contains(out, "\x1b") {
				t.Errorf("escape sequence in uncoloured output: %q", out)
			}
			for i, l := range strings.Split(ansi.Strip(out), "\n") {
				if l != "" && !strings.HasPrefix(l, "  ") {
					t.Errorf("line %d lost the margin: %q", i, l)
				}
			}
			if !strings.Contains(ansi.Strip(out), strings.Repeat("a", 20)) {
				t.Errorf("the long word is gone:\n%s", ansi.Strip(out))
			}
		})
	}
}

func TestHardwrapIndented(t *testing.T) {
	// A style that starts after the break does not leak onto the line before it.
	got := hardwrapIndented("  \x1b[31maaaaaaaaaaaa\x1b[4munderlined\x1b[m", 8)
	lines := strings.Split(got, "\n")
	if u := strings.Index(lines[1], "\x1b[4m"); len(lines) < 3 || (u >= 0 && u < strings.LastIndex(lines[1], "a")) {
		t.Errorf("underline leaked onto the first continuation: %q", lines)
	}
	if !strings.Contains(lines[1], "\x1b[31m") {
		t.Errorf("continuation lost the colour in force: %q", lines)
	}
	// Wide runes and narrow widths: never wider than width, nothing lost.
	for _, tc := range []struct {
		in    string
		width int
	}{{" 中中中", 2}, {"  中中中中中中", 3}, {"   🤦🏼‍♂️🤦🏼‍♂️🤦🏼‍♂️x", 4}, {" " + strings.Repeat("ab", 20), 1}} {
		out := hardwrapIndented(tc.in, tc.width)
		if tc.width > 1 {
			checkWidth(t, out, tc.width)
		}
		if strings.ReplaceAll(strings.ReplaceAll(out, "\n", ""), " ", "") != strings.ReplaceAll(tc.in, " ", "") {
			t.Errorf("hardwrapIndented(%q, %d) lost text: %q", tc.in, tc.width, out)
		}
	}
	// Many styles on one long line: the replayed state stays small, so the
	// output grows with the input, not with its square.
	var long strings.Builder
	long.WriteString("  ")
	for i := range 20000 {
		fmt.Fprintf(&long, "\x1b[%dmx\x1b[m", 31+i%7)
	}
	out := hardwrapIndented(long.String(), 40)
	if len(out) > 3*long.Len() {
		t.Errorf("output %d bytes for %d bytes of input", len(out), long.Len())
	}
	checkWidth(t, out, 40)
}

// TestCreditKinds: a figure whose only line is a credit of another kind
// than a photo (an illustration, a graphic, a composite, a video) still
// draws it as the figure's credit.
func TestCreditKinds(t *testing.T) {
	for _, credit := range []string{"Illustration: Nate Okoro / The Gazette", "Graphic: Data desk / The Gazette", "Composite: Ana Lee / Reuters", "Video: Ana Lee / AP"} {
		md := "# Title\n\n[Image](https://img.example/a.jpg)\n\n" + credit + "\n\nBody text.\n"
		out, err := New(Options{NoColor: true}).Render(md, 80)
		if err != nil {
			t.Fatal(err)
		}
		if text := ansi.Strip(out); !strings.Contains(text, "  ▎ "+credit) {
			t.Errorf("%q not drawn as the figure's credit:\n%s", credit, text)
		}
	}
}
