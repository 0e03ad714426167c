package build

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
)

// generated returns an in-memory generated site of n stories.
func generated(b testing.TB, n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	err := corpus.Generate(corpus.Options{Stories: n, Seed: 1}, func(f corpus.File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

// BenchmarkBuild1000 is a whole build of 1,000 stories into memory.
func BenchmarkBuild1000(b *testing.B) {
	fsys := generated(b, 1000)
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ResetTimer()
	for range b.N {
		if _, err := Run(context.Background(), fsys, publish.NewMemory(), opts); err != nil {
			b.Fatal(err)
		}
	}
}
