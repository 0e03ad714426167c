package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// buildMemoryTarget is the memory a build's heap may grow to before the
// garbage collector works harder than GOGC asks. With GOGC's default the
// heap grows to twice what is live: a build of 100,000 stories holds about
// 0.9 GB at its peak, so it would take 1.8 GB and more, and the process
// beyond 2 GB. Small sites never come near the target, and it costs them
// nothing.
const buildMemoryTarget = 1536 << 20

// softMemoryLimit sets the Go runtime's memory limit to target for the
// time of a build, unless GOMEMLIMIT says otherwise, and returns the
// function that puts the previous limit back.
//
// A memory limit below what a program holds live makes the collector run
// all the time. So that a site bigger than the target builds at most as
// GOGC=50 would, the limit follows the live heap while the build runs:
// never below one and a half times what the last collection found live.
func softMemoryLimit(target int64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(target)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		limit := target
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			if want := limitFor(target, sample[0].Value.Uint64()); want != limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		debug.SetMemoryLimit(prev)
	}
}

// limitFor returns the memory limit for a live heap of live bytes: target,
// or one and a half times live if that is more.
func limitFor(target int64, live uint64) int64 {
	if live > math.MaxInt64/3*2 {
		return math.MaxInt64
	}
	return max(target, int64(live)*3/2)
}
