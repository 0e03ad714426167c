package build

import (
	"context"
	"sync"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/site"
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
	stories := snap.site.Stories
	at := make(map[*site.Story]int, len(stories))
	for i, st := range stories {
		at[st] = i
	}
	index := newIndexer(snap.site, w)
	found := make([]diag.List, len(stories))
	// The rest of the index and the feeds are made while the pages render:
	// the single writer of a publish.Dir often keeps the render workers
	// waiting, and their work fills that time.
	var beside sync.WaitGroup
	beside.Go(index.Finish)
	beside.Go(func() {
		if err := writeFeeds(w, snap.site, pages, snap.covers); err != nil {
			w.fail(err)
		}
	})
	parallel(ctx, len(pages), func(i int) {
		p := pages[i]
		buf := w.pageBuffer()
		body, problems, err := snap.render(buf, p)
		if p.Kind == theme.Story {
			k := at[p.Story]
			found[k] = problems
			index.Add(k, searchDoc(snap.site, k, body))
		}
		if err != nil {
			w.fail(err)
			return
		}
		w.writePage(urls.File(p.URL), buf)
	})
	if ctx.Err() != nil {
		index.Abandon() // some stories were never added
	}
	lap("pages")
	beside.Wait()
	lap("search+feeds")
	snap.writeFiles(w)
	lap("files")
	var all diag.List
	for _, d := range found {
		all.Append(d)
	}
	return all
}
