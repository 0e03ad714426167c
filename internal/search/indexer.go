package search

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"strconv"
	"sync"
)

// An Indexer makes the index of n stories handed to it one at a time, in
// any order and from any goroutines (Add): a build hands each story over
// from the worker that made its page, while its text is at hand, so that
// the texts of every story are never all in memory at once.
//
// Add tokenizes a story on the caller's goroutine, with one of a few
// parsers that each keep their own lexicon; a merger reconciles them by
// spelling, story by story in the stories' order, so the index does not
// depend on which caller handed over which story. Only a few hundred
// tokenized stories wait for the merger at any time: an Add that far
// ahead waits. As soon as the stories of a fragment file are merged, the
// file is handed to emit; Finish emits the rest.
type Indexer struct {
	n       int
	facets  Facets
	opts    Options
	emit    func(File)
	keys    []facetKeys // by story
	parsers chan *docParser
	win     *window
	merging sync.WaitGroup
	// What the merger made, once merging is done: the index, and the
	// hash of each fragment file for the manifest's build id.
	index    *merged
	fragSums [][sha256.Size]byte
}

// NewIndexer returns an Indexer of n stories writing its files to emit,
// which is called from one goroutine at a time.
func NewIndexer(n int, facets Facets, opts Options, emit func(File)) *Indexer {
	if opts.ShardSize <= 0 {
		opts.ShardSize = DefaultShardSize
	}
	if opts.TextLimit <= 0 {
		opts.TextLimit = DefaultTextLimit
	}
	parsers := max(1, min(runtime.GOMAXPROCS(0), n))
	x := &Indexer{n: n, facets: facets, opts: opts, emit: emit, keys: make([]facetKeys, n),
		parsers: make(chan *docParser, parsers), win: newWindow(64 * parsers),
		fragSums: make([][sha256.Size]byte, (n+DocsPerFile-1)/DocsPerFile)}
	for id := range parsers {
		x.parsers <- &docParser{id: id, lex: &lexicon{short: map[uint64]int32{}, ids: map[string]int32{}, foldIDs: map[string]int32{}}, pairs: map[uint64]int32{}}
	}
	x.merging.Go(func() { x.merge(newMerger(parsers)) })
	return x
}

// Add indexes story id (0 ≤ id < n), which must be added once. Its Text,
// when empty, is made from its HTML (see Doc).
func (x *Indexer) Add(id int, d Doc) {
	x.keys[id] = facetKeys{model: d.ModelKey, department: d.DepartmentKey, year: d.Year, campaigns: d.CampaignKeys}
	p := <-x.parsers
	if d.Text == "" && d.HTML != "" {
		p.text = plainTextInto(p.text, d.HTML)
		d.Text = string(p.text)
	}
	pd := p.parse(&d, x.opts)
	pd.worker = p.id
	x.parsers <- p
	x.win.put(id, pd)
}

// merge merges the stories into m in their order as they are added, and
// emits each fragment file once its stories are merged.
func (x *Indexer) merge(m *merger) {
	var frags []byte
	for i := range x.n {
		d, ok := x.win.take()
		if !ok {
			return // abandoned
		}
		m.add(i, &d)
		if i%DocsPerFile == 0 {
			frags = append(make([]byte, 0, (len(d.fragment)+1)*DocsPerFile+1), '[')
		} else {
			frags = append(frags, ',')
		}
		frags = append(frags, d.fragment...)
		if i%DocsPerFile == DocsPerFile-1 || i == x.n-1 {
			frags = append(frags, ']')
			x.fragSums[i/DocsPerFile] = sha256.Sum256(frags)
			x.emit(File{Name: DocsDir + strconv.Itoa(i/DocsPerFile) + ".json", Data: frags})
			frags = nil
		}
	}
	x.index = m.finish()
}

// Abandon stops an index whose stories will not all be added (the build
// stopped): Adds waiting return, and nothing more is emitted.
func (x *Indexer) Abandon() {
	x.win.abandon()
	x.merging.Wait()
}

// Finish waits until every story added is merged, then emits the rest of
// the index: filters.json, the term shards, the pair shards and the
// manifest, whose build id hashes every file's name and bytes in the order
// Build returns them. It may be called before the last Add, from another
// goroutine; if the Indexer is abandoned instead, it emits nothing.
func (x *Indexer) Finish() {
	x.merging.Wait()
	if x.index == nil {
		return // abandoned
	}
	h := sha256.New()
	for i, sum := range x.fragSums {
		h.Write([]byte(DocsDir + strconv.Itoa(i) + ".json"))
		h.Write(sum[:])
	}
	add := func(f File) {
		sum := sha256.Sum256(f.Data)
		h.Write([]byte(f.Name))
		h.Write(sum[:])
		x.emit(f)
	}
	add(File{Name: FiltersFile, Data: filtersJSON(x.keys, x.facets)})
	order, rank := x.index.sortedFolds()
	termKeys := x.index.termShards(order, x.opts.ShardSize, func(i int, data []byte) {
		add(File{Name: TermsDir + strconv.Itoa(i) + ".json", Data: data})
	})
	pairKeys := x.index.pairShards(rank, x.opts.ShardSize, func(i int, data []byte) {
		add(File{Name: PairsDir + strconv.Itoa(i) + ".json", Data: data})
	})
	x.emit(File{Name: ManifestFile, Data: marshal(Manifest{
		Format:   Format,
		Build:    hex.EncodeToString(h.Sum(nil))[:12],
		Docs:     x.n,
		Block:    DocsPerFile,
		Terms:    termKeys,
		Pairs:    pairKeys,
		Surnames: nonNil(x.index.surnames),
		Levels:   Levels,
	})})
}

// window hands parsed stories from the callers of Add to the merger in
// the stories' order, holding at most len(slots) of them: an Add that far
// ahead of the merger waits.
type window struct {
	mu        sync.Mutex
	filled    sync.Cond // the merger waits for its next story
	freed     sync.Cond // Adds wait for room
	slots     []parsedDoc
	full      []bool
	next      int // the story the merger takes next
	abandoned bool
}

func newWindow(size int) *window {
	w := &window{slots: make([]parsedDoc, size), full: make([]bool, size)}
	w.filled.L = &w.mu
	w.freed.L = &w.mu
	return w
}

// put hands over story i, once the merger is near enough.
func (w *window) put(i int, d parsedDoc) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i >= w.next+len(w.slots) && !w.abandoned {
		w.freed.Wait()
	}
	if w.abandoned {
		return
	}
	k := i % len(w.slots)
	w.slots[k], w.full[k] = d, true
	if i == w.next {
		w.filled.Signal()
	}
}

// take returns the next story in order, once it is parsed, or false if
// the window is abandoned.
func (w *window) take() (parsedDoc, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	k := w.next % len(w.slots)
	for !w.full[k] && !w.abandoned {
		w.filled.Wait()
	}
	if w.abandoned {
		return parsedDoc{}, false
	}
	d := w.slots[k]
	w.slots[k], w.full[k] = parsedDoc{}, false
	w.next++
	w.freed.Broadcast()
	return d, true
}

// abandon wakes everyone waiting: no more stories come.
func (w *window) abandon() {
	w.mu.Lock()
	w.abandoned = true
	w.filled.Broadcast()
	w.freed.Broadcast()
	w.mu.Unlock()
}
