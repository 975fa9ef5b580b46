package main

import (
	"image"
	"image/color"
	"math"
)

// rgb is a colour with channels from 0 to 255, kept as floats so that
// gradients, blending and noise do not band before the final rounding.
type rgb struct{ r, g, b float64 }

// mix returns a blended toward b by t (0: a, 1: b).
func mix(a, b rgb, t float64) rgb {
	t = clamp(t, 0, 1)
	return rgb{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t}
}

// scale multiplies every channel by k (a darker or lighter shade).
func (c rgb) scale(k float64) rgb { return rgb{c.r * k, c.g * k, c.b * k} }

// add lifts every channel by d (noise, grain).
func (c rgb) add(d float64) rgb { return rgb{c.r + d, c.g + d, c.b + d} }

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// box is a rectangle in picture units: x0 ≤ x < x1, y0 ≤ y < y1.
type box struct{ x0, y0, x1, y1 float64 }

// mirror makes a canvas paint reflections: every shape is flipped about
// the water line, rippled sideways and laid over the water thinly.
type mirror struct {
	waterline float64
	alpha     float64 // how much of the reflected colour shows
	ripple    float64 // sideways wobble, in picture units
}

// canvas is a picture of w×h units painted at ss pixels a unit
// (supersampled) and shrunk to w×h pixels at the end, so that every edge
// is anti-aliased without any edge-specific code.
type canvas struct {
	w, h   int
	ss     int
	pix    []rgb
	mirror *mirror
}

func newCanvas(w, h, ss int) *canvas {
	return &canvas{w: w, h: h, ss: ss, pix: make([]rgb, w*ss*h*ss)}
}

// paint lays shade over the pixels of b: shade returns the colour at a
// point (in picture units) and how opaque it is there (0 leaves the pixel
// alone).
func (c *canvas) paint(b box, shade func(x, y float64) (rgb, float64)) {
	m := c.mirror
	if m != nil {
		b = box{b.x0 - m.ripple, 2*m.waterline - b.y1, b.x1 + m.ripple, 2*m.waterline - b.y0}
		b.y0 = math.Max(b.y0, m.waterline)
	}
	s := float64(c.ss)
	pw, ph := c.w*c.ss, c.h*c.ss
	px0, px1 := max(0, int(math.Floor(b.x0*s))), min(pw, int(math.Ceil(b.x1*s)))
	py0, py1 := max(0, int(math.Floor(b.y0*s))), min(ph, int(math.Ceil(b.y1*s)))
	for py := py0; py < py1; py++ {
		y := (float64(py) + 0.5) / s
		for px := px0; px < px1; px++ {
			x := (float64(px) + 0.5) / s
			sx, sy, k := x, y, 1.0
			if m != nil {
				sy = 2*m.waterline - y
				sx = x + m.ripple*math.Sin(y*0.9)*math.Sin(y*0.13+x*0.02)
				k = m.alpha * (1 - 0.5*clamp((y-m.waterline)/60, 0, 1))
			}
			col, a := shade(sx, sy)
			a *= k
			if a <= 0 {
				continue
			}
			i := py*pw + px
			c.pix[i] = mix(c.pix[i], col, a)
		}
	}
}

// fill paints col wherever inside holds, within b.
func (c *canvas) fill(b box, inside func(x, y float64) bool, col func(x, y float64) rgb) {
	c.paint(b, func(x, y float64) (rgb, float64) {
		if !inside(x, y) {
			return rgb{}, 0
		}
		return col(x, y), 1
	})
}

// all paints every pixel of the picture.
func (c *canvas) all(col func(x, y float64) rgb) {
	c.fill(box{0, 0, float64(c.w), float64(c.h)}, func(x, y float64) bool { return true }, col)
}

// rect fills b with col.
func (c *canvas) rect(b box, col func(x, y float64) rgb) {
	c.fill(b, func(x, y float64) bool { return true }, col)
}

// ellipse fills the ellipse at (cx, cy) with radii rx, ry.
func (c *canvas) ellipse(cx, cy, rx, ry float64, col func(x, y float64) rgb) {
	c.fill(box{cx - rx, cy - ry, cx + rx, cy + ry}, func(x, y float64) bool {
		dx, dy := (x-cx)/rx, (y-cy)/ry
		return dx*dx+dy*dy <= 1
	}, col)
}

// circle fills the circle at (cx, cy) of radius r.
func (c *canvas) circle(cx, cy, r float64, col func(x, y float64) rgb) {
	c.ellipse(cx, cy, r, r, col)
}

// pt is a point in picture units.
type pt struct{ x, y float64 }

// polygon fills the polygon through pts (even-odd rule).
func (c *canvas) polygon(col func(x, y float64) rgb, pts ...pt) {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b.x0, b.y0 = math.Min(b.x0, p.x), math.Min(b.y0, p.y)
		b.x1, b.y1 = math.Max(b.x1, p.x), math.Max(b.y1, p.y)
	}
	c.fill(b, func(x, y float64) bool {
		in := false
		for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
			a, b := pts[i], pts[j]
			if (a.y > y) != (b.y > y) && x < (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x {
				in = !in
			}
		}
		return in
	}, col)
}

// line draws a segment of the given width with round ends.
func (c *canvas) line(a, b pt, width float64, col func(x, y float64) rgb) {
	r := width / 2
	bb := box{math.Min(a.x, b.x) - r, math.Min(a.y, b.y) - r, math.Max(a.x, b.x) + r, math.Max(a.y, b.y) + r}
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	c.fill(bb, func(x, y float64) bool {
		t := 0.0
		if l2 > 0 {
			t = clamp(((x-a.x)*dx+(y-a.y)*dy)/l2, 0, 1)
		}
		ex, ey := x-(a.x+t*dx), y-(a.y+t*dy)
		return ex*ex+ey*ey <= r*r
	}, col)
}

// below fills everything under the curve top(x), down to the bottom.
func (c *canvas) below(x0, x1 float64, top func(x float64) float64, col func(x, y float64) rgb) {
	minTop := math.Inf(1)
	for x := x0; x <= x1; x++ {
		minTop = math.Min(minTop, top(x))
	}
	c.fill(box{x0, minTop, x1, float64(c.h)}, func(x, y float64) bool { return y >= top(x) }, col)
}

// glow lays col over a soft round spot: full at the centre, gone at r.
func (c *canvas) glow(cx, cy, r, strength float64, col rgb) {
	c.paint(box{cx - r, cy - r, cx + r, cy + r}, func(x, y float64) (rgb, float64) {
		d := math.Hypot(x-cx, y-cy) / r
		if d >= 1 {
			return col, 0
		}
		return col, strength * (1 - d) * (1 - d)
	})
}

// solid is a flat colour.
func solid(col rgb) func(x, y float64) rgb { return func(x, y float64) rgb { return col } }

// vgrad runs from top at y0 to bottom at y1.
func vgrad(y0, y1 float64, top, bottom rgb) func(x, y float64) rgb {
	return func(x, y float64) rgb { return mix(top, bottom, (y-y0)/(y1-y0)) }
}

// hgrad runs from left at x0 to right at x1.
func hgrad(x0, x1 float64, left, right rgb) func(x, y float64) rgb {
	return func(x, y float64) rgb { return mix(left, right, (x-x0)/(x1-x0)) }
}

// grainy adds fine noise of amplitude amp to col.
func grainy(col func(x, y float64) rgb, amp float64, seed uint32) func(x, y float64) rgb {
	return func(x, y float64) rgb { return col(x, y).add(amp * (noise(x*1.7, y*1.7, seed) - 0.5)) }
}

// image shrinks the supersampled canvas to its w×h picture.
func (c *canvas) image() *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
	pw := c.w * c.ss
	n := float64(c.ss * c.ss)
	for y := 0; y < c.h; y++ {
		for x := 0; x < c.w; x++ {
			var sum rgb
			for j := 0; j < c.ss; j++ {
				for i := 0; i < c.ss; i++ {
					p := c.pix[(y*c.ss+j)*pw+x*c.ss+i]
					sum = rgb{sum.r + p.r, sum.g + p.g, sum.b + p.b}
				}
			}
			out.SetRGBA(x, y, color.RGBA{
				R: uint8(clamp(math.Round(sum.r/n), 0, 255)),
				G: uint8(clamp(math.Round(sum.g/n), 0, 255)),
				B: uint8(clamp(math.Round(sum.b/n), 0, 255)),
				A: 255,
			})
		}
	}
	return out
}
