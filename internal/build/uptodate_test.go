package build

import (
	"path/filepath"
	"testing"
	"time"
)

// TestUpToDate: an output is up to date only when the manifest and the
// output's stamp name the current inputs, for this destination, before the
// manifest expires; MayBeUpToDate says so without the inputs, and is false
// whenever the output cannot be up to date, so the build command need not
// wait for the inputs' fingerprint.
func TestUpToDate(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	dest := t.TempDir()
	abs, err := filepath.Abs(dest)
	if err != nil {
		t.Fatal(err)
	}
	good := Manifest{Inputs: "abc", Dest: abs, ValidUntil: now.Add(time.Hour)}
	tests := []struct {
		name   string
		m      Manifest
		stamp  string
		inputs string
		may    bool // MayBeUpToDate
		up     bool // UpToDate
	}{
		{"nothing changed", good, "abc", "abc", true, true},
		{"inputs changed", good, "abc", "abd", true, false},
		{"no manifest", Manifest{}, "abc", "abc", false, false},
		{"no stamp", good, "", "abc", false, false},
		{"stamp of another build", good, "xyz", "abc", false, false},
		{"another destination", Manifest{Inputs: "abc", Dest: abs + "-khac", ValidUntil: good.ValidUntil}, "abc", "abc", false, false},
		{"expired", Manifest{Inputs: "abc", Dest: abs, ValidUntil: now}, "abc", "abc", false, false},
		{"malformed fingerprint", Manifest{Inputs: "a b", Dest: abs, ValidUntil: good.ValidUntil}, "a b", "a b", false, false},
		{"inputs unreadable", good, "abc", "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MayBeUpToDate(tt.m, dest, tt.stamp, now); got != tt.may {
				t.Errorf("MayBeUpToDate = %v, want %v", got, tt.may)
			}
			if got := UpToDate(tt.m, tt.inputs, dest, tt.stamp, now); got != tt.up {
				t.Errorf("UpToDate = %v, want %v", got, tt.up)
			}
		})
	}
}
