package data

import (
	"context"
	"errors"
)

// IsSSDA903File reports whether a CSV file's heading row is an SSDA903 table.
// (Being written: see issue 3.)
func IsSSDA903File(path string) bool { return false }

// ReadSSDA903Files reads the tables of one or more SSDA903 returns as one extract.
func ReadSSDA903Files(ctx context.Context, files []string, extractDate Date) (*ExtractData, error) {
	return nil, errors.New("SSDA903 import is not available yet")
}
