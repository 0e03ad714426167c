package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/guong/guong/internal/vi"
)

// Doc is a story as the index sees it.
type Doc struct {
	URL        string   // relative to the site's base URL: "bai-viet/lan/"
	Title      string   // indexed and shown
	Person     string   // indexed and shown
	Position   string   // indexed
	Department string   // the department's name: indexed and shown
	Model      string   // the model type's name: indexed
	Campaigns  []string // the campaigns' titles: indexed
	Tags       []string // indexed
	Summary    string   // the summary as written: indexed
	Excerpt    string   // shown when no passage of Text matches
	Text       string   // the story's plain text: indexed, and searched for a snippet
	Date       string   // as shown: "11/6/2023"
	ISODate    string   // for <time datetime>

	// Facets: keys of Facets' lists.
	ModelKey      string
	DepartmentKey string
	Year          string
	CampaignKeys  []string
}

// Facets lists, in the order a search page offers them, the keys stories
// can be filtered by.
type Facets struct {
	Models      []string
	Departments []string
	Campaigns   []string
	Years       []string
}

// Options tune the index.
type Options struct {
	// ShardSize is the size in bytes a shard grows to before the next one
	// starts; 0 means DefaultShardSize. A term bigger than that has a shard
	// to itself.
	ShardSize int
	// TextLimit caps, in bytes, the text of a story kept for snippets; 0
	// means DefaultTextLimit. The whole text is indexed all the same.
	TextLimit int
}

// Defaults of Options.
const (
	DefaultShardSize = 24 << 10
	DefaultTextLimit = 6000
)

// File is one file of the index, relative to the index folder.
type File struct {
	Name string
	Data []byte
}

// Build indexes docs and returns the index files, the manifest last. The
// same input always gives the same bytes.
func Build(docs []Doc, facets Facets, opts Options) []File {
	if opts.ShardSize <= 0 {
		opts.ShardSize = DefaultShardSize
	}
	if opts.TextLimit <= 0 {
		opts.TextLimit = DefaultTextLimit
	}
	parsed := parseDocs(docs, opts)
	ix := merge(parsed, len(docs))

	var files []File
	for i, d := range parsed {
		files = append(files, File{Name: DocsDir + strconv.Itoa(i) + ".json", Data: d.fragment})
	}
	files = append(files, File{Name: FiltersFile, Data: filtersJSON(docs, facets)})
	termShards, termKeys := shard(ix.termEntries(), opts.ShardSize)
	for i, s := range termShards {
		files = append(files, File{Name: TermsDir + strconv.Itoa(i) + ".json", Data: s})
	}
	pairShards, pairKeys := shard(ix.pairEntries(), opts.ShardSize)
	for i, s := range pairShards {
		files = append(files, File{Name: PairsDir + strconv.Itoa(i) + ".json", Data: s})
	}
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
	}
	m := manifest{
		Format: Format,
		Build:  hex.EncodeToString(h.Sum(nil))[:12],
		Docs:   len(docs),
		Terms:  termKeys,
		Pairs:  pairKeys,
	}
	files = append(files, File{Name: ManifestFile, Data: marshal(m)})
	return files
}

// manifest is manifest.json.
type manifest struct {
	Format int      `json:"format"`
	Build  string   `json:"build"`
	Docs   int      `json:"docs"`
	Terms  []string `json:"terms"`
	Pairs  []string `json:"pairs"`
}

// A fragment, d/<id>.json, is an object of strings: title, url, person,
// model (the model type's key), department (its name), date (as shown), iso
// (the date for <time datetime>), summary, text.

// appendObject appends a JSON object of string keys and values given in
// turn.
func appendObject(b []byte, kv ...string) []byte {
	b = append(b, '{')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, kv[i])
		b = append(b, ':')
		b = appendString(b, kv[i+1])
	}
	return append(b, '}')
}

// appendString appends s as a JSON string. s is valid UTF-8.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// marshal encodes v as JSON without HTML escaping and without a final newline.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers and slices of them
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// hit is the weight of one spelling in one story.
type hit struct {
	term int32 // the worker's id of the spelling
	w    int32
}

// pairHit is the weight of a pair of consecutive folded syllables in one story.
type pairHit struct {
	pair uint64 // the worker's fold ids: first<<32 | second
	w    int32
}

// parsedDoc is what a worker makes of a story.
type parsedDoc struct {
	lex      *lexicon
	hits     []hit
	pairs    []pairHit
	fragment []byte
}

// lexicon interns the spellings and folded forms one worker meets.
type lexicon struct {
	short    map[uint64]int32 // spelling of at most 8 bytes, packed → id
	ids      map[string]int32 // longer spelling → id
	spelling []string
	fold     []int32 // spelling id → fold id
	foldIDs  map[string]int32
	folds    []string
}

// intern returns the id of spelling w, or -1 if w folds to nothing.
func (l *lexicon) intern(w []byte) int32 {
	var key uint64
	if len(w) <= 8 {
		for _, c := range w {
			key = key<<8 | uint64(c)
		}
		if id, ok := l.short[key]; ok {
			return id
		}
	} else if id, ok := l.ids[string(w)]; ok {
		return id
	}
	s := string(w)
	f := vi.Fold(s)
	if f == "" {
		id := int32(-1)
		if len(w) <= 8 {
			l.short[key] = id
		} else {
			l.ids[s] = id
		}
		return id
	}
	id := int32(len(l.spelling))
	if len(w) <= 8 {
		l.short[key] = id
	} else {
		l.ids[s] = id
	}
	l.spelling = append(l.spelling, s)
	fid, ok := l.foldIDs[f]
	if !ok {
		fid = int32(len(l.folds))
		l.foldIDs[f] = fid
		l.folds = append(l.folds, f)
	}
	l.fold = append(l.fold, fid)
	return id
}

// parseDocs tokenizes every story on every core. Each worker has its own
// lexicon; merge reconciles them by spelling, so the result does not depend
// on which worker took which story.
func parseDocs(docs []Doc, opts Options) []parsedDoc {
	out := make([]parsedDoc, len(docs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := docParser{lex: &lexicon{short: map[uint64]int32{}, ids: map[string]int32{}, foldIDs: map[string]int32{}}, pairs: map[uint64]int32{}}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(docs) {
					return
				}
				out[i] = p.parse(&docs[i], opts)
			}
		}()
	}
	wg.Wait()
	return out
}

// docParser tokenizes stories for one worker, reusing its buffers.
type docParser struct {
	lex     *lexicon
	weight  []int32 // by spelling id, for the current story
	touched []int32
	pairs   map[uint64]int32
	buf     []byte
}

func (p *docParser) parse(d *Doc, opts Options) parsedDoc {
	p.field(d.Title, WeightTitle)
	p.field(d.Person, WeightPerson)
	for _, t := range d.Tags {
		p.field(t, WeightTags)
	}
	p.field(d.Model, WeightModel)
	p.field(d.Department, WeightDepartment)
	for _, c := range d.Campaigns {
		p.field(c, WeightCampaign)
	}
	p.field(d.Position, WeightPosition)
	p.field(d.Summary, WeightSummary)
	p.field(d.Text, WeightText)

	out := parsedDoc{lex: p.lex, hits: make([]hit, 0, len(p.touched)), pairs: make([]pairHit, 0, len(p.pairs))}
	for _, id := range p.touched {
		out.hits = append(out.hits, hit{term: id, w: p.weight[id]})
		p.weight[id] = 0
	}
	p.touched = p.touched[:0]
	for k, w := range p.pairs {
		out.pairs = append(out.pairs, pairHit{pair: k, w: w})
	}
	clear(p.pairs)
	out.fragment = appendObject(nil,
		"title", d.Title, "url", d.URL, "person", d.Person, "model", d.ModelKey, "department", d.Department,
		"date", d.Date, "iso", d.ISODate, "summary", d.Excerpt, "text", truncate(d.Text, opts.TextLimit))
	return out
}

// field indexes the syllables of s, and each pair of consecutive ones,
// with weight w. s is NFC, as all of guong's content is.
func (p *docParser) field(s string, w int32) {
	prev := int32(-1)
	p.buf = eachWord(s, p.buf, func(word []byte) {
		id := p.lex.intern(word)
		if id < 0 {
			return
		}
		if int(id) >= len(p.weight) {
			p.weight = append(p.weight, make([]int32, int(id)+1-len(p.weight)+len(p.weight)/2)...)
		}
		if p.weight[id] == 0 {
			p.touched = append(p.touched, id)
		}
		p.weight[id] += w
		f := p.lex.fold[id]
		if prev >= 0 {
			p.pairs[uint64(prev)<<32|uint64(f)] += w
		}
		prev = f
	})
}

// truncate cuts s to at most n bytes, at a space if there is one near the end.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > cut*3/4 {
		cut = i
	}
	return s[:cut]
}

// posting is a term's occurrence in one story.
type posting struct {
	doc  int32
	w    int32
	mask uint32
}

// pairPosting packs a story id and a weight: doc<<10 | w.
type pairPosting uint32

// merged is the whole index in memory, with global ids.
type merged struct {
	folds    []string    // by fold id
	variants [][]string  // by fold id: spellings, most used first
	postings [][]posting // by fold id
	pairKeys []uint64    // fold ids: first<<32 | second
	pairs    [][]pairPosting
}

// merge gives every spelling and folded form a global id and gathers the
// postings of every term and pair, story by story.
func merge(parsed []parsedDoc, n int) *merged {
	m := &merged{}
	foldIDs := map[string]int32{}
	spellIDs := map[string]int32{}
	var spellFold []int32
	var spellings []string
	type maps struct{ spell, fold []int32 }
	local := map[*lexicon]*maps{}
	for _, d := range parsed {
		if local[d.lex] != nil {
			continue
		}
		lm := &maps{}
		local[d.lex] = lm
		for _, f := range d.lex.folds {
			id, ok := foldIDs[f]
			if !ok {
				id = int32(len(m.folds))
				foldIDs[f] = id
				m.folds = append(m.folds, f)
			}
			lm.fold = append(lm.fold, id)
		}
		for i, s := range d.lex.spelling {
			id, ok := spellIDs[s]
			if !ok {
				id = int32(len(spellings))
				spellIDs[s] = id
				spellings = append(spellings, s)
				spellFold = append(spellFold, lm.fold[d.lex.fold[i]])
			}
			lm.spell = append(lm.spell, id)
		}
	}
	// Variants: each folded form's spellings, the most used first.
	df := make([]int32, len(spellings))
	for _, d := range parsed {
		lm := local[d.lex]
		for _, h := range d.hits {
			df[lm.spell[h.term]]++
		}
	}
	m.variants = make([][]string, len(m.folds))
	bySpelling := make([][]int32, len(m.folds))
	for s, f := range spellFold {
		bySpelling[f] = append(bySpelling[f], int32(s))
	}
	bit := make([]uint32, len(spellings))
	for f, ss := range bySpelling {
		slices.SortFunc(ss, func(a, b int32) int {
			if df[a] != df[b] {
				return int(df[b] - df[a])
			}
			return strings.Compare(spellings[a], spellings[b])
		})
		for i, s := range ss {
			m.variants[f] = append(m.variants[f], spellings[s])
			if i < maxVariants {
				bit[s] = 1 << i
			}
		}
	}

	// Terms and pairs are gathered at the same time.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m.postings = make([][]posting, len(m.folds))
		accW := make([]int32, len(m.folds))
		accMask := make([]uint32, len(m.folds))
		var touched []int32
		for doc, d := range parsed {
			lm := local[d.lex]
			for _, h := range d.hits {
				s := lm.spell[h.term]
				f := spellFold[s]
				if accW[f] == 0 {
					touched = append(touched, f)
				}
				accW[f] += h.w
				accMask[f] |= bit[s]
			}
			for _, f := range touched {
				m.postings[f] = append(m.postings[f], posting{doc: int32(doc), w: min(accW[f], maxWeight), mask: accMask[f]})
				accW[f], accMask[f] = 0, 0
			}
			touched = touched[:0]
		}
	}()
	pairIndex := map[uint64]int32{}
	for doc, d := range parsed {
		lm := local[d.lex]
		for _, p := range d.pairs {
			key := uint64(lm.fold[p.pair>>32])<<32 | uint64(lm.fold[uint32(p.pair)])
			i, ok := pairIndex[key]
			if !ok {
				i = int32(len(m.pairKeys))
				pairIndex[key] = i
				m.pairKeys = append(m.pairKeys, key)
				m.pairs = append(m.pairs, nil)
			}
			m.pairs[i] = append(m.pairs[i], pairPosting(uint32(doc)<<10|uint32(min(p.w, maxWeight))))
		}
	}
	wg.Wait()
	return m
}

// entry is a term or pair with the JSON of its value in a shard.
type entry struct {
	key   string
	value []byte
}

// termEntries returns the terms sorted, with their variants and postings.
func (m *merged) termEntries() []entry {
	order := make([]int, len(m.folds))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(m.folds[a], m.folds[b]) })
	out := make([]entry, 0, len(order))
	for _, f := range order {
		var v []byte
		v = append(v, '[')
		v = append(v, marshal(m.variants[f])...)
		v = append(v, ',', '"')
		multi := len(m.variants[f]) > 1
		prev := int32(-1)
		for _, p := range m.postings[f] {
			v = appendNum(v, int(p.doc-prev-1))
			v = appendNum(v, int(p.w))
			if multi {
				v = appendNum(v, int(p.mask))
			}
			prev = p.doc
		}
		v = append(v, '"', ']')
		out = append(out, entry{key: m.folds[f], value: v})
	}
	return out
}

// pairEntries returns the pairs sorted, with their postings.
func (m *merged) pairEntries() []entry {
	out := make([]entry, len(m.pairKeys))
	for i, k := range m.pairKeys {
		var v []byte
		v = append(v, '"')
		prev := int32(-1)
		for _, p := range m.pairs[i] {
			doc := int32(p >> 10)
			v = appendNum(v, int(doc-prev-1))
			v = appendNum(v, int(p&1023))
			prev = doc
		}
		v = append(v, '"')
		out[i] = entry{key: m.folds[k>>32] + " " + m.folds[uint32(k)], value: v}
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	return out
}

// shard cuts sorted entries into JSON objects of about size bytes and
// returns them with the first key of each.
func shard(entries []entry, size int) (shards [][]byte, firsts []string) {
	var cur []byte
	for _, e := range entries {
		if len(cur) == 0 {
			firsts = append(firsts, e.key)
			cur = append(cur, '{')
		} else {
			cur = append(cur, ',')
		}
		cur = appendString(cur, e.key)
		cur = append(cur, ':')
		cur = append(cur, e.value...)
		if len(cur) >= size {
			shards = append(shards, append(cur, '}'))
			cur = nil
		}
	}
	if len(cur) > 0 {
		shards = append(shards, append(cur, '}'))
	}
	if firsts == nil {
		firsts = []string{}
	}
	return shards, firsts
}

// filters is filters.json: for each facet, its keys in the page's order and
// the stories' values. A column ("docs") gives each story's value as an
// index in keys (len(keys) for none), either one number per story after
// "=", or pairs of value and run length after "*", whichever is shorter.
// Campaigns, of which a story has any number, are lists of story ids
// ("lists", one per key, gaps as in postings).
type filters struct {
	Model      column   `json:"model"`
	Department column   `json:"department"`
	Year       column   `json:"year"`
	Campaign   campaign `json:"campaign"`
}

type column struct {
	Keys []string `json:"keys"`
	Docs string   `json:"docs"`
}

type campaign struct {
	Keys  []string `json:"keys"`
	Lists []string `json:"lists"`
}

func filtersJSON(docs []Doc, f Facets) []byte {
	col := func(keys []string, value func(*Doc) string) column {
		pos := map[string]int{}
		for i, k := range keys {
			pos[k] = i
		}
		vals := make([]int, len(docs))
		for i := range docs {
			v, ok := pos[value(&docs[i])]
			if !ok {
				v = len(keys)
			}
			vals[i] = v
		}
		plain := []byte{'='}
		for _, v := range vals {
			plain = appendNum(plain, v)
		}
		rle := []byte{'*'}
		for i := 0; i < len(vals); {
			j := i
			for j < len(vals) && vals[j] == vals[i] {
				j++
			}
			rle = appendNum(appendNum(rle, vals[i]), j-i)
			i = j
		}
		if len(rle) < len(plain) {
			plain = rle
		}
		return column{Keys: nonNil(keys), Docs: string(plain)}
	}
	out := filters{
		Model:      col(f.Models, func(d *Doc) string { return d.ModelKey }),
		Department: col(f.Departments, func(d *Doc) string { return d.DepartmentKey }),
		Year:       col(f.Years, func(d *Doc) string { return d.Year }),
		Campaign:   campaign{Keys: nonNil(f.Campaigns), Lists: make([]string, len(f.Campaigns))},
	}
	for c, key := range f.Campaigns {
		var b []byte
		prev := -1
		for i := range docs {
			if slices.Contains(docs[i].CampaignKeys, key) {
				b = appendNum(b, i-prev-1)
				prev = i
			}
		}
		out.Campaign.Lists[c] = string(b)
	}
	return marshal(out)
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
