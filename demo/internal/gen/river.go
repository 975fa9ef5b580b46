package main

import (
	"math"
	"math/rand/v2"
)

// sandbags: volunteers stack sandbags along the embankment in Kestrow —
// a high brown river under an overcast sky, the town on the far bank, a
// wall of sandbags along the near bank and four people in high-visibility
// vests on the path below it, one carrying a bag.
func sandbags(c *canvas) {
	rng := rand.New(rand.NewPCG(3, 3))
	c.all(func(x, y float64) rgb {
		base := mix(rgb{136, 146, 160}, rgb{196, 200, 204}, y/110)
		return base.add(34 * (fbm(x/90, y/40, 4, 41) - 0.5))
	})
	// The far bank: trees, houses and a church spire.
	for x := -10.0; x < width; x += 26 + rng.Float64()*20 {
		c.circle(x, 104-rng.Float64()*8, 16+rng.Float64()*8, solid(rgb{70, 92, 64}))
	}
	walls := []rgb{{164, 92, 70}, {186, 168, 134}, {150, 78, 62}, {206, 196, 176}, {128, 112, 100}}
	for i, x := 0, 6.0; x < width; i, x = i+1, x+34+rng.Float64()*16 {
		h := 18 + rng.Float64()*16
		c.rect(box{x, 112 - h, x + 30, 114}, solid(walls[i%len(walls)]))
		c.polygon(solid(rgb{82, 84, 92}), pt{x - 2, 113 - h}, pt{x + 15, 102 - h}, pt{x + 32, 113 - h})
		for wx := x + 5; wx < x+27; wx += 9 {
			c.rect(box{wx, 118 - h, wx + 5, 124 - h}, solid(rgb{64, 70, 82}))
		}
	}
	c.rect(box{372, 62, 390, 114}, solid(rgb{150, 142, 130}))
	c.polygon(solid(rgb{98, 100, 108}), pt{370, 63}, pt{381, 22}, pt{392, 63})

	// The river, high and brown, running fast, the town mirrored in it.
	c.rect(box{0, 112, width, 192}, func(x, y float64) rgb {
		base := mix(rgb{150, 146, 130}, rgb{108, 100, 80}, (y-112)/80)
		sheen := fbm(x/110, y/5, 3, 43)
		return mix(base, rgb{196, 198, 196}, 0.6*clamp(sheen-0.5, 0, 1)).add(24 * (noise(x/14, y/1.6, 42) - 0.5))
	})
	c.reflect(113, 0.3)
	c.paint(box{0, 180, width, 194}, func(x, y float64) (rgb, float64) { // foam against the wall
		return rgb{220, 216, 200}, 0.7 * clamp(noise(x/5, y/2, 47)-0.35, 0, 1)
	})
	// The bank and the path along it.
	c.rect(box{0, 190, width, height}, func(x, y float64) rgb {
		return mix(rgb{104, 134, 70}, rgb{78, 108, 52}, (y-190)/60).add(20 * (noise(x/3, y/3, 44) - 0.5))
	})
	c.rect(box{0, 252, width, height}, grainy(vgrad(252, height, rgb{168, 158, 138}, rgb{142, 132, 114}), 26, 45))

	// The sandbag wall: three staggered courses along the river's edge.
	for row := 0; row < 3; row++ {
		y := 214 - float64(row)*15
		off := float64(row%2) * 20
		for x := -20 + off; x < width+20; x += 40 {
			sandbag(c, x+rng.Float64()*3, y, 1)
		}
	}

	// The volunteers, on the path.
	orange, yellow := rgb{250, 120, 30}, rgb{226, 236, 48}
	volunteer(c, 70, 286, 118, yellow, rgb{226, 180, 146}, rgb{40, 60, 120}, false)
	volunteer(c, 178, 280, 112, orange, rgb{140, 98, 72}, rgb{200, 50, 50}, true)
	volunteer(c, 318, 290, 122, yellow, rgb{236, 196, 164}, rgb{236, 236, 236}, false)
	volunteer(c, 420, 284, 116, orange, rgb{210, 160, 124}, rgb{40, 40, 46}, true)
	// A pile of filled bags waiting at the front.
	for i, p := range []pt{{226, 292}, {262, 294}, {244, 280}} {
		sandbag(c, p.x, p.y, 1.1+float64(i)*0.05)
	}
}

// sandbag draws one filled bag, centred at (x, y), size k.
func sandbag(c *canvas, x, y, k float64) {
	c.ellipse(x, y+1, 21*k, 9*k, solid(rgb{120, 104, 70}))
	c.ellipse(x, y, 19.5*k, 7.5*k, func(px, py float64) rgb {
		return mix(rgb{214, 196, 148}, rgb{164, 144, 100}, (py-y+7*k)/(14*k)).add(16 * (noise(px/1.5, py/1.5, 46) - 0.5))
	})
	c.line(pt{x - 16*k, y - 1}, pt{x - 14*k, y + 3*k}, 1, solid(rgb{136, 118, 82}))
}

// volunteer draws a standing figure whose feet are at (x, feet), h tall,
// in a high-visibility vest with reflective bands, carrying a sandbag in
// front or with arms down.
func volunteer(c *canvas, x, feet, h float64, vest, skin, hat rgb, carrying bool) {
	u := h / 120 // one unit of a 120-unit-tall figure
	trousers, jacket := rgb{38, 42, 56}, rgb{52, 58, 74}
	c.rect(box{x - 12*u, feet - 52*u, x - 2*u, feet}, solid(trousers))
	c.rect(box{x + 2*u, feet - 52*u, x + 12*u, feet}, solid(trousers))
	c.ellipse(x-8*u, feet, 8*u, 3.5*u, solid(rgb{30, 28, 28}))
	c.ellipse(x+8*u, feet, 8*u, 3.5*u, solid(rgb{30, 28, 28}))
	c.polygon(solid(jacket), pt{x - 17*u, feet - 96*u}, pt{x + 17*u, feet - 96*u}, pt{x + 15*u, feet - 48*u}, pt{x - 15*u, feet - 48*u})
	c.polygon(solid(vest), pt{x - 16*u, feet - 94*u}, pt{x + 16*u, feet - 94*u}, pt{x + 15*u, feet - 50*u}, pt{x - 15*u, feet - 50*u})
	for _, by := range []float64{70, 60} {
		c.rect(box{x - 15.5*u, feet - by*u, x + 15.5*u, feet - (by-4)*u}, solid(rgb{214, 218, 222}))
	}
	if carrying {
		c.line(pt{x - 16*u, feet - 92*u}, pt{x - 10*u, feet - 66*u}, 7*u, solid(jacket))
		c.line(pt{x + 16*u, feet - 92*u}, pt{x + 10*u, feet - 66*u}, 7*u, solid(jacket))
		sandbag(c, x, feet-62*u, 1.05*u)
		c.circle(x-14*u, feet-64*u, 4*u, solid(skin))
		c.circle(x+14*u, feet-64*u, 4*u, solid(skin))
	} else {
		c.line(pt{x - 18*u, feet - 92*u}, pt{x - 22*u, feet - 52*u}, 7*u, solid(jacket))
		c.line(pt{x + 18*u, feet - 92*u}, pt{x + 22*u, feet - 52*u}, 7*u, solid(jacket))
		c.circle(x-22*u, feet-50*u, 4*u, solid(skin))
		c.circle(x+22*u, feet-50*u, 4*u, solid(skin))
	}
	c.rect(box{x - 4*u, feet - 102*u, x + 4*u, feet - 94*u}, solid(skin))
	c.circle(x, feet-108*u, 11*u, solid(skin))
	c.fill(box{x - 12*u, feet - 122*u, x + 12*u, feet - 107*u}, func(px, py float64) bool {
		return math.Hypot(px-x, py-(feet-108*u)) <= 12*u
	}, solid(hat))
}
