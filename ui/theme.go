package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme with the colours that fall below WCAG
// 2.1 AA on its own backgrounds replaced: text 4.5:1, the outlines of
// controls (an unticked check box) 3:1. Fyne draws a low-importance label
// (the status bar's path) in the disabled colour, a success label ("Opt-out
// does not apply") in the success colour and an unticked box in the input
// border colour; TestThemeContrast measures each.
type appTheme struct{ fyne.Theme }

// NewTheme returns the theme the app is drawn in.
func NewTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	light := v == theme.VariantLight
	switch n {
	case theme.ColorNameSuccess:
		if light {
			return color.NRGBA{R: 0x1b, G: 0x6e, B: 0x2e, A: 0xff}
		}
	case theme.ColorNameDisabled:
		if light {
			return color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
		}
		return color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
	case theme.ColorNamePlaceHolder:
		if light {
			return color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
		}
		return color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
	case theme.ColorNameInputBorder:
		if light {
			return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
		}
		return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	case theme.ColorNameError:
		if light {
			return color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
		}
		return color.NRGBA{R: 0xff, G: 0x6e, B: 0x64, A: 0xff}
	case theme.ColorNameWarning:
		if light {
			return color.NRGBA{R: 0x9a, G: 0x52, B: 0x00, A: 0xff}
		}
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if light {
			return color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff}
		}
		return color.NRGBA{R: 0x6c, G: 0xb6, B: 0xf5, A: 0xff}
	}
	return t.Theme.Color(n, v)
}
