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

// A posting starts with one number, x*2+1 when a gap follows it, x*2 when
// the story is the one after the previous posting's (gap 0, the common
// case of a frequent term, which then takes a single digit). The gap
// follows, minus one. x is the weight's level (Level), for a pair times 4
// plus the number of its places.

// appendPosting appends a posting of x after a gap of gap stories.
func appendPosting(b []byte, gap, x int) []byte {
	if gap == 0 {
		return appendNum(b, x*2)
	}
	return appendNum(appendNum(b, x*2+1), gap-1)
}

// readPosting returns the gap and x of the posting at b[i:], and the index
// after it.
func readPosting(b []byte, i int) (gap, x, next int) {
	x, i = readNum(b, i)
	if x&1 == 1 {
		gap, i = readNum(b, i)
		gap++
	}
	return gap, x >> 1, i
}

// Levels are the weights a posting can name: a weight is written as the
// index of the greatest level not above it, so that it takes one digit
// with the gap flag. The ranking saturates (w/(w+4)), so the coarse
// levels of heavy weights change little. The manifest carries them
// ("levels"), so that the browser reads them from the index.
var Levels = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 30, 50}

// Level returns the level of weight w ≥ 1.
func Level(w int) int {
	l := 0
	for l+1 < len(Levels) && Levels[l+1] <= w {
		l++
	}
	return l
}
