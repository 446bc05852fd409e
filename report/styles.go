package report

import "codeberg.org/go-pdf/fpdf"

// Page geometry in millimetres: A4 portrait with generous margins, so the
// record reads comfortably when printed and leaves room for an auditor's notes.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 22.0
	marginRight  = 22.0
	marginTop    = 26.0
	marginBottom = 24.0
	contentW     = pageW - marginLeft - marginRight

	headerY = 12.0         // baseline area of the running header
	footerY = pageH - 14.0 // top of the running footer

	cellPad = 1.6 // inner padding of table cells
	labelW  = 52.0
)

// Font families registered from the embedded Go fonts.
const (
	sans = "Go"
	mono = "GoMono"
)

type rgb struct{ r, g, b int }

// The palette: one dark blue for structure, greys for secondary text,
// and red/amber/green reserved for states an auditor must not miss.
var (
	colInk       = rgb{30, 34, 40}
	colMuted     = rgb{98, 106, 118}
	colAccent    = rgb{28, 62, 110}
	colAccentBg  = rgb{228, 235, 245}
	colRule      = rgb{196, 203, 212}
	colZebra     = rgb{246, 248, 251}
	colRed       = rgb{170, 28, 36}
	colRedBg     = rgb{252, 232, 232}
	colAmber     = rgb{166, 100, 0}
	colAmberBg   = rgb{253, 243, 222}
	colGreen     = rgb{28, 112, 60}
	colGreenBg   = rgb{226, 244, 232}
	colBarFill   = rgb{58, 100, 160}
	colBarTrack  = rgb{236, 239, 243}
	colCoverBand = rgb{28, 62, 110}
)

// textStyle is everything that decides how a run of text looks.
type textStyle struct {
	family string
	style  string // "", "B", "I"
	size   float64
	colour rgb
}

var (
	stBody      = textStyle{sans, "", 9.5, colInk}
	stBodyBold  = textStyle{sans, "B", 9.5, colInk}
	stMissing   = textStyle{sans, "I", 9.5, colMuted}
	stLabel     = textStyle{sans, "B", 8.5, colMuted}
	stSmall     = textStyle{sans, "", 8, colMuted}
	stSmallBold = textStyle{sans, "B", 8, colInk}
	stTable     = textStyle{sans, "", 8.5, colInk}
	stTableHead = textStyle{sans, "B", 8.5, colAccent}
	stH1        = textStyle{sans, "B", 18, colAccent}
	stH2        = textStyle{sans, "B", 13, colAccent}
	stH3        = textStyle{sans, "B", 10, colAccent}
	stHeader    = textStyle{sans, "", 7.5, colMuted}
	stMonoSmall = textStyle{mono, "", 7.5, colMuted}
	stMono      = textStyle{mono, "", 8, colInk}
	stCoverKick = textStyle{sans, "B", 10, colAccent}
	stCoverTitl = textStyle{sans, "B", 26, colInk}
	stCoverSub  = textStyle{sans, "", 15, colAccent}
	stTOC       = textStyle{sans, "", 9.5, colInk}
	stTOCTop    = textStyle{sans, "B", 10, colInk}
)

// lineHeight is the leading for a style: about 1.4 times the font size,
// converted from points to millimetres.
func lineHeight(s textStyle) float64 { return s.size * 0.3528 * 1.4 }

// use sets the font and colour of s, skipping the calls when s is already
// set: fpdf's SetFont is a large part of the layout's time. The header and
// footer forget the current style (forgetStyle), because fpdf puts back
// the page's font behind their backs.
func (d *doc) use(s textStyle) {
	if d.styled && d.cur == s {
		return
	}
	// Font and colour are set apart, each only when it changes: a label
	// and its value often differ in one only. The measuring pass draws
	// nothing, so it needs the font (for widths) but never the colour.
	if !d.styled || d.cur.family != s.family || d.cur.style != s.style || d.cur.size != s.size {
		d.pdf.SetFont(s.family, s.style, s.size)
	}
	if !d.measuring && (!d.styled || d.cur.colour != s.colour) {
		d.pdf.SetTextColor(s.colour.r, s.colour.g, s.colour.b)
	}
	d.cur, d.styled = s, true
}

func (d *doc) forgetStyle() { d.styled = false }

func (d *doc) fill(c rgb)   { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) stroke(c rgb) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// setupFonts registers the embedded fonts with a fresh document.
func setupFonts(pdf *fpdf.Fpdf, regular, bold, italic, monoTTF []byte) {
	pdf.AddUTF8FontFromBytes(sans, "", regular)
	pdf.AddUTF8FontFromBytes(sans, "B", bold)
	pdf.AddUTF8FontFromBytes(sans, "I", italic)
	pdf.AddUTF8FontFromBytes(mono, "", monoTTF)
}
