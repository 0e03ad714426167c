package content

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/vi"
)

// The mistakes a writer makes that YAML and the registries let through
// silently: quotes typed by a word processor, invisible spaces, a
// registry's display name for its key, a near miss of a key, a person
// spelt two ways. Each is a warning at its value.

// storyLoses says what a story loses when a key is misspelt as a near
// miss of it, for the unknown-key warning.
var storyLoses = map[string]diag.Word{
	"campaigns": {VI: "bài sẽ không thuộc phong trào thi đua nào", EN: "the story belongs to no campaign"},
	"tags":      {VI: "bài sẽ không có chủ đề nào", EN: "the story has no topic"},
	"cover":     {VI: "bài sẽ không có ảnh bìa", EN: "the story has no cover"},
	"coverAlt":  {VI: "ảnh bìa sẽ không có lời mô tả", EN: "the cover has no description"},
	"summary":   {VI: "bài sẽ dùng đoạn đầu làm tóm tắt", EN: "the story's first paragraph is its summary"},
	"awards":    {VI: "các hình thức khen thưởng sẽ không được ghi nhận", EN: "its awards are not recorded"},
	"position":  {VI: "bài sẽ không ghi chức vụ", EN: "the story shows no position"},
	"draft":     {VI: "bài sẽ được đăng như bài thường", EN: "the story is published as it is"},
	"updated":   {VI: "bài sẽ không ghi ngày cập nhật", EN: "the story shows no update"},
	"author":    {VI: "bài sẽ không ghi tác giả", EN: "the story names no author"},
	"source":    {VI: "bài sẽ không ghi nguồn", EN: "the story names no source"},
}

// Typographic quotes, and characters one cannot see, at the ends of a value.
const (
	quotes    = "“”‘’«»„‟‹›\"'"
	invisible = "\u00a0\u200b\u200c\u200d\u2060\ufeff\u202f"
)

var (
	quotesWord    = diag.Word{VI: "dấu ngoặc kép kiểu chữ (“ ” ‘ ’)", EN: "typographic quotes (“ ” ‘ ’)"}
	invisibleWord = diag.Word{VI: "ký tự vô hình (dấu cách không ngắt, dấu cách độ rộng 0)", EN: "invisible characters (no-break or zero-width spaces)"}
)

// tidy returns value without invisible characters at its ends, and
// without the typographic quotes wrapping it whole (“biên giới”: a word
// processor's quotes, which would become part of the name), warning at pos
// (about key) when there were any. A value that only begins or ends with a
// quotation is left as written.
func tidy(f *frontmatter.Map, pos diag.Position, key, value string) string {
	trimmed := strings.Trim(value, invisible+" ")
	if trimmed != value && strings.ContainsAny(value, invisible) {
		f.Warn(pos, diag.StrayCharacters, key, invisibleWord)
	}
	first, _ := utf8.DecodeRuneInString(trimmed)
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	if len(trimmed) > 2 && strings.ContainsRune(quotes, first) && strings.ContainsRune(quotes, last) {
		inner := strings.TrimFunc(trimmed, func(r rune) bool { return strings.ContainsRune(quotes, r) || unicode.IsSpace(r) })
		if inner != "" && !strings.ContainsAny(inner, quotes) {
			f.Warn(pos, diag.StrayCharacters, key, quotesWord)
			return inner
		}
	}
	return trimmed
}

// text reads the string value of key, tidied.
func text(f *frontmatter.Map, key string, required bool) string {
	return tidy(f, f.ValuePos(key), key, f.String(key, required))
}

// items reads the list of key, each item tidied.
func items(f *frontmatter.Map, key string) []frontmatter.Item {
	its := f.Items(key)
	for i := range its {
		its[i].Value = tidy(f, its[i].Pos, key, its[i].Value)
	}
	return its
}

// byName returns the key of the registry entry whose display name value is
// (ignoring case, spacing and diacritics' form), with a warning naming the
// key to write, or value itself when it is a key or no entry's name.
func byName(f *frontmatter.Map, key, value string, terms []config.Term, what diag.Word) string {
	if value == "" {
		return value
	}
	for _, t := range terms {
		if t.Key == value {
			return value
		}
	}
	for _, t := range terms {
		if spelling(t.Name) == spelling(value) {
			f.Warn(f.ValuePos(key), diag.RefByName, value, what, t.Key, key, t.Key)
			return t.Key
		}
	}
	return value
}

// spelling is how a name compares with another written alike: in NFC,
// lower case, single-spaced.
func spelling(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(vi.NFC(s))), " ")
}
