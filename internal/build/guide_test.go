package build

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestWritersGuideExamples builds a site made of the examples of the
// writers' guide (docs/huong-dan-viet-bai.md): its site.yaml, story,
// campaign, page and profile, each taken from the guide as written. The
// guide's examples must build without one diagnostic, so that what a
// writer copies from it works.
func TestWritersGuideExamples(t *testing.T) {
	src, err := os.ReadFile("../../docs/huong-dan-viet-bai.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(src), -1)
	find := func(what, has string) string {
		t.Helper()
		for _, b := range blocks {
			if strings.Contains(b[1], has) {
				return b[1]
			}
		}
		t.Fatalf("the guide has no %s example (a yaml block with %q)", what, has)
		return ""
	}
	fsys := fstest.MapFS{
		"site.yaml":                               {Data: []byte(find("site.yaml", "baseURL:"))},
		"content/stories/2023/chi-lan.md":         {Data: []byte(find("story", "\nperson:"))},
		"content/stories/2023/lan.jpg":            {Data: picture(t, 800, 600, "jpeg")},
		"content/campaigns/thi-dua-ai-quoc-75.md": {Data: []byte(find("campaign", "\nstart:"))},
		"content/pages/gioi-thieu.md":             {Data: []byte(find("page", "\nmenu:"))},
		"content/people/hoang-thi-lan.md":         {Data: []byte(find("profile", "\nname:"))},
		"content/people/lan.jpg":                  {Data: picture(t, 400, 400, "jpeg")},
	}
	_, r := buildMemory(t, fsys, Options{})
	if len(r.Diags) > 0 {
		var b strings.Builder
		r.Diags.Print(&b, "vi")
		t.Errorf("the guide's examples give diagnostics:\n%s", b.String())
	}
	if len(r.Site.Stories) != 1 || r.Site.Stories[0].Person.Profile == nil || len(r.Site.Stories[0].Campaigns) != 1 {
		t.Errorf("the guide's story is not linked to its profile and campaign")
	}
}
