package server

import (
	"bytes"
	"context"
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
// from the file write to the reload event received by a tab showing the
// edited story's page. Each op edits one story's body (a sentence added),
// then another story's title, then another's tags (which moves it into
// other lists). It reports the median and the slowest of each as ms/...
// metrics.
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
	urls := map[string]string{}
	for _, st := range srv.builder.Last().Site().Stories {
		urls[st.File] = srv.BasePath() + st.URL
	}

	edit := func(i int, old, new string) time.Duration {
		b.StopTimer()
		rel := stories[(i*7919)%len(stories)]
		p := filepath.Join(dir, filepath.FromSlash(rel))
		src, _ := os.ReadFile(p)
		edited := bytes.Replace(src, []byte(old), []byte(new), 1)
		// The tab is open on the story's page, as the writer's is.
		get(b, base+urls[rel])
		tab, cancel := context.WithCancel(ctx)
		events := listen(b, tab, base, urls[rel])
		events.next(b, "state")
		b.StartTimer()
		t0 := time.Now()
		if err := os.WriteFile(p, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if ev := events.next(b, "reload"); ev["reload"] != true {
			b.Fatalf("the edit of %s did not reload its page", rel)
		}
		d := time.Since(t0)
		cancel()
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
