package content

import (
	"context"
	"testing"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/diag"
)

// BenchmarkLoad1000 reads, parses and checks the content of a generated
// 1,000-story site (in memory) per op, on every core.
func BenchmarkLoad1000(b *testing.B) {
	fsys, err := corpus.FS(corpus.Options{Stories: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, f := range fsys {
		total += int64(len(f.Data))
	}
	var d diag.List
	cfg := config.Load(fsys, &d)
	if cfg == nil {
		b.Fatal(d.Err())
	}
	opts := Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		var d diag.List
		s := Load(context.Background(), fsys, cfg, opts, &d)
		if d.HasErrors() || len(s.Stories) != 1000 {
			b.Fatalf("%d stories: %v", len(s.Stories), d.Err())
		}
	}
}
