// Package jstest runs the theme's search core, static/js/search-core.js,
// in goja, over index files held in memory, so that go test checks the
// ranking readers' browsers run. The core is the only implementation of
// the ranking: nothing in the Go code answers queries.
//
// The core's asynchronous functions return promises; goja runs its job
// queue when a call from Go returns, and the files are handed over at once
// (in a later job, as a fetch would), so every promise is settled by then.
// A Core is not safe for concurrent use; make one per goroutine.
package jstest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sync"

	"github.com/dop251/goja"
	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/themes"
)

// CorePath is the core's path in themes.FS.
const CorePath = "default/static/js/search-core.js"

// driver wraps an index of the core the way search.js does, and hands its
// answers to Go as JSON.
const driver = `(function (read) {
  var fetched = [];
  var ix = GuongSearch.open(function (name, build) {
    return Promise.resolve().then(function () {
      fetched.push(build === null ? name : name + '?v=' + build);
      return JSON.parse(read(name));
    });
  });
  return {
    fetched: function () { return JSON.stringify(fetched); },
    manifest: function () { return ix.manifest().then(function (m) { return JSON.stringify(m); }); },
    doc: function (id) { return ix.doc(id).then(function (d) { return JSON.stringify(d === undefined ? null : d); }); },
    search: function (q, f, typing) {
      return ix.search(q, f, { typing: typing }).then(function (r) {
        return JSON.stringify({
          docs: r.ids, ranked: r.ranked, files: r.files, counts: r.counts, syllables: r.syls,
          exact: r.exact, nameLike: r.nameLike, persons: r.persons, noPerson: r.noPerson,
          unknown: r.unknown.map(function (i) { return r.syls[i].fold; }),
          suggest: r.ids.length ? null : ix.suggest(r)
        });
      });
    }
  };
})`

var (
	compileOnce sync.Once
	programs    [2]*goja.Program
	compileErr  error
)

func compile() ([2]*goja.Program, error) {
	compileOnce.Do(func() {
		src, err := fs.ReadFile(themes.FS, CorePath)
		if err != nil {
			compileErr = err
			return
		}
		if programs[0], compileErr = goja.Compile(CorePath, string(src), true); compileErr != nil {
			return
		}
		programs[1], compileErr = goja.Compile("jstest driver", driver, true)
	})
	return programs, compileErr
}

// Core is a JavaScript runtime with the core loaded.
type Core struct {
	rt     *goja.Runtime
	gs     *goja.Object // GuongSearch
	driver goja.Callable
}

// NewCore loads the core into a new runtime.
func NewCore() (*Core, error) {
	progs, err := compile()
	if err != nil {
		return nil, fmt.Errorf("jstest: %w", err)
	}
	rt := goja.New()
	if _, err := rt.RunProgram(progs[0]); err != nil {
		return nil, fmt.Errorf("jstest: loading the core: %w", err)
	}
	gs := rt.Get("GuongSearch")
	if gs == nil || goja.IsUndefined(gs) {
		return nil, errors.New("jstest: the core defines no GuongSearch")
	}
	d, err := rt.RunProgram(progs[1])
	if err != nil {
		return nil, fmt.Errorf("jstest: %w", err)
	}
	call, ok := goja.AssertFunction(d)
	if !ok {
		return nil, errors.New("jstest: the driver is no function")
	}
	return &Core{rt: rt, gs: gs.ToObject(rt), driver: call}, nil
}

// call calls GuongSearch[name](args...) and returns its result exported
// into out (through JSON).
func (c *Core) call(name string, out any, args ...any) error {
	f, ok := goja.AssertFunction(c.gs.Get(name))
	if !ok {
		return fmt.Errorf("jstest: GuongSearch.%s is no function", name)
	}
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = c.rt.ToValue(a)
	}
	v, err := f(c.gs, vals...)
	if err != nil {
		return fmt.Errorf("jstest: GuongSearch.%s: %w", name, err)
	}
	data, err := json.Marshal(v.Export())
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// Fold is GuongSearch.fold.
func (c *Core) Fold(s string) (string, error) {
	var out string
	err := c.call("fold", &out, s)
	return out, err
}

// Token is a syllable as GuongSearch.tokenize returns it.
type Token struct {
	Raw  string `json:"raw"`
	Fold string `json:"fold"`
}

// Tokenize is GuongSearch.tokenize.
func (c *Core) Tokenize(s string) ([]Token, error) {
	var out []Token
	err := c.call("tokenize", &out, s)
	return out, err
}

// ShardOf is GuongSearch.shardOf: the shard of the sorted firsts that
// holds key.
func (c *Core) ShardOf(firsts []string, key string) (int, error) {
	var out int
	err := c.call("shardOf", &out, firsts, key)
	return out, err
}

// Index is an index opened by the core.
type Index struct {
	c     *Core
	funcs *goja.Object
}

// Open opens the index whose files load returns by name (relative to the
// index folder: "manifest.json", "u/0.json"), and reads its manifest.
func (c *Core) Open(load func(name string) ([]byte, error)) (*Index, error) {
	read := func(name string) string {
		data, err := load(name)
		if err != nil {
			panic(c.rt.NewGoError(err))
		}
		return string(data)
	}
	v, err := c.driver(goja.Undefined(), c.rt.ToValue(read))
	if err != nil {
		return nil, fmt.Errorf("jstest: %w", err)
	}
	ix := &Index{c: c, funcs: v.ToObject(c.rt)}
	if _, err := ix.Manifest(); err != nil {
		return nil, err
	}
	return ix, nil
}

// Open is NewCore then Core.Open.
func Open(load func(name string) ([]byte, error)) (*Index, error) {
	c, err := NewCore()
	if err != nil {
		return nil, err
	}
	return c.Open(load)
}

// OpenFS opens the index in the folder dir of fsys.
func OpenFS(fsys fs.FS, dir string) (*Index, error) {
	return Open(func(name string) ([]byte, error) { return fs.ReadFile(fsys, dir+name) })
}

// await calls the driver's function name, which returns a promise of a
// JSON string, and decodes the string into out.
func (ix *Index) await(name string, out any, args ...any) error {
	f, ok := goja.AssertFunction(ix.funcs.Get(name))
	if !ok {
		return fmt.Errorf("jstest: no %s", name)
	}
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = ix.c.rt.ToValue(a)
	}
	v, err := f(goja.Undefined(), vals...)
	if err != nil {
		return fmt.Errorf("jstest: %s: %w", name, err)
	}
	// The call has returned: goja has run the job queue.
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		return fmt.Errorf("jstest: %s returned %v, not a promise", name, v)
	}
	switch p.State() {
	case goja.PromiseStatePending:
		return fmt.Errorf("jstest: %s: the promise is still pending after the job queue ran", name)
	case goja.PromiseStateRejected:
		return fmt.Errorf("jstest: %s: rejected: %v", name, p.Result())
	}
	return json.Unmarshal([]byte(p.Result().String()), out)
}

// Manifest returns the manifest as the core read it.
func (ix *Index) Manifest() (*search.Manifest, error) {
	var m search.Manifest
	if err := ix.await("manifest", &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// Filter restricts results to stories with the given facet keys; an empty
// key does not filter.
type Filter struct {
	Model, Department, Campaign, Year string
}

// Syllable is a query syllable as the ranking sees it.
type Syllable struct {
	Raw    string `json:"raw"`
	Fold   string `json:"fold"`
	Exact  bool   `json:"exact"`  // typed with diacritics: its spelling counts
	Prefix bool   `json:"prefix"` // being typed: it may begin a term
}

// Suggestion explains an empty answer, as the page shows it.
type Suggestion struct {
	DidYouMean string `json:"didYouMean"` // a near spelling, or ""
	Fewer      []struct {
		Q     string `json:"q"`
		Count int    `json:"count"`
	} `json:"fewer"` // the query with one syllable fewer
}

// Result is the core's answer to a query.
type Result struct {
	Docs      []int            `json:"docs"`      // story ids the filters let through, best first
	Ranked    []int            `json:"ranked"`    // every story found, before the filters
	Files     []string         `json:"files"`     // the index files the query read, sorted
	Unknown   []string         `json:"unknown"`   // folded syllables no term is (or, typed last, begins)
	Counts    map[string][]int `json:"counts"`    // per facet and key, results with the other filters; nil without filters
	Syllables []Syllable       `json:"syllables"` // the query as parsed
	Suggest   *Suggestion      `json:"suggest"`   // for an empty answer
	// Exact is nil, or, when a syllable was typed with diacritics, how
	// many of Docs spell every such syllable as typed.
	Exact    *int `json:"exact"`
	NameLike bool `json:"nameLike"` // the query looks like a person's name
	Persons  int  `json:"persons"`  // stories whose person's name has the query as a phrase
	NoPerson bool `json:"noPerson"` // NameLike, and Persons is 0
}

// Search answers q, submitted, with the filters f, as the search page
// does: every syllable matches whole syllables.
func (ix *Index) Search(q string, f Filter) (*Result, error) { return ix.search(q, f, false) }

// SearchTyping answers q as the search page does while the reader is
// typing it: the last syllable, unless q ends with a space or
// punctuation, also matches the syllables it begins.
func (ix *Index) SearchTyping(q string, f Filter) (*Result, error) { return ix.search(q, f, true) }

func (ix *Index) search(q string, f Filter, typing bool) (*Result, error) {
	jf := map[string]string{}
	for k, v := range map[string]string{"model": f.Model, "department": f.Department, "campaign": f.Campaign, "year": f.Year} {
		if v != "" {
			jf[k] = v
		}
	}
	var r Result
	if err := ix.await("search", &r, q, jf, typing); err != nil {
		return nil, err
	}
	if r.Docs == nil {
		r.Docs = []int{}
	}
	return &r, nil
}

// Record is what a result shows of a story (its fragment in d/).
type Record struct {
	Title      string `json:"title"`
	URL        string `json:"url"`
	Person     string `json:"person"`
	Model      string `json:"model"`
	Department string `json:"department"`
	Date       string `json:"date"`
	ISO        string `json:"iso"`
	Summary    string `json:"summary"`
	Text       string `json:"text"`
}

// Doc returns story id's record, or nil if the index has none.
func (ix *Index) Doc(id int) (*Record, error) {
	var r *Record
	if err := ix.await("doc", &r, id); err != nil {
		return nil, err
	}
	return r, nil
}

// Fetched lists the files the core asked for, in order, each with the
// "?v=<build>" it asked for (the manifest has none).
func (ix *Index) Fetched() ([]string, error) {
	f, ok := goja.AssertFunction(ix.funcs.Get("fetched"))
	if !ok {
		return nil, errors.New("jstest: no fetched")
	}
	v, err := f(goja.Undefined())
	if err != nil {
		return nil, err
	}
	var out []string
	err = json.Unmarshal([]byte(v.String()), &out)
	return out, err
}
