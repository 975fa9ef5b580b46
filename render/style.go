package render

import (
	"strings"

	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
)

// margin is the document margin, in cells, of every style below; the parts
// render draws itself (figures, references) use the same indentation.
const margin = 2

// palette holds the colours of the parts render draws itself. Empty strings
// mean "no colour" (the NoColor style).
type palette struct {
	caption, credit, image, bar, meta, heading, refNum, refURL string
}

var (
	darkPalette  = palette{caption: "180", credit: "248", image: "212", bar: "240", meta: "246", heading: "39", refNum: "246", refURL: "73"}
	lightPalette = palette{caption: "94", credit: "240", image: "205", bar: "249", meta: "242", heading: "27", refNum: "242", refURL: "30"}
)

// glamourStyle returns the glamour style for o: a copy of glamour's dark,
// light or ASCII (notty) style, adjusted. The copy is shallow; none of the
// shared pointers are written through.
func glamourStyle(o Options) ansi.StyleConfig {
	if o.NoColor {
		s := styles.ASCIIStyleConfig
		s.Document.Margin = uintPtr(margin)
		s.BlockQuote.IndentToken = stringPtr("|")
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
	s.Document.Margin = uintPtr(margin)
	// Articles rarely carry code; chroma costs milliseconds per block and
	// registers its theme in a process-global registry (first style wins),
	// so code blocks use the plain code colour instead.
	s.CodeBlock.Chroma = nil
	// glamour counts a block quote's indent as one cell per level however
	// wide the token is; a two-cell "│ " overflows the wrap width and splits
	// lines (a word alone on a line without the bar). One cell fits.
	s.BlockQuote.IndentToken = stringPtr("▏")
	// Section headings read like a newspaper's crossheads: set apart by
	// colour and weight, not by Markdown's "##" (kept in the NoColor style,
	// where nothing else marks them).
	for _, h := range []*ansi.StyleBlock{&s.H2, &s.H3, &s.H4, &s.H5, &s.H6} {
		h.Prefix = ""
	}
	return s
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
	caption, credit, image, bar, meta, heading, refNum, refURL look
}

func newLooks(o Options) looks {
	p, plain := o.Profile, o.NoColor
	pal := lightPalette
	if o.Dark {
		pal = darkPalette
	}
	return looks{
		caption: newLook(p, plain, pal.caption, true, false, false, false),
		credit:  newLook(p, plain, pal.credit, false, false, false, true),
		image:   newLook(p, plain, pal.image, false, false, false, false),
		bar:     newLook(p, plain, pal.bar, false, false, false, false),
		meta:    newLook(p, plain, pal.meta, true, false, false, false),
		heading: newLook(p, plain, pal.heading, false, true, false, false),
		refNum:  newLook(p, plain, pal.refNum, false, false, false, false),
		refURL:  newLook(p, plain, pal.refURL, false, false, true, false),
	}
}

func uintPtr(u uint) *uint       { return &u }
func stringPtr(s string) *string { return &s }
