package render

// Stage 3, render: the top-level blocks of the tree, in order. Runs of
// ordinary blocks (paragraphs, lists, quotes, code) go to glamour's ANSI
// renderer, one goldmark Render call per run; the blocks render draws
// itself go to the node drawers below. glamour's renderer keeps its output
// in an unexported block stack that it flushes only when the whole
// Document ends, so a node renderer registered beside it inside one Render
// call could not put its output in order.

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	gansi "github.com/herald-reader/herald/internal/glamour/ansi"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// block is a drawn block: its lines, without the column's left margin.
// Blocks are set one blank line apart, or right under the one before when
// attach is set (a quote's attribution).
type block struct {
	lines  []string
	attach bool
}

// drawer draws one document at one column width.
type drawer struct {
	r      *Renderer
	d      *document
	cols   int
	pics   Pictures
	glam   renderer.Renderer // goldmark's renderer with glamour's ANSI renderer
	run    []ast.Node        // ordinary blocks waiting for glamour
	blocks []block
}

// nodeDrawers are the node renderers of the blocks render draws itself.
var nodeDrawers = map[ast.NodeKind]func(*drawer, ast.Node){
	kindByline:      (*drawer).byline,
	kindFigure:      (*drawer).figure,
	kindAttribution: (*drawer).attribution,
	kindReferences:  (*drawer).references,
	ast.KindHeading: (*drawer).heading,
	east.KindTable:  (*drawer).table,
}

// draw renders the transformed document d in a column cols cells wide.
func (r *Renderer) draw(d *document, cols int, pics Pictures) ([]block, error) {
	ar := gansi.NewRenderer(gansi.Options{
		WordWrap:     min(max(cols, minWrap), maxWrap),
		ColorProfile: r.opts.Profile,
		Styles:       r.style,
	})
	dr := &drawer{
		r: r, d: d, cols: cols, pics: pics,
		glam: renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ar, 1000))),
	}
	var top []ast.Node
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		top = append(top, n)
	}
	for _, n := range top {
		drawNode, ok := nodeDrawers[n.Kind()]
		if !ok {
			dr.run = append(dr.run, n)
			continue
		}
		if err := dr.flush(); err != nil {
			return nil, err
		}
		drawNode(dr, n)
	}
	if err := dr.flush(); err != nil {
		return nil, err
	}
	return dr.blocks, nil
}

// minWrap is the narrowest width glamour is asked to wrap at; the wrap
// stage breaks what is still too wide.
const minWrap = 5

// flush renders the waiting run of ordinary blocks with glamour.
func (dr *drawer) flush() error {
	if len(dr.run) == 0 {
		return nil
	}
	doc := ast.NewDocument()
	for _, n := range dr.run {
		doc.AppendChild(doc, n)
	}
	dr.run = dr.run[:0]
	var buf bytes.Buffer
	if err := dr.glam.Render(&buf, dr.d.src, doc); err != nil {
		return fmt.Errorf("render: glamour: %w", err)
	}
	var lines []string
	blank := false
	for _, l := range strings.Split(buf.String(), "\n") {
		l = trimRight(l)
		// glamour sets two lists in a row two blank lines apart: one will do.
		if isBlank(l) {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		lines = append(lines, l)
	}
	dr.add(false, trimBlank(lines)...)
	return nil
}

// isBlank reports whether line shows nothing.
func isBlank(line string) bool { return strings.TrimSpace(ansi.Strip(line)) == "" }

// add appends a block of lines (none: nothing is added).
func (dr *drawer) add(attach bool, lines ...string) {
	if len(lines) > 0 {
		dr.blocks = append(dr.blocks, block{lines: lines, attach: attach})
	}
}

// trimBlank drops the blank lines at both ends of lines.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && isBlank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && isBlank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// wrapped word-wraps text to room cells (breaking words longer than that)
// and returns each line as prefix + styled text. Each line is styled on its
// own so no style leaks past its end.
func wrapped(prefix, text string, st look, room int) []string {
	room = max(room, 1)
	var out []string
	for _, l := range strings.Split(ansi.Wrap(text, room, ""), "\n") {
		out = append(out, prefix+st.Styled(strings.TrimRight(l, " ")))
	}
	return out
}

// byline draws the byline under the title.
func (dr *drawer) byline(n ast.Node) {
	dr.add(false, wrapped("", dr.d.plainText(n), dr.r.looks.meta, dr.cols)...)
}

// heading draws a heading: the title (level 1) or a crosshead, set apart
// by weight and colour, or underlined with a rule in the NoColor style.
func (dr *drawer) heading(n ast.Node) {
	dr.headingText(dr.d.plainText(n), n.(*ast.Heading).Level)
}

func (dr *drawer) headingText(text string, level int) {
	lk, rule := dr.r.looks.heading, "─"
	if level == 1 {
		lk, rule = dr.r.looks.title, "═"
	}
	lines := wrapped("", text, lk, dr.cols)
	if dr.r.looks.plain {
		w := 0
		for _, l := range lines {
			w = max(w, ansi.StringWidth(l))
		}
		lines = append(lines, strings.Repeat(rule, w))
	}
	dr.add(false, lines...)
}

// figure draws a figure: its picture when pics has one (else a label line
// naming the image and its reference), then its caption and credit, all
// behind a bar.
func (dr *drawer) figure(n ast.Node) {
	f := n.(*figureNode)
	lk := dr.r.looks
	bar := lk.bar.Styled("▎") + " "
	room := dr.cols - 2
	var lines []string
	if pic := dr.picture(f); pic != nil {
		lines = append(lines, pic...)
	} else if f.image {
		label := "Image"
		if f.ref > 0 {
			label += " [" + strconv.Itoa(f.ref) + "]"
		}
		lines = append(lines, wrapped(bar, label, lk.image, room)...)
	}
	caption, credit := f.parts()
	if caption != nil {
		lines = append(lines, wrapped(bar, dr.d.plainText(caption), lk.caption, room)...)
	}
	if credit != nil {
		lines = append(lines, wrapped(bar, creditText(dr.d, credit.FirstChild()), lk.credit, room)...)
	}
	dr.add(false, lines...)
}

// attribution draws a quote's attribution right under the quote, aligned
// with its text.
func (dr *drawer) attribution(n ast.Node) {
	var b strings.Builder
	dr.d.writeInlines(&b, n.FirstChild())
	name := attributionText(b.String())
	dr.add(true, wrapped("  ", "— "+name, dr.r.looks.attribution, dr.cols-2)...)
}

// references draws the References heading and `[n] URL` lines, long URLs
// broken across lines aligned under the first.
func (dr *drawer) references(n ast.Node) {
	urls := n.(*referencesNode).urls
	dr.headingText("References", 2)
	lk := dr.r.looks
	numWidth := len(strconv.Itoa(len(urls))) + 3 // "[12] "
	room := max(dr.cols-numWidth, 1)
	pad := strings.Repeat(" ", numWidth)
	var lines []string
	for i, u := range urls {
		num := "[" + strconv.Itoa(i+1) + "]"
		num += strings.Repeat(" ", numWidth-len(num))
		for j, l := range strings.Split(ansi.Hardwrap(u, room, true), "\n") {
			if j == 0 {
				lines = append(lines, lk.refNum.Styled(num)+lk.refURL.Styled(l))
			} else {
				lines = append(lines, pad+lk.refURL.Styled(l))
			}
		}
	}
	dr.add(false, lines...)
}
