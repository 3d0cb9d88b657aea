package importer

import (
	"fmt"
	"strings"
	"unicode"

	"permanence/data"
)

// idKey is a child ID as a person reads it: without invisible characters
// (zero-width spaces, no-break and other spaces, a BOM), in capitals, and
// without the leading zeros of each run of digits. Two different IDs with
// the same key are probably one child written two ways ("00123" in a CSV,
// "123" from a spreadsheet that dropped the zeros).
func idKey(id string) string {
	var b strings.Builder
	zeros := true // at the start of a run of digits
	for _, r := range id {
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == '\u00a0':
			continue
		case r == '0' && zeros:
			continue
		case r >= '0' && r <= '9':
			zeros = false
		default:
			zeros = true
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// similarIDs warns on each child of x whose ID differs from another ID —
// in the store, or elsewhere in x — only by leading zeros, case or
// invisible characters: the panel may be counting one child twice.
func similarIDs(x *data.ExtractData, stored []string) {
	byKey := map[string]string{}
	for _, id := range stored {
		byKey[idKey(id)] = id
	}
	for i := range x.Children {
		id := x.Children[i].ID
		k := idKey(id)
		if other, ok := byKey[k]; ok && other != id {
			row := 0
			if x.Rows != nil {
				row = x.Rows[i]
			}
			x.Warnings = append(x.Warnings, data.Warning{ChildID: id, Row: row, Column: "child_id", Value: id,
				Message: fmt.Sprintf("looks like child %q, also known to the panel: the two IDs differ only in leading zeros, "+
					"capitals or invisible characters. If they are one child, correct the ID in the case system's extract", other)})
			continue
		}
		byKey[k] = id
	}
}
