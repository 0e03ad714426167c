package markdown_test

import (
	"bytes"
	"testing"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
)

// BenchmarkConvert renders the Markdown body of one generated story per op
// (headings, a list, a table, a blockquote, links: 400–900 words).
func BenchmarkConvert(b *testing.B) {
	fsys, err := corpus.FS(corpus.Options{Stories: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	var bodies [][]byte
	var total int64
	for _, name := range corpus.Stories(fsys) {
		_, body, ok := bytes.Cut(fsys[name].Data, []byte("\n---\n"))
		if !ok {
			b.Fatalf("%s: no front matter", name)
		}
		names, bodies = append(names, name), append(bodies, body)
		total += int64(len(body))
	}
	conv := markdown.New("/guong-dien-hinh/")
	b.SetBytes(total / int64(len(bodies)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		var d diag.List
		res := conv.Convert(names[i%len(names)], 15, bodies[i%len(bodies)], &d)
		if d.HasErrors() || len(res.HTML) == 0 {
			b.Fatal(d.Err())
		}
	}
}
