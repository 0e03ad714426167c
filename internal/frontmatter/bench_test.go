package frontmatter

import (
	"testing"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/diag"
)

// storySources returns the cleaned files of n generated stories.
func storySources(b *testing.B, n int) (names []string, srcs [][]byte, bytes int64) {
	fsys, err := corpus.FS(corpus.Options{Stories: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range corpus.Stories(fsys) {
		var d diag.List
		src := Clean(name, fsys[name].Data, &d)
		names, srcs = append(names, name), append(srcs, src)
		bytes += int64(len(src))
	}
	return names, srcs, bytes
}

// BenchmarkSplit splits and decodes the front matter of one generated story
// per op (the YAML of the content format: title, date, person, campaigns,
// tags, awards…).
func BenchmarkSplit(b *testing.B) {
	names, srcs, total := storySources(b, 1000)
	b.SetBytes(total / int64(len(srcs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		var d diag.List
		doc := Split(names[i%len(names)], srcs[i%len(srcs)], &d)
		if doc == nil || d.HasErrors() {
			b.Fatalf("%s: %v", names[i%len(names)], d.Err())
		}
	}
}

// BenchmarkClean prepares the raw bytes of one generated story per op
// (UTF-8 check, line endings, NFC).
func BenchmarkClean(b *testing.B) {
	names, srcs, total := storySources(b, 1000)
	b.SetBytes(total / int64(len(srcs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		var d diag.List
		if Clean(names[i%len(names)], srcs[i%len(srcs)], &d) == nil {
			b.Fatal(d.Err())
		}
	}
}
