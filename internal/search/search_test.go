package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestTokenize(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // "text/fold" pairs
	}{
		{"words and punctuation", "Dân vận khéo!", "dân/dan vận/van khéo/kheo"},
		{"upper case and đ", "ĐƯỜNG biên-giới", "đường/duong biên/bien giới/gioi"},
		{"decomposed input", norm.NFD.String("Nguyễn Thị Ân"), "nguyễn/nguyen thị/thi ân/an"},
		{"numbers and a decision", "Quyết định 123/QĐ-UBND", "quyết/quyet định/dinh 123/123 qđ/qd ubnd/ubnd"},
		{"emoji separate", "a😀b", "a/a b/b"},
		{"a footnote's back arrow is no word", "xong ↩︎", "xong/xong"},
		{"typographic apostrophe separates", "l’été", "l/l été/ete"},
		{"nothing", " – … ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, tok := range Tokenize(tc.in) {
				got = append(got, tok.Text+"/"+tok.Fold)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tc.in, g, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Đặng":               "dang",
		"Ân":                 "an",
		"DÂN VẬN KHÉO":       "dan van kheo",
		norm.NFD.String("ỗ"): "o",
		"đường biên giới":    "duong bien gioi",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestToLower checks the shortcut against unicode.ToLower for every rune
// of the Basic Multilingual Plane and beyond.
func TestToLower(t *testing.T) {
	for r := rune(0); r < 0x20000; r++ {
		if got, want := toLower(r), unicode.ToLower(r); got != want {
			t.Fatalf("toLower(%U) = %U, want %U", r, got, want)
		}
	}
}

func TestIsWordRune(t *testing.T) {
	for _, r := range "aZ09ăâđêôơưÀỹ中ªµº" {
		if !IsWordRune(r) {
			t.Errorf("%q should be part of a word", r)
		}
	}
	for _, r := range " -–—…“”‘’«».,;:!?/()[]{}×÷\u00a0\u2028\ufe0e😀" {
		if IsWordRune(r) {
			t.Errorf("%q should separate words", r)
		}
	}
}

func TestNumbers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var want []int
	var b []byte
	for i := range 5000 {
		v := i
		if i >= 2000 {
			v = r.IntN(1 << (i % 31))
		}
		want = append(want, v)
		b = appendNum(b, v)
	}
	got, err := decodeNums(string(b))
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("round trip failed: %v", err)
	}
	if n := len(appendNum(nil, 31)); n != 1 {
		t.Errorf("31 takes %d digits, want 1", n)
	}
	if n := len(appendNum(nil, 1023)); n != 2 {
		t.Errorf("1023 takes %d digits, want 2", n)
	}
	for _, bad := range []string{"W", "0W", "0!", `"`} {
		if _, err := decodeNums(bad); err == nil {
			t.Errorf("decodeNums(%q) accepted a malformed list", bad)
		}
	}
}

func TestPlainText(t *testing.T) {
	in := "<h2 id=\"a\">Tấm gương</h2>\n<p>Chị <em>Lan</em> &amp; bà&nbsp;con<sup><a href=\"#fn:1\">1</a></sup></p>\n<ul>\n<li>Một</li>\n<li>Hai</li>\n</ul>"
	want := "Tấm gương Chị Lan & bà\u00a0con 1 Một Hai"
	if got := PlainText(in); got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
	// The index's workers reuse one buffer: a longer text before leaves
	// nothing behind.
	buf := plainTextInto(nil, "<p>"+strings.Repeat("Một đoạn rất dài. ", 20)+"</p>")
	if got := string(plainTextInto(buf, in)); got != want {
		t.Errorf("plainTextInto over a used buffer = %q, want %q", got, want)
	}
}

// corpus is a small index for the ranking tests (rank_test.go): each
// story is there for one rule.
var corpus = []Doc{
	0: {Title: "Giới trẻ và những trang biên bản", Person: "Lê Minh Tuấn", ModelKey: "chuyen-mon", Year: "2025",
		Text: "Anh Tuấn ghi biên bản và giúp giới trẻ."},
	1: {Title: "Chị Lan nơi biên giới", Person: "Hoàng Thị Lan", ModelKey: "dan-van-kheo", Year: "2024",
		CampaignKeys: []string{"bien-gioi"}, Text: "Chị Lan gắn bó với bà con."},
	2: {Title: "Anh Trần Văn An", Person: "Trần Văn An", ModelKey: "chuyen-mon", Year: "2024", Text: "Sáng kiến một cửa."},
	3: {Title: "Anh Nguyễn Văn Ân", Person: "Nguyễn Văn Ân", ModelKey: "chuyen-mon", Year: "2023", Text: "Số hóa hồ sơ."},
	4: {Title: "Đường lên cột mốc", Person: "Đặng Văn Đông", ModelKey: "dan-van-kheo", Year: "2023",
		CampaignKeys: []string{"bien-gioi"}, Text: "Tuần tra biên giới cùng bộ đội."},
	5: {Title: "Một buổi họp", Person: "Phạm Thu", ModelKey: "chuyen-mon", Year: "2022", Text: "Biên giới được nhắc trong biên bản."},
}

var facets = Facets{
	Models:    []string{"hoc-tap", "dan-van-kheo", "chuyen-mon"},
	Campaigns: []string{"bien-gioi"},
	Years:     []string{"2025", "2024", "2023", "2022"},
}

// manyDocs returns n stories over a varied vocabulary.
func manyDocs(n int) []Doc {
	syl := strings.Fields("an anh ân ấn bình biên biển biết giới giỏi gian giang giúp giữ dân vận khéo đường đông nguyễn thị văn lan hoàng hồ sơ cửa khẩu phòng ban xã hội")
	r := rand.New(rand.NewPCG(3, 4))
	docs := make([]Doc, n)
	for i := range docs {
		var words []string
		for range 40 + r.IntN(40) {
			words = append(words, syl[r.IntN(len(syl))])
		}
		docs[i] = Doc{Title: strings.Join(words[:6], " "), Text: strings.Join(words, " "), ModelKey: "chuyen-mon", URL: "bai-viet/" + strconv.Itoa(i) + "/"}
	}
	return docs
}

// TestDeterministic: the same stories give the same bytes, whatever the
// number of cores indexing them.
func TestDeterministic(t *testing.T) {
	docs := manyDocs(500)
	a := Build(docs, facets, Options{ShardSize: 2048})
	prev := runtime.GOMAXPROCS(1)
	b := Build(docs, facets, Options{ShardSize: 2048})
	runtime.GOMAXPROCS(prev)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two builds", a[i].Name)
		}
	}
}

func TestFragment(t *testing.T) {
	long := strings.Repeat("Tấm gương sáng. ", 1000)
	files := Build([]Doc{{Title: `Chị "Lan"`, URL: "bai-viet/lan/", Text: long, Excerpt: "Tóm tắt\n"}}, Facets{}, Options{TextLimit: 100})
	var frag []byte
	for _, f := range files {
		if f.Name == DocsDir+"0.json" {
			frag = f.Data
		}
	}
	want := `[{"title":"Chị \"Lan\"","url":"bai-viet/lan/","person":"","model":"","department":"","date":"","iso":"","summary":"Tóm tắt\n","text":"Tấm gương sáng. Tấm gương sáng. Tấm gương sáng. Tấm gương sáng. Tấm gương"}]`
	if string(frag) != want {
		t.Errorf("fragment = %s\nwant       %s", frag, want)
	}
}

// TestFragmentFiles checks that story id's fragment is item id%DocsPerFile
// of file d/<id/DocsPerFile>.json, and that no file is left over.
func TestFragmentFiles(t *testing.T) {
	n := 2*DocsPerFile + 3
	var docs []Doc
	for i := 0; i < n; i++ {
		docs = append(docs, Doc{Title: fmt.Sprintf("Bài %d", i), URL: fmt.Sprintf("bai-viet/%d/", i)})
	}
	got := map[string][]map[string]string{}
	for _, f := range Build(docs, Facets{}, Options{}) {
		if strings.HasPrefix(f.Name, DocsDir) {
			var a []map[string]string
			if err := json.Unmarshal(f.Data, &a); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			got[f.Name] = a
		}
	}
	if want := (n + DocsPerFile - 1) / DocsPerFile; len(got) != want {
		t.Fatalf("%d fragment files, want %d: %v", len(got), want, got)
	}
	for id := 0; id < n; id++ {
		a := got[fmt.Sprintf("%s%d.json", DocsDir, id/DocsPerFile)]
		if k := id % DocsPerFile; k >= len(a) || a[k]["url"] != docs[id].URL {
			t.Errorf("story %d: not item %d of its file", id, k)
		}
	}
}

// TestSeparator: a shard is named by the shortest beginning of its first
// key that sorts after the previous shard's last key.
func TestSeparator(t *testing.T) {
	for _, tc := range []struct {
		prev, k, want string
		first         bool
	}{
		{"", "an", "", true},
		{"bien", "binh", "bin", false},
		{"bien", "bienx", "bienx", false},
		{"bi", "bien", "bie", false},
		{"an ba", "an co", "an c", false},
		{"ca", "cư", "cư", false}, // a whole character
		{"zzz", "中文", "中", false},
	} {
		got := separator(tc.prev, tc.k, tc.first)
		if got != tc.want || !tc.first && !(tc.prev < got && got <= tc.k) {
			t.Errorf("separator(%q, %q) = %q, want %q", tc.prev, tc.k, got, tc.want)
		}
	}
}
