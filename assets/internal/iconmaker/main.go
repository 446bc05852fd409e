// Command iconmaker draws ROPA Desk's application icon, a rounded document
// with a shield and a tick in a calm blue, so that the icon is our own and
// can be redrawn at any size. Run from the repository root:
//
//	go run ./assets/internal/iconmaker -out assets/icon.png
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

func main() {
	out := flag.String("out", "assets/icon.png", "where to write the PNG")
	size := flag.Int("size", 256, "width and height in pixels")
	flag.Parse()

	img := draw(*size)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatalf("create %s: %v", *out, err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatalf("encode %s: %v", *out, err)
	}
	if err := f.Close(); err != nil {
		log.Fatalf("close %s: %v", *out, err)
	}
}

var (
	blue      = color.NRGBA{0x1f, 0x5f, 0xa8, 0xff}
	blueDark  = color.NRGBA{0x17, 0x48, 0x80, 0xff}
	paper     = color.NRGBA{0xf7, 0xf9, 0xfc, 0xff}
	paperLine = color.NRGBA{0xc9, 0xd6, 0xe6, 0xff}
	fold      = color.NRGBA{0xdc, 0xe5, 0xf0, 0xff}
	white     = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// draw renders the icon with 4×4 supersampling per pixel, which gives
// smooth edges without a vector library.
func draw(n int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	const ss = 4
	for py := 0; py < n; py++ {
		for px := 0; px < n; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					// Work in a unit square so the shapes do not depend on n.
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(n)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(n)
					c := shade(x, y)
					fa := float64(c.A) / 255
					r += float64(c.R) * fa
					g += float64(c.G) * fa
					b += float64(c.B) * fa
					a += fa
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(r / a), G: uint8(g / a), B: uint8(b / a),
				A: uint8(math.Round(a / (ss * ss) * 255)),
			})
		}
	}
	return img
}

// shade returns the colour at (x, y) in the unit square, painting from the
// back: the document, its text lines, then the shield with its tick.
func shade(x, y float64) color.NRGBA {
	var c color.NRGBA
	// The page: a rounded rectangle with its top-right corner folded.
	if inRoundRect(x, y, 0.16, 0.06, 0.74, 0.90, 0.07) && !(x+(0.06-y) > 0.74-0.18+0.0 && x > 0.56 && y < 0.24) {
		c = paper
		if x > 0.56 && y < 0.24 && x-0.56 < 0.24-y+0.0001 && x-0.56 > 0 && y-0.06 < x-0.56 {
			c = fold
		}
		// Text lines, short enough to leave room for the shield.
		for i, top := range []float64{0.30, 0.40, 0.50, 0.60} {
			right := 0.64
			if i >= 2 {
				right = 0.40
			}
			if y > top && y < top+0.035 && x > 0.26 && x < right {
				c = paperLine
			}
		}
	}
	// The page outline, so it reads on a light desktop.
	if onRoundRectEdge(x, y, 0.16, 0.06, 0.74, 0.90, 0.07, 0.012) && !(x > 0.56 && y < 0.24 && y-0.06 < x-0.56) {
		c = blue
	}
	if x > 0.56 && y < 0.24 && math.Abs((y-0.06)-(x-0.56)) < 0.012 && x < 0.74 {
		c = blue
	}
	// The shield: flat top, sides curving to a point.
	if s, ok := shield(x, y, 0.62, 0.50, 0.26, 0.40); ok {
		if s > 0.93 {
			c = blueDark
		} else {
			c = blue
		}
		if onTick(x, y) {
			c = white
		}
	}
	return c
}

// shield reports whether (x, y) is inside a shield centred on cx with its
// top at top, and how far in (0 at the centre line, 1 at the edge).
func shield(x, y, cx, top, halfW, height float64) (float64, bool) {
	t := (y - top) / height
	if t < 0 || t > 1 {
		return 0, false
	}
	w := halfW
	if t > 0.35 {
		// Sides follow a quarter circle from full width down to the point.
		u := (t - 0.35) / 0.65
		w = halfW * math.Sqrt(1-u*u)
	}
	d := math.Abs(x-cx) / w
	return d, d <= 1
}

// onTick reports whether (x, y) is on the tick drawn inside the shield.
func onTick(x, y float64) bool {
	const th = 0.035
	return distToSegment(x, y, 0.52, 0.67, 0.595, 0.745) < th ||
		distToSegment(x, y, 0.595, 0.745, 0.73, 0.585) < th
}

func distToSegment(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

func inRoundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return math.Hypot(x-cx, y-cy) <= r
}

func onRoundRectEdge(x, y, x0, y0, x1, y1, r, w float64) bool {
	return inRoundRect(x, y, x0, y0, x1, y1, r) && !inRoundRect(x, y, x0+w, y0+w, x1-w, y1-w, r-w)
}
