package build

import (
	"bytes"
	"context"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
)

// sameAsClean fails unless the snapshot makes exactly the files of a clean
// build of fsys, byte for byte.
func sameAsClean(t *testing.T, step string, snap *Snapshot, fsys fstest.MapFS, opts Options) {
	t.Helper()
	clean := publish.NewMemory()
	if _, err := Run(context.Background(), fsys, clean, opts); err != nil {
		t.Fatalf("%s: a clean build fails: %v", step, err)
	}
	names, err := snap.Files()
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	want := clean.Names()
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s: the preview has %d files, a clean build %d", step, len(names), len(want))
	}
	for _, n := range want {
		got, ok, err := snap.File(n)
		if !ok || err != nil {
			t.Fatalf("%s: the preview has no %s (%v)", step, n, err)
		}
		if w, _ := clean.Get(n); !bytes.Equal(got, w) {
			t.Errorf("%s: %s differs from a clean build: %s", step, n, firstDiff(string(w), string(got)))
		}
	}
}

// generatedSite returns a generated site of n stories, every file dated
// at the same time, with the paths of its stories.
func generatedSite(n int, seed uint64) (fstest.MapFS, []string) {
	fsys := fstest.MapFS{}
	var stories []string
	corpus.Generate(corpus.Options{Stories: n, Seed: seed}, func(f corpus.File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, ModTime: time.Unix(100, 0)}
		if strings.HasPrefix(f.Path, "content/stories/") {
			stories = append(stories, f.Path)
		}
		return nil
	})
	return fsys, stories
}

// ownTheme overrides the default theme the way a site may: a home page
// with 8 stories instead of 4, a story page that lists its department's
// other stories, and a partial of its own in the footer. Nothing in the
// preview may assume what the default templates show.
func ownTheme(t *testing.T) map[string]string {
	t.Helper()
	read := func(name string) string {
		data, err := os.ReadFile("../../themes/default/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	replace := func(s, old, new string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("the default theme has no %q", old)
		}
		return strings.Replace(s, old, new, 1)
	}
	return map[string]string{
		"themes/default/layouts/home.html": replace(read("layouts/home.html"), "first 4 .Site.Stories", "first 8 .Site.Stories"),
		"themes/default/layouts/story.html": replace(read("layouts/story.html"), "{{- with .Related}}",
			`{{- with .Department}}<ul class="same-department">{{range .Stories}}<li>{{.Title}}</li>{{end}}</ul>{{end}}{{- with .Related}}`),
		"themes/default/partials/newest.html": `<p class="newest">{{range first 1 .Site.Stories}}{{.Title}} ({{.Person.Name}}){{end}}</p>`,
		"themes/default/partials/footer.html": replace(read("partials/footer.html"), "</footer>", `{{template "newest" .}}</footer>`),
	}
}

// TestPreviewEqualsCleanBuild edits a generated site step by step, telling
// the Builder which files changed as the live preview's watcher does;
// after each step every file of the new Snapshot must equal a clean
// build's. It runs with the default theme and with a theme of the site's
// own that shows stories where the default one does not.
func TestPreviewEqualsCleanBuild(t *testing.T) {
	for _, tc := range []struct {
		name  string
		theme bool
	}{{"default theme", false}, {"own theme", true}} {
		t.Run(tc.name, func(t *testing.T) {
			fsys, stories := generatedSite(60, 5)
			if tc.theme {
				for name, src := range ownTheme(t) {
					fsys[name] = &fstest.MapFile{Data: []byte(src), ModTime: time.Unix(100, 0)}
				}
			}
			editSteps(t, fsys, stories)
		})
	}
}

// editSteps goes through the edits a writer makes, checking the preview
// against a clean build after each.
func editSteps(t *testing.T, fsys fstest.MapFS, stories []string) {
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(fsys, opts)
	ctx := context.Background()
	_, snap, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameAsClean(t, "first build", snap, fsys, opts)
	// The stories newest first, as the site lists them.
	var byDate []string
	for _, st := range snap.Site().Stories {
		byDate = append(byDate, st.File)
	}
	tick := int64(200)
	write := func(p string, data []byte) {
		tick++
		fsys[p] = &fstest.MapFile{Data: data, ModTime: time.Unix(tick, 0)}
	}
	replace := func(p, old, new string) {
		t.Helper()
		src := string(fsys[p].Data)
		if !strings.Contains(src, old) {
			t.Fatalf("%s has no %q", p, old)
		}
		write(p, []byte(strings.Replace(src, old, new, 1)))
	}
	step := func(name string, paths ...string) {
		t.Helper()
		_, snap, err := b.BuildChanged(ctx, paths)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameAsClean(t, name, snap, fsys, opts)
	}

	seventh := byDate[6]
	replace(seventh, "title: \"", "title: \"Sửa: ")
	step("the title of the 7th newest story", seventh)
	replace(byDate[0], "\n## ", "\nMột câu mới.\n\n## ")
	step("the body of the newest story", byDate[0])
	replace(byDate[3], "tags: [", "tags: [\"chủ đề mới\", ")
	step("the tags of a story", byDate[3])
	replace(byDate[10], "date: 20", "date: 19")
	step("the date of a story", byDate[10])
	replace(byDate[2], "person: \"", "person: \"Ông ")
	step("the person of a story", byDate[2])
	delete(fsys, byDate[1])
	step("a deleted story", byDate[1])
	write("content/stories/2030/moi/bai-moi.md", []byte("---\ntitle: \"Bài mới\"\ndate: 2025-12-30\nperson: \"Người Mới\"\ndepartment: van-phong\nmodel: dan-van-kheo\n---\nNội dung mới.\n"))
	step("a new story in a new folder", "content/stories/2030", "content/stories/2030/moi", "content/stories/2030/moi/bai-moi.md")
	replace("site.yaml", "title: \"", "title: \"Mới – ")
	step("site.yaml", "site.yaml")
	const footer = "themes/default/partials/footer.html"
	if fsys[footer] == nil {
		data, err := os.ReadFile("../../" + footer)
		if err != nil {
			t.Fatal(err)
		}
		write(footer, data)
	}
	replace(footer, "</footer>", "<p>Giao diện đã đổi.</p></footer>")
	step("a theme file", footer)

	// A picture in a body: shown, then edited alone (the body, unchanged,
	// comes from the cache but must name the new picture's files), then
	// shown by a second story of the same folder too.
	withPic := byDate[4]
	pic := path.Dir(withPic) + "/cot-moc.jpg"
	write(pic, corpus.Photo(1))
	replace(withPic, "\n## ", "\n![Cột mốc](cot-moc.jpg)\n\n## ")
	step("a picture added to a body", pic, withPic)
	write(pic, corpus.Photo(2))
	step("the picture edited alone", pic)
	for _, other := range byDate[5:] {
		if other != withPic && path.Dir(other) == path.Dir(withPic) {
			replace(other, "\n## ", "\n![Cột mốc lần nữa](cot-moc.jpg)\n\n## ")
			step("the picture shown by a second story", other)
			break
		}
	}

	good := b.Last()
	broken := stories[len(stories)/2]
	src := fsys[broken].Data
	write(broken, []byte("---\ntitle: \"Hỏng\"\n"))
	if _, snap, err := b.BuildChanged(ctx, []string{broken}); err == nil || snap != nil {
		t.Fatalf("a broken story built: %v", err)
	}
	if b.Last() != good {
		t.Errorf("a failed build replaced the last good snapshot")
	}
	write(broken, src)
	step("the story fixed", broken)
}

// TestPreviewCovers: on a site with covers, drafts and scheduled stories,
// edits told to BuildChanged give a clean build's files, and an edited
// cover is resized again.
func TestPreviewCovers(t *testing.T) {
	fsys := publishingSite(t)
	opts := Options{Themes: themes.FS, Now: buildNow, CacheDir: t.TempDir()}
	b := NewBuilder(fsys, opts)
	ctx := context.Background()
	if _, _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	const lan = "content/stories/2023/chi-lan.md"
	tick := int64(500)
	edit := func(name, old, new string) {
		t.Helper()
		src := string(fsys[name].Data)
		if !strings.Contains(src, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		tick++
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(src, old, new, 1)), ModTime: time.Unix(tick, 0)}
	}
	step := func(name string, paths ...string) *Result {
		t.Helper()
		r, snap, err := b.BuildChanged(ctx, paths)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameAsClean(t, name, snap, fsys, opts)
		return r
	}
	edit(lan, "Chị Lan gắn bó", "Chị Lan luôn gắn bó")
	step("edit the body of a story with a cover", lan)
	edit(lan, "title: \"", "title: \"Sửa: ")
	step("edit its title", lan)
	edit(lan, "coverAlt: \"", "coverAlt: \"Ảnh: ")
	step("edit its cover's text", lan)
	tick++
	fsys["content/stories/2023/lan.jpg"] = &fstest.MapFile{Data: picture(t, 1400, 900, "jpeg"), ModTime: time.Unix(tick, 0)}
	if r := step("replace its cover", "content/stories/2023/lan.jpg"); r.Images.Resized == 0 {
		t.Errorf("the new cover was not resized: %+v", r.Images)
	}
	if r := step("nothing changed"); r.Images.Resized != 0 {
		t.Errorf("covers resized again with no change: %+v", r.Images)
	}
}
