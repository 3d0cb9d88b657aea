package tracker

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestScratchCorpusTimes(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range files {
		raw, _ := os.ReadFile(p)
		lines := strings.SplitN(string(raw), "\n", 4)
		if len(lines) < 3 {
			continue
		}
		s := strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")")
		b, err := strconv.Unquote(s)
		if err != nil {
			continue
		}
		name := "f.csv"
		if strings.Contains(lines[2], "true") {
			name = "f.xlsx"
		}
		start := time.Now()
		var e error
		alloc := allocated(func() { _, e = ReadTracker(context.Background(), name, []byte(b), asAt) })
		if d := time.Since(start); d > 200*time.Millisecond {
			msg := ""
			if e != nil {
				msg = e.Error()
			}
			t.Logf("%s: %d bytes %s: %v, %d MB: %.150s", filepath.Base(p), len(b), name, d, alloc>>20, msg)
		}
	}
}
