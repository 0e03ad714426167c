package browsertest_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/guong/guong/internal/browsertest"
)

// firstResultJS records, in window.__firstResult, the time after navigation
// at which an element matching the selector in window.__resultSelector
// first appears.
const firstResultJS = `(() => {
  window.__firstResult = null;
  const sel = %q;
  const check = () => {
    if (window.__firstResult === null && document.querySelector(sel)) {
      window.__firstResult = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();`

// TestSearchBenchmark measures a query in a fresh browser (cold cache):
// the bytes downloaded and the time from navigation to the first result,
// for guong's search and for Pagefind's on the same site. It runs only when
// GUONG_BENCH_SEARCH names the folder scripts/bench-search.sh prepared:
// guong/ (guong's output) and pagefind/ (a copy indexed by Pagefind, with
// pagefind-ui/ and pagefind-api/ pages). BENCH_QUERY (default "bien gioi")
// and BENCH_RUNS (default 7) tune it.
func TestSearchBenchmark(t *testing.T) {
	dir := os.Getenv("GUONG_BENCH_SEARCH")
	if dir == "" {
		t.Skip("set GUONG_BENCH_SEARCH (see scripts/bench-search.sh)")
	}
	q := os.Getenv("BENCH_QUERY")
	if q == "" {
		q = "bien gioi"
	}
	runs := 7
	if n, err := strconv.Atoi(os.Getenv("BENCH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	const base = "/guong-dien-hinh/"
	guong, gm := browsertest.ServeMetered(t, browsertest.Dir(filepath.Join(dir, "guong")), base)
	pf, pm := browsertest.ServeMetered(t, browsertest.Dir(filepath.Join(dir, "pagefind")), base)
	b := browsertest.Start(t, 1280, 900)
	qs := "?q=" + url.QueryEscape(q)
	for _, c := range []struct {
		name, url, selector string
		meter               *browsertest.Meter
	}{
		{"guong", guong + "tim-kiem/" + qs, "#search-results li .card-title a", gm},
		{"pagefind-ui", pf + "pagefind-ui/" + qs, ".pagefind-ui__result-link", pm},
		{"pagefind-api", pf + "pagefind-api/" + qs, "#results li a", pm},
	} {
		var times, bytes, requests []float64
		var results string
		for range runs {
			ms, n, reqs, count := measure(t, b, c.url, c.selector, c.meter)
			times, bytes, requests = append(times, ms), append(bytes, float64(n)), append(requests, float64(reqs))
			results = count
		}
		fmt.Printf("%-13s query %q: first results after %6.0f ms (median of %d; min %.0f, max %.0f), %7.0f KB downloaded in %.0f requests, results: %s\n",
			c.name, q, median(times), runs, slices.Min(times), slices.Max(times), median(bytes)/1024, median(requests), results)
	}
}

// measure loads pageURL in a fresh browser context (an empty cache) and
// returns the time to the first result (ms after navigation start), the
// bytes the server sent (headers and bodies, web workers' requests
// included) once the page is idle, the number of requests, and the result
// count the page shows.
func measure(t *testing.T, b *browsertest.Browser, pageURL, selector string, m *browsertest.Meter) (ms float64, sent int64, requests int, count string) {
	t.Helper()
	ctx := b.Tab(t, 60*time.Second, true)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	m.Reset()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(firstResultJS, selector)}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL), wait(`window.__firstResult !== null`)); err != nil {
		t.Fatalf("%s: %v", pageURL, err)
	}
	ms = evalT[float64](t, ctx, `window.__firstResult`)
	// Let whatever the page still fetches for this query finish.
	if err := chromedp.Do(ctx, chromedp.Sleep(1500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	count = evalT[string](t, ctx, `(document.querySelector('#search-status, .pagefind-ui__message, #status') || {}).textContent || ''`)
	requests, sent = m.Counts()
	return ms, sent, requests, count
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
