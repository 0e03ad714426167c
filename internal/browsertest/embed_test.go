package browsertest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/guong/guong/internal/browsertest"
	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/internal/urls"
)

// portal is a page of the portal, served from another origin than the
// site's: the staff's snippets, as the site's nhung/ page gives them.
type portal map[string][]byte

func (p portal) Get(name string) ([]byte, bool) { d, ok := p[name]; return d, ok }

// TestEmbedHeight: a portal's page with the snippets of two embedded
// lists sets each frame's height to its list's, and takes no height from
// any other window.
func TestEmbedHeight(t *testing.T) {
	mem, r := buildSite(t)
	site := browsertest.Serve(t, mem, r.Config.BasePath())
	campaign := urls.EmbedList(r.Site.Campaigns[0].URL)
	frames := []string{urls.Embed, campaign}
	var page strings.Builder
	page.WriteString(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng</title>
<style>body { margin: 0 } .col { width: 360px }</style></head><body>`)
	for i, f := range frames {
		fmt.Fprintf(&page, `<div class="col" id="col-%d">%s</div>`, i, theme.EmbedFrame(site+f, "Danh sách "+f))
	}
	page.WriteString(theme.EmbedListener + `</body></html>`)
	portalURL := browsertest.Serve(t, portal{"index.html": []byte(page.String())}, "/cong/")
	if strings.HasPrefix(portalURL, strings.TrimSuffix(site, r.Config.BasePath())+"/") {
		t.Fatalf("the portal %s and the site %s share an origin", portalURL, site)
	}

	b := browsertest.Start(t, 1280, 900)
	ctx := b.Tab(t, 20*time.Second, false)
	heights := `Array.from(document.querySelectorAll('iframe')).map(f => f.getBoundingClientRect().height)`
	err := chromedp.Do(ctx,
		chromedp.Navigate(portalURL),
		wait(fmt.Sprintf(`Array.from(document.querySelectorAll('iframe')).every(f => f.style.height !== '' && f.getBoundingClientRect().height !== %d)`, theme.EmbedHeight)),
	)
	if err != nil {
		t.Fatalf("the frames were not resized: %v", err)
	}
	got := evalT[[]float64](t, ctx, heights)

	// Each list's own height, in a tab as wide as the frame.
	for i, f := range frames {
		tab := b.Tab(t, 20*time.Second, false)
		if _, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 900, DeviceScaleFactor: 1}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.Navigate(site+f), chromedp.WaitReady(chromedp.CSS(`.embed-more`))); err != nil {
			t.Fatal(err)
		}
		want := evalT[float64](t, tab, `Math.ceil(document.documentElement.getBoundingClientRect().height)`)
		if math.Abs(got[i]-want) > 1 {
			t.Errorf("%s: the frame is %.0f px high, its list %.0f px", f, got[i], want)
		}
	}

	// A message from another window (here the portal's own) is ignored:
	// once a second message, posted after it, has arrived, the first has
	// been handled (a window's messages arrive in order).
	err = chromedp.Do(ctx,
		run(`window.__posted = false;
addEventListener('message', e => { if (e.data === 'done') { window.__posted = true; } });
window.postMessage({guongEmbedHeight: 33}, '*');
window.postMessage('done', '*');`),
		wait(`window.__posted`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if after := evalT[[]float64](t, ctx, heights); fmt.Sprint(after) != fmt.Sprint(got) {
		t.Errorf("heights %v after a message from the portal itself, were %v", after, got)
	}
}
