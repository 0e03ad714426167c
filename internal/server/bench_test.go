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
// (-stories, 10,000 by default), then edits stories and measures the time
// from the file write to the reload event the browser receives. Each op
// edits one story's body (a sentence added: only its page changes), then
// another story's title (its page, and the lists, feeds and related boxes
// showing its card change), then another's tags (the lists it is in
// change, so the site is indexed again). It reports the median and the
// slowest of each as ms/... metrics.
//
//	go test ./internal/server -run '^$' -bench EditToReload -benchtime 10x
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

	edit := func(i int, old, new string) time.Duration {
		p := filepath.Join(dir, filepath.FromSlash(stories[(i*7919)%len(stories)]))
		src, _ := os.ReadFile(p)
		edited := bytes.Replace(src, []byte(old), []byte(new), 1)
		t0 := time.Now()
		if err := os.WriteFile(p, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		events.next(b, "reload")
		d := time.Since(t0)
		// Untimed: let the search index of this edit be written, as it is
		// between two saves of a writer.
		b.StopTimer()
		srv.builder.Output()
		b.StartTimer()
		return d
	}
	var body, title, tags []time.Duration
	b.ResetTimer()
	for i := range b.N {
		body = append(body, edit(3*i, "\n## ", fmt.Sprintf("\nSửa lần %d.\n\n## ", i)))
		title = append(title, edit(3*i+1, "title: \"", fmt.Sprintf("title: \"Sửa %d: ", i)))
		tags = append(tags, edit(3*i+2, "tags: [", "tags: [\"chủ đề mới\", "))
	}
	b.StopTimer()
	report := func(ts []time.Duration, what string) {
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		b.ReportMetric(float64(ts[len(ts)/2].Microseconds())/1000, "ms/"+what+"-median")
		b.ReportMetric(float64(ts[len(ts)-1].Microseconds())/1000, "ms/"+what+"-max")
	}
	report(body, "body")
	report(title, "title")
	report(tags, "tags")
}
