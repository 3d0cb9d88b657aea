package platform

import (
	"fmt"
	"strings"
)

// maxNameLen is the longest name SafeFileName returns. Windows allows 255
// characters in one name, but a whole path over 260 still trips many
// programs (Explorer, Excel, zip tools): names are kept well short of it.
const maxNameLen = 120

// SafeFileName returns s as a name that Windows, macOS and Linux all accept
// for a file, and that travels well by email: ASCII letters, digits, '-',
// '_' and '.' are kept and every other character (Windows refuses
// <>:"/\|?* and control characters; spaces and accents travel badly) is
// replaced by '_'; dots are trimmed from both ends (Windows drops a
// trailing one; a leading one hides the file elsewhere); a name Windows
// reserves for a device (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9, with or
// without an extension) gets a leading '_'; it is cut to 120 characters.
// Never empty. Two different inputs can give the same name: callers that
// need distinct names add a fingerprint when SafeFileName(s) != s.
func SafeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
	s = strings.Trim(s, ". ")
	if len(s) > maxNameLen {
		s = strings.TrimRight(s[:maxNameLen], ".")
	}
	if s == "" {
		return "_"
	}
	if reservedDevice(s) {
		s = "_" + s
	}
	return s
}

// reservedDevice reports whether Windows reads the name as a device: its
// part before the first dot, less trailing spaces, is CON, PRN, AUX, NUL,
// COM0–COM9 or LPT0–LPT9 (superscript digits too), in any case.
func reservedDevice(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if r := []rune(stem); len(r) == 4 && (string(r[:3]) == "COM" || string(r[:3]) == "LPT") {
		return r[3] >= '0' && r[3] <= '9' || r[3] == '¹' || r[3] == '²' || r[3] == '³'
	}
	return false
}

// CheckFileName says why Windows would refuse name as a file name (or
// store it under another name), or returns nil: a character of <>:"/\|?*
// or a control character, a trailing dot or space, a device name, an
// empty name, or one over 255 characters.
func CheckFileName(name string) error {
	switch {
	case name == "", name == ".", name == "..":
		return fmt.Errorf("%q is not a file name", name)
	case len([]rune(name)) > 255:
		return fmt.Errorf("%q is longer than 255 characters", name)
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		return fmt.Errorf("%q ends in a dot or a space, which Windows drops", name)
	case reservedDevice(name):
		return fmt.Errorf("%q is a device name on Windows", name)
	}
	for _, r := range name {
		if r < 32 || r == 127 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return fmt.Errorf("%q holds %q, which Windows refuses in a file name", name, r)
		}
	}
	return nil
}
