// Package render turns cleaned article Markdown into terminal text, in four
// stages:
//
//   - parse (parse.go): the sanitized, tab-expanded Markdown becomes
//     goldmark's tree, once;
//   - transform (transform.go, links.go, limits.go): the conventions of
//     article.Document.Markdown become nodes of their own (nodes.go), links
//     become numbered references, and the hostile-input limits are applied
//     to the tree;
//   - render (draw.go, table.go, pictures.go): runs of ordinary blocks are
//     drawn by glamour's ANSI renderer, the nodes render owns by its own
//     node drawers, all in a column of at most Options.Measure cells;
//   - wrap (wrap.go, safe.go): the column is centred, every line cut to
//     the width, and nothing but SGR escape sequences gets through.
//
// The conventions of article.Document.Markdown it understands:
//
//	# Title
//
//	*By AUTHOR · DATE*                  the byline: an emphasised paragraph right under the title
//
//	[Image](URL)                        a figure: the image line (or ![alt](URL)) ...
//
//	*CAPTION* — Photo: NAME / AGENCY    ... and the paragraph after it: caption, credit
//	                                    (`*CAPTION*` alone, or a credit alone, also work)
//
//	## Heading
//
//	> Quoted text
//	> — NAME                            a quote's last line naming its speaker: the attribution
//
// Inline links `[text](url)` and images become `text[n]`, and a References
// section lists `[n] url` at the end.
package render

import (
	"hash/maphash"

	gansi "github.com/herald-reader/herald/internal/glamour/ansi"
	"github.com/muesli/termenv"
)

// Options configures a Renderer. The caller decides every field once per
// process; the renderer never queries the terminal.
type Options struct {
	// Dark selects the dark style; false selects the light style.
	Dark bool
	// NoColor (NO_COLOR set, --color=never) renders with the Ascii profile
	// and a plain style: no colours or attributes, still readable.
	NoColor bool
	// Profile is the terminal's colour profile (termenv.TrueColor,
	// ANSI256, ANSI or Ascii). The zero value is TrueColor.
	Profile termenv.Profile
	// Measure is the widest the body text gets, in cells (0 means
	// DefaultMeasure); wider terminals centre the column.
	Measure int
}

const (
	// DefaultWidth is used when Render is asked for a width below 1 (the
	// TUI can render before it knows the window size).
	DefaultWidth = 80
	// DefaultMeasure is the reading measure when Options.Measure is 0.
	DefaultMeasure = 72
	// maxWrap caps the measure: glamour pads every line to its wrap width,
	// so a huge width would cost memory for nothing.
	maxWrap = 400
	// cacheSize bounds the number of rendered articles kept.
	cacheSize = 64
)

// Renderer renders Markdown for the terminal. It is safe for concurrent use;
// Render's results are cached by (Markdown, width) in a small LRU cache.
type Renderer struct {
	opts  Options
	style gansi.StyleConfig
	looks looks
	seed  maphash.Seed
	cache *renders
}

// New returns a Renderer for o. The style is fixed here: glamour's dark or
// light style adjusted (or a plain ASCII style when o.NoColor), never
// glamour's auto style.
func New(o Options) *Renderer {
	if o.NoColor {
		o.Profile = termenv.Ascii
	}
	if o.Measure < 1 {
		o.Measure = DefaultMeasure
	}
	o.Measure = min(o.Measure, maxWrap)
	return &Renderer{
		opts:  o,
		style: glamourStyle(o),
		looks: newLooks(o),
		seed:  maphash.MakeSeed(),
		cache: newRenders(cacheSize),
	}
}

// Column returns where the text column starts in a terminal width cells
// wide (DefaultWidth when width < 1) and how wide it is: the measure,
// centred, when it fits with a margin on each side, else the width less
// the margins. The TUI aligns its header to it.
func (r *Renderer) Column(width int) (left, cols int) {
	if width < 1 {
		width = DefaultWidth
	}
	if m := r.opts.Measure; width >= m+2*margin {
		return (width - m) / 2, m
	}
	if width < 2*margin+minWrap {
		return 0, width
	}
	return margin, width - 2*margin
}

// Render renders markdown at width cells (DefaultWidth when width < 1),
// without pictures: RenderWith(markdown, width, nil), cached.
func (r *Renderer) Render(markdown string, width int) (string, error) {
	if width < 1 {
		width = DefaultWidth
	}
	key := cacheKey{hash: maphash.String(r.seed, markdown), size: len(markdown), width: width}
	if out, ok := r.cache.get(key); ok {
		return out, nil
	}
	out, err := r.render(markdown, width, nil)
	if err != nil {
		return "", err
	}
	r.cache.add(key, out)
	return out, nil
}

// RenderWith renders markdown at width cells (DefaultWidth when width < 1),
// drawing each figure's picture from pics where pics has it (pics may be
// nil). It is not cached: pictures arrive while the article is read, so
// the same Markdown renders differently from one call to the next.
//
// The input is sanitized first. Inline links become `text[n]` with a
// References list at the end (identical URLs share a number; javascript:
// and data: links keep their text but get no number). A figure is drawn as
// its picture (or an `Image [n]` line) with its caption and credit styled
// apart from the body, and an emphasised line right under the `# ` title
// as the byline. Every output line is at most width cells, and the output
// holds no escape sequence other than SGR and no control character other
// than newline.
func (r *Renderer) RenderWith(markdown string, width int, pics Pictures) (string, error) {
	if width < 1 {
		width = DefaultWidth
	}
	return r.render(markdown, width, pics)
}

// render runs the four stages.
func (r *Renderer) render(markdown string, width int, pics Pictures) (string, error) {
	left, cols := r.Column(width)
	d := parse(markdown)
	transform(d)
	blocks, err := r.draw(d, cols, pics)
	if err != nil {
		return "", err
	}
	return page(blocks, left, width), nil
}
