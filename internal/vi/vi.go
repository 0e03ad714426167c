// Package vi handles Vietnamese text: Unicode normalisation, slugs, diacritic
// folding, collation, the alphabet and dates.
//
// All functions are safe for concurrent use, except the methods of a single
// [Sorter], which holds a collator and its buffers.
package vi

import "golang.org/x/text/unicode/norm"

// NFC returns s in Unicode normalisation form C (macOS saves decomposed file
// names/text).
func NFC(s string) string {
	return norm.NFC.String(s)
}
