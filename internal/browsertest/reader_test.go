package browsertest_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/guong/guong/internal/browsertest"
	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// The sample site: this repository's own site.yaml and content/.
var sampleSite struct {
	once sync.Once
	mem  *publish.Memory
	base string // its base path
	err  error
}

// serveSample builds this repository's site once and serves it for t.
func serveSample(t *testing.T) string {
	t.Helper()
	sampleSite.once.Do(func() {
		sampleSite.mem = publish.NewMemory()
		r, err := build.Run(context.Background(), sitefs.Dir("../.."), sampleSite.mem, build.Options{Themes: themes.FS})
		if err != nil {
			sampleSite.err = err
			return
		}
		sampleSite.base = r.Config.BasePath()
	})
	if sampleSite.err != nil {
		t.Fatalf("building the sample site: %v", sampleSite.err)
	}
	return browsertest.Serve(t, sampleSite.mem, sampleSite.base)
}

// samplePages are a page of each kind the reader tools and the menu must
// work on: the home, a story, a list, the report, the people and the search.
var samplePages = []struct{ name, path string }{
	{"home", ""},
	{"story", "bai-viet/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi/"},
	{"model list", "mo-hinh/dan-van-kheo/"},
	{"report", "bao-cao/"},
	{"rolls of honour", "bang-vang/"},
	{"a roll of honour", "bang-vang/2025/"},
	{"people", "nhan-vat/"},
	{"person", "nhan-vat/hoang-thi-lan/"},
	{"campaigns", "phong-trao/"},
	{"search", "tim-kiem/?q=lan"},
	{"page", "gioi-thieu/"},
}

// phoneTab opens a tab with a viewport of width × 800 CSS pixels.
func phoneTab(t *testing.T, b *browsertest.Browser, width int64) context.Context {
	t.Helper()
	ctx := b.Tab(t, 20*time.Second, true)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// do runs actions in the tab or fails the test.
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// visibleJS tells whether the element of a selector is displayed.
func visibleJS(sel string) string {
	return fmt.Sprintf(`(e => !!e && e.getClientRects().length > 0)(document.querySelector(%q))`, sel)
}

func TestMenu(t *testing.T) {
	site := serveSample(t)
	b := browsertest.Start(t, 1280, 800)

	t.Run("a phone: a disclosure that opens, closes and works by keyboard", func(t *testing.T) {
		ctx := phoneTab(t, b, 320)
		do(t, ctx, chromedp.Navigate(site+"bai-viet/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi/"), chromedp.WaitVisible(chromedp.CSS(".nav-toggle")))
		if evalT[bool](t, ctx, visibleJS("#danh-muc")) {
			t.Fatal("the menu is open before the button is pressed")
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitVisible(chromedp.ID("danh-muc")))
		if got := evalT[string](t, ctx, `document.querySelector('.nav-toggle').getAttribute('aria-expanded')`); got != "true" {
			t.Errorf("aria-expanded = %q after a click, want true", got)
		}
		items := evalT[[]string](t, ctx, `Array.from(document.querySelectorAll('#danh-muc a')).map(a => a.textContent.trim() + '|' + (a.title || ''))`)
		if len(items) < 4 || items[0] != "Trang chủ|" || items[1] != "Làm theo Bác|Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh" || items[2] != "Dân vận khéo|" {
			t.Errorf("menu items = %q, want Trang chủ first, then the model types' short names (the full one in the title)", items)
		}
		// The click closes it again.
		do(t, ctx, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitNotVisible(chromedp.ID("danh-muc")))

		// By keyboard: Enter on the button opens it, Tab enters it, Escape
		// closes it and gives the focus back to the button.
		do(t, ctx, chromedp.Focus(chromedp.CSS(".nav-toggle")), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("danh-muc")), chromedp.KeyEvent(kb.Tab))
		if got := evalT[string](t, ctx, `document.activeElement.textContent.trim()`); got != "Trang chủ" {
			t.Errorf("Tab after opening the menu focuses %q, want its first item", got)
		}
		do(t, ctx, chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(chromedp.ID("danh-muc")))
		if !evalT[bool](t, ctx, `document.activeElement === document.querySelector('.nav-toggle')`) {
			t.Error("Escape leaves the focus off the menu button")
		}
		if got := evalT[string](t, ctx, `document.querySelector('.nav-toggle').getAttribute('aria-expanded')`); got != "false" {
			t.Errorf("aria-expanded = %q after Escape", got)
		}
		// Space opens it too, as on any button.
		do(t, ctx, chromedp.KeyEvent(" "), chromedp.WaitVisible(chromedp.ID("danh-muc")))
	})

	t.Run("without scripts, a plain list and no tools", func(t *testing.T) {
		ctx := phoneTab(t, b, 320)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.Navigate(site), chromedp.WaitVisible(chromedp.ID("danh-muc")))
		if evalT[bool](t, ctx, visibleJS(".nav-toggle")) || evalT[bool](t, ctx, visibleJS(".reader-tools")) {
			t.Error("without scripts the menu button or the reader tools are shown, and do nothing")
		}
		checkWidth(t, ctx, "without scripts")
	})

	t.Run("a desktop: one row, no button", func(t *testing.T) {
		ctx := phoneTab(t, b, 1280)
		do(t, ctx, chromedp.Navigate(site), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		if evalT[bool](t, ctx, visibleJS(".nav-toggle")) {
			t.Error("the menu button is shown on a desktop")
		}
		tops := evalT[[]float64](t, ctx, `Array.from(document.querySelectorAll('#danh-muc li, .reader-tools')).map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))`)
		for _, top := range tops {
			if top != tops[0] {
				t.Errorf("the menu and the tools are not on one row at 1280 px: centres at %v", tops)
				break
			}
		}
	})
}

// checkWidth fails t if the page is wider than the screen, naming the
// elements that stick out (tables may scroll inside their own box).
func checkWidth(t *testing.T, ctx context.Context, when string) {
	t.Helper()
	sw, w := evalT[int](t, ctx, `document.documentElement.scrollWidth`), evalT[int](t, ctx, `innerWidth`)
	if sw <= w {
		return
	}
	wide := evalT[[]string](t, ctx, `Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 && !e.closest('.report-table, .prose table, .awards table, .visually-hidden')).slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`)
	t.Errorf("%s: the page is %d px wide on a %d px screen; sticking out: %q", when, sw, w, wide)
}

// targetsJS lists the interactive elements under selectors that are shown
// and smaller than 44 × 44 CSS pixels.
const targetsJS = `Array.from(document.querySelectorAll('.site-nav a, .site-nav button, .pager a, .share-link, .share-copy-button, .tag-list a, .report-filters a, .letter-bar a, .site-search button, .search-filter select, .listen button'))
  .filter(e => e.getClientRects().length > 0)
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width < 44 || r.height < 44)
  .map(([e, r]) => e.textContent.trim() + ' ' + Math.round(r.width) + '×' + Math.round(r.height))`

func TestPhonePages(t *testing.T) {
	site := serveSample(t)
	b := browsertest.Start(t, 1280, 800)
	for _, width := range []int64{320, 360} {
		for _, p := range samplePages {
			t.Run(fmt.Sprintf("%s at %d px", p.name, width), func(t *testing.T) {
				ctx := phoneTab(t, b, width)
				do(t, ctx, chromedp.Navigate(site+p.path), chromedp.WaitVisible(chromedp.CSS(".site-footer")))
				for _, state := range []string{"closed", "open"} {
					if state == "open" {
						do(t, ctx, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitVisible(chromedp.ID("danh-muc")))
					}
					checkWidth(t, ctx, "menu "+state)
					if small := evalT[[]string](t, ctx, targetsJS); len(small) > 0 {
						t.Errorf("menu %s: targets smaller than 44 × 44 px: %q", state, small)
					}
				}
				// The reader's largest text size (150 %) fits too.
				do(t, ctx, run(`localStorage.setItem('guong-text-size', '3')`), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".site-footer")))
				if got := evalT[float64](t, ctx, `parseFloat(getComputedStyle(document.documentElement).fontSize)`); got != 24 {
					t.Fatalf("root font size = %v px, want 24 at the largest text size", got)
				}
				checkWidth(t, ctx, "at the largest text size")
			})
		}
	}
}

// TestPhonePagination checks the pager of a long list (the sample site has
// none) at 320 px: its links are 44 px targets and the page fits.
func TestPhonePagination(t *testing.T) {
	fsys, err := corpus.FS(corpus.Options{Stories: 120, Seed: 1, BaseURL: "https://example.gov.vn/guong/"})
	if err != nil {
		t.Fatal(err)
	}
	mem := publish.NewMemory()
	r, err := build.Run(context.Background(), fsys, mem, build.Options{Themes: themes.FS, Now: buildNow})
	if err != nil {
		t.Fatal(err)
	}
	site := browsertest.Serve(t, mem, r.Config.BasePath())
	b := browsertest.Start(t, 1280, 800)
	ctx := phoneTab(t, b, 320)
	do(t, ctx, chromedp.Navigate(site+"mo-hinh/dan-van-kheo/trang/2/"), chromedp.WaitVisible(chromedp.CSS(".pager")))
	if n := evalT[int](t, ctx, `document.querySelectorAll('.pager a').length`); n < 3 {
		t.Fatalf("%d pager links, want a previous, a next and page numbers", n)
	}
	if small := evalT[[]string](t, ctx, targetsJS); len(small) > 0 {
		t.Errorf("targets smaller than 44 × 44 px: %q", small)
	}
	checkWidth(t, ctx, "a paginated list")
}

func TestReaderTools(t *testing.T) {
	site := serveSample(t)
	b := browsertest.Start(t, 1280, 800)
	story := site + "bai-viet/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi/"
	rootSize := `parseFloat(getComputedStyle(document.documentElement).fontSize)`

	t.Run("text size is remembered across pages, applied without the tools' script", func(t *testing.T) {
		ctx := phoneTab(t, b, 360)
		do(t, ctx, chromedp.Navigate(site), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		if got := evalT[float64](t, ctx, rootSize); got != 16 {
			t.Fatalf("default root font size = %v px, want 16", got)
		}
		larger := chromedp.CSS(`button[data-text-size="1"]`)
		do(t, ctx, chromedp.Click(larger), chromedp.Click(larger))
		if got := evalT[float64](t, ctx, rootSize); got != 20.8 {
			t.Errorf("after A+ twice the root font size = %v px, want 20.8 (130%%)", got)
		}
		if got := evalT[string](t, ctx, `document.querySelector('[data-text-status]').textContent`); got != "Cỡ chữ: 130%" {
			t.Errorf("announced %q, want «Cỡ chữ: 130%%»", got)
		}
		// The next page has it before any script of the theme's files runs:
		// with reader.js blocked, the head's inline script alone applies it.
		if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/*/js/reader*", Block: true}}}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(".story-body")))
		if got := evalT[float64](t, ctx, rootSize); got != 20.8 {
			t.Errorf("on the next page the root font size = %v px, want 20.8", got)
		}
		if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		do(t, ctx, chromedp.Click(larger))
		if !evalT[bool](t, ctx, `document.querySelector('button[data-text-size="1"]').disabled`) {
			do(t, ctx, chromedp.Click(larger))
		}
		if got := evalT[float64](t, ctx, rootSize); got != 24 {
			t.Errorf("at the largest size the root font size = %v px, want 24 (150%%)", got)
		}
		if !evalT[bool](t, ctx, `document.querySelector('button[data-text-size="1"]').disabled`) {
			t.Error("A+ is still enabled at the largest size")
		}
		checkWidth(t, ctx, "at the largest text size")
		do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-text-size="0"]`)), chromedp.Navigate(site), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		if got := evalT[float64](t, ctx, rootSize); got != 16 {
			t.Errorf("after A and a new page the root font size = %v px, want 16", got)
		}
	})

	t.Run("high contrast is remembered across pages", func(t *testing.T) {
		ctx := phoneTab(t, b, 360)
		do(t, ctx, chromedp.Navigate(site), chromedp.WaitVisible(chromedp.CSS(".reader-tools")),
			chromedp.Click(chromedp.CSS(`button[data-contrast]`)))
		if got := evalT[string](t, ctx, `document.querySelector('button[data-contrast]').getAttribute('aria-pressed')`); got != "true" {
			t.Errorf("aria-pressed = %q after the switch, want true", got)
		}
		do(t, ctx, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		got := evalT[[]string](t, ctx, `[document.documentElement.classList.contains('contrast') ? 'on' : 'off', document.querySelector('button[data-contrast]').getAttribute('aria-pressed'), getComputedStyle(document.body).color, getComputedStyle(document.querySelector('.site-header')).backgroundColor]`)
		want := []string{"on", "true", "rgb(0, 0, 0)", "rgb(0, 0, 0)"}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("on the next page: contrast, pressed, text, header = %q, want %q", got, want)
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-contrast]`)), chromedp.Navigate(site), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		if evalT[bool](t, ctx, `document.documentElement.classList.contains('contrast')`) {
			t.Error("contrast still on after switching it off and opening a page")
		}
	})

	t.Run("the system's more contrast turns it on until the reader switches it off", func(t *testing.T) {
		ctx := phoneTab(t, b, 360)
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-contrast", Value: "more"}}}); err != nil {
			t.Fatal(err)
		}
		on := `document.documentElement.classList.contains('contrast')`
		do(t, ctx, chromedp.Navigate(site), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		if !evalT[bool](t, ctx, on) || evalT[string](t, ctx, `document.querySelector('button[data-contrast]').getAttribute('aria-pressed')`) != "true" {
			t.Fatal("with prefers-contrast: more, the page opens without high contrast")
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-contrast]`)), chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		if evalT[bool](t, ctx, on) {
			t.Error("switched off, high contrast comes back on the next page")
		}
	})
}

// fakeSpeech replaces the browser's speech synthesis with one that has the
// voices given (set window.__voices later and fire voiceschanged to add
// some) and records what it is asked to do in window.__spoken.
const fakeSpeech = `(() => {
  const voices = %s;
  window.__spoken = [];
  const target = new EventTarget();
  const synth = {
    getVoices: () => window.__voices || voices,
    speak: u => window.__spoken.push('speak ' + u.lang + ' ' + u.text),
    pause: () => window.__spoken.push('pause'),
    resume: () => window.__spoken.push('resume'),
    cancel: () => window.__spoken.push('cancel'),
    addEventListener: (t, f) => target.addEventListener(t, f),
    dispatchEvent: e => target.dispatchEvent(e),
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  // A real utterance takes only a real voice, which a page cannot make.
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})()`

func TestListen(t *testing.T) {
	site := serveSample(t)
	b := browsertest.Start(t, 1280, 800)
	story := site + "bai-viet/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi/"
	visible := visibleJS(".listen")

	t.Run("headless Chromium has no Vietnamese voice: no button", func(t *testing.T) {
		ctx := phoneTab(t, b, 360)
		do(t, ctx, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
		// The voices the browser really has, once it has listed them.
		vi := evalT[int](t, ctx, `new Promise(ok => { const n = () => speechSynthesis.getVoices().filter(v => v.lang.toLowerCase().startsWith('vi')).length; if (speechSynthesis.getVoices().length) ok(n()); else { speechSynthesis.addEventListener('voiceschanged', () => ok(n())); setTimeout(() => ok(n()), 2000); } })`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise)
		if vi != 0 {
			t.Skipf("this Chromium has %d Vietnamese voices; the fake ones below test the button", vi)
		}
		if evalT[bool](t, ctx, visible) {
			t.Error("«Nghe đọc bài» is shown though the browser has no Vietnamese voice")
		}
	})

	cases := []struct {
		name, voices string
		late         bool // the voices arrive with voiceschanged
		shown        bool
	}{
		{"an English voice only: no button", `[{lang: 'en-US', name: 'English'}]`, false, false},
		{"a Vietnamese voice: the button", `[{lang: 'en-US', name: 'English'}, {lang: 'vi-VN', name: 'Tiếng Việt'}]`, false, true},
		{"a Vietnamese voice listed late: the button", `[]`, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := phoneTab(t, b, 360)
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(fakeSpeech, tc.voices)}); err != nil {
				t.Fatal(err)
			}
			do(t, ctx, chromedp.Navigate(story), chromedp.WaitVisible(chromedp.CSS(".reader-tools")))
			if tc.late {
				if evalT[bool](t, ctx, visible) {
					t.Fatal("the button is shown before any voice is listed")
				}
				do(t, ctx, run(`window.__voices = [{lang: 'vi', name: 'Việt'}]; speechSynthesis.dispatchEvent(new Event('voiceschanged'))`))
			}
			if got := evalT[bool](t, ctx, visible); got != tc.shown {
				t.Fatalf("«Nghe đọc bài» shown = %v, want %v", got, tc.shown)
			}
			if !tc.shown {
				return
			}
			label := `document.querySelector('.listen-play').textContent`
			do(t, ctx, chromedp.Click(chromedp.CSS(".listen-play")))
			spoken := evalT[[]string](t, ctx, `window.__spoken`)
			if len(spoken) < 3 || spoken[0] != "cancel" || !strings.HasPrefix(spoken[1], "speak vi") || !strings.Contains(spoken[1], "Chị Hoàng Thị Lan") {
				t.Errorf("asked to %q, want the story read in Vietnamese from its title", spoken)
			}
			if got := evalT[string](t, ctx, label); got != "Tạm dừng" {
				t.Errorf("while reading the button says %q, want Tạm dừng", got)
			}
			do(t, ctx, chromedp.Click(chromedp.CSS(".listen-play")))
			if got := evalT[string](t, ctx, label); got != "Đọc tiếp" {
				t.Errorf("paused, the button says %q, want Đọc tiếp", got)
			}
			do(t, ctx, chromedp.Click(chromedp.CSS(".listen-stop")), chromedp.WaitNotVisible(chromedp.CSS(".listen-stop")))
			spoken = evalT[[]string](t, ctx, `window.__spoken`)
			if n := len(spoken); n < 2 || spoken[n-2] != "pause" || spoken[n-1] != "cancel" {
				t.Errorf("pause then stop asked %q, want pause then cancel last", spoken)
			}
			if got := evalT[string](t, ctx, label); got != "Nghe đọc bài" {
				t.Errorf("stopped, the button says %q", got)
			}
		})
	}
}
