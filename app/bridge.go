package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// This file is the one place where work done off the UI goroutine reaches
// widgets: every result, progress report and timer tick passes through
// fyne.Do here, and nowhere else in the package.

// bridge runs background work and hands its results to the UI goroutine.
type bridge struct {
	busy sync.WaitGroup // tests wait on it to see every result delivered
	// onBusy, if set, is told (on the UI goroutine) when work starts and ends.
	onBusy func(running int)

	mu      sync.Mutex
	running int

	// manual (tests) keeps results in queue until wait runs them on the
	// test's goroutine, so widgets are only ever touched from one goroutine.
	manual bool
	queue  []func()
	notify chan struct{}
}

// ui runs f on the UI goroutine.
func (b *bridge) ui(f func()) {
	if b.manual {
		b.mu.Lock()
		b.queue = append(b.queue, f)
		b.mu.Unlock()
		select {
		case b.notify <- struct{}{}:
		default:
		}
		return
	}
	fyne.Do(f)
}

func (b *bridge) started() {
	b.busy.Add(1)
	b.mu.Lock()
	b.running++
	n := b.running
	b.mu.Unlock()
	if b.onBusy != nil {
		b.onBusy(n)
	}
}

// finished must run on the UI goroutine.
func (b *bridge) finished() {
	b.mu.Lock()
	b.running--
	n := b.running
	b.mu.Unlock()
	if b.onBusy != nil {
		b.onBusy(n)
	}
	b.busy.Done()
}

// wait blocks until every piece of work started so far has delivered its
// result. For tests and the tour; never call it on the UI goroutine of a
// running app.
func (b *bridge) wait() {
	if !b.manual {
		b.busy.Wait()
		return
	}
	for {
		b.mu.Lock()
		q := b.queue
		b.queue = nil
		idle := len(q) == 0 && b.running == 0
		b.mu.Unlock()
		if idle {
			return
		}
		if len(q) == 0 {
			<-b.notify
			continue
		}
		for _, f := range q {
			f()
		}
	}
}

// run starts work on its own goroutine and calls done with its result on the
// UI goroutine. It must be called on the UI goroutine. The returned cancel
// stops the work's context; done is still called (with the context's error).
func run[T any](b *bridge, work func(ctx context.Context) (T, error), done func(T, error)) (cancel func()) {
	ctx, cancel := context.WithCancel(context.Background())
	b.started()
	go func() {
		v, err := work(ctx)
		b.ui(func() {
			defer b.finished()
			done(v, err)
		})
	}()
	return cancel
}

// progress returns a data.Progress that reports to show on the UI goroutine
// at most every 50 ms (and always on the last row).
func (b *bridge) progress(show func(done, total int)) func(done, total int) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		now := time.Now()
		if done < total && now.Sub(last) < 50*time.Millisecond {
			mu.Unlock()
			return
		}
		last = now
		mu.Unlock()
		b.ui(func() { show(done, total) })
	}
}

// ticker calls tick on the UI goroutine every d until stop is called.
func (b *bridge) ticker(d time.Duration, tick func()) (stop func()) {
	t := time.NewTicker(d)
	quit := make(chan struct{})
	var once sync.Once
	go func() {
		for {
			select {
			case <-t.C:
				b.ui(tick)
			case <-quit:
				return
			}
		}
	}()
	return func() {
		once.Do(func() {
			t.Stop()
			close(quit)
		})
	}
}

// after calls f on the UI goroutine once d has passed.
func (b *bridge) after(d time.Duration, f func()) {
	time.AfterFunc(d, func() { b.ui(f) })
}
