package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	// monospaceStyle is an inline style that sets a fixed-width font.
	monospaceStyle *lazyRegexp
	// codeClass is a class name that code highlighters give their boxes
	// (GeSHi, SyntaxHighlighter, Pygments, Rouge, WordPress plugins).
	codeClass *lazyRegexp
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
	highlighter := codeClass.MatchString(attr(n, "class"))
	if !highlighter && !monospaceStyle.MatchString(attr(n, "style")) {
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
	// A fixed-width font is a blog's choice for prose too: only text that
	// reads as code makes the box code.
	return highlighter || codeLike(n)
}

var (
	// codeSign is what a line of code has and prose rarely: braces, an
	// assignment or comparison, a call, a statement's end, a comment, an
	// arrow, a tag written as text, a prompt.
	codeSign *lazyRegexp
	// indented is a line indented as code is, by spaces or no-break spaces.
	indented *lazyRegexp
	// proseEnd ends a sentence.
	proseEnd *lazyRegexp
)

// codeLike reports whether the text of box n reads as code: more of its
// lines show code signs or an indentation than read as sentences (few
// signs among many words), each link or stretch of emphasis counting for
// prose.
func codeLike(n *html.Node) bool {
	code, prose := 0, 0
	for _, l := range strings.Split(codeBoxText(n), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		words, signs := wordCount(l), len(codeSign.FindAllStringIndex(l, -1))
		switch {
		case words >= 5 && signs*8 < words && (proseEnd.MatchString(strings.TrimSpace(l)) || strings.Contains(l, ", ")):
			prose++ // a sentence, maybe with a sign in it ("(s)", "1 = 2")
		case signs > 0 || indented.MatchString(l):
			code++
		}
	}
	if code == 0 {
		return false
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.A:
				if attr(c, "href") != "" {
					prose++
				}
			case atom.Em, atom.I:
				prose++
			}
			walk(c)
		}
	}
	walk(n)
	return code > prose
}

var (
	// htmlSpace is a run of collapsible white space outside <pre>.
	htmlSpace *lazyRegexp
	// blankLines is more than one blank line.
	blankLines *lazyRegexp
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

func init() {
	register(func() {
		monospaceStyle = compileLater(`(?i)font-family\s*:[^;]*\b(?:monospace|courier|consolas|menlo|monaco)\b`)
		codeClass = compileLater(`(?i)(?:^|\s)(?:code|codesnip|codeblock|code-block|sourcecode|source-code|syntaxhighlighter|geshi|wp_syntax|crayon-syntax)(?:$|\s)`)
		codeSign = compileLater(`[{}=]|\w\(|;\s*$|(?:^|[^:])//|/\*|->|::|&&|\|\||</?[A-Za-z][\w-]*[\s/>]|^\s*[$#>]\s|\w\[`)
		indented = compileLater(`^\s{2,}\S`)
		proseEnd = compileLater(`[\p{L}\d)"”’][.!?…]["”’)]?$`)
		htmlSpace = compileLater(`[ \t\r\n\f]+`)
		blankLines = compileLater(`\n\n\n+`)
	})
}
