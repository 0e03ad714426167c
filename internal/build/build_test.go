package build

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// buildNow is the fixed build time of the tests.
var buildNow = time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC)

// loadTxtar reads a txtar archive as a file system.
func loadTxtar(t *testing.T, file string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

func buildMemory(t *testing.T, fsys fs.FS, opts Options) (*publish.Memory, *Result) {
	t.Helper()
	mem := publish.NewMemory()
	if opts.Themes == nil {
		opts.Themes = themes.FS
	}
	if opts.Now.IsZero() {
		opts.Now = buildNow
	}
	r, err := Run(context.Background(), fsys, mem, opts)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return mem, r
}

// TestGolden builds testdata/small.txtar and compares every output file
// with testdata/small.golden.txtar (unminified, so diffs can be read).
// Run with -update to rewrite the golden file, then review the diff.
func TestGolden(t *testing.T) {
	mem, r := buildMemory(t, loadTxtar(t, "testdata/small.txtar"), Options{NoMinify: true})
	if len(r.Diags) != 0 {
		t.Errorf("diagnostics: %v", r.Diags)
	}
	var ar txtar.Archive
	ar.Comment = []byte("Output of testdata/small.txtar; regenerate with go test ./internal/build -run TestGolden -update\n")
	// The theme's stylesheets and scripts are fingerprinted: their hash is
	// left out, so that editing them does not change every page here
	// (TestAssetsFingerprinted checks the hashes).
	themeHash := regexp.MustCompile(`(static/[\w./-]+)\.[0-9a-f]{10}\.(css|js)\b`)
	for _, name := range mem.Names() {
		data, _ := mem.Get(name)
		switch {
		case path.Ext(name) == ".css" || path.Ext(name) == ".svg" || path.Ext(name) == ".js":
			data = []byte(fmt.Sprintf("(%d bytes from the theme)\n", len(data)))
		case !utf8.Valid(data):
			data = []byte(fmt.Sprintf("(%d bytes of binary data)\n", len(data)))
		default:
			data = themeHash.ReplaceAll(data, []byte("$1.HASH.$2"))
		}
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		ar.Files = append(ar.Files, txtar.File{Name: themeHash.ReplaceAllString(name, "$1.HASH.$2"), Data: data})
	}
	got := txtar.Format(&ar)
	const golden = "testdata/small.golden.txtar"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		wantAr := txtar.Parse(want)
		wantFiles := map[string]string{}
		for _, f := range wantAr.Files {
			wantFiles[f.Name] = string(f.Data)
		}
		for _, f := range ar.Files {
			w, ok := wantFiles[f.Name]
			switch {
			case !ok:
				t.Errorf("unexpected output file %s", f.Name)
			case w != string(f.Data):
				t.Errorf("%s differs from the golden file:\n%s", f.Name, firstDiff(w, string(f.Data)))
			}
			delete(wantFiles, f.Name)
		}
		for name := range wantFiles {
			t.Errorf("missing output file %s", name)
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, w, g)
		}
	}
	return ""
}

// TestDeterministic builds the same site twice and expects identical bytes.
func TestDeterministic(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	a, _ := buildMemory(t, fsys, Options{})
	b, _ := buildMemory(t, fsys, Options{})
	an, bn := a.Names(), b.Names()
	if strings.Join(an, "\n") != strings.Join(bn, "\n") {
		t.Fatalf("file lists differ")
	}
	for _, n := range an {
		x, _ := a.Get(n)
		y, _ := b.Get(n)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

// TestMinified checks that HTML, CSS, JS, SVG, XML and JSON are minified
// by default.
func TestMinified(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	min, _ := buildMemory(t, fsys, Options{})
	raw, _ := buildMemory(t, fsys, Options{NoMinify: true})
	for _, name := range []string{"index.html", "bai-viet/chi-lan/index.html", assetFile(t, min, "css/site.css"),
		assetFile(t, min, "js/share.js"), assetFile(t, min, "js/search-core.js"), "static/favicon.svg", "feed.xml", "feed.json", "sitemap.xml"} {
		m, ok1 := min.Get(name)
		r, ok2 := raw.Get(name)
		if !ok1 || !ok2 {
			t.Fatalf("%s not built", name)
		}
		if len(m) >= len(r) {
			t.Errorf("%s: minified %d bytes, unminified %d", name, len(m), len(r))
		}
	}
	home, _ := min.Get("index.html")
	if bytes.Contains(home, []byte("\n  ")) {
		t.Errorf("minified home page still has indentation")
	}
}

// TestSampleSite builds the department's own site in this repository: it
// must build with no error and no warning, and every internal link of
// every page must resolve to a built file, every page being reachable
// from the home page.
func TestSampleSite(t *testing.T) {
	mem, r := buildMemory(t, sitefs.Dir("../.."), Options{})
	if len(r.Diags) != 0 {
		t.Errorf("the sample site has diagnostics:\n%v", r.Diags.Err())
	}
	if len(r.Site.Stories) < 12 {
		t.Errorf("the sample site publishes %d stories, want at least 12", len(r.Site.Stories))
	}
	checkLinks(t, mem, r.Config.BasePath())
}

// TestGeneratedSite builds a generated 1,000-story site: no diagnostics,
// every internal link resolves, every page is reachable from the home page.
func TestGeneratedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,000 stories")
	}
	fsys := fstest.MapFS{}
	err := corpus.Generate(corpus.Options{Stories: 1000, Seed: 7}, func(f corpus.File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mem, r := buildMemory(t, fsys, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if len(r.Diags) != 0 {
		t.Errorf("diagnostics:\n%v", r.Diags.Err())
	}
	if len(r.Site.Stories) != 1000 {
		t.Errorf("%d stories published, want 1000", len(r.Site.Stories))
	}
	checkLinks(t, mem, r.Config.BasePath())
}

// TestUnusedProfile: a profile whose name no story uses is a warning at its
// name, and the build goes on.
func TestUnusedProfile(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	fsys["content/people/khong-ai.md"] = &fstest.MapFile{Data: []byte("---\nname: \"Nguyễn Văn Không\"\n---\nTiểu sử.\n")}
	_, r := buildMemory(t, fsys, Options{})
	want := `content/people/khong-ai.md:2:7: warning: profile of "Nguyễn Văn Không" matches no story's person`
	if len(r.Diags) != 1 || r.Diags[0].Format("en") != want {
		t.Errorf("diagnostics = %v, want %s", r.Diags, want)
	}
}

// TestSectionTitlesTranslated: the site's own sections take their titles
// from the theme's UI strings, so an English site gets English ones.
func TestSectionTitlesTranslated(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	fsys["site.yaml"].Data = bytes.Replace(fsys["site.yaml"].Data, []byte("language: vi"), []byte("language: en"), 1)
	mem, _ := buildMemory(t, fsys, Options{})
	for name, want := range map[string]string{
		"phong-trao/index.html": "Emulation campaigns",
		"don-vi/index.html":     "Departments",
		"404.html":              "Page not found",
	} {
		page, _ := mem.Get(name)
		if !bytes.Contains(page, []byte("<title>"+want)) {
			t.Errorf("%s: title is not %q", name, want)
		}
	}
}

// TestDirMatchesMemory builds a generated site into a folder and into
// memory: the files must be the same. Writing into a folder reuses each
// page's buffer once the page is written (see writer.writePage), so a page
// handed back too early would show here as another page's bytes.
func TestDirMatchesMemory(t *testing.T) {
	fsys := generated(t, 300)
	mem, _ := buildMemory(t, fsys, Options{})
	dest := filepath.Join(t.TempDir(), "public")
	out, err := publish.Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), fsys, out, Options{Themes: themes.FS, Now: buildNow}); err != nil {
		out.Abort()
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	onDisk := 0
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == publish.Marker {
			return err
		}
		onDisk++
		name, _ := filepath.Rel(dest, p)
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if want, ok := mem.Get(filepath.ToSlash(name)); !ok {
			t.Errorf("%s: in the folder only", name)
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes in the folder differ from the %d built in memory", name, len(got), len(want))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(mem.Names()); onDisk != n {
		t.Errorf("%d files in the folder, %d in memory", onDisk, n)
	}
}
