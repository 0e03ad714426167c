package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guong/guong/internal/vi"
	"golang.org/x/text/unicode/norm"
)

// Token is one syllable of a text: a run of letters and digits.
type Token struct {
	Text string // lower case, NFC: "biên"
	Fold string // Text without diacritics, đ → d: "bien"
}

// Tokenize splits s into syllables: s is normalised to NFC and lowered,
// and every character that is not a letter, a digit or a combining mark
// separates syllables (see IsWordRune). "Dân vận khéo!" gives dân, vận, khéo.
// A run that folds to nothing (combining marks alone) is no syllable.
func Tokenize(s string) []Token {
	var out []Token
	eachWord(nfc(s), nil, func(w []byte) {
		t := string(w)
		if f := vi.Fold(t); f != "" {
			out = append(out, Token{Text: t, Fold: f})
		}
	})
	return out
}

// Fold returns s folded for matching: vi.Fold, so "Đường" and "duong" are
// the same term.
func Fold(s string) string { return vi.Fold(s) }

// IsWordRune reports whether r belongs to a syllable. The rule is
// deliberately simple, so that the browser applies exactly the same one
// (search-core.js, isWordChar; rank_test.go checks that both agree): ASCII letters and digits; ª, µ, º; and every
// character from U+00C0 up to U+FFFF except × and ÷, the punctuation and
// symbol blocks U+2000–U+2BFF, U+3000–U+303F, U+FE00–U+FE6F (with the
// variation selectors), U+FF00–U+FF0F,
// U+FF1A–U+FF20, U+FF3B–U+FF40, U+FF5B–U+FF65, the private use area and
// U+FFF0–U+FFFF. Characters beyond U+FFFF (emoji) separate syllables.
func IsWordRune(r rune) bool {
	switch {
	case r < 0x80:
		return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case r < 0xC0:
		return r == 0xAA || r == 0xB5 || r == 0xBA
	case r == 0xD7 || r == 0xF7:
		return false
	case 0x2000 <= r && r <= 0x2BFF, 0x3000 <= r && r <= 0x303F, 0xD800 <= r && r <= 0xF8FF,
		0xFE00 <= r && r <= 0xFE6F, 0xFF00 <= r && r <= 0xFF0F, 0xFF1A <= r && r <= 0xFF20,
		0xFF3B <= r && r <= 0xFF40, 0xFF5B <= r && r <= 0xFF65, r >= 0xFFF0:
		return false
	}
	return true
}

// nfc returns s in NFC, without copying it when it already is.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// eachWord calls f with each syllable of s (already NFC), lowered rune by
// rune. The slice passed to f is reused: f must copy what it keeps. buf, if
// not nil, is used as the scratch buffer.
func eachWord(s string, buf []byte, f func(w []byte)) []byte {
	w := buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				w = append(w, c)
			case 'A' <= c && c <= 'Z':
				w = append(w, c+'a'-'A')
			default:
				if len(w) > 0 {
					f(w)
					w = w[:0]
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if IsWordRune(r) {
			w = utf8.AppendRune(w, toLower(r))
		} else if len(w) > 0 {
			f(w)
			w = w[:0]
		}
	}
	if len(w) > 0 {
		f(w)
	}
	return w
}

// toLower is unicode.ToLower with a shortcut for the Vietnamese letters of
// Latin-1 and Latin Extended Additional.
func toLower(r rune) rune {
	switch {
	case 0xC0 <= r && r <= 0xDE && r != 0xD7:
		return r + 0x20
	case 0xDF <= r && r <= 0xFF:
		return r
	case 0x1EA0 <= r && r <= 0x1EFF:
		return r | 1
	}
	return unicode.ToLower(r)
}

// inlineTags are the HTML elements that do not separate words.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "code": true, "del": true, "em": true, "i": true,
	"mark": true, "s": true, "small": true, "span": true, "strong": true, "u": true,
}

// PlainText returns the text of an HTML fragment written by guong's
// Markdown renderer: tags are dropped (block-level ones leave a space),
// entities decoded, and runs of ASCII white space collapsed to one space.
func PlainText(src string) string {
	return string(plainTextInto(make([]byte, 0, len(src)), src))
}

// plainTextInto is PlainText writing the text over buf, whose memory it
// reuses, and returning it.
func plainTextInto(buf []byte, src string) []byte {
	b := buf[:0]
	for i := 0; i < len(src); {
		switch src[i] {
		case '<':
			end := strings.IndexByte(src[i:], '>')
			if end < 0 {
				b = append(b, src[i:]...)
				i = len(src)
				continue
			}
			tag := strings.TrimPrefix(src[i+1:i+end], "/")
			if j := strings.IndexAny(tag, " \t\n/"); j >= 0 {
				tag = tag[:j]
			}
			if !inlineTags[strings.ToLower(tag)] {
				b = append(b, ' ')
			}
			i += end + 1
		case '&':
			end := strings.IndexByte(src[i:], ';')
			if end < 0 || end > 32 {
				b = append(b, '&')
				i++
				continue
			}
			b = append(b, html.UnescapeString(src[i:i+end+1])...)
			i += end + 1
		default:
			j := strings.IndexAny(src[i:], "<&")
			if j < 0 {
				j = len(src) - i
			}
			b = append(b, src[i:i+j]...)
			i += j
		}
	}
	return collapseSpace(b)
}

// collapseSpace turns every run of ASCII white space in b into one space
// and trims both ends, in place.
func collapseSpace(b []byte) []byte {
	out := b[:0]
	space := false
	for _, c := range b {
		if c == ' ' || '\t' <= c && c <= '\r' {
			space = true
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, c)
	}
	return out
}
