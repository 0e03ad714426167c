package browsertest_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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

// benchQueries are the queries TestSearchBenchmark measures by default:
// common and rare words, names typed with and without diacritics, and the
// cases of issue 23 (a name nobody has, "Đồng").
var benchQueries = []string{
	"bien gioi", "nguyen van an", "Đồng", "hoang thi lan", "dan van kheo",
	"cai cach hanh chinh", "Nguyễn Văn An", "so hoa", "lan", "tuan tra bien gioi",
}

// TestSearchBenchmark measures queries in a fresh browser each (cold
// cache): the bytes downloaded and the time from navigation to the first
// result, for guong's search and for Pagefind's on the same site, one
// after the other for each query and run, so that the machine's load
// weighs on both alike. It prints each query's medians, then the median
// over the queries of the bytes and of the times, and the ratios. It runs
// only when GUONG_BENCH_SEARCH names the folder scripts/bench-search.sh
// prepared: guong/ (guong's output) and pagefind/ (a copy indexed by
// Pagefind, with pagefind-ui/ and pagefind-api/ pages). BENCH_QUERY (one
// query, or several separated by "|"; default benchQueries) and
// BENCH_RUNS (default 5) tune it.
func TestSearchBenchmark(t *testing.T) {
	dir := os.Getenv("GUONG_BENCH_SEARCH")
	if dir == "" {
		t.Skip("set GUONG_BENCH_SEARCH (see scripts/bench-search.sh)")
	}
	queries := benchQueries
	if q := os.Getenv("BENCH_QUERY"); q != "" {
		queries = strings.Split(q, "|")
	}
	runs := 5
	if n, err := strconv.Atoi(os.Getenv("BENCH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	const base = "/guong-dien-hinh/"
	guong, gm := browsertest.ServeMetered(t, browsertest.Dir(filepath.Join(dir, "guong")), base)
	pf, pm := browsertest.ServeMetered(t, browsertest.Dir(filepath.Join(dir, "pagefind")), base)
	b := browsertest.Start(t, 1280, 900)
	engines := []struct {
		name, url, selector string
		meter               *browsertest.Meter
	}{
		{"guong", guong + "tim-kiem/", "#search-results li .card-title a", gm},
		{"pagefind-ui", pf + "pagefind-ui/", ".pagefind-ui__result-link", pm},
		{"pagefind-api", pf + "pagefind-api/", "#results li a", pm},
	}
	samples := make([][]sample, len(engines)) // by engine, by query
	results := make([][]string, len(engines))
	for e := range engines {
		samples[e] = make([]sample, len(queries))
		results[e] = make([]string, len(queries))
	}
	for range runs {
		for qi, q := range queries {
			for e, c := range engines {
				ms, n, reqs, count := measure(t, b, c.url+"?q="+url.QueryEscape(q), c.selector, c.meter)
				s := &samples[e][qi]
				s.times, s.bytes, s.requests = append(s.times, ms), append(s.bytes, float64(n)), append(s.requests, float64(reqs))
				results[e][qi] = count
			}
		}
	}
	overall := make([][2]float64, len(engines)) // median KB over queries, median ms over every run
	for e, c := range engines {
		var kb, all []float64
		for qi, q := range queries {
			s := samples[e][qi]
			fmt.Printf("%-13s query %-24q first results after %6.0f ms (median of %d; min %.0f, max %.0f), %6.1f KB in %.0f requests, results: %s\n",
				c.name, q, median(s.times), runs, slices.Min(s.times), slices.Max(s.times), median(s.bytes)/1024, median(s.requests), results[e][qi])
			kb = append(kb, median(s.bytes)/1024)
			all = append(all, s.times...)
		}
		overall[e] = [2]float64{median(kb), median(all)}
	}
	for e, c := range engines {
		fmt.Printf("%-13s over %d queries: median %6.1f KB downloaded (max %.1f), first results after %4.0f ms (median of %d runs); against guong: %.2f× the bytes, %.2f× the time\n",
			c.name, len(queries), overall[e][0], maxKB(samples[e]), overall[e][1], runs*len(queries), overall[e][0]/overall[0][0], overall[e][1]/overall[0][1])
	}
}

// sample is one engine's measures of one query, a value per run.
type sample struct{ times, bytes, requests []float64 }

// maxKB returns the greatest of the queries' median downloads, in KB.
func maxKB(samples []sample) float64 {
	m := 0.0
	for _, s := range samples {
		m = max(m, median(s.bytes)/1024)
	}
	return m
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
