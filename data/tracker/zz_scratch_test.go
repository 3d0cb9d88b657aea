package tracker

import (
	"context"
	"os"
	"testing"
)

func BenchmarkScratchXLSX(b *testing.B) {
	body, err := os.ReadFile("/tmp/mywork/tracker100k.xlsx")
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		x, err := ReadTracker(context.Background(), "t.xlsx", body, asAt)
		if err != nil || len(x.Children) < 90000 {
			b.Fatal(err)
		}
	}
}
