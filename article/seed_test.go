package article

import (
	"os"
	"strings"
	"testing"

	"github.com/herald-reader/herald/internal/sharedtest"
	"github.com/herald-reader/herald/sanitize"
)

// readSeed reads the seed article, kept in ../shared outside the repository
// (CI has it there); its text is not copied into the repository.
func readSeed(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(sharedtest.Path(t, "seed/article.txt"))
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return string(data)
}

// TestSeed asserts every row of the seed README's table.
func TestSeed(t *testing.T) {
	raw := readSeed(t)
	for _, tc := range []struct {
		name string
		meta Meta
	}{
		{"no meta", Meta{}},
		{"feed title says the same", Meta{Title: "Iraq forces enter first west Mosul neighbourhood: commander"}},
		{"feed title with other punctuation", Meta{Title: "Iraq forces enter first west Mosul neighbourhood - commander"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := FromText(raw, tc.meta)
			md := d.Markdown()
			checkSeed(t, raw, d, md)
		})
	}
}

func checkSeed(t *testing.T, raw string, d *Document, md string) {
	t.Helper()
	const caption = "Iraqi security forces advance towards the the village of al-Buseif on February 21, during their offensive to retake western Mosul"
	// The caption once, as an image caption, with its credit beside it;
	// "the the" stays.
	if n := strings.Count(md, "al-Buseif"); n != 1 {
		t.Errorf("caption appears %d times, want 1:\n%s", n, md)
	}
	if !strings.Contains(md, "*"+caption+"* — Photo: AHMAD AL-RUBAYE / AFP") {
		t.Errorf("caption line with credit missing:\n%s", md)
	}
	if d.Lead == nil && (len(d.Blocks) == 0 || d.Blocks[0].Kind != FigureBlock) {
		t.Errorf("first block is not the figure: %+v", d.Blocks[0])
	}
	if strings.Contains(md, "©") {
		t.Errorf("raw credit left in the output")
	}
	// No epoch date.
	if strings.Contains(md, "1970") || strings.Contains(md, "Last updated") {
		t.Errorf("epoch date shown:\n%s", md)
	}
	// The title once, as the only level-1 heading, first.
	const title = "Iraq forces enter first west Mosul neighbourhood: commander"
	if !strings.HasPrefix(md, "# ") {
		t.Errorf("markdown does not start with the title:\n%.200s", md)
	}
	if n := strings.Count(md, "enter first west Mosul neighbourhood"); n != 1 {
		t.Errorf("title appears %d times", n)
	}
	checkInvariants(t, md) // with the prefix above: exactly one level-1 heading
	if d.Title != title && !strings.Contains(md, "# "+title+"\n") {
		// The feed's own title wins when given; the body line must still go.
		if !strings.HasPrefix(md, "# Iraq forces enter first west Mosul neighbourhood") {
			t.Errorf("title line: %q", strings.SplitN(md, "\n", 2)[0])
		}
	}
	// Crossheads become level-2 headings.
	for _, h := range []string{"## 'Moving fast so far'\n", "## Syria bombing\n", "## Cross-border strike\n"} {
		if strings.Count(md, h) != 1 {
			t.Errorf("heading %q missing", h)
		}
	}
	if strings.Contains(md, "- Syria bombing -") {
		t.Errorf("crosshead left as text")
	}
	// No Disqus.
	if strings.Contains(strings.ToLower(md), "disqus") {
		t.Errorf("Disqus line kept")
	}
	// Every body paragraph, in order, word for word.
	assertParagraphsInOrder(t, md, seedBody(raw))
	if sanitize.HasControl(md) {
		t.Errorf("control character in output")
	}
}

// seedBody returns the seed's body paragraphs: every line after the title
// that is neither a crosshead nor the Disqus line.
func seedBody(raw string) []string {
	var body []string
	started := false
	for _, l := range strings.Split(raw, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case strings.HasPrefix(l, "Iraq forces enter"):
			started = true
		case !started, strings.HasPrefix(l, "- "), strings.Contains(l, "Disqus"):
		default:
			body = append(body, l)
		}
	}
	return body
}

// assertParagraphsInOrder checks that each paragraph appears in md as a
// paragraph of its own, in order.
func assertParagraphsInOrder(t *testing.T, md string, paras []string) {
	t.Helper()
	if len(paras) == 0 {
		t.Fatal("no paragraphs to look for")
	}
	blocks := strings.Split(md, "\n\n")
	k := 0
	for _, p := range paras {
		found := false
		for k < len(blocks) {
			b := strings.TrimSpace(blocks[k])
			k++
			if unescape(b) == p {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("paragraph lost or out of order: %q", p)
			return
		}
	}
}

// unescape removes Markdown backslash escapes.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_[]<>#~|&-+.!()=", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
