package vi

import (
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Compare compares a and b in Vietnamese alphabetical order
// (golang.org/x/text/collate with language.Vietnamese): A < Ă < Â < B < C <
// D < Đ < E < Ê ...; tones are secondary. Returns -1, 0, +1.
//
// Compare builds a new collator on every call; to compare or sort many
// strings, use a [Sorter].
func Compare(a, b string) int {
	return collate.New(language.Vietnamese).CompareString(a, b)
}

// Sorter sorts with Vietnamese collation; it holds a collator and is not safe
// for concurrent use.
type Sorter struct {
	c   *collate.Collator
	buf collate.Buffer
}

// NewSorter returns a Sorter using Vietnamese collation.
func NewSorter() *Sorter {
	return &Sorter{c: collate.New(language.Vietnamese)}
}

// Compare compares a and b in Vietnamese alphabetical order, like the
// package-level [Compare]. Returns -1, 0, +1.
func (s *Sorter) Compare(a, b string) int {
	return s.c.CompareString(a, b)
}

// Strings sorts xs in place in Vietnamese alphabetical order.
func (s *Sorter) Strings(xs []string) {
	s.c.SortStrings(xs)
}

// Key returns a collation key usable for byte comparisons (bytes.Compare on
// keys orders as Compare does). The returned slice is owned by the caller.
func (s *Sorter) Key(str string) []byte {
	k := s.c.KeyFromString(&s.buf, str)
	out := make([]byte, len(k))
	copy(out, k)
	s.buf.Reset()
	return out
}
