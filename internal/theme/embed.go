package theme

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/guong/guong/internal/minify"
)

// The embedded lists (layouts/embed.html, under urls.Embeds) are shown by
// the department's portal in iframes. An embedded list tells the page
// that frames it its height whenever it changes, with postMessage; the
// portal's page listens (EmbedListener) and sets the frame's height, so
// the list is never cut or followed by blank space. Without JavaScript
// the frame keeps the height it was pasted with (EmbedHeight).
//
// The snippets the portal's staff paste are made here once: the site's
// nhung/ page (layouts/embeds.html) shows them for each of the site's
// lists, and docs/deploying.md quotes them (a test checks it against the
// page).

// EmbedHeight is the frame's height, in pixels, before its list says
// how tall it is (and without JavaScript): five stories with their
// thumbnails on a 360 px phone.
const EmbedHeight = 640

// embedMessage is the key of the message an embedded list posts: its
// value is the list's height in CSS pixels.
const embedMessage = "guongEmbedHeight"

// EmbedFrame returns the iframe that shows the embedded list at src (an
// absolute address) on the portal's page, titled title for screen
// readers.
func EmbedFrame(src, title string) string {
	return `<iframe src="` + template.HTMLEscapeString(src) + `" title="` + template.HTMLEscapeString(title) + `"
        data-guong-embed width="100%" height="` + strconv.Itoa(EmbedHeight) + `" loading="lazy" style="border: 0"></iframe>`
}

// EmbedListener is the script the portal's page carries once, wherever
// it is on the page, for all its embedded lists: it sets a frame's height
// when the frame's own list, from the frame's own origin, tells it.
var EmbedListener = strings.ReplaceAll(`<script>
addEventListener("message", function (e) {
  var h = e.data && e.data.KEY;
  if (typeof h !== "number" || !(h > 0)) { return; }
  document.querySelectorAll("iframe[data-guong-embed]").forEach(function (f) {
    if (f.contentWindow === e.source && new URL(f.src, location.href).origin === e.origin) {
      f.style.height = Math.min(Math.ceil(h), 10000) + "px";
    }
  });
});
</script>`, "KEY", embedMessage)

// embedPoster is the embedded list's own script (minified when the theme
// loads, see embedFuncs): it posts the page's height to the page that
// frames it, at first and whenever it changes.
var embedPoster = strings.ReplaceAll(`(function () {
  if (window.parent === window) { return; }
  var last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last) { last = h; window.parent.postMessage({ KEY: h }, "*"); }
  }
  if (window.ResizeObserver) { new ResizeObserver(post).observe(document.documentElement); }
  addEventListener("load", post);
  addEventListener("resize", post);
  post();
})();`, "KEY", embedMessage)

// embedFuncs are the template functions of the embedded lists and their
// snippets.
func embedFuncs() (template.FuncMap, error) {
	poster, err := minify.New().Minify("embed.js", []byte(embedPoster))
	if err != nil {
		return nil, fmt.Errorf("theme: the embedded list's script: %w", err)
	}
	return template.FuncMap{
		"embedFrame":    EmbedFrame,
		"embedListener": func() string { return EmbedListener },
		"embedPoster":   func() template.JS { return template.JS(poster) },
	}, nil
}
