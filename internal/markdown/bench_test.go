package markdown_test

import (
	"bytes"
	"fmt"
	"strings"
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

// BenchmarkNestedLists converts a list nested depth deep, each item two
// spaces further in than the last (1,000 deep is 1 MB, 3,000 deep 9 MB):
// the time must grow as the size does, so MB/s stays the same from one
// depth to the next. goldmark alone took 2.6 s at 1,000 and a minute at
// 3,000; the body is now refused, at the item too deep, in one pass.
func BenchmarkNestedLists(b *testing.B) {
	for _, depth := range []int{1000, 2000, 3000} {
		var src bytes.Buffer
		for i := range depth {
			src.Write(bytes.Repeat([]byte(" "), 2*i))
			src.WriteString("- x\n")
		}
		body := src.Bytes()
		b.Run(fmt.Sprintf("depth=%d", depth), func(b *testing.B) {
			conv := markdown.New("/")
			b.SetBytes(int64(len(body)))
			for range b.N {
				var d diag.List
				conv.Convert("content/stories/sau.md", 7, body, &d)
				if len(d) != 1 || d[0].Code != diag.TooDeep {
					b.Fatalf("diagnostics = %v, want one %s", d, diag.TooDeep)
				}
			}
		})
	}
}

// BenchmarkDeepestAllowed converts 9 MB of list items as deep as
// MaxNesting allows — the costliest body a site can hold, per byte — to
// show what it costs per MB.
func BenchmarkDeepestAllowed(b *testing.B) {
	var src bytes.Buffer
	for i := range markdown.MaxNesting {
		src.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	line := strings.Repeat("  ", markdown.MaxNesting-1) + "- x\n"
	for src.Len() < 9<<20 {
		src.WriteString(line)
	}
	body := src.Bytes()
	conv := markdown.New("/")
	b.SetBytes(int64(len(body)))
	for range b.N {
		var d diag.List
		conv.Convert("content/stories/sau.md", 7, body, &d)
		if len(d) != 0 {
			b.Fatal(d)
		}
	}
}
