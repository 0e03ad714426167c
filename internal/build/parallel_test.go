package build

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestParallel checks that parallel calls f once for every index, and that
// it stops taking new ones once its context is done.
func TestParallel(t *testing.T) {
	const n = 1000
	var mu sync.Mutex
	seen := make([]int, n)
	parallel(context.Background(), n, func(i int) {
		mu.Lock()
		seen[i]++
		mu.Unlock()
	})
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("f(%d) called %d times, want once", i, c)
		}
	}

	// cancel may take a while to return (the race detector slows it), and
	// the workers go on meanwhile; once it has returned, each worker may
	// only finish the call it had begun.
	ctx, cancel := context.WithCancel(context.Background())
	var calls, late atomic.Int64
	var cancelled atomic.Bool
	parallel(ctx, n, func(i int) {
		if cancelled.Load() {
			late.Add(1)
		}
		if calls.Add(1) == 10 {
			cancel()
			cancelled.Store(true)
		}
	})
	if c, l := calls.Load(), late.Load(); c >= n || l > int64(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d calls in all, %d begun once the context was done: want fewer than %d, and at most one a worker", c, l, n)
	}

	calls.Store(0)
	parallel(ctx, n, func(int) { calls.Add(1) })
	if c := calls.Load(); c != 0 {
		t.Errorf("%d calls with a context already done, want none", c)
	}
}
