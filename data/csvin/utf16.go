package csvin

import "golang.org/x/text/encoding/unicode"

// utf16Sample is how much of the start of a file is looked at to tell
// UTF-16 from other text.
const utf16Sample = 4096

// IsUTF16 reports whether b is UTF-16 text, which Decode converts: it
// starts with a UTF-16 BOM or, without one, has a zero byte in the high
// half of most of its first characters (as text in a Latin script does)
// and almost none in the low half; and either way its start reads as text
// (no control character but tab, CR and LF). Text in UTF-8 or
// Windows-1252 has no zero byte at all.
func IsUTF16(b []byte) bool {
	_, ok := utf16Order(b)
	return ok
}

// utf16Order says whether b is UTF-16 text (see IsUTF16), and in which
// byte order.
func utf16Order(b []byte) (unicode.Endianness, bool) {
	order, ok := utf16BOM(b)
	if !ok {
		order, ok = utf16Zeros(b)
	}
	return order, ok && utf16Text(b, order)
}

// utf16BOM reads a UTF-16 byte order mark at the start of b.
func utf16BOM(b []byte) (unicode.Endianness, bool) {
	switch {
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return unicode.LittleEndian, true
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// utf16Zeros tells UTF-16 without a BOM by where its zero bytes fall: in
// the second byte of at least half of the first characters and (almost)
// never in the first, for little-endian; the other way round for
// big-endian.
func utf16Zeros(b []byte) (unicode.Endianness, bool) {
	n := min(len(b), utf16Sample) &^ 1
	var first, second int // zero bytes first and second in a pair
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			first++
		}
		if b[i+1] == 0 {
			second++
		}
	}
	pairs := n / 2
	switch {
	case pairs == 0:
	case 2*second >= pairs && 8*first < second:
		return unicode.LittleEndian, true
	case 2*first >= pairs && 8*second < first:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// utf16Text reports whether the start of b, read as UTF-16 in the given
// byte order, holds no control character but tab, CR and LF.
func utf16Text(b []byte, order unicode.Endianness) bool {
	n := min(len(b), utf16Sample) &^ 1
	for i := 0; i < n; i += 2 {
		u := uint16(b[i])<<8 | uint16(b[i+1])
		if order == unicode.LittleEndian {
			u = uint16(b[i+1])<<8 | uint16(b[i])
		}
		if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f {
			return false
		}
	}
	return true
}
