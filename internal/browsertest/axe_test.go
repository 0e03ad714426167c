package browsertest_test

import (
	"encoding/json"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/guong/guong/internal/browsertest"
)

// TestAxe runs axe-core on every HTML page of the sample site, on a phone and
// a desktop, with the reader's high contrast off and on (then held to 7:1). axe-core is not part
// of the repository: scripts/audit.sh installs it from npm into a temporary
// folder and names its axe.min.js in GUONG_AXE; without it the test skips.
func TestAxe(t *testing.T) {
	file := os.Getenv("GUONG_AXE")
	if file == "" {
		t.Skip("GUONG_AXE is not set: scripts/audit.sh runs this test with axe-core from npm")
	}
	axe, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	site := serveSample(t)
	var pages []string
	for _, name := range sampleSite.mem.Names() {
		if path.Ext(name) == ".html" && !strings.HasPrefix(name, "nhung/") {
			pages = append(pages, strings.TrimSuffix(name, "index.html"))
		}
	}
	b := browsertest.Start(t, 1280, 800)
	total := 0
	for _, width := range []int64{360, 1280} {
		for _, contrast := range []bool{false, true} {
			ctx := b.Tab(t, 15*time.Minute, true)
			do(t, ctx, chromedp.EmulateViewport(width, 800))
			for _, p := range pages {
				do(t, ctx, chromedp.Navigate(site+p), chromedp.WaitReady(chromedp.CSS("body")))
				if contrast {
					do(t, ctx, run(`document.documentElement.classList.add('contrast')`))
				}
				do(t, ctx, run(string(axe)))
				// With high contrast, every text must reach 7:1 as well
				// (color-contrast-enhanced, WCAG 1.4.6, tagged wcag2aaa).
				tags := `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']`
				if contrast {
					tags = `['wcag2a', 'wcag2aa', 'wcag2aaa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']`
				}
				found := evalT[string](t, ctx, `axe.run(document, {runOnly: {type: 'tag', values: `+tags+`}, resultTypes: ['violations']})
  .then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\s+/g, ' '))}))))`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise)
				var violations []struct {
					ID, Impact, Help string
					Nodes            []string
				}
				if err := json.Unmarshal([]byte(found), &violations); err != nil {
					t.Fatal(err)
				}
				for _, v := range violations {
					total++
					t.Errorf("%s at %d px (contrast %v): %s (%s): %s\n\t%s", "/"+p, width, contrast, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
				}
			}
		}
	}
	t.Logf("axe-core: %d pages × 2 widths × 2 contrasts, %d violations", len(pages), total)
}
