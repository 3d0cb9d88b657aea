package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"permanence/charts"
)

// panelTheme is Fyne's default theme with the panel's colours: a GOV.UK
// blue for the primary colour and a calm green for good news.
// panelTheme is Fyne's theme in GOV.UK colours, light or dark as the
// computer is, unless the user chose one in Settings.
type panelTheme struct {
	fyne.Theme
	choice string // themeSystem, themeLight or themeDark
}

// The theme choices, as kept in the preferences.
const (
	prefTheme   = "theme"
	themeSystem = ""
	themeLight  = "light"
	themeDark   = "dark"
)

func newPanelTheme(choice string) fyne.Theme {
	return &panelTheme{Theme: theme.DefaultTheme(), choice: choice}
}

// variant is the variant the user chose, else the computer's.
func (t *panelTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.choice {
	case themeLight:
		return theme.VariantLight
	case themeDark:
		return theme.VariantDark
	}
	return v
}

// currentVariant is the variant the app draws in now.
func currentVariant() fyne.ThemeVariant {
	st := fyne.CurrentApp().Settings()
	v := st.ThemeVariant()
	if pt, ok := st.Theme().(*panelTheme); ok {
		v = pt.variant(v)
	}
	return v
}

var (
	govBlue     = color.NRGBA{R: 0x1d, G: 0x70, B: 0xb8, A: 0xff}
	govBlueDark = color.NRGBA{R: 0x5f, G: 0xa8, B: 0xe8, A: 0xff}
	govGreen    = color.NRGBA{R: 0x00, G: 0x70, B: 0x3c, A: 0xff}
	govRed      = color.NRGBA{R: 0xd4, G: 0x35, B: 0x1c, A: 0xff}
)

func (t *panelTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return govBlueDark
		}
		return govBlue
	case theme.ColorNameSuccess:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x3f, G: 0xbf, B: 0x7f, A: 0xff}
		}
		return govGreen
	}
	return t.Theme.Color(n, v)
}

// Custom colour names used by the screens.
const (
	colorNameTile    fyne.ThemeColorName = "permanenceTile"
	colorNameWarning fyne.ThemeColorName = "permanenceWarning" // red: over a limit
	colorNameAmber   fyne.ThemeColorName = "permanenceAmber"   // amber, the reports' amber ink
)

// themeColor resolves a colour from the current theme, including ours.
func themeColor(n fyne.ThemeColorName) color.Color {
	app := fyne.CurrentApp()
	v := currentVariant()
	switch n {
	case colorNameTile:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x26, G: 0x28, B: 0x2c, A: 0xff}
		}
		return color.NRGBA{R: 0xf3, G: 0xf2, B: 0xf1, A: 0xff}
	case colorNameWarning:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xff, G: 0x6f, B: 0x5e, A: 0xff}
		}
		return govRed
	case colorNameAmber:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xff, G: 0xb8, B: 0x4d, A: 0xff}
		}
		return color.NRGBA{R: 0x9c, G: 0x57, B: 0x00, A: 0xff}
	}
	return app.Settings().Theme().Color(n, v)
}

// chartStyle is the chart style for the current theme at w×h pixels and a
// canvas scale (DPI 92 × scale), with text scaled by fontScale.
func chartStyle(w, h int, scale float32, fontScale float64) charts.Style {
	dark := currentVariant() == theme.VariantDark
	st := charts.LightStyle(w, h)
	if dark {
		st = charts.DarkStyle(w, h)
	}
	if scale <= 0 {
		scale = 1
	}
	st.DPI = charts.DefaultDPI * float64(scale)
	st.Background = themeColor(theme.ColorNameBackground)
	st.Foreground = themeColor(theme.ColorNameForeground)
	if fontScale > 0 {
		st.FontScale = fontScale
	}
	return st
}
