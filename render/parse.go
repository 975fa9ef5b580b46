package render

// Stage 1, parse: the sanitized, tab-expanded Markdown becomes goldmark's
// tree, once, with the GFM extensions glamour itself enables.

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/herald-reader/herald/sanitize"
)

// tabWidth is the number of spaces a tab becomes.
const tabWidth = 4

// markdown is the goldmark parser: CommonMark with GFM tables,
// strikethrough, task lists and bare-URL links. goldmark parsers are safe
// for concurrent use.
var markdown = goldmark.New(goldmark.WithExtensions(
	extension.Table, extension.Strikethrough, extension.TaskList, extension.Linkify,
)).Parser()

// document is a parsed article: the tree and the source its segments point
// into. The transform stage appends the text it adds (reference marks,
// rewritten words) to src and points new segments there.
type document struct {
	src  []byte
	root ast.Node
	refs []string       // link targets; reference n is refs[n-1]
	seen map[string]int // URL -> reference number
}

// parse sanitizes md, expands its tabs and parses it.
func parse(md string) *document {
	// glamour decodes entities after parsing: references to controls go too.
	md = sanitize.ControlRefs(sanitize.Text(md))
	// Tabs go first: glamour counts a tab as one cell when it pads and
	// wraps, and the terminal's tab stops are not ours to guess.
	if strings.ContainsRune(md, '\t') {
		md = strings.ReplaceAll(md, "\t", strings.Repeat(" ", tabWidth))
	}
	md = capNesting(md)
	src := make([]byte, len(md), len(md)+len(md)/8+64)
	copy(src, md)
	root := markdown.Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	return &document{src: src, root: root, seen: map[string]int{}}
}

// newText returns a text node holding s, appended to the source.
func (d *document) newText(s string) *ast.Text {
	start := len(d.src)
	d.src = append(d.src, s...)
	return ast.NewTextSegment(text.NewSegment(start, len(d.src)))
}

// ref returns the reference number for the link destination dest, adding
// it when new, or 0 when it must not be listed (javascript:, data:,
// vbscript: or empty).
func (d *document) ref(dest string) int {
	u := cleanURL(dest)
	if u == "" || unsafeScheme(u) {
		return 0
	}
	if n, ok := d.seen[u]; ok {
		return n
	}
	d.refs = append(d.refs, u)
	d.seen[u] = len(d.refs)
	return len(d.refs)
}

// cleanURL returns a link destination as text for the terminal.
func cleanURL(dest string) string {
	return sanitize.Line(unescapeInline(dest))
}

// unsafeScheme reports whether u uses a scheme that is never listed. Like a
// browser, it ignores case, whitespace and control characters in the scheme.
func unsafeScheme(u string) bool {
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			continue
		}
		if r == ':' || b.Len() > 16 {
			break
		}
		b.WriteRune(r)
	}
	switch strings.ToLower(b.String()) {
	case "javascript", "data", "vbscript":
		return true
	}
	return false
}

// ImageURLs returns the URLs of the figure images of markdown, in document
// order, without duplicates: absolute http and https URLs only. These are
// the images RenderWith asks its Pictures for.
func ImageURLs(markdown string) []string {
	d := parse(markdown)
	transform(d)
	var urls []string
	seen := map[string]bool{}
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		f, ok := n.(*figureNode)
		if !ok || !f.image || seen[f.url] || !webURL(f.url) {
			continue
		}
		seen[f.url] = true
		urls = append(urls, f.url)
	}
	return urls
}

// webURL reports whether u is an absolute http or https URL.
func webURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}
