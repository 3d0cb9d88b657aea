package app

import (
	"context"
	"os"
	"path/filepath"
	"permanence/data/demo"
	"permanence/data/store"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// benchStores caches one demo store per size for the benchmarks.
var (
	benchMu     sync.Mutex
	benchStores = map[int][]byte{}
)

// benchStore is a store holding a demo authority of about n children:
// two years of monthly extracts up to 1,000 children, three months at
// national scale.
func benchStore(b *testing.B, n int) *store.Store {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if _, ok := benchStores[n]; !ok {
		months := 24
		if n > 10000 {
			months = 3
		}
		dir := b.TempDir()
		path := filepath.Join(dir, "bench.db")
		s, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.LoadDemo(context.Background(), s, demo.DemoOptions{Children: n, Months: months, Seed: 1, End: testAsAt}, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
		s.Close()
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		benchStores[n] = raw
	}
	path := filepath.Join(b.TempDir(), "bench.db")
	if err := os.WriteFile(path, benchStores[n], 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func benchUI(b *testing.B, n int) (*ui, fyne.Window) {
	s := benchStore(b, n)
	return newTestUI(b, s)
}

// BenchmarkSwitchScreen switches between every screen, each drawing its
// figures afresh from the snapshot (the worst case: nothing reused).
func BenchmarkSwitchScreen1000(b *testing.B) { benchSwitch(b, 1000) }

// BenchmarkSwitchScreen100k is the same at national scale.
func BenchmarkSwitchScreen100k(b *testing.B) { benchSwitch(b, 100000) }

func benchSwitch(b *testing.B, n int) {
	u, w := benchUI(b, n)
	b.ReportMetric(float64(len(u.snap.m.Children)), "children")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.updated = map[int]*snapshot{}
		u.show(i % len(u.screens))
		u.bridge.wait()
		test.RenderToMarkup(w.Canvas()) // lay out and walk everything drawn
	}
}

// BenchmarkChangeAsAt moves between the two latest extracts: the state
// for each date is cached after its first use; measures are worked out
// afresh each time.
func BenchmarkChangeAsAt1000(b *testing.B) { benchAsAt(b, 1000, false) }

// BenchmarkChangeAsAt100k is the same at national scale.
func BenchmarkChangeAsAt100k(b *testing.B) { benchAsAt(b, 100000, false) }

// BenchmarkChangeAsAtCold1000 reads the state from the store every time.
func BenchmarkChangeAsAtCold1000(b *testing.B) { benchAsAt(b, 1000, true) }

// BenchmarkChangeAsAtCold100k reads the state from the store every time.
func BenchmarkChangeAsAtCold100k(b *testing.B) { benchAsAt(b, 100000, true) }

func benchAsAt(b *testing.B, n int, cold bool) {
	u, _ := benchUI(b, n)
	dates := u.asAtDates[:2]
	u.setAsAt(dates[1])
	u.bridge.wait()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if cold {
			u.figs.Invalidate()
		}
		u.setAsAt(dates[i%2])
		u.bridge.wait()
	}
}

// BenchmarkLaunch opens the app on the demo authority (600 children, 24
// monthly extracts) and draws the overview with its charts.
func BenchmarkLaunch(b *testing.B) {
	s := benchStore(b, 600)
	path := s.Path()
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		s, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		a := test.NewTempApp(b)
		w := a.NewWindow("")
		w.Resize(fyne.NewSize(1280, 800))
		u := newUI(a, w, s, Options{})
		u.bridge.manual, u.bridge.notify = true, make(chan struct{}, 1)
		u.start()
		u.bridge.wait()
		w.Canvas().Capture() // paint everything, charts included
		if i == 0 {
			b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-first")
		}
		w.Close()
		s.Close()
	}
}
