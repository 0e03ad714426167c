package search

import "errors"

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
