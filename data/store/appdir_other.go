//go:build !windows

package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// appDataDir is the folder of the app's own store: os.UserConfigDir()/permanence
// (~/.config/permanence on Linux, ~/Library/Application Support/permanence
// on macOS).
func appDataDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user's config folder: %w", err)
	}
	return filepath.Join(dir, storeFolder), nil
}
