package images

import (
	"image"
	"image/color"
	"strconv"
	"strings"
)

// upperHalf is the half-block cell: its foreground paints the upper pixel,
// its background the lower one.
const upperHalf = "▀"

// resetSGR ends every line an encoder draws, so no colour leaks past it.
const resetSGR = "\x1b[m"

// Halfblocks draws img in at most cols×rows cells of 24-bit colour ▀
// characters, two pixels a cell (upper in the foreground, lower in the
// background), one string per row, each ending with a reset. The image is
// shrunk to fit, keeping its aspect; it is never enlarged. Translucent
// pixels show as premultiplied over black: the Drawer composites over the
// theme's background first.
func Halfblocks(img image.Image, cols, rows int) []string {
	if img == nil || cols <= 0 || rows <= 0 {
		return nil
	}
	m := fitted(img, cols, rows, 1, 2)
	if m == nil {
		return nil
	}
	b := m.Bounds()
	lines := make([]string, 0, (b.Dy()+1)/2)
	var sb strings.Builder
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		sb.Reset()
		var fg, bg rgb
		first := true
		for x := b.Min.X; x < b.Max.X; x++ {
			top := toRGB(m.At(x, y))
			// Below the last row of an odd height: the terminal's own
			// background (SGR 49).
			bottom := rgb{none: true}
			if y+1 < b.Max.Y {
				bottom = toRGB(m.At(x, y+1))
			}
			// Equal neighbours share their colour sequences.
			if first || top != fg {
				writeSGR(&sb, 38, top)
				fg = top
			}
			if first || bottom != bg {
				writeSGR(&sb, 48, bottom)
				bg = bottom
			}
			first = false
			sb.WriteString(upperHalf)
		}
		sb.WriteString(resetSGR)
		lines = append(lines, sb.String())
	}
	return lines
}

// rgb is an 8-bit opaque colour, or none: the terminal's default.
type rgb struct {
	r, g, b uint8
	none    bool
}

func toRGB(c color.Color) rgb {
	r, g, b, _ := c.RGBA() // premultiplied: translucent pixels darken
	return rgb{r: uint8(r >> 8), g: uint8(g >> 8), b: uint8(b >> 8)}
}

// writeSGR writes CSI kind;2;R;G;B m (kind 38 foreground, 48 background),
// or CSI kind+1 m for the default colour.
func writeSGR(sb *strings.Builder, kind int, c rgb) {
	if c.none {
		sb.WriteString("\x1b[" + strconv.Itoa(kind+1) + "m") // 39 or 49: default colour
		return
	}
	sb.WriteString("\x1b[")
	sb.WriteString(strconv.Itoa(kind))
	sb.WriteString(";2;")
	sb.WriteString(strconv.Itoa(int(c.r)))
	sb.WriteByte(';')
	sb.WriteString(strconv.Itoa(int(c.g)))
	sb.WriteByte(';')
	sb.WriteString(strconv.Itoa(int(c.b)))
	sb.WriteByte('m')
}
