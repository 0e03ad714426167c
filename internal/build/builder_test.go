package build

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
)

// sameOutput fails unless two outputs hold the same files, byte for byte.
func sameOutput(t *testing.T, step string, got, want *publish.Memory) {
	t.Helper()
	gn, wn := got.Names(), want.Names()
	if strings.Join(gn, "\n") != strings.Join(wn, "\n") {
		t.Fatalf("%s: the incremental output has %d files, a clean build %d", step, len(gn), len(wn))
	}
	for _, n := range wn {
		a, _ := got.Get(n)
		b, _ := want.Get(n)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: %s differs from a clean build", step, n)
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

// TestBuilderIncremental edits a generated site step by step; after each
// step the incremental output must equal a clean build's, and only the
// pages that show the edited story are rendered again.
func TestBuilderIncremental(t *testing.T) {
	fsys, stories := generatedSite(120, 3)
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(fsys, opts)
	tick := int64(200)
	touch := func(p string, data []byte) {
		tick++
		fsys[p] = &fstest.MapFile{Data: data, ModTime: time.Unix(tick, 0)}
	}
	step := func(name string) *Result {
		t.Helper()
		r, out, err := b.Build(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		clean := publish.NewMemory()
		if _, err := Run(context.Background(), fsys, clean, opts); err != nil {
			t.Fatal(err)
		}
		sameOutput(t, name, out, clean)
		return r
	}

	r := step("first build")
	if r.Rendered != r.Pages {
		t.Errorf("first build rendered %d of %d pages", r.Rendered, r.Pages)
	}
	all := r.Pages

	r = step("no change")
	if r.Rendered != 0 || len(r.Changed) != 0 || len(r.Removed) != 0 {
		t.Errorf("a rebuild with no change rendered %d pages, changed %v, removed %v", r.Rendered, r.Changed, r.Removed)
	}

	edited := stories[len(stories)/2]
	src := fsys[edited].Data
	touch(edited, bytes.Replace(src, []byte("\n## "), []byte("\nMột câu mới được thêm vào.\n\n## "), 1))
	r = step("edit a story's text")
	t.Logf("editing one story rendered %d of %d pages", r.Rendered, all)
	if r.Rendered == 0 || r.Rendered > all/5 {
		t.Errorf("editing one story rendered %d of %d pages", r.Rendered, all)
	}
	found := false
	for _, c := range r.Changed {
		found = found || strings.HasPrefix(c, "bai-viet/") && strings.HasSuffix(c, "/index.html")
	}
	if !found {
		t.Errorf("the edited story's page is not among the changed files %v", r.Changed)
	}

	touch(edited, bytes.Replace(src, []byte("title: \""), []byte("title: \"Sửa: "), 1))
	step("edit a story's title")

	delete(fsys, stories[0])
	r = step("delete a story")
	if len(r.Removed) == 0 {
		t.Errorf("deleting a story removed no file")
	}

	touch("content/stories/2030/moi/bai-moi.md", []byte("---\ntitle: \"Bài mới\"\ndate: 2024-02-02\nperson: \"Người Mới\"\ndepartment: van-phong\nmodel: dan-van-kheo\n---\nNội dung mới.\n"))
	step("add a story in a new folder")

	site := fsys["site.yaml"].Data
	touch("site.yaml", bytes.Replace(site, []byte("title: \""), []byte("title: \"Mới – "), 1))
	r = step("change site.yaml")
	if r.Rendered != r.Pages {
		t.Errorf("a change of site.yaml rendered %d of %d pages", r.Rendered, r.Pages)
	}

	good := b.Output()
	touch(edited, []byte("---\ntitle: \"Hỏng\"\n"))
	if _, out, err := b.Build(context.Background()); err == nil || out != nil {
		t.Fatalf("a broken story built: %v", err)
	}
	if b.Output() != good {
		t.Errorf("a failed build replaced the last good output")
	}
	touch(edited, src)
	step("fix the story")
}

// TestBuilderDeferSearch: with the search index deferred, Build leaves the
// previous index in place and Finish replaces it, so that the output then
// equals a clean build's.
func TestBuilderDeferSearch(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	opts := Options{Themes: themes.FS, Now: buildNow}
	b := NewBuilder(fsys, opts)
	b.DeferSearch()
	ctx := context.Background()
	if _, _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	b.Finish(ctx)
	fsys["content/stories/2024/anh-duc.md"].Data = bytes.Replace(fsys["content/stories/2024/anh-duc.md"].Data, []byte("Anh Đức."), []byte("Anh Đức, người thợ số hóa."), 1)
	fsys["content/stories/2024/anh-duc.md"].ModTime = time.Unix(999, 0)
	_, out, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Get(SearchIndexPath + "manifest.json"); !ok {
		t.Fatalf("the previous search index is gone before Finish")
	}
	b.Finish(ctx)
	clean := publish.NewMemory()
	if _, err := Run(ctx, fsys, clean, opts); err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "after Finish", b.Output(), clean)
}

// TestBuilderChanged edits a generated site as a writer does with the live
// preview open, telling the Builder which files changed. After every step
// the output (search index included) must equal a clean build's; body
// edits must render only the story's page, and edits of what a story's
// card shows only the pages showing it.
func TestBuilderChanged(t *testing.T) {
	fsys, stories := generatedSite(150, 5)
	opts := Options{Themes: themes.FS, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(fsys, opts)
	b.DeferSearch()
	ctx := context.Background()
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
	var all int
	step := func(name string, paths ...string) *Result {
		t.Helper()
		r, out, err := b.BuildChanged(ctx, paths)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b.Finish(ctx)
		clean := publish.NewMemory()
		cr, err := Run(ctx, fsys, clean, opts)
		if err != nil {
			t.Fatal(err)
		}
		sameOutput(t, name, out, clean)
		if r.Pages != cr.Pages || r.Files != cr.Files-searchFiles(clean) {
			t.Errorf("%s: %d pages, %d files; a clean build has %d pages, %d files", name, r.Pages, r.Files, cr.Pages, cr.Files)
		}
		if d, cd := fmt.Sprint(r.Diags), fmt.Sprint(cr.Diags); d != cd {
			t.Errorf("%s: diagnostics %s, a clean build's %s", name, d, cd)
		}
		all = cr.Pages
		t.Logf("%s: %d of %d pages rendered, phases %v", name, r.Rendered, r.Pages, phases(r))
		return r
	}
	quick := func(r *Result) bool {
		for _, p := range r.Phases {
			if p.Name == "load+index" { // only a full build has it
				return false
			}
		}
		return true
	}
	if _, _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	b.Finish(ctx)

	// A story with a summary, and one without (its excerpt is its first
	// paragraph) nor awards.
	var summarised, plain string
	for _, p := range stories {
		switch src := string(fsys[p].Data); {
		case strings.Contains(src, "\nsummary: "):
			summarised = p
		case !strings.Contains(src, "\nawards:"):
			plain = p
		}
	}
	r := step("no change", summarised)
	if r.Rendered != 0 || len(r.Changed) != 0 || !quick(r) {
		t.Errorf("an unchanged file: %d pages rendered, changed %v", r.Rendered, r.Changed)
	}
	original := fsys[summarised].Data
	replace(summarised, "\n## ", "\nMột câu mới.\n\n## ")
	r = step("edit a body", summarised)
	if r.Rendered != 1 || !quick(r) {
		t.Errorf("editing a body rendered %d pages (quick: %v)", r.Rendered, quick(r))
	}
	write(summarised, original)
	if r = step("undo the edit", summarised); r.Rendered != 1 {
		t.Errorf("undoing the edit rendered %d pages", r.Rendered)
	}
	replace(summarised, "\n## ", "\nCâu thứ hai.\n\n## ")
	replace(plain, "\n## ", "\nCâu thứ ba.\n\n## ")
	if r = step("edit two bodies", summarised, plain); r.Rendered != 2 || !quick(r) {
		t.Errorf("editing two bodies rendered %d pages", r.Rendered)
	}

	body := strings.SplitN(string(fsys[plain].Data), "\n---\n", 2)[1]
	replace(plain, "\n---\n"+body[:20], "\n---\nMở đầu mới. "+body[:20])
	r = step("edit the first paragraph (the excerpt)", plain)
	if r.Rendered < 2 || r.Rendered > all/10 || !quick(r) {
		t.Errorf("editing an excerpt rendered %d of %d pages (quick: %v)", r.Rendered, all, quick(r))
	}
	replace(summarised, "title: \"", "title: \"Sửa: ")
	r = step("edit a title", summarised)
	if r.Rendered < 2 || r.Rendered > all/10 || !quick(r) {
		t.Errorf("editing a title rendered %d of %d pages (quick: %v)", r.Rendered, all, quick(r))
	}
	write(summarised, original)
	step("undo the title", summarised)
	replace(summarised, "\nsummary: \"", "\nsummary: \"Tóm tắt mới. ")
	step("edit a summary", summarised)
	replace(plain, "\n---\n", "\nawards:\n  - {name: \"Giấy khen\", decision: \"9/QĐ\", date: 2024-01-02}\n---\n")
	step("add an award", plain)
	replace(plain, "tags: [", "tags: [\"chủ đề mới\", ")
	if r = step("edit tags", plain); quick(r) {
		t.Errorf("a tag edit took the quick path")
	}
	replace(plain, "date: 20", "date: 19")
	step("edit a date", plain)
	replace(plain, "date: 19", "date: 20")
	if _, _, err := b.BuildChanged(ctx, []string{plain}); err != nil { // its sitemap left to Finish
		t.Fatal(err)
	}
	replace(plain, "\n## ", "\nSau khi đổi ngày.\n\n## ")
	step("edit a body before Finish", plain)
	replace(plain, "position: \"", "position: \"Phó ")
	step("edit a position", plain)
	replace(summarised, "title: \"", "title: \"Cả hai: ")
	replace(plain, "\n## ", "\nVà thân bài.\n\n## ")
	step("edit a title and another body", summarised, plain)

	renamed := strings.Replace(plain, ".md", "-moi.md", 1)
	write(renamed, fsys[plain].Data)
	delete(fsys, plain)
	if r = step("rename a story", plain, renamed); len(r.Removed) == 0 {
		t.Errorf("renaming a story removed no file")
	}
	delete(fsys, stories[0])
	step("delete a story", stories[0])
	write("content/stories/2031/moi/bai-moi.md", []byte("---\ntitle: \"Bài mới\"\ndate: 2024-02-02\nperson: \"Người Mới\"\ndepartment: "+
		departmentOf(fsys[summarised].Data)+"\nmodel: dan-van-kheo\n---\nNội dung mới.\n"))
	step("add a story in a new folder", "content/stories/2031", "content/stories/2031/moi", "content/stories/2031/moi/bai-moi.md")
	replace("content/stories/2031/moi/bai-moi.md", "Nội dung mới.", "Nội dung mới, sửa lại.")
	if r = step("edit the new story", "content/stories/2031/moi/bai-moi.md"); !quick(r) {
		t.Errorf("editing the new story's body did not take the quick path")
	}
	replace(summarised, "\n---\n", "\ndraft: true\n---\n")
	step("make a story a draft", summarised)
	replace(summarised, "\n## ", "\nNháp.\n\n## ")
	step("edit a draft", summarised)
	replace(summarised, "\ndraft: true\n", "\n")
	step("publish it again", summarised)

	var campaign string
	for p := range fsys {
		if strings.HasPrefix(p, "content/campaigns/") {
			campaign = p
			break
		}
	}
	replace(campaign, "title: \"", "title: \"Phong trào: ")
	step("edit a campaign", campaign)
	replace(summarised, "\n## ", "\nẢnh: ![ảnh](anh.png)\n\n## ")
	if _, _, err := b.BuildChanged(ctx, []string{summarised}); err == nil {
		t.Fatalf("a missing image built")
	}
	write(path.Join(path.Dir(summarised), "anh.png"), []byte("PNG"))
	step("add the image", path.Join(path.Dir(summarised), "anh.png"))
	replace(summarised, "\n## ", "\nThêm.\n\n## ")
	step("edit the story with an image", summarised)

	good := b.Output()
	saved := fsys[summarised].Data
	write(summarised, []byte("---\ntitle: \"Hỏng\"\n"))
	if _, out, err := b.BuildChanged(ctx, []string{summarised}); err == nil || out != nil {
		t.Fatalf("a broken story built: %v", err)
	}
	if b.Output() != good {
		t.Errorf("a failed build replaced the last good output")
	}
	write(summarised, saved)
	step("fix the story", summarised)
	replace(summarised, "\n## ", "\nSau khi sửa.\n\n## ")
	step("edit after the fix", summarised)
	replace("site.yaml", "title: \"", "title: \"Mới – ")
	if r = step("change site.yaml", "site.yaml"); r.Rendered != r.Pages {
		t.Errorf("a change of site.yaml rendered %d of %d pages", r.Rendered, r.Pages)
	}
	replace(summarised, "title: \"", "title: \"Lần cuối: ")
	step("edit a title after site.yaml", summarised)
	step("anything", ".")
}

// searchFiles counts the files of the search index in out.
func searchFiles(out *publish.Memory) int {
	n := 0
	for _, name := range out.Names() {
		if strings.HasPrefix(name, SearchIndexPath) {
			n++
		}
	}
	return n
}

// departmentOf returns the department key of a story's source.
func departmentOf(src []byte) string {
	for _, line := range strings.Split(string(src), "\n") {
		if k, ok := strings.CutPrefix(line, "department: "); ok {
			return k
		}
	}
	return ""
}

// TestStoryFieldsCompared: every field of content.Story is either compared
// by samePlace or sameCard, or belongs to the body, which only the story's
// own page shows. A new field must be sorted into one of them.
func TestStoryFieldsCompared(t *testing.T) {
	known := map[string]bool{
		// samePlace
		"File": true, "Slug": true, "Date": true, "HasTime": true, "Person": true, "Position": true, "Collective": true,
		"Department": true, "Model": true, "Campaigns": true, "Tags": true, "Cover": true, "CoverAlt": true, "Draft": true,
		// sameCard
		"Title": true, "Summary": true, "Excerpt": true, "Awards": true,
		// the body
		"Body": true, "BodyLine": true, "Version": true, "HTML": true,
	}
	typ := reflect.TypeFor[content.Story]()
	for i := range typ.NumField() {
		if f := typ.Field(i); !known[f.Name] {
			t.Errorf("content.Story.%s is compared neither by samePlace nor by sameCard", f.Name)
		}
	}
	if typ.NumField() != len(known) {
		t.Errorf("content.Story has %d fields, %d known", typ.NumField(), len(known))
	}
	if n := reflect.TypeFor[content.Award]().NumField(); n != 4 {
		t.Errorf("content.Award has %d fields; sameCard compares 4", n)
	}
}

// TestBuilderChangedCovers: on a site with covers, drafts and scheduled
// stories, edits told to BuildChanged give a clean build's output, and an
// edited cover is resized again.
func TestBuilderChangedCovers(t *testing.T) {
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
		r, out, err := b.BuildChanged(ctx, paths)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		clean := publish.NewMemory()
		if _, err := Run(ctx, fsys, clean, opts); err != nil {
			t.Fatal(err)
		}
		sameOutput(t, name, out, clean)
		return r
	}
	edit(lan, "Chị Lan gắn bó", "Chị Lan luôn gắn bó")
	if r := step("edit the body of a story with a cover", lan); r.Rendered == 0 {
		t.Errorf("the edited story's page was not rendered")
	}
	edit(lan, "title: \"", "title: \"Sửa: ")
	step("edit its title", lan)
	edit(lan, "coverAlt: \"", "coverAlt: \"Ảnh: ")
	step("edit its cover's text", lan)
	tick++
	fsys["content/stories/2023/lan.jpg"] = &fstest.MapFile{Data: picture(t, 1400, 900, "jpeg"), ModTime: time.Unix(tick, 0)}
	if r := step("replace its cover", "content/stories/2023/lan.jpg"); r.Images.Resized == 0 {
		t.Errorf("the new cover was not resized: %+v", r.Images)
	}
	edit(lan, "Chị Lan luôn", "Chị Lan vẫn luôn")
	step("edit the body again", lan)
}
