package ui_test

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/ropadesk/ropadesk/ui"
)

// luminance is WCAG 2.1's relative luminance of an opaque colour.
func luminance(c color.NRGBA) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// over composites fg (which may be translucent, as several of Fyne's
// colours are) on the opaque bg, as the screen shows it.
func over(fg, bg color.Color) color.NRGBA {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

func contrast(fg, bg color.Color) float64 {
	b := over(bg, color.White)
	l1, l2 := luminance(over(fg, b)), luminance(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// TestThemeContrast measures, in both variants of the app's theme, the
// colours text and controls are drawn in against the backgrounds they sit
// on, and wants WCAG 2.1 AA: 4.5:1 for text, 3:1 for a control's outline.
func TestThemeContrast(t *testing.T) {
	th := ui.NewTheme()
	text := map[fyne.ThemeColorName]string{
		theme.ColorNameForeground:  "text",
		theme.ColorNameDisabled:    "low-importance text (the status bar's path)",
		theme.ColorNamePlaceHolder: "placeholder text",
		theme.ColorNameSuccess:     "success text (Opt-out does not apply)",
		theme.ColorNameError:       "error messages",
		theme.ColorNameWarning:     "warnings",
		theme.ColorNamePrimary:     "high-importance text",
		theme.ColorNameHyperlink:   "links",
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		for _, bgName := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			bg := over(th.Color(bgName, v), over(th.Color(theme.ColorNameBackground, v), color.White))
			for n, what := range text {
				if c := contrast(th.Color(n, v), bg); c < 4.5 {
					t.Errorf("%s theme: %s on %s is %.2f:1, want 4.5:1", name, what, bgName, c)
				}
			}
			if c := contrast(th.Color(theme.ColorNameInputBorder, v), bg); c < 3 {
				t.Errorf("%s theme: an unticked check box's outline on %s is %.2f:1, want 3:1", name, bgName, c)
			}
		}
	}
}
