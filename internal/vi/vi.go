// Package vi handles Vietnamese text: Unicode normalisation, slugs, diacritic
// folding, collation, the alphabet and dates.
//
// All functions are safe for concurrent use, except the methods of a single
// [Sorter], which holds a collator and its buffers.
package vi

import (
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C (macOS saves decomposed file
// names/text).
func NFC(s string) string {
	if isNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// NFCBytes is NFC for bytes: it returns b itself when b is in NFC, which
// nearly every file is, and a normalised copy otherwise.
func NFCBytes(b []byte) []byte {
	// The check only reads b, through a string sharing its bytes.
	if isNFC(unsafe.String(unsafe.SliceData(b), len(b))) {
		return b
	}
	return norm.NFC.Bytes(b)
}

// isNFC reports whether s is in NFC for certain, looking only at its runes
// one by one: it is when every rune is a starter that never combines with
// the rune before it and is NFC on its own (Unicode's NFC quick check, with
// every answer "yes"). Nearly every Vietnamese text passes, and this costs
// a fraction of norm's own check; a false answer only means "ask norm".
func isNFC(s string) bool {
	stable := stableRunes()
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= stableLimit || stable[r/64]&(1<<(r%64)) == 0 {
			return false // also for invalid UTF-8 (utf8.RuneError is not in the table)
		}
		i += size
	}
	return true
}

// stableLimit bounds the runes isNFC knows: Latin with every Vietnamese
// letter (up to U+1EFF), general punctuation, currency and letterlike
// symbols.
const stableLimit = 0x2200

// stableRunes returns the set of runes below stableLimit that isNFC takes
// as they are, as a bit set, made on first use.
var stableRunes = sync.OnceValue(func() *[stableLimit / 64]uint64 {
	var set [stableLimit / 64]uint64
	for r := rune(0); r < stableLimit; r++ {
		if r == utf8.RuneError {
			continue
		}
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.IsNormalString(s) {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return &set
})
