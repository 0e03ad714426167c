package site

import (
	"fmt"
	"strings"
	"testing"
)

func TestPagerWindow(t *testing.T) {
	stories := make([]*Story, 95)
	pages := Paginate("mo-hinh/x/", stories, 10) // 10 pages
	show := func(p *Pager) string {
		var parts []string
		for _, q := range p.Window() {
			if q == nil {
				parts = append(parts, "…")
			} else {
				parts = append(parts, fmt.Sprint(q.Number))
			}
		}
		return strings.Join(parts, " ")
	}
	for _, tc := range []struct {
		page int
		want string
	}{
		{1, "1 2 3 … 10"},
		{4, "1 2 3 4 5 6 … 10"},
		{5, "1 … 3 4 5 6 7 … 10"},
		{10, "1 … 8 9 10"},
	} {
		if got := show(pages[tc.page-1]); got != tc.want {
			t.Errorf("page %d shows %q, want %q", tc.page, got, tc.want)
		}
	}
	if got := show(Paginate("x/", nil, 10)[0]); got != "1" {
		t.Errorf("a single page shows %q", got)
	}
}
