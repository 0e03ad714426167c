package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slug transliterates s to a URL slug of [a-z0-9-]: NFC, lowercase, strip
// diacritics, đ/Đ → d (U+0111 has no decomposition: map it explicitly), any
// run of other characters → one '-', trimmed of '-'.
//
//	"Đường" → "duong"
//	"Lãnh sự" → "lanh-su"
//	"Chị Hoàng Thị Lan – người cán bộ dân vận khéo nơi biên giới" →
//	"chi-hoang-thi-lan-nguoi-can-bo-dan-van-kheo-noi-bien-gioi"
//	"Tập thể Phòng Lãnh sự" → "tap-the-phong-lanh-su"
//
// Composed and decomposed input give the same slug, since combining marks are
// dropped without leaving a separator. Compatibility characters with an ASCII
// form are transliterated ("ﬁ" → "fi", "ß" → "ss"). Letters from other
// scripts without an ASCII form are dropped (they separate words like
// punctuation does). Returns "" if nothing is left.
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	sep := false // a separator is pending before the next letter or digit
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				sep = true
				continue
			}
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var t string
		if e, ok := latinEntry(r); ok {
			t = e.slug
		} else {
			t = slugRune(r)
		}
		switch t {
		case slugSkip:
			continue
		case "":
			sep = true
			continue
		}
		// t is a run of [a-z0-9] and single '-' separators, possibly with
		// a leading or trailing '-'.
		for j := 0; j < len(t); j++ {
			if t[j] == '-' {
				sep = true
				continue
			}
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteByte(t[j])
		}
	}
	return b.String()
}

// ValidSlug reports whether s is a non-empty [a-z0-9-] slug with no
// leading/trailing '-' and no "--".
func ValidSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Fold lowercases s and removes all diacritics (đ→d), keeping spaces and
// punctuation: for diacritic-insensitive matching. "Dân Vận Khéo" → "dan van
// kheo". Canonically equivalent inputs (composed and decomposed) fold to the
// same string, which contains no non-spacing or enclosing combining marks.
func Fold(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s // lower-case ASCII already
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	other := false // a rune outside the Latin table was written
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if e, ok := latinEntry(r); ok {
			b.WriteString(e.fold)
		} else {
			foldRuneTo(&b, r)
			other = true
		}
	}
	if other {
		// Recompose what dropping marks leaves decomposed (Hangul jamo,
		// some two-part vowel signs), so that canonically equivalent inputs
		// fold to the same string.
		return norm.NFC.String(b.String())
	}
	return b.String()
}

// slugSkip is what slugRune returns for a rune that leaves no trace in a
// slug, not even a separator (combining marks).
const slugSkip = "\x00"

// The precomputed table covers these ranges: Latin-1 Supplement letters,
// Latin Extended-A and -B, and Latin Extended Additional (which holds most
// Vietnamese letters with tone marks).
const (
	tab1Lo, tab1Hi = 0x00C0, 0x0250
	tab2Lo, tab2Hi = 0x1E00, 0x1F00
)

// latinFold is the result of slugRune and foldRune for one rune.
type latinFold struct {
	slug string
	fold string
}

// latinTable caches slugRune and foldRune for the runes in the table ranges.
// It is built once at start-up and never modified.
var latinTable = buildLatinTable()

func buildLatinTable() *[tab1Hi - tab1Lo + tab2Hi - tab2Lo]latinFold {
	var t [tab1Hi - tab1Lo + tab2Hi - tab2Lo]latinFold
	for r := rune(tab1Lo); r < tab1Hi; r++ {
		t[r-tab1Lo] = latinFold{slugRune(r), foldRune(r)}
	}
	for r := rune(tab2Lo); r < tab2Hi; r++ {
		t[tab1Hi-tab1Lo+r-tab2Lo] = latinFold{slugRune(r), foldRune(r)}
	}
	return &t
}

// latinEntry returns the table entry for r, if r is in the table.
func latinEntry(r rune) (*latinFold, bool) {
	switch {
	case tab1Lo <= r && r < tab1Hi:
		return &latinTable[r-tab1Lo], true
	case tab2Lo <= r && r < tab2Hi:
		return &latinTable[tab1Hi-tab1Lo+r-tab2Lo], true
	}
	return nil, false
}

// strokeBase maps lower-case letters whose diacritic is part of the glyph
// (and so has no Unicode decomposition), and dotless ı, to their base letter.
// U+00F0 (ð) is included because text converted from legacy Vietnamese
// encodings often has Ð for Đ.
func strokeBase(r rune) (rune, bool) {
	switch r {
	case 'đ', 'ð':
		return 'd', true
	case 'ø':
		return 'o', true
	case 'ł':
		return 'l', true
	case 'ħ':
		return 'h', true
	case 'ŧ':
		return 't', true
	case 'ƀ':
		return 'b', true
	case 'ƶ':
		return 'z', true
	case 'ı':
		return 'i', true
	}
	return 0, false
}

// letterASCII maps lower-case letters with a conventional multi-letter ASCII
// spelling.
func letterASCII(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'þ':
		return "th"
	case 'ŋ':
		return "ng"
	}
	return ""
}

// isMark reports whether r is a non-spacing or enclosing combining mark.
func isMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me)
}

// slugRune returns the slug form of one non-ASCII rune: a string of
// [a-z0-9] runs separated by '-' (possibly with a leading or trailing '-'),
// "" if r only separates words, or slugSkip if r is a combining mark.
func slugRune(r rune) string {
	if unicode.Is(unicode.M, r) {
		return slugSkip
	}
	if s := slugLetter(unicode.ToLower(r)); s != "" {
		return s
	}
	d := norm.NFKD.PropertiesString(string(r)).Decomposition()
	if d == nil {
		return ""
	}
	var b []byte
	for _, c := range string(d) {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b = append(b, byte(c))
		case 'A' <= c && c <= 'Z':
			b = append(b, byte(c+'a'-'A'))
		case unicode.Is(unicode.M, c):
		default:
			if s := slugLetter(unicode.ToLower(c)); s != "" {
				b = append(b, s...)
			} else if len(b) == 0 || b[len(b)-1] != '-' {
				b = append(b, '-')
			}
		}
	}
	if len(b) == 0 || len(b) == 1 && b[0] == '-' {
		return ""
	}
	return string(b)
}

// slugLetter returns the ASCII form of a lower-case letter without a
// decomposition, or "".
func slugLetter(r rune) string {
	if c, ok := strokeBase(r); ok {
		return string(c)
	}
	return letterASCII(r)
}

// foldRune returns the folded form of one non-ASCII rune: lower case, with
// combining marks removed.
func foldRune(r rune) string {
	var b strings.Builder
	foldRuneTo(&b, r)
	return b.String()
}

// foldRuneTo writes the folded form of r to b.
func foldRuneTo(b *strings.Builder, r rune) {
	if isMark(r) {
		return
	}
	l := unicode.ToLower(r)
	if c, ok := strokeBase(l); ok {
		b.WriteRune(c)
		return
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Properties(utf8.AppendRune(buf[:0], l)).Decomposition()
	if d == nil {
		if !isMark(l) {
			b.WriteRune(l)
		}
		return
	}
	for _, c := range string(d) {
		if isMark(c) {
			continue
		}
		if s, ok := strokeBase(c); ok {
			c = s
		}
		b.WriteRune(c)
	}
}
