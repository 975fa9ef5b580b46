package images

import (
	"image"
	"image/color"
	"strconv"
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
	var sb []byte
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		sb = sb[:0]
		var fg, bg rgb
		first := true
		for x := b.Min.X; x < b.Max.X; x++ {
			top := pixelAt(m, x, y)
			// Below the last row of an odd height: the terminal's own
			// background (SGR 49).
			bottom := rgb{none: true}
			if y+1 < b.Max.Y {
				bottom = pixelAt(m, x, y+1)
			}
			// Equal neighbours share their colour sequences.
			if first || top != fg {
				sb = appendSGR(sb, 38, top)
				fg = top
			}
			if first || bottom != bg {
				sb = appendSGR(sb, 48, bottom)
				bg = bottom
			}
			first = false
			sb = append(sb, upperHalf...)
		}
		sb = append(sb, resetSGR...)
		lines = append(lines, string(sb))
	}
	return lines
}

// rgb is an 8-bit opaque colour, or none: the terminal's default.
type rgb struct {
	r, g, b uint8
	none    bool
}

// pixelAt reads m at (x, y), without boxing a colour for *image.RGBA (what
// the scaler produces).
func pixelAt(m image.Image, x, y int) rgb {
	if p, ok := m.(*image.RGBA); ok {
		c := p.RGBAAt(x, y) // premultiplied, as toRGB reads
		return rgb{r: c.R, g: c.G, b: c.B}
	}
	return toRGB(m.At(x, y))
}

func toRGB(c color.Color) rgb {
	r, g, b, _ := c.RGBA() // premultiplied: translucent pixels darken
	return rgb{r: uint8(r >> 8), g: uint8(g >> 8), b: uint8(b >> 8)}
}

// appendSGR appends CSI kind;2;R;G;B m (kind 38 foreground, 48
// background), or CSI kind+1 m for the default colour.
func appendSGR(b []byte, kind int, c rgb) []byte {
	b = append(b, "\x1b["...)
	if c.none {
		b = strconv.AppendInt(b, int64(kind+1), 10) // 39 or 49: default colour
		return append(b, 'm')
	}
	b = strconv.AppendInt(b, int64(kind), 10)
	b = append(b, ";2;"...)
	b = strconv.AppendInt(b, int64(c.r), 10)
	b = append(b, ';')
	b = strconv.AppendInt(b, int64(c.g), 10)
	b = append(b, ';')
	b = strconv.AppendInt(b, int64(c.b), 10)
	return append(b, 'm')
}
