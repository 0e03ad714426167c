package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	bits32 "math/bits"
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
	// HTML, when Text is empty, is the story's body, whose PlainText is
	// then its text: made while indexing, one story at a time, so that the
	// texts of every story are never all in memory at once.
	HTML    string
	Date    string // as shown: "11/6/2023"
	ISODate string // for <time datetime>

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
	DefaultShardSize = 8 << 10
	DefaultTextLimit = 1000
)

// File is one file of the index, relative to the index folder.
type File struct {
	Name string
	Data []byte
}

// Build indexes docs and returns the index files: the fragment files in
// order, filters.json, the term shards, the pair shards and the manifest.
// The same input always gives the same bytes.
func Build(docs []Doc, facets Facets, opts Options) []File {
	var mu sync.Mutex
	var frags, rest []File
	Write(docs, facets, opts, func(f File) {
		mu.Lock()
		defer mu.Unlock()
		if strings.HasPrefix(f.Name, DocsDir) {
			frags = append(frags, f)
		} else {
			rest = append(rest, f)
		}
	})
	slices.SortFunc(frags, func(a, b File) int { return cmp.Compare(fileNumber(a.Name), fileNumber(b.Name)) })
	return append(frags, rest...)
}

// fileNumber returns the number of a numbered file: "d/12.json" → 12.
func fileNumber(name string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(name[strings.LastIndexByte(name, '/')+1:], ".json"))
	return n
}

// Write indexes docs and hands each index file to emit as soon as it is
// made, so that the whole index is never in memory at once: the fragment
// files while the stories are read (from several goroutines at once), then
// filters.json, the term shards, the pair shards, and the manifest last.
func Write(docs []Doc, facets Facets, opts Options, emit func(File)) {
	WriteFunc(len(docs), func(i int) Doc { return docs[i] }, facets, opts, emit)
}

// WriteFunc is Write for n stories made by doc, which is called once for
// each, from several goroutines at once, when the index needs the story:
// the stories' Docs are never all in memory at once.
func WriteFunc(n int, doc func(id int) Doc, facets Facets, opts Options, emit func(File)) {
	x := NewIndexer(n, facets, opts, emit)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), n)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				x.Add(i, doc(i))
			}
		})
	}
	wg.Wait()
	x.Finish()
}

// Manifest is manifest.json: what the browser reads first (see the
// package doc).
type Manifest struct {
	Format int      `json:"format"`
	Build  string   `json:"build"`
	Docs   int      `json:"docs"`
	Block  int      `json:"block"`
	Terms  []string `json:"terms"`
	Pairs  []string `json:"pairs"`
	// Surnames are the folded first syllables of the people's names, for
	// the page to tell a query that looks like a name.
	Surnames []string `json:"surnames"`
	// Levels are the weights the postings' levels stand for.
	Levels []int `json:"levels"`
}

// A fragment, item id%DocsPerFile of d/<id/DocsPerFile>.json, is an
// object of strings: title, url, person, model (the model type's key),
// department (its name), date (as shown), iso (the date for <time
// datetime>), summary (the excerpt, "" when the text begins with it),
// text (its first Options.TextLimit bytes, for the snippet).

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

// pairHit is a pair of consecutive folded syllables in one story with its
// weight, packed in 8 bytes (a story has hundreds of pairs, and a few
// hundred stories' wait to be merged): first<<37 | second<<10 | weight,
// with the worker's fold ids, below maxFolds, and the weight capped at
// maxWeight.
type pairHit uint64

func (h pairHit) first() int32  { return int32(h >> 37) }
func (h pairHit) second() int32 { return int32(h>>10) & (maxFolds - 1) }
func (h pairHit) weight() int32 { return int32(h & 1023) }

// pairCode says that a pair of a story stands at a place of its person's
// name or its title: first<<32 | second (the worker's fold ids) and the
// code, PairCode's.
type pairCode struct {
	key  uint64
	code int32
}

// maxFolds bounds a worker's fold ids for pairHit. No site comes near it:
// it would take 134 million distinct syllables; pairs of syllables beyond
// it are left out of the index (the syllables themselves are indexed).
const maxFolds = 1 << 27

// parsedDoc is what a worker makes of a story.
type parsedDoc struct {
	worker   int // which worker parsed it: hits and pairs use its ids
	hits     []hit
	pairs    []pairHit
	codes    []pairCode // where pairs stand in the person's name and the title
	surname  int32      // the worker's fold id of the person's first syllable, or -1
	fragment []byte
	// The worker's lexicon as it was once the story was parsed: its
	// entries are never changed once added, so the merger reads them
	// while the worker goes on adding more.
	spelling []string
	fold     []int32
	folds    []string
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

// docParser tokenizes stories for one worker, reusing its buffers.
type docParser struct {
	id      int    // its place among the Indexer's parsers: hits and pairs use its lexicon's ids
	text    []byte // the text of the story's HTML, made in the same memory each time
	lex     *lexicon
	weight  []int32 // by spelling id, for the current story
	touched []int32
	pairs   map[uint64]int32
	codes   []pairCode
	first   int32 // the fold id of the current field's first syllable, or -1
	buf     []byte
}

func (p *docParser) parse(d *Doc, opts Options) parsedDoc {
	p.field(d.Title, WeightTitle, fieldTitle)
	p.field(d.Person, WeightPerson, fieldPerson)
	surname := p.first
	for _, t := range d.Tags {
		p.field(t, WeightTags, -1)
	}
	p.field(d.Model, WeightModel, -1)
	p.field(d.Department, WeightDepartment, -1)
	for _, c := range d.Campaigns {
		p.field(c, WeightCampaign, -1)
	}
	p.field(d.Position, WeightPosition, -1)
	p.field(d.Summary, WeightSummary, -1)
	p.field(d.Text, WeightText, -1)

	out := parsedDoc{spelling: p.lex.spelling, fold: p.lex.fold, folds: p.lex.folds, hits: make([]hit, 0, len(p.touched)), pairs: make([]pairHit, 0, len(p.pairs)),
		codes: slices.Clone(p.codes), surname: surname}
	p.codes = p.codes[:0]
	for _, id := range p.touched {
		out.hits = append(out.hits, hit{term: id, w: p.weight[id]})
		p.weight[id] = 0
	}
	p.touched = p.touched[:0]
	for k, w := range p.pairs {
		out.pairs = append(out.pairs, pairHit(k>>32<<37|uint64(uint32(k))<<10|uint64(min(w, maxWeight))))
	}
	clear(p.pairs)
	text := truncate(d.Text, opts.TextLimit)
	excerpt := d.Excerpt
	if e := strings.TrimSpace(excerpt); e != "" && strings.HasPrefix(text, e) {
		excerpt = "" // the page shows the text's beginning: the same words
	}
	out.fragment = appendObject(nil,
		"title", d.Title, "url", d.URL, "person", d.Person, "model", d.ModelKey, "department", d.Department,
		"date", d.Date, "iso", d.ISODate, "summary", excerpt, "text", text)
	return out
}

// The fields whose pairs' places are indexed (PairCode).
const (
	fieldPerson = 0
	fieldTitle  = 1
)

// field indexes the syllables of s, and each pair of consecutive ones,
// with weight w; kind, fieldPerson or fieldTitle, also records where each
// pair stands (-1 for other fields). s is NFC, as all of guong's content
// is.
func (p *docParser) field(s string, w int32, kind int) {
	prev := int32(-1)
	pos := 0 // the place of the syllable, among those of s
	p.first = -1
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
		if pos == 0 {
			p.first = f
		}
		pos++
		if f >= maxFolds {
			prev = -1 // see maxFolds
			return
		}
		if prev >= 0 {
			key := uint64(prev)<<32 | uint64(f)
			p.pairs[key] += w
			if kind >= 0 && pos-2 < maxPairPlace {
				p.codes = append(p.codes, pairCode{key: key, code: PairCode(pos-2, kind == fieldTitle)})
			}
		}
		prev = f
	})
}

// maxPairPlace bounds the places of pairs recorded in a name or title: a
// pair beginning at syllable 32 or later of a title is indexed without one.
const maxPairPlace = 32

// maxPairCodes bounds how many places one story's posting of a pair names.
const maxPairCodes = 3

// PairCode is how a pair's posting names where the pair stands in the
// story's person's name or title: place*2, plus 1 for the title; place
// counts the syllables before the pair's first one. search-core.js reads
// it to find a query typed as a phrase of a name or title.
func PairCode(place int, title bool) int32 {
	c := int32(place) * 2
	if title {
		c++
	}
	return c
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

// termPostings are a term's postings, written as its shard has them
// (appendPosting), but for the masks, which are by slot.
type termPostings struct {
	nums  []byte // each posting's gap and weight's level
	masks []byte // each posting's mask by slot, once the term has two spellings
	n     int32  // how many postings
	last  int32  // the story of the last one, -1 before the first
}

// merged is the whole index in memory, with global ids.
type merged struct {
	folds    []string       // by fold id
	postings []termPostings // by fold id
	pairKeys []uint64       // fold ids: first<<32 | second
	pairs    [][]byte       // by pair: its postings, as its shard has them
	pairLast []int32        // by pair: the story of its last posting
	surnames []string       // the first syllables of people's names, folded, sorted

	spellings  []string
	spellFold  []int32   // by spelling id
	spellSlot  []int32   // by spelling id: its place among its fold's spellings
	foldSpells [][]int32 // by fold id: its spellings in the order of their slots
	df         []int32   // by spelling id: how many stories use it
	// extra lists, by fold<<32 | story, the spellings of slot maskSlots or
	// more (which a mask cannot hold) that the story uses.
	extra map[uint64][]int32
}

// maskSlots is how many slots a mask by slot holds: 31, so that it is a
// positive int even where int has 32 bits.
const maskSlots = 31

// merger builds the index story by story, in the stories' order.
//
// A posting's mask names variants by their rank among the fold's spellings
// by number of stories, known only once every story is merged. So the
// merger records masks by slot, each spelling's place among its fold's
// spellings in the order they were first met (slots beyond maskSlots in
// extra), and termShards turns slots into ranks.
type merger struct {
	m         *merged
	foldIDs   map[string]int32
	spellIDs  map[string]int32
	pairIndex map[uint64]int32
	local     []localIDs     // by worker
	surnames  map[int32]bool // fold ids of the first syllables of people's names
	accW      []int32        // by fold id, for the current story
	accMask   []uint32
	touched   []int32
}

// localIDs maps a worker's ids to global ones.
type localIDs struct{ spell, fold []int32 }

func newMerger(workers int) *merger {
	return &merger{
		m:         &merged{extra: map[uint64][]int32{}},
		foldIDs:   map[string]int32{},
		spellIDs:  map[string]int32{},
		pairIndex: map[uint64]int32{},
		local:     make([]localIDs, workers),
		surnames:  map[int32]bool{},
	}
}

// add merges story doc. The stories a parser parsed may come in another
// order than it parsed them: its lexicon as it was then is a prefix of its
// lexicon now, and only what is new to the merger is added.
func (g *merger) add(doc int, d *parsedDoc) {
	m := g.m
	lm := &g.local[d.worker]
	for _, f := range d.folds[min(len(lm.fold), len(d.folds)):] {
		id, ok := g.foldIDs[f]
		if !ok {
			id = int32(len(m.folds))
			g.foldIDs[f] = id
			m.folds = append(m.folds, f)
			m.postings = append(m.postings, termPostings{last: -1})
			m.foldSpells = append(m.foldSpells, nil)
			g.accW = append(g.accW, 0)
			g.accMask = append(g.accMask, 0)
		}
		lm.fold = append(lm.fold, id)
	}
	base := min(len(lm.spell), len(d.spelling))
	for i, s := range d.spelling[base:] {
		id, ok := g.spellIDs[s]
		if !ok {
			id = int32(len(m.spellings))
			g.spellIDs[s] = id
			m.spellings = append(m.spellings, s)
			f := lm.fold[d.fold[base+i]]
			m.spellFold = append(m.spellFold, f)
			m.spellSlot = append(m.spellSlot, int32(len(m.foldSpells[f])))
			m.foldSpells[f] = append(m.foldSpells[f], id)
			if len(m.foldSpells[f]) == 2 {
				// Until now every posting's mask was slot 0's bit.
				m.postings[f].masks = bytes.Repeat([]byte{digits[1]}, int(m.postings[f].n))
			}
			m.df = append(m.df, 0)
		}
		lm.spell = append(lm.spell, id)
	}

	for _, h := range d.hits {
		s := lm.spell[h.term]
		f := m.spellFold[s]
		m.df[s]++
		if g.accW[f] == 0 {
			g.touched = append(g.touched, f)
		}
		g.accW[f] += h.w
		if slot := m.spellSlot[s]; slot < maskSlots {
			g.accMask[f] |= 1 << slot
		} else {
			k := uint64(f)<<32 | uint64(doc)
			m.extra[k] = append(m.extra[k], s)
		}
	}
	for _, f := range g.touched {
		tp := &m.postings[f]
		tp.nums = appendPosting(tp.nums, doc-int(tp.last)-1, Level(int(g.accW[f])))
		if len(m.foldSpells[f]) > 1 {
			tp.masks = appendNum(tp.masks, int(g.accMask[f]))
		}
		tp.n++
		tp.last = int32(doc)
		g.accW[f], g.accMask[f] = 0, 0
	}
	g.touched = g.touched[:0]

	if d.surname >= 0 {
		g.surnames[lm.fold[d.surname]] = true
	}
	for _, p := range d.pairs {
		local := uint64(p.first())<<32 | uint64(p.second())
		key := uint64(lm.fold[p.first()])<<32 | uint64(lm.fold[p.second()])
		i, ok := g.pairIndex[key]
		if !ok {
			i = int32(len(m.pairKeys))
			g.pairIndex[key] = i
			m.pairKeys = append(m.pairKeys, key)
			m.pairs = append(m.pairs, nil)
			m.pairLast = append(m.pairLast, -1)
		}
		var codes [maxPairCodes]int32
		k := 0
		for _, c := range d.codes {
			if c.key == local && k < maxPairCodes && !slices.Contains(codes[:k], c.code) {
				codes[k] = c.code
				k++
			}
		}
		m.pairs[i] = appendPosting(m.pairs[i], doc-int(m.pairLast[i])-1, Level(int(p.weight()))<<2|k)
		for _, c := range codes[:k] {
			m.pairs[i] = appendNum(m.pairs[i], int(c))
		}
		m.pairLast[i] = int32(doc)
	}
}

// finish returns the index, once every story is merged.
// The surnames are the first syllables of the people's names and the
// common Vietnamese ones (vi.CommonSurnames), folded.
func (g *merger) finish() *merged {
	for f := range g.surnames {
		g.m.surnames = append(g.m.surnames, g.m.folds[f])
	}
	for _, s := range vi.CommonSurnames() {
		g.m.surnames = append(g.m.surnames, vi.Fold(s))
	}
	slices.Sort(g.m.surnames)
	g.m.surnames = slices.Compact(g.m.surnames)
	return g.m
}

// variants sorts the spellings of fold f, the most used first (then by
// their bytes), and returns them with, by slot, the bit of each in the
// masks of postings (0 beyond maxVariants). bits is reused.
func (m *merged) variants(f int32, bits []uint32) ([]string, []uint32) {
	ss := slices.Clone(m.foldSpells[f])
	slices.SortFunc(ss, func(a, b int32) int {
		if m.df[a] != m.df[b] {
			return int(m.df[b] - m.df[a])
		}
		return strings.Compare(m.spellings[a], m.spellings[b])
	})
	out := make([]string, len(ss))
	bits = slices.Grow(bits[:0], len(ss))[:len(ss)]
	for i, s := range ss {
		out[i] = m.spellings[s]
		bits[m.spellSlot[s]] = 0
		if i < maxVariants {
			bits[m.spellSlot[s]] = 1 << i
		}
	}
	return out, bits
}

// termShards writes the terms, sorted, with their variants and postings,
// into shards of about size bytes, handing each to emit as it is done, and
// returns the first term of each.
func (m *merged) termShards(order []int32, size int, emit func(i int, data []byte)) []string {
	w := shardWriter{size: size, emit: emit}
	var bits []uint32
	for _, f := range order {
		var variants []string
		variants, bits = m.variants(f, bits)
		tp := &m.postings[f]
		w.fit(len(m.folds[f]) + len(tp.nums) + len(tp.masks) + 8*len(variants))
		w.key(m.folds[f])
		w.cur = append(w.cur, '[')
		w.cur = append(w.cur, marshal(variants)...)
		w.cur = append(w.cur, ',', '"')
		if len(variants) == 1 {
			w.cur = append(w.cur, tp.nums...)
		} else {
			extra := len(variants) > maskSlots
			doc := -1
			for i, j := 0, 0; i < len(tp.nums); {
				start := i
				var gap, slots int
				gap, _, i = readPosting(tp.nums, i)
				w.cur = append(w.cur, tp.nums[start:i]...)
				doc += gap + 1
				slots, j = readNum(tp.masks, j)
				mask := uint32(0)
				for s := uint32(slots); s != 0; s &= s - 1 {
					mask |= bits[bits32.TrailingZeros32(s)]
				}
				if extra {
					for _, s := range m.extra[uint64(f)<<32|uint64(doc)] {
						mask |= bits[m.spellSlot[s]]
					}
				}
				w.cur = appendNum(w.cur, int(mask))
			}
		}
		w.cur = append(w.cur, '"', ']')
		*tp = termPostings{}
		w.endValue()
	}
	return w.done()
}

// pairShards writes the pairs, sorted, with their postings, into shards of
// about size bytes, handing each to emit as it is done, and returns the
// first pair of each. rank
// gives each fold id its place in the sorted terms: as folded syllables
// hold only letters and digits, which sort after the space, the pair "a b"
// sorts as (rank of a, rank of b).
func (m *merged) pairShards(rank []int32, size int, emit func(i int, data []byte)) []string {
	order := make([]int32, len(m.pairKeys))
	sortKey := make([]uint64, len(m.pairKeys))
	for i, k := range m.pairKeys {
		order[i] = int32(i)
		sortKey[i] = uint64(rank[k>>32])<<32 | uint64(rank[uint32(k)])
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(sortKey[a], sortKey[b]) })
	sortKey = nil
	w := shardWriter{size: size, emit: emit}
	for _, i := range order {
		k := m.pairKeys[i]
		w.fit(len(m.folds[k>>32]) + len(m.folds[uint32(k)]) + len(m.pairs[i]) + 6)
		w.pairKey(m.folds[k>>32], m.folds[uint32(k)])
		w.cur = append(w.cur, '"')
		w.cur = append(w.cur, m.pairs[i]...)
		w.cur = append(w.cur, '"')
		m.pairs[i] = nil
		w.endValue()
	}
	return w.done()
}

// sortedFolds returns the fold ids in the order of their strings, and each
// fold id's place in that order.
func (m *merged) sortedFolds() (order, rank []int32) {
	order = make([]int32, len(m.folds))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(m.folds[a], m.folds[b]) })
	rank = make([]int32, len(m.folds))
	for r, f := range order {
		rank[f] = int32(r)
	}
	return order, rank
}

// shardWriter cuts sorted entries into JSON objects of about size bytes: a
// shard ends after the entry that makes it size bytes or more. Entries are
// written straight into the current shard, key by key.
type shardWriter struct {
	size   int
	emit   func(i int, data []byte)
	cur    []byte
	firsts []string
	last   string // the last key written
}

// key starts an entry; its JSON value is then appended to w.cur, and
// endValue called.
func (w *shardWriter) key(k string) {
	w.open(k)
	w.last = k
	w.cur = appendString(w.cur, k)
	w.cur = append(w.cur, ':')
}

// pairKey starts the entry of the pair "a b". Folded syllables need no
// escaping.
func (w *shardWriter) pairKey(a, b string) {
	if len(w.cur) == 0 {
		w.open(a + " " + b)
	} else {
		w.open("")
	}
	w.last = a + " " + b
	w.cur = append(w.cur, '"')
	w.cur = append(w.cur, a...)
	w.cur = append(w.cur, ' ')
	w.cur = append(w.cur, b...)
	w.cur = append(w.cur, '"', ':')
}

// open begins a shard with first key k if none is under way, or separates
// the entry from the previous one. The manifest names a shard by the
// shortest beginning of its first key that sorts after the previous
// shard's last key: all a lookup needs, in fewer bytes.
func (w *shardWriter) open(k string) {
	if len(w.cur) == 0 {
		w.firsts = append(w.firsts, separator(w.last, k, len(w.firsts) == 0))
		w.cur = make([]byte, 0, w.size+w.size/2)
		w.cur = append(w.cur, '{')
	} else {
		w.cur = append(w.cur, ',')
	}
}

// separator returns the shortest beginning of k, cut between characters,
// that sorts after prev (which sorts before k): "" for the first shard.
func separator(prev, k string, first bool) string {
	if first {
		return ""
	}
	i := 0
	for i < len(prev) && i < len(k) && prev[i] == k[i] {
		i++
	}
	// k[:i] is a beginning of prev; one more character of k sorts after it.
	i++
	for i < len(k) && !utf8.RuneStart(k[i]) {
		i++
	}
	return k[:min(i, len(k))]
}

// fit ends the shard under way before an entry of about n bytes that
// would make it much bigger than size, so that a small term is not
// downloaded with a big neighbour: a shard holds size bytes at most, or
// a single entry.
func (w *shardWriter) fit(n int) {
	if len(w.cur) > 1 && len(w.cur)+n > w.size {
		w.emit(len(w.firsts)-1, append(w.cur, '}'))
		w.cur = nil
	}
}

// endValue ends an entry, and the shard if it is big enough.
func (w *shardWriter) endValue() {
	if len(w.cur) >= w.size {
		w.emit(len(w.firsts)-1, append(w.cur, '}'))
		w.cur = nil
	}
}

// done ends the last shard and returns the first keys of the shards.
func (w *shardWriter) done() []string {
	if len(w.cur) > 0 {
		w.emit(len(w.firsts)-1, append(w.cur, '}'))
		w.cur = nil
	}
	if w.firsts == nil {
		w.firsts = []string{}
	}
	return w.firsts
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

// facetKeys are a story's keys of Facets' lists.
type facetKeys struct {
	model, department, year string
	campaigns               []string
}

func filtersJSON(docs []facetKeys, f Facets) []byte {
	col := func(keys []string, value func(*facetKeys) string) column {
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
		Model:      col(f.Models, func(d *facetKeys) string { return d.model }),
		Department: col(f.Departments, func(d *facetKeys) string { return d.department }),
		Year:       col(f.Years, func(d *facetKeys) string { return d.year }),
		Campaign:   campaign{Keys: nonNil(f.Campaigns), Lists: make([]string, len(f.Campaigns))},
	}
	for c, key := range f.Campaigns {
		var b []byte
		prev := -1
		for i := range docs {
			if slices.Contains(docs[i].campaigns, key) {
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
