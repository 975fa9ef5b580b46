package ansi

import (
	"errors"
	"io"

	"github.com/muesli/reflow/indent"
	"github.com/muesli/termenv"
)

// A CodeBlockElement is used to render code blocks.
type CodeBlockElement struct {
	Code     string
	Language string
}

// errHighlight is returned for a style that asks for syntax highlighting,
// which this copy of glamour does not do (see ../HERALD.md).
var errHighlight = errors.New("glamour: syntax highlighting (a chroma theme) is not supported")

// Render renders a CodeBlockElement.
func (e *CodeBlockElement) Render(w io.Writer, ctx RenderContext) error {
	bs := ctx.blockStack

	var indentation uint
	var margin uint
	rules := ctx.options.Styles.CodeBlock
	if rules.Indent != nil {
		indentation = *rules.Indent
	}
	if rules.Margin != nil {
		margin = *rules.Margin
	}
	if rules.Theme != "" || (rules.Chroma != nil && ctx.options.ColorProfile != termenv.Ascii) {
		return errHighlight
	}

	iw := indent.NewWriterPipe(w, indentation+margin, func(_ io.Writer) {
		renderText(w, ctx.options.ColorProfile, bs.Current().Style.StylePrimitive, " ")
	})

	// fallback rendering
	el := &BaseElement{
		Token: e.Code,
		Style: rules.StylePrimitive,
	}

	return el.Render(iw, ctx)
}
