// Package charts draws the permanence panel's charts: data in, image out.
//
// It is the app's own small chart API over github.com/wcharczuk/go-chart/v2,
// which is archived upstream: every go-chart import stays inside this
// package. Callers pass plain values (bars, series of quarters, a child's
// milestones) and a Style taken from their theme, and get back an image of
// exactly the requested pixel size. There are no Fyne widgets here, no SQL
// and no imports from permanence/data.
//
// Every chart renders something presentable: when there is nothing to show
// (no data, all zero, every point missing) the image carries the centred
// text NoDataText (under the title, if any) rather than an error or a blank
// box. Rendering is safe from several goroutines at once; the font is loaded
// once, when the package is initialised.
package charts

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"

	chart "github.com/wcharczuk/go-chart/v2"
)

// NoDataText is the text of a chart with nothing to show.
const NoDataText = "No data for this period"

// DefaultDPI is the DPI of a Style whose DPI is 0: go-chart's 92, which the
// caller multiplies by its canvas scale.
const DefaultDPI = 92.0

// defaultFont is go-chart's Roboto, parsed once at package initialisation:
// go-chart's own lazy loader is racy on the first renders, and the parsed
// font is read-only afterwards so every render can share it.
var defaultFont, fontErr = chart.GetDefaultFont()

// Style is what the caller's theme gives a chart: its pixel size, DPI,
// colours and font scale. Zero fields take the defaults of LightStyle (or
// DarkStyle when Dark is set), so Style{Width: w, Height: h} is a valid style.
type Style struct {
	// Width and Height are the pixels of the final image: render at the
	// window's real pixel size (logical size × canvas scale) for sharp text.
	Width, Height int
	// DPI sets text and line sizes: 92 × the canvas scale; 0 means 92.
	DPI float64
	// Background fills the image; Foreground is for titles, labels and
	// values; Grid for grid lines; Accent for thresholds and the "as at"
	// marker.
	Background, Foreground, Grid, Accent color.Color
	// Palette gives the colours of bars, series and milestone groups, in
	// order (repeating when there are more series than colours).
	Palette []color.Color
	// FontScale multiplies text sizes: 1 is normal, presentation mode
	// passes about 2. 0 means 1.
	FontScale float64
	// Dark says the theme is dark (it picks the defaults of nil colours).
	Dark bool
	// TitleInset is pixels at the right of the title kept clear, for a
	// button the caller draws over the chart's top right corner; a longer
	// title is shortened with an ellipsis.
	TitleInset int
}

// Colour-blind-friendly palettes in the GOV.UK tradition, with lighter
// variants for dark backgrounds.
var (
	lightPalette = []color.Color{rgb(0x1d70b8), rgb(0xf47738), rgb(0x00703c), rgb(0x4c2c92),
		rgb(0xd53880), rgb(0x28a197), rgb(0xb58840), rgb(0x505a5f)}
	darkPalette = []color.Color{rgb(0x5fa8e8), rgb(0xf7924f), rgb(0x3fbf7f), rgb(0xa58be0),
		rgb(0xf07aae), rgb(0x4fd1c5), rgb(0xd9b56a), rgb(0xb0b8bd)}
)

// LightStyle is the default style on a light theme at w×h pixels, 92 DPI.
func LightStyle(w, h int) Style {
	return Style{
		Width: w, Height: h, DPI: DefaultDPI,
		Background: rgb(0xffffff),
		Foreground: rgb(0x0b0c0c),
		Grid:       rgb(0xe3e5e7),
		Accent:     rgb(0xd4351c),
		Palette:    lightPalette,
		FontScale:  1,
	}
}

// DarkStyle is the default style on a dark theme at w×h pixels, 92 DPI.
func DarkStyle(w, h int) Style {
	return Style{
		Width: w, Height: h, DPI: DefaultDPI,
		Background: rgb(0x17171a),
		Foreground: rgb(0xf0f1f2),
		Grid:       rgb(0x34363b),
		Accent:     rgb(0xff6f5e),
		Palette:    darkPalette,
		FontScale:  1,
		Dark:       true,
	}
}

// resolved fills the zero fields of s from the light or dark defaults.
func (s Style) resolved() Style {
	d := LightStyle(s.Width, s.Height)
	if s.Dark {
		d = DarkStyle(s.Width, s.Height)
	}
	if s.DPI > 0 {
		d.DPI = s.DPI
	}
	if s.FontScale > 0 {
		d.FontScale = s.FontScale
	}
	if s.Background != nil {
		d.Background = s.Background
	}
	if s.Foreground != nil {
		d.Foreground = s.Foreground
	}
	if s.Grid != nil {
		d.Grid = s.Grid
	}
	if s.Accent != nil {
		d.Accent = s.Accent
	}
	if len(s.Palette) > 0 {
		d.Palette = s.Palette
	}
	d.TitleInset = max(s.TitleInset, 0)
	return d
}

// color returns the palette colour of series i.
func (s Style) color(i int) color.Color {
	return s.Palette[i%len(s.Palette)]
}

// ErrSize is returned for a Style whose Width or Height is not positive
// (or absurdly large).
var ErrSize = errors.New("charts: image size must be positive")

func (s Style) check() error {
	if fontErr != nil {
		return fmt.Errorf("charts: loading font: %w", fontErr)
	}
	if s.Width <= 0 || s.Height <= 0 || s.Width > 1<<14 || s.Height > 1<<14 {
		return fmt.Errorf("%w (got %d×%d)", ErrSize, s.Width, s.Height)
	}
	return nil
}

// PNG encodes img as PNG.
func PNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := WritePNG(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WritePNG writes img to w as PNG.
func WritePNG(w io.Writer, img image.Image) error {
	bw := bufio.NewWriter(w)
	if err := png.Encode(bw, img); err != nil {
		return err
	}
	return bw.Flush()
}

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}
