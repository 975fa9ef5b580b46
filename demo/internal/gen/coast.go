package main

import (
	"math"
	"math/rand/v2"
)

// ferry: the ferry Marram leaving Hesk harbour — a white ferry with a
// navy hull and a red funnel heads out to the right across blue water,
// its wake trailing back to the breakwater and lighthouse on the left.
func ferry(c *canvas) {
	const horizon = 132.0
	c.all(vgrad(0, horizon, rgb{74, 138, 210}, rgb{196, 222, 242}))
	cloud(c, 90, 40, 1.0)
	cloud(c, 300, 26, 0.8)
	cloud(c, 420, 70, 0.6)
	// The island across the water.
	c.below(170, width, func(x float64) float64 {
		return horizon - 30*math.Exp(-((x-380)*(x-380))/(90*90)) - 4*noise(x/20, 1, 4)
	}, vgrad(100, horizon, rgb{104, 138, 122}, rgb{136, 160, 150}))
	// The sea, with long lighter streaks.
	c.rect(box{0, horizon, width, height}, func(x, y float64) rgb {
		base := mix(rgb{58, 124, 170}, rgb{18, 66, 116}, (y-horizon)/(height-horizon))
		streak := fbm(x/70, y/3.2, 3, 11)
		return base.add(40 * (streak - 0.5))
	})

	// The harbour on the left: houses, the quay wall, the lighthouse.
	houses := []rgb{{236, 228, 210}, {206, 120, 96}, {240, 214, 140}, {150, 176, 200}, {226, 226, 232}}
	for i, x := range []float64{0, 26, 50, 74, 98} {
		h := 22 + float64(i%3)*6
		c.rect(box{x, horizon + 4 - h, x + 24, horizon + 6}, solid(houses[i]))
		c.polygon(solid(rgb{84, 78, 86}), pt{x - 2, horizon + 5 - h}, pt{x + 12, horizon - 6 - h}, pt{x + 26, horizon + 5 - h})
		c.rect(box{x + 8, horizon - h + 10, x + 15, horizon - h + 17}, solid(rgb{60, 70, 90}))
	}
	c.polygon(vgrad(horizon, 190, rgb{150, 146, 138}, rgb{92, 88, 84}),
		pt{0, horizon + 4}, pt{150, horizon + 4}, pt{172, 178}, pt{0, 186})
	c.rect(box{0, horizon, 150, horizon + 6}, solid(rgb{178, 172, 160}))
	tower := func(x, y float64) rgb {
		if int((y-60)/14)%2 == 1 {
			return rgb{200, 46, 40}
		}
		return rgb{246, 244, 238}
	}
	c.polygon(tower, pt{128, horizon + 4}, pt{148, horizon + 4}, pt{144, 72}, pt{132, 72})
	c.rect(box{128, 60, 148, 72}, solid(rgb{40, 44, 50}))
	c.rect(box{131, 62, 145, 70}, solid(rgb{255, 226, 140}))
	c.polygon(solid(rgb{200, 46, 40}), pt{126, 61}, pt{138, 50}, pt{150, 61})

	// The wake, widening behind the ferry back toward the harbour.
	foam := func(x, y float64) (rgb, float64) {
		return rgb{236, 244, 248}, clamp(0.35+fbm(x/9, y/4, 3, 17), 0, 1)
	}
	c.paint(box{150, 188, 270, 236}, func(x, y float64) (rgb, float64) {
		t := (270 - x) / 120 // 0 at the stern, 1 at the harbour
		mid, half := 212-8*t, 4+16*t
		if math.Abs(y-mid) > half {
			return rgb{}, 0
		}
		col, a := foam(x, y)
		return col, a * (1 - t) * (1 - math.Abs(y-mid)/half*0.7)
	})

	// The ferry, bow to the right: navy hull, white decks, red funnel.
	const wl = 214.0
	c.ellipse(340, wl+6, 110, 7, solid(rgb{12, 40, 74})) // its shadow on the water
	c.polygon(solid(rgb{26, 40, 78}), pt{232, wl - 30}, pt{452, wl - 36}, pt{428, wl + 2}, pt{252, wl + 2})
	c.polygon(solid(rgb{244, 244, 240}), pt{232, wl - 30}, pt{452, wl - 36}, pt{446, wl - 27}, pt{234, wl - 22})
	c.polygon(solid(rgb{204, 40, 44}), pt{234, wl - 22}, pt{446, wl - 27}, pt{443, wl - 23}, pt{236, wl - 18})
	white := hgrad(250, 420, rgb{250, 250, 246}, rgb{214, 218, 222})
	c.rect(box{250, wl - 62, 410, wl - 31}, white)
	c.rect(box{272, wl - 88, 392, wl - 62}, white)
	c.rect(box{300, wl - 104, 378, wl - 88}, white)
	for x := 256.0; x < 404; x += 13 {
		c.rect(box{x, wl - 54, x + 8, wl - 45}, solid(rgb{40, 60, 92}))
	}
	for x := 278.0; x < 386; x += 12 {
		c.rect(box{x, wl - 80, x + 8, wl - 72}, solid(rgb{40, 60, 92}))
	}
	c.rect(box{350, wl - 100, 376, wl - 93}, solid(rgb{30, 44, 70})) // the bridge windows
	c.polygon(solid(rgb{204, 40, 44}), pt{310, wl - 104}, pt{336, wl - 104}, pt{332, wl - 136}, pt{312, wl - 136})
	c.rect(box{311, wl - 142, 333, wl - 134}, solid(rgb{28, 28, 32}))
	c.line(pt{364, wl - 104}, pt{364, wl - 150}, 2, solid(rgb{60, 60, 66}))
	c.line(pt{356, wl - 138}, pt{372, wl - 138}, 2, solid(rgb{60, 60, 66}))
	// The bow wave.
	c.paint(box{410, wl - 12, 470, wl + 10}, func(x, y float64) (rgb, float64) {
		d := math.Hypot((x-438)/26, (y-wl)/7)
		if d > 1 {
			return rgb{}, 0
		}
		col, a := foam(x, y)
		return col, a * (1 - d)
	})
}

// cloud lays a soft fair-weather cloud centred at (x, y), size k.
func cloud(c *canvas, x, y, k float64) {
	for _, p := range []struct{ dx, dy, r float64 }{
		{-34, 6, 18}, {-14, -6, 24}, {12, -10, 26}, {36, 0, 20}, {0, 8, 22},
	} {
		c.glow(x+p.dx*k, y+p.dy*k, p.r*k*1.6, 0.7, rgb{250, 251, 255})
	}
}

// sealPup: a grey seal pup on the sand at Porth Weal — a cream-white,
// round-eyed pup lying on golden sand below the surf line.
func sealPup(c *canvas) {
	rng := rand.New(rand.NewPCG(5, 3))
	c.all(vgrad(0, 70, rgb{60, 120, 150}, rgb{90, 158, 170}))
	// The sea meets the sand in a ragged line of surf.
	shore := func(x float64) float64 { return 78 + 10*math.Sin(x/70) + 8*noise(x/25, 2, 21) }
	c.below(0, width, shore, func(x, y float64) rgb {
		t := clamp((y-shore(x))/40, 0, 1)
		return mix(rgb{168, 140, 100}, rgb{226, 196, 146}, t).add(22 * (noise(x*1.3, y*1.3, 8) - 0.5))
	})
	c.paint(box{0, 50, width, 110}, func(x, y float64) (rgb, float64) {
		d := math.Abs(y - shore(x) + 2)
		return rgb{246, 250, 250}, clamp(1-d/(4+5*fbm(x/12, 0, 2, 5)), 0, 1)
	})
	// Ripples in the sand.
	c.paint(box{0, 110, width, height}, func(x, y float64) (rgb, float64) {
		r := math.Sin(y/4.5 + 3*noise(x/40, y/40, 12))
		return rgb{170, 138, 96}, 0.18 * clamp(r, 0, 1)
	})
	for i := 0; i < 40; i++ { // pebbles and shells
		x, y := rng.Float64()*width, 120+rng.Float64()*180
		c.ellipse(x, y, 1.5+rng.Float64()*2, 1+rng.Float64()*1.5, solid(rgb{150, 130, 110}.add(rng.Float64()*60)))
	}

	// The pup: shadow, body, rear flippers, head, face.
	c.paint(box{80, 230, 400, 282}, func(x, y float64) (rgb, float64) {
		d := math.Hypot((x-238)/160, (y-254)/24)
		return rgb{140, 112, 76}, 0.8 * clamp(1-d, 0, 1) * 2
	})
	fur := func(x, y float64) rgb {
		shade := clamp((y-150)/110, 0, 1)
		base := mix(rgb{248, 244, 232}, rgb{196, 190, 178}, shade*shade)
		return base.add(14 * (fbm(x/6, y/6, 2, 31) - 0.5))
	}
	c.polygon(solid(rgb{150, 146, 140}), pt{124, 214}, pt{74, 198}, pt{66, 210}, pt{80, 220}, pt{124, 230})
	c.polygon(solid(rgb{126, 122, 118}), pt{124, 226}, pt{70, 232}, pt{68, 246}, pt{82, 250}, pt{128, 240})
	c.ellipse(230, 210, 132, 50, fur)
	c.ellipse(296, 248, 34, 11, solid(rgb{188, 182, 170})) // the fore flipper
	for i := 0.0; i < 4; i++ {
		c.line(pt{318 + i*4, 252}, pt{322 + i*4, 257}, 1.5, solid(rgb{70, 64, 60}))
	}
	c.circle(352, 176, 56, fur)
	eye := func(x float64) {
		c.ellipse(x, 166, 11, 12.5, solid(rgb{18, 16, 18}))
		c.circle(x-3, 161, 3.4, solid(rgb{240, 244, 250}))
	}
	eye(326)
	eye(378)
	c.ellipse(352, 194, 14, 9.5, solid(rgb{52, 44, 44}))
	c.circle(347, 192, 2.2, solid(rgb{120, 110, 108}))
	c.line(pt{352, 202}, pt{352, 210}, 2, solid(rgb{90, 80, 78}))
	c.line(pt{352, 210}, pt{344, 214}, 2, solid(rgb{90, 80, 78}))
	c.line(pt{352, 210}, pt{360, 214}, 2, solid(rgb{90, 80, 78}))
	for _, w := range []struct{ x0, x1, dy float64 }{{338, 304, -6}, {338, 302, 2}, {366, 400, -6}, {366, 402, 2}} {
		c.line(pt{w.x0, 200}, pt{w.x1, 200 + w.dy}, 1, solid(rgb{150, 140, 130}))
	}
}
