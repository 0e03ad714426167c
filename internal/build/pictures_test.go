package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images/imagetest"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
	"golang.org/x/net/html"
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
	// The cover has a thumbnail besides the body's sizes.
	if cover == "" || body == "" || !strings.HasSuffix(cover, body) {
		t.Errorf("the cover's srcset %q, the body's %q: want the body's files among the cover's", cover, body)
	}
}

// TestProfilePhoto: a profile's photo is resized like a cover, never
// published as it is, and named with srcset on the person's page and the
// roll of honour; a photo that cannot be decoded is an error at its
// "photo:" value.
func TestProfilePhoto(t *testing.T) {
	const person = "content/people/hoang-thi-lan.md"
	t.Run("resized", func(t *testing.T) {
		fsys, photo := bodyPictureSite(t)
		setFrontMatter(t, fsys, person, "photo: cot-moc.jpg")
		mem, r := buildMemory(t, fsys, Options{})
		if r.Diags.HasErrors() {
			t.Fatal(r.Diags.Err())
		}
		for _, n := range mem.Names() {
			if data, _ := mem.Get(n); bytes.Equal(data, photo) {
				t.Errorf("the original photo is published as %s", n)
			}
		}
		var img *html.Node
		for _, n := range findAll(parseHTML(t, get(t, mem, "nhan-vat/hoang-thi-lan/index.html")), "img") {
			if attr(n, "class") == "person-photo" {
				img = n
			}
		}
		if img == nil {
			t.Fatal("no photo on the person's page")
		}
		srcset := attr(img, "srcset")
		if !regexp.MustCompile(`^/guong/anh/cot-moc-480w\.[0-9a-f]{10}\.jpg 480w, .*1200w$`).MatchString(srcset) ||
			attr(img, "sizes") != "160px" || attr(img, "width") != "160" || attr(img, "height") != "160" {
			t.Fatalf("photo attributes: %v", img.Attr)
		}
		for _, part := range strings.Split(srcset, ", ") {
			if name := strings.TrimPrefix(strings.Fields(part)[0], "/guong/"); !has(mem, name) {
				t.Errorf("%s is not published", name)
			}
		}
	})
	t.Run("damaged", func(t *testing.T) {
		fsys, _ := bodyPictureSite(t)
		setFrontMatter(t, fsys, person, "photo: hong.png")
		fsys["content/people/hong.png"] = &fstest.MapFile{Data: []byte(imagetest.PNGHeader(100, 100))}
		r, _ := Run(context.Background(), fsys, publish.NewMemory(), Options{Themes: themes.FS, Now: buildNow})
		var got []string
		for _, d := range r.Diags {
			if d.Severity == diag.Error {
				got = append(got, d.Format("en"))
			}
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], person+":2:8: ") || !strings.Contains(got[0], `"hong.png"`) {
			t.Errorf("errors %q, want one at %s:2:8 naming \"hong.png\"", got, person)
		}
	})
}

func has(mem *publish.Memory, name string) bool {
	_, ok := mem.Get(name)
	return ok
}
