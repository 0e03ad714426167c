package build

import (
	"sync"

	"context"

	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/internal/urls"
)

// emit writes every file of the snapshot through w: the pages on every
// core, the search index and the feeds beside them, then the other files.
// lap records the time of each part. Unless ownTemplates, each story's
// HTML is let go once its page and its search entry are made (see
// htmlRelease).
func (snap *Snapshot) emit(ctx context.Context, w *writer, ownTemplates bool, lap func(string)) {
	pages := snap.pages()
	var release *htmlRelease
	if !ownTemplates {
		release = newHTMLRelease(snap.site)
	}
	// The search index and the feeds are made while the pages render: the
	// single writer of a publish.Dir often keeps the render workers
	// waiting, and their work fills that time.
	var beside sync.WaitGroup
	beside.Go(func() { writeSearch(snap.site, w, release) })
	beside.Go(func() {
		if err := writeFeeds(w, snap.site, pages, snap.covers); err != nil {
			w.fail(err)
		}
	})
	parallel(ctx, len(pages), func(i int) {
		p := pages[i]
		buf := w.pageBuffer()
		err := snap.th.RenderTo(buf, p)
		if p.Kind == theme.Story {
			release.rendered(p.Story)
		}
		if err != nil {
			w.fail(err)
			return
		}
		w.writePage(urls.File(p.URL), buf)
	})
	release.pagesDone()
	lap("pages")
	beside.Wait()
	lap("search+feeds")
	snap.writeFiles(w)
	lap("files")
}
