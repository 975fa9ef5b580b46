package article

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	// monospaceStyle is an inline style that sets a fixed-width font.
	monospaceStyle = regexp.MustCompile(`(?i)font-family\s*:[^;]*\b(?:monospace|courier|consolas|menlo|monaco)\b`)
	// codeClass is a class name that code highlighters give their boxes
	// (GeSHi, SyntaxHighlighter, Pygments, Rouge, WordPress plugins).
	codeClass = regexp.MustCompile(`(?i)(?:^|\s)(?:code|codesnip|codeblock|code-block|sourcecode|source-code|syntaxhighlighter|geshi|wp_syntax|crayon-syntax)(?:$|\s)`)
)

// isCodeBox reports whether a div is a code sample set without <pre>: a
// highlighter's box or a fixed-width block. Its text is code, kept line for
// line, never prose with HTML in it. Paragraphs inside it are the blank
// lines of the code (a blog's automatic <p> insertion puts them there); any
// other block means the div is a container to walk.
func isCodeBox(n *html.Node) bool {
	if n.DataAtom != atom.Div {
		return false
	}
	if !monospaceStyle.MatchString(attr(n, "style")) && !codeClass.MatchString(attr(n, "class")) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || !isBlock(c) {
			continue
		}
		if c.DataAtom != atom.P || hasBlockChild(c) {
			return false
		}
	}
	return true
}

var (
	// htmlSpace is a run of collapsible white space outside <pre>.
	htmlSpace = regexp.MustCompile(`[ \t\r\n\f]+`)
	// blankLines is more than one blank line.
	blankLines = regexp.MustCompile(`\n\n\n+`)
)

// codeBoxText is the text of a code box as a browser shows it: white space
// collapses as in any div, <br> ends a line, and the no-break spaces that
// indent it become spaces.
func codeBoxText(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				sb.WriteString(htmlSpace.ReplaceAllString(c.Data, " "))
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				sb.WriteByte('\n')
			case c.Type == html.ElementNode && c.DataAtom == atom.P:
				sb.WriteString("\n\n")
				walk(c)
				sb.WriteString("\n\n")
			case c.Type == html.ElementNode && !skipTags[c.DataAtom]:
				walk(c)
			}
		}
	}
	walk(n)
	lines := strings.Split(sb.String(), "\n")
	for i, l := range lines {
		// A space that only followed the <br> in the source is layout.
		l = strings.TrimPrefix(l, " ")
		lines[i] = strings.TrimRight(strings.ReplaceAll(l, "\u00a0", " "), " ")
	}
	return blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
}
