package article

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/herald-reader/herald/sanitize"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FromHTML cleans an HTML fragment, such as a feed item's content, into a
// Document. An empty fragment falls back to m.Summary.
func FromHTML(fragment string, m Meta) *Document {
	ready()
	if strings.TrimSpace(fragment) == "" {
		fragment = m.Summary
	}
	fragment = unescapeTwice(fragment)
	// Raw escape sequences in the source are never content; removing them
	// whole first keeps the text around them (an OSC 8 link's text).
	fragment = sanitize.Text(fragment)
	b := newBuilder(m.Link)
	nodes, err := html.ParseFragment(strings.NewReader(fragment), bodyContext())
	if err != nil {
		return FromText(fragment, m)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	sanitizeTree(root)
	prepareTree(root, b.base)
	b.container(root)
	c := &cleaner{m: m, items: b.items, altCaptions: true}
	return c.document()
}

// bodyContext is the context in which fragments are parsed.
func bodyContext() *html.Node {
	return &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
}

// FromPage extracts the main content of a whole HTML page with
// go-readability, then cleans it like FromHTML. Metadata missing from m
// (title, author, date) is taken from the page: the page's own <h1> when it
// heads the article, else its title without the site's name. Rules for
// whole pages then drop what readability keeps of the page around the
// article: header lines before the first paragraph (dates, the byline again,
// section labels, breadcrumbs), story teasers and related-link lists, and
// after the last paragraph promotions, author boxes, tag, comment and
// copyright lines.
func FromPage(page string, m Meta) (*Document, error) {
	ready()
	if strings.TrimSpace(page) == "" {
		return nil, errors.New("article: empty page")
	}
	page = sanitize.Text(page)
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("article: parse page: %w", err)
	}
	sanitizeTree(doc)
	b := newBuilder(m.Link)
	prepareTree(doc, b.base)
	fromPage := false
	// Readability turns the article's <h1> into <h2>: note the page's
	// headlines first.
	info := readPage(doc)
	host := hostName(m.Link)
	if host == "" {
		host = hostName(info.self)
	}
	p := readability.NewParser()
	p.KeepClasses = true
	art, err := p.ParseAndMutate(doc, b.base)
	if err != nil || art.Node == nil {
		// Nothing readability accepts: clean the whole body instead.
		doc, perr := html.Parse(strings.NewReader(page))
		if perr != nil {
			return nil, fmt.Errorf("article: parse page: %w", perr)
		}
		sanitizeTree(doc)
		prepareTree(doc, b.base)
		b.container(doc)
	} else {
		b.container(art.Node)
		if m.Title == "" {
			m.Title = titleByHeadline(pageTitle(art.Title(), art.SiteName()), info.h1s)
			fromPage = true
		}
		if m.Author == "" {
			// A byline naming the site ("By BBC News") names no author.
			m.Author = pageByline(art.Byline(), art.SiteName(), host)
		}
		if isEpoch(m.Published) {
			if t, err := art.PublishedTime(); err == nil {
				m.Published = t
			}
		}
	}
	c := &cleaner{m: m, items: b.items, page: true, pageTitle: fromPage, info: info}
	return c.document(), nil
}

// FromText cleans plain text, one paragraph per line (as scraped from a
// syndicating site), into a Document. When m.Title is empty the headline
// line near the top becomes the title.
func FromText(text string, m Meta) *Document {
	ready()
	c := &cleaner{m: m, items: textItems(sanitize.Text(text)), text: true}
	return c.document()
}

var (
	pageStart *lazyRegexp
	htmlTag   *lazyRegexp
)

// looksLikeHTML reports whether s holds HTML tags.
func looksLikeHTML(s string) bool {
	return htmlTag.MatchString(s)
}

// FromAny sniffs src: a whole HTML page (<!doctype, <html or <body) goes to
// FromPage, an HTML fragment to FromHTML, anything else to FromText.
func FromAny(src string, m Meta) (*Document, error) {
	ready()
	head := src
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case pageStart.MatchString(head):
		return FromPage(src, m)
	case looksLikeHTML(src):
		return FromHTML(src, m), nil
	default:
		return FromText(src, m), nil
	}
}

// FeedBoilerplate returns the lines that recur in most items of one feed
// (in at least 60% of the bodies and at least 3 of them): a publisher's
// footer, sign-off or promotion. Pass the result as Meta.Boilerplate. Bodies
// may be HTML or plain text.
func FeedBoilerplate(bodies []string) []string {
	ready()
	if len(bodies) < 3 {
		return nil
	}
	count := map[string]int{}
	var order []string
	first := map[string]string{}
	for _, body := range bodies {
		seen := map[string]bool{}
		for _, l := range summaryParagraphs(body) {
			n := norm(l)
			if n == "" || seen[n] {
				continue
			}
			seen[n] = true
			if count[n] == 0 {
				order = append(order, n)
				first[n] = l
			}
			count[n]++
		}
	}
	need := max(3, (len(bodies)*6+9)/10)
	var out []string
	for _, n := range order {
		if count[n] >= need {
			out = append(out, first[n])
		}
	}
	return out
}

// collectText appends the plain text of each block of n to out.
func collectText(n *html.Node, out *[]string) {
	if skipped(n) {
		return
	}
	if n.Type == html.TextNode {
		if t := sanitize.Line(n.Data); t != "" {
			*out = append(*out, t)
		}
		return
	}
	if n.Type == html.ElementNode && !isBlock(n) {
		if t := textOf(n); t != "" {
			*out = append(*out, t)
		}
		return
	}
	if n.Type == html.ElementNode && !hasBlockChild(n) {
		if t := textOf(n); t != "" {
			*out = append(*out, t)
		}
		return
	}
	var run strings.Builder
	flush := func() {
		if t := sanitize.Line(run.String()); t != "" {
			*out = append(*out, t)
		}
		run.Reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if skipped(c) {
			continue
		}
		if c.Type == html.ElementNode && isBlock(c) {
			flush()
			collectText(c, out)
			continue
		}
		if c.Type == html.TextNode {
			run.WriteString(c.Data)
		} else {
			run.WriteString(" " + textOf(c) + " ")
		}
	}
	flush()
}

// dateLayout is how the meta line shows a date.
const dateLayout = "2 January 2006"

// Markdown renders the document: the title as the only level-1 heading, a
// meta line with author and date, then the blocks separated by blank lines.
// A figure is two paragraphs, "[Image](URL)" and "*CAPTION* — CREDIT"; a
// figure with neither caption nor credit is the bare image "![](URL)". The
// result never contains a control character or an escape sequence.
func (d *Document) Markdown() string {
	ready()
	return d.markdown(true)
}

// BodyMarkdown renders the document as Markdown does, without the title
// and the meta line: the article body alone, lead image first.
func (d *Document) BodyMarkdown() string {
	ready()
	return d.markdown(false)
}

// markdown renders the blocks, after the title and meta line when head is
// set.
func (d *Document) markdown(head bool) string {
	var parts []string
	if head {
		parts = d.headMarkdown()
	}
	if d.Lead != nil {
		parts = append(parts, figureMarkdown(d.Lead)...)
	}
	for _, b := range d.Blocks {
		parts = append(parts, blockMarkdown(b)...)
	}
	out := safeMarkdown(strings.Join(parts, "\n\n"))
	if out == "" {
		return ""
	}
	return out + "\n"
}

// headMarkdown returns the title line and the meta line (author and date),
// each when there is something to show.
func (d *Document) headMarkdown() []string {
	var parts []string
	if t := sanitize.Line(d.Title); t != "" {
		parts = append(parts, "# "+escapeText(t))
	}
	var meta []string
	if a := sanitize.Line(d.Byline); a != "" {
		meta = append(meta, "By "+escapeText(a))
	}
	if !isEpoch(d.Date) {
		meta = append(meta, d.Date.Format(dateLayout))
	}
	if len(meta) > 0 {
		parts = append(parts, "*"+strings.Join(meta, " · ")+"*")
	}
	return parts
}

// figureMarkdown renders a figure as its link line and its caption line, or,
// when it has no caption and no credit, as a bare image with empty alt text.
func figureMarkdown(f *Figure) []string {
	var out []string
	caption, credit := sanitize.Line(f.Caption), sanitize.Line(f.Credit)
	if u := sanitizeURL(f.ImageURL); u != "" {
		if caption == "" && credit == "" {
			// Nothing to say about the picture: an image with no alt
			// text, which no text extraction or screen reader reads as
			// a word of the article.
			return []string{"![](" + escapeURL(u) + ")"}
		}
		out = append(out, "[Image]("+escapeURL(u)+")")
	}
	switch {
	case caption != "" && credit != "":
		out = append(out, "*"+escapeText(caption)+"* — "+escapeText(credit))
	case caption != "":
		out = append(out, "*"+escapeText(caption)+"*")
	case credit != "":
		out = append(out, "*"+escapeText(credit)+"*")
	}
	return out
}

// escapeURL makes an address safe inside a Markdown link destination.
func escapeURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// blockMarkdown renders one block.
func blockMarkdown(b Block) []string {
	switch b.Kind {
	case Heading:
		if t := strings.TrimSpace(b.Text); t != "" {
			return []string{strings.Repeat("#", min(max(b.Level, 2), 6)) + " " + strings.ReplaceAll(t, "\n", " ")}
		}
	case Paragraph:
		if t := strings.TrimSpace(b.Text); t != "" {
			return []string{t}
		}
	case FigureBlock:
		if b.Figure != nil {
			return figureMarkdown(b.Figure)
		}
	case Quote:
		if t := strings.TrimSpace(b.Text); t != "" {
			lines := strings.Split(t, "\n")
			for i, l := range lines {
				if strings.TrimSpace(l) == "" {
					lines[i] = ">"
				} else {
					lines[i] = "> " + l
				}
			}
			return []string{strings.Join(lines, "\n")}
		}
	case List:
		var lines []string
		first := 1
		if b.Start != 0 {
			first = b.Start
		}
		for i, it := range b.Items {
			marker := "- "
			if b.Ordered {
				marker = strconv.Itoa(first+i) + ". "
			}
			pad := strings.Repeat(" ", len(marker))
			for k, l := range strings.Split(strings.TrimSpace(it), "\n") {
				switch {
				case k == 0:
					lines = append(lines, marker+l)
				case strings.TrimSpace(l) == "":
					lines = append(lines, "")
				default:
					lines = append(lines, pad+l)
				}
			}
		}
		if len(lines) > 0 {
			return []string{strings.Join(lines, "\n")}
		}
	case Code:
		if strings.TrimSpace(b.Text) != "" {
			fence := "```"
			for strings.Contains(b.Text, fence) {
				fence += "`"
			}
			return []string{fence + "\n" + strings.Trim(b.Text, "\n") + "\n" + fence}
		}
	case Table:
		if t := strings.TrimSpace(b.Markdown); t != "" {
			return []string{t}
		}
	}
	return nil
}

// sanitizeTree removes escape sequences and control characters from the
// text and attributes of a parsed tree. The parser has decoded entities by
// then, so an escape written as &#x1b; is caught here as a whole sequence,
// and the text after it survives.
func sanitizeTree(n *html.Node) {
	switch n.Type {
	case html.TextNode, html.CommentNode:
		n.Data = sanitize.Text(n.Data)
	case html.ElementNode:
		for i := range n.Attr {
			n.Attr[i].Val = sanitize.Text(n.Attr[i].Val)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sanitizeTree(c)
	}
}

// escapedTag and realTag find markup written as text (&lt;p&gt;) and
// markup proper.
var (
	escapedTag *lazyRegexp
	realTag    *lazyRegexp
)

// unescapeTwice decodes a body that a feed escaped twice, so that its HTML
// arrives as text ("&lt;div class=&quot;md&quot;&gt;&lt;p&gt;…"): it starts
// with an escaped tag and holds at least three before any real one. An
// article that shows HTML as an example has markup of its own around it.
func unescapeTwice(s string) string {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "&lt;") {
		return s
	}
	if loc := escapedTag.FindStringIndex(t); loc == nil || loc[0] != 0 {
		return s
	}
	// The escaped part runs up to the first real tag (a footer added after
	// the escaping, such as a forum's "submitted by <a>…</a>").
	end := len(t)
	if loc := realTag.FindStringIndex(t); loc != nil {
		end = loc[0]
	}
	if len(escapedTag.FindAllStringIndex(t[:end], 3)) < 3 {
		return s
	}
	return html.UnescapeString(t[:end]) + t[end:]
}

func init() {
	register(func() {
		pageStart = compileLater(`(?i)<(?:!doctype|html|body)[\s>]`)
		htmlTag = compileLater(`(?i)</?(?:p|div|br|img|a|figure|figcaption|h[1-6]|ul|ol|li|blockquote|span|strong|em|b|i|u|table|tr|td|pre|code|section|article|picture|hr|small|sup|sub|iframe|script|style)(?:\s[^>]*)?/?>`)
		escapedTag = compileLater(`&lt;(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)`)
		realTag = compileLater(`<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)`)
	})
}
