package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestSoftMemoryLimit: the limit holds during a build and is put back
// after it, and a GOMEMLIMIT of the user's is left alone.
func TestSoftMemoryLimit(t *testing.T) {
	const target = 1 << 40
	before := debug.SetMemoryLimit(-1)
	t.Setenv("GOMEMLIMIT", "")
	stop := softMemoryLimit(target)
	if got := debug.SetMemoryLimit(-1); got != target {
		t.Errorf("limit during the build = %d, want %d", got, target)
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
