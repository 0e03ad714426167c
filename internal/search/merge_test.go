package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/guong/guong/internal/vi"
)

// refIndex is the index's terms and pairs made the plain way, all stories
// at once: each term's JSON value ([variants, postings]) and each pair's
// postings, by key.
func refIndex(docs []Doc) (terms, pairs map[string]string) {
	perDoc := make([]map[string]int, len(docs))   // spelling → weight
	pairW := make([]map[string]int, len(docs))    // "a b" → weight
	pairC := make([]map[string][]int, len(docs))  // "a b" → its places in the title and person (PairCode)
	df := map[string]int{}                        // spelling → stories
	foldSpellings := map[string]map[string]bool{} // fold → spellings
	for i, d := range docs {
		sw, pw, pc := map[string]int{}, map[string]int{}, map[string][]int{}
		field := func(s string, w int) {
			prev := ""
			place := 0
			eachWord(s, nil, func(word []byte) {
				sp := string(word)
				f := vi.Fold(sp)
				if f == "" {
					return
				}
				sw[sp] += w
				if prev != "" {
					pw[prev+" "+f] += w
					c := int(PairCode(place-1, w == WeightTitle))
					if (w == WeightTitle || w == WeightPerson) && place-1 < 32 && len(pc[prev+" "+f]) < 3 && !slices.Contains(pc[prev+" "+f], c) {
						pc[prev+" "+f] = append(pc[prev+" "+f], c)
					}
				}
				prev = f
				place++
			})
		}
		text := d.Text
		if text == "" {
			text = PlainText(d.HTML)
		}
		field(d.Title, WeightTitle)
		field(d.Person, WeightPerson)
		for _, t := range d.Tags {
			field(t, WeightTags)
		}
		field(d.Model, WeightModel)
		field(d.Department, WeightDepartment)
		for _, c := range d.Campaigns {
			field(c, WeightCampaign)
		}
		field(d.Position, WeightPosition)
		field(d.Summary, WeightSummary)
		field(text, WeightText)
		perDoc[i], pairW[i], pairC[i] = sw, pw, pc
		for sp := range sw {
			df[sp]++
			f := vi.Fold(sp)
			if foldSpellings[f] == nil {
				foldSpellings[f] = map[string]bool{}
			}
			foldSpellings[f][sp] = true
		}
	}
	terms = map[string]string{}
	for f, set := range foldSpellings {
		var variants []string
		for sp := range set {
			variants = append(variants, sp)
		}
		slices.SortFunc(variants, func(a, b string) int {
			if df[a] != df[b] {
				return df[b] - df[a]
			}
			return strings.Compare(a, b)
		})
		var b []byte
		prev := -1
		for i := range docs {
			w, mask, found := 0, 0, false
			for v, sp := range variants {
				if x, ok := perDoc[i][sp]; ok {
					found = true
					w += x
					if v < maxVariants {
						mask |= 1 << v
					}
				}
			}
			if !found {
				continue
			}
			b = appendPosting(b, i-prev-1, Level(min(w, maxWeight)))
			if len(variants) > 1 {
				b = appendNum(b, mask)
			}
			prev = i
		}
		v, _ := json.Marshal(variants)
		p, _ := json.Marshal(string(b))
		terms[f] = "[" + string(v) + "," + string(p) + "]"
	}
	pairs = map[string]string{}
	last := map[string]int{}
	for i := range docs {
		keys := make([]string, 0, len(pairW[i]))
		for k := range pairW[i] {
			keys = append(keys, k)
		}
		for _, k := range keys {
			prev, ok := last[k]
			if !ok {
				prev = -1
			}
			b := appendPosting([]byte(pairs[k]), i-prev-1, Level(min(pairW[i][k], maxWeight))<<2|len(pairC[i][k]))
			for _, c := range pairC[i][k] {
				b = appendNum(b, c)
			}
			pairs[k] = string(b)
			last[k] = i
		}
	}
	return terms, pairs
}

// indexEntries returns the terms and pairs of built index files, by key:
// a term's raw JSON value, a pair's postings.
func indexEntries(t *testing.T, files []File) (terms, pairs map[string]string) {
	t.Helper()
	terms, pairs = map[string]string{}, map[string]string{}
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Name, TermsDir):
			var m map[string]json.RawMessage
			if err := json.Unmarshal(f.Data, &m); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for k, v := range m {
				terms[k] = string(v)
			}
		case strings.HasPrefix(f.Name, PairsDir):
			var m map[string]string
			if err := json.Unmarshal(f.Data, &m); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for k, v := range m {
				pairs[k] = v
			}
		}
	}
	return terms, pairs
}

// manySpellings returns the 324 spellings of the syllable "ao" (eighteen
// forms of a, each with eighteen of o), all of which fold to "ao".
func manySpellings() []string {
	as := []rune("aàáảãạăằắẳẵặâầấẩẫậ")
	os := []rune("oòóỏõọôồốổỗộơờớởỡợ")
	var out []string
	for _, a := range as {
		for _, o := range os {
			out = append(out, string([]rune{a, o}))
		}
	}
	return out
}

// variantDocs returns n stories in which the term "ao" has far more than
// 32 spellings, met for the first time in an order unlike that of their
// number of stories: late spellings become the most used, and many stories
// use several spellings, some of them the rarest.
func variantDocs(n int) []Doc {
	sp := manySpellings()[:70]
	r := rand.New(rand.NewPCG(5, 6))
	docs := make([]Doc, n)
	for i := range docs {
		var words []string
		// Spelling k appears from story k on, the later ones more often.
		for range 3 + r.IntN(6) {
			k := r.IntN(min(len(sp), i+1))
			if r.IntN(3) == 0 {
				k = min(len(sp), i+1) - 1 - r.IntN(min(5, i+1))
			}
			words = append(words, sp[k])
		}
		words = append(words, "biên", "giới", "đồn", "biên", "phòng", strconv.Itoa(i%17))
		r.Shuffle(len(words), func(a, b int) { words[a], words[b] = words[b], words[a] })
		docs[i] = Doc{
			Title:   strings.Join(words[:3], " "),
			Text:    strings.Join(words, " "),
			Summary: strings.Join(words[2:5], ", "),
			URL:     "bai-viet/" + strconv.Itoa(i) + "/",
		}
	}
	return docs
}

// TestIndexMatchesReference checks the terms, their variants and masks,
// and the pairs against the plain all-at-once reference, for a term with
// more spellings than a mask has bits, on one core and on several.
func TestIndexMatchesReference(t *testing.T) {
	for _, tc := range []struct {
		name string
		docs []Doc
	}{
		{"variants", variantDocs(600)},
		{"many", manyDocs(300)},
		{"html", []Doc{{HTML: "<p>Chị <b>Ân</b> ở <i>biên giới</i></p>"}, {Title: "Ấn an", HTML: "<p>an ân</p>"}}},
		{"none", nil},
	} {
		wantTerms, wantPairs := refIndex(tc.docs)
		if tc.name == "variants" {
			var v [2]json.RawMessage
			var variants []string
			if json.Unmarshal([]byte(wantTerms["ao"]), &v) != nil || json.Unmarshal(v[0], &variants) != nil || len(variants) <= 40 {
				t.Fatalf("the test needs a term of more than 40 variants: %.200s", wantTerms["ao"])
			}
		}
		for _, procs := range []int{1, runtime.GOMAXPROCS(0)} {
			prev := runtime.GOMAXPROCS(procs)
			files := Build(tc.docs, facets, Options{ShardSize: 512})
			runtime.GOMAXPROCS(prev)
			terms, pairs := indexEntries(t, files)
			compareEntries(t, tc.name+" terms", terms, wantTerms)
			compareEntries(t, tc.name+" pairs", pairs, wantPairs)
		}
	}
}

func compareEntries(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, cmp.Compare)
	bad := 0
	for _, k := range keys {
		if got[k] != want[k] {
			if bad++; bad <= 5 {
				t.Errorf("%s: %q = %.300s\nwant %.300s", what, k, got[k], want[k])
			}
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d entries differ in all", what, bad)
	}
}

// TestIndexerAnyOrder: stories handed to an Indexer from several
// goroutines at once, each taking the next few and adding them backwards,
// make the same files as Build, byte for byte, though a parser parses
// them out of order; an abandoned Indexer releases the Adds that wait.
func TestIndexerAnyOrder(t *testing.T) {
	docs := variantDocs(600)
	want := Build(docs, facets, Options{ShardSize: 512})
	var got []File
	x := NewIndexer(len(docs), facets, Options{ShardSize: 512}, func(f File) { got = append(got, f) })
	const block = 16
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for start := int(next.Add(block) - block); start < len(docs); start = int(next.Add(block) - block) {
				for i := min(start+block, len(docs)) - 1; i >= start; i-- {
					x.Add(i, docs[i])
				}
			}
		})
	}
	wg.Wait()
	x.Finish()
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Fatalf("file %d is %s (%d bytes), want %s (%d bytes) as Build made it", i, got[i].Name, len(got[i].Data), want[i].Name, len(want[i].Data))
		}
	}

	stopped := NewIndexer(len(docs), facets, Options{}, func(File) {})
	var adds sync.WaitGroup
	adds.Go(func() { stopped.Add(len(docs)-1, docs[len(docs)-1]) }) // far ahead: waits for room
	stopped.Abandon()
	adds.Wait()
}
