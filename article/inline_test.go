package article

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestInlineFormatting(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "Google Docs wrapper is not bold, its styled spans are",
			in:      `<p><b style="font-weight:normal;" id="docs-internal-guid-5e1f2a3b-7fff-c0de"><span style="font-weight:400">The ferry timetable changes on Monday, and </span><span style="font-weight:700">the last boat now leaves at 22:10</span><span style="font-weight:400">, the operator said.</span></b></p>`,
			present: []string{"The ferry timetable changes on Monday, and **the last boat now leaves at 22:10**, the operator said."},
			absent:  []string{"**The ferry"},
		},
		{
			name:    "CSS bold and italics",
			in:      `<p>Tickets cost <span style="font-weight: bold">twelve euros</span>, or <span style="font-weight:600">nine</span> for <span style="font-style:italic">students</span> and <span style="font-style: oblique; font-weight: 800">pensioners</span>.</p>`,
			present: []string{"Tickets cost **twelve euros**, or **nine** for *students* and ***pensioners***."},
		},
		{
			name:    "bold tags styled normal are plain",
			in:      `<p>The <b style="font-weight: normal">harbour</b> and the <strong style="font-weight:400 !important">quay</strong> reopen, <i style="font-style:normal">weather</i> permitting, and <strong>tolls</strong> stay.</p>`,
			present: []string{"The harbour and the quay reopen, weather permitting, and **tolls** stay."},
		},
		{
			name:    "tags keep their emphasis",
			in:      `<p>She read <em>The Tide Tables</em> and <i>Salt</i>, then <strong>closed</strong> the <b>book</b>.</p>`,
			present: []string{"She read *The Tide Tables* and *Salt*, then **closed** the **book**."},
		},
		{
			name:    "bold next to italic stays both",
			in:      `<p>Order: <b>Ferry</b><i>Nordlys</i> first, then <em>Kvitøy</em><strong><em>Express</em></strong> and <strong><em>Polar</em></strong><em>Star</em>.</p>`,
			present: []string{"**Ferry***Nordlys*", "*Kvitøy**Express***", "***Polar**Star*"},
			absent:  []string{"****", "**FerryNordlys**"},
		},
		{
			name:    "empty, doubled and spaced emphasis",
			in:      `<p>Buses <b> </b>run <em></em>every <i><i>ten</i></i> minutes, <strong>all <strong>night</strong></strong> and<em> </em> <em>on Sundays</em>.</p>`,
			present: []string{"Buses run every *ten* minutes, **all night** and *on Sundays*."},
			absent:  []string{"* *", "****"},
		},
		{
			name:    "punctuation at the edge of emphasis",
			in:      `<p><strong>Note:</strong>the quay is closed; the pier (<b>(north)</b>side) is open and <b>“Kai 4”</b>works.</p>`,
			present: []string{"**Note**:the quay", "(**(north**)side)", "**“Kai 4**”works"},
		},
	})
}

// TestEmphasisParses converts random nestings of bold, italic, styled
// spans and links, renders the Markdown with a CommonMark parser and checks
// that every letter keeps the emphasis it had in the source and that no
// asterisk is left showing.
func TestEmphasisParses(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2026))
	const cases = 1500
	inexact := 0
	for i := range cases {
		src := "<p>Lead words " + randomInline(rng, 0) + " tail words.</p>"
		md := FromHTML(src, Meta{}).Markdown()
		var out bytes.Buffer
		if err := goldmark.Convert([]byte(md), &out); err != nil {
			t.Fatal(err)
		}
		want, got := styledLetters(src), styledLetters(out.String())
		if !covers(got, want) || strings.Contains(renderedText(out.String()), "*") {
			t.Errorf("case %d:\nsource   %s\nmarkdown %s\nrendered %s\nwant %s\ngot  %s", i, src, md, out.String(), want, got)
		}
		if got != want {
			inexact++
			t.Logf("inexact %d:\nsource   %s\nmarkdown %s\nwant %s\ngot  %s", i, src, md, want, got)
		}
	}
	// Italics ending in bold, glued to more bold ("*a **b***" + "**c**"
	// with no space) cannot be written in Markdown: there the later run
	// takes the italics too. Random nestings hit that rarely.
	if inexact > cases/100 {
		t.Errorf("%d of %d cases gained emphasis", inexact, cases)
	}
}

// covers reports whether every letter of got has at least the emphasis
// its twin in want has.
func covers(got, want string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range len(got) {
		g, w := got[i], want[i]
		if g != w && g != 'X' {
			return false
		}
	}
	return true
}

// TestGoldenEmphasisParses renders every article golden with a CommonMark
// parser: an asterisk left showing is one the Markdown escaped, never a
// delimiter that failed to open or close.
func TestGoldenEmphasisParses(t *testing.T) {
	goldens, _ := filepath.Glob(filepath.Join(articlesDir, "*.golden.md"))
	for _, g := range goldens {
		md, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := goldmark.Convert(md, &out); err != nil {
			t.Fatal(err)
		}
		doc, _ := html.Parse(&out)
		shown := strings.Count(textOutsideCode(doc), "*")
		if escaped := strings.Count(string(md), `\*`); shown != escaped {
			t.Errorf("%s: %d asterisks shown, %d escaped", filepath.Base(g), shown, escaped)
		}
	}
}

// textOutsideCode returns the text of n outside code spans and blocks.
func textOutsideCode(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Code || n.DataAtom == atom.Pre) {
		return ""
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOutsideCode(c))
	}
	return b.String()
}

// randomInline returns a random run of inline HTML. Emphasis starts and
// ends at a space or a punctuation mark, as it does in written text.
func randomInline(rng *rand.Rand, depth int) string {
	words := []string{"alpha", "beta", "Note:", "(gamma)", "“delta”", "epsilon.", "zeta,", "eta!", "theta"}
	tags := []string{"b", "strong", "i", "em", "span", `span style="font-weight:700"`, `span style="font-style:italic"`, `a href="https://x.example/"`}
	if depth == 0 {
		// Unbolding inside bold cannot be written in Markdown: only at the top.
		tags = append(tags, `b style="font-weight:normal" id="docs-internal-guid-1"`, `span style="font-weight:400"`, `strong style="font-weight:normal"`)
	}
	var b strings.Builder
	for k := range 1 + rng.IntN(4) {
		var part string
		if depth >= 3 || rng.IntN(3) == 0 {
			part = words[rng.IntN(len(words))]
		} else {
			tag := tags[rng.IntN(len(tags))]
			name, _, _ := strings.Cut(tag, " ")
			if name == "a" && depth > 0 {
				name, tag = "em", "em"
			}
			part = "<" + tag + ">" + randomInline(rng, depth+1) + "</" + name + ">"
		}
		prev, _ := utf8.DecodeLastRuneInString(tagPattern.ReplaceAllString(b.String(), ""))
		next, _ := utf8.DecodeRuneInString(tagPattern.ReplaceAllString(part, ""))
		if k > 0 && (rng.IntN(3) > 0 || unicode.IsLetter(prev) && unicode.IsLetter(next)) {
			b.WriteByte(' ')
		}
		b.WriteString(part)
	}
	return b.String()
}

var tagPattern = regexp.MustCompile(`<[^>]*>`)

// styledLetters lists the letters of an HTML text with their emphasis as
// the source's tags and inline styles give it: "a" plain, "B" bold, "i"
// italic, "X" both.
func styledLetters(src string) string {
	doc, _ := html.Parse(strings.NewReader(src))
	var b strings.Builder
	var walk func(n *html.Node, bold, italic bool)
	walk = func(n *html.Node, bold, italic bool) {
		if n.Type == html.TextNode {
			for _, r := range n.Data {
				if !unicode.IsLetter(r) {
					continue
				}
				switch {
				case bold && italic:
					b.WriteByte('X')
				case bold:
					b.WriteByte('B')
				case italic:
					b.WriteByte('i')
				default:
					b.WriteByte('a')
				}
			}
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.B, atom.Strong:
				bold = true
			case atom.I, atom.Em:
				italic = true
			}
			if w := cssValue(attr(n, "style"), "font-weight"); w != "" {
				bold = w == "700"
			}
			if strings.HasPrefix(attr(n, "id"), "docs-internal-guid") {
				bold = false
			}
			if attr(n, "style") == "font-style:italic" {
				italic = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, bold, italic)
		}
	}
	walk(doc, false, false)
	return b.String()
}

// renderedText returns the text of rendered HTML.
func renderedText(s string) string {
	doc, _ := html.Parse(strings.NewReader(s))
	return textOf(doc)
}
