package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestSoftMemoryLimit: the limit holds during a build (heapFloor as it
// starts) and is put back after it, and a GOMEMLIMIT of the user's is left
// alone.
func TestSoftMemoryLimit(t *testing.T) {
	const target = 1 << 40
	before := debug.SetMemoryLimit(-1)
	t.Setenv("GOMEMLIMIT", "")
	stop := softMemoryLimit(target)
	if got := debug.SetMemoryLimit(-1); got != heapFloor {
		t.Errorf("limit as the build starts = %d, want heapFloor (%d)", got, heapFloor)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the build = %d, want %d as before", got, before)
	}

	t.Setenv("GOMEMLIMIT", "64GiB")
	stop = softMemoryLimit(target)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit with GOMEMLIMIT set = %d, want %d as it was", got, before)
	}
	stop()
}

// gcPercent returns the current GOGC percentage, -1 for off. It reads it
// rather than setting it and back, which could undo a change made
// between the two.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(int64(s[0].Value.Uint64()))
}

// TestSoftMemoryLimitLarge: once the live heap passes a quarter of the
// target, the build collects by the limit alone (GOGC off), and GOGC is
// put back after it; a GOGC of the user's is left alone.
func TestSoftMemoryLimitLarge(t *testing.T) {
	const target = 64 << 10 // any heap is large against it
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before := gcPercent()
	ticks := make(chan time.Time)
	// look sends n ticks and one more: the loop takes the next only once
	// it has dealt with the one before.
	look := func(n int) {
		for range n + 1 {
			ticks <- time.Now()
		}
	}
	runtime.GC() // so that the live heap is known
	stop := softMemoryLimitOn(target, ticks)
	look(1)
	got := gcPercent()
	stop()
	if got != -1 {
		t.Errorf("GOGC during a large build = %d, want -1 (off)", got)
	}
	if got := gcPercent(); got != before {
		t.Errorf("GOGC after the build = %d, want %d as before", got, before)
	}

	t.Setenv("GOGC", "150")
	stop = softMemoryLimitOn(target, ticks)
	look(3)
	got = gcPercent()
	stop()
	if got != before {
		t.Errorf("GOGC with GOGC set = %d, want %d as it was", got, before)
	}
}

// TestSoftMemoryLimitFloor: a build starts collecting as floorPercent
// says under the limit of heapFloor, collects as GOGC says once its live
// heap passes half of heapFloor, and puts GOGC and the limit back after it; with
// a GOGC of the user's it collects as that says from the start.
func TestSoftMemoryLimitFloor(t *testing.T) {
	const target = 1 << 40
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before, beforeLimit := gcPercent(), debug.SetMemoryLimit(-1)
	ticks := make(chan time.Time)
	look := func(n int) {
		for range n + 1 {
			ticks <- time.Now()
		}
	}
	runtime.GC()
	stop := softMemoryLimitOn(target, ticks)
	look(1)
	if got, limit := gcPercent(), debug.SetMemoryLimit(-1); got != floorPercent || limit != heapFloor {
		t.Errorf("a small build: GOGC %d and limit %d, want floorPercent (%d) and heapFloor (%d)", got, limit, floorPercent, heapFloor)
	}
	held := make([]byte, heapFloor/2+(8<<20)) // live past half the floor
	for i := range held {
		held[i] = 1
	}
	runtime.GC()
	look(1)
	if got, limit := gcPercent(), debug.SetMemoryLimit(-1); got != before || limit != target {
		t.Errorf("past half the floor: GOGC %d and limit %d, want %d and the target (%d)", got, limit, before, int64(target))
	}
	runtime.KeepAlive(held)
	stop()
	if got, limit := gcPercent(), debug.SetMemoryLimit(-1); got != before || limit != beforeLimit {
		t.Errorf("after the build: GOGC %d and limit %d, want %d and %d as before", got, limit, before, beforeLimit)
	}

	t.Setenv("GOGC", "150")
	stop = softMemoryLimitOn(target, ticks)
	look(1)
	got, limit := gcPercent(), debug.SetMemoryLimit(-1)
	stop()
	if got != before || limit != target {
		t.Errorf("with GOGC set: GOGC %d and limit %d, want %d as it was and the target", got, limit, before)
	}
}

func TestLarge(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want bool
	}{
		{0, false},
		{250, false},
		{251, true},
		{math.MaxUint64, true},
	} {
		if got := large(1000, tc.live); got != tc.want {
			t.Errorf("large(1000, %d) = %v, want %v", tc.live, got, tc.want)
		}
	}
}

func TestLimitFor(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int64
	}{
		{0, 1000},
		{600, 1000},
		{1000, 1500},
		{math.MaxUint64, math.MaxInt64},
	} {
		if got := limitFor(1000, tc.live); got != tc.want {
			t.Errorf("limitFor(1000, %d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}
