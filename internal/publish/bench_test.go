package publish_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/minify"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
)

// htmlPages returns the unminified HTML pages of a generated 200-story site.
func htmlPages(b *testing.B) (names []string, pages [][]byte) {
	fsys, err := corpus.FS(corpus.Options{Stories: 200, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	mem := publish.NewMemory()
	_, err = build.Run(context.Background(), fsys, mem,
		build.Options{Themes: themes.FS, NoMinify: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, ".html") {
			data, _ := mem.Get(name)
			names, pages = append(names, name), append(pages, data)
		}
	}
	return names, pages
}

// BenchmarkMinifyHTML minifies one page of a generated site per op (story
// and list pages as the templates write them).
func BenchmarkMinifyHTML(b *testing.B) {
	names, pages := htmlPages(b)
	var total int64
	for _, p := range pages {
		total += int64(len(p))
	}
	m := minify.New()
	b.SetBytes(total / int64(len(pages)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := m.Minify(names[i%len(names)], pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDirWrite writes one 13 KB page per op, in a folder of its own
// (bai-viet/<slug>/index.html, as a story page), into a publish.Dir on
// disk; the final swap (Commit) is not timed.
func BenchmarkDirWrite(b *testing.B) {
	_, pages := htmlPages(b)
	var page []byte
	for _, p := range pages {
		if len(p) > len(page) && len(p) <= 13<<10 {
			page = p
		}
	}
	d, err := publish.Open(filepath.Join(b.TempDir(), "public"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := d.Write(fmt.Sprintf("bai-viet/p%d/index.html", i), page); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := d.Commit(); err != nil {
		b.Fatal(err)
	}
}
