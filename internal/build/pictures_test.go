package build

import (
	"crypto/sha256"
	"strings"
	"testing"
	"testing/fstest"
)

// setFrontMatter adds the line to the front matter of the file name of
// fsys, after its first line.
func setFrontMatter(t *testing.T, fsys fstest.MapFS, name, line string) {
	t.Helper()
	f := fsys[name]
	if f == nil {
		t.Fatalf("no %s", name)
	}
	text := strings.Replace(string(f.Data), "---\n", "---\n"+line+"\n", 1)
	fsys[name] = &fstest.MapFile{Data: []byte(text)}
}

// TestPictureRolesShared: a picture that is a story's cover and in its
// body is published once per size: no two files of the output have the
// same bytes, and the body's <img> names the cover's files.
func TestPictureRolesShared(t *testing.T) {
	fsys, _ := bodyPictureSite(t)
	setFrontMatter(t, fsys, "content/stories/2023/chi-lan.md", "cover: cot-moc.jpg")
	mem, r := buildMemory(t, fsys, Options{})
	if r.Diags.HasErrors() {
		t.Fatal(r.Diags.Err())
	}
	seen := map[[32]byte]string{}
	for _, n := range mem.Names() {
		if !strings.HasSuffix(n, ".jpg") && !strings.HasSuffix(n, ".png") {
			continue
		}
		data, _ := mem.Get(n)
		sum := sha256.Sum256(data)
		if other, ok := seen[sum]; ok {
			t.Errorf("%s and %s have the same bytes", other, n)
		}
		seen[sum] = n
	}
	var cover, body string
	for _, img := range findAll(parseHTML(t, get(t, mem, "bai-viet/chi-lan/index.html")), "img") {
		if !strings.Contains(attr(img, "src"), "cot-moc") {
			continue
		}
		if attr(img, "fetchpriority") == "high" && cover == "" {
			cover = attr(img, "srcset")
		} else if body == "" {
			body = attr(img, "srcset")
		}
	}
	if cover == "" || cover != body {
		t.Errorf("the cover's srcset %q, the body's %q: want the same files", cover, body)
	}
}
