package theme_test

import (
	"context"
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/themes"
)

// pagesOf builds a generated 1,000-story site and returns the default theme
// and the site's pages of the given kinds.
func pagesOf(b *testing.B, kinds ...theme.Kind) (*theme.Theme, []*theme.Page) {
	fsys, err := corpus.FS(corpus.Options{Stories: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	// Built as the live preview builds, which keeps every story's HTML (a
	// one-off build lets it go once the story's page is made).
	r, _, err := build.NewBuilder(fsys, build.Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}).
		Build(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	def, err := fs.Sub(themes.FS, "default")
	if err != nil {
		b.Fatal(err)
	}
	cfg := r.Config
	th, err := theme.Load(def, theme.Options{
		Language: cfg.Language, BasePath: cfg.BasePath(), BaseURL: cfg.BaseURL.String(), TimeZone: cfg.TimeZone,
	})
	if err != nil {
		b.Fatal(err)
	}
	want := map[theme.Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var pages []*theme.Page
	// A story's page is given a body of a generated story's length, as the
	// build gives it the body it converts.
	body := template.HTML(strings.Repeat("<p>Đoạn văn của bài, dài như một đoạn của bài sinh ra.</p>", 60))
	for _, p := range build.Pages(r.Site, false, th.T) {
		if want[p.Kind] {
			if p.Kind == theme.Story {
				withBody := *p
				withBody.Body = body
				p = &withBody
			}
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		b.Fatalf("no %v pages", kinds)
	}
	return th, pages
}

func benchRender(b *testing.B, kinds ...theme.Kind) {
	th, pages := pagesOf(b, kinds...)
	b.ReportAllocs()
	b.ResetTimer()
	var n int64
	for i := range b.N {
		html, err := th.RenderBytes(pages[i%len(pages)])
		if err != nil {
			b.Fatal(err)
		}
		n += int64(len(html))
	}
	b.ReportMetric(float64(n)/float64(b.N), "B/page")
}

// BenchmarkRenderStoryPage executes the templates of one story page per op
// (not minified).
func BenchmarkRenderStoryPage(b *testing.B) { benchRender(b, "story") }

// BenchmarkRenderListPage executes the templates of one page of a list (a
// model type's, department's, tag's, year's or campaign's stories, ten cards
// and the pager) per op.
func BenchmarkRenderListPage(b *testing.B) {
	benchRender(b, "model", "department", "tag", "year", "campaign")
}
