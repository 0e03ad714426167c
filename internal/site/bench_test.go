package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/site"
)

// BenchmarkBuild builds the site model (taxonomies, people, years, sorting,
// related stories) of a generated 10,000-story site per op.
func BenchmarkBuild(b *testing.B) {
	fsys, err := corpus.FS(corpus.Options{Stories: 10000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var d diag.List
	cfg := config.Load(fsys, &d)
	if cfg == nil {
		b.Fatal(d.Err())
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := content.Load(context.Background(), fsys, cfg, content.Options{Now: now}, &d)
	if d.HasErrors() {
		b.Fatal(d.Err())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s := site.Build(cfg, c, now)
		if len(s.Stories) != 10000 {
			b.Fatalf("%d stories", len(s.Stories))
		}
	}
}
