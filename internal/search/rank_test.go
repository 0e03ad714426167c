package search_test

// The ranking's tests. The ranking is the theme's search-core.js, which
// readers' browsers run; these tests run it in goja (see package jstest)
// over index files written by Build.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/internal/search/jstest"
)

// open builds docs into memory and opens them with the core.
func open(t *testing.T, docs []search.Doc, opts search.Options) (*jstest.Index, map[string][]byte) {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range search.Build(docs, search.TestFacets, opts) {
		files[f.Name] = f.Data
	}
	ix, err := jstest.Open(func(name string) ([]byte, error) {
		if d, ok := files[name]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("no file %s", name)
	})
	if err != nil {
		t.Fatal(err)
	}
	return ix, files
}

// searchT answers q as submitted.
func searchT(t *testing.T, ix *jstest.Index, q string, f jstest.Filter) *jstest.Result {
	t.Helper()
	return searchAs(t, ix, q, f, false)
}

// searchAs answers q as submitted, or while it is typed.
func searchAs(t *testing.T, ix *jstest.Index, q string, f jstest.Filter, typing bool) *jstest.Result {
	t.Helper()
	search := ix.Search
	if typing {
		search = ix.SearchTyping
	}
	res, err := search(q, f)
	if err != nil {
		t.Fatalf("Search(%q, typing %v): %v", q, typing, err)
	}
	return res
}

func TestRanking(t *testing.T) {
	ix, _ := open(t, search.TestCorpus, search.Options{})
	type F = jstest.Filter
	for _, tc := range []struct {
		name, q string
		f       F
		want    []int
		typing  bool
	}{
		// 1 has them together in its title; 5 twice in its text, 4 once;
		// 0 has both in its title, apart.
		{"no diacritics finds every spelling; together first, then by weight", "bien gioi", F{}, []int{1, 5, 4, 0}, false},
		{"diacritics typed find the same stories in the same order", "biên giới", F{}, []int{1, 5, 4, 0}, false},
		{"typed with diacritics, the exact spelling first", "Ân ", F{}, []int{3, 2}, false},
		{"typed without, the heavier and newer first", "an ", F{}, []int{2, 3}, false},
		{"a diacritic no story has ranks as none", "ẩn ", F{}, []int{2, 3}, false},
		{"the last syllable, being typed, also begins words (anh)", "Ân", F{}, []int{3, 2, 0}, true},
		{"submitted, the last syllable is whole", "Ân", F{}, []int{3, 2}, false},
		{"d finds đ", "dang van dong", F{}, []int{4}, false},
		{"đ typed finds it too", "Đặng Văn Đông", F{}, []int{4}, false},
		{"every syllable must match", "bien xyz ", F{}, []int{}, false},
		{"the syllable being typed begins words", "nguyen va", F{}, []int{3}, true},
		{"submitted, it does not", "nguyen va", F{}, []int{}, false},
		{"a syllable followed by punctuation is whole", "nguyen va!", F{}, []int{}, true},
		{"case does not matter", "HOÀNG THỊ LAN", F{}, []int{1}, false},
		{"decomposed input", "ho\u0300ang thi\u0323 lan", F{}, []int{1}, false},
		{"a filter by model type", "bien gioi", F{Model: "dan-van-kheo"}, []int{1, 4}, false},
		{"a filter by campaign and year", "bien", F{Campaign: "bien-gioi", Year: "2023"}, []int{4}, false},
		{"a filter by an unknown key lets nothing through", "bien", F{Model: "khong-co"}, []int{}, false},
		{"an empty query", " ,, ", F{}, []int{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := searchAs(t, ix, tc.q, tc.f, tc.typing)
			if !slices.Equal(res.Docs, tc.want) {
				t.Errorf("Search(%q, typing %v) = %v, want %v", tc.q, tc.typing, res.Docs, tc.want)
			}
		})
	}
	res := searchT(t, ix, "bien xyz ", jstest.Filter{})
	if !slices.Equal(res.Unknown, []string{"xyz"}) {
		t.Errorf("Unknown = %q, want [xyz]", res.Unknown)
	}
}

// TestFilterCounts: each option of a facet counts the results the other
// facets' choices let through.
func TestFilterCounts(t *testing.T) {
	ix, _ := open(t, search.TestCorpus, search.Options{})
	res := searchT(t, ix, "bien", jstest.Filter{Campaign: "bien-gioi", Year: "2023"})
	// "bien": 0, 1, 4, 5. In the campaign: 1 (2024) and 4 (2023).
	// Years (TestFacets: 2025, 2024, 2023, 2022) count the campaign's;
	// the campaign counts 2023's.
	if got, want := res.Counts["year"], []int{0, 1, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("year counts %v, want %v", got, want)
	}
	if got, want := res.Counts["campaign"], []int{1}; !slices.Equal(got, want) {
		t.Errorf("campaign counts %v, want %v", got, want)
	}
	if got, want := res.Counts["model"], []int{0, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("model counts %v, want %v", got, want)
	}
	if !slices.Equal(res.Ranked, []int{1, 5, 4, 0}) && len(res.Ranked) != 4 {
		t.Errorf("before the filters: %v, want the four stories with bien", res.Ranked)
	}
}

// TestTieBreak: stories that score the same come newest first (lowest id).
func TestTieBreak(t *testing.T) {
	docs := make([]search.Doc, 5)
	for i := range docs {
		docs[i] = search.Doc{Title: "Gương sáng", ModelKey: "chuyen-mon"}
	}
	ix, _ := open(t, docs, search.Options{})
	if res := searchT(t, ix, "guong sang", jstest.Filter{}); !slices.Equal(res.Docs, []int{0, 1, 2, 3, 4}) {
		t.Errorf("Docs = %v, want 0…4", res.Docs)
	}
}

// TestPrefixScore: a syllable being typed matches the terms it begins,
// but below the term it is.
func TestPrefixScore(t *testing.T) {
	docs := []search.Doc{{Title: "Anh Ba"}, {Title: "An Ba"}}
	ix, _ := open(t, docs, search.Options{})
	if res := searchAs(t, ix, "ba an", jstest.Filter{}, true); !slices.Equal(res.Docs, []int{1, 0}) {
		t.Errorf("typing ba an: %v, want the whole an first", res.Docs)
	}
	if res := searchAs(t, ix, "ba an ", jstest.Filter{}, true); !slices.Equal(res.Docs, []int{1}) {
		t.Errorf("ba an, typed: %v, want only the whole an", res.Docs)
	}
	if res := searchT(t, ix, "ba an", jstest.Filter{}); !slices.Equal(res.Docs, []int{1}) {
		t.Errorf("ba an, submitted: %v, want only the whole an", res.Docs)
	}
}

// TestSuggest: an empty answer suggests a near spelling, as most stories
// spell it, or the query with a syllable fewer.
func TestSuggest(t *testing.T) {
	ix, _ := open(t, search.TestCorpus, search.Options{})
	res := searchT(t, ix, "bien gioj ", jstest.Filter{})
	if len(res.Docs) != 0 || res.Suggest == nil || res.Suggest.DidYouMean != "biên giới" {
		t.Errorf("bien gioj: %v, suggestion %+v, want none and biên giới", res.Docs, res.Suggest)
	}
	res = searchT(t, ix, "hoang thi tuan ", jstest.Filter{})
	if len(res.Docs) != 0 || res.Suggest == nil || res.Suggest.DidYouMean != "" {
		t.Fatalf("hoang thi tuan: %v, suggestion %+v, want none and no spelling", res.Docs, res.Suggest)
	}
	var got []string
	for _, f := range res.Suggest.Fewer {
		got = append(got, fmt.Sprintf("%s (%d)", f.Q, f.Count))
	}
	// Without tuan: Lan (1); without thi: nobody; without hoang: nobody.
	if want := []string{"hoang thi (1)"}; !slices.Equal(got, want) {
		t.Errorf("fewer words: %q, want %q", got, want)
	}
	if res := searchT(t, ix, "bien", jstest.Filter{}); res.Suggest != nil {
		t.Errorf("a suggestion for an answer with results: %+v", res.Suggest)
	}
}

// TestTokenizeAsIndexed: the core cuts and folds a query as the index
// cut and folded the stories.
func TestTokenizeAsIndexed(t *testing.T) {
	c, err := jstest.NewCore()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Dân vận khéo!", "ĐƯỜNG biên-giới", "ho\u0300ang thi\u0323 Ân", "Quyết định 123/QĐ-UBND",
		"a😀b", "xong ↩︎", "l’été", " – … ", "ªµº×÷ Ǆǅǆ ﬁ Ⅻ 中文 ＡＢＣ", "Ōsaka Øresund Łódź ħ ŧ ı İstanbul", "ΟΔΟΣ ΣΟΦΙΑΣ"}
	for _, d := range search.ManyDocs(20) {
		texts = append(texts, d.Text)
	}
	for _, d := range search.TestCorpus {
		texts = append(texts, d.Title, d.Person, d.Text)
	}
	for _, s := range texts {
		var want []jstest.Token
		for _, tok := range search.Tokenize(s) {
			want = append(want, jstest.Token{Raw: tok.Text, Fold: tok.Fold})
		}
		got, err := c.Tokenize(s)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("tokenize(%q):\n core %v\n Go   %v", s, got, want)
		}
		// Words as written, not lowered, fold the same too (the page
		// folds them to highlight them).
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !search.IsWordRune(r) }) {
			f, err := c.Fold(w)
			if err != nil {
				t.Fatal(err)
			}
			if want := search.Fold(w); f != want {
				t.Errorf("fold(%q) = %q, Go %q", w, f, want)
			}
		}
	}
}

func TestShardSelection(t *testing.T) {
	ix, files := open(t, search.ManyDocs(300), search.Options{ShardSize: 512})
	m, err := ix.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	terms, pairs := m.Terms, m.Pairs
	if len(terms) < 10 || len(pairs) < 10 {
		t.Fatalf("%d term shards and %d pair shards: too few to test the selection", len(terms), len(pairs))
	}
	c, err := jstest.NewCore()
	if err != nil {
		t.Fatal(err)
	}
	// Every term and pair lies in the shard the manifest points to.
	for _, kind := range []struct {
		dir    string
		firsts []string
	}{{search.TermsDir, terms}, {search.PairsDir, pairs}} {
		for i := range kind.firsts {
			name := fmt.Sprintf("%s%d.json", kind.dir, i)
			for _, key := range shardKeys(t, files[name]) {
				if got, err := c.ShardOf(kind.firsts, key); err != nil || got != i {
					t.Errorf("%q is in %s, the core looks in shard %d (%v)", key, name, got, err)
				}
			}
		}
	}
	const prefixShards = 2 // PREFIX_SHARDS in search-core.js
	for _, tc := range []struct {
		q    string
		want []string // keys the files must hold; at most one file each
	}{
		{"bien gioi ", []string{"u:bien", "u:gioi", "b:bien gioi"}},
		{"Đường", []string{"u:duong"}}, // a single prefix range, or the term's shard
		{"dan van kheo ", []string{"u:dan", "u:van", "u:kheo", "b:dan van", "b:van kheo"}},
	} {
		res := searchT(t, ix, tc.q, jstest.Filter{})
		if len(res.Files) > len(tc.want)+prefixShards-1 {
			t.Errorf("%q reads %d files %v, want at most %d", tc.q, len(res.Files), res.Files, len(tc.want)+prefixShards-1)
		}
		for _, k := range tc.want {
			dir, key := search.TermsDir, k[2:]
			if k[0] == 'b' {
				dir = search.PairsDir
			}
			found := false
			for _, f := range res.Files {
				if strings.HasPrefix(f, dir) && bytes.Contains(files[f], []byte(`"`+key+`":`)) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: none of %v holds %q", tc.q, res.Files, key)
			}
		}
	}
	// A syllable being typed whose terms span many shards is matched whole,
	// or through the pairs it makes with the syllable before.
	if res := searchAs(t, ix, "g", jstest.Filter{}, true); len(res.Files) != 1 {
		t.Errorf("typing g reads %v, want one shard", res.Files)
	}
	if res := searchAs(t, ix, "bien g", jstest.Filter{}, true); len(res.Docs) == 0 || len(res.Files) > 1+prefixShards {
		t.Errorf("bien g: %d results from %v", len(res.Docs), res.Files)
	}
}

// shardKeys returns the keys of a shard file, in order.
func shardKeys(t *testing.T, data []byte) []string {
	t.Helper()
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		t.Fatalf("a shard is no object: %v", err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestFetches: the core fetches each file once, the manifest without the
// build's id and every other file with it, and a story's record from its
// block.
func TestFetches(t *testing.T) {
	// A number of stories that leaves the last file of fragments short
	// (search.DocsPerFile is 2 or more).
	docs := search.ManyDocs(31)
	ix, files := open(t, docs, search.Options{ShardSize: 512})
	m, err := ix.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"bien gioi", "bien gioi ", "bien", "dan van", "bien gioi"} {
		searchT(t, ix, q, jstest.Filter{Model: "chuyen-mon"})
	}
	for _, id := range []int{0, 1, 5, 29, 5} {
		d, err := ix.Doc(id)
		if err != nil || d == nil || d.URL != docs[id].URL {
			t.Errorf("Doc(%d) = %+v (%v), want %s", id, d, err, docs[id].URL)
		}
	}
	if d, err := ix.Doc(31); err != nil || d != nil {
		t.Errorf("Doc(31) of 31 = %+v (%v), want none", d, err)
	}
	fetched, err := ix.Fetched()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, f := range fetched {
		name, v, _ := strings.Cut(f, "?v=")
		if seen[name] {
			t.Errorf("%s fetched twice", name)
		}
		seen[name] = true
		if _, ok := files[name]; !ok {
			t.Errorf("fetched %s, which the index does not have", name)
		}
		if (i == 0) != (name == search.ManifestFile) || name != search.ManifestFile && v != m.Build {
			t.Errorf("fetch %d: %s", i, f)
		}
	}
	if !seen[search.FiltersFile] || !seen[fmt.Sprintf("%s%d.json", search.DocsDir, 29/search.DocsPerFile)] {
		t.Errorf("fetched %v: no filters or the block of story 29", fetched)
	}
}
