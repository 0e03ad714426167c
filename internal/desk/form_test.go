package desk

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/sitefs"
)

// TestRoundTrip: for every story of the sample site and of a generated
// 1,000-story site, a form loaded from the file and saved unchanged gives
// the same bytes (Save writes nothing: see TestSaveUnchanged), and its
// canonical form (Bytes) parses to the same story, with the same body byte
// for byte and the same problems.
func TestRoundTrip(t *testing.T) {
	sample, err := copyFS(sitefs.Dir("../.."))
	if err != nil {
		t.Fatal(err)
	}
	gen, err := corpus.FS(corpus.Options{Stories: 1000, Seed: 21})
	if err != nil {
		t.Fatal(err)
	}
	for name, fsys := range map[string]fstest.MapFS{"sample": sample, "corpus": gen} {
		t.Run(name, func(t *testing.T) {
			canon := fstest.MapFS{}
			n := 0
			for p, f := range fsys {
				canon[p] = f
				if !strings.HasPrefix(p, content.StoriesDir+"/") || !strings.HasSuffix(p, ".md") {
					continue
				}
				form, d := Load(p, f.Data)
				if form == nil {
					t.Fatalf("%s: not read: %v", p, d)
				}
				out := form.Bytes()
				if again, _ := Load(p, out); again == nil || !again.Equal(form) {
					t.Errorf("%s: the canonical form does not read back as the same form:\n%s", p, out)
				}
				if !bytes.HasSuffix(f.Data, form.Body) || !bytes.HasSuffix(out, form.Body) {
					t.Errorf("%s: the body is not kept byte for byte", p)
				}
				canon[p] = &fstest.MapFile{Data: out, Mode: f.Mode}
				n++
			}
			if n < 10 {
				t.Fatalf("only %d stories", n)
			}
			want, wantDiags := loadStories(t, fsys)
			got, gotDiags := loadStories(t, canon)
			if len(got) != len(want) {
				t.Fatalf("%d stories read back, want %d", len(got), len(want))
			}
			for file, w := range want {
				if g := got[file]; !reflect.DeepEqual(g, w) {
					t.Errorf("%s reads back as another story:\n got %+v\nwant %+v", file, g, w)
				}
				if !slices.Equal(gotDiags[file], wantDiags[file]) {
					t.Errorf("%s: problems %v, want %v", file, gotDiags[file], wantDiags[file])
				}
			}
		})
	}
}

// loadStories reads every story of fsys, published or not, by file, with
// the codes of each file's problems. What depends on the lines the front
// matter takes (BodyLine) and the bytes (Version) is left out.
func loadStories(t *testing.T, fsys fs.FS) (map[string]content.Story, map[string][]string) {
	t.Helper()
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	if cfg == nil {
		t.Fatal(diags)
	}
	site := content.Load(context.Background(), fsys, cfg, content.Options{Drafts: true, Future: true, Now: time.Now()}, &diags)
	out := map[string]content.Story{}
	for _, st := range site.Stories {
		s := *st
		s.BodyLine, s.Version = 0, 0
		out[s.File] = s
	}
	codes := map[string][]string{}
	for _, d := range diags {
		codes[d.Pos.File] = append(codes[d.Pos.File], fmt.Sprintf("%v %s", d.Severity, d.Format("en")[len(d.Pos.String()):]))
	}
	return out, codes
}

// copyFS reads the site folder's site.yaml and content into memory.
func copyFS(fsys fs.FS) (fstest.MapFS, error) {
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && p != "content" && !strings.HasPrefix(p, "content/") {
				return fs.SkipDir
			}
			return nil
		}
		if p != "site.yaml" && !strings.HasPrefix(p, "content/") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		out[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	return out, err
}
