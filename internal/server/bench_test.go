package server

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/corpus"
)

var benchStories = flag.Int("stories", 10000, "stories in the generated site of BenchmarkEditToReload")

// BenchmarkEditToReload starts the live preview on a generated site
// (-stories, 10,000 by default), then edits one story per iteration and
// measures the time from the file write to the reload event the browser
// receives. It reports the median and the slowest as ms/reload metrics.
//
//	go test ./internal/server -run '^$' -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	dir := b.TempDir()
	var stories []string
	err := corpus.Generate(corpus.Options{Stories: *benchStories, Seed: 1}, func(f corpus.File) error {
		if strings.HasPrefix(f.Path, "content/stories/") {
			stories = append(stories, f.Path)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		return os.WriteFile(p, f.Data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	start0 := time.Now()
	base, ctx, srv := startServer(b, dir)
	b.Logf("first build of %d stories and start: %s", len(stories), time.Since(start0).Round(time.Millisecond))
	events := listen(b, ctx, base)
	events.next(b, "state")

	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		p := filepath.Join(dir, filepath.FromSlash(stories[(i*7919)%len(stories)]))
		src, _ := os.ReadFile(p)
		edited := bytes.Replace(src, []byte("\n## "), []byte(fmt.Sprintf("\nSửa lần %d.\n\n## ", i)), 1)
		t0 := time.Now()
		if err := os.WriteFile(p, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		events.next(b, "reload")
		times = append(times, time.Since(t0))
		// Untimed: let the search index of this edit be written, as it is
		// between two saves of a writer.
		b.StopTimer()
		srv.builder.Output()
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms/reload-median")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms/reload-max")
}
