package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// BenchmarkRebuildOneEdit measures a Builder's rebuild after one story of
// a generated 10,000-story site (on disk) is edited, told which file
// changed as the live preview's watcher tells it: the work behind the
// preview's reload. Each op edits one story's body, then another story's
// title, then another's tags (which changes the lists it is in, so the
// site is indexed again); the medians of each are reported, and the
// phases of the last of each are logged. The search index is deferred, as the preview defers it.
//
//	go test ./internal/build -run '^$' -bench RebuildOneEdit -benchtime 10x -v
//
// REBUILD_CPUPROFILE=file writes a CPU profile of the timed part.
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
	bl.DeferSearch()
	ctx := context.Background()
	if _, _, err := bl.Build(ctx); err != nil {
		b.Fatal(err)
	}
	bl.Finish(ctx)
	if f := os.Getenv("REBUILD_CPUPROFILE"); f != "" {
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		defer pprof.StopCPUProfile()
	}
	edit := func(i int, old, new string) (time.Duration, *Result) {
		rel := stories[(i*7919)%len(stories)]
		p := filepath.Join(dir, filepath.FromSlash(rel))
		src, _ := os.ReadFile(p)
		os.WriteFile(p, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644)
		t0 := time.Now()
		r, _, err := bl.BuildChanged(ctx, []string{rel})
		d := time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		bl.Finish(ctx) // between two saves, as in the preview
		b.StartTimer()
		return d, r
	}
	var body, title, tags []time.Duration
	var lastBody, lastTitle, lastTags *Result
	rendered := 0
	b.ResetTimer()
	for i := range b.N {
		d, r := edit(3*i, "\n## ", fmt.Sprintf("\nSửa lần %d.\n\n## ", i))
		body, lastBody = append(body, d), r
		rendered += r.Rendered
		d, r = edit(3*i+1, "title: \"", fmt.Sprintf("title: \"Sửa %d: ", i))
		title, lastTitle = append(title, d), r
		rendered += r.Rendered
		d, r = edit(3*i+2, "tags: [", "tags: [\"chủ đề mới\", ")
		tags, lastTags = append(tags, d), r
		rendered += r.Rendered
	}
	b.StopTimer()
	b.Logf("body edit: %d pages rendered, phases %v", lastBody.Rendered, phases(lastBody))
	b.Logf("title edit: %d pages rendered, phases %v", lastTitle.Rendered, phases(lastTitle))
	b.Logf("tags edit: %d pages rendered, phases %v", lastTags.Rendered, phases(lastTags))
	b.ReportMetric(median(body), "ms/body-edit")
	b.ReportMetric(median(title), "ms/title-edit")
	b.ReportMetric(median(tags), "ms/tags-edit")
	b.ReportMetric(float64(rendered)/float64(3*b.N), "pages/edit")
}

func phases(r *Result) string {
	var parts []string
	for _, p := range r.Phases {
		parts = append(parts, fmt.Sprintf("%s %.1fms", p.Name, float64(p.Time.Microseconds())/1000))
	}
	return strings.Join(parts, ", ")
}

// median returns the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	ds = append([]time.Duration(nil), ds...)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return float64(ds[len(ds)/2].Microseconds()) / 1000
}

// BenchmarkPageKeys computes the key of every page of a generated
// 10,000-story site, as a rebuild that changed a story's card does.
func BenchmarkPageKeys(b *testing.B) {
	fsys := generated(b, 10000)
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var r Result
	cfg, c := load(context.Background(), fsys, opts, &r.Diags, nil, nil)
	if r.Diags.HasErrors() {
		b.Fatal(r.Diags)
	}
	covers := newCoverSet()
	theme, err := loadTheme(fsys, cfg, opts, covers)
	if err != nil {
		b.Fatal(err)
	}
	s := site.Build(cfg, c, opts.Now)
	b.ResetTimer()
	for range b.N {
		pages := Pages(s, false, theme.T)
		keys := newPageKeys(s, c, theme, opts, len(pages))
		parallel(context.Background(), len(pages), func(i int) {
			keys.set(pageFile(pages[i].URL), keys.of(pages[i]))
		})
	}
}
