package build

import (
	"context"
	"html/template"
	"sync"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/internal/urls"
)

// emit writes every file of the snapshot through w: the pages on every
// core, with the search index and the feeds, then the other files. lap
// records the time of each part. It returns the problems of the stories'
// bodies, in the stories' order.
//
// A story's body is converted by the worker that makes its page, which
// hands its text to the search index in the same step: a body's HTML is a
// local of that worker, so a build never holds every story's HTML, nor
// every story's text.
func (snap *Snapshot) emit(ctx context.Context, w *writer, lap func(string)) diag.List {
	pages := snap.pages()
	m := &pageMaker{snap: snap, w: w, index: newIndexer(snap.site, w), found: make([]diag.List, len(snap.site.Stories))}
	// The rest of the index and the feeds are made while the pages render:
	// the single writer of a publish.Dir often keeps the render workers
	// waiting, and their work fills that time.
	var beside sync.WaitGroup
	beside.Go(m.index.Finish)
	beside.Go(func() {
		if err := writeFeeds(w, snap.site, pages, snap.covers); err != nil {
			w.fail(err)
		}
	})
	parallel(ctx, (len(pages)+pageBatch-1)/pageBatch, func(b int) {
		m.make(pages[b*pageBatch : min(len(pages), (b+1)*pageBatch)])
	})
	if ctx.Err() != nil {
		m.index.Abandon() // some stories were never added
	}
	lap("pages")
	beside.Wait()
	lap("search+feeds")
	snap.writeFiles(w)
	lap("files")
	var all diag.List
	for _, d := range m.found {
		all.Append(d)
	}
	return all
}

// pageBatch is how many pages a worker makes at a time (see make): no
// more than the search index takes ahead of its merger from each worker
// (search.Indexer), so that a worker handing over its stories does not
// wait for the other's.
const pageBatch = 64

// pageMaker makes the pages of a snapshot, indexing the stories as their
// pages are made.
type pageMaker struct {
	snap  *Snapshot
	w     *writer
	index *search.Indexer
	found []diag.List // by story (site.Story.Order, also its id in the index): the problems of its body
}

// make makes a few pages (at most pageBatch), each step for all of them in
// turn — the bodies of the stories among them converted, the pages
// rendered and written, the stories indexed — so that each step's code
// and tables stay in the processor's caches.
func (m *pageMaker) make(pages []*theme.Page) {
	var bodies [pageBatch]template.HTML
	for i, p := range pages {
		if p.Kind == theme.Story {
			bodies[i], m.found[p.Story.Order()] = m.snap.convert.story(p.Story.Story)
		}
	}
	for i, p := range pages {
		buf := m.w.pageBuffer()
		if err := m.snap.th.RenderTo(buf, withBody(p, bodies[i])); err != nil {
			m.w.fail(err)
			continue
		}
		m.w.writePage(urls.File(p.URL), buf)
	}
	for i, p := range pages {
		if p.Kind == theme.Story {
			k := p.Story.Order()
			m.index.Add(k, searchDoc(m.snap.site, k, bodies[i]))
		}
	}
}
