package browsertest_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/guong/guong/internal/browsertest"
	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
	"github.com/rogpeppe/go-internal/txtar"
)

// partial is a story that has "le", "van" and "an", none of them as a
// person's name: "le van an" is a name nobody has, matched in part.
const partial = `---
title: "Bình an về bản"
date: 2024-03-01
person: "Lê Văn Tám"
department: van-phong
model: chuyen-mon
---
Ông Tám đưa bà con về bản mới.
`

// TestSearchStates: the page searches with the last syllable as a prefix
// while the reader types, and with whole syllables once the query is
// submitted; it counts the results spelt with the diacritics typed, and
// says when no person has the name asked for.
func TestSearchStates(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/search.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"content/stories/2024/binh-an.md": &fstest.MapFile{Data: []byte(partial)}}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	mem := publish.NewMemory()
	r, err := build.Run(context.Background(), fsys, mem, build.Options{Themes: themes.FS, Now: buildNow})
	if err != nil {
		t.Fatal(err)
	}
	site := browsertest.Serve(t, mem, r.Config.BasePath())
	b := browsertest.Start(t, 1280, 900)
	const timeout = 15 * time.Second
	page := site + "tim-kiem/"
	count := `document.querySelectorAll('#search-results li').length`
	status := `document.getElementById('search-status').textContent`

	t.Run("typing, then submitting", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		err := chromedp.Do(ctx,
			chromedp.Navigate(page),
			chromedp.WaitReady(chromedp.ID("search-q")),
			chromedp.SendKeys(chromedp.ID("search-q"), "Ân"),
			wait(`document.getElementById('search-page').getAttribute('data-query') === 'typing' && document.getElementById('search-page').getAttribute('data-state') === 'done' && !document.getElementById('search-page').hasAttribute('aria-busy')`),
		)
		if err != nil {
			t.Fatal(err)
		}
		// Ân, An, "Bình an", and the words it begins: anh (in Đặng Văn
		// Đông's and Lê Minh Tuấn's stories).
		typing := evalT[int](t, ctx, count)
		err = chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.ID("search-q"), "\r"),
			wait(`document.getElementById('search-page').getAttribute('data-query') === 'submitted' && !document.getElementById('search-page').hasAttribute('aria-busy')`),
		)
		if err != nil {
			t.Fatal(err)
		}
		if submitted := evalT[int](t, ctx, count); typing != 5 || submitted != 3 {
			t.Errorf("typing Ân: %d results, submitted: %d; want 5, then Ân, An and an", typing, submitted)
		}
		if s := evalT[string](t, ctx, status); s != "Tìm thấy 3 kết quả cho «Ân». 1 kết quả có đúng dấu như đã gõ." {
			t.Errorf("status = %q, want the count of the exact ones", s)
		}
	})

	t.Run("an address is a submitted query", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q=Ân")); err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		if n := evalT[int](t, ctx, count); n != 3 {
			t.Errorf("?q=Ân: %d results, want 3", n)
		}
		first := evalT[string](t, ctx, `document.querySelector('#search-results .card-title').textContent`)
		if first != "Anh Nguyễn Văn Ân tận tụy với công việc" {
			t.Errorf("first result %q, want the one spelt Ân", first)
		}
	})

	t.Run("a name nobody has", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q=le+van+an")); err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		if s := evalT[string](t, ctx, status); s != "Không có nhân vật nào tên «le van an»; dưới đây là các bài khớp một phần. Tìm thấy 1 kết quả cho «le van an»." {
			t.Errorf("status = %q", s)
		}
		if n := evalT[int](t, ctx, count); n != 1 {
			t.Errorf("%d results, want the partial match", n)
		}
		// A name somebody has: no notice.
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q=tran+van+an")); err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		if s := evalT[string](t, ctx, status); s != "Tìm thấy 1 kết quả cho «tran van an»." {
			t.Errorf("tran van an: status = %q", s)
		}
	})
}
