package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/minify"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/internal/search/jstest"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/themes"
)

// TestSearchIndex builds the small site with a draft and a future story:
// the search page and the header's box are there, and the index has every
// published story and nothing else.
func TestSearchIndex(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	story := func(title, date, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\ndate: %s\nperson: \"Người Thử\"\ndepartment: van-phong\nmodel: chuyen-mon\n%s---\nNội dung %s.\n", title, date, extra, title))}
	}
	fsys["content/stories/2024/nhap.md"] = story("bimatnhap", "2024-01-01", "draft: true\n")
	fsys["content/stories/2030/hen-gio.md"] = story("tuonglaixa", "2030-01-01", "")
	mem, r := buildMemory(t, fsys, Options{})

	page, ok := mem.Get("tim-kiem/index.html")
	if !ok {
		t.Fatal("no search page")
	}
	for _, want := range []string{"<noscript>", `id="search-q"`, `name="mo-hinh"`, "js/search."} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the search page lacks %s", want)
		}
	}
	for _, name := range []string{"index.html", "bai-viet/chi-lan/index.html", "404.html"} {
		data, _ := mem.Get(name)
		if !bytes.Contains(data, []byte(`action="/guong/tim-kiem/"`)) || !bytes.Contains(data, []byte(`name="q"`)) {
			t.Errorf("%s has no search box in its header", name)
		}
	}

	// The page's search core, run in goja, finds the story.
	ix, err := jstest.Open(func(name string) ([]byte, error) {
		data, ok := mem.Get(urls.SearchIndex + name)
		if !ok {
			return nil, fmt.Errorf("no %s", name)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := ix.Manifest(); err != nil || m.Docs != len(r.Site.Stories) {
		t.Errorf("the index has %v stories (%v), the site publishes %d", m, err, len(r.Site.Stories))
	}
	res, err := ix.Search("chi lan bien gioi", jstest.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Docs) == 0 || r.Site.Stories[res.Docs[0]].Slug != "chi-lan" {
		t.Errorf("chi lan bien gioi found %v, want chi-lan first", res.Docs)
	}
	for _, name := range mem.Names() {
		if !strings.HasPrefix(name, urls.SearchIndex) {
			continue
		}
		data, _ := mem.Get(name)
		if bytes.Contains(data, []byte("bimatnhap")) || bytes.Contains(data, []byte("tuonglaixa")) {
			t.Errorf("%s holds an unpublished story", name)
		}
	}
}

// BenchmarkSearchIndex10000 times the search step of a 10,000-story build
// as writeSearch does it: describing the stories, indexing them, and
// minifying and writing the files (into memory), on every core.
func BenchmarkSearchIndex10000(b *testing.B) {
	fsys := generated(b, 10000)
	// Loaded and indexed as Run does, the bodies converted before the
	// timer starts.
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	var diags diag.List
	l := load(ctx, fsys, opts, &diags, nil, nil)
	if l == nil || diags.HasErrors() {
		b.Fatal(diags)
	}
	s := site.Build(l.cfg, l.content, l.bodies, opts.Now)
	bodies := make([]template.HTML, len(s.Stories))
	for i, st := range s.Stories {
		bodies[i], _ = l.convert.story(st.Story)
	}
	if bodies[0] == "" {
		b.Fatal("no HTML to index")
	}
	mf := minify.New()
	b.ResetTimer()
	for range b.N {
		docs := make([]search.Doc, len(s.Stories))
		for i := range docs {
			docs[i] = searchDoc(s, i, bodies[i])
		}
		files := search.Build(docs, searchFacets(s), search.Options{})
		out := publish.NewMemory()
		parallel(ctx, len(files), func(i int) {
			name := urls.SearchIndex + files[i].Name
			data, err := mf.Minify(name, files[i].Data)
			if err == nil {
				err = out.Write(name, data)
			}
			if err != nil {
				b.Error(err)
			}
		})
	}
}
