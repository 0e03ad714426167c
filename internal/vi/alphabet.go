package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Alphabet returns the 29 letters of the Vietnamese alphabet in order, upper
// case: A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y. The slice
// is a fresh copy on every call.
func Alphabet() []string {
	return []string{
		"A", "Ă", "Â", "B", "C", "D", "Đ", "E", "Ê", "G",
		"H", "I", "K", "L", "M", "N", "O", "Ô", "Ơ", "P",
		"Q", "R", "S", "T", "U", "Ư", "V", "X", "Y",
	}
}

// Combining marks that change the shape of a Vietnamese letter (and so make
// a different letter of the alphabet), as opposed to the five tone marks.
const (
	markBreve      = '\u0306'
	markCircumflex = '\u0302'
	markHorn       = '\u031B'
)

// Initial returns the alphabet letter under which name is filed: the first
// letter, uppercased, with tone marks removed but the letter's own shape kept
// ("ấn" → "Â", "đào" → "Đ", "Ánh" → "A", "Ơn" → "Ơ"). Leading spaces,
// punctuation (quotes, brackets) and stray combining marks are skipped. F, J,
// W and Z, which occur in foreign names, give themselves; other Latin letters
// with diacritics give their base letter ("Über" → "U"). Returns "#" if name
// does not start with a Latin letter (digits, other scripts, empty).
func Initial(name string) string {
	s := strings.TrimLeftFunc(NFC(name), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.Is(unicode.M, r)
	})
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return "#"
	}
	switch {
	case 'a' <= r && r <= 'z':
		return string(r - 'a' + 'A')
	case 'A' <= r && r <= 'Z':
		return string(r)
	case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð':
		// Ð (U+00D0) is a common stand-in for Đ in converted legacy text.
		return "Đ"
	}
	d := norm.NFD.PropertiesString(s[:size]).Decomposition()
	if len(d) == 0 || d[0] >= utf8.RuneSelf || !('a' <= d[0]|32 && d[0]|32 <= 'z') {
		return "#"
	}
	base := d[0] &^ 32 // upper case
	for _, m := range string(d[1:]) {
		switch {
		case m == markBreve && base == 'A':
			return "Ă"
		case m == markCircumflex && base == 'A':
			return "Â"
		case m == markCircumflex && base == 'E':
			return "Ê"
		case m == markCircumflex && base == 'O':
			return "Ô"
		case m == markHorn && base == 'O':
			return "Ơ"
		case m == markHorn && base == 'U':
			return "Ư"
		}
	}
	return string(rune(base))
}

// collectivePrefix is the word most collectives' names begin with ("Tập
// thể Phòng Lãnh sự"), which says nothing of which collective it is.
const collectivePrefix = "tập thể"

// CollectiveSortName returns the form under which a collective's name is
// sorted: without a leading "Tập thể", in any case, so that "Tập thể Phòng
// Lãnh sự" files under P beside "Phòng Hợp tác quốc tế", not with every
// other collective under T. A name that is only "Tập thể" is unchanged.
func CollectiveSortName(name string) string {
	words := strings.Fields(NFC(name))
	if len(words) > 2 && strings.ToLower(words[0]+" "+words[1]) == collectivePrefix {
		return strings.Join(words[2:], " ")
	}
	return name
}

// PersonSortName returns the form under which an individual's full name is
// sorted in Vietnamese lists: the given name (last word) first, then the rest
// in order: "Hoàng Thị Lan" → "Lan Hoàng Thị". Runs of white space become one
// space. A single word (or an empty string) is returned unchanged.
func PersonSortName(full string) string {
	words := strings.Fields(full)
	if len(words) < 2 {
		return full
	}
	last := words[len(words)-1]
	return last + " " + strings.Join(words[:len(words)-1], " ")
}
