package search

import (
	"errors"
	"testing"
)

var errDigits = errors.New("search: malformed number list")

// decodeNums returns the numbers written by appendNum in s, checking them
// (the core's decodeNums, in search-core.js, trusts the index).
func decodeNums(s string) ([]int, error) {
	var out []int
	v := 0
	for i := 0; i < len(s); i++ {
		d := int(digitValue[s[i]])
		switch {
		case d < 0:
			return nil, errDigits
		case d >= 32:
			v = v<<5 | (d - 32)
		default:
			out = append(out, v<<5|d)
			v = 0
		}
	}
	if v != 0 || len(s) > 0 && digitValue[s[len(s)-1]] >= 32 {
		return nil, errDigits
	}
	return out, nil
}

func TestPostings(t *testing.T) {
	type p struct{ gap, x int }
	in := []p{{0, 0}, {0, 15}, {1, 3}, {31, 63}, {1000, 2}, {0, 1}}
	var b []byte
	for _, q := range in {
		b = appendPosting(b, q.gap, q.x)
	}
	for i, j := 0, 0; j < len(in); j++ {
		var gap, x int
		gap, x, i = readPosting(b, i)
		if gap != in[j].gap || x != in[j].x {
			t.Errorf("posting %d: %d, %d, want %+v", j, gap, x, in[j])
		}
	}
	// A frequent term's posting, the story after the previous one, of a
	// weight up to 12: one digit.
	if got := appendPosting(nil, 0, Level(12)); len(got) != 1 {
		t.Errorf("gap 0, weight 12: %q, want one digit", got)
	}
}

func TestLevel(t *testing.T) {
	for w, want := range map[int]int{1: 0, 2: 1, 12: 11, 13: 11, 15: 12, 19: 12, 20: 13, 49: 14, 50: 15, 1023: 15} {
		if got := Level(w); got != want {
			t.Errorf("Level(%d) = %d, want %d", w, got, want)
		}
	}
}
