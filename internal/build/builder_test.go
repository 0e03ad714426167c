package build

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

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

// TestBuilderIncremental edits a generated site step by step; after each
// step the incremental output must equal a clean build's, and only the
// pages that show the edited story are rendered again.
func TestBuilderIncremental(t *testing.T) {
	fsys := fstest.MapFS{}
	var stories []string
	corpus.Generate(corpus.Options{Stories: 120, Seed: 3}, func(f corpus.File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, ModTime: time.Unix(100, 0)}
		if strings.HasPrefix(f.Path, "content/stories/") {
			stories = append(stories, f.Path)
		}
		return nil
	})
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
