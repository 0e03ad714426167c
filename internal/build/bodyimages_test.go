package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/images/imagetest"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/themes"
)

// bodyPictureSite is testdata/small.txtar with a 1600×1000 photo shown in
// a story's body (twice), in a campaign's (the same bytes, its own file)
// and in a person's profile.
func bodyPictureSite(t *testing.T) (fstest.MapFS, []byte) {
	t.Helper()
	fsys := loadTxtar(t, "testdata/small.txtar")
	photo := picture(t, 1600, 1000, "jpeg")
	add := func(name, text string) {
		t.Helper()
		if fsys[name] == nil {
			t.Fatalf("no %s", name)
		}
		fsys[name] = &fstest.MapFile{Data: append(append([]byte(nil), fsys[name].Data...), text...)}
	}
	add("content/stories/2023/chi-lan.md", "\n![Cột mốc số 1 & \"đường biên\"](cot-moc.jpg \"Cột mốc\")\n\nĐoạn giữa.\n\n![Lần nữa](cot-moc.jpg)\n")
	fsys["content/stories/2023/cot-moc.jpg"] = &fstest.MapFile{Data: photo}
	add("content/campaigns/chuyen-doi-so.md", "\n![Cột mốc](cot-moc.jpg)\n")
	fsys["content/campaigns/cot-moc.jpg"] = &fstest.MapFile{Data: photo}
	add("content/people/hoang-thi-lan.md", "\n![Chị Lan](cot-moc.jpg)\n")
	fsys["content/people/cot-moc.jpg"] = &fstest.MapFile{Data: photo}
	return fsys, photo
}

// TestBodyPictures: a picture a body shows is published only as its
// resized, fingerprinted sizes, shared by every page showing it, and the
// body's HTML names them with srcset, sizes, width and height, lazily but
// for the first.
func TestBodyPictures(t *testing.T) {
	fsys, photo := bodyPictureSite(t)
	mem, r := buildMemory(t, fsys, Options{})
	if r.Diags.HasErrors() {
		t.Fatal(r.Diags.Err())
	}
	name := regexp.MustCompile(`^anh/cot-moc-(\d+)w\.[0-9a-f]{10}\.jpg$`)
	var published []string
	for _, n := range mem.Names() {
		data, _ := mem.Get(n)
		if bytes.Equal(data, photo) {
			t.Errorf("the original photo is published as %s", n)
		}
		if strings.HasSuffix(n, "cot-moc.jpg") {
			t.Errorf("%s published", n)
		}
		if m := name.FindStringSubmatch(n); m != nil {
			published = append(published, m[1])
		}
	}
	// 480, 800 and 1200 pixels wide, once for the three pages.
	if got := strings.Join(published, " "); got != "1200 480 800" {
		t.Errorf("published widths %q, want 1200 480 800", got)
	}
	pages := []string{"bai-viet/chi-lan/index.html", "phong-trao/chuyen-doi-so/index.html", "nhan-vat/hoang-thi-lan/index.html"}
	for _, page := range pages {
		var shown, pictures int // cot-moc.jpg shown, and every picture of the body
		for _, img := range findAll(parseHTML(t, get(t, mem, page)), "img") {
			if strings.HasPrefix(attr(img, "src"), "/guong/"+urls.Pictures) {
				pictures++
			}
			if !strings.Contains(attr(img, "src"), "cot-moc") {
				continue
			}
			shown++
			src := attr(img, "src")
			if !name.MatchString(strings.TrimPrefix(src, "/guong/")) || !strings.Contains(src, "-800w.") {
				t.Errorf("%s: src %q, want /guong/anh/cot-moc-800w.….jpg", page, src)
			}
			set := strings.Split(attr(img, "srcset"), ", ")
			if len(set) != 3 {
				t.Errorf("%s: srcset %q", page, attr(img, "srcset"))
			}
			for i, s := range set {
				url, w, _ := strings.Cut(s, " ")
				if want := []string{"480w", "800w", "1200w"}[i]; w != want {
					t.Errorf("%s: srcset entry %q, want %s", page, s, want)
				}
				if _, ok := mem.Get(strings.TrimPrefix(url, "/guong/")); !ok {
					t.Errorf("%s: srcset names %s, which is not published", page, url)
				}
			}
			if attr(img, "width") != "1200" || attr(img, "height") != "750" {
				t.Errorf("%s: %sx%s, want 1200x750", page, attr(img, "width"), attr(img, "height"))
			}
			// The first picture of a body loads at once, the others lazily.
			if (attr(img, "loading") == "lazy") != (pictures > 1) || attr(img, "decoding") != "async" || attr(img, "sizes") == "" {
				t.Errorf("%s: %v", page, img.Attr)
			}
			if alt := attr(img, "alt"); alt == "" || alt == "Lần nữa" && page != pages[0] {
				t.Errorf("%s: alt %q", page, alt)
			}
		}
		if want := map[string]int{pages[0]: 2}[page]; shown != max(want, 1) {
			t.Errorf("%s shows the picture %d times", page, shown)
		}
	}
	first := findAll(parseHTML(t, get(t, mem, pages[0])), "img")
	var kept bool
	for _, img := range first {
		kept = kept || attr(img, "alt") == `Cột mốc số 1 & "đường biên"` && attr(img, "title") == "Cột mốc"
	}
	if !kept {
		t.Errorf("the alt text and title are not kept")
	}
}

// TestBodyPictureLimits: a body's picture with too many pixels, a damaged
// one and a text named .jpg are errors at their place in the body, found
// by guong check as by guong build.
func TestBodyPictureLimits(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	const lan = "content/stories/2023/chi-lan.md"
	lines := strings.Count(string(fsys[lan].Data), "\n")
	fsys[lan] = &fstest.MapFile{Data: append(append([]byte(nil), fsys[lan].Data...), "\nXem  ![lớn](lon.png)\n\n![ghi chú](ghi-chu.jpg)\n"...)}
	fsys["content/stories/2023/lon.png"] = &fstest.MapFile{Data: []byte(imagetest.PNGHeader(9000, 9000))}
	fsys["content/stories/2023/ghi-chu.jpg"] = &fstest.MapFile{Data: []byte("ghi chú riêng")}
	want := []string{
		fmt.Sprintf(`%s:%d:6: the image "lon.png" is too large (9000×9000 pixels); make it smaller than 50 million pixels`, lan, lines+2),
		fmt.Sprintf(`%s:%d:1: file "ghi-chu.jpg" is not a JPEG, PNG, GIF or WebP image`, lan, lines+4),
	}
	errorsOf := func(r *Result) string {
		var got []string
		for _, d := range r.Diags {
			if d.Severity == diag.Error {
				got = append(got, d.Format("en"))
			}
		}
		return strings.Join(got, "\n")
	}
	opts := Options{Themes: themes.FS, Now: buildNow}
	r, err := Run(context.Background(), fsys, publish.NewMemory(), opts)
	if err == nil || errorsOf(r) != strings.Join(want, "\n") {
		t.Errorf("build: errors\n%s\nwant\n%s", errorsOf(r), strings.Join(want, "\n"))
	}
	if r := Check(context.Background(), fsys, opts); errorsOf(r) != strings.Join(want, "\n") {
		t.Errorf("check: errors\n%s\nwant\n%s", errorsOf(r), strings.Join(want, "\n"))
	}
}

// pictureReads counts the reads of files whose name ends in suffix.
type pictureReads struct {
	fstest.MapFS
	suffix string
	mu     sync.Mutex
	reads  int
}

func (c *pictureReads) count(name string) {
	if strings.HasSuffix(name, c.suffix) {
		c.mu.Lock()
		c.reads++
		c.mu.Unlock()
	}
}

func (c *pictureReads) Open(name string) (fs.File, error) { c.count(name); return c.MapFS.Open(name) }
func (c *pictureReads) ReadFile(name string) ([]byte, error) {
	c.count(name)
	return c.MapFS.ReadFile(name)
}

// TestPreviewPicturesRemembered: the preview's rebuild reads no picture a
// body shows that did not change, and makes an edited one again.
func TestPreviewPicturesRemembered(t *testing.T) {
	site, _ := bodyPictureSite(t)
	for _, f := range site {
		f.ModTime = time.Unix(100, 0)
	}
	fsys := &pictureReads{MapFS: site, suffix: "cot-moc.jpg"}
	b := NewBuilder(fsys, Options{Themes: themes.FS, Now: buildNow})
	ctx := context.Background()
	if _, _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	const lan = "content/stories/2023/chi-lan.md"
	site[lan] = &fstest.MapFile{Data: append(append([]byte(nil), site[lan].Data...), "\nMột câu nữa.\n"...), ModTime: time.Unix(200, 0)}
	fsys.reads = 0
	if _, _, err := b.BuildChanged(ctx, []string{lan}); err != nil {
		t.Fatal(err)
	}
	if fsys.reads != 0 {
		t.Errorf("a rebuild read the unchanged pictures %d times", fsys.reads)
	}
	site["content/stories/2023/cot-moc.jpg"] = &fstest.MapFile{Data: picture(t, 900, 600, "jpeg"), ModTime: time.Unix(300, 0)}
	r, snap, err := b.BuildChanged(ctx, []string{"content/stories/2023/cot-moc.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Images.Resized == 0 {
		t.Errorf("the edited picture was not resized: %+v", r.Images)
	}
	page, _, _ := snap.File("bai-viet/chi-lan/index.html")
	if !strings.Contains(string(page), `width="900"`) {
		t.Errorf("the story does not show the edited picture")
	}
}
