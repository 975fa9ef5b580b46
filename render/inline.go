package render

// Inline text for the blocks render draws itself (byline, figures,
// headings, tables, attributions): goldmark inline nodes to plain text.

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/herald-reader/herald/sanitize"
)

// plainText returns the text of n's inline children on one line: emphasis
// and code markers dropped, escapes and entities resolved, links already
// turned into `text[n]` by the transform stage, raw HTML dropped.
func (d *document) plainText(n ast.Node) string {
	var b strings.Builder
	d.writeInlines(&b, n.FirstChild())
	return sanitize.Line(b.String())
}

// writeInlines writes the plain text of the inline node first and its
// next siblings.
func (d *document) writeInlines(b *strings.Builder, first ast.Node) {
	for c := first; c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				b.Write(c.Segment.Value(d.src))
			} else {
				b.WriteString(unescapeInline(string(c.Segment.Value(d.src))))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(d.src))
				}
			}
		case *ast.AutoLink:
			b.Write(c.URL(d.src))
		case *ast.RawHTML:
			// tags only: their text, if any, is in sibling nodes
		case *east.TaskCheckBox:
			if c.IsChecked {
				b.WriteString("[x] ")
			} else {
				b.WriteString("[ ] ")
			}
		default:
			d.writeInlines(b, c.FirstChild())
		}
	}
}

// unescapeInline resolves backslash escapes and entity references in raw
// Markdown text: `\*` is "*", `&amp;` is "&", and `\&amp;` stays "&amp;".
// InlineText is Markdown inline text as plain text: backslash escapes and
// entity references undone ("O\_Brien &amp; Co" → "O_Brien & Co"), for
// text shown outside the page (the reader's header shows the byline).
func InlineText(s string) string { return unescapeInline(s) }

func unescapeInline(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var out, seg strings.Builder
	flush := func() {
		out.WriteString(html.UnescapeString(seg.String()))
		seg.Reset()
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && isPunct(s[i+1]) {
			flush()
			i++
			out.WriteByte(s[i])
			continue
		}
		seg.WriteByte(c)
	}
	flush()
	return out.String()
}

func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// creditPrefixes start a paragraph that is only a credit.
var creditPrefixes = []string{"photo:", "photo :", "photograph:", "photos:", "foto:", "credit:", "credits:", "image:", "image source", "picture:", "illustration:", "graphic:", "composite:", "video:", "animation:", "source:", "©", "(c) "}

// isCredit reports whether p starts like a photo credit.
func isCredit(p string) bool {
	lp := strings.ToLower(p)
	for _, pre := range creditPrefixes {
		if strings.HasPrefix(lp, pre) {
			return true
		}
	}
	return false
}

// onlyEmphasis returns the single emphasis (level 1, `*…*` or `_…_`) that
// is all of the paragraph p but white space, or nil.
func onlyEmphasis(d *document, p ast.Node) *ast.Emphasis {
	var em *ast.Emphasis
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if e, ok := c.(*ast.Emphasis); ok && e.Level == 1 && em == nil {
			em = e
			continue
		}
		if t, ok := c.(*ast.Text); ok && strings.TrimSpace(string(t.Segment.Value(d.src))) == "" {
			continue
		}
		return nil
	}
	return em
}
