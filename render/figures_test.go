package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

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
