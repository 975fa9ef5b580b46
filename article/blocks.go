package article

// Lists, quotes and code blocks.

import (
	"strings"

	"github.com/herald-reader/herald/sanitize"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// quote handles <blockquote>.
func (b *builder) quote(q *html.Node) {
	plain := textOf(q)
	if plain == "" {
		b.imagesIn(q)
		return
	}
	imgs := detachImages(q)
	defer func() {
		for _, img := range imgs {
			b.image(img)
		}
	}()
	md := b.markdown(q)
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(l, ">")
		lines[i] = strings.TrimPrefix(l, " ")
	}
	text := strings.TrimSpace(strings.Join(lines, "\n"))
	if text == "" {
		return
	}
	b.add(item{Block: Block{Kind: Quote, Text: text}, plain: plain})
}

// code handles <pre>.
func (b *builder) code(pre *html.Node) {
	if pre.DataAtom != atom.Pre {
		b.codeText(codeBoxText(pre))
		return
	}
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				sb.WriteString(c.Data)
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				sb.WriteByte('\n')
			case c.Type == html.ElementNode && !skipTags[c.DataAtom]:
				walk(c)
			}
		}
	}
	walk(pre)
	b.codeText(sb.String())
}

// codeText adds a code block holding text, line for line.
func (b *builder) codeText(text string) {
	text = strings.Trim(sanitize.Text(strings.ReplaceAll(text, "\r", "")), "\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	b.add(item{Block: Block{Kind: Code, Text: text}, plain: sanitize.Line(text)})
}
