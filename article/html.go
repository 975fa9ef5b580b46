package article

import (
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/herald-reader/herald/sanitize"
)

// builder walks an HTML tree and collects the article's blocks.
type builder struct {
	conv  *converter.Converter
	base  *url.URL
	items []item
	box   *html.Node // the element whose children are being read
}

// add appends a block read from the children of b.box.
func (b *builder) add(it item) {
	it.box = b.box
	b.items = append(b.items, it)
}

// sharedConverter builds the HTML-to-Markdown converter once. It is never
// changed after construction and html-to-markdown documents ConvertNode as
// safe for concurrent use, so sharing it is sharing a constant; building one
// per article cost more than converting a short article.
var sharedConverter = sync.OnceValue(func() *converter.Converter {
	return converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(),
		emphasisPlugin{},
		cellPlugin{},
		notePlugin{},
	))
})

func newBuilder(link string) *builder {
	b := &builder{conv: sharedConverter()}
	if u, err := url.Parse(strings.TrimSpace(link)); err == nil && u.IsAbs() {
		b.base = u
	}
	return b
}

// skipTags are never article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true,
	atom.Svg: true, atom.Canvas: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Video: true, atom.Audio: true, atom.Head: true,
	atom.Title: true, atom.Meta: true, atom.Link: true, atom.Hr: true, atom.Nav: true,
	atom.Map: true, atom.Dialog: true, atom.Math: true, atom.Label: true,
}

// blockTags start a new block.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Figure: true,
	atom.Figcaption: true, atom.Blockquote: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Pre: true, atom.Table: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Form: true, atom.Fieldset: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Center: true, atom.Body: true, atom.Html: true, atom.Hgroup: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Caption: true, atom.Menu: true, atom.Legend: true,
}

// shareClass matches class or id values of share widgets and similar chrome
// inside feed content.
var shareClass *lazyRegexp

func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if blockTags[n.DataAtom] {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isBlock(c) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func skipped(n *html.Node) bool {
	if n.Type == html.CommentNode || n.Type == html.DoctypeNode {
		return true
	}
	if n.Type != html.ElementNode {
		return false
	}
	if skipTags[n.DataAtom] {
		return true
	}
	if hidden(n) || signupBox(n) {
		return true
	}
	if c := attr(n, "class") + " " + attr(n, "id"); len(c) > 1 && shareClass.MatchString(c) {
		return true
	}
	return false
}

// hidden reports whether element n is hidden by its hidden attribute, its
// inline style or a class that shows it to screen readers only.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			if strings.Contains(a.Val, "none") && strings.Contains(strings.ReplaceAll(a.Val, " ", ""), "display:none") {
				return true
			}
		case "class":
			if screenReaderOnly(a.Val) {
				return true
			}
		}
	}
	return false
}

// srOnlyClass is a class for text shown to screen readers only: "sr-only",
// "visually-hidden", "screen-reader-text", "a11y-only".
var srOnlyClass *lazyRegexp

// screenReaderOnly reports whether class c is srOnlyClass; cheap tests
// first, as every element's class passes here.
func screenReaderOnly(c string) bool {
	if !containsAny(c, "sr-only", "sr_only", "srOnly", "isually", "reader", "Reader", "a11y", "nvisible", "for-sr", "ssistive") {
		return false
	}
	for _, tok := range strings.Fields(c) {
		if srOnlyClass.MatchString(tok) && !partHidden.MatchString(tok) {
			return true
		}
	}
	return false
}

// partHidden is a class saying a part of the element is hidden, not the
// element: Drupal's "field--label-visually_hidden" hides a field's label.
var partHidden *lazyRegexp

// textOf returns the plain text of n, white space collapsed and sanitized;
// hidden text is left out.
func textOf(n *html.Node) string { return textWith(n, false) }

// labelledText is textOf keeping what only screen readers are given, the
// labels that say what a text is ("Image source, " before a credit).
func labelledText(n *html.Node) string { return textWith(n, true) }

func textWith(n *html.Node, srOnly bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] || hidden(n) && !(srOnly && screenReaderOnly(attr(n, "class"))) {
				return
			}
			if n.DataAtom == atom.Br || blockTags[n.DataAtom] {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return sanitize.Line(b.String())
}

// container walks the children of n, gathering runs of inline content into
// paragraphs.
func (b *builder) container(n *html.Node) {
	outer := b.box
	b.box = n
	defer func() { b.box = outer }()
	var run []*html.Node
	flush := func() {
		if len(run) > 0 {
			b.paragraphNodes(run)
			run = nil
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case skipped(c):
		case c.Type == html.TextNode:
			run = append(run, c)
		case c.Type == html.ElementNode && isBlock(c):
			flush()
			b.block(c)
		case c.Type == html.ElementNode:
			run = append(run, c)
		}
		c = next
	}
	flush()
}

// block handles one block-level element.
func (b *builder) block(n *html.Node) {
	if isPullQuote(n) {
		b.pullQuote(n)
		return
	}
	if captionBlock(n) {
		defer b.markCaptions(len(b.items))
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.heading(n)
	case atom.P, atom.Dt, atom.Dd, atom.Figcaption, atom.Address, atom.Summary, atom.Caption, atom.Legend:
		if hasBlockChild(n) {
			b.container(n)
			return
		}
		start := len(b.items)
		b.paragraphNodes(children(n))
		if creditClass.MatchString(attr(n, "class")) {
			b.markCredits(start)
		}
	case atom.Figure:
		b.figure(n)
	case atom.Ul, atom.Ol, atom.Menu:
		b.list(n)
	case atom.Blockquote:
		b.quote(n)
	case atom.Pre:
		b.code(n)
	case atom.Table:
		b.table(n)
	default:
		if isCodeBox(n) {
			b.code(n)
			return
		}
		start := len(b.items)
		b.container(n)
		// A credit in a block of its own, `<div class="photo-credit">`:
		// one short line, not a section whose class happens to match.
		if len(b.items) == start+1 && b.items[start].Kind == Paragraph && wordCount(b.items[start].plain) <= 12 {
			if c := attr(n, "class"); c != "" && creditBlockClass.MatchString(c) {
				b.markCredits(start)
			}
		}
	}
}

// markCredits marks the paragraphs built since start as credits, their
// whole text a credit marked up as one (item.creditText).
func (b *builder) markCredits(start int) {
	for i := start; i < len(b.items); i++ {
		b.items[i].creditText = b.items[i].plain
	}
}

func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !skipped(c) && isBlock(c) {
			return true
		}
	}
	return false
}

func (b *builder) heading(n *html.Node) {
	b.imagesIn(n)
	plain := textOf(n)
	if plain == "" {
		return
	}
	level := int(n.Data[1] - '0')
	it := item{Block: Block{Kind: Heading, Level: max(level, 2), Text: escapeText(plain)}, plain: plain, h1: level == 1, links: onlyLinks(n, plain)}
	b.add(it)
}

// paragraphNodes turns a run of inline nodes into paragraphs, splitting off
// images (which become figures) and splitting at double line breaks.
func (b *builder) paragraphNodes(nodes []*html.Node) {
	var seg []*html.Node
	flush := func() {
		if len(seg) > 0 {
			b.paragraph(seg)
			seg = nil
		}
	}
	for i := 0; i < len(nodes); i++ {
		c := nodes[i]
		if skipped(c) {
			continue
		}
		if c.Type == html.ElementNode {
			if c.DataAtom == atom.Img || (c.DataAtom != atom.Br && textOf(c) == "" && hasImage(c)) {
				flush()
				if c.DataAtom == atom.Img {
					b.image(c)
				} else {
					b.imagesIn(c)
				}
				continue
			}
			if c.DataAtom == atom.Br {
				// A second <br> (white space between them allowed) ends the paragraph.
				j := i + 1
				for j < len(nodes) && nodes[j].Type == html.TextNode && strings.TrimSpace(nodes[j].Data) == "" {
					j++
				}
				if j < len(nodes) && nodes[j].Type == html.ElementNode && nodes[j].DataAtom == atom.Br {
					flush()
					i = j
					continue
				}
			}
		}
		seg = append(seg, c)
	}
	flush()
}

// hasTag reports whether n has a descendant element a.
func hasTag(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a || hasTag(c, a) {
			return true
		}
	}
	return false
}

func hasImage(n *html.Node) bool {
	if n.Type == html.ElementNode && n.DataAtom == atom.Img {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasImage(c) {
			return true
		}
	}
	return false
}

// paragraph converts one run of inline nodes into a paragraph item.
func (b *builder) paragraph(nodes []*html.Node) {
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	for _, n := range nodes {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
		p.AppendChild(n)
	}
	if full := textOf(p); isBoilerplate(full) {
		// Keep the whole line for the cleaner to drop: removing its
		// "Read more" link first would leave " at Slashdot." behind.
		b.add(item{Block: Block{Kind: Paragraph, Text: escapeText(full)}, plain: full})
		return
	}
	cut := dropReadMore(p)
	// Images inside inline elements that also hold text are shown after
	// the paragraph.
	imgs := detachImages(p)
	defer func() {
		for _, img := range imgs {
			b.image(img)
		}
	}()
	plain := textOf(p)
	if plain == "" || cut && strings.TrimFunc(plain, isPunct) == "" {
		return // nothing, or the full stop after a "Read more" link
	}
	bold, links, footer := onlyBold(p), onlyLinks(p, plain), linkedFooter(p, plain)
	aside := onlyIn(p, atom.Em, atom.I, atom.Small)
	credit := creditTail(p) // before markdown, whose plugins rewrite the tree
	md := b.markdown(p)
	if strings.TrimSpace(md) == "" {
		return
	}
	b.add(item{
		Block:      Block{Kind: Paragraph, Text: md},
		plain:      plain,
		bold:       bold,
		aside:      aside,
		links:      links,
		footer:     footer,
		creditText: credit,
	})
}

// onlyBold reports whether all the text of p sits inside <b> or <strong>.
func onlyBold(p *html.Node) bool { return onlyIn(p, atom.B, atom.Strong) }

// onlyIn reports whether all the text of p sits inside elements of the
// kinds tags.
func onlyIn(p *html.Node, tags ...atom.Atom) bool {
	in, other := 0, 0
	var walk func(n *html.Node, inside bool)
	walk = func(n *html.Node, inside bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if t := strings.TrimSpace(c.Data); t != "" {
					if inside {
						in += len(t)
					} else {
						other += len(t)
					}
				}
			case html.ElementNode:
				walk(c, inside || slices.Contains(tags, c.DataAtom))
			}
		}
	}
	walk(p, false)
	return in > 0 && other == 0
}

// onlyLinks reports whether the text of p is (almost) all link text.
func onlyLinks(p *html.Node, plain string) bool {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				n += len(textOf(c))
				continue
			}
			walk(c)
		}
	}
	walk(p)
	return n > 0 && float64(n) >= 0.9*float64(len(plain))-3
}

func init() {
	register(func() {
		shareClass = compileLater(`(?i)(?:^|[\s_-])(?:sharedaddy|sd-sharing|share-?(?:buttons?|bar|links|tools|widget|icons|this)|social-?(?:share|sharing|buttons|links|icons)|addtoany|a2a_kit|jp-relatedposts|shareaholic|ssba|feedflare|newsletter-?(?:signup|form|box)|disqus_thread|breadcrumbs?)(?:$|[\s_-])`)
		srOnlyClass = compileLater(`(?i)(?:^|\s)(?:[\w-]+[-_])?(?:sr[-_]?only|visually[-_]?hidden|screen-?reader[-_](?:text|only)|a11y(?:[-_](?:only|hidden|text))?|element-invisible|show-for-sr|assistive-text)(?:[-_]focusable)?(?:$|\s)`)
		partHidden = compileLater(`(?i)(?:^|[-_])(?:label|title|legend|caption|heading|icon)s?[-_]+(?:sr[-_]?only|visually|screen|a11y|element-invisible)`)
	})
}
