package search

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Ranking constants, the same in search.js.
const (
	// MaxSyllables is how many syllables of a query are searched.
	MaxSyllables = 8
	// PrefixShards is how many shards a syllable being typed may fetch to
	// find the terms it begins; beyond that it must be followed by a
	// syllable it comes after, or match whole.
	PrefixShards = 2
	// PrefixFactor scales the score of a term a syllable only begins.
	PrefixFactor = 0.5
	// saturation is k in w/(w+k): how fast a story's weight for a term
	// stops counting.
	saturation = 4
)

// Filter restricts results to stories with the given facet keys; an empty
// key does not filter.
type Filter struct {
	Model, Department, Campaign, Year string
}

// Result is the answer to a query.
type Result struct {
	Docs    []int    // story ids, best first
	Files   []string // the index files the query read, sorted
	Unknown []string // folded syllables of the query no term is (or, typed last, begins with)
}

// Reader answers queries from the index files, loading each file once.
type Reader struct {
	load     func(name string) ([]byte, error)
	manifest manifest
	files    map[string]any // parsed files
}

// Open reads the manifest through load, which returns an index file by
// its name (relative to the index folder).
func Open(load func(name string) ([]byte, error)) (*Reader, error) {
	r := &Reader{load: load, files: map[string]any{}}
	data, err := load(ManifestFile)
	if err != nil {
		return nil, err
	}
	// The build's minifier may write numbers in exponent form (1e4).
	var m struct {
		manifest
		Docs float64 `json:"docs"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("search: %s: %w", ManifestFile, err)
	}
	r.manifest = m.manifest
	r.manifest.Docs = int(m.Docs)
	if r.manifest.Format != Format {
		return nil, fmt.Errorf("search: index format %d, want %d", r.manifest.Format, Format)
	}
	return r, nil
}

// Docs returns the number of stories in the index.
func (r *Reader) Docs() int { return r.manifest.Docs }

// Syllable is a query syllable as the ranking sees it.
type syllable struct {
	raw, fold string
	exact     bool // typed with diacritics: its spelling counts
	prefix    bool // being typed: it may begin a term
}

// plan is what a query needs from the index.
type plan struct {
	syls []syllable
	// For each syllable, the term shards to read; for the last one, when
	// it is matched through pairs, nil and pairPrefix set instead.
	termShards [][]int
	// For each syllable after the first, the pair shards of the pair it
	// makes with the one before.
	pairShards [][]int
	// Whether the last syllable, being typed, matches the terms and the
	// pairs it begins: only when they lie in at most PrefixShards shards.
	expandTerms, expandPairs bool
	// The last syllable is matched by the pairs it begins after the one
	// before it, since the terms it begins are too many.
	viaPairs bool
}

// parseQuery splits a query into the syllables the ranking uses.
func parseQuery(q string) []syllable {
	q = nfc(q)
	toks := Tokenize(q)
	if len(toks) > MaxSyllables {
		toks = toks[:MaxSyllables]
	}
	last, _ := utf8.DecodeLastRuneInString(q)
	typing := len(Tokenize(q)) <= MaxSyllables && IsWordRune(last)
	out := make([]syllable, len(toks))
	for i, t := range toks {
		out[i] = syllable{raw: t.Text, fold: t.Fold, exact: t.Text != t.Fold, prefix: typing && i == len(toks)-1}
	}
	return out
}

// shardOf returns the shard whose range holds key: the last whose first
// key is not after it (0 if key comes before every shard).
func shardOf(firsts []string, key string) int {
	i := sort.Search(len(firsts), func(i int) bool { return firsts[i] > key })
	return max(i-1, 0)
}

// prefixShards returns the shards that may hold keys beginning with p.
func prefixShards(firsts []string, p string) []int {
	if len(firsts) == 0 {
		return nil
	}
	lo := shardOf(firsts, p)
	hi := lo
	for hi+1 < len(firsts) && strings.HasPrefix(firsts[hi+1], p) {
		hi++
	}
	out := make([]int, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		out = append(out, i)
	}
	return out
}

// makePlan decides which shards a query reads.
func (r *Reader) makePlan(syls []syllable) plan {
	p := plan{syls: syls, termShards: make([][]int, len(syls)), pairShards: make([][]int, len(syls))}
	terms, pairs := r.manifest.Terms, r.manifest.Pairs
	for i, s := range syls {
		if len(terms) > 0 {
			p.termShards[i] = []int{shardOf(terms, s.fold)}
		}
		if i > 0 && len(pairs) > 0 {
			p.pairShards[i] = []int{shardOf(pairs, syls[i-1].fold+" "+s.fold)}
		}
		if !s.prefix {
			continue
		}
		if ts := prefixShards(terms, s.fold); len(ts) <= PrefixShards {
			p.termShards[i] = ts
			p.expandTerms = true
		}
		if i > 0 {
			if ps := prefixShards(pairs, syls[i-1].fold+" "+s.fold); len(ps) <= PrefixShards {
				p.pairShards[i] = ps
				p.expandPairs = true
			}
		}
		if !p.expandTerms && p.expandPairs {
			p.viaPairs = true
			p.termShards[i] = nil
		}
	}
	return p
}

// files lists the files a plan reads, sorted.
func (p plan) files() []string {
	set := map[string]bool{}
	for _, ss := range p.termShards {
		for _, s := range ss {
			set[TermsDir+strconv.Itoa(s)+".json"] = true
		}
	}
	for _, ss := range p.pairShards {
		for _, s := range ss {
			set[PairsDir+strconv.Itoa(s)+".json"] = true
		}
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// termEntry is a term of a shard.
type termEntry struct {
	variants []string
	postings string
}

func (r *Reader) termShard(i int) (map[string]termEntry, error) {
	name := TermsDir + strconv.Itoa(i) + ".json"
	if v, ok := r.files[name]; ok {
		return v.(map[string]termEntry), nil
	}
	data, err := r.load(name)
	if err != nil {
		return nil, err
	}
	var raw map[string][2]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("search: %s: %w", name, err)
	}
	out := make(map[string]termEntry, len(raw))
	for k, v := range raw {
		var e termEntry
		if err := json.Unmarshal(v[0], &e.variants); err != nil {
			return nil, fmt.Errorf("search: %s: %w", name, err)
		}
		if err := json.Unmarshal(v[1], &e.postings); err != nil {
			return nil, fmt.Errorf("search: %s: %w", name, err)
		}
		out[k] = e
	}
	r.files[name] = out
	return out, nil
}

func (r *Reader) pairShard(i int) (map[string]string, error) {
	name := PairsDir + strconv.Itoa(i) + ".json"
	if v, ok := r.files[name]; ok {
		return v.(map[string]string), nil
	}
	data, err := r.load(name)
	if err != nil {
		return nil, err
	}
	var out map[string]string
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("search: %s: %w", name, err)
	}
	r.files[name] = out
	return out, nil
}

// match is how a story matches one syllable or pair.
type match struct {
	score float64
	exact bool
}

// idf is the inverse document frequency of a term found in df of n stories.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// saturate maps a posting's weight to (0, 1).
func saturate(w int) float64 { return float64(w) / float64(w+saturation) }

// addPostings merges a term's postings into m: each story keeps the best
// score of the terms of its syllable; exact reports which of a story's
// variant masks make it an exact match.
func addPostings(m map[int]match, n int, postings string, withMask bool, factor float64, exact func(mask int) bool) error {
	nums, err := decodeNums(postings)
	if err != nil {
		return err
	}
	step := 2
	if withMask {
		step = 3
	}
	if len(nums)%step != 0 {
		return errDigits
	}
	df := len(nums) / step
	f := idf(n, df) * factor
	doc := -1
	for i := 0; i < len(nums); i += step {
		doc += nums[i] + 1
		s := f * saturate(nums[i+1])
		mask := 1
		if withMask {
			mask = nums[i+2]
		}
		old, seen := m[doc]
		if !seen || s > old.score {
			old.score = s
		}
		if exact != nil && exact(mask) {
			old.exact = true
		}
		m[doc] = old
	}
	return nil
}

// Search answers a query. The ranking:
//
//   - every syllable must match (a story is found if it has every one of
//     them, diacritics aside); a syllable being typed (the last, unless
//     the query ends with a space or punctuation) also matches the terms
//     it begins, at PrefixFactor of the score;
//   - stories come in order of E+A, then S, then newest first: E counts the
//     syllables typed with diacritics that the story spells exactly so; A
//     counts the consecutive pairs of query syllables the story has
//     together; S sums, over syllables and pairs, idf × w/(w+4), where w is
//     the story's weight for the term (see the Weight constants).
func (r *Reader) Search(q string, f Filter) (*Result, error) {
	syls := parseQuery(q)
	res := &Result{Docs: []int{}}
	if len(syls) == 0 {
		return res, nil
	}
	p := r.makePlan(syls)
	res.Files = p.files()
	n := r.manifest.Docs

	per := make([]map[int]match, len(syls))
	for i, s := range syls {
		m := map[int]match{}
		per[i] = m
		if i == len(syls)-1 && p.viaPairs {
			continue
		}
		found := false
		for _, sh := range p.termShards[i] {
			shard, err := r.termShard(sh)
			if err != nil {
				return nil, err
			}
			for term, e := range shard {
				whole := term == s.fold
				if !whole && !(s.prefix && p.expandTerms && strings.HasPrefix(term, s.fold)) {
					continue
				}
				found = true
				factor := 1.0
				if !whole {
					factor = PrefixFactor
				}
				var exact func(int) bool
				if s.exact {
					exact = exactMask(e.variants, s.raw, s.prefix && p.expandTerms)
				}
				if err := addPostings(m, n, e.postings, len(e.variants) > 1, factor, exact); err != nil {
					return nil, fmt.Errorf("search: term %q: %w", term, err)
				}
			}
		}
		if !found {
			res.Unknown = append(res.Unknown, s.fold)
		}
	}
	pairs := make([]map[int]match, len(syls))
	for i := 1; i < len(syls); i++ {
		m := map[int]match{}
		pairs[i] = m
		key := syls[i-1].fold + " " + syls[i].fold
		for _, sh := range p.pairShards[i] {
			shard, err := r.pairShard(sh)
			if err != nil {
				return nil, err
			}
			for k, postings := range shard {
				whole := k == key
				if !whole && !(syls[i].prefix && p.expandPairs && strings.HasPrefix(k, key)) {
					continue
				}
				factor := 1.0
				if !whole {
					factor = PrefixFactor
				}
				if err := addPostings(m, n, postings, false, factor, nil); err != nil {
					return nil, fmt.Errorf("search: pair %q: %w", k, err)
				}
			}
		}
		if i == len(syls)-1 && p.viaPairs {
			per[i] = m
		}
	}

	allowed, err := r.allowed(f)
	if err != nil {
		return nil, err
	}
	type ranked struct {
		doc  int
		tier int
		s    float64
	}
	var out []ranked
	for doc, m0 := range per[0] {
		if allowed != nil && !allowed[doc] {
			continue
		}
		x := ranked{doc: doc, s: m0.score}
		if m0.exact {
			x.tier++
		}
		ok := true
		for i := 1; i < len(syls); i++ {
			mi, found := per[i][doc]
			if !found {
				ok = false
				break
			}
			x.s += mi.score
			if mi.exact {
				x.tier++
			}
			if pm, adj := pairs[i][doc]; adj {
				x.tier++
				if !(i == len(syls)-1 && p.viaPairs) { // already counted as the syllable's score
					x.s += pm.score
				}
			}
		}
		if ok {
			x.s = math.Round(x.s*1e6) / 1e6
			out = append(out, x)
		}
	}
	slices.SortFunc(out, func(a, b ranked) int {
		switch {
		case a.tier != b.tier:
			return b.tier - a.tier
		case a.s != b.s:
			if a.s > b.s {
				return -1
			}
			return 1
		}
		return a.doc - b.doc
	})
	for _, x := range out {
		res.Docs = append(res.Docs, x.doc)
	}
	return res, nil
}

// exactMask returns whether a posting's variant mask includes raw (or, for
// a syllable being typed, a variant it begins).
func exactMask(variants []string, raw string, prefix bool) func(int) bool {
	want := 0
	for i, v := range variants {
		if i < maxVariants && (v == raw || prefix && strings.HasPrefix(v, raw)) {
			want |= 1 << i
		}
	}
	return func(mask int) bool { return mask&want != 0 }
}

// allowed returns the stories a filter lets through, or nil for all.
func (r *Reader) allowed(f Filter) (map[int]bool, error) {
	if f == (Filter{}) {
		return nil, nil
	}
	data, err := r.load(FiltersFile)
	if err != nil {
		return nil, err
	}
	var fl filters
	if err := json.Unmarshal(data, &fl); err != nil {
		return nil, fmt.Errorf("search: %s: %w", FiltersFile, err)
	}
	n := r.manifest.Docs
	ok := make([]bool, n)
	for i := range ok {
		ok[i] = true
	}
	for _, c := range []struct {
		col column
		key string
	}{{fl.Model, f.Model}, {fl.Department, f.Department}, {fl.Year, f.Year}} {
		if c.key == "" {
			continue
		}
		vals, err := decodeColumn(c.col.Docs, n)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %w", FiltersFile, err)
		}
		want := slices.Index(c.col.Keys, c.key)
		for i, v := range vals {
			if v != want {
				ok[i] = false
			}
		}
	}
	if f.Campaign != "" {
		in := make([]bool, n)
		if c := slices.Index(fl.Campaign.Keys, f.Campaign); c >= 0 {
			nums, err := decodeNums(fl.Campaign.Lists[c])
			if err != nil {
				return nil, fmt.Errorf("search: %s: %w", FiltersFile, err)
			}
			doc := -1
			for _, g := range nums {
				doc += g + 1
				if doc < n {
					in[doc] = true
				}
			}
		}
		for i := range ok {
			ok[i] = ok[i] && in[i]
		}
	}
	out := map[int]bool{}
	for i, v := range ok {
		if v {
			out[i] = true
		}
	}
	return out, nil
}

// decodeColumn decodes a facet column of n stories.
func decodeColumn(s string, n int) ([]int, error) {
	if s == "" {
		return nil, errDigits
	}
	nums, err := decodeNums(s[1:])
	if err != nil {
		return nil, err
	}
	var vals []int
	switch s[0] {
	case '=':
		vals = nums
	case '*':
		if len(nums)%2 != 0 {
			return nil, errDigits
		}
		for i := 0; i < len(nums); i += 2 {
			for range nums[i+1] {
				vals = append(vals, nums[i])
			}
		}
	default:
		return nil, errDigits
	}
	if len(vals) != n {
		return nil, errDigits
	}
	return vals, nil
}
