package browsertest

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a testing.TB that records Skip and Fatal instead of stopping.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()           {}
func (r *recorder) Skip(args ...any)  { r.skipped = fmt.Sprint(args...) }
func (r *recorder) Fatal(args ...any) { r.failed = fmt.Sprint(args...) }

func TestRequire(t *testing.T) {
	for _, tc := range []struct {
		name       string
		path       string
		ci         bool
		skip, fail bool
	}{
		{"no browser, not in CI: skip", "", false, true, false},
		{"no browser in CI: fail", "", true, false, true},
		{"a browser: run", "/usr/bin/chromium", true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			got := require(r, tc.path, tc.ci)
			if (r.skipped != "") != tc.skip || (r.failed != "") != tc.fail {
				t.Errorf("skipped %q, failed %q", r.skipped, r.failed)
			}
			if msg := r.skipped + r.failed; msg != "" && !strings.Contains(msg, "apt-get install chromium") {
				t.Errorf("the message does not say how to install Chromium: %q", msg)
			}
			if got != tc.path {
				t.Errorf("require returned %q, want %q", got, tc.path)
			}
		})
	}
}

func TestInCI(t *testing.T) {
	for v, want := range map[string]bool{"": false, "false": false, "0": false, "true": true, "1": true, "TRUE": true} {
		t.Setenv("CI", v)
		if InCI() != want {
			t.Errorf("CI=%q: InCI() = %v", v, !want)
		}
	}
}
