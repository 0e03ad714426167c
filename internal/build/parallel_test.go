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

	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	parallel(ctx, n, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
	})
	// Each worker may finish the call it had begun when the context ended.
	if c := calls.Load(); c < 10 || c > 10+int64(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d calls after cancelling at the 10th, want about 10", c)
	}

	calls.Store(0)
	parallel(ctx, n, func(int) { calls.Add(1) })
	if c := calls.Load(); c != 0 {
		t.Errorf("%d calls with a context already done, want none", c)
	}
}
