package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// buildMemoryTarget is the memory a large build may use. A build of
// 100,000 stories holds about 0.9 GB live at its peak: collecting as
// GOGC's default asks, whenever the heap has doubled, would take it to
// 1.8 GB and the process beyond 2 GB.
const buildMemoryTarget = 1700 << 20

// softMemoryLimit sets the Go runtime's memory limit to target for the
// time of a build, unless GOMEMLIMIT says otherwise, and returns the
// function that puts the previous settings back.
//
// A small build collects as GOGC=300 would, under a limit of heapFloor,
// then as GOGC says (see heapFloor). Once what the heap holds live
// passes a quarter of the target, the build is large and
// collects only as the limit asks, when its memory reaches the target,
// rather than whenever its heap has doubled. A collection costs about
// what the heap holds live, and the memory a large build may use is used
// anyway: at 100,000 stories (0.7–0.9 GB live) the collector marks about
// a third less. A GOGC set in the environment is left as it is.
//
// A memory limit below what a program holds live makes the collector run
// all the time. So that a site bigger than the target builds at most as
// GOGC=50 would, the limit follows the live heap while the build runs:
// never below one and a half times what the last collection found live.
func softMemoryLimit(target int64) (stop func()) {
	tick := time.NewTicker(100 * time.Millisecond)
	stopLimit := softMemoryLimitOn(target, tick.C)
	return func() { stopLimit(); tick.Stop() }
}

// heapFloor and floorPercent are how a build collects while its live heap
// is under half of heapFloor: whenever the heap has grown to four times
// what it holds live (GOGC=300), or reaches heapFloor, whichever comes
// first. A build's live heap starts at nothing and grows as the site is
// read, and it is mostly pointers (the content, the site model, the search
// index): collecting whenever it has doubled marked that again eighty
// times in a 10,000-story build, which holds at most about 85 MB live, and
// thirty times under these settings, for about the peak memory it had
// when it kept every story's HTML. A 1,000-story build peaks at about
// 105 MB instead of 70 MB.
const (
	heapFloor    = 208 << 20
	floorPercent = 300
)

// softMemoryLimitOn is softMemoryLimit, looking at the live heap on every
// tick of ticks (tests send their own).
func softMemoryLimitOn(target int64, ticks <-chan time.Time) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	keepGOGC := os.Getenv("GOGC") != ""
	const (
		belowFloor = iota // GOGC floorPercent, the limit heapFloor
		byGOGC            // GOGC as it was, the limit limitFor
		byLimit           // GOGC off, the limit limitFor
	)
	mode, limit := byGOGC, target
	prevLimit := debug.SetMemoryLimit(target)
	prevPercent := debug.SetGCPercent(floorPercent)
	if keepGOGC || heapFloor >= target {
		debug.SetGCPercent(prevPercent)
	} else {
		mode, limit = belowFloor, heapFloor
		debug.SetMemoryLimit(limit)
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-done:
				return
			case <-ticks:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			live := sample[0].Value.Uint64()
			if mode == belowFloor {
				if live <= heapFloor/2 {
					continue
				}
				mode = byGOGC
				debug.SetGCPercent(prevPercent)
			}
			if want := limitFor(target, live); want != limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
			if mode == byGOGC && !keepGOGC && large(target, live) {
				debug.SetGCPercent(-1)
				mode = byLimit
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		if mode != byGOGC {
			debug.SetGCPercent(prevPercent)
		}
		debug.SetMemoryLimit(prevLimit)
	}
}

// large reports whether a build holding live bytes is large: past a
// quarter of the memory target.
func large(target int64, live uint64) bool {
	return live > uint64(target)/4
}

// limitFor returns the memory limit for a live heap of live bytes: target,
// or one and a half times live if that is more.
func limitFor(target int64, live uint64) int64 {
	if live > math.MaxInt64/3*2 {
		return math.MaxInt64
	}
	return max(target, int64(live)*3/2)
}
