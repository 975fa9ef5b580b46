package render

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestCapNesting(t *testing.T) {
	deepQuote := strings.Repeat("> ", 40) + "the tide"
	deepList := strings.Repeat("- ", 40) + "the ferry"
	ordered := strings.Repeat("12. ", 30) + "the quay"
	indented := strings.Repeat(" ", 500) + "- the lighthouse"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"quote", deepQuote + "\n", strings.Repeat("> ", maxPrefixMarkers) + "the tide\n"},
		{"list", deepList, strings.Repeat("- ", maxPrefixMarkers) + "the ferry"},
		{"ordered", ordered, strings.Repeat("12. ", maxPrefixMarkers) + "the quay"},
		{"indent", indented, strings.Repeat(" ", maxPrefixIndent) + "- the lighthouse"},
		{"mixed lines", "text\n" + deepQuote + "\nmore\n", "text\n" + strings.Repeat("> ", maxPrefixMarkers) + "the tide\nmore\n"},
	} {
		if got := capNesting(tc.in); got != tc.want {
			t.Errorf("%s: capNesting = %q\nwant %q", tc.name, got, tc.want)
		}
	}
	// What a real article holds passes unchanged, and costs no copy.
	for _, md := range []string{
		"# Title\n\n> a quote\n> > nested\n\n- one\n  - two\n    1. three\n\n    code\n",
		"- - -\n* * *\n-not a marker\n1.5 million\n2026. A year.\n",
		strings.Repeat("> ", maxPrefixMarkers) + "as deep as allowed",
		"",
	} {
		if got := capNesting(md); got != md {
			t.Errorf("capNesting(%q) = %q, want it unchanged", md, got)
		}
	}
}

// depth is the deepest nesting of quotes and lists in the tree under n.
func depth(n ast.Node) int {
	d := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		d = max(d, depth(c))
	}
	if n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindList {
		d++
	}
	return d
}

// TestParseOfDeepNestingIsCapped: goldmark gets a prefix of at most
// maxPrefixMarkers containers however deep the input nests (its parse
// time is quadratic in the depth), and every word stays.
func TestParseOfDeepNestingIsCapped(t *testing.T) {
	for _, md := range []string{
		strings.Repeat("> ", 20000) + "deep quote words",
		strings.Repeat("- ", 20000) + "deep list words",
		func() string {
			var b strings.Builder
			for i := range 1000 {
				b.WriteString(strings.Repeat("  ", i) + "- level words\n")
			}
			return b.String()
		}(),
	} {
		d := parse(md)
		if got := depth(d.root); got > maxPrefixMarkers+maxPrefixIndent/2 {
			t.Errorf("%.20q…: the parsed tree nests %d deep", md, got)
		}
		out, err := New(Options{NoColor: true}).Render(md, 80)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Count(out, "words"), strings.Count(md, "words"); got != want {
			t.Errorf("%.20q…: %d of %d lines of words rendered", md, got, want)
		}
	}
}
