package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/themes"
)

// markedSite is the small site with stories whose HTML holds a link to
// marker(slug), which only their HTML has (not their summary, their
// excerpt or their text).
func markedSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := loadTxtar(t, "testdata/small.txtar")
	for i := range 5 {
		slug := fmt.Sprintf("danh-dau-%d", i)
		fsys["content/stories/2024/"+slug+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: \"Bài đánh dấu %d\"\ndate: 2024-02-%02d\nperson: \"Người Thử\"\ndepartment: van-phong\nmodel: chuyen-mon\ntags: [\"đánh dấu\"]\n---\nĐoạn đầu.\n\nĐoạn sau có [liên kết](%s).\n",
			i, i+1, marker(slug)))}
	}
	return fsys
}

func marker(slug string) string { return "https://example.org/" + slug + "/" }

// markersIn returns, by story slug, the files of mem holding the marker
// of the story.
func markersIn(t *testing.T, fsys fs.FS, opts Options) (map[string][]string, *Result) {
	t.Helper()
	mem, r := buildMemory(t, fsys, opts)
	found := map[string][]string{}
	for _, st := range r.Site.Stories {
		if !strings.HasPrefix(st.Slug, "danh-dau-") {
			continue
		}
		found[st.Slug] = nil
		for _, name := range mem.Names() {
			data, _ := mem.Get(name)
			if bytes.Contains(data, []byte(marker(st.Slug))) {
				found[st.Slug] = append(found[st.Slug], name)
			}
		}
	}
	if len(found) != 5 {
		t.Fatalf("%d marked stories published, want 5", len(found))
	}
	return found, r
}

// TestStoryHTMLOnOwnPage checks what a one-off build's letting story HTML
// go early (htmlRelease) relies on: the built-in theme shows a story's HTML
// on the story's own page and nowhere else. The theme is given as the
// site's own here, so that every story's HTML is kept to the end of the
// build.
func TestStoryHTMLOnOwnPage(t *testing.T) {
	fsys := markedSite(t)
	err := fs.WalkDir(themes.FS, "default", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.FS, p)
		fsys["themes/"+p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ownTemplates(fsys, &config.Config{Theme: "default"}) {
		t.Fatal("the copied theme does not count as the site's own")
	}
	found, r := markersIn(t, fsys, Options{})
	for _, st := range r.Site.Stories {
		if st.HTML == "" {
			t.Errorf("%s: HTML let go with a theme of the site's own", st.Slug)
		}
		if files, ok := found[st.Slug]; ok {
			if want := pageFile(st.URL); len(files) != 1 || files[0] != want {
				t.Errorf("%s: HTML in %v, want only in %s", st.Slug, files, want)
			}
		}
	}
}

// TestStoryHTMLReleased checks that a one-off build with the built-in
// theme lets every story's HTML go, its pages unchanged, and that a site
// whose own templates show stories' HTML on lists keeps it.
func TestStoryHTMLReleased(t *testing.T) {
	fsys := markedSite(t)
	found, r := markersIn(t, fsys, Options{})
	for _, st := range r.Site.Stories {
		if st.HTML != "" {
			t.Errorf("%s: HTML kept to the end of a one-off build", st.Slug)
		}
		if files, ok := found[st.Slug]; ok && (len(files) != 1 || files[0] != pageFile(st.URL)) {
			t.Errorf("%s: HTML in %v, want in %s", st.Slug, files, pageFile(st.URL))
		}
	}

	card, err := fs.ReadFile(themes.FS, "default/partials/card.html")
	if err != nil {
		t.Fatal(err)
	}
	article := []byte(`<article class="card{{if $cover}} has-cover{{end}}">`)
	own := bytes.Replace(card, article, append(article, "{{.HTML}}"...), 1)
	if bytes.Equal(own, card) {
		t.Fatalf("the card partial has no %s", article)
	}
	fsys["themes/default/partials/card.html"] = &fstest.MapFile{Data: own}
	found, r = markersIn(t, fsys, Options{})
	for slug, files := range found {
		if len(files) < 2 {
			t.Errorf("%s: HTML only in %v with cards showing it", slug, files)
		}
	}
	for _, st := range r.Site.Stories {
		if st.HTML == "" {
			t.Errorf("%s: HTML let go with a theme of the site's own", st.Slug)
		}
	}
}

// TestSearchPace: the search index waits while it is searchLead stories
// ahead of the story pages, and stops waiting when a page is made or when
// no more pages will be.
func TestSearchPace(t *testing.T) {
	s := &site.Site{}
	for range searchLead + 2 {
		s.Stories = append(s.Stories, &site.Story{})
	}
	r := newHTMLRelease(s)
	r.pace(searchLead - 1) // does not wait
	waited := func(i int, unblock func()) bool {
		done := make(chan struct{})
		go func() { r.pace(i); close(done) }()
		select {
		case <-done:
			return false
		case <-time.After(20 * time.Millisecond):
		}
		unblock()
		<-done
		return true
	}
	if !waited(searchLead, func() { r.rendered(s.Stories[0]) }) {
		t.Error("story searchLead indexed before any page was made")
	}
	if !waited(searchLead+1, r.pagesDone) {
		t.Error("story searchLead+1 indexed with one page made")
	}
	r.pace(searchLead + 1) // pages done: does not wait
}
