package browsertest_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/guong/guong/internal/browsertest"
	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
	"github.com/rogpeppe/go-internal/txtar"
)

// buildNow is the build time of the test site: the 2030 story is in the future.
var buildNow = time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC)

// buildSite builds testdata/search.txtar into memory.
func buildSite(t *testing.T) (*publish.Memory, *build.Result) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/search.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	mem := publish.NewMemory()
	r, err := build.Run(context.Background(), fsys, mem, build.Options{Themes: themes.FS, Now: buildNow})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return mem, r
}

// titles returns the titles of the results shown, in order.
const titlesJS = `Array.from(document.querySelectorAll('#search-results .card-title')).map(e => e.textContent)`

// waitResults waits until the search page has answered.
func waitResults(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`#search-page[data-state]:not([aria-busy])`)))
}

// TestSearch drives the search page. The ranking itself is tested in
// go test through goja (internal/search/jstest, internal/search/rank_test.go),
// on the same site among others; these check the page around it.
func TestSearch(t *testing.T) {
	mem, r := buildSite(t)
	site := browsertest.Serve(t, mem, r.Config.BasePath())
	b := browsertest.Start(t, 1280, 900)
	const timeout = 15 * time.Second
	page := site + "tim-kiem/"

	t.Run("typed without diacritics, the story comes first", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q=dan+van+kheo")); err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		titles := evalT[[]string](t, ctx, titlesJS)
		want := []string{"Chị Hoàng Thị Lan – dân vận khéo nơi biên giới", "Tập thể Phòng Quản lý biên giới làm tốt công tác dân vận"}
		if !slices.Equal(titles, want) {
			t.Errorf("results = %q, want %q", titles, want)
		}
		marks := evalT[[]string](t, ctx, `Array.from(document.querySelectorAll('#search-results li:first-child .card-title mark')).map(e => e.textContent)`)
		if !slices.Equal(marks, []string{"dân", "vận", "khéo"}) {
			t.Errorf("highlighted in the first title: %q, want dân vận khéo", marks)
		}
		status := evalT[string](t, ctx, `document.getElementById('search-status').textContent`)
		if status != "Tìm thấy 2 kết quả cho «dan van kheo»." {
			t.Errorf("status = %q", status)
		}
	})

	t.Run("typing searches, syllables together rank first, the address keeps the query", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		err := chromedp.Do(ctx,
			chromedp.Navigate(page),
			chromedp.WaitReady(chromedp.ID("search-q")),
			chromedp.SendKeys(chromedp.ID("search-q"), "bien gioi"),
		)
		if err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		titles := evalT[[]string](t, ctx, titlesJS)
		// The scattered story has both syllables in its title, a heavy
		// field, yet comes after the three that have them together
		// (in their title, person or department).
		if len(titles) != 4 || titles[3] != "Giới trẻ và những trang biên bản" {
			t.Errorf("results = %q, want four, the scattered one last", titles)
		}
		loc := evalT[string](t, ctx, `location.search`)
		if loc != "?q=bien+gioi" {
			t.Errorf("address = %q, want ?q=bien+gioi", loc)
		}
	})

	t.Run("filter by model type", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		err := chromedp.Do(ctx,
			chromedp.Navigate(page+"?q=van"),
			chromedp.WaitReady(chromedp.CSS(`#search-page[data-state]:not([aria-busy])`)),
			// As a keyboard user: focus the select and pick with the arrows.
			chromedp.Focus(chromedp.ID("loc-mo-hinh")),
		)
		if err != nil {
			t.Fatal(err)
		}
		before := evalT[int](t, ctx, `document.querySelectorAll('#search-results li').length`)
		err = chromedp.Do(ctx,
			chromedp.SetValue(chromedp.ID("loc-mo-hinh"), "chuyen-mon"),
			run(`document.getElementById('loc-mo-hinh').dispatchEvent(new Event('change'))`),
			wait(`location.search.includes('mo-hinh=chuyen-mon') && !document.getElementById('search-page').hasAttribute('aria-busy')`),
		)
		if err != nil {
			t.Fatal(err)
		}
		badges := evalT[[]string](t, ctx, `Array.from(document.querySelectorAll('#search-results .badge')).map(e => e.firstChild.textContent + '|' + e.title)`)
		if len(badges) != 2 || len(badges) >= before {
			t.Errorf("badges after filtering = %q (before: %d results), want the two stories of the type", badges, before)
		}
		for _, b := range badges {
			// The short name shown, the full one as the title.
			if b != "Chuyên môn|Điển hình trong thực hiện nhiệm vụ chuyên môn" {
				t.Errorf("a result of another model type: %q", b)
			}
		}
		option := evalT[string](t, ctx, `document.querySelector('#loc-mo-hinh option[value=chuyen-mon]').textContent`)
		if option != "Điển hình trong thực hiện nhiệm vụ chuyên môn (2)" {
			t.Errorf("option = %q, want the count of results", option)
		}
	})

	t.Run("open a result, and come back to the results", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		err := chromedp.Do(ctx,
			chromedp.Navigate(page+"?q=nguyen+van+an"),
			chromedp.WaitReady(chromedp.CSS(`#search-page[data-state]:not([aria-busy])`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-results li:first-child .card-title a`))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`body.kind-story`))); err != nil {
			t.Fatal(err)
		}

		h1 := evalT[string](t, ctx, `document.querySelector('h1').textContent`)
		if h1 != "Anh Nguyễn Văn Ân tận tụy với công việc" {
			t.Errorf("opened %q", h1)
		}
		// The back button. The browser keeps no page in its back-forward
		// cache (see the harness's flags): the search page loads anew and
		// must restore the query from its address.
		if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		if n := evalT[int](t, ctx, `document.querySelectorAll('#search-results li').length`); n == 0 {
			t.Errorf("back on the search page, no results")
		}
		if q := evalT[string](t, ctx, `document.getElementById('search-q').value`); q != "nguyen van an" {
			t.Errorf("back on the search page, the box holds %q", q)
		}
	})

	t.Run("the header's box searches from any page, with the keyboard", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		err := chromedp.Do(ctx,
			chromedp.Navigate(site),
			chromedp.WaitReady(chromedp.ID("site-search-q")),
			chromedp.SendKeys(chromedp.ID("site-search-q"), "hoang thi lan\r"),
			chromedp.WaitReady(chromedp.CSS(`body.kind-search`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		titles := evalT[[]string](t, ctx, titlesJS)
		if len(titles) == 0 || titles[0] != "Chị Hoàng Thị Lan – dân vận khéo nơi biên giới" {
			t.Errorf("results = %q", titles)
		}
		live := evalT[string](t, ctx, `document.getElementById('search-status').getAttribute('role') + ' ' + document.getElementById('search-status').getAttribute('aria-live')`)
		if live != "status polite" {
			t.Errorf("the status is not announced: %q", live)
		}
	})

	t.Run("no results: a clear message and suggestions", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?q=bien+gioj+")); err != nil {
			t.Fatal(err)
		}
		if err := waitResults(ctx); err != nil {
			t.Fatal(err)
		}
		status := evalT[string](t, ctx, `document.getElementById('search-status').textContent`)
		if status != "Không tìm thấy kết quả nào cho «bien gioj»." {
			t.Errorf("status = %q", status)
		}
		hidden := evalT[bool](t, ctx, `document.getElementById('search-empty').hidden`)
		suggestion := evalT[string](t, ctx, `(document.querySelector('#search-suggest a') || {}).textContent || ''`)
		if hidden || suggestion != "biên giới" {
			t.Errorf("suggestions hidden = %v, first suggestion %q, want biên giới", hidden, suggestion)
		}
	})

	t.Run("without JavaScript: a notice on the search page, the other pages work", func(t *testing.T) {
		ctx := b.Tab(t, timeout, false)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(site),
			chromedp.WaitReady(chromedp.ID("site-search-q")),
			chromedp.SendKeys(chromedp.ID("site-search-q"), "lan\r"),
			chromedp.WaitVisible(chromedp.CSS(`.search-noscript`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.search-noscript`)))
		if err != nil || !strings.HasPrefix(text, "Trang tìm kiếm cần bật JavaScript") {
			t.Errorf("notice = %q (%v)", text, err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(site+"bai-viet/lan/"), chromedp.WaitVisible(chromedp.CSS(`.story-body`))); err != nil {
			t.Errorf("a story without JavaScript: %v", err)
		}
	})
}

// wait polls a JavaScript expression until it is true.
func wait(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](expr)(ctx, t)
		return err
	})
}

// run evaluates a JavaScript expression for its effect.
func run(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](expr)(ctx, t)
		return err
	})
}

// evalT evaluates a JavaScript expression in the tab.
func evalT[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}
