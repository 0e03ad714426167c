package build

import (
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/guong/guong/internal/urls"
)

// TestEmbedSnippetsDoc: the snippets docs/deploying.md gives the portal's
// staff are the ones the site's nhung/ page serves, for the site the
// doc describes.
func TestEmbedSnippetsDoc(t *testing.T) {
	doc, err := os.ReadFile("../../docs/deploying.md")
	if err != nil {
		t.Fatal(err)
	}
	fsys := publishingSite(t)
	site := string(fsys["site.yaml"].Data)
	fsys["site.yaml"].Data = []byte(regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(site, `title: "Gương điển hình tiên tiến"`))
	mem, _ := buildMemory(t, fsys, Options{})
	page := string(get(t, mem, urls.File(urls.Embeds)))
	snippet := func(attr string) string {
		m := regexp.MustCompile(`<pre class="?embed-snippet"? ` + attr + `><code>([^<]*)</code></pre>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("nhung/ has no snippet %s", attr)
		}
		return html.UnescapeString(m[1])
	}
	blocks := regexp.MustCompile("(?s)```html\n(.*?)\n```").FindAllStringSubmatch(string(doc), -1)
	for _, want := range []string{snippet(`id="?snippet-listener"?`), snippet(`data-embed="?` + regexp.QuoteMeta(urls.Embed) + `"?`)} {
		found := false
		for _, b := range blocks {
			found = found || b[1] == want
		}
		if !found {
			t.Errorf("docs/deploying.md has no html block that is the snippet nhung/ serves:\n%s", want)
		}
	}
	if !strings.Contains(page, urls.EmbedList(urls.Model("dan-van-kheo"))) {
		t.Errorf("nhung/ gives no snippet for a model type's list")
	}
}

// TestEmbedLists: each model type, campaign and department has its
// embedded list of its own latest stories, with small lazy thumbnails.
func TestEmbedLists(t *testing.T) {
	mem, r := buildPublishing(t, Options{})
	type list struct {
		url     string
		stories []string
	}
	var lists []list
	for _, m := range r.Site.Models {
		var want []string
		for _, st := range m.Stories[:min(5, len(m.Stories))] {
			want = append(want, portalPath+st.URL)
		}
		lists = append(lists, list{urls.EmbedList(m.URL), want})
	}
	for _, c := range r.Site.Campaigns {
		var want []string
		for _, st := range c.Stories[:min(5, len(c.Stories))] {
			want = append(want, portalPath+st.URL)
		}
		lists = append(lists, list{urls.EmbedList(c.URL), want})
	}
	thumbs := 0
	for _, l := range lists {
		doc := parseHTML(t, get(t, mem, urls.File(l.url)))
		var got []string
		for _, a := range findAll(doc, "a") {
			if strings.Contains(attr(a, "class"), "embed-story") {
				got = append(got, attr(a, "href"))
			}
		}
		if strings.Join(got, " ") != strings.Join(l.stories, " ") {
			t.Errorf("%s: stories %q, want %q", l.url, got, l.stories)
		}
		for _, img := range findAll(doc, "img") {
			thumbs++
			if attr(img, "loading") != "lazy" || !regexp.MustCompile(`-160w\.[0-9a-f]{10}\.(jpg|png)$`).MatchString(attr(img, "src")) || attr(img, "sizes") != "5rem" {
				t.Errorf("%s: thumbnail %v", l.url, img.Attr)
			}
		}
	}
	if len(lists) < 3 || thumbs == 0 {
		t.Errorf("%d lists, %d thumbnails", len(lists), thumbs)
	}
}
