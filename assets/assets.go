// Package assets holds the app's bundled resources: the icon (a house with
// a heart for a door: a secure, lasting home).
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
