package main

import (
	"math"
	"math/rand/v2"
)

// harbour: trawlers moored in the harbour of Port Aldane — three fishing
// boats, red, blue and green, with white wheelhouses and stern gantries,
// on calm water that mirrors them, below a quay and a hillside of
// coloured houses in morning light.
func harbour(c *canvas) {
	rng := rand.New(rand.NewPCG(7, 7))
	const quay, water = 122.0, 140.0
	c.all(vgrad(0, quay, rgb{104, 160, 218}, rgb{250, 216, 172}))
	cloud(c, 380, 30, 0.7)
	// The hill behind the harbour, with houses stepped up it.
	hill := func(x float64) float64 { return 58 + 30*math.Sin(x/150+0.4) + 10*noise(x/30, 3, 51) }
	c.below(0, width, hill, vgrad(40, quay, rgb{96, 134, 84}, rgb{74, 106, 66}))
	fronts := []rgb{{246, 244, 236}, {244, 214, 120}, {230, 150, 140}, {150, 190, 220}, {250, 250, 250}, {210, 120, 80}}
	for i := 0; i < 46; i++ {
		x := rng.Float64() * (width - 16)
		top := hill(x+8) + 10
		if top > quay-14 {
			continue
		}
		y := top + rng.Float64()*(quay-14-top)
		c.rect(box{x, y, x + 16, y + 12}, solid(fronts[rng.IntN(len(fronts))]))
		c.polygon(solid(rgb{90, 70, 70}), pt{x - 1, y + 1}, pt{x + 8, y - 5}, pt{x + 17, y + 1})
		c.rect(box{x + 6, y + 4, x + 10, y + 9}, solid(rgb{60, 66, 80}))
	}
	// The quay wall, in courses of stone.
	c.rect(box{0, quay, width, water}, func(x, y float64) rgb {
		col := rgb{156, 146, 130}.add(24 * (noise(x/6, y/6, 52) - 0.5))
		if math.Mod(y-quay, 6) < 1 || math.Mod(x+float64(int((y-quay)/6))*7, 14) < 1 {
			col = col.scale(0.7)
		}
		return col
	})
	c.rect(box{0, quay - 2, width, quay + 1}, solid(rgb{196, 188, 172}))
	// The water, and the quay and town mirrored in it.
	c.rect(box{0, water, width, height}, func(x, y float64) rgb {
		base := mix(rgb{52, 112, 130}, rgb{22, 64, 84}, (y-water)/(height-water))
		return base.add(30 * (fbm(x/60, y/2.2, 3, 53) - 0.5))
	})
	c.reflect(water, 0.4)

	for _, b := range []struct {
		x, wl, k float64
		hull     rgb
		right    bool
	}{
		{36, 168, 0.72, rgb{40, 130, 80}, true},
		{452, 206, 0.9, rgb{36, 72, 156}, false},
		{110, 264, 1.2, rgb{196, 40, 36}, true},
	} {
		c.mirror = &mirror{waterline: b.wl, alpha: 0.5, ripple: 2.5}
		trawler(c, b.x, b.wl, b.k, b.hull, b.right)
		c.mirror = nil
		trawler(c, b.x, b.wl, b.k, b.hull, b.right)
	}
	// Gulls.
	for _, g := range []pt{{220, 34}, {246, 48}, {300, 22}} {
		c.line(g, pt{g.x - 7, g.y - 4}, 1.6, solid(rgb{250, 250, 250}))
		c.line(g, pt{g.x + 7, g.y - 4}, 1.6, solid(rgb{250, 250, 250}))
	}
}

// trawler draws a fishing boat of length 150·k whose stern is at x and
// whose waterline is at wl, facing right or left.
func trawler(c *canvas, x, wl, k float64, hull rgb, right bool) {
	p := func(dx, dy float64) pt {
		if !right {
			dx = -dx
		}
		return pt{x + dx*k, wl + dy*k}
	}
	hullPts := []pt{p(0, -24), p(60, -24), p(150, -38), p(138, -6), p(120, 8), p(12, 8), p(2, -6)}
	c.polygon(solid(hull), hullPts...)
	c.polygon(solid(rgb{34, 30, 32}), p(2, -2), p(140, -2), p(120, 8), p(12, 8))
	c.polygon(solid(rgb{240, 240, 232}), p(0, -24), p(60, -24), p(150, -38), p(149, -33), p(60, -20), p(0, -20))
	// The wheelhouse, forward, with a dark band of windows.
	c.rect(bx(p(88, -66), p(124, -24)), solid(rgb{238, 238, 230}))
	c.rect(bx(p(90, -60), p(122, -51)), solid(rgb{40, 52, 72}))
	c.rect(bx(p(86, -70), p(126, -66)), solid(rgb{70, 74, 80}))
	dark := solid(rgb{52, 52, 56})
	c.line(p(108, -70), p(108, -118), 2.4*k, dark)
	c.line(p(100, -104), p(116, -104), 2*k, dark)
	// The A-frame gantry at the stern, with rigging to the mast.
	gantry := solid(rgb{230, 140, 40})
	c.line(p(6, -24), p(18, -92), 3*k, gantry)
	c.line(p(30, -24), p(18, -92), 3*k, gantry)
	c.line(p(10, -60), p(26, -60), 2.5*k, gantry)
	c.line(p(18, -92), p(108, -118), 1, dark)
	c.line(p(108, -118), p(150, -38), 1, dark)
	// Floats and a net on deck.
	for i := 0.0; i < 4; i++ {
		c.circle(p(44+i*9, -29).x, p(0, -29).y, 4.2*k, solid(rgb{250, 120, 30}))
	}
	c.polygon(solid(rgb{60, 90, 80}), p(36, -26), p(82, -26), p(76, -34), p(40, -34))
}

// bx is the box between two corners given in any order.
func bx(a, b pt) box {
	return box{math.Min(a.x, b.x), math.Min(a.y, b.y), math.Max(a.x, b.x), math.Max(a.y, b.y)}
}

// reflect lays the picture above waterline, flipped and rippled, thinly
// over the water below it.
func (c *canvas) reflect(waterline, alpha float64) {
	pw, ph := c.w*c.ss, c.h*c.ss
	wl := int(waterline * float64(c.ss))
	for py := wl; py < ph; py++ {
		sy := 2*wl - py
		if sy < 0 {
			break
		}
		fade := alpha * (1 - float64(py-wl)/float64(ph-wl))
		for px := 0; px < pw; px++ {
			sx := px + int(3*float64(c.ss)*math.Sin(float64(py)/(1.3*float64(c.ss))))
			sx = max(0, min(pw-1, sx))
			i := py*pw + px
			c.pix[i] = mix(c.pix[i], c.pix[sy*pw+sx], fade)
		}
	}
}
