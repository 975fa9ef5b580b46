// Command gen draws the pictures of herald's demo articles: five scenes
// matching the figures of the sample feeds (a night sky over an
// observatory, a ferry leaving harbour, a seal pup, volunteers with
// sandbags, trawlers in a harbour), painted from simple shapes,
// gradients and a little noise. They were made for herald by this
// program, so they are under herald's licence like the rest of the code.
//
// The reader shows them as half-block cells about 72×20 wide, so strong
// shapes and colours count for more than detail. Run it from demo/ with
// go generate; it writes pictures/*.jpg, each at most maxBytes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"log"
	"math"
	"os"
	"path/filepath"
)

// The size of every picture, in pixels, and its largest JPEG.
const (
	width    = 480
	height   = 300
	maxBytes = 38 << 10
)

// scenes maps each file name to the function that paints it.
var scenes = []struct {
	name  string
	paint func(*canvas)
}{
	{"star-river.jpg", starRiver},
	{"ferry.jpg", ferry},
	{"seals.jpg", sealPup},
	{"kestrow-sandbags.jpg", sandbags},
	{"aldane-harbour.jpg", harbour},
}

func main() {
	out := flag.String("out", "pictures", "directory to write the pictures to")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, s := range scenes {
		c := newCanvas(width, height, 2)
		s.paint(c)
		data, q, err := encode(c.image())
		if err != nil {
			log.Fatalf("gen %s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(*out, s.name), data, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d bytes (quality %d)\n", s.name, len(data), q)
	}
}

// encode writes img as the best-quality JPEG that fits in maxBytes.
func encode(img image.Image) ([]byte, int, error) {
	for q := 88; q >= 40; q -= 4 {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
			return nil, 0, fmt.Errorf("jpeg: %w", err)
		}
		if buf.Len() <= maxBytes {
			return buf.Bytes(), q, nil
		}
	}
	return nil, 0, fmt.Errorf("no quality fits in %d bytes", maxBytes)
}

// noise is smooth value noise in [0, 1): random values on the integer
// grid, blended with a smoothstep in between.
func noise(x, y float64, seed uint32) float64 {
	ix, iy := math.Floor(x), math.Floor(y)
	fx, fy := x-ix, y-iy
	sx, sy := fx*fx*(3-2*fx), fy*fy*(3-2*fy)
	i, j := int32(ix), int32(iy)
	a, b := lattice(i, j, seed), lattice(i+1, j, seed)
	c, d := lattice(i, j+1, seed), lattice(i+1, j+1, seed)
	return (a+(b-a)*sx)*(1-sy) + (c+(d-c)*sx)*sy
}

// fbm sums octaves of noise, each twice as fine and half as strong.
func fbm(x, y float64, octaves int, seed uint32) float64 {
	sum, amp, norm := 0.0, 1.0, 0.0
	for o := 0; o < octaves; o++ {
		sum += amp * noise(x, y, seed+uint32(o)*101)
		norm += amp
		x, y, amp = x*2.03, y*2.03, amp/2
	}
	return sum / norm
}

// lattice hashes a grid point to a value in [0, 1).
func lattice(i, j int32, seed uint32) float64 {
	h := uint32(i)*374761393 + uint32(j)*668265263 + seed*2246822519
	h = (h ^ (h >> 13)) * 1274126177
	h ^= h >> 16
	return float64(h&0xffffff) / float64(0x1000000)
}
