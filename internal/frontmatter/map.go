package frontmatter

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/vi"
	"gopkg.in/yaml.v3"
)

// Map is a mapping of front matter or site.yaml with positions. Its typed
// accessors record wrong types, missing values and bad dates in the
// diagnostics list it was made with, so a caller reads every field and then
// looks at the list once.
type Map struct {
	file  string
	start diag.Position // where the mapping opens; missing keys are reported here
	keys  []*yaml.Node
	vals  map[string]*yaml.Node
	diags *diag.List
}

func newMap(file string, n *yaml.Node, start diag.Position, diags *diag.List) *Map {
	m := &Map{file: file, start: start, vals: map[string]*yaml.Node{}, diags: diags}
	firstLine := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		name := vi.NFC(k.Value)
		if line, dup := firstLine[name]; dup {
			diags.Errorf(m.pos(k), diag.DuplicateKey, name, line)
			continue
		}
		firstLine[name] = k.Line
		m.keys = append(m.keys, k)
		m.vals[name] = v
	}
	return m
}

func (m *Map) pos(n *yaml.Node) diag.Position {
	return diag.Position{File: m.file, Line: n.Line, Col: n.Column}
}

// Start returns the position where the mapping opens.
func (m *Map) Start() diag.Position { return m.start }

// Keys returns the keys in the order they were written.
func (m *Map) Keys() []string {
	ks := make([]string, len(m.keys))
	for i, k := range m.keys {
		ks[i] = vi.NFC(k.Value)
	}
	return ks
}

// Has reports whether key is present (even if empty).
func (m *Map) Has(key string) bool { _, ok := m.vals[key]; return ok }

// KeyPos returns the position of key, or the mapping's start if absent.
func (m *Map) KeyPos(key string) diag.Position {
	for _, k := range m.keys {
		if vi.NFC(k.Value) == key {
			return m.pos(k)
		}
	}
	return m.start
}

// ValuePos returns the position of key's value, or the mapping's start if absent.
func (m *Map) ValuePos(key string) diag.Position {
	if v, ok := m.vals[key]; ok {
		return m.pos(v)
	}
	return m.start
}

var (
	wordString = diag.Word{VI: "một chuỗi chữ", EN: "a string"}
	wordBool   = diag.Word{VI: "true hoặc false", EN: "true or false"}
	wordList   = diag.Word{VI: "một danh sách chuỗi chữ", EN: "a list of strings"}
	wordMap    = diag.Word{VI: "một nhóm khóa", EN: "a mapping"}
	wordMaps   = diag.Word{VI: "một danh sách các nhóm khóa", EN: "a list of mappings"}
	wordNumber = diag.Word{VI: "một số nguyên", EN: "a whole number"}
)

// scalar returns the node under key if it is a non-null scalar.
func (m *Map) scalar(key string, required bool, want diag.Word) (*yaml.Node, bool) {
	v, ok := m.vals[key]
	if !ok || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		if required {
			m.diags.Errorf(m.KeyPos(key), diag.MissingField, key)
		}
		return nil, false
	}
	if v.Kind != yaml.ScalarNode {
		m.diags.Errorf(m.pos(v), diag.WrongType, key, want, kindName(v))
		return nil, false
	}
	return v, true
}

// String returns the string under key, NFC and trimmed. A required key that
// is missing or blank is an error. Numbers and dates written bare are read as
// the text the writer typed.
func (m *Map) String(key string, required bool) string {
	v, ok := m.scalar(key, required, wordString)
	if !ok {
		return ""
	}
	if v.Tag == "!!bool" {
		m.diags.Errorf(m.pos(v), diag.WrongType, key, wordString, kindName(v))
		return ""
	}
	s := strings.TrimSpace(vi.NFC(v.Value))
	if s == "" && required {
		m.diags.Errorf(m.pos(v), diag.EmptyValue, key)
	}
	return s
}

// Bool returns the boolean under key, false if absent.
func (m *Map) Bool(key string) bool {
	v, ok := m.scalar(key, false, wordBool)
	if !ok {
		return false
	}
	var b bool
	if v.Tag != "!!bool" || v.Decode(&b) != nil {
		m.diags.Errorf(m.pos(v), diag.WrongType, key, wordBool, diag.Word{VI: strconv.Quote(v.Value), EN: strconv.Quote(v.Value)})
		return false
	}
	return b
}

// Int returns the positive whole number under key, or def if absent.
func (m *Map) Int(key string, def int) int {
	v, ok := m.scalar(key, false, wordNumber)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if err != nil || n <= 0 {
		m.diags.Errorf(m.pos(v), diag.BadNumber, key, v.Value)
		return def
	}
	return n
}

// Date returns the date under key, read in loc when it has no zone. hasTime
// reports whether a time of day was written.
func (m *Map) Date(key string, required bool, loc *time.Location) (t time.Time, hasTime, ok bool) {
	v, present := m.scalar(key, required, diag.Word{VI: "một ngày", EN: "a date"})
	if !present {
		return time.Time{}, false, false
	}
	if strings.TrimSpace(v.Value) == "" {
		if required {
			m.diags.Errorf(m.pos(v), diag.EmptyValue, key)
		}
		return time.Time{}, false, false
	}
	t, hasTime, err := vi.ParseDate(v.Value, loc)
	if err != nil {
		if detail, ok := dateDetail(err); ok {
			m.diags.Errorf(m.pos(v), diag.BadDateDetail, v.Value, key, detail)
		} else {
			m.diags.Errorf(m.pos(v), diag.BadDate, v.Value, key)
		}
		return time.Time{}, false, false
	}
	return t, hasTime, true
}

// dateDetail returns a date error's explanation when it says more than
// "cannot read": a day that does not exist, a weekday that does not match.
// The explanation of package vi is in English; it is translated here.
func dateDetail(err error) (diag.Word, bool) {
	if !errors.Is(err, vi.ErrDate) {
		return diag.Word{}, false
	}
	m := dateReason.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Word{}, false
	}
	en := m[1]
	for _, t := range dateReasons {
		if a := t.re.FindStringSubmatch(en); a != nil {
			return diag.Word{VI: t.vi(a), EN: en}, true
		}
	}
	return diag.Word{VI: en, EN: en}, true
}

// dateReason extracts the explanation from a vi.ParseDate error such as
// `"31/02/2023" is not a valid date: February 2023 has 28 days`.
var dateReason = regexp.MustCompile(`" (?:is not a valid (?:date|time)|has the wrong weekday): (.+)$`)

// dateReasons translate the explanations of vi.ParseDate errors.
var dateReasons = []struct {
	re *regexp.Regexp
	vi func(m []string) string
}{
	{regexp.MustCompile(`^write the year in full`), func([]string) string { return "hãy viết năm đủ bốn chữ số" }},
	{regexp.MustCompile(`^the year must be between (\d+) and (\d+)$`), func(m []string) string { return "năm phải nằm trong khoảng " + m[1] + " đến " + m[2] }},
	{regexp.MustCompile(`^there is no month (-?\d+)$`), func(m []string) string { return "không có tháng " + m[1] }},
	{regexp.MustCompile(`^there is no day (-?\d+)$`), func(m []string) string { return "không có ngày " + m[1] }},
	{regexp.MustCompile(`^there is no hour (\d+)$`), func(m []string) string { return "không có giờ " + m[1] }},
	{regexp.MustCompile(`^there is no minute (\d+)$`), func(m []string) string { return "không có phút " + m[1] }},
	{regexp.MustCompile(`^there is no second (\d+)$`), func(m []string) string { return "không có giây " + m[1] }},
	{regexp.MustCompile(`^there is no UTC offset (.+)$`), func(m []string) string { return "không có múi giờ lệch " + m[1] + " so với UTC" }},
	{regexp.MustCompile(`^([A-Z][a-z]+) (\d+) has (\d+) days$`), func(m []string) string {
		for mon := time.January; mon <= time.December; mon++ {
			if mon.String() == m[1] {
				return "tháng " + strconv.Itoa(int(mon)) + " năm " + m[2] + " chỉ có " + m[3] + " ngày"
			}
		}
		return m[0]
	}},
	{regexp.MustCompile(`^(\S+) is an? \S+ \((.+)\), not (.+)$`), func(m []string) string {
		return m[1] + " là " + m[2] + ", không phải " + m[3]
	}},
}

// Strings returns the list of strings under key. A single string is read as a
// one-item list: a value that is a string is never split into words.
func (m *Map) Strings(key string) []string {
	items := m.Items(key)
	if items == nil {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Value
	}
	return out
}

// Item is a string of a list, with the position it was written at.
type Item struct {
	Value string
	Pos   diag.Position
}

// Items is Strings with the position of each string. Blank strings are
// dropped and items of a wrong type reported, so an item's index in the
// result may differ from its index in the file: use its Pos.
func (m *Map) Items(key string) []Item {
	v, ok := m.vals[key]
	if !ok || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		return nil
	}
	switch v.Kind {
	case yaml.ScalarNode:
		if s := strings.TrimSpace(vi.NFC(v.Value)); s != "" {
			return []Item{{s, m.pos(v)}}
		}
		return nil
	case yaml.SequenceNode:
		out := make([]Item, 0, len(v.Content))
		for _, e := range v.Content {
			pos := m.pos(e)
			for e.Kind == yaml.AliasNode && e.Alias != nil {
				e = e.Alias
			}
			if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
				m.diags.Errorf(pos, diag.WrongType, key, wordList, kindName(e))
				continue
			}
			if s := strings.TrimSpace(vi.NFC(e.Value)); s != "" {
				out = append(out, Item{s, pos})
			}
		}
		return out
	}
	m.diags.Errorf(m.pos(v), diag.WrongType, key, wordList, kindName(v))
	return nil
}

// Map returns the mapping under key, or nil if absent or of another kind
// (which is reported). Its missing fields are reported at key.
func (m *Map) Map(key string) *Map {
	v, ok := m.vals[key]
	if !ok || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		m.diags.Errorf(m.pos(v), diag.WrongType, key, wordMap, kindName(v))
		return nil
	}
	return newMap(m.file, v, m.KeyPos(key), m.diags)
}

// Maps returns the list of mappings under key (such as awards).
func (m *Map) Maps(key string) []*Map {
	v, ok := m.vals[key]
	if !ok || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		m.diags.Errorf(m.pos(v), diag.WrongType, key, wordMaps, kindName(v))
		return nil
	}
	var out []*Map
	for _, e := range v.Content {
		if e.Kind != yaml.MappingNode {
			m.diags.Errorf(m.pos(e), diag.WrongType, key, wordMaps, kindName(e))
			continue
		}
		out = append(out, newMap(m.file, e, m.pos(e), m.diags))
	}
	return out
}

// CheckKeys warns about every key not in allowed, suggesting the closest
// allowed key when one is near.
func (m *Map) CheckKeys(allowed ...string) { m.CheckKeysLosing(allowed, nil) }

// CheckKeysLosing is CheckKeys, telling for a near miss of a key in loses
// what the file loses by it ("the story belongs to no campaign").
func (m *Map) CheckKeysLosing(allowed []string, loses map[string]diag.Word) {
	for _, k := range m.keys {
		name := vi.NFC(k.Value)
		if contains(allowed, name) {
			continue
		}
		if s := Suggest(name, allowed); s != "" {
			if lost, ok := loses[s]; ok {
				m.diags.Warnf(m.pos(k), diag.UnknownKeyLoses, name, lost, s)
			} else {
				m.diags.Warnf(m.pos(k), diag.UnknownKeyHint, name, s)
			}
		} else {
			m.diags.Warnf(m.pos(k), diag.UnknownKey, name)
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Suggest returns the candidate closest to s by edit distance (ignoring case
// and diacritics), or "" if none is close enough to be a likely typo.
func Suggest(s string, candidates []string) string {
	best, bestDist := "", -1
	fs := vi.Fold(s)
	for _, c := range candidates {
		d := distance(fs, vi.Fold(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := len([]rune(s))/3 + 1
	if limit > 3 {
		limit = 3
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// distance is the Levenshtein edit distance between a and b, by runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Report adds an error at pos to the map's diagnostics list, for checks the
// caller makes on values it read.
func (m *Map) Report(pos diag.Position, code diag.Code, args ...any) {
	m.diags.Errorf(pos, code, args...)
}

// Warn adds a warning at pos to the map's diagnostics list.
func (m *Map) Warn(pos diag.Position, code diag.Code, args ...any) {
	m.diags.Warnf(pos, code, args...)
}

// Node returns the value under key as decoded, or nil if absent: for a
// writer that must keep a value it does not read (such as a key it does not
// know) as it was.
func (m *Map) Node(key string) *yaml.Node { return m.vals[key] }
