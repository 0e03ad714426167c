package search

// Numbers in the index files are written as strings of variable-length
// digits, five bits each, most significant first, from a 64-character
// alphabet that needs no escaping in JSON or URLs: a value's last digit is
// one of the first 32 characters, every other digit one of the last 32. So
// 0–31 take one character, up to 1023 two, up to 32767 three.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// appendNum appends the digits of v ≥ 0 to b.
func appendNum(b []byte, v int) []byte {
	if v < 0 {
		panic("search: negative number in the index")
	}
	var tmp [13]byte
	n := len(tmp)
	n--
	tmp[n] = digits[v&31]
	v >>= 5
	for v > 0 {
		n--
		tmp[n] = digits[32+v&31]
		v >>= 5
	}
	return append(b, tmp[n:]...)
}

// readNum returns the number appendNum wrote at b[i:], and the index
// after it. b is well formed.
func readNum(b []byte, i int) (int, int) {
	v := 0
	for {
		d := int(digitValue[b[i]])
		i++
		if d < 32 {
			return v<<5 | d, i
		}
		v = v<<5 | (d - 32)
	}
}

// digitValue maps a character of digits to its value, or -1.
var digitValue = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(digits); i++ {
		t[digits[i]] = int8(i)
	}
	return t
}()
