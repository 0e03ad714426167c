// Package browsertest is the project's harness for real-browser tests: it
// starts Debian's Chromium headless through chromedp and serves a built site
// on 127.0.0.1, under the site's base path, for tests that drive the pages as
// a reader would.
//
// Without Chromium, Require skips the test with a message saying how to
// install it, unless the CI environment variable is set (as .ci/run has it),
// in which case the test fails: CI must run the browser tests.
//
// The browser never reaches the network: every host name but 127.0.0.1 is
// mapped to nothing, and Chromium's background services (updates, sync,
// safe browsing, metrics) are turned off.
package browsertest

import (
	"context"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath returns the Chromium to use: $CHROMIUM if set, else
// /usr/bin/chromium, else the first of chromium, chromium-browser,
// google-chrome found in PATH; "" if there is none.
func ChromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// InCI reports whether the tests run in CI: CI is set to anything but ""
// "0" or "false".
func InCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "0" && v != "false"
}

// Require returns Chromium's path. Without one it skips t, or fails it in CI.
func Require(t testing.TB) string {
	t.Helper()
	return require(t, ChromiumPath(), InCI())
}

// require is Require given Chromium's path ("" for none) and whether in CI.
func require(t testing.TB, p string, ci bool) string {
	t.Helper()
	if p == "" {
		const msg = "no Chromium found (install it with: apt-get install chromium, or set CHROMIUM to its path)"
		if ci {
			t.Fatal(msg + "; CI is set, so the browser tests must run")
		} else {
			t.Skip(msg + "; skipping the browser tests (with CI=true they fail instead)")
		}
	}
	return p
}

// flags returns the command-line switches Chromium runs with, besides
// headless mode, the sandbox (off: the tests may run as root) and a fresh
// profile.
func flags() map[string]any {
	return map[string]any{
		"disable-background-networking":          true,
		"disable-component-update":               true,
		"disable-sync":                           true,
		"disable-quic":                           true,
		"disable-default-apps":                   true,
		"disable-extensions":                     true,
		"disable-domain-reliability":             true,
		"disable-client-side-phishing-detection": true,
		"disable-breakpad":                       true,
		"disable-dev-shm-usage":                  true,
		"metrics-recording-only":                 true,
		"no-pings":                               true,
		"mute-audio":                             true,
		"hide-scrollbars":                        true,
		// Pages load anew on back and forward, as on a browser that keeps
		// none in memory; chromedp also waits for that load.
		"disable-back-forward-cache": true,
		"disable-features":           "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions",
		// Nothing but the test server resolves.
		"host-resolver-rules": "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
	}
}

// Browser is a headless Chromium, closed when the test that started it ends.
type Browser struct {
	ctx context.Context // the browser's first tab; new tabs derive from it
}

// Start starts Chromium for t and the tests under it, in a window of
// width × height pixels, or skips t (see Require).
func Start(t testing.TB, width, height int) *Browser {
	t.Helper()
	exe := Require(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	for name, v := range flags() {
		opts = append(opts, chromedp.Flag(name, v))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	return &Browser{ctx: ctx}
}

// Tab opens a new tab, closed when t ends. Actions run in it fail after
// timeout. fresh gives the tab a browser context of its own: an empty cache,
// no cookies, no history shared with other tabs.
func (b *Browser) Tab(t testing.TB, timeout time.Duration, fresh bool) context.Context {
	t.Helper()
	var opts []chromedp.ContextOption
	if fresh {
		opts = append(opts, chromedp.WithNewBrowserContext())
	}
	tab, cancelTab := chromedp.NewContext(b.ctx, opts...)
	if err := chromedp.Do(tab); err != nil {
		cancelTab()
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, timeout)
	t.Cleanup(func() { cancel(); cancelTab() })
	return ctx
}

// Files is a built site: publish.Memory is one, and so is Dir.
type Files interface {
	Get(name string) ([]byte, bool)
}

// Dir is a built site in a folder.
type Dir string

// Get returns the file name of the folder.
func (d Dir) Get(name string) ([]byte, bool) {
	data, err := os.ReadFile(path.Join(string(d), name))
	return data, err == nil
}

// Handler serves files at basePath ("/guong/"): "dir/" serves
// "dir/index.html", a path outside basePath redirects to it, and a missing
// file is a 404 with the site's 404.html.
func Handler(files Files, basePath string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, basePath) {
			http.Redirect(w, r, basePath, http.StatusFound)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, basePath)
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := files.Get(name)
		status := http.StatusOK
		if !ok {
			name, status = "404.html", http.StatusNotFound
			data, _ = files.Get(name)
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(data)
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		w.Write(data)
	})
}

// Serve serves files at basePath on 127.0.0.1 until t ends, and returns the
// site's address, e.g. "http://127.0.0.1:41234/guong/".
func Serve(t testing.TB, files Files, basePath string) string {
	t.Helper()
	srv := httptest.NewServer(Handler(files, basePath))
	t.Cleanup(srv.Close)
	return srv.URL + basePath
}

// Meter counts what a handler sends: requests, and bytes of status lines,
// headers and bodies. It sees every request the browser makes, those of
// web workers too, which the page's network events do not.
type Meter struct {
	next http.Handler

	mu       sync.Mutex
	requests int
	bytes    int64
}

// NewMeter returns a Meter in front of next.
func NewMeter(next http.Handler) *Meter { return &Meter{next: next} }

// Reset sets the counts to zero.
func (m *Meter) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests, m.bytes = 0, 0
}

// Counts returns the requests served and the bytes sent since the last Reset.
func (m *Meter) Counts() (requests int, bytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.requests, m.bytes
}

// ServeHTTP serves r through the handler and counts the response.
func (m *Meter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cw := &countingWriter{ResponseWriter: w}
	m.next.ServeHTTP(cw, r)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests++
	m.bytes += cw.n
}

type countingWriter struct {
	http.ResponseWriter
	n           int64
	wroteHeader bool
}

func (c *countingWriter) WriteHeader(status int) {
	if !c.wroteHeader {
		c.wroteHeader = true
		c.n += int64(len("HTTP/1.1 200 OK\r\n\r\n"))
		for k, vs := range c.Header() {
			for _, v := range vs {
				c.n += int64(len(k) + len(": ") + len(v) + len("\r\n"))
			}
		}
		// What net/http adds: Date and Content-Length.
		c.n += int64(len("Date: Mon, 02 Jan 2006 15:04:05 GMT\r\nContent-Length: 12345\r\n"))
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if !c.wroteHeader {
		c.WriteHeader(http.StatusOK)
	}
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

// ServeMetered is Serve with a Meter counting what is served.
func ServeMetered(t testing.TB, files Files, basePath string) (string, *Meter) {
	t.Helper()
	m := NewMeter(Handler(files, basePath))
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return srv.URL + basePath, m
}
