package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/sitefs"
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
	for i := range b.N {
		r, err := Run(context.Background(), fsys, publish.NewMemory(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if i == b.N-1 {
			b.Logf("phases: %v", r.Phases)
		}
	}
}

// BenchmarkBuildDir10000 is what `guong build` does with a generated
// 10,000-story site: read it from disk, build, write into a folder and swap
// it in. Each op is a clean build (the previous output is removed, untimed).
// For a CPU profile of a whole build:
//
//	go test ./internal/build -run '^$' -bench BuildDir10000 -benchtime 1x -cpuprofile /tmp/guong-10k.prof
//	go tool pprof -top -cum /tmp/guong-10k.prof
func BenchmarkBuildDir10000(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "site")
	err := corpus.Generate(corpus.Options{Stories: 10000, Seed: 1}, func(f corpus.File) error {
		p := filepath.Join(src, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, f.Data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := os.RemoveAll(dest); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		out, err := publish.Open(dest)
		if err != nil {
			b.Fatal(err)
		}
		r, err := Run(context.Background(), sitefs.Dir(src), out, opts)
		if err != nil {
			out.Abort()
			b.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(r.Files), "files")
	}
}

// discard is an Output that keeps nothing and releases every page at once.
type discard struct{}

func (discard) Write(name string, data []byte) error { return nil }
func (discard) WriteRelease(name string, data []byte, release func()) error {
	release()
	return nil
}

// BenchmarkBuildNoWrite builds the site in the folder GUONG_BENCH_SITE (a
// generated corpus: cmd/gencorpus) into an output that discards every file:
// the build's own work, without the file system's part, to compare sizes.
// Skipped without GUONG_BENCH_SITE.
//
//	go run ./cmd/gencorpus -n 100000 -o /tmp/site-100000
//	GUONG_BENCH_SITE=/tmp/site-100000 go test ./internal/build -run '^$' -bench BuildNoWrite -benchtime 1x
func BenchmarkBuildNoWrite(b *testing.B) {
	dir := os.Getenv("GUONG_BENCH_SITE")
	if dir == "" {
		b.Skip("GUONG_BENCH_SITE is not set")
	}
	opts := Options{Themes: themes.FS, Future: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for range b.N {
		r, err := Run(context.Background(), sitefs.Dir(dir), discard{}, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(r.Files), "files")
		for _, p := range r.Phases {
			b.ReportMetric(p.Time.Seconds(), p.Name+"-s")
		}
	}
}

// BenchmarkCheckCancellable is guong check of a generated 1,000-story
// site on disk, its reads made cancellable (a context that can be done,
// as the CLI's) or not (context.Background): the cost of a goroutine a
// read (see sitefs.WithContext).
func BenchmarkCheckCancellable(b *testing.B) {
	dir := b.TempDir()
	err := corpus.Generate(corpus.Options{Stories: 1000, Seed: 1}, func(f corpus.File) error {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, f.Data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, cancellable := range []bool{false, true} {
		name := "background"
		if cancellable {
			name = "cancellable"
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			if cancellable {
				var cancel context.CancelFunc
				ctx, cancel = context.WithCancel(ctx)
				defer cancel()
			}
			for range b.N {
				if r := Check(ctx, sitefs.Dir(dir), opts); r.Diags.HasErrors() {
					b.Fatal(r.Diags.Err())
				}
			}
		})
	}
}
