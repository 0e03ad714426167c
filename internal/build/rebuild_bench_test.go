package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// BenchmarkRebuildOneEdit measures a Builder's rebuild after one story of
// a generated 10,000-story site (on disk) is edited: the work behind the
// live preview's reload.
func BenchmarkRebuildOneEdit(b *testing.B) {
	dir := b.TempDir()
	var stories []string
	corpus.Generate(corpus.Options{Stories: 10000, Seed: 1}, func(f corpus.File) error {
		if strings.HasPrefix(f.Path, "content/stories/") {
			stories = append(stories, f.Path)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		return os.WriteFile(p, f.Data, 0o644)
	})
	bl := NewBuilder(sitefs.Dir(dir), Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if _, _, err := bl.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	if f := os.Getenv("REBUILD_CPUPROFILE"); f != "" {
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		defer pprof.StopCPUProfile()
	}
	b.ResetTimer()
	rendered := 0
	for i := range b.N {
		p := filepath.Join(dir, filepath.FromSlash(stories[(i*7919)%len(stories)]))
		src, _ := os.ReadFile(p)
		os.WriteFile(p, bytes.Replace(src, []byte("\n## "), []byte(fmt.Sprintf("\nSửa lần %d.\n\n## ", i)), 1), 0o644)
		r, _, err := bl.Build(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		rendered += r.Rendered
		if i == b.N-1 {
			b.Logf("phases: %v", r.Phases)
		}
	}
	b.ReportMetric(float64(rendered)/float64(b.N), "pages/op")
}
