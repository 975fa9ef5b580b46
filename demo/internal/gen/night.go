package main

import (
	"math"
	"math/rand/v2"
)

// starRiver: the Milky Way over the observatory at Hollin Fell — a band
// of light across a starry sky, above a dark hill with a domed
// observatory on its top and one lit window.
func starRiver(c *canvas) {
	rng := rand.New(rand.NewPCG(13, 1))
	sky := vgrad(0, 240, rgb{6, 8, 26}, rgb{34, 40, 84})
	// The band runs from the lower left to the upper right.
	a, b := pt{40, 300}, pt{470, -10}
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	band := func(x, y float64) (dist, along float64) {
		return ((x-a.x)*dy - (y-a.y)*dx) / l, ((x-a.x)*dx + (y-a.y)*dy) / l
	}
	c.all(func(x, y float64) rgb {
		col := sky(x, y)
		d, t := band(x, y)
		clouds := fbm(x/46, y/46, 5, 7)
		g := math.Exp(-(d*d)/(62*62)) * (0.35 + 0.9*clouds*clouds)
		core := math.Exp(-(d*d)/(26*26)) * clamp(1-math.Abs(t-230)/220, 0, 1)
		col = mix(col, rgb{186, 184, 228}, clamp(1.05*g, 0, 0.95))
		col = mix(col, rgb{236, 214, 186}, 0.75*core*clouds)
		// A dark lane of dust along the band.
		lane := math.Exp(-((d-10)*(d-10))/(9*9)) * fbm(x/22, y/22, 3, 29)
		col = mix(col, rgb{14, 14, 30}, 0.8*lane*clamp(g*1.6, 0, 1))
		return col
	})
	// Stars, thicker in the band; a few bright ones with a halo.
	for i := 0; i < 1400; i++ {
		x, y := rng.Float64()*width, rng.Float64()*240
		d, _ := band(x, y)
		if rng.Float64() > 0.35+0.65*math.Exp(-(d*d)/(80*80)) {
			continue
		}
		v := 150 + rng.Float64()*105
		tint := rgb{v, v, v + 10}
		if rng.IntN(5) == 0 {
			tint = rgb{v, v * 0.9, v * 0.75}
		}
		c.circle(x, y, 0.45+rng.Float64()*0.5, solid(tint))
	}
	for i := 0; i < 40; i++ {
		x, y := rng.Float64()*width, rng.Float64()*200
		c.glow(x, y, 7, 0.6, rgb{200, 215, 255})
		c.circle(x, y, 1.6, solid(rgb{250, 250, 255}))
	}

	// A far ridge, then the fell with the observatory on its top.
	c.below(0, width, func(x float64) float64 {
		return 232 - 10*math.Sin(x/60+1) - 6*noise(x/25, 0, 3)
	}, vgrad(215, 300, rgb{30, 34, 62}, rgb{16, 18, 34}))
	hill := func(x float64) float64 {
		return 262 - 78*math.Exp(-((x-300)*(x-300))/(130*130)) - 4*noise(x/18, 5, 9)
	}
	c.below(0, width, hill, vgrad(180, 300, rgb{16, 18, 30}, rgb{5, 6, 10}))

	// The observatory: a low building under a pale dome with a shutter slit.
	top := hill(300) + 3
	c.rect(box{262, top - 34, 338, top + 4}, hgrad(262, 338, rgb{96, 100, 122}, rgb{52, 54, 70}))
	c.rect(box{262, top - 36, 338, top - 32}, solid(rgb{120, 124, 146}))
	dome := hgrad(262, 338, rgb{206, 212, 230}, rgb{96, 102, 128})
	c.fill(box{264, top - 76, 336, top - 34}, func(x, y float64) bool {
		return y <= top-35 && math.Hypot(x-300, y-(top-35)) <= 37
	}, dome)
	c.rect(box{307, top - 71, 317, top - 35}, solid(rgb{28, 30, 44}))
	// A warm window and its light on the ground.
	c.rect(box{276, top - 24, 290, top - 12}, solid(rgb{252, 200, 110}))
	c.glow(283, top-18, 24, 0.35, rgb{250, 190, 100})
	// A small outbuilding beside it.
	c.rect(box{352, top - 8, 378, top + 10}, solid(rgb{40, 42, 56}))
	c.polygon(solid(rgb{58, 60, 78}), pt{348, top - 8}, pt{365, top - 20}, pt{382, top - 8})
}
