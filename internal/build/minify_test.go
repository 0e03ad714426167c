package build

import (
	"bytes"
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/minify"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// TestMinifiedTemplates checks that pages executed from minified templates,
// with minified Markdown bodies, are the pages the minifier would make of
// the unminified build: minifying either gives the same bytes, for every
// page of the small test site, the department's own site and a generated
// one. It also checks that no page is left with indentation.
func TestMinifiedTemplates(t *testing.T) {
	sites := map[string]fs.FS{
		"small":     loadTxtar(t, "testdata/small.txtar"),
		"sample":    sitefs.Dir("../.."),
		"generated": generated(t, 150),
	}
	mf := minify.New()
	for name, fsys := range sites {
		t.Run(name, func(t *testing.T) {
			small, _ := buildMemory(t, fsys, Options{})
			raw, _ := buildMemory(t, fsys, Options{NoMinify: true})
			pages := 0
			for _, file := range raw.Names() {
				if !strings.HasSuffix(file, ".html") {
					continue
				}
				pages++
				r, _ := raw.Get(file)
				m, ok := small.Get(file)
				if !ok {
					t.Fatalf("%s: not in the minified build", file)
				}
				want, err := mf.Minify(file, r)
				if err != nil {
					t.Fatal(err)
				}
				got, err := mf.Minify(file, m)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					i := 0
					for i < len(got) && i < len(want) && got[i] == want[i] {
						i++
					}
					t.Fatalf("%s: differs from the minified unminified page at byte %d:\n got %q\nwant %q",
						file, i, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
				}
				// Preformatted text (the portal's snippets on nhung/) keeps its lines.
				if bare := preformatted.ReplaceAll(m, nil); bytes.Contains(bare, []byte("\n ")) || bytes.Contains(bare, []byte("\n\t")) {
					t.Errorf("%s: indentation left in the minified page", file)
				}
				if len(m) > len(want)+len(want)/50 {
					t.Errorf("%s: %d bytes, 2%% more than the %d of a minified page", file, len(m), len(want))
				}
			}
			if pages < 10 {
				t.Fatalf("only %d pages", pages)
			}
		})
	}
}

// preformatted matches a pre element.
var preformatted = regexp.MustCompile(`(?s)<pre[ >].*?</pre>`)

// TestTemplateErrorLines checks that an error in a site's own template is
// told with the line of the file as written, not of its minified form.
func TestTemplateErrorLines(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"parse", "{{define \"main\"}}\n<div class=\"wrap\">\n  <p>\n    {{if}}\n  </p>\n</div>\n{{end}}\n", "tag:4:"},
		{"execute", "{{define \"main\"}}\n<div class=\"wrap\">\n  <p>\n\n    {{.Nope.Field}}\n  </p>\n</div>\n{{end}}\n", "tag:5:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := loadTxtar(t, "testdata/small.txtar")
			fsys["themes/default/layouts/tag.html"] = &fstest.MapFile{Data: []byte(c.src)}
			_, err := Run(context.Background(), fsys, publish.NewMemory(), Options{Themes: themes.FS, Now: buildNow})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name %q", err, c.want)
			}
		})
	}
}
