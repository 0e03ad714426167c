package markdown

import (
	"strings"
	"testing"

	"github.com/guong/guong/internal/diag"
)

func TestTableRegions(t *testing.T) {
	body := "| Họ tên | Đơn vị |\n|---|---|\n| Lan | Xã |\n\nĐoạn giữa.\n\n> | A | B |\n> |---|---|\n> | 1 | 2 |\n"
	tests := []struct {
		name  string
		label string
		want  []string
	}{
		{"named and numbered", "Bảng %d trong bài", []string{
			`<div class="table-scroll" role="region" aria-label="Bảng 1 trong bài" tabindex="0">` + "\n<table>",
			`<div class="table-scroll" role="region" aria-label="Bảng 2 trong bài" tabindex="0">` + "\n<table>",
		}},
		{"label escaped", `Bảng "%d" <x>`, []string{`aria-label="Bảng &#34;1&#34; &lt;x&gt;"`}},
		{"unnamed", "", []string{`<div class="table-scroll" tabindex="0">` + "\n<table>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			html := string(New("/").WithTableLabel(tc.label).Convert("a.md", 1, []byte(body), &diags).HTML)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("missing %q in\n%s", w, html)
				}
			}
			if got := strings.Count(html, `<div class="table-scroll"`); got != 2 {
				t.Errorf("%d table boxes, want 2:\n%s", got, html)
			}
			if got := strings.Count(html, "</table>\n</div>"); got != 2 {
				t.Errorf("%d tables closed with their box, want 2:\n%s", got, html)
			}
		})
	}
}
