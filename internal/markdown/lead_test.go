package markdown_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/markdown"
)

// leadCases are bodies whose first paragraph a leading part could get
// wrong: blocks before it, blank lines inside code and HTML, definitions
// after it, a paragraph made a heading or a table by its next line.
var leadCases = []string{
	"",
	"Chỉ một đoạn.",
	"## Tiêu đề\n\nĐoạn *một* sau tiêu đề.\n\nĐoạn hai.",
	"Đoạn có [liên kết][lk] tham chiếu.\n\n" + strings.Repeat("Đoạn đệm dài.\n\n", 200) + "[lk]: /bai-viet/x/",
	"Đoạn có chú thích[^1].\n\n" + strings.Repeat("x ", 2000) + "\n\n[^1]: Chú thích.",
	"```\nmã\n\n\nvẫn là mã\n" + strings.Repeat("dòng mã\n\n", 300) + "```\n\nĐoạn sau mã.",
	"<pre>\n" + strings.Repeat("a\n\n", 600) + "</pre>\n\nĐoạn sau HTML.",
	"    thụt lề\n\n" + strings.Repeat("    mã thụt lề\n\n", 400) + "Đoạn sau mã thụt lề.",
	strings.Repeat("- mục\n\n", 400) + "Đoạn sau danh sách.",
	strings.Repeat("> trích\n>\n", 400) + "\nĐoạn sau trích dẫn.",
	strings.Repeat("Dòng dài của tiêu đề setext ", 60) + "\n===\n\nĐoạn thật.",
	strings.Repeat("a | b ", 300) + "\n--|--\n\nĐoạn sau bảng.",
	"# Chỉ tiêu đề\n\n---\n\n" + strings.Repeat("## Mục\n\n", 500),
	strings.Repeat("# Tiêu đề\n\n", 300) + "Đoạn *đầu* với **chữ đậm**, `mã`, https://vi.wikipedia.org và ~~gạch~~.\n\nĐoạn hai.",
	"Đoạn một\ncó hai dòng  \nvà ngắt dòng.\n\nĐoạn hai.",
}

// TestFirstParagraphAlone: FirstParagraph finds what a whole conversion does,
// on bodies made to trip a leading part and on random mixes of blocks.
func TestFirstParagraphAlone(t *testing.T) {
	c := markdown.New("/")
	bodies := append([]string(nil), leadCases...)
	bodies = append(bodies, fuzzSeeds...)
	blocks := []string{"Đoạn văn ngắn.", "## Tiêu đề", "```\nmã\n\nmã\n```", "```\nmở mà không đóng", "- a\n- b", "> trích",
		"<div>\nkhối HTML\n</div>", "<!--\nchú thích\n\n-->", "    thụt lề", "---", "=== ", "| a | b |\n|---|---|\n| 1 | 2 |",
		"[x]: /y/", "Đoạn có [x] và [^n].", "[^n]: chú thích", strings.Repeat("chữ ", 300), ""}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(40) {
			b.WriteString(blocks[rng.IntN(len(blocks))])
			b.WriteString([]string{"\n", "\n\n", "\n\n\n"}[rng.IntN(3)])
		}
		bodies = append(bodies, b.String())
	}
	for _, body := range bodies {
		var diags diag.List
		want := c.Convert("a.md", 1, []byte(body), &diags).FirstParagraph
		if got := c.FirstParagraph([]byte(body)); got != want {
			t.Fatalf("FirstParagraph = %q, want %q (as Convert)\nbody: %q", got, want, body)
		}
	}
}
