package assets

import (
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// The Go fonts cover WGL4, so the Irish and Welsh names DPOs type (Zoë Ní
// Bhriain, Ynys Môn, ŵ, ŷ) print without a fallback font, and their BSD
// licence lets us ship them inside every PDF.
var (
	// FontRegular is Go Regular, the PDF body face.
	FontRegular = goregular.TTF
	// FontBold is Go Bold, for headings and labels.
	FontBold = gobold.TTF
	// FontItalic is Go Italic, for notes and "not recorded".
	FontItalic = goitalic.TTF
	// FontMono is Go Mono, for fingerprints and identifiers.
	FontMono = gomono.TTF
)
