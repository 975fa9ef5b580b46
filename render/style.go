package render

import (
	"strings"

	"github.com/herald-reader/herald/internal/glamour/ansi"
	"github.com/herald-reader/herald/internal/glamour/styles"
	"github.com/muesli/termenv"
)

// margin is the page margin, in cells, in terminals narrower than the
// measure; wider ones centre the column instead (Renderer.Column).
const margin = 2

// palette holds the colours of the parts render draws itself. Empty strings
// mean "no colour" (the NoColor style).
type palette struct {
	title, caption, credit, image, bar, meta, heading, refNum, refURL, attribution, rule string
}

var (
	darkPalette = palette{title: "228", caption: "180", credit: "245", image: "212", bar: "240", meta: "246",
		heading: "39", refNum: "246", refURL: "73", attribution: "180", rule: "240"}
	lightPalette = palette{title: "55", caption: "94", credit: "242", image: "205", bar: "249", meta: "242",
		heading: "27", refNum: "242", refURL: "30", attribution: "94", rule: "249"}
)

// glamourStyle returns the glamour style for o: a copy of glamour's dark,
// light or ASCII (notty) style, adjusted. The copy is shallow; none of the
// shared pointers are written through.
func glamourStyle(o Options) ansi.StyleConfig {
	if o.NoColor {
		s := styles.ASCIIStyleConfig
		s.Document.Margin = uintPtr(0)
		s.BlockQuote.IndentToken = stringPtr("|")
		noHeadingPrefixes(&s)
		// glamour ignores BlockPrefix on code spans; without colours the
		// backticks are what sets code apart.
		s.Code.Prefix, s.Code.Suffix = "`", "`"
		return s
	}
	var s ansi.StyleConfig
	if o.Dark {
		s = styles.DarkStyleConfig
	} else {
		s = styles.LightStyleConfig
	}
	// The terminal's own foreground colour for body text: no SGR around
	// every word, a third of the output size and of the render time, and
	// the user's chosen colour for the text they read most.
	s.Document.Color = nil
	s.Document.Margin = uintPtr(0) // the column's margin is the wrap stage's
	// Articles rarely carry code; chroma costs milliseconds per block and
	// registers its theme in a process-global registry (first style wins),
	// so code blocks use the plain code colour instead.
	s.CodeBlock.Chroma = nil
	// glamour counts a block quote's indent as one cell per level however
	// wide the token is; a two-cell "│ " overflows the wrap width and splits
	// lines (a word alone on a line without the bar). One cell fits.
	s.BlockQuote.IndentToken = stringPtr("▏")
	noHeadingPrefixes(&s)
	return s
}

// noHeadingPrefixes drops Markdown's "#" marks from glamour's headings.
// render draws top-level headings itself (draw.go); these are the rare
// headings inside quotes and lists, set apart by colour and weight.
func noHeadingPrefixes(s *ansi.StyleConfig) {
	for _, h := range []*ansi.StyleBlock{&s.H1, &s.H2, &s.H3, &s.H4, &s.H5, &s.H6} {
		h.Prefix = ""
		h.Suffix = ""
		h.BackgroundColor = nil
	}
}

// look is an SGR style for the parts render draws itself.
type look struct{ seq string }

// newLook returns the look with foreground colour c (none when empty, or in
// the Ascii profile) and the given attributes; with plain set it has none
// at all (the NoColor style).
func newLook(p termenv.Profile, plain bool, c string, italic, bold, underline, faint bool) look {
	if plain {
		return look{}
	}
	var parts []string
	if c != "" {
		if seq := p.Color(c); seq != nil && seq.Sequence(false) != "" {
			parts = append(parts, seq.Sequence(false))
		}
	}
	if italic {
		parts = append(parts, termenv.ItalicSeq)
	}
	if bold {
		parts = append(parts, termenv.BoldSeq)
	}
	if underline {
		parts = append(parts, termenv.UnderlineSeq)
	}
	if faint {
		parts = append(parts, termenv.FaintSeq)
	}
	return look{seq: strings.Join(parts, ";")}
}

// Styled returns s wrapped in the look's SGR sequence and a reset.
func (l look) Styled(s string) string {
	if l.seq == "" || s == "" {
		return s
	}
	return "\x1b[" + l.seq + "m" + s + "\x1b[0m"
}

// looks are the styles of the parts render draws itself, built once.
type looks struct {
	title, caption, credit, image, bar, meta, heading, refNum, refURL, attribution, rule, tableHead look
	// plain is set for the NoColor style: headings are underlined with a
	// rule of box-drawing characters, as nothing else sets them apart.
	plain bool
}

func newLooks(o Options) looks {
	p, plain := o.Profile, o.NoColor
	pal := lightPalette
	if o.Dark {
		pal = darkPalette
	}
	return looks{
		plain:       plain,
		title:       newLook(p, plain, pal.title, false, true, false, false),
		attribution: newLook(p, plain, pal.attribution, true, false, false, false),
		rule:        newLook(p, plain, pal.rule, false, false, false, false),
		tableHead:   newLook(p, plain, "", false, true, false, false),
		caption:     newLook(p, plain, pal.caption, true, false, false, false),
		credit:      newLook(p, plain, pal.credit, false, false, false, false),
		image:       newLook(p, plain, pal.image, false, false, false, false),
		bar:         newLook(p, plain, pal.bar, false, false, false, false),
		meta:        newLook(p, plain, pal.meta, true, false, false, false),
		heading:     newLook(p, plain, pal.heading, false, true, false, false),
		refNum:      newLook(p, plain, pal.refNum, false, false, false, false),
		refURL:      newLook(p, plain, pal.refURL, false, false, true, false),
	}
}

func uintPtr(u uint) *uint       { return &u }
func stringPtr(s string) *string { return &s }
